package io.newsflow.ingest.feed;

import java.io.IOException;

import io.newsflow.ingest.extract.HtmlArticleExtractorTest;
import io.newsflow.ingest.fetch.FixtureServer;

/** A news site on a local fixture server: an RSS feed of three stories whose pages carry navigation, ads and footers. */
public final class FeedFixtures {

    public static final String FEED = "/feed.xml";

    private FeedFixtures() {
    }

    /** Serves the feed and the three story pages; item links carry tracking parameters. */
    public static void serveSite(FixtureServer server) throws IOException {
        for (int i = 1; i <= 3; i++) {
            server.serve("/news/story-" + i, "text/html; charset=utf-8", HtmlArticleExtractorTest.fixture("story-" + i + ".html"));
        }
        server.serve(FEED, "application/rss+xml; charset=utf-8", rss(server.port()));
    }

    public static String rss(int port) {
        String base = "http://127.0.0.1:" + port;
        StringBuilder items = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            items.append("""
                    <item>
                      <title>Feed title %1$d</title>
                      <link>%2$s/news/story-%1$d?utm_source=rss&amp;utm_medium=feed</link>
                      <guid isPermaLink="false">story-%1$d-%3$d</guid>
                      <description>Feed description of story %1$d.</description>
                      <pubDate>Mon, 04 Mar 2024 12:00:00 GMT</pubDate>
                    </item>
                    """.formatted(i, base, port));
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Local Gazette</title><link>%s/</link><description>Local news</description>
                %s</channel></rss>
                """.formatted(base, items);
    }
}
