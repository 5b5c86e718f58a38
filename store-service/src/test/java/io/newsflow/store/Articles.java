package io.newsflow.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.Enrichment;
import io.newsflow.events.Entity;
import io.newsflow.events.EntityType;
import io.newsflow.events.GoldenEvents;
import io.newsflow.events.Language;
import io.newsflow.events.Topic;

/** EnrichedArticle events for tests: the golden sample under a fresh id, with the changes a test needs. */
public final class Articles {

    private Articles() {
    }

    public static EnrichedArticle fresh() {
        EnrichedArticle golden = GoldenEvents.enrichedArticle();
        return new EnrichedArticle(UUID.randomUUID().toString(), golden.url(), golden.canonicalUrl(), golden.title(),
                golden.body(), golden.summary(), golden.authors(), golden.publishedAt(), golden.fetchedAt(),
                golden.source(), golden.contentHash(), golden.language(), golden.entities(), golden.topics(),
                golden.enrichment());
    }

    public static EnrichedArticle enriched(EnrichedArticle article, String version, Instant enrichedAt) {
        Enrichment e = article.enrichment();
        return new EnrichedArticle(article.id(), article.url(), article.canonicalUrl(), article.title(),
                article.body(), article.summary(), article.authors(), article.publishedAt(), article.fetchedAt(),
                article.source(), article.contentHash(), article.language(), article.entities(), article.topics(),
                new Enrichment(version, e.engines(), e.tookMs(), e.truncated(), enrichedAt));
    }

    /** The article as fetched at {@code fetchedAt} with this title, enriched at {@code enrichedAt}. */
    public static EnrichedArticle version(EnrichedArticle article, String title, Instant fetchedAt,
            Instant enrichedAt) {
        EnrichedArticle titled = titled(article, title);
        return enriched(new EnrichedArticle(titled.id(), titled.url(), titled.canonicalUrl(), titled.title(),
                titled.body(), titled.summary(), titled.authors(), titled.publishedAt(), fetchedAt, titled.source(),
                titled.contentHash(), titled.language(), titled.entities(), titled.topics(), titled.enrichment()),
                titled.enrichment().version(), enrichedAt);
    }

    public static EnrichedArticle titled(EnrichedArticle article, String title) {
        return new EnrichedArticle(article.id(), article.url(), article.canonicalUrl(), title, article.body(),
                article.summary(), article.authors(), article.publishedAt(), article.fetchedAt(), article.source(),
                article.contentHash(), article.language(), article.entities(), article.topics(),
                article.enrichment());
    }

    public static EnrichedArticle with(EnrichedArticle article, List<Entity> entities, List<Topic> topics) {
        return new EnrichedArticle(article.id(), article.url(), article.canonicalUrl(), article.title(),
                article.body(), article.summary(), article.authors(), article.publishedAt(), article.fetchedAt(),
                article.source(), article.contentHash(), article.language(), entities, topics, article.enrichment());
    }

    /** A fresh article with this text in this language, without entities or topics. */
    public static EnrichedArticle written(String languageCode, String title, String body) {
        EnrichedArticle golden = fresh();
        return new EnrichedArticle(golden.id(), null, null, title, body, null, List.of(), golden.publishedAt(),
                golden.fetchedAt(), golden.source(), contentHash(title, body), new Language(languageCode, 0.97),
                List.of(), List.of(), golden.enrichment());
    }

    /**
     * The first seed article ({@code seeds/000_f2058b10de2506b4.txt}, French: Putin visits Belarus), enriched the way
     * enrich-service is to tag it: its people and places, Belarus and Ukraine with their ISO 3166 references, and
     * the IPTC topics conflict and politics.
     */
    public static EnrichedArticle seed() {
        String text;
        try {
            text = Files.readString(Path.of("..", "seeds", "000_f2058b10de2506b4.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int end = text.indexOf('\n');
        String title = text.substring(0, end).strip();
        String body = text.substring(end).strip();
        EnrichedArticle seed = written("fr", title, body);
        return with(seed, List.of(
                entity("Vladimir Poutine", EntityType.PERSON, null, title + body, "Vladimir Poutine", "Poutine"),
                entity("Alexandre Loukachenko", EntityType.PERSON, null, title + body, "Alexandre Loukachenko",
                        "Loukachenko"),
                entity("Biélorussie", EntityType.LOCATION, "iso3166:BY", title + body, "Biélorussie"),
                entity("Ukraine", EntityType.LOCATION, "iso3166:UA", title + body, "Ukraine")),
                List.of(new Topic("medtop:16000000", "conflict, war and peace", 0.91),
                        new Topic("medtop:11000000", "politics", 0.74)));
    }

    /** An entity of {@code text} with its mentions counted there. */
    public static Entity entity(String name, EntityType type, String ref, String text, String... surfaceForms) {
        int mentions = 0;
        int first = Integer.MAX_VALUE;
        for (String form : surfaceForms) {
            for (int at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + form.length())) {
                mentions++;
                first = Math.min(first, at);
            }
        }
        return new Entity(name, type, ref, Math.max(mentions, 1), List.of(surfaceForms),
                first == Integer.MAX_VALUE ? 0 : first);
    }

    private static String contentHash(String title, String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((title + "\n\n" + body).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
