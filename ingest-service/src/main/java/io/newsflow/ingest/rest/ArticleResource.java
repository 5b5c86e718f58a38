package io.newsflow.ingest.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.newsflow.events.RawArticle;
import io.newsflow.events.SourceType;
import io.newsflow.ingest.article.ArticleFactory;
import io.newsflow.ingest.article.ArticleSubmission;
import io.newsflow.ingest.article.ArticleValidator;
import io.newsflow.ingest.article.Violation;
import io.newsflow.ingest.messaging.RawArticlePublisher;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /articles}: one article object or an array of them. All or nothing: either every article is valid and
 * acknowledged by Kafka (202 with their ids), or the client gets a problem and may retry the whole request safely,
 * since ids are deterministic.
 */
@Path("/articles")
public class ArticleResource {

    static final String DEFAULT_SOURCE_NAME = "http";

    private static final Logger LOG = Logger.getLogger(ArticleResource.class);

    private final ObjectReader reader;
    private final ArticleFactory factory;
    private final RawArticlePublisher publisher;
    private final int maxArticles;

    @Inject
    public ArticleResource(ObjectMapper mapper, ArticleFactory factory, RawArticlePublisher publisher,
            @ConfigProperty(name = "newsflow.ingest.http.max-articles-per-request") int maxArticles) {
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.factory = factory;
        this.publisher = publisher;
        this.maxArticles = maxArticles;
    }

    /** The ids of accepted articles, in the order they were submitted. */
    public record Accepted(List<String> ids) {
    }

    // The body is parsed here rather than by the framework so that malformed JSON and fields of the wrong type get
    // precise problems; parsing, normalising and hashing up to the body-size limit is CPU work, kept off the event loop.
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Uni<Response> submit(byte[] body) {
        List<JsonNode> items = items(parse(body));
        List<Problem.FieldError> errors = new ArrayList<>();
        List<ArticleSubmission> submissions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ArticleJsonReader.Result read = ArticleJsonReader.read(items.get(i));
            List<Violation> violations = new ArrayList<>(read.violations());
            if (read.submission() != null) {
                violations.addAll(ArticleValidator.validate(read.submission()));
                submissions.add(read.submission());
            }
            for (Violation v : violations) {
                errors.add(new Problem.FieldError(i, v.field(), v.message()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidArticles(errors);
        }
        List<RawArticle> articles = submissions.stream()
                .map(s -> factory.create(s, SourceType.HTTP, DEFAULT_SOURCE_NAME))
                .toList();
        List<String> ids = articles.stream().map(RawArticle::id).toList();
        return publisher.publishAll(articles)
                .onFailure().transform(failure -> {
                    LOG.warnf("Answering 503 for %d article(s): %s", articles.size(), failure.getMessage());
                    return ProblemException.kafkaUnavailable("Kafka did not acknowledge every article, so none is reported"
                            + " as accepted; retrying the same request is safe (ids are deterministic)");
                })
                .map(ignored -> Response.accepted(new Accepted(ids)).build());
    }

    private JsonNode parse(byte[] body) {
        JsonNode root;
        try {
            root = reader.readTree(body);
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

    private List<JsonNode> items(JsonNode root) {
        if (root.isObject()) {
            return List.of(root);
        }
        if (!root.isArray()) {
            throw ProblemException.invalidRequest("Expected an article object or an array of them, not " + root.getNodeType()
                    .name().toLowerCase(Locale.ROOT));
        }
        if (root.isEmpty()) {
            throw ProblemException.invalidRequest("The array holds no article");
        }
        if (root.size() > maxArticles) {
            throw ProblemException.invalidRequest("The array holds " + root.size() + " articles; the limit is " + maxArticles
                    + " per request");
        }
        List<JsonNode> items = new ArrayList<>(root.size());
        root.forEach(items::add);
        return items;
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
