package io.newsflow.devstack.reenrich;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.newsflow.events.CloudEventHeaders;
import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.EventCodec;
import io.newsflow.events.EventSchema;
import io.newsflow.events.InvalidEventException;
import io.newsflow.events.RawArticle;
import io.newsflow.events.Topics;

/**
 * Sends stored articles back through enrichment: pages through store-service's {@code GET /articles} with the given
 * filters and publishes each article's raw part, as ingest-service published it, to {@code news.articles.raw.v1}.
 *
 * <p>PostgreSQL holds every article ever stored, while the raw topic holds only its retention, so the store is the
 * source that reaches back furthest. Re-enriched articles replace the stored ones by the store's own rule (the same
 * content, enriched later, wins): after a model or gazetteer upgrade the new engines' results replace the old. The
 * article ids and content are unchanged, so nothing is duplicated.
 */
public final class Reenrich {

    /** Header on a re-enriched raw record, so that a consumer can tell it from an article ingested anew. */
    public static final String REENRICH_HEADER = "newsflow-reenrich";
    private static final int PAGE = 500;

    /**
     * @param rate   articles per second sent at most
     * @param limit  articles sent at most (the newest first, as the store lists them)
     */
    public record Options(URI store, String bootstrapServers, Instant since, Optional<Instant> until,
            Optional<String> source, Optional<String> language, double rate, long limit, boolean dryRun,
            Duration timeout) {
        public Options {
            if (!(rate > 0)) {
                throw new IllegalArgumentException("--rate must be more than 0 articles per second, was " + rate);
            }
            if (limit < 1) {
                throw new IllegalArgumentException("--limit must be at least 1, was " + limit);
            }
            if (until.isPresent() && !until.get().isAfter(since)) {
                throw new IllegalArgumentException("--until must be after --since");
            }
        }
    }

    /** How many articles were read from the store, sent (or, dry, would be), and by language. */
    public record Report(long read, long sent, Map<String, Long> byLanguage, boolean dryRun, Duration took) {
        public String render() {
            StringBuilder text = new StringBuilder(String.format("%s %d of %d stored articles to %s in %d s%n",
                    dryRun ? "would send" : "sent", sent, read, Topics.RAW, took.toSeconds()));
            byLanguage.forEach((language, count) -> text.append(String.format("  %6d  %s%n", count, language)));
            return text.toString();
        }
    }

    private final Options options;
    private final Consumer<String> progress;
    private final HttpClient http;

    public Reenrich(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
        this.http = HttpClient.newBuilder().connectTimeout(options.timeout()).build();
    }

    public Report run() throws IOException, InterruptedException {
        long started = System.nanoTime();
        long read = 0;
        long sent = 0;
        Map<String, Long> byLanguage = new LinkedHashMap<>();
        long intervalNanos = (long) (1e9 / options.rate());
        long nextSendAt = System.nanoTime();
        long lastProgress = System.nanoTime();
        String cursor = null;
        try (KafkaProducer<String, byte[]> producer = options.dryRun() ? null : producer()) {
            List<Future<RecordMetadata>> inFlight = new ArrayList<>();
            do {
                JsonNode page = page(cursor);
                for (JsonNode item : page.path("items")) {
                    if (sent >= options.limit()) {
                        break;
                    }
                    read++;
                    RawArticle raw = raw(item);
                    byLanguage.merge(item.path("language").path("code").asText("und"), 1L, Long::sum);
                    long wait = nextSendAt - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    nextSendAt = Math.max(nextSendAt, System.nanoTime() - intervalNanos) + intervalNanos;
                    if (producer != null) {
                        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.RAW, raw.id(),
                                EventCodec.encode(raw));
                        // The CloudEvents binary-mode headers ingest-service's records carry, this command as source.
                        header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
                        header(record, CloudEventHeaders.ID, UUID.randomUUID().toString());
                        header(record, CloudEventHeaders.TYPE, EventSchema.RAW_ARTICLE.cloudEventType());
                        header(record, CloudEventHeaders.SOURCE, "/newsflow/reenrich");
                        header(record, CloudEventHeaders.TIME, Instant.now().toString());
                        header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
                        header(record, REENRICH_HEADER, "true");
                        inFlight.add(producer.send(record));
                    }
                    sent++;
                    if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(5)) {
                        progress.accept(String.format("%d articles %s", sent, options.dryRun() ? "read" : "sent"));
                        lastProgress = System.nanoTime();
                    }
                }
                awaitAll(inFlight);
                JsonNode next = page.path("next");
                cursor = next.isTextual() && sent < options.limit() ? next.asText() : null;
            } while (cursor != null);
        }
        return new Report(read, sent, byLanguage, options.dryRun(), Duration.ofNanos(System.nanoTime() - started));
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The raw part of a stored article, checked against the raw schema as ingest's records are. */
    static RawArticle raw(JsonNode item) throws IOException {
        EnrichedArticle enriched = EventCodec.mapper().treeToValue(item, EnrichedArticle.class);
        RawArticle raw = new RawArticle(enriched.id(), enriched.url(), enriched.canonicalUrl(), enriched.title(),
                enriched.body(), enriched.summary(), enriched.authors(), enriched.publishedAt(), enriched.fetchedAt(),
                enriched.source(), enriched.contentHash());
        try {
            EventCodec.decode(EventCodec.encode(raw), EventSchema.RAW_ARTICLE, RawArticle.class);
        } catch (InvalidEventException e) {
            throw new IOException("stored article " + enriched.id() + " is not a valid raw article: " + e.getMessage(),
                    e);
        }
        return raw;
    }

    private JsonNode page(String cursor) throws IOException, InterruptedException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("since", options.since().toString());
        options.until().ifPresent(until -> query.put("until", until.toString()));
        options.source().ifPresent(source -> query.put("source", source));
        options.language().ifPresent(language -> query.put("language", language));
        query.put("limit", String.valueOf(PAGE));
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        StringBuilder uri = new StringBuilder(options.store().toString().replaceAll("/+$", "")).append("/articles?");
        query.forEach((key, value) -> uri.append(key).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        uri.setLength(uri.length() - 1);
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(options.timeout())
                .header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IOException("store-service at " + options.store() + " did not answer (--store): " + e, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("store-service answered " + response.statusCode() + " to " + uri + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return EventCodec.mapper().readTree(response.body());
    }

    private void awaitAll(List<Future<RecordMetadata>> inFlight) throws IOException, InterruptedException {
        try {
            for (Future<RecordMetadata> sent : inFlight) {
                sent.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("Kafka at " + options.bootstrapServers() + " did not take an article: " + e, e);
        }
        inFlight.clear();
    }

    private KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, options.timeout().toMillis());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "newsflow-reenrich");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
}
