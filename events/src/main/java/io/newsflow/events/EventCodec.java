package io.newsflow.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Reads and writes contract events as JSON. Every event is checked against its schema both ways: a producer
 * cannot put an invalid event on the wire, and a consumer learns exactly why a record is unusable.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Contract rule: fields are only added within a version, so a consumer ignores fields it does not know.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventCodec() {
    }

    /** The mapper events are written with (ISO-8601 instants, unknown fields ignored). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serialises a contract event; throws {@link IllegalArgumentException} when it violates its schema. */
    public static byte[] encode(Object event) {
        JsonNode tree = toTree(event);
        List<String> violations = EventSchema.of(event.getClass()).violations(tree);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("Refusing to write an invalid " + event.getClass().getSimpleName()
                    + ": " + String.join("; ", violations));
        }
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode toTree(Object event) {
        return MAPPER.valueToTree(event);
    }

    /** Parses and validates bytes as an event of {@code schema}. */
    public static <T> T decode(byte[] bytes, EventSchema schema, Class<T> type) throws InvalidEventException {
        if (!schema.type().equals(type)) {
            throw new IllegalArgumentException(type.getName() + " is not the type of " + schema);
        }
        if (bytes == null || bytes.length == 0) {
            throw new InvalidEventException("empty record value", List.of("$: no payload"), null);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage(), List.of("$: not JSON"), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> violations = schema.violations(tree);
        if (!violations.isEmpty()) {
            throw new InvalidEventException("does not match " + schema.resource() + ": " + String.join("; ", violations),
                    violations, null);
        }
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("cannot be read as " + type.getSimpleName() + ": " + e.getOriginalMessage(),
                    List.of("$: " + e.getOriginalMessage()), e);
        }
    }

    public static RawArticle decodeRaw(byte[] bytes) throws InvalidEventException {
        return decode(bytes, EventSchema.RAW_ARTICLE, RawArticle.class);
    }

    public static EnrichedArticle decodeEnriched(byte[] bytes) throws InvalidEventException {
        return decode(bytes, EventSchema.ENRICHED_ARTICLE, EnrichedArticle.class);
    }
}
