package io.newsflow.events;

/** An IPTC Media Topic assigned to an article, e.g. {@code medtop:11000000} "politics", with a score in 0..1. */
public record Topic(String code, String label, double score) {
}
