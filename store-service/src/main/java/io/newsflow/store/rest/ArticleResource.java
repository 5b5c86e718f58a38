package io.newsflow.store.rest;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.EventCodec;
import io.newsflow.store.persistence.ArticlePage;
import io.newsflow.store.persistence.ArticleRepository;
import io.newsflow.store.persistence.PagePosition;

/**
 * The stored articles, as EnrichedArticle events. Bodies are written with the contract's own mapper, so an article
 * reads exactly like the event on the topic: same field order, same date format.
 */
@Path("/articles")
@Produces(MediaType.APPLICATION_JSON)
public class ArticleResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 500;

    private final ArticleRepository repository;

    ArticleResource(ArticleRepository repository) {
        this.repository = repository;
    }

    /** The body of GET /articles. {@code next} is null on the last page. */
    public record ArticleList(List<EnrichedArticle> items, String next) {
    }

    @GET
    public Response list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        int size = parseLimit(limit, errors);
        Optional<PagePosition> after = parseCursor(cursor, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        ArticlePage page = repository.findPage(size, after);
        return json(new ArticleList(page.items(), page.next().map(Cursor::encode).orElse(null)));
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        UUID articleId;
        try {
            articleId = ArticleIds.parse(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(List.of(Problem.FieldError.of("id", e.getMessage())));
        }
        return json(repository.findById(articleId).orElseThrow(() -> new ArticleNotFoundException(articleId)));
    }

    private static int parseLimit(String limit, List<Problem.FieldError> errors) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the out-of-range case: the fix is the same
        }
        errors.add(Problem.FieldError.of("limit", "must be a whole number from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }

    private static Optional<PagePosition> parseCursor(String cursor, List<Problem.FieldError> errors) {
        if (cursor == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Cursor.decode(cursor));
        } catch (IllegalArgumentException e) {
            errors.add(Problem.FieldError.of("cursor", e.getMessage() + "; pass back the `next` value of a page"));
            return Optional.empty();
        }
    }

    private static Response json(Object body) {
        try {
            return Response.ok(EventCodec.mapper().writeValueAsBytes(body), MediaType.APPLICATION_JSON).build();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
