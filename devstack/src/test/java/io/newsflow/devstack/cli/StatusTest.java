package io.newsflow.devstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.newsflow.devstack.stack.StackSettings;

/** {@code newsflow status} over HTTP against a service that answers like a Quarkus one, and two that are not there. */
class StatusTest {

    private HttpServer service;
    private final AtomicInteger scrapes = new AtomicInteger();

    @BeforeEach
    void startService() throws IOException {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/q/health/ready", exchange -> answer(exchange, 200, "application/json", """
                {"status":"UP","checks":[{"name":"SmallRye Reactive Messaging - readiness check","status":"UP"}]}
                """));
        service.createContext("/q/metrics", exchange -> {
            int scrape = scrapes.incrementAndGet();
            answer(exchange, 200, "text/plain; version=0.0.4", """
                    # TYPE newsflow_ingest_articles_total counter
                    newsflow_ingest_articles_total{outcome="accepted",source="http"} %d.0
                    """.formatted(1000 + scrape * 50));
        });
        service.start();
    }

    @AfterEach
    void stopService() {
        service.stop(0);
    }

    @Test
    void runningServiceIsScrapedTwiceAndServicesThatAreNotThereAreNamed() throws IOException {
        int nothing = freePort();
        StackSettings settings = new StackSettings(Path.of("."), Path.of("."), service.getAddress().getPort(), nothing,
                nothing, 0, 0, Optional.empty());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = Status.run(settings, new StatusOptions(Duration.ofMillis(1000), false),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

        String screen = out.toString(StandardCharsets.UTF_8);
        assertThat(scrapes).hasValue(2);
        assertThat(screen).contains("ingest-service").contains("ready: UP")
                .containsPattern("newsflow_ingest_articles_total\\{outcome=accepted,source=http} +1100 +[0-9.]+/s")
                .containsPattern("enrich-service .*NOT RUNNING: nothing answers on 127.0.0.1:" + nothing)
                .containsPattern("store-service .*NOT RUNNING");
        assertThat(exit).isEqualTo(1);
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
