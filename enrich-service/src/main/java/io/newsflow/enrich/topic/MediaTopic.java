package io.newsflow.enrich.topic;

/** One concept of the IPTC Media Topics vocabulary; {@code parent} is null for the 17 top-level subjects. */
public record MediaTopic(String code, String label, String parent) {
}
