package io.newsflow.store.rest;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.newsflow.store.persistence.StatisticsRepository;
import io.newsflow.store.persistence.StatisticsRepository.Totals;

/** What the store holds, in numbers. */
@Path("/stats")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final StatisticsRepository statistics;
    private final Duration maxAge;
    private Counted last;

    /** The counts and when they were made. */
    private record Counted(Totals totals, long atNanos) {
    }

    StatsResource(StatisticsRepository statistics,
            @ConfigProperty(name = "newsflow.store.api.stats-max-age") Duration maxAge) {
        this.statistics = statistics;
        this.maxAge = maxAge;
    }

    @GET
    @Operation(summary = "Stored articles counted, by language and by source; how many were stored in the last "
            + "minute, and when the last was first stored")
    @APIResponse(responseCode = "200", description = "The counts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Totals.class)))
    @APIResponse(responseCode = "503", description = Problem.UNAVAILABLE_DESCRIPTION,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Totals stats() {
        return current();
    }

    /**
     * The counts read every stored article, so they are made at most once per {@code newsflow.store.api.stats-max-age}
     * and one request at a time, whatever the number of clients asking: concurrent requests wait for the one count
     * under way and share it. (A monitor and a timestamp: the one value needs no cache library.)
     */
    private synchronized Totals current() {
        long now = System.nanoTime();
        if (last == null || now - last.atNanos() >= maxAge.toNanos()) {
            last = new Counted(statistics.totals(), now);
        }
        return last.totals();
    }
}
