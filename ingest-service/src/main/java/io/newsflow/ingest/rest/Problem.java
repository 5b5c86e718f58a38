package io.newsflow.ingest.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}). {@code errors} lists what is wrong with each
 * submitted article; it is present only for validation problems.
 */
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Problem types are documented in the service README under these URIs. */
    static final String TYPE_BASE = "https://newsflow.io/problems/";

    /** What is wrong with one field of one article; {@code item} is the article's index in the request (0 for an object). */
    public record FieldError(int item, String field, String message) {
    }

    /** The type as a metric label: the last segment of one of ours, else the status. */
    String label() {
        return type.startsWith(TYPE_BASE) ? type.substring(TYPE_BASE.length()) : "status-" + status;
    }

    Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }
}
