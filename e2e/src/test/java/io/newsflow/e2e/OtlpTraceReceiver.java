package io.newsflow.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The receiving end of OTLP/HTTP with protobuf bodies ({@code POST /v1/traces}), keeping every span it is sent. Only
 * the fields the tests read are decoded (trace and span ids, parent, name, kind, string attributes, the resource's
 * {@code service.name}); the others are skipped by their wire type, as protobuf allows.
 */
final class OtlpTraceReceiver implements AutoCloseable {

    /** One received span. {@code parentSpanId} is empty for a root span. */
    record Span(String service, String traceId, String spanId, String parentSpanId, String name, Kind kind,
            Map<String, String> attributes) {
    }

    /** OTLP's SpanKind numbering. */
    enum Kind {
        UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER;

        static Kind of(long number) {
            return number >= 0 && number < values().length ? values()[(int) number] : UNSPECIFIED;
        }
    }

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    private OtlpTraceReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpTraceReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        OtlpTraceReceiver receiver = new OtlpTraceReceiver(server);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    /** The base URL an OTLP/HTTP exporter is given; it posts traces to {@code /v1/traces} under it. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Span> spans() {
        return List.copyOf(spans);
    }

    /** Requests that were not OTLP traces: what an exporter sent that this receiver could not take. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            if (!path.endsWith("/v1/traces") || !type.startsWith("application/x-protobuf")) {
                refused.add(exchange.getRequestMethod() + " " + path + " " + type);
                exchange.sendResponseHeaders(415, -1);
                return;
            }
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                try (InputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = gunzip.readAllBytes();
                }
            }
            spans.addAll(decodeExportRequest(body));
            // An empty ExportTraceServiceResponse: zero bytes.
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; } */
    static List<Span> decodeExportRequest(byte[] request) {
        List<Span> decoded = new ArrayList<>();
        Fields export = new Fields(request);
        while (export.next()) {
            if (export.number == 1) {
                decodeResourceSpans(export.bytes(), decoded);
            } else {
                export.skip();
            }
        }
        return decoded;
    }

    /** ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; } */
    private static void decodeResourceSpans(byte[] message, List<Span> into) {
        String service = "";
        List<byte[]> scopes = new ArrayList<>();
        Fields fields = new Fields(message);
        while (fields.next()) {
            switch (fields.number) {
                case 1 -> service = resourceAttributes(fields.bytes()).getOrDefault("service.name", "");
                case 2 -> scopes.add(fields.bytes());
                default -> fields.skip();
            }
        }
        for (byte[] scope : scopes) {
            Fields scopeFields = new Fields(scope);
            // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
            while (scopeFields.next()) {
                if (scopeFields.number == 2) {
                    into.add(decodeSpan(service, scopeFields.bytes()));
                } else {
                    scopeFields.skip();
                }
            }
        }
    }

    /**
     * Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6;
     * repeated KeyValue attributes = 9; }
     */
    private static Span decodeSpan(String service, byte[] message) {
        HexFormat hex = HexFormat.of();
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        Kind kind = Kind.UNSPECIFIED;
        Map<String, String> attributes = new LinkedHashMap<>();
        Fields fields = new Fields(message);
        while (fields.next()) {
            switch (fields.number) {
                case 1 -> traceId = hex.formatHex(fields.bytes());
                case 2 -> spanId = hex.formatHex(fields.bytes());
                case 4 -> parent = hex.formatHex(fields.bytes());
                case 5 -> name = fields.string();
                case 6 -> kind = Kind.of(fields.varint());
                case 9 -> attributes.putAll(keyValue(fields.bytes()));
                default -> fields.skip();
            }
        }
        return new Span(service, traceId, spanId, parent, name, kind, attributes);
    }

    /** Resource { repeated KeyValue attributes = 1; }: the string-valued ones. */
    private static Map<String, String> resourceAttributes(byte[] message) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Fields fields = new Fields(message);
        while (fields.next()) {
            if (fields.number == 1) {
                attributes.putAll(keyValue(fields.bytes()));
            } else {
                fields.skip();
            }
        }
        return attributes;
    }

    /** KeyValue { string key = 1; AnyValue value = 2; }, AnyValue { string string_value = 1; int64 int_value = 3; } */
    private static Map<String, String> keyValue(byte[] message) {
        String key = null;
        String value = null;
        Fields fields = new Fields(message);
        while (fields.next()) {
            if (fields.number == 1) {
                key = fields.string();
            } else if (fields.number == 2) {
                Fields any = new Fields(fields.bytes());
                while (any.next()) {
                    switch (any.number) {
                        case 1 -> value = any.string();
                        case 3 -> value = Long.toString(any.varint());
                        default -> any.skip();
                    }
                }
            } else {
                fields.skip();
            }
        }
        return key == null || value == null ? Map.of() : Map.of(key, value);
    }

    /** A cursor over the fields of one protobuf message: {@link #next()}, then read or skip the value. */
    private static final class Fields {
        private final ByteBuffer buffer;
        int number;
        private int wireType;

        Fields(byte[] message) {
            this.buffer = ByteBuffer.wrap(message);
        }

        boolean next() {
            if (!buffer.hasRemaining()) {
                return false;
            }
            long tag = varint();
            number = (int) (tag >>> 3);
            wireType = (int) (tag & 7);
            return true;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = buffer.get();
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new UncheckedIOException(new IOException("malformed varint"));
        }

        byte[] bytes() {
            if (wireType != 2) {
                throw new UncheckedIOException(new IOException("field " + number + " is not length-delimited"));
            }
            byte[] value = new byte[(int) varint()];
            buffer.get(value);
            return value;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        void skip() {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> buffer.position(buffer.position() + 8);
                case 2 -> bytes();
                case 5 -> buffer.position(buffer.position() + 4);
                default -> throw new UncheckedIOException(new IOException("unsupported wire type " + wireType));
            }
        }
    }
}
