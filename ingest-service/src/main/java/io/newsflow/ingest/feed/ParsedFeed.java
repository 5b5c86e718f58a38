package io.newsflow.ingest.feed;

import java.util.List;

/** A feed document: its title (the articles' source name) and its entries in document order. */
public record ParsedFeed(String title, List<FeedItem> items) {

    public ParsedFeed {
        items = List.copyOf(items);
    }
}
