package io.newsflow.ingest.rest;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.ingest.metrics.IngestMetrics;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks every request before any body is read: the API key, when keys are configured, a declared body length
 * over the limit, and the bytes of bodies in flight (503 with {@code Retry-After} past
 * {@code newsflow.ingest.http.max-bytes-in-flight}, so that concurrent large requests cannot exhaust the heap). Both refusals are problems, like every other error of the service. Health and metrics endpoints
 * under {@code /q/} stay open for probes.
 */
@ApplicationScoped
public class RequestGuard {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private final ObjectMapper mapper;
    private final IngestMetrics metrics;
    private final ApiKeys keys;
    private final long maxBodyBytes;
    private final long maxBytesInFlight;
    /** Bytes of request bodies admitted and not yet answered: each request's declared length, or the limit. */
    private final AtomicLong bytesInFlight = new AtomicLong();

    @Inject
    public RequestGuard(ObjectMapper mapper, IngestMetrics metrics,
            @ConfigProperty(name = "newsflow.ingest.http.api-keys") Optional<List<String>> keys,
            @ConfigProperty(name = "newsflow.ingest.http.open") boolean open,
            @ConfigProperty(name = "newsflow.ingest.http.max-body-size") MemorySize maxBody,
            @ConfigProperty(name = "newsflow.ingest.http.max-bytes-in-flight") MemorySize maxInFlight) {
        this.mapper = mapper;
        this.metrics = metrics;
        this.keys = ApiKeys.parse(keys.orElse(List.of()));
        if (this.keys.isEmpty() && !open) {
            // Refused at start-up rather than served open: an API anyone can push articles to is not a default.
            throw new IllegalStateException("No API key is configured: set newsflow.ingest.http.api-keys"
                    + " (NEWSFLOW_INGEST_HTTP_API_KEYS, e.g. from a secret), or newsflow.ingest.http.open=true"
                    + " (NEWSFLOW_INGEST_HTTP_OPEN) to serve the API without keys on a trusted network");
        }
        this.maxBodyBytes = maxBody.asLongValue();
        this.maxBytesInFlight = maxInFlight.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::guard, 100);
    }

    private void guard(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.startsWith("/q/")) {
            context.next();
            return;
        }
        if (!keys.isEmpty()) {
            Optional<Set<ApiKeys.Scope>> scopes = keys.scopesOf(context.request().getHeader(API_KEY_HEADER));
            if (scopes.isEmpty()) {
                refuse(context, new Problem(Problem.TYPE_BASE + "unauthorized", "Unauthorized", 401,
                        "A valid API key is required in the " + API_KEY_HEADER + " header", path, null));
                return;
            }
            ApiKeys.Scope needed = ApiKeys.Scope.of(path);
            if (!scopes.get().contains(needed)) {
                refuse(context, new Problem(Problem.TYPE_BASE + "forbidden", "Forbidden", 403,
                        "This API key lacks the " + needed.name().toLowerCase(java.util.Locale.ROOT) + " scope "
                                + path + " needs (it has " + scopes.get().toString().toLowerCase(java.util.Locale.ROOT)
                                + ")", path, null));
                return;
            }
        }
        if (BODY_METHODS.contains(context.request().method().name()) && context.request().getHeader("Content-Type") == null) {
            // Without this the framework picks a reader for an undeclared body on its own, and it would be read as JSON.
            refuse(context, new Problem("about:blank", "Unsupported Media Type", 415,
                    "A Content-Type is required: application/json or application/x-ndjson", path, null));
            return;
        }
        String length = context.request().getHeader("Content-Length");
        if (length != null && declaredTooLarge(length)) {
            context.response().putHeader("Connection", "close");
            refuse(context, ProblemException.tooLarge(maxBodyBytes).problem().at(path));
            return;
        }
        if (BODY_METHODS.contains(context.request().method().name())) {
            // A compressed or chunked body may grow to the limit once decoded: it is counted at the limit.
            long reserved = length != null && context.request().getHeader("Content-Encoding") == null
                    ? Math.max(0, parsedLength(length)) : maxBodyBytes;
            if (!reserve(reserved)) {
                context.response().putHeader("Retry-After", "1");
                refuse(context, new Problem(Problem.TYPE_BASE + "overloaded", "Service Unavailable", 503,
                        "The request bodies being processed already take " + bytesInFlight.get() + " of "
                                + maxBytesInFlight + " bytes (newsflow.ingest.http.max-bytes-in-flight); retry after"
                                + " 1 s", path, null));
                return;
            }
            context.addEndHandler(done -> bytesInFlight.addAndGet(-reserved));
        }
        context.next();
    }

    /**
     * Admits {@code bytes} while the bodies in flight stay within the bound; a request is always admitted when nothing
     * else is in flight, so one body of the largest allowed size passes whatever the bound.
     */
    private boolean reserve(long bytes) {
        while (true) {
            long current = bytesInFlight.get();
            if (current > 0 && current + bytes > maxBytesInFlight) {
                return false;
            }
            if (bytesInFlight.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    private static long parsedLength(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private boolean declaredTooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void refuse(RoutingContext context, Problem problem) {
        metrics.problem(problem.label());
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem record always serialises", e);
        }
        context.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE).end(body);
    }
}
