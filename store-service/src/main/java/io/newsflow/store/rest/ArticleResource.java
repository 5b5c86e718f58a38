package io.newsflow.store.rest;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.EventCodec;
import io.newsflow.store.persistence.ArticleFilter;
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
    public record ArticleList(List<EnrichedArticle> items,
            @Schema(description = "Cursor of the next page; null on the last page", nullable = true) String next,
            @Schema(description = "Where this listing ends: every article stored before it is in the listing, every "
                    + "one stored later after it. Pass it as `after` to get only the articles stored since")
            String position) {
    }

    @GET
    @Operation(summary = "Stored articles, newest first (by the position of their first store), filtered and paged "
            + "by keyset")
    @APIResponse(responseCode = "200", description = "A page of articles",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ArticleList.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid; `errors` names each",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = Problem.UNAVAILABLE_DESCRIPTION,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @Parameter(description = "Language of the article: ISO 639-1 code or und", example = "fr")
            @QueryParam("language") String language,
            @Parameter(description = "An entity the article names: its reference or its canonical name",
                    example = "iso3166:BY")
            @QueryParam("entity") String entity,
            @Parameter(description = "The article names an entity of this type (the `entity` itself when given): "
                    + "PERSON, ORGANIZATION, LOCATION or MISC", example = "LOCATION")
            @QueryParam("entityType") String entityType,
            @Parameter(description = "IPTC Media Topic the article is tagged with (or a narrower one of it)",
                    example = "medtop:16000000")
            @QueryParam("topic") String topic,
            @Parameter(description = "Source name") @QueryParam("source") String source,
            @Parameter(description = "First stored at or after: ISO-8601 date-time with offset, or a date (UTC)",
                    example = "2025-01-01T00:00:00Z")
            @QueryParam("since") String since,
            @Parameter(description = "First stored before: ISO-8601 date-time with offset, or a date (UTC)")
            @QueryParam("until") String until,
            @Parameter(description = "Full-text query in the article's own language (web search syntax: words, "
                    + "\"a phrase\", -excluded, or)", example = "guerre")
            @QueryParam("q") String q,
            @Parameter(description = "The `next` value of the previous page, passed back as given")
            @QueryParam("cursor") String cursor,
            @Parameter(description = "The `position` of an earlier listing: only articles stored since, none "
                    + "skipped however their transactions committed")
            @QueryParam("after") String afterPosition,
            @Parameter(description = "Page size, 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")")
            @QueryParam("limit") String limit) {
        QueryParameters parameters = new QueryParameters();
        Instant from = parameters.instant("since", since);
        Instant to = parameters.instant("until", until);
        if (from != null && to != null && !from.isBefore(to)) {
            parameters.invalid("until", "must be later than since");
        }
        ArticleFilter filter = new ArticleFilter(parameters.language("language", language),
                parameters.text("entity", entity), parameters.entityType("entityType", entityType),
                parameters.topic("topic", topic), parameters.text("source", source), from, to,
                parameters.text("q", q));
        int size = parameters.limit("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
        Optional<PagePosition> after = parseCursor(cursor, parameters);
        OptionalLong stored = parsePosition(afterPosition, parameters);
        parameters.check();
        ArticlePage page = repository.findPage(filter, size, after, stored);
        return json(new ArticleList(page.items(), page.next().map(Cursor::encode).orElse(null),
                Cursor.encodePosition(page.horizon())));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "The stored article with this id, as the EnrichedArticle event it arrived as")
    @APIResponse(responseCode = "200", description = "The article",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EnrichedArticle.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No article is stored with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = Problem.UNAVAILABLE_DESCRIPTION,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@Parameter(description = "Article id (UUID)") @PathParam("id") String id) {
        UUID articleId;
        try {
            articleId = ArticleIds.parse(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(List.of(Problem.FieldError.of("id", e.getMessage())));
        }
        return json(repository.findById(articleId).orElseThrow(() -> new ArticleNotFoundException(articleId)));
    }

    private static Optional<PagePosition> parseCursor(String cursor, QueryParameters parameters) {
        if (cursor == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Cursor.decode(cursor));
        } catch (IllegalArgumentException e) {
            parameters.invalid("cursor", e.getMessage() + "; pass back the `next` value of a page");
            return Optional.empty();
        }
    }

    private static OptionalLong parsePosition(String position, QueryParameters parameters) {
        if (position == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Cursor.decodePosition(position));
        } catch (IllegalArgumentException e) {
            parameters.invalid("after", e.getMessage() + "; pass back the `position` value of a listing");
            return OptionalLong.empty();
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
