package io.newsflow.ingest.article;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.newsflow.events.RawArticle;
import io.newsflow.events.Source;
import io.newsflow.events.SourceType;
import io.newsflow.ingest.identity.ArticleIdentity;

/** Turns a valid submission into the event published on the raw topic: cleaned text, identity, content hash. */
@ApplicationScoped
public class ArticleFactory {

    private final Clock clock;

    @Inject
    public ArticleFactory() {
        this(Clock.systemUTC());
    }

    public ArticleFactory(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param submission an article {@link ArticleValidator#validate} found no fault with
     * @param type how it reached newsflow
     * @param defaultSourceName the source name when the submission names none
     */
    public RawArticle create(ArticleSubmission submission, SourceType type, String defaultSourceName) {
        return create(submission, type, defaultSourceName, null);
    }

    /** As {@link #create(ArticleSubmission, SourceType, String)}, for an article that came from the feed at {@code feedUrl}. */
    public RawArticle create(ArticleSubmission submission, SourceType type, String defaultSourceName, String feedUrl) {
        String canonicalUrl = submission.canonicalUrl() == null ? null : ArticleIdentity.normaliseUrl(submission.canonicalUrl());
        String url = submission.url() == null ? null : ArticleIdentity.parseHttpUrl(submission.url()).toASCIIString();
        String title = ArticleText.title(submission.title());
        String body = ArticleText.body(submission.body());
        List<String> authors = submission.authors().stream().map(ArticleText::line).toList();
        Instant publishedAt = submission.publishedAt() == null ? null : ArticleValidator.parseInstant(submission.publishedAt());
        String sourceName = submission.sourceName() == null ? defaultSourceName : ArticleText.line(submission.sourceName());
        return new RawArticle(
                ArticleIdentity.idOf(canonicalUrl, title, body),
                url,
                canonicalUrl,
                title,
                body,
                ArticleText.summary(submission.summary()),
                authors,
                publishedAt,
                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                new Source(type, sourceName, feedUrl),
                ArticleIdentity.contentHash(title, body));
    }
}
