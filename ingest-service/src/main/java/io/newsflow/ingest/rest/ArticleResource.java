package io.newsflow.ingest.rest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
import io.newsflow.ingest.messaging.RawArticlePublisher;
import io.newsflow.ingest.metrics.IngestMetrics;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

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
    public Uni<Response> submitJson(InputStream body, @QueryParam("partial") boolean partial) {
        return accept(items(parse(new LimitedInputStream(body, maxBodyBytes))), partial);
    }

    @POST
    @Consumes(NDJSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Uni<Response> submitNdjson(InputStream body, @QueryParam("partial") boolean partial) {
        return accept(lines(new LimitedInputStream(body, maxBodyBytes)), partial);
    }

    private Uni<Response> accept(List<Item> items, boolean partial) {
        List<Problem.FieldError> errors = new ArrayList<>();
        ArticleSubmission[] submissions = new ArticleSubmission[items.size()];
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item.malformed() != null) {
                errors.add(new Problem.FieldError(i, null, item.malformed()));
                continue;
            }
            ArticleJsonReader.Result read = ArticleJsonReader.read(item.node());
            List<Violation> violations = new ArrayList<>(read.violations());
            if (read.submission() != null) {
                violations.addAll(ArticleValidator.validate(read.submission()));
            }
            for (Violation v : violations) {
                errors.add(new Problem.FieldError(i, v.field(), v.message()));
            }
            if (violations.isEmpty()) {
                submissions[i] = read.submission();
            }
        }
        long refused = errors.stream().map(Problem.FieldError::item).distinct().count();
        if (refused > 0) {
            metrics.refused(SourceType.HTTP, (int) refused);
        }
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
                    LOG.warnf("Answering 503 for %d article(s): %s", articles.size(), failure.getMessage());
                    return ProblemException.kafkaUnavailable("Kafka did not acknowledge every article, so none is reported"
                            + " as accepted; retrying the same request is safe (ids are deterministic)");
                })
                .map(ignored -> {
                    metrics.accepted(SourceType.HTTP, articles.size());
                    return Response.accepted(accepted).build();
                });
    }

    private JsonNode parse(InputStream body) {
        JsonNode root;
        try {
            root = reader.readTree(body);
        } catch (LimitedInputStream.TooLargeException e) {
            throw ProblemException.tooLarge(maxBodyBytes);
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

    /** Reads NDJSON line by line; blank lines are ignored and do not count as items. */
    private List<Item> lines(InputStream body) {
        List<Item> items = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
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
