package io.newsflow.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Vertx;

/**
 * The fetcher against a real HTTP/1.0 server, the way Python's {@code http.server} answers: a status line, headers,
 * no Content-Length, the body ended by closing the connection, and a plain 404 for robots.txt: a raw-socket server
 * written here (the JDK's HttpServer only speaks HTTP/1.1), and Python's own {@code http.server} where Python is
 * installed.
 */
class Http10ServerTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aResponseEndedByClosingTheConnectionIsReadAndA404RobotsTxtAllowsEverything() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> serve(server, requests));
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
        Optional<String> python = Stream.of("python3", "python").filter(Http10ServerTest::runs).findFirst();
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
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> fetcher.get(url, Map.of()).status() == 200);

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

    private static void serve(ServerSocket server, List<String> requests) {
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
