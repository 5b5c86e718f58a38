package io.newsflow.ingest.feed;

import java.time.Instant;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;

import io.newsflow.ingest.identity.ArticleIdentity;

/**
 * A registered feed. The id derives from the normalised URL, so registering the same feed twice (or from
 * configuration and over HTTP) is one feed.
 *
 * @param origin {@code api} (registered over HTTP, kept on the registrations topic) or {@code config}
 */
public record Feed(String id, String url, long intervalSeconds, String origin, Instant registeredAt) {

    public static final String API = "api";
    public static final String CONFIG = "config";

    private static final NameBasedGenerator IDS = Generators.nameBasedGenerator(ArticleIdentity.NAMESPACE);

    /** "feed " + the normalised URL: never the name of an article's id, which is a bare URL or text. */
    public static String idOf(String url) {
        return IDS.generate("feed " + ArticleIdentity.normaliseUrl(url)).toString();
    }
}
