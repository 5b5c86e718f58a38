package io.newsflow.ingest.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server for tests: serves fixed responses by path and records every request it receives, so a test can
 * tell what was (and was not) asked for.
 */
public final class FixtureServer implements AutoCloseable {

    /** What to answer for one path. */
    public interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** One request as received. */
    public record Request(String path, Headers headers) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** Listens on every local address (so 127.0.0.2 reaches it too), on a free port. */
    public FixtureServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(0), 0);
        server.createContext("/", exchange -> {
            requests.add(new Request(exchange.getRequestURI().toString(), exchange.getRequestHeaders()));
            Handler handler = handlers.get(exchange.getRequestURI().getPath());
            try {
                if (handler == null) {
                    respond(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                } else {
                    handler.handle(exchange);
                }
            } finally {
                exchange.close();
            }
        });
        // One thread per exchange, so a response that trickles or stalls does not hold up the others.
        server.setExecutor(executor);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public FixtureServer on(String path, Handler handler) {
        handlers.put(path, handler);
        return this;
    }

    public FixtureServer serve(String path, String contentType, String body) {
        return serve(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public FixtureServer serve(String path, String contentType, byte[] body) {
        return on(path, exchange -> respond(exchange, 200, contentType, body));
    }

    public FixtureServer redirect(String path, String location) {
        return on(path, exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
        });
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public long requestsTo(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    public static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    public static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
