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
import io.newsflow.store.persistence.StatisticsRepository.TopicCount;

/** The IPTC Media Topics stored articles are tagged with. */
@Path("/topics")
@Produces(MediaType.APPLICATION_JSON)
public class TopicResource {

    private final StatisticsRepository statistics;
    private final Duration maxPeriod;

    TopicResource(StatisticsRepository statistics,
            @ConfigProperty(name = "newsflow.store.api.max-period") Duration maxPeriod) {
        this.statistics = statistics;
        this.maxPeriod = maxPeriod;
    }

    /** The body of GET /topics/counts: the period counted from, and the topics, most used first. */
    public record TopicCounts(Instant since, List<TopicCount> items) {
    }

    @GET
    @Path("/counts")
    @Operation(summary = "How many articles stored since a time are tagged with each topic, most used first")
    @APIResponse(responseCode = "200", description = "Topics with their article counts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TopicCounts.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid; `errors` names each",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = Problem.UNAVAILABLE_DESCRIPTION,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TopicCounts counts(
            @Parameter(description = "Count articles first stored at or after this ISO-8601 date-time or date "
                    + "(default: 24 hours ago; at most newsflow.store.api.max-period ago, 31 days by default)")
            @QueryParam("since") String since) {
        QueryParameters parameters = new QueryParameters();
        Instant start = parameters.periodStart("since", since, Instant.now(), EntityResource.DEFAULT_PERIOD,
                maxPeriod);
        parameters.check();
        return new TopicCounts(start, statistics.topicCounts(start));
    }
}
