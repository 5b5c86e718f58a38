package io.newsflow.ingest.feed;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a feed, as the feed tells it. {@code key} tells entries apart across polls (guid/id, else link, else
 * title); {@code text} is the entry's own content or description as plain text, the fallback for the article body.
 */
public record FeedItem(String key, String link, String title, String text, String summary, List<String> authors,
        Instant published) {

    public FeedItem {
        authors = List.copyOf(authors);
    }
}
