package io.newsflow.enrich.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.pipeline.ArticlePipeline;
import io.newsflow.enrich.pipeline.EngineObserver;
import io.newsflow.events.EventCodec;
import io.newsflow.events.InvalidEventException;
import io.newsflow.events.RawArticle;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code POST /engines/benchmark}: the enrichment the Kafka path runs (same engines, same mode), without Kafka, over the
 * posted raw articles on {@code threads} threads, timed. Set against the service's throughput from Kafka on the same
 * articles it tells how much the transport costs. Off unless {@code newsflow.enrich.benchmark-endpoint.enabled=true}:
 * a request keeps every core busy. The run feeds none of the service's metrics.
 */
@Path(EngineBenchmarkResource.PATH)
public class EngineBenchmarkResource {

    static final String PATH = "/engines/benchmark";
    /** A bound on one request's work; the body itself is bounded by {@code quarkus.http.limits.max-body-size}. */
    static final int MAX_ARTICLES = 10_000;
    static final int MAX_THREADS = 256;

    private final ArticlePipeline pipeline;
    private final EnrichConfig config;

    @Inject
    EngineBenchmarkResource(ArticlePipeline pipeline, EnrichConfig config) {
        this.pipeline = pipeline;
        this.config = config;
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    public Response run(byte[] body, @QueryParam("threads") String threadsParam) throws InterruptedException {
        if (!config.benchmarkEndpoint().enabled()) {
            return problem(new Problem(Problem.TYPE_BASE + "not-found", "Not Found", 404,
                    "The benchmark endpoint is off; start the service with "
                            + "newsflow.enrich.benchmark-endpoint.enabled=true to turn it on",
                    PATH, null));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        int threads = threads(threadsParam, errors);
        List<RawArticle> articles = articles(body, errors);
        if (!errors.isEmpty()) {
            return problem(new Problem(Problem.TYPE_BASE + "invalid-request", "Invalid request", 400,
                    "The body must be a JSON array of 1 to " + MAX_ARTICLES + " raw articles (as on the raw topic) and "
                            + "threads a whole number from 1 to " + MAX_THREADS,
                    PATH, errors));
        }
        return Response.ok(measure(articles, threads), MediaType.APPLICATION_JSON).build();
    }

    private BenchmarkResult measure(List<RawArticle> articles, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < articles.size(); i = next.getAndIncrement()) {
                        pipeline.enrich(articles.get(i), EngineObserver.NONE);
                    }
                }));
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("An engine failed during the benchmark: " + e.getCause(),
                            e.getCause());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new BenchmarkResult(articles.size(), threads, seconds, articles.size() / seconds,
                    pipeline.mode().configValue());
        } finally {
            pool.shutdownNow();
        }
    }

    private static int threads(String param, List<Problem.FieldError> errors) {
        if (param == null || param.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int threads = Integer.parseInt(param.strip());
            if (threads >= 1 && threads <= MAX_THREADS) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError(null, "threads", "must be a whole number from 1 to " + MAX_THREADS
                + ", was " + param));
        return 0;
    }

    private static List<RawArticle> articles(byte[] body, List<Problem.FieldError> errors) {
        JsonNode tree;
        try {
            tree = body == null || body.length == 0 ? null : EventCodec.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            errors.add(new Problem.FieldError(null, null, "the body is not JSON: " + e.getOriginalMessage()));
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (tree == null || !tree.isArray() || tree.isEmpty() || tree.size() > MAX_ARTICLES) {
            errors.add(new Problem.FieldError(null, null,
                    "the body must be a JSON array of 1 to " + MAX_ARTICLES + " raw articles"));
            return List.of();
        }
        List<RawArticle> articles = new ArrayList<>(tree.size());
        for (int i = 0; i < tree.size(); i++) {
            try {
                articles.add(EventCodec.decodeRaw(EventCodec.mapper().writeValueAsBytes(tree.get(i))));
            } catch (InvalidEventException | JsonProcessingException e) {
                errors.add(new Problem.FieldError(i, null, e.getMessage()));
            }
        }
        return articles;
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
