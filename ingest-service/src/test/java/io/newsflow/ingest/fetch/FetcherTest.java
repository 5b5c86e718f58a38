package io.newsflow.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Vertx;

public class FetcherTest {

    private static Vertx vertx;
    private FixtureServer server;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new FixtureServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    public static FetchSettings settings(long maxBody, boolean allowPrivate) {
        return new TestFetchSettings("newsflow-test/1.0 (+https://newsflow.io/bot)", allowPrivate, Duration.ofSeconds(2),
                Duration.ofMillis(700), Duration.ofSeconds(5), maxBody, 3, Duration.ZERO, Duration.ofHours(1));
    }

    /** Treats 127.0.0.1 as if it were a public address and every other address as the real policy does. */
    public static AddressPolicy onlyLoopbackOneIsPublic() {
        return new AddressPolicy(false) {
            @Override
            public String refusal(InetAddress address) {
                return address.getHostAddress().equals("127.0.0.1") ? null : super.refusal(address);
            }
        };
    }

    private Fetcher fetcher(long maxBody) {
        return new Fetcher(vertx, settings(maxBody, true));
    }

    @Test
    void aPageIsFetchedWithTheConfiguredUserAgent() throws Exception {
        server.serve("/page", "text/html; charset=utf-8", "<p>Hello</p>");

        FetchResponse response = fetcher(1024).get(server.url("/page"), Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("<p>Hello</p>");
        assertThat(response.header("Content-Type")).startsWith("text/html");
        assertThat(server.requests()).filteredOn(r -> r.path().equals("/page")).singleElement()
                .satisfies(r -> assertThat(r.headers().getFirst("User-Agent")).startsWith("newsflow-test/1.0"));
    }

    @Test
    void loopbackAddressesAreRefusedUnlessAllowed() {
        Fetcher strict = new Fetcher(vertx, settings(1024, false));
        server.serve("/feed.xml", "application/rss+xml", "<rss/>");

        assertThatThrownBy(() -> strict.get(server.url("/feed.xml"), Map.of()))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.refused()).isTrue())
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> strict.checkUrl("http://[::1]:" + server.port() + "/feed.xml")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> strict.checkUrl("http://169.254.169.254/latest/meta-data/")).hasMessageContaining("link-local");
        assertThatThrownBy(() -> strict.checkUrl("http://2130706433:" + server.port() + "/")).hasMessageContaining("loopback");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void onlyHttpAndHttpsAreFetched() {
        for (String url : new String[] {"ftp://example.org/feed.xml", "file:///etc/passwd", "gopher://example.org/"}) {
            assertThatThrownBy(() -> fetcher(1024).get(url, Map.of()))
                    .as(url)
                    .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.refused()).isTrue());
        }
    }

    @Test
    void aRedirectToAPrivateAddressIsRefusedBeforeAnyConnection() {
        Fetcher fetcher = new Fetcher(vertx, settings(1024, false), onlyLoopbackOneIsPublic());
        server.redirect("/feed.xml", "http://127.0.0.2:" + server.port() + "/internal");
        server.serve("/internal", "application/rss+xml", "<rss/>");

        assertThatThrownBy(() -> fetcher.get(server.url("/feed.xml"), Map.of()))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.refused()).isTrue())
                .hasMessageContaining("127.0.0.2");
        assertThat(server.requestsTo("/feed.xml")).isEqualTo(1);
        assertThat(server.requestsTo("/internal")).isZero();
    }

    @Test
    void redirectsAreFollowedUpToTheLimit() throws Exception {
        server.redirect("/a", "/b").redirect("/b", "/c").serve("/c", "text/plain", "arrived");
        server.redirect("/loop", "/loop");

        FetchResponse response = fetcher(1024).get(server.url("/a"), Map.of());
        assertThat(response.url()).isEqualTo(server.url("/c"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("arrived");

        assertThatThrownBy(() -> fetcher(1024).get(server.url("/loop"), Map.of()))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.refused()).isFalse())
                .hasMessageContaining("redirects more than 3 times");
    }

    @Test
    void aBodyOverTheLimitIsAbandoned() {
        server.serve("/big", "text/html", new byte[64 * 1024]);

        assertThatThrownBy(() -> fetcher(16 * 1024).get(server.url("/big"), Map.of()))
                .isInstanceOf(FetchException.class).hasMessageContaining("larger than 16384 bytes");
    }

    @Test
    void aCompressedBodyIsLimitedAfterDecompression() throws Exception {
        byte[] bomb = FixtureServer.gzip(new byte[4 * 1024 * 1024]);
        server.on("/bomb", exchange -> {
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            FixtureServer.respond(exchange, 200, "application/rss+xml", bomb);
        });

        assertThat(bomb.length).isLessThan(16 * 1024);
        assertThatThrownBy(() -> fetcher(64 * 1024).get(server.url("/bomb"), Map.of()))
                .isInstanceOf(FetchException.class).hasMessageContaining("larger than 65536 bytes");
    }

    @Test
    void aServerThatStopsSendingTimesOut() {
        server.on("/slow", exchange -> {
            exchange.sendResponseHeaders(200, 100);
            exchange.getResponseBody().write("partial".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        long start = System.nanoTime();
        assertThatThrownBy(() -> fetcher(1024).get(server.url("/slow"), Map.of())).isInstanceOf(FetchException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2900));
    }

    @Test
    void robotsTxtIsHonoured() throws Exception {
        server.serve("/robots.txt", "text/plain", "User-agent: newsflow-test\nDisallow: /private/\n\nUser-agent: *\nAllow: /\n");
        server.serve("/private/story", "text/html", "<p>secret</p>");
        server.serve("/public/story", "text/html", "<p>open</p>");
        Fetcher fetcher = fetcher(1024);

        assertThat(fetcher.get(server.url("/public/story"), Map.of()).status()).isEqualTo(200);
        assertThatThrownBy(() -> fetcher.get(server.url("/private/story"), Map.of()))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.refused()).isTrue())
                .hasMessageContaining("robots.txt");
        assertThat(server.requestsTo("/private/story")).isZero();
        assertThat(server.requestsTo("/robots.txt")).isEqualTo(1);
    }

    @Test
    void requestsToOneHostAreSpacedByTheRateLimit() throws Exception {
        server.serve("/page", "text/plain", "x");
        FetchSettings slow = new TestFetchSettings("newsflow-test/1.0", true, Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 1024, 3, Duration.ofMillis(300), Duration.ofHours(1));
        Fetcher fetcher = new Fetcher(vertx, slow);

        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            fetcher.get(server.url("/page"), Map.of());
        }
        // robots.txt, then three pages: four requests, three waits of 300 ms.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void anUnreachableRobotsTxtMakesTheSiteFailForNowNotRefusedAndIsNotAskedAgainAtOnce() throws Exception {
        server.on("/robots.txt", exchange -> exchange.sendResponseHeaders(503, -1));
        server.serve("/page", "text/html", "<p>page</p>");
        Fetcher fetcher = fetcher(1024);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> fetcher.get(server.url("/page"), Map.of()))
                    .isInstanceOfSatisfying(FetchException.class, e -> {
                        assertThat(e.refused()).isFalse();
                        assertThat(e.isTransient()).isTrue();
                    })
                    .hasMessageContaining("unreachable");
        }
        assertThat(server.requestsTo("/robots.txt")).isEqualTo(1);
        assertThat(server.requestsTo("/page")).isZero();
    }

    @Test
    void aRedirectedRobotsTxtIsFollowedAndItsRulesApply() throws Exception {
        server.redirect("/robots.txt", server.url("/real-robots.txt"));
        server.serve("/real-robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\n");
        server.serve("/public", "text/html", "<p>public</p>");

        Fetcher fetcher = fetcher(1024);

        assertThat(fetcher.get(server.url("/public"), Map.of()).status()).isEqualTo(200);
        assertThatThrownBy(() -> fetcher.get(server.url("/private/page"), Map.of()))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.refused()).isTrue());
    }

    @Test
    void aRobotsTxtLargerThanItsLimitIsReadUpToTheLimitInsteadOfFailing() throws Exception {
        // Over the fetcher's 1 KiB body limit and the robots limit of 500 KiB: the rules at its start still hold.
        server.serve("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\n" + "# padding\n".repeat(60_000));
        server.serve("/public", "text/html", "<p>public</p>");
        Fetcher fetcher = fetcher(1024);

        assertThat(fetcher.get(server.url("/public"), Map.of()).status()).isEqualTo(200);
        assertThatThrownBy(() -> fetcher.get(server.url("/private/page"), Map.of()))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.refused()).isTrue());
    }

    // HTTP/1.0 the way Python's http.server answers: a status line, headers, no Content-Length, the body ended by
    // closing the connection, and a plain 404 for robots.txt: a raw-socket server written here (the JDK's HttpServer
    // only speaks HTTP/1.1), and Python's own http.server where Python is installed.

    @Test
    void aResponseEndedByClosingTheConnectionIsReadAndA404RobotsTxtAllowsEverything() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> serveHttp10(server, requests));
            serving.setDaemon(true);
            serving.start();
            Fetcher fetcher = new Fetcher(vertx, FetcherTest.settings(1024 * 1024, true));
            String base = "http://127.0.0.1:" + server.getLocalPort();

            FetchResponse first = fetcher.get(base + "/feed.xml", Map.of());
            FetchResponse second = fetcher.get(base + "/feed.xml", Map.of());

            assertThat(first.status()).isEqualTo(200);
            assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("<rss>whole body</rss>");
            assertThat(second.status()).isEqualTo(200);
            assertThat(requests).containsExactly("GET /robots.txt HTTP/1.1", "GET /feed.xml HTTP/1.1", "GET /feed.xml HTTP/1.1");
        }
    }

    @Test
    void pythonsHttpServerIsFetchedAndItsPlain404RobotsTxtAllowsEverything(@TempDir Path site) throws Exception {
        Optional<String> python = Stream.of("python3", "python").filter(FetcherTest::runs).findFirst();
        assumeTrue(python.isPresent(), "no python3 on this machine: the raw-socket HTTP/1.0 test above covers the case");
        Files.writeString(site.resolve("feed.xml"), "<rss>from python</rss>");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process server = new ProcessBuilder(python.get(), "-m", "http.server", "--bind", "127.0.0.1", Integer.toString(port))
                .directory(site.toFile()).redirectErrorStream(true).redirectOutput(site.resolve("server.log").toFile()).start();
        try {
            // Production's spacing: the second request comes after the server has closed the first connection.
            Fetcher fetcher = new Fetcher(vertx, new TestFetchSettings("newsflow-test/1.0", true, Duration.ofSeconds(2),
                    Duration.ofSeconds(2), Duration.ofSeconds(5), 1024 * 1024, 3, Duration.ofSeconds(1), Duration.ofHours(1)));
            String url = "http://127.0.0.1:" + port + "/feed.xml";
            // Asked only once it listens: an unreachable robots.txt would keep the site disallowed for a while.
            int listening = port;
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), listening)) {
                    return true;
                }
            });
            assertThat(fetcher.get(url, Map.of()).status()).isEqualTo(200);

            FetchResponse again = fetcher.get(url, Map.of());

            assertThat(new String(again.body(), StandardCharsets.UTF_8)).isEqualTo("<rss>from python</rss>");
            assertThat(Files.readString(site.resolve("server.log"))).contains("GET /robots.txt").contains("404");
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static boolean runs(String command) {
        try {
            return new ProcessBuilder(command, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void serveHttp10(ServerSocket server, List<String> requests) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    head.append((char) b);
                }
                String requestLine = head.toString().split("\r\n", 2)[0];
                requests.add(requestLine);
                OutputStream out = socket.getOutputStream();
                if (requestLine.contains("/robots.txt")) {
                    out.write(("HTTP/1.0 404 File not found\r\nServer: SimpleHTTP/0.6 Python/3.11\r\n"
                            + "Content-Type: text/html;charset=utf-8\r\nConnection: close\r\n\r\n<p>404</p>")
                            .getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(("HTTP/1.0 200 OK\r\nServer: SimpleHTTP/0.6 Python/3.11\r\nContent-Type: application/rss+xml\r\n\r\n"
                            + "<rss>whole body</rss>").getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException e) {
                return;
            }
        }
    }
}
