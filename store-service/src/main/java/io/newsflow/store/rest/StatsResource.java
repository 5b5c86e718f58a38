package io.newsflow.store.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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
    @Operation(summary = "Stored articles counted, by language and by source; how many were stored in the last "
            + "minute, and when the last was first stored")
    @APIResponse(responseCode = "200", description = "The counts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Totals.class)))
    public Totals stats() {
        return statistics.totals();
    }
}
