package io.newsflow.ingest.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generates hostile requests to the HTTP API, each with the answer the README documents for it. Everything derives
 * from the seed, so a failing input can be generated again.
 */
final class HostileRequests {

    static final String JSON = "application/json";
    static final String NDJSON = "application/x-ndjson";
    static final String ABOUT_BLANK = "about:blank";
    /** Refused by the HTTP layer before the service: the status is all there is to check. */
    static final String HTTP_LAYER = "http-layer";

    /** One request and the refusal it must get: status, problem type (last URI segment, or about:blank). */
    record HttpCase(String category, String description, String method, String path, Map<String, String> headers,
            byte[] body, boolean chunked, int status, String type, String field) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] WORDS = {"harbour", "council", "élection", "Минск", "storm", "budget", "北京", "rail",
        "library", "strike", "vote", "market", "river", "school", "court", "😀", "naïve", "Zürich"};

    private static final String LONE = "\u2603lone\u2603";
    private static final String[] LONE_SURROGATES = {"\\ud800", "\\udfff", "x\\ud83dy", "\\udc00\\ud800", "end\\ud834"};

    private final long seed;
    private final String apiKey;
    private final MemoryLimits limits;
    private final List<HttpCase> cases = new ArrayList<>();

    /** The service limits the generated inputs are built around. */
    record MemoryLimits(int maxBodyBytes, int maxArticles) {
    }

    HostileRequests(long seed, String apiKey, MemoryLimits limits) {
        this.seed = seed;
        this.apiKey = apiKey;
        this.limits = limits;
    }

    List<HttpCase> generate() {
        truncated(random(1), 80);
        malformed(random(2), 80);
        wrongTypes(random(3), 100);
        invalidValues(random(4), 80);
        invalidUtf8(random(5), 60);
        deepNesting(random(6), 40);
        huge(random(7));
        compression(random(8), 40);
        contentTypes(random(9), 40);
        ndjson(random(10), 80);
        queryParameters(random(11), 30);
        undecodableTargets();
        apiKeys(random(12), 40);
        methodsAndPaths();
        feedRegistrations(random(14), 40);
        return List.copyOf(cases);
    }

    private Random random(int category) {
        return new Random(seed * 31 + category);
    }

    // ---- generation of valid material to damage ------------------------------------------------------------------

    static String words(Random r, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    static ObjectNode article(Random r) {
        ObjectNode article = NODES.objectNode();
        article.put("title", words(r, 2 + r.nextInt(6)) + " " + Long.toHexString(r.nextLong()));
        if (r.nextBoolean()) {
            article.put("body", words(r, 10 + r.nextInt(40)) + ".\n\n" + words(r, 5 + r.nextInt(20)) + ".");
        }
        if (r.nextBoolean()) {
            article.put("url", "https://news.example.org/" + Long.toHexString(r.nextLong()));
        }
        if (r.nextInt(3) == 0) {
            article.putArray("authors").add(words(r, 2));
        }
        if (r.nextInt(3) == 0) {
            article.put("publishedAt", "2024-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(9) + "T0" + r.nextInt(9) + ":30:00+01:00");
        }
        if (r.nextInt(3) == 0) {
            article.putObject("source").put("name", words(r, 1));
        }
        return article;
    }

    /** A single ASCII-only valid article, for inputs whose bytes are damaged afterwards. */
    private static ObjectNode asciiArticle(Random r) {
        ObjectNode article = NODES.objectNode();
        article.put("title", "Headline " + Long.toHexString(r.nextLong()));
        article.put("body", "Plain text body number " + r.nextInt(1_000_000) + ".");
        return article;
    }

    private static ArrayNode articles(Random r, int count) {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            array.add(article(r));
        }
        return array;
    }

    static String json(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String letters(Random r, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + r.nextInt(26)));
        }
        return text.toString();
    }

    // ---- case builders -------------------------------------------------------------------------------------------

    private Map<String, String> headers(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-API-Key", apiKey);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return headers;
    }

    private void post(String category, String description, String contentType, byte[] body, int status, String type) {
        post(category, description, "/articles", headers(contentType), body, status, type, null);
    }

    private void post(String category, String description, String path, Map<String, String> headers, byte[] body, int status,
            String type, String field) {
        cases.add(new HttpCase(category, description, "POST", path, headers, body, false, status, type, field));
    }

    // ---- categories ----------------------------------------------------------------------------------------------

    /** Valid JSON cut short anywhere: never a complete document, since the root closes on the last character. */
    private void truncated(Random r, int count) {
        for (int i = 0; i < count; i++) {
            String whole = r.nextBoolean() ? json(article(r)) : json(articles(r, 1 + r.nextInt(5)));
            int cut = r.nextInt(whole.length());
            post("http: truncated JSON", "cut at " + cut + " of " + whole.length(), JSON, utf8(whole.substring(0, cut)), 400,
                    "malformed-json");
        }
    }

    private static final String[] MALFORMED = {
        "{\"title\": \"T\",}", "{\"title\": 'T'}", "{title: \"T\"}", "{\"title\": \"T\" \"body\": \"x\"}",
        "{\"title\" \"T\"}", "{\"title\": \"T\"}}", "[{\"title\": \"T\"}", "{\"title\": \"T\"]", "{\"title\": \"T\\q\"}",
        "{\"title\": \"T\\u12G4\"}", "{\"title\": \"T\u0001\"}", "{\"title\": \"T\", /* c */ \"body\": \"x\"}",
        "{\"title\": \"T\", \"n\": NaN}", "{\"title\": \"T\", \"n\": 0x1F}", "{\"title\": \"T\", \"n\": 012}",
        "{\"title\": \"T\", \"n\": +1}", "{\"title\": \"T\", \"n\": .5}", "{\"title\": \"T\", \"n\": 1.}",
        "{\"title\": \"T\", \"n\": undefined}", "{\"title\": \"T\", \"n\": tru}", "{\"title\": \"T\"} garbage",
        "{\"title\": \"T\"}{\"title\": \"T\"}", "\"T", "{\"title\": \"T\", \"title\"}", ",{\"title\": \"T\"}",
        "{\"title\": \"T\"\n// comment\n}", "[{\"title\": \"T\"},]", "{\"title\": \"T\", \"n\": Infinity}",
        "{\"title\": \"T\", \"n\": -}", "{\"title\": \"T\", \"n\": 1e}", "{\"title\": \"T\", \"a\": [1 2]}",
        "{\"title\": \"T\", \"a\": {\"b\"}}", "<article><title>T</title></article>", "title=T&body=x", "{\"title\":\"T\"",
        "{\"title\": \"T\"\u0000}"};

    private void malformed(Random r, int count) {
        for (int i = 0; i < count; i++) {
            String template = MALFORMED[i % MALFORMED.length];
            String title = words(r, 1 + r.nextInt(4)).replace("\"", "");
            String padding = " \n\t\r".substring(0, r.nextInt(5));
            String body = padding + template.replace("T", title) + padding;
            post("http: malformed JSON", "template " + (i % MALFORMED.length), JSON, utf8(body), 400, "malformed-json");
        }
    }

    private void wrongTypes(Random r, int count) {
        String[] fields = {"title", "body", "url", "canonicalUrl", "summary", "publishedAt", "authors", "authors[0]", "source",
            "source.name"};
        for (int i = 0; i < count; i++) {
            String field = fields[r.nextInt(fields.length)];
            ObjectNode bad = article(r);
            switch (field) {
                case "authors" -> bad.set("authors", r.nextBoolean() ? NODES.textNode("A. Writer") : wrongScalar(r));
                case "authors[0]" -> bad.putArray("authors").add(r.nextBoolean() ? NODES.nullNode() : wrongValue(r));
                case "source" -> bad.set("source", r.nextBoolean() ? NODES.textNode("AFP") : wrongScalarOrArray(r));
                case "source.name" -> bad.putObject("source").set("name", wrongValue(r));
                default -> bad.set(field, wrongValue(r));
            }
            boolean inArray = r.nextBoolean();
            String body;
            int item = 0;
            if (inArray) {
                ArrayNode array = articles(r, r.nextInt(4));
                item = r.nextInt(array.size() + 1);
                array.insert(item, bad);
                body = json(array);
            } else {
                body = json(bad);
            }
            String path = !inArray && r.nextBoolean() ? "/articles?partial=true" : "/articles";
            post("http: wrong JSON types", field + (inArray ? " in item " + item : ""), path, headers(JSON), utf8(body), 400,
                    "invalid-articles", field);
        }
    }

    private static JsonNode wrongScalar(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> NODES.numberNode(r.nextInt());
            case 1 -> NODES.numberNode(r.nextDouble());
            case 2 -> NODES.booleanNode(r.nextBoolean());
            default -> NODES.objectNode().put("x", 1);
        };
    }

    private static JsonNode wrongScalarOrArray(Random r) {
        return r.nextBoolean() ? NODES.numberNode(r.nextLong()) : NODES.arrayNode().add("AFP");
    }

    private static JsonNode wrongValue(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> NODES.numberNode(r.nextInt());
            case 1 -> NODES.numberNode(r.nextDouble() * 1e300);
            case 2 -> NODES.booleanNode(r.nextBoolean());
            case 3 -> NODES.arrayNode().add("x").add(1);
            default -> NODES.objectNode().put("nested", "value");
        };
    }

    /** Right types, wrong values: every rule of the README's field table, plus text that is not Unicode. */
    private void invalidValues(Random r, int count) {
        for (int i = 0; i < count; i++) {
            ObjectNode bad = article(r);
            String field;
            switch (i % 16) {
                case 0 -> {
                    field = r.nextBoolean() ? "url" : "canonicalUrl";
                    String[] urls = {"ftp://example.org/a", "javascript:alert(1)", "http://", "not a url", "//example.org/a",
                        "file:///etc/passwd", "https://example.org/" + letters(r, 2100), "mailto:x@example.org",
                        "http://exa mple.org/", "data:text/html,<p>x</p>"};
                    bad.put(field, urls[r.nextInt(urls.length)]);
                }
                case 1 -> {
                    field = "publishedAt";
                    String[] dates = {"yesterday", "2022-13-45T00:00:00Z", "2022-12-19", "2022-12-19T09:30:00",
                        "+10000-01-01T00:00:00Z", "1671438600", "2022-02-30T10:00:00Z", "", "T", "2022-12-19T25:00:00+01:00"};
                    bad.put(field, dates[r.nextInt(dates.length)]);
                }
                case 2 -> {
                    field = "title";
                    bad.put("title", " \t\n ".substring(0, r.nextInt(4)));
                    bad.remove("body");
                }
                case 3 -> {
                    field = "title";
                    bad.put("title", letters(r, 1001 + r.nextInt(4000)));
                }
                case 4 -> {
                    field = "summary";
                    bad.put("summary", letters(r, 10_001 + r.nextInt(10_000)));
                }
                case 5 -> {
                    field = "authors";
                    ArrayNode authors = bad.putArray("authors");
                    for (int a = 0, n = 101 + r.nextInt(100); a < n; a++) {
                        authors.add("Writer " + a);
                    }
                }
                case 6 -> {
                    field = "authors[0]";
                    bad.putArray("authors").add(r.nextBoolean() ? "   " : letters(r, 301 + r.nextInt(500)));
                }
                case 7 -> {
                    field = "source.name";
                    bad.putObject("source").put("name", r.nextBoolean() ? " " : letters(r, 301 + r.nextInt(500)));
                }
                case 8 -> {
                    field = "body";
                    if (i < 20) {
                        bad.put("body", letters(r, 1_000_001 + r.nextInt(50_000)));
                    } else {
                        bad.put("body", "before\u0000after");
                    }
                }
                case 9, 10 -> {
                    field = r.nextBoolean() ? "title" : "body";
                    bad.put(field, words(r, 2) + LONE);
                }
                case 11 -> {
                    field = "authors[0]";
                    bad.putArray("authors").add("Writer" + LONE);
                }
                case 12 -> {
                    field = "source.name";
                    bad.putObject("source").put("name", "AFP\u0000");
                }
                case 13 -> {
                    field = "title";
                    bad.put("title", "a\u0000b");
                }
                case 14 -> {
                    field = "summary";
                    bad.put("summary", LONE);
                }
                default -> {
                    field = "publishedAt";
                    bad.put("publishedAt", "0000-01-01T00:00:00Z");
                }
            }
            // A lone surrogate cannot be encoded as UTF-8, only spelled as a JSON escape: it is put in after serialising.
            String lone = LONE_SURROGATES[r.nextInt(LONE_SURROGATES.length)];
            post("http: invalid field values", field + " rule " + (i % 16), "/articles", headers(JSON),
                    utf8(json(bad).replace(LONE, lone)), 400, "invalid-articles", field);
        }
    }

    private static final int[][] INVALID_UTF8 = {{0xFF}, {0xFE}, {0x80}, {0xBF}, {0xC3, 0x28}, {0xE2, 0x28, 0xA1},
        {0xF0, 0x28, 0x8C, 0xBC}, {0xC0, 0xAF}, {0xE0, 0x80, 0xAF}, {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80},
        {0xF8, 0x88, 0x80, 0x80, 0x80}, {0xE2, 0x82}, {0xE9}, {0xC1, 0xBF}, {0xF5, 0x80, 0x80, 0x80}};

    /** Valid ASCII JSON with one broken UTF-8 sequence inside a string value, in both body formats. */
    private void invalidUtf8(Random r, int count) {
        for (int i = 0; i < count; i++) {
            int[] sequence = INVALID_UTF8[i % INVALID_UTF8.length];
            String text = json(asciiArticle(r));
            int at = text.indexOf("Headline ") + 9;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes(utf8(text.substring(0, at)));
            for (int b : sequence) {
                bytes.write(b);
            }
            bytes.writeBytes(utf8(text.substring(at)));
            boolean ndjson = i % 2 == 1;
            if (ndjson) {
                bytes.write('\n');
            }
            post("http: invalid UTF-8", "sequence " + (i % INVALID_UTF8.length) + (ndjson ? " (NDJSON)" : ""),
                    ndjson ? NDJSON : JSON, bytes.toByteArray(), 400, "malformed-json");
        }
    }

    private void deepNesting(Random r, int count) {
        for (int i = 0; i < count; i++) {
            if (i < 30) {
                int depth = 1001 + r.nextInt(20_000);
                String body = switch (i % 3) {
                    case 0 -> "[".repeat(depth) + "]".repeat(depth);
                    case 1 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                    default -> "{\"title\": \"x\", \"extra\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
                };
                post("http: deeply nested JSON", "depth " + depth + " form " + (i % 3), JSON, utf8(body), 400, "malformed-json");
            } else {
                int depth = 2 + r.nextInt(900);
                String body = i % 2 == 0 ? "[" + "[".repeat(depth) + "]".repeat(depth) + "]"
                        : "{\"title\": " + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}";
                post("http: deeply nested JSON", "depth " + depth + " under the parser's limit", "/articles", headers(JSON),
                        utf8(body), 400, "invalid-articles", i % 2 == 0 ? null : "title");
            }
        }
    }

    private void huge(Random r) {
        String category = "http: huge strings and batches";
        for (int i = 0; i < 3; i++) {
            ObjectNode article = asciiArticle(r);
            article.put("title", letters(r, 1_000_000 + r.nextInt(1_000_000)));
            post(category, "title of " + article.get("title").asText().length() + " characters", "/articles", headers(JSON),
                    utf8(json(article)), 400, "invalid-articles", "title");
        }
        for (int i = 0; i < 1; i++) {
            ObjectNode article = asciiArticle(r);
            article.put("body", letters(r, limits.maxBodyBytes() - 100_000 - r.nextInt(1_000_000)));
            post(category, "body of " + article.get("body").asText().length() + " characters", "/articles", headers(JSON),
                    utf8(json(article)), 400, "invalid-articles", "body");
        }
        for (int i = 0; i < 2; i++) {
            int n = limits.maxArticles() + 1 + r.nextInt(2000);
            StringBuilder array = new StringBuilder("[");
            for (int a = 0; a < n; a++) {
                array.append(a == 0 ? "" : ",").append("{\"title\":\"t").append(a).append("\"}");
            }
            post(category, "array of " + n + " articles", JSON, utf8(array.append("]").toString()), 400, "invalid-request");
            post(category, "NDJSON of " + n + " articles", NDJSON, utf8("{\"title\":\"t\"}\n".repeat(n)), 400, "invalid-request");
        }
        for (int i = 0; i < 1; i++) {
            StringBuilder array = new StringBuilder("[");
            int bad = r.nextInt(limits.maxArticles());
            for (int a = 0; a < limits.maxArticles(); a++) {
                array.append(a == 0 ? "" : ",").append(a == bad ? "{\"url\":\"nope\"}" : "{\"title\":\"t" + a + "\"}");
            }
            post(category, "a full batch with item " + bad + " invalid", "/articles", headers(JSON),
                    utf8(array.append("]").toString()), 400, "invalid-articles", "url");
        }
        for (int i = 0; i < 2; i++) {
            String digits = "9".repeat(2000 + r.nextInt(10_000));
            post(category, "a number of " + digits.length() + " digits", JSON, utf8("{\"title\": " + digits + "}"), 400,
                    "malformed-json");
        }
        for (int i = 0; i < 2; i++) {
            byte[] body = utf8("{\"title\": \"" + letters(r, limits.maxBodyBytes() + 1 + r.nextInt(100_000)) + "\"}");
            cases.add(new HttpCase(category, "a streamed body of " + body.length + " bytes", "POST", "/articles", headers(
                    i == 0 ? JSON : NDJSON), body, true, 413, "payload-too-large", null));
        }
        for (long declared : new long[] {limits.maxBodyBytes() + 1L, 1L << 40, Long.MAX_VALUE}) {
            Map<String, String> headers = headers(JSON);
            headers.put("Content-Length", Long.toString(declared));
            cases.add(new HttpCase(category, "a declared Content-Length of " + declared, "POST", "/articles", headers, null,
                    false, 413, "payload-too-large", null));
        }
    }

    private void compression(Random r, int count) {
        String category = "http: compression bombs and encodings";
        for (int i = 0; i < count; i++) {
            int kind = i % 8;
            Map<String, String> headers = headers(kind <= 2 && r.nextInt(4) == 0 ? NDJSON : JSON);
            byte[] body;
            int status;
            String type;
            String description;
            switch (kind) {
                case 0, 1 -> {
                    // Just over the limit is enough: the service stops reading there, whatever the rest would be.
                    int inflated = limits.maxBodyBytes() + 1 + r.nextInt(4 << 20);
                    body = compress(true, out -> fill(out, '[', ' ', inflated));
                    headers.put("Content-Encoding", "gzip");
                    description = "gzip bomb of " + inflated + " bytes in " + body.length;
                    status = 413;
                    type = "payload-too-large";
                }
                case 2 -> {
                    int inflated = limits.maxBodyBytes() + 1 + r.nextInt(4 << 20);
                    body = compress(false, out -> fill(out, '[', ' ', inflated));
                    headers.put("Content-Encoding", "deflate");
                    description = "deflate bomb of " + inflated + " bytes in " + body.length;
                    status = 413;
                    type = "payload-too-large";
                }
                case 3 -> {
                    String malformed = MALFORMED[r.nextInt(MALFORMED.length)].replace("T", words(r, 2));
                    boolean gzip = r.nextBoolean();
                    body = compress(gzip, out -> out.write(utf8(malformed)));
                    headers.put("Content-Encoding", gzip ? "gzip" : "deflate");
                    description = "compressed malformed JSON";
                    status = 400;
                    type = "malformed-json";
                }
                case 4 -> {
                    byte[] once = compress(true, out -> out.write(utf8(json(article(r)))));
                    body = compress(true, out -> out.write(once));
                    headers.put("Content-Encoding", "gzip");
                    description = "a valid article gzipped twice";
                    status = 400;
                    type = "malformed-json";
                }
                case 5 -> {
                    body = compress(true, out -> out.write(utf8(json(article(r)))));
                    String encoding = new String[] {"br", "zstd", "compress", "x-unknown"}[r.nextInt(4)];
                    headers.put("Content-Encoding", encoding);
                    description = "gzip bytes declared as " + encoding;
                    status = 415;
                    type = "unsupported-encoding";
                }
                case 6 -> {
                    byte[] whole = compress(true, out -> out.write(utf8(json(articles(r, 3)))));
                    int cut = 10 + r.nextInt(whole.length / 2);
                    body = Arrays.copyOf(whole, cut);
                    headers.put("Content-Encoding", "gzip");
                    description = "gzip cut at " + cut + " of " + whole.length;
                    status = 400;
                    type = "undecodable-body";
                }
                default -> {
                    body = new byte[64 + r.nextInt(4096)];
                    r.nextBytes(body);
                    body[0] = 0x1f;
                    body[1] = (byte) 0x8b;
                    body[2] = 8;
                    body[3] = 0;
                    headers.put("Content-Encoding", "gzip");
                    description = "a gzip header followed by random bytes";
                    status = 400;
                    // Random deflate data may inflate to a few bytes before it fails: whichever is seen first refuses it.
                    type = "undecodable-body|malformed-json";
                }
            }
            post(category, description, "/articles", headers, body, status, type, null);
        }
    }

    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    static byte[] compress(boolean gzip, Writer content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = gzip ? new GZIPOutputStream(bytes, 1 << 16) : new DeflaterOutputStream(bytes)) {
            content.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** {@code first}, then {@code filler} up to {@code size} bytes: inflates enormously, compresses to almost nothing. */
    static void fill(OutputStream out, char first, char filler, int size) throws IOException {
        out.write(first);
        byte[] block = new byte[1 << 16];
        Arrays.fill(block, (byte) filler);
        for (int left = size - 1; left > 0; left -= block.length) {
            out.write(block, 0, Math.min(left, block.length));
        }
    }

    private void contentTypes(Random r, int count) {
        String[] types = {"text/plain", "text/html", "application/xml", "text/xml", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "application/octet-stream", "image/png", "application/jsonp",
            "application/json-seq", "application/ld+json", "text/json", "application/javascript", "text/csv",
            "application/problem+json", "application/x-json-stream", null};
        for (int i = 0; i < count; i++) {
            String type = types[i % types.length];
            byte[] body = utf8(i % 3 == 0 ? json(articles(r, 2)) : json(article(r)));
            post("http: wrong or missing content type", String.valueOf(type), type, body, 415, ABOUT_BLANK);
        }
    }

    /** NDJSON with good lines around bad ones: all or nothing, so every bad line is reported and nothing published. */
    private void ndjson(Random r, int count) {
        for (int i = 0; i < count; i++) {
            if (i % 10 == 9) {
                String blank = r.nextBoolean() ? "\n\n \r\n\t\n" : " ";
                post("http: NDJSON with bad lines", "only blank lines", NDJSON, utf8(blank), 400, "invalid-request");
                continue;
            }
            int good = r.nextInt(6);
            int bad = 1 + r.nextInt(3);
            List<String> lines = new ArrayList<>();
            for (int g = 0; g < good; g++) {
                lines.add(json(article(r)));
            }
            List<Integer> badAt = new ArrayList<>();
            for (int b = 0; b < bad; b++) {
                int at = r.nextInt(lines.size() + 1);
                lines.add(at, badLine(r));
                for (int k = 0; k < badAt.size(); k++) {
                    if (badAt.get(k) >= at) {
                        badAt.set(k, badAt.get(k) + 1);
                    }
                }
                badAt.add(at);
            }
            StringBuilder body = new StringBuilder();
            for (String line : lines) {
                if (r.nextInt(4) == 0) {
                    body.append(r.nextBoolean() ? "\n" : "   \r\n");
                }
                body.append(line).append(r.nextBoolean() ? "\n" : "\r\n");
            }
            String path = good == 0 && r.nextBoolean() ? "/articles?partial=true" : "/articles";
            badAt.sort(null);
            post("http: NDJSON with bad lines", good + " good lines, bad ones at " + badAt, path, headers(NDJSON),
                    utf8(body.toString()), 400, "invalid-articles", "items " + badAt);
        }
    }

    private static String badLine(Random r) {
        return switch (r.nextInt(7)) {
            // The last template holds a NUL, which the others do not need to be malformed.
            case 0 -> MALFORMED[r.nextInt(MALFORMED.length - 1)].replace("T", "x").replace("\n", " ");
            case 1 -> "{\"title\": " + r.nextInt() + "}";
            case 2 -> "{\"url\": \"nope\", \"title\": \"t\"}";
            case 3 -> "[{\"title\": \"in an array\"}]";
            case 4 -> "\"just a string\"";
            case 5 -> "{\"title\": \"a\"} {\"title\": \"b\"}";
            default -> "{\"publishedAt\": \"soon\", \"title\": \"t\"}";
        };
    }

    private void queryParameters(Random r, int count) {
        String[] values = {"maybe", "1", "0", "yes", "no", "", "TRUE1", "tru", "null", "on", "%00", "true%00",
            "%C3%28", "tr%20ue", "false&partial=true"};
        for (int i = 0; i < count; i++) {
            String value = i < values.length ? values[i] : letters(r, 1 + r.nextInt(2000));
            byte[] body = utf8(json(article(r)));
            boolean ndjson = r.nextBoolean();
            post("http: bad query parameters", "partial=" + (value.length() > 20 ? value.length() + " letters" : value),
                    "/articles?partial=" + value, headers(ndjson ? NDJSON : JSON), body, 400, "invalid-request", null);
        }
    }

    /**
     * A request target the HTTP layer itself cannot decode is refused by it, before the service sees the request: a
     * 400 without a problem body (the README says so). Only the status is checked for these.
     */
    private void undecodableTargets() {
        for (String path : List.of("/articles?partial=%ZZ", "/articles?partial=%", "/articles?%G1=true")) {
            post("http: bad query parameters", path + " (refused by the HTTP layer)", path, headers(JSON),
                    utf8("{\"title\": \"t\"}"), 400, HTTP_LAYER, null);
        }
    }

    private void apiKeys(Random r, int count) {
        for (int i = 0; i < count; i++) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", JSON);
            String description;
            switch (i % 10) {
                case 0 -> description = "no key";
                case 1 -> {
                    headers.put("X-API-Key", "");
                    description = "an empty key";
                }
                case 2 -> {
                    headers.put("X-API-Key", apiKey + letters(r, 1 + r.nextInt(5)));
                    description = "the key with a suffix";
                }
                case 3 -> {
                    headers.put("X-API-Key", apiKey.substring(0, 1 + r.nextInt(apiKey.length() - 1)));
                    description = "a prefix of the key";
                }
                case 4 -> {
                    headers.put("X-API-Key", apiKey.toUpperCase(Locale.ROOT));
                    description = "the key in upper case";
                }
                case 5 -> {
                    headers.put("X-API-Key", letters(r, 1000 + r.nextInt(3000)));
                    description = "a long random key";
                }
                case 6 -> {
                    headers.put("Authorization", "Bearer " + apiKey);
                    description = "the key as a bearer token";
                }
                case 7 -> {
                    headers.put("X-Api-Key-Other", apiKey);
                    description = "the key in another header";
                }
                case 8 -> {
                    headers.put("X-API-Key", letters(r, apiKey.length()));
                    description = "a random key of the same length";
                }
                default -> {
                    headers.put("X-API-Key", apiKey.charAt(0) + " " + apiKey.substring(1));
                    description = "the key with a space inside";
                }
            }
            String[] paths = {"/articles", "/articles?X-API-Key=" + apiKey, "/feeds"};
            String path = paths[r.nextInt(paths.length)];
            byte[] body = utf8(path.equals("/feeds") ? "{\"url\": \"https://example.org/feed.xml\"}" : json(article(r)));
            post("http: API keys", description + " to " + path.replace(apiKey, "<key>"), path, headers, body, 401,
                    "unauthorized", null);
        }
        for (String path : List.of("/feeds", "/sources/directory", "/feeds/00000000-0000-0000-0000-000000000000")) {
            cases.add(new HttpCase("http: API keys", "GET " + path + " without a key", "GET", path, Map.of(), null, false, 401,
                    "unauthorized", null));
        }
    }

    private void methodsAndPaths() {
        String category = "http: wrong methods and paths";
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
            cases.add(new HttpCase(category, method + " /articles", method, "/articles", headers(JSON),
                    method.equals("GET") || method.equals("DELETE") ? null : utf8("{\"title\": \"t\"}"), false, 405, ABOUT_BLANK,
                    null));
        }
        for (String path : List.of("/articles/1", "/article", "/ARTICLES", "/admin", "/%2e%2e/etc/passwd")) {
            cases.add(new HttpCase(category, "POST " + path, "POST", path, headers(JSON), utf8("{\"title\": \"t\"}"), false, 404,
                    ABOUT_BLANK, null));
        }
    }

    private void feedRegistrations(Random r, int count) {
        String category = "http: feed registrations";
        String[] privateUrls = {"http://127.0.0.1:8081/feed.xml", "http://10.1.2.3/rss", "http://192.168.1.1/feed",
            "http://172.16.0.9/atom", "http://169.254.169.254/latest/meta-data/", "http://[::1]/feed.xml",
            "http://[fd12:3456::1]/feed", "http://0.0.0.0/rss", "http://100.64.1.1/rss", "http://2130706433/rss",
            "http://0x7f000001/rss", "http://[::ffff:127.0.0.1]/rss", "http://localhost/rss", "http://127.1/rss"};
        String[] notHttp = {"ftp://example.org/feed.xml", "file:///etc/passwd", "javascript:alert(1)", "gopher://example.org/",
            "feed.xml", "//example.org/feed.xml", "http://user:secret@example.org/feed.xml"};
        for (int i = 0; i < count; i++) {
            Map<String, String> headers = headers(JSON);
            switch (i % 8) {
                case 0, 1 -> post(category, "private address", "/feeds", headers,
                        utf8(json(NODES.objectNode().put("url", privateUrls[r.nextInt(privateUrls.length)]))), 400,
                        "invalid-feed", "url");
                case 2 -> post(category, "not an http URL", "/feeds", headers,
                        utf8(json(NODES.objectNode().put("url", notHttp[r.nextInt(notHttp.length)]))), 400, "invalid-feed", "url");
                case 3 -> {
                    ObjectNode body = NODES.objectNode();
                    body.set("url", wrongValue(r));
                    post(category, "url of a wrong type", "/feeds", headers, utf8(json(body)), 400, "invalid-feed", "url");
                }
                case 4 -> {
                    ObjectNode body = NODES.objectNode().put("url", privateUrls[1]);
                    Object interval = new Object[] {"abc", 1.5, -1, 0, 1L << 50, true}[r.nextInt(6)];
                    body.set("intervalSeconds", MAPPER.valueToTree(interval));
                    post(category, "interval " + interval, "/feeds", headers, utf8(json(body)), 400, "invalid-feed",
                            "intervalSeconds");
                }
                case 5 -> post(category, "malformed JSON", "/feeds", headers,
                        utf8(MALFORMED[r.nextInt(MALFORMED.length)].replace("T", "x")), 400, "malformed-json", null);
                case 6 -> post(category, "not an object", "/feeds", headers,
                        utf8(new String[] {"[]", "42", "\"http://example.org/feed\"", "[{\"url\": \"x\"}]"}[r.nextInt(4)]), 400,
                        "invalid-request", null);
                default -> {
                    int inflated = (1 << 20) + r.nextInt(4 << 20);
                    headers.put("Content-Encoding", "gzip");
                    post(category, "gzip bomb of " + inflated + " bytes", "/feeds", headers,
                            compress(true, out -> fill(out, '{', ' ', inflated)), 413, "payload-too-large", null);
                }
            }
        }
    }
}
