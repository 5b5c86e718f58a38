package io.newsflow.store.persistence;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.EventCodec;
import io.newsflow.events.InvalidEventException;

/**
 * An EnrichedArticle as it arrived: the decoded, valid event and its JSON text, which the {@code event} column keeps
 * as received.
 */
public record ReceivedArticle(EnrichedArticle article, String json) {

    public ReceivedArticle {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(json, "json");
    }

    /**
     * The article a Kafka record's value holds, decoded and checked against the contract.
     *
     * @throws InvalidEventException when the bytes are not a valid EnrichedArticle
     */
    public static ReceivedArticle decode(byte[] value) throws InvalidEventException {
        return new ReceivedArticle(EventCodec.decodeEnriched(value), new String(value, StandardCharsets.UTF_8));
    }

    public String id() {
        return article.id();
    }
}
