package io.newsflow.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class FeedParserTest {

    static final String RSS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel>
                <title>Coastal Times</title>
                <link>https://coastal.example/</link>
                <description>News</description>
                <item>
                  <title>Harbour reopens</title>
                  <link>/news/harbour-reopens?utm_source=rss</link>
                  <guid isPermaLink="false">story-1</guid>
                  <description>&lt;p&gt;The port &lt;b&gt;reopened&lt;/b&gt;.&lt;/p&gt;</description>
                  <dc:creator>Maria Lindqvist</dc:creator>
                  <pubDate>Tue, 05 Mar 2024 07:15:00 GMT</pubDate>
                </item>
              </channel>
            </rss>
            """;

    private static ParsedFeed parse(String xml) throws FeedParseException {
        return FeedParser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/rss+xml", "https://coastal.example/feed.xml");
    }

    @Test
    void rss2ItemsAreRead() throws Exception {
        ParsedFeed feed = parse(RSS);

        assertThat(feed.title()).isEqualTo("Coastal Times");
        assertThat(feed.items()).singleElement().satisfies(item -> {
            assertThat(item.key()).isEqualTo("story-1");
            assertThat(item.link()).isEqualTo("https://coastal.example/news/harbour-reopens?utm_source=rss");
            assertThat(item.title()).isEqualTo("Harbour reopens");
            assertThat(item.text()).isEqualTo("The port reopened.");
            assertThat(item.authors()).containsExactly("Maria Lindqvist");
            assertThat(item.published()).isEqualTo(Instant.parse("2024-03-05T07:15:00Z"));
        });
    }

    @Test
    void rss091ItemsAreRead() throws Exception {
        ParsedFeed feed = parse("""
                <?xml version="1.0"?>
                <rss version="0.91"><channel><title>Old</title><link>https://old.example/</link><description>d</description>
                <language>en</language>
                <item><title>First</title><link>https://old.example/1</link><description>One.</description></item>
                </channel></rss>
                """);

        assertThat(feed.items()).extracting(FeedItem::link).containsExactly("https://old.example/1");
        assertThat(feed.items().get(0).key()).isEqualTo("https://old.example/1");
    }

    @Test
    void atom10EntriesAreRead() throws Exception {
        ParsedFeed feed = parse("""
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom">
                  <title>Valley News</title>
                  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
                  <updated>2024-03-07T06:30:00Z</updated>
                  <entry>
                    <title>Rail line reopens</title>
                    <link rel="alternate" href="https://valley.example/rail"/>
                    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
                    <published>2024-03-07T06:30:00Z</published>
                    <updated>2024-03-07T07:00:00Z</updated>
                    <author><name>Ana Ruiz</name></author>
                    <summary>Trains return in May.</summary>
                  </entry>
                </feed>
                """);

        assertThat(feed.title()).isEqualTo("Valley News");
        assertThat(feed.items()).singleElement().satisfies(item -> {
            assertThat(item.key()).isEqualTo("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");
            assertThat(item.link()).isEqualTo("https://valley.example/rail");
            assertThat(item.authors()).containsExactly("Ana Ruiz");
            assertThat(item.published()).isEqualTo(Instant.parse("2024-03-07T06:30:00Z"));
            assertThat(item.text()).isEqualTo("Trains return in May.");
        });
    }

    @Test
    void rdfItemsAreRead() throws Exception {
        ParsedFeed feed = parse("""
                <?xml version="1.0"?>
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                         xmlns:dc="http://purl.org/dc/elements/1.1/">
                  <channel rdf:about="https://city.example/rss">
                    <title>City</title><link>https://city.example/</link><description>d</description>
                    <items><rdf:Seq><rdf:li resource="https://city.example/library"/></rdf:Seq></items>
                  </channel>
                  <item rdf:about="https://city.example/library">
                    <title>Library hours</title><link>https://city.example/library</link>
                    <description>Open later.</description><dc:creator>Jonas Berg</dc:creator>
                    <dc:date>2024-03-06T10:00:00Z</dc:date>
                  </item>
                </rdf:RDF>
                """);

        assertThat(feed.items()).singleElement().satisfies(item -> {
            assertThat(item.link()).isEqualTo("https://city.example/library");
            assertThat(item.authors()).containsExactly("Jonas Berg");
            assertThat(item.published()).isEqualTo(Instant.parse("2024-03-06T10:00:00Z"));
        });
    }

    @Test
    void externalEntitiesAreRefused() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <rss version="2.0"><channel><title>&secret;</title><link>https://e.example/</link><description>d</description>
                <item><title>&secret;</title><link>https://e.example/1</link></item></channel></rss>
                """;

        assertThatThrownBy(() -> parse(xxe)).isInstanceOf(FeedParseException.class);
    }

    @Test
    void entityExpansionIsRefused() {
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        laughs.append("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title><link>https://e.example/</link>")
                .append("<description>d</description></channel></rss>");

        assertThatThrownBy(() -> parse(laughs.toString())).isInstanceOf(FeedParseException.class);
    }

    @Test
    void theEncodingDeclaredByTheFeedIsUsed() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <rss version="2.0"><channel><title>Actualités</title><link>https://fr.example/</link><description>d</description>
                <item><title>Biélorussie</title><link>https://fr.example/1</link></item></channel></rss>
                """;

        ParsedFeed feed = FeedParser.parse(xml.getBytes(StandardCharsets.ISO_8859_1), "text/xml", "https://fr.example/rss");

        assertThat(feed.title()).isEqualTo("Actualités");
        assertThat(feed.items().get(0).title()).isEqualTo("Biélorussie");
    }

    @Test
    void aBodyThatIsNotAFeedIsRefused() {
        assertThatThrownBy(() -> parse("<html><body>Not a feed</body></html>")).isInstanceOf(FeedParseException.class);
        assertThatThrownBy(() -> parse("\u0000\u0001binary")).isInstanceOf(FeedParseException.class);
    }
}
