package io.newsflow.ingest.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.ingest.article.ArticleValidator;
import io.newsflow.ingest.feed.Feed;
import io.newsflow.ingest.feed.FeedSettings;
import io.newsflow.ingest.feed.FeedStatus;
import io.newsflow.ingest.feed.RegistryUnavailableException;
import io.newsflow.ingest.fetch.FetchException;
import io.newsflow.ingest.fetch.Fetcher;
import io.newsflow.ingest.identity.ArticleIdentity;
import io.newsflow.ingest.polling.Sources;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code /feeds}: register, list and remove RSS/Atom feeds. A feed URL is checked when it is registered (http(s), a
 * host resolving only to addresses the fetch policy allows), so a feed that could never be fetched is refused with
 * 400 instead of failing quietly on every poll.
 */
@Path("/feeds")
@Blocking
public class FeedResource {

    /**
     * A registration is a URL and a number; a larger body (or one inflating past this once decompressed) is not one,
     * and is refused before it is buffered.
     */
    static final long MAX_REGISTRATION_BYTES = 64 * 1024;

    private final ObjectMapper mapper;
    private final Sources poller;
    private final Fetcher fetcher;
    private final Duration defaultInterval;
    private final Duration minInterval;
    private final Duration maxInterval;

    @Inject
    public FeedResource(ObjectMapper mapper, Sources sources, Fetcher fetcher, FeedSettings settings) {
        this.mapper = mapper;
        this.poller = sources;
        this.fetcher = fetcher;
        this.defaultInterval = settings.defaultInterval();
        this.minInterval = settings.minInterval();
        this.maxInterval = settings.maxInterval();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response register(InputStream bytes, @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding) {
        JsonNode body = parse(new LimitedInputStream(DecodedBody.of(bytes, encoding), MAX_REGISTRATION_BYTES));
        if (!body.isObject()) {
            throw ProblemException.invalidRequest("Expected an object such as {\"url\": \"https://example.org/feed.xml\", "
                    + "\"intervalSeconds\": 900}");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        String url = url(body.get("url"), errors);
        long interval = interval(body.get("intervalSeconds"), errors);
        String kind = kind(body.get("kind"), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFeed(errors);
        }
        Feed existing = poller.find(Feed.idOf(url)).orElse(null);
        if (existing != null && Feed.CONFIG.equals(existing.origin())) {
            return Response.ok(poller.status(existing)).build();
        }
        Feed feed = new Feed(Feed.idOf(url), ArticleIdentity.normaliseUrl(url), interval, Feed.API,
                existing != null ? existing.registeredAt() : Clock.systemUTC().instant().truncatedTo(ChronoUnit.MILLIS), kind);
        try {
            poller.registry().save(feed);
        } catch (RegistryUnavailableException e) {
            throw ProblemException.registryUnavailable(e.getMessage());
        }
        FeedStatus status = poller.status(feed);
        return existing != null ? Response.ok(status).build()
                : Response.created(URI.create("/feeds/" + feed.id())).entity(status).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<FeedStatus> list() {
        return poller.feeds().stream().map(poller::status).toList();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public FeedStatus get(@PathParam("id") String id) {
        return poller.status(poller.find(id).orElseThrow(() -> ProblemException.feedNotFound(id)));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        Feed feed = poller.find(id).orElseThrow(() -> ProblemException.feedNotFound(id));
        if (Feed.CONFIG.equals(feed.origin())) {
            throw ProblemException.feedFromConfiguration(feed.url());
        }
        try {
            poller.registry().delete(id);
        } catch (RegistryUnavailableException e) {
            throw ProblemException.registryUnavailable(e.getMessage());
        }
        poller.forget(id);
        return Response.noContent().build();
    }

    // Parsed here rather than by the framework so that malformed JSON gets a precise problem like POST /articles.
    private JsonNode parse(InputStream bytes) {
        try {
            JsonNode body = mapper.readTree(bytes);
            if (body == null || body.isMissingNode()) {
                throw ProblemException.malformedJson("The body is empty; expected a feed object");
            }
            return body;
        } catch (LimitedInputStream.TooLargeException e) {
            throw ProblemException.tooLarge(MAX_REGISTRATION_BYTES);
        } catch (DecodedBody.UndecodableException e) {
            throw ProblemException.undecodable(e.getMessage());
        } catch (IOException e) {
            throw ProblemException.malformedJson("The body is not valid JSON: " + e.getMessage());
        }
    }

    private String url(JsonNode value, List<Problem.FieldError> errors) {
        if (value == null || value.isNull()) {
            errors.add(new Problem.FieldError(0, "url", "is required"));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new Problem.FieldError(0, "url", "must be a string"));
            return null;
        }
        String url = value.textValue().trim();
        if (url.length() > ArticleValidator.MAX_URL) {
            errors.add(new Problem.FieldError(0, "url", "is longer than " + ArticleValidator.MAX_URL + " characters"));
            return null;
        }
        try {
            ArticleIdentity.parseHttpUrl(url);
            fetcher.checkUrl(url);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(0, "url", e.getMessage()));
            return null;
        } catch (FetchException e) {
            errors.add(new Problem.FieldError(0, "url", "is not fetched: " + e.getMessage()));
            return null;
        }
        return url;
    }

    private static String kind(JsonNode value, List<Problem.FieldError> errors) {
        if (value == null || value.isNull()) {
            return Feed.FEED;
        }
        if (!value.isTextual() || !List.of(Feed.FEED, Feed.SITEMAP).contains(value.textValue())) {
            errors.add(new Problem.FieldError(0, "kind", "must be \"feed\" or \"sitemap\""));
            return Feed.FEED;
        }
        return value.textValue();
    }

    private long interval(JsonNode value, List<Problem.FieldError> errors) {
        if (value == null || value.isNull()) {
            return defaultInterval.toSeconds();
        }
        if (!value.isIntegralNumber()) {
            errors.add(new Problem.FieldError(0, "intervalSeconds", "must be a whole number of seconds"));
            return 0;
        }
        long seconds = value.asLong();
        if (seconds < minInterval.toSeconds() || seconds > maxInterval.toSeconds()) {
            errors.add(new Problem.FieldError(0, "intervalSeconds", "must be between " + minInterval.toSeconds() + " and "
                    + maxInterval.toSeconds()));
        }
        return seconds;
    }
}
