package io.newsflow.ingest.rest;

import java.util.List;

/** Ends a request with a problem response; the request path is filled in when the response is written. */
class ProblemException extends RuntimeException {

    private final transient Problem problem;

    private ProblemException(String type, String title, int status, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.problem = new Problem(Problem.TYPE_BASE + type, title, status, detail, null, errors);
    }

    Problem problem() {
        return problem;
    }

    static ProblemException malformedJson(String detail) {
        return new ProblemException("malformed-json", "Malformed JSON", 400, detail, null);
    }

    static ProblemException invalidRequest(String detail) {
        return new ProblemException("invalid-request", "Invalid request", 400, detail, null);
    }

    static ProblemException noArticleAccepted(List<Problem.FieldError> errors) {
        String detail = (errors.size() == 1 ? "1 problem" : errors.size() + " problems")
                + " found and no article left to publish; nothing was published";
        return new ProblemException("invalid-articles", "Invalid articles", 400, detail, errors);
    }

    static ProblemException invalidArticles(List<Problem.FieldError> errors) {
        String detail = (errors.size() == 1 ? "1 problem" : errors.size() + " problems")
                + " found; nothing was published (add ?partial=true to publish the valid ones)";
        return new ProblemException("invalid-articles", "Invalid articles", 400, detail, errors);
    }

    static ProblemException tooLarge(long limit) {
        return new ProblemException("payload-too-large", "Request body too large", 413,
                "The request body is larger than " + limit + " bytes (after decompression); send fewer articles per request",
                null);
    }

    static ProblemException unsupportedEncoding(String coding) {
        return new ProblemException("unsupported-encoding", "Unsupported content encoding", 415,
                "Content-Encoding '" + coding + "' is not supported; send the body as is, gzip or deflate", null);
    }

    static ProblemException undecodable(String detail) {
        return new ProblemException("undecodable-body", "Body cannot be decompressed", 400, detail, null);
    }

    static ProblemException kafkaUnavailable(String detail) {
        return new ProblemException("kafka-unavailable", "Kafka unavailable", 503, detail, null);
    }

    static ProblemException articleTooLarge(String detail) {
        return new ProblemException("article-too-large", "Article too large for the broker", 413,
                detail + "; the broker will never take it as it is, so retrying will not help", null);
    }

    static ProblemException contractRefused(String detail) {
        return new ProblemException("contract-refused", "Article refused by the event contract", 422,
                detail + "; retrying will not help", null);
    }

    static ProblemException sourceNotFound(String id) {
        return new ProblemException("source-not-found", "Source not found", 404, "No source has id " + id, null);
    }

    static ProblemException invalidFeed(List<Problem.FieldError> errors) {
        return new ProblemException("invalid-feed", "Invalid feed", 400,
                "The feed cannot be registered; errors say why", errors);
    }

    static ProblemException feedNotFound(String id) {
        return new ProblemException("feed-not-found", "Feed not found", 404, "No feed has id " + id, null);
    }

    static ProblemException feedFromConfiguration(String url) {
        return new ProblemException("feed-from-configuration", "Feed comes from configuration", 409,
                url + " is listed in newsflow.ingest.feeds.urls; remove it there", null);
    }

    static ProblemException registryUnavailable(String detail) {
        return new ProblemException("feed-registry-unavailable", "Feed registry unavailable", 503,
                "The registration was not stored: " + detail + "; try again", null);
    }

    static ProblemException directorySourceOff() {
        return new ProblemException("directory-source-off", "Directory source is off", 404,
                "newsflow.ingest.directory.path is not set, so no directory is watched", null);
    }
}
