package io.newsflow.enrich.rest;

/** What {@code POST /engines/benchmark} answers. */
public record BenchmarkResult(int articles, int threads, double seconds, double articlesPerSec, String mode) {
}
