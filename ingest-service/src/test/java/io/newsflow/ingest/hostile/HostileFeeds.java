package io.newsflow.ingest.hostile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.newsflow.ingest.fetch.FixtureServer;

/**
 * Generates hostile feeds on a fixture server, each at its own path, with the feed status the README documents for
 * it: {@code error} (unreadable, HTTP error, too large, too slow, too many redirects) or {@code refused} (a redirect to
 * an address or scheme the fetch policy refuses). Where a feed would try to reach somewhere (an external entity, a
 * private address that is in fact this server), that place is a probe path that must never be asked for.
 */
final class HostileFeeds {

    /** One feed URL and the status its poll must end in. */
    record FeedCase(String category, String description, String url, String status) {
    }

    /** Every probe path starts with this; none may ever be requested. */
    static final String PROBE = "/probe-";

    private final FixtureServer server;
    private final Random random;
    private final List<FeedCase> cases = new ArrayList<>();
    private int counter;

    HostileFeeds(FixtureServer server, long seed) {
        this.server = server;
        this.random = new Random(seed * 31 + 100);
    }

    List<FeedCase> generate() {
        xxe(25);
        entityExpansion(20);
        doctype(10);
        privateRedirects(35);
        redirectChains(10);
        hugeAndEndless(15);
        malformed(25);
        wrongContent(15);
        httpErrors(7);
        slow(8);
        return List.copyOf(cases);
    }

    /** A valid RSS feed of {@code items} entries linking to pages of this server, after {@code prolog}. */
    String rss(String prolog, int items) {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < items; i++) {
            entries.append("<item><title>Story ").append(random.nextInt(1_000_000)).append(" &amp; more</title>")
                    .append("<link>").append(server.url("/story-" + random.nextInt(1_000_000))).append("</link>")
                    .append("<guid>g-").append(Long.toHexString(random.nextLong())).append("</guid>")
                    .append("<description>").append(HostileRequests.words(random, 20)).append("</description></item>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + prolog
                + "<rss version=\"2.0\"><channel><title>Hostile</title><link>" + server.url("/") + "</link>"
                + "<description>d</description>" + entries + "</channel></rss>";
    }

    private String path() {
        return "/feed-" + counter++ + ".xml";
    }

    private String probe() {
        return server.url(PROBE + counter++);
    }

    private void add(String category, String description, String path, String status) {
        cases.add(new FeedCase(category, description, server.url(path), status));
    }

    private void serve(String category, String description, String contentType, String body, String status) {
        String path = path();
        server.serve(path, contentType, body);
        add(category, description, path, status);
    }

    private void xxe(int count) {
        for (int i = 0; i < count; i++) {
            String doctype = switch (i % 5) {
                case 0 -> "<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>";
                case 1 -> "<!DOCTYPE rss [<!ENTITY x SYSTEM \"" + probe() + "\">]>";
                case 2 -> "<!DOCTYPE rss [<!ENTITY % p SYSTEM \"" + probe() + "\"> %p;]>";
                case 3 -> "<!DOCTYPE rss SYSTEM \"" + probe() + ".dtd\">";
                default -> "<!DOCTYPE rss [<!ENTITY x SYSTEM \"" + probe().replace("http://", "ftp://") + "\">]>";
            };
            String feed = rss(doctype, 1 + random.nextInt(3)).replace("<description>d</description>",
                    "<description>&x;</description>");
            serve("feed: XXE", "form " + (i % 5), "application/rss+xml", i % 5 == 2 || i % 5 == 3 ? rss(doctype, 2) : feed,
                    "error");
        }
    }

    private void entityExpansion(int count) {
        for (int i = 0; i < count; i++) {
            StringBuilder doctype = new StringBuilder("<!DOCTYPE rss [<!ENTITY l0 \"lol\">");
            String reference;
            if (i % 4 == 3) {
                // Quadratic blow-up: one large entity referenced many times, no nesting.
                doctype.append("<!ENTITY big \"").append("x".repeat(20_000 + random.nextInt(30_000))).append("\">");
                reference = "&big;".repeat(1000 + random.nextInt(10_000));
            } else {
                int depth = 5 + random.nextInt(6);
                int width = 5 + random.nextInt(6);
                for (int d = 1; d <= depth; d++) {
                    doctype.append("<!ENTITY l").append(d).append(" \"").append(("&l" + (d - 1) + ";").repeat(width)).append("\">");
                }
                reference = "&l" + depth + ";";
            }
            doctype.append("]>");
            String feed = rss(doctype.toString(), 2).replace("<title>Hostile</title>", "<title>" + reference + "</title>");
            serve("feed: entity expansion", i % 4 == 3 ? "quadratic blow-up" : "billion laughs", "application/rss+xml", feed,
                    "error");
        }
    }

    private void doctype(int count) {
        String[] doctypes = {"<!DOCTYPE rss>",
            "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"" + server.url(PROBE + "dtd") + "\">",
            "<!DOCTYPE rss [<!ELEMENT rss ANY>]>", "<!DOCTYPE rss [<!ATTLIST rss version CDATA #IMPLIED>]>",
            "<!DOCTYPE html>"};
        for (int i = 0; i < count; i++) {
            serve("feed: DOCTYPE", doctypes[i % doctypes.length], "application/rss+xml", rss(doctypes[i % doctypes.length], 2),
                    "error");
        }
    }

    private void privateRedirects(int count) {
        int port = server.port();
        for (int i = 0; i < count; i++) {
            String probePath = PROBE + counter++;
            String[] targets = {"http://127.0.0.2:" + port + probePath, "http://10." + random.nextInt(256) + ".0.1/feed",
                "http://172." + (16 + random.nextInt(16)) + ".3.4/feed", "http://192.168." + random.nextInt(256) + ".1/",
                "http://169.254.169.254/latest/meta-data/", "http://[::1]:" + port + probePath, "http://[fd00::1]/feed",
                "http://0.0.0.0:" + port + probePath, "http://100.64." + random.nextInt(256) + ".1/",
                "http://2130706434:" + port + probePath, "http://0x7f000002:" + port + probePath,
                "http://[::ffff:10.0.0.1]/feed", "http://[::ffff:7f00:2]:" + port + probePath, "file:///etc/passwd",
                "ftp://127.0.0.1/feed", "gopher://127.0.0.1:" + port + "/", "http://user:pw@127.0.0.1:" + port + probePath,
                "javascript:alert(1)", "http://[fe80::1]/feed", "http://224.0.0.1/feed", "http://255.255.255.255/feed"};
            String target = targets[i % targets.length];
            int hops = random.nextInt(3);
            String first = path();
            String from = first;
            for (int h = 0; h < hops; h++) {
                String next = path();
                redirect(from, next);
                from = next;
            }
            redirect(from, target);
            add("feed: redirect to a private address", hops + " hop(s), then " + target.replace(":" + port, ":<port>"), first,
                    "refused");
        }
    }

    private void redirect(String path, String location) {
        int status = new int[] {301, 302, 303, 307, 308}[random.nextInt(5)];
        server.on(path, exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(status, -1);
        });
    }

    private void redirectChains(int count) {
        for (int i = 0; i < count; i++) {
            String first = path();
            if (i % 3 == 0) {
                redirect(first, first);
                add("feed: redirect loops and long chains", "a loop", first, "error");
                continue;
            }
            int hops = 4 + random.nextInt(6);
            String from = first;
            for (int h = 0; h < hops; h++) {
                String next = path();
                redirect(from, next);
                from = next;
            }
            server.serve(from, "application/rss+xml", rss("", 2));
            add("feed: redirect loops and long chains", hops + " redirects", first, "error");
        }
    }

    private void hugeAndEndless(int count) {
        for (int i = 0; i < count; i++) {
            String path = path();
            switch (i % 3) {
                case 0 -> {
                    StringBuilder feed = new StringBuilder(rss("", 3));
                    int size = HostileInputTest.FETCH_MAX_BODY + 1 + random.nextInt(2 << 20);
                    feed.insert(feed.indexOf("</channel>"), "<!--" + "x".repeat(size) + "-->");
                    server.serve(path, "application/rss+xml", feed.toString());
                    add("feed: huge and endless responses", "a " + feed.length() + "-byte feed", path, "error");
                }
                case 1 -> {
                    byte[] head = rss("", 3).replace("</channel></rss>", "").getBytes(StandardCharsets.UTF_8);
                    server.on(path, exchange -> {
                        exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
                        exchange.sendResponseHeaders(200, 0);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(head);
                            byte[] item = "<item><title>again</title><description>and again</description></item>"
                                    .getBytes(StandardCharsets.UTF_8);
                            // Endless as far as the poller can tell; bounded here so a broken limit cannot hang the build.
                            for (long sent = 0; sent < 256L << 20; sent += item.length) {
                                out.write(item);
                            }
                        } catch (IOException e) {
                            // The poller hung up, as it should.
                        }
                    });
                    add("feed: huge and endless responses", "an endless chunked feed", path, "error");
                }
                default -> {
                    int inflated = HostileInputTest.FETCH_MAX_BODY + 1 + random.nextInt(8 << 20);
                    byte[] bomb = HostileRequests.compress(true, out -> HostileRequests.fill(out, '<', ' ', inflated));
                    server.on(path, exchange -> {
                        exchange.getResponseHeaders().add("Content-Encoding", "gzip");
                        FixtureServer.respond(exchange, 200, "application/rss+xml", bomb);
                    });
                    add("feed: huge and endless responses", "a gzip bomb of " + inflated + " bytes", path, "error");
                }
            }
        }
    }

    private void malformed(int count) {
        for (int i = 0; i < count; i++) {
            String valid = rss("", 2);
            String body = switch (i % 8) {
                case 0, 1 -> valid.substring(0, 40 + random.nextInt(valid.indexOf("</rss>") - 40));
                case 2 -> valid.replace("</item>", "</channel>");
                case 3 -> valid.replace("<description>d</description>", "<description><![CDATA[never closed</description>");
                case 4 -> valid.replace("<title>Hostile</title>", "<title>Hostile\u0001\u0002</title>");
                case 5 -> valid + "<rss version=\"2.0\"></rss>";
                case 6 -> "this is not xml " + HostileRequests.words(random, 30);
                default -> valid.replace("<channel>", "<channel attr=\"unterminated>");
            };
            serve("feed: malformed XML", "form " + (i % 8), "application/rss+xml", body, "error");
        }
    }

    private void wrongContent(int count) {
        for (int i = 0; i < count; i++) {
            String path = path();
            switch (i % 5) {
                case 0 -> {
                    byte[] png = new byte[256 + random.nextInt(4096)];
                    random.nextBytes(png);
                    System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, png, 0, 8);
                    server.serve(path, "image/png", png);
                }
                case 1 -> server.serve(path, "application/json", HostileRequests.json(HostileRequests.article(random)));
                case 2 -> server.serve(path, "text/html", "<html><head><title>News</title></head><body><p>"
                        + HostileRequests.words(random, 40) + "</p></body></html>");
                case 3 -> server.serve(path, "application/rss+xml", new byte[0]);
                default -> server.serve(path, "text/plain", HostileRequests.words(random, 50));
            }
            add("feed: wrong content", new String[] {"PNG", "JSON", "HTML page", "empty body", "plain text"}[i % 5], path,
                    "error");
        }
    }

    private void httpErrors(int count) {
        int[] statuses = {500, 403, 404, 410, 451, 429, 502};
        for (int i = 0; i < count; i++) {
            String path = path();
            int status = statuses[i % statuses.length];
            server.on(path, exchange -> FixtureServer.respond(exchange, status, "application/rss+xml",
                    rss("", 2).getBytes(StandardCharsets.UTF_8)));
            add("feed: HTTP errors", "HTTP " + status, path, "error");
        }
    }

    private void slow(int count) {
        for (int i = 0; i < count; i++) {
            String path = path();
            byte[] feed = rss("", 3).getBytes(StandardCharsets.UTF_8);
            switch (i % 3) {
                case 0 -> server.on(path, exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
                    exchange.sendResponseHeaders(200, feed.length);
                    OutputStream out = exchange.getResponseBody();
                    for (byte b : feed) {
                        out.write(b);
                        out.flush();
                        pause(100);
                    }
                });
                case 1 -> server.on(path, exchange -> {
                    pause(HostileInputTest.FETCH_TOTAL_TIMEOUT_MS * 2L);
                    FixtureServer.respond(exchange, 200, "application/rss+xml", feed);
                });
                default -> server.on(path, exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
                    exchange.sendResponseHeaders(200, feed.length);
                    exchange.getResponseBody().write(feed, 0, feed.length / 2);
                    exchange.getResponseBody().flush();
                    pause(HostileInputTest.FETCH_TOTAL_TIMEOUT_MS * 2L);
                });
            }
            add("feed: slow responses", new String[] {"one byte per 100 ms", "no answer", "half an answer, then silence"}[i % 3],
                    path, "error");
        }
    }

    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
