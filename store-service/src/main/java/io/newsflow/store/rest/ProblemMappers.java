package io.newsflow.store.rest;

import java.time.Duration;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.newsflow.store.persistence.ArticleStoreException;
import io.newsflow.store.persistence.DatabaseFailures;

/** Every error of the HTTP API, ours or the framework's, is answered with an RFC 9457 problem body. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** What a 503 asks clients to wait before asking again. */
    @ConfigProperty(name = "newsflow.store.api.retry-after")
    Duration retryAfter;

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e, UriInfo uri) {
        return respond(new Problem(Problem.INVALID_REQUEST, "Invalid request", 400, e.getMessage(), path(uri),
                e.errors()));
    }

    @ServerExceptionMapper
    public Response articleNotFound(ArticleNotFoundException e, UriInfo uri) {
        return respond(new Problem(Problem.ARTICLE_NOT_FOUND, "Article not found", 404, e.getMessage(), path(uri),
                null));
    }

    /**
     * The database cannot answer now: the API's pool has no free connection within its acquisition timeout, the
     * request's statement ran past the API's statement timeout, or the database is unreachable. Answered with 503
     * and Retry-After, so that clients back off instead of piling more requests onto a saturated store; anything
     * else the database says is a failure of ours.
     */
    @ServerExceptionMapper
    public Response databaseFailure(ArticleStoreException e, UriInfo uri) {
        if (!DatabaseFailures.isTransient(e)) {
            return unexpected(e, uri);
        }
        LOG.warnf("Request %s answered 503: %s", path(uri), DatabaseFailures.describe(e));
        Problem problem = new Problem(Problem.UNAVAILABLE, "Service Unavailable", 503,
                "The store cannot answer now (busy or its database unavailable); retry after "
                        + retryAfter.toSeconds() + " s.",
                path(uri), null);
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", retryAfter.toSeconds())
                .entity(problem).build();
    }

    /** Unknown paths, wrong methods, unacceptable media types and the like, with the status the framework chose. */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(new Problem(Problem.BLANK, status.getReasonPhrase(), status.getStatusCode(), e.getMessage(),
                path(uri), null));
    }

    /** A failure of ours: logged with its stack trace here, and only a reference to it in the response. */
    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "Request %s failed", path(uri));
        return respond(new Problem(Problem.BLANK, "Internal Server Error", 500,
                "The request could not be completed; the service log has the details.", path(uri), null));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }
}
