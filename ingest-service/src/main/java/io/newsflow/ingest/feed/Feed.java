package io.newsflow.ingest.feed;

import java.time.Instant;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;

import io.newsflow.ingest.identity.ArticleIdentity;

/**
 * A registered source: an RSS/Atom feed or a (news) sitemap. The id derives from the normalised URL, so registering
 * the same URL twice (or from configuration and over HTTP) is one source.
 *
 * @param origin {@code api} (registered over HTTP, kept on the registrations topic) or {@code config}
 * @param kind {@code feed} or {@code sitemap}; absent in registrations written before sitemaps existed (a feed)
 */
public record Feed(String id, String url, long intervalSeconds, String origin, Instant registeredAt, String kind) {

    public static final String API = "api";
    public static final String CONFIG = "config";
    public static final String FEED = "feed";
    public static final String SITEMAP = "sitemap";

    private static final NameBasedGenerator IDS = Generators.nameBasedGenerator(ArticleIdentity.NAMESPACE);

    public Feed {
        kind = kind == null ? FEED : kind;
    }

    public Feed(String id, String url, long intervalSeconds, String origin, Instant registeredAt) {
        this(id, url, intervalSeconds, origin, registeredAt, FEED);
    }

    public boolean sitemap() {
        return SITEMAP.equals(kind);
    }

    /** "feed " + the normalised URL: never the name of an article's id, which is a bare URL or text. */
    public static String idOf(String url) {
        return IDS.generate("feed " + ArticleIdentity.normaliseUrl(url)).toString();
    }
}
