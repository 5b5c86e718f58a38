package io.newsflow.store.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.newsflow.store.persistence.StatisticsRepository;
import io.newsflow.store.persistence.StatisticsRepository.EntityCount;

/** The entities stored articles name. */
@Path("/entities")
@Produces(MediaType.APPLICATION_JSON)
public class EntityResource {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 500;
    /** Without {@code since}, the last day. */
    static final Duration DEFAULT_PERIOD = Duration.ofDays(1);

    private final StatisticsRepository statistics;
    private final Duration maxPeriod;

    EntityResource(StatisticsRepository statistics,
            @ConfigProperty(name = "newsflow.store.api.max-period") Duration maxPeriod) {
        this.statistics = statistics;
        this.maxPeriod = maxPeriod;
    }

    /** The body of GET /entities/top: the period counted from, and the entities, most named first. */
    public record TopEntities(Instant since, List<EntityCount> items) {
    }

    @GET
    @Path("/top")
    @Operation(summary = "The entities named by the most articles stored since a time, the most named first")
    @APIResponse(responseCode = "200", description = "Entities with their article and mention counts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TopEntities.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid; `errors` names each",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = Problem.UNAVAILABLE_DESCRIPTION,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TopEntities top(
            @Parameter(description = "Count articles first stored at or after this ISO-8601 date-time or date "
                    + "(default: 24 hours ago; at most newsflow.store.api.max-period ago, 31 days by default)")
            @QueryParam("since") String since,
            @Parameter(description = "Only entities of this type: PERSON, ORGANIZATION, LOCATION or MISC")
            @QueryParam("type") String type,
            @Parameter(description = "How many entities, 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")")
            @QueryParam("limit") String limit) {
        QueryParameters parameters = new QueryParameters();
        Instant start = parameters.periodStart("since", since, Instant.now(), DEFAULT_PERIOD, maxPeriod);
        String entityType = parameters.entityType("type", type);
        int size = parameters.limit("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
        parameters.check();
        return new TopEntities(start, statistics.topEntities(start, entityType, size));
    }
}
