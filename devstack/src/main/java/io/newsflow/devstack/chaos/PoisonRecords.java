package io.newsflow.devstack.chaos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.newsflow.events.Topics;

/**
 * The poison records of a chaos run: per input topic, records no consumer can process, half of them bytes that are not
 * even UTF-8 and half well-formed JSON that breaks the topic's schema. Each has a key of its own (never an article id),
 * so the dead-letter topics can be checked record by record.
 */
public final class PoisonRecords {

    private PoisonRecords() {
    }

    public record Poison(String topic, String key, byte[] value) {
    }

    public static List<Poison> forTopic(String topic, int count, long seed) {
        String label = topic.equals(Topics.RAW) ? "raw" : topic.equals(Topics.ENRICHED) ? "enriched" : topic;
        List<Poison> poison = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String key = "chaos-poison-" + Long.toUnsignedString(seed) + "-" + label + "-" + i;
            poison.add(new Poison(topic, key, i % 2 == 0 ? notText(i) : schemaInvalidJson(key)));
        }
        return poison;
    }

    /** Every key {@link #forTopic} gives the plan's input topics. */
    public static List<Poison> all(ChaosPlan plan) {
        List<Poison> all = new ArrayList<>();
        ChaosPlan.INPUT_TOPICS.forEach(topic -> all.addAll(forTopic(topic, plan.poisonPerTopic(), plan.seed())));
        return all;
    }

    private static byte[] notText(int i) {
        return new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, 0x00, (byte) i};
    }

    private static byte[] schemaInvalidJson(String key) {
        return ("{\"id\":\"" + key + "\",\"title\":42,\"body\":[\"not\",\"text\"]}").getBytes(StandardCharsets.UTF_8);
    }
}
