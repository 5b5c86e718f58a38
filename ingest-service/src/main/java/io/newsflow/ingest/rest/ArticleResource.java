package io.newsflow.ingest.rest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.newsflow.events.RawArticle;
import io.newsflow.events.SourceType;
import io.newsflow.ingest.article.ArticleFactory;
import io.newsflow.ingest.article.ArticleJsonReader;
import io.newsflow.ingest.article.ArticleSubmission;
import io.newsflow.ingest.article.ArticleValidator;
import io.newsflow.ingest.article.Violation;
import io.newsflow.ingest.messaging.PublishException;
import io.newsflow.ingest.messaging.RawArticlePublisher;
import io.newsflow.ingest.metrics.IngestMetrics;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code POST /articles}: one article object, an array of them, or NDJSON (one object per line, read as it streams
 * in). All or nothing by default: either every article is valid and acknowledged by Kafka (202 with their ids), or
 * the client gets a problem and may retry the whole request safely, since ids are deterministic. With
 * {@code ?partial=true} the valid articles are published and the refused ones listed in the answer.
 */
@Path("/articles")
public class ArticleResource {

    static final String DEFAULT_SOURCE_NAME = "http";
    static final String NDJSON = "application/x-ndjson";

    /** Refusal reasons of single articles, as metric labels. */
    private static final String INVALID = "invalid";
    private static final String NOT_JSON = "not-json";

    private static final Logger LOG = Logger.getLogger(ArticleResource.class);

    private final ObjectReader reader;
    private final ArticleFactory factory;
    private final RawArticlePublisher publisher;
    private final IngestMetrics metrics;
    private final int maxArticles;
    private final long maxBodyBytes;

    @Inject
    public ArticleResource(ObjectMapper mapper, ArticleFactory factory, RawArticlePublisher publisher, IngestMetrics metrics,
            @ConfigProperty(name = "newsflow.ingest.http.max-articles-per-request") int maxArticles,
            @ConfigProperty(name = "newsflow.ingest.http.max-body-size") MemorySize maxBody) {
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.factory = factory;
        this.publisher = publisher;
        this.metrics = metrics;
        this.maxArticles = maxArticles;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    /**
     * The ids of the articles, in the order they were submitted. With partial acceptance, a refused article has a
     * null id and its faults are in {@code refused}; without it {@code refused} is absent.
     */
    public record Accepted(List<String> ids, @JsonInclude(JsonInclude.Include.NON_NULL) List<Problem.FieldError> refused) {
    }

    /** One item of a request: its JSON, or why its NDJSON line is not JSON. */
    private record Item(JsonNode node, String malformed) {
    }

    // The body is parsed here rather than by the framework so that malformed JSON and fields of the wrong type get
    // precise problems; parsing, normalising and hashing up to the body-size limit is CPU work, kept off the event loop.
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Response submitJson(InputStream body, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding) {
        boolean partialAcceptance = partial(uri);
        return accept(items(parse(new LimitedInputStream(DecodedBody.of(body, encoding), maxBodyBytes))), partialAcceptance);
    }

    @POST
    @Consumes(NDJSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Response submitNdjson(InputStream body, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding) {
        boolean partialAcceptance = partial(uri);
        return accept(lines(new LimitedInputStream(DecodedBody.of(body, encoding), maxBodyBytes)), partialAcceptance);
    }

    // Strict on purpose: "partial=1", "partial=yes" or a bare "partial=" read as false would quietly turn the client's
    // request for partial acceptance into all-or-nothing, so anything but one true/false is refused before the body
    // is read. The raw query is read because the framework hands an empty value over as absent.
    private static boolean partial(UriInfo uri) {
        String query = uri.getRequestUri().getRawQuery();
        List<String> values = new ArrayList<>();
        for (String parameter : query == null ? new String[0] : query.split("&")) {
            String[] pair = parameter.split("=", 2);
            if (URLDecoder.decode(pair[0], StandardCharsets.UTF_8).equals("partial")) {
                values.add(pair.length == 2 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "");
            }
        }
        if (values.isEmpty()) {
            return false;
        }
        if (values.size() > 1) {
            throw ProblemException.invalidRequest("The query parameter partial is given " + values.size()
                    + " times; give it once, true or false");
        }
        String value = values.get(0);
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return value.equalsIgnoreCase("true");
        }
        throw ProblemException.invalidRequest("The query parameter partial must be true or false");
    }

    // The worker thread waits for the broker's acknowledgements (bounded by newsflow.ingest.publish.ack-timeout) and
    // answers itself: resuming the request from a Kafka callback after a slow acknowledgement found the request
    // context already gone, and the client got a 500 instead of its 202 or 503.
    private Response accept(List<Item> items, boolean partial) {
        metrics.received(SourceType.HTTP, items.size());
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<Integer, String> refusals = new TreeMap<>();
        ArticleSubmission[] submissions = new ArticleSubmission[items.size()];
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item.malformed() != null) {
                errors.add(new Problem.FieldError(i, null, item.malformed()));
                refusals.put(i, NOT_JSON);
                continue;
            }
            ArticleJsonReader.Result read = ArticleJsonReader.read(item.node());
            List<Violation> violations = new ArrayList<>(read.violations());
            if (read.submission() != null) {
                violations.addAll(ArticleValidator.validate(read.submission()));
            }
            for (Violation v : violations) {
                errors.add(new Problem.FieldError(i, v.field(), v.message()));
                refusals.put(i, INVALID);
            }
            if (violations.isEmpty()) {
                submissions[i] = read.submission();
            }
        }
        refusals.values().forEach(reason -> metrics.refused(SourceType.HTTP, reason, 1));
        if (!errors.isEmpty() && !partial) {
            throw ProblemException.invalidArticles(errors);
        }
        if (Arrays.stream(submissions).allMatch(s -> s == null)) {
            throw ProblemException.noArticleAccepted(errors);
        }
        List<RawArticle> articles = new ArrayList<>();
        List<String> ids = new ArrayList<>(items.size());
        for (ArticleSubmission submission : submissions) {
            if (submission == null) {
                ids.add(null);
            } else {
                RawArticle article = factory.create(submission, SourceType.HTTP, DEFAULT_SOURCE_NAME);
                articles.add(article);
                ids.add(article.id());
            }
        }
        Accepted accepted = new Accepted(ids, partial ? errors : null);
        return publisher.publishAll(articles)
                .onFailure().transform(failure -> {
                    PublishException e = failure instanceof PublishException p ? p : new PublishException(String.valueOf(failure), failure);
                    metrics.refused(SourceType.HTTP, e.retryable() ? IngestMetrics.PUBLISH_FAILED
                            : e.kind() == PublishException.Kind.TOO_LARGE ? "too-large" : "contract-refused", articles.size());
                    metrics.error(IngestMetrics.PUBLISH_FAILED);
                    LOG.warnf("Refusing %d article(s): %s", articles.size(), e.getMessage());
                    return switch (e.kind()) {
                        case TOO_LARGE -> ProblemException.articleTooLarge("An article is larger than the broker takes ("
                                + e.getMessage() + "), so none is reported as accepted");
                        case REFUSED -> ProblemException.contractRefused("An article breaks the event schema ("
                                + e.getMessage() + "), so none is reported as accepted");
                        case UNAVAILABLE -> ProblemException.kafkaUnavailable("Kafka did not acknowledge every article,"
                                + " so none is reported as accepted; retrying the same request is safe (ids are deterministic)");
                    };
                })
                .map(ignored -> {
                    metrics.published(SourceType.HTTP, articles.size());
                    return Response.accepted(accepted).build();
                })
                .await().indefinitely();
    }

    // Decoded strictly as UTF-8 (RFC 8259) before Jackson sees it: its own byte decoding lets some malformed
    // sequences through, and a string that is not valid Unicode cannot be published.
    private JsonNode parse(InputStream body) {
        JsonNode root;
        try {
            root = reader.readTree(withoutBom(new BufferedReader(new InputStreamReader(body, strictUtf8()))));
        } catch (LimitedInputStream.TooLargeException e) {
            throw ProblemException.tooLarge(maxBodyBytes);
        } catch (DecodedBody.UndecodableException e) {
            throw ProblemException.undecodable(e.getMessage());
        } catch (CharacterCodingException e) {
            throw ProblemException.malformedJson("The body is not UTF-8 text");
        } catch (JsonProcessingException e) {
            throw ProblemException.malformedJson("The body is not valid JSON: " + e.getOriginalMessage()
                    + locationOf(e));
        } catch (IOException e) {
            throw ProblemException.malformedJson("The body could not be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw ProblemException.malformedJson("The body is empty; expected an article object or an array of them");
        }
        return root;
    }

    private List<Item> items(JsonNode root) {
        if (root.isObject()) {
            return List.of(new Item(root, null));
        }
        if (!root.isArray()) {
            throw ProblemException.invalidRequest("Expected an article object or an array of them, not " + root.getNodeType()
                    .name().toLowerCase(Locale.ROOT));
        }
        if (root.isEmpty()) {
            throw ProblemException.invalidRequest("The array holds no article");
        }
        if (root.size() > maxArticles) {
            throw tooMany(root.size() + " articles");
        }
        List<Item> items = new ArrayList<>(root.size());
        root.forEach(node -> items.add(new Item(node, null)));
        return items;
    }

    private static BufferedReader withoutBom(BufferedReader text) throws IOException {
        text.mark(1);
        if (text.read() != '\uFEFF') {
            text.reset();
        }
        return text;
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Reads NDJSON line by line; blank lines are ignored and do not count as items. */
    private List<Item> lines(InputStream body) {
        List<Item> items = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, strictUtf8()))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (items.size() == maxArticles) {
                    throw tooMany("more than " + maxArticles + " articles");
                }
                items.add(line(line, items.size() == 0));
            }
        } catch (LimitedInputStream.TooLargeException e) {
            throw ProblemException.tooLarge(maxBodyBytes);
        } catch (DecodedBody.UndecodableException e) {
            throw ProblemException.undecodable(e.getMessage());
        } catch (CharacterCodingException e) {
            throw ProblemException.malformedJson("The body is not UTF-8 text");
        } catch (IOException e) {
            throw ProblemException.malformedJson("The body could not be read: " + e.getMessage());
        }
        if (items.isEmpty()) {
            throw ProblemException.invalidRequest("The body holds no article; expected one JSON object per line");
        }
        return items;
    }

    private Item line(String line, boolean first) {
        String text = first && line.startsWith("\uFEFF") ? line.substring(1) : line;
        try {
            return new Item(reader.readTree(text), null);
        } catch (JsonProcessingException e) {
            return new Item(null, "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private ProblemException tooMany(String what) {
        return ProblemException.invalidRequest("The request holds " + what + "; the limit is " + maxArticles
                + " per request (newsflow.ingest.http.max-articles-per-request)");
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
