package io.newsflow.store.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.newsflow.store.persistence.StatisticsRepository;
import io.newsflow.store.persistence.StatisticsRepository.Totals;

/** What the store holds, in numbers. */
@Path("/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final StatisticsRepository statistics;

    StatsResource(StatisticsRepository statistics) {
        this.statistics = statistics;
    }

    @GET
    @Operation(summary = "Stored articles counted, by language and by source, and when the last was first stored")
    public Totals stats() {
        return statistics.totals();
    }
}
