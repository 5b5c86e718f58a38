package io.newsflow.ingest.rest;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.newsflow.ingest.feed.FeedStatus;
import io.newsflow.ingest.feed.SourceHealth;
import io.newsflow.ingest.polling.Sources;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code GET /sources}: every feed and sitemap with its health, worst first (failing, quiet, pending, ok), from any
 * replica: each source's state is the one its owner last wrote. {@code ?health=quiet} keeps one kind.
 */
@Path("/sources")
@Blocking
public class SourceResource {

    private static final Map<String, Integer> WORST_FIRST = Map.of(SourceHealth.FAILING, 0, SourceHealth.QUIET, 1,
            SourceHealth.PENDING, 2, SourceHealth.OK, 3);

    private final Sources sources;

    @Inject
    public SourceResource(Sources sources) {
        this.sources = sources;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<FeedStatus> list(@QueryParam("health") String health) {
        return sources.feeds().stream().map(sources::status)
                .filter(s -> health == null || health.equals(s.health()))
                .sorted(Comparator.comparing((FeedStatus s) -> WORST_FIRST.getOrDefault(s.health(), 4))
                        .thenComparing(FeedStatus::url))
                .toList();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public FeedStatus get(@PathParam("id") String id) {
        return sources.status(sources.find(id).orElseThrow(() -> ProblemException.sourceNotFound(id)));
    }
}
