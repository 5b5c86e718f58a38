package io.newsflow.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A news site on 127.0.0.1 for the feed test: an RSS feed of {@code n} items whose links lead to article pages with a
 * story between navigation, an advertisement and a footer — the boilerplate that article extraction must leave out.
 */
final class LocalNewsSite implements AutoCloseable {

    static final String BOILERPLATE_AD = "Buy the new Gizmo 3000 today and save forty percent";
    static final String BOILERPLATE_FOOTER = "All rights reserved. Privacy policy. Cookie settings.";

    private final HttpServer server;
    private final int items;

    private LocalNewsSite(HttpServer server, int items) {
        this.server = server;
        this.items = items;
    }

    static LocalNewsSite start(int items) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        LocalNewsSite site = new LocalNewsSite(server, items);
        server.createContext("/", site::handle);
        server.start();
        return site;
    }

    String feedUrl() {
        return base() + "/feed.xml";
    }

    String storyUrl(int n) {
        return base() + "/news/story-" + n;
    }

    static String headline(int n) {
        return "Harbour " + n + " reopens after a three-day storm";
    }

    static String storySentence(int n) {
        return "The port authority reopened harbour number " + n + " on Tuesday morning after a storm that kept every "
                + "ferry and fishing boat tied up for three days";
    }

    static String author(int n) {
        return "Maria Lindqvist " + n;
    }

    static String published(int n) {
        return "2024-03-0" + n + "T07:15:00Z";
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/feed.xml")) {
            respond(exchange, 200, "application/rss+xml; charset=utf-8", feed());
        } else if (path.startsWith("/news/story-")) {
            int n = Integer.parseInt(path.substring("/news/story-".length()));
            respond(exchange, n >= 1 && n <= items ? 200 : 404, "text/html; charset=utf-8", page(n));
        } else {
            respond(exchange, 404, "text/plain", "not found");
        }
    }

    private String feed() {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>The Coastal Times</title><link>%s/</link>
                <description>Local news</description>
                """.formatted(base()));
        for (int n = 1; n <= items; n++) {
            xml.append("<item><title>").append(headline(n)).append("</title><link>").append(storyUrl(n))
                    .append("</link><guid>story-").append(n).append("</guid><description>A short teaser.</description>")
                    .append("</item>\n");
        }
        return xml.append("</channel></rss>\n").toString();
    }

    private String page(int n) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%1$s | The Coastal Times</title>
                <link rel="canonical" href="%2$s">
                <meta property="og:title" content="%1$s">
                <script type="application/ld+json">
                {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "%1$s",
                 "datePublished": "%3$s", "author": [{"@type": "Person", "name": "%4$s"}]}
                </script></head>
                <body>
                <header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
                <li><a href="/subscribe">Subscribe now for unlimited access</a></li></ul></nav></header>
                <aside class="ad sponsored"><p>ADVERTISEMENT: %5$s on every order.</p></aside>
                <main><article class="story"><h1>%1$s</h1>
                <p>%6$s, the longest closure in more than a decade.</p>
                <p>Crews worked through the night to clear debris from the main channel, and the first ferry left for
                the islands shortly after seven o'clock with about two hundred passengers on board.</p>
                <p>Fishermen said the closure had cost them a week of income, and the regional council promised to
                discuss an emergency support fund at its meeting on Thursday.</p>
                <p>Forecasters expect calmer weather for the rest of the week, although strong winds could return on
                Sunday.</p>
                </article></main>
                <footer><p>Copyright 2024 The Coastal Times. %7$s</p></footer>
                </body></html>
                """.formatted(headline(n), storyUrl(n), published(n), author(n), BOILERPLATE_AD, storySentence(n),
                BOILERPLATE_FOOTER);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
