package io.newsflow.ingest.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.ingest.metrics.IngestMetrics;

/** Every error this service answers with is an RFC 9457 problem, never an HTML page or an empty body. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ObjectMapper mapper;
    private final IngestMetrics metrics;

    @Inject
    public ProblemMappers(ObjectMapper mapper, IngestMetrics metrics) {
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem().at(uri.getPath()));
    }

    /** Quarkus' own refusals (unknown path, wrong method, unsupported media type, ...) keep their status. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), e.getMessage(),
                uri.getPath(), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "Unexpected failure handling %s", uri.getPath());
        return respond(new Problem(Problem.TYPE_BASE + "internal-error", "Internal error", 500,
                "The service failed unexpectedly; the failure is in its log", uri.getPath(), null));
    }

    private Response respond(Problem problem) {
        metrics.problem(problem.label());
        try {
            return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(mapper.writeValueAsString(problem)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem record always serialises", e);
        }
    }
}
