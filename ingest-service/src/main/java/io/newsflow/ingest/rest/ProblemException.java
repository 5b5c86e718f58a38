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

    static ProblemException invalidArticles(List<Problem.FieldError> errors) {
        String detail = (errors.size() == 1 ? "1 problem" : errors.size() + " problems") + " found; nothing was published";
        return new ProblemException("invalid-articles", "Invalid articles", 400, detail, errors);
    }

    static ProblemException kafkaUnavailable(String detail) {
        return new ProblemException("kafka-unavailable", "Kafka unavailable", 503, detail, null);
    }

    static ProblemException directorySourceOff() {
        return new ProblemException("directory-source-off", "Directory source is off", 404,
                "newsflow.ingest.directory.path is not set, so no directory is watched", null);
    }
}
