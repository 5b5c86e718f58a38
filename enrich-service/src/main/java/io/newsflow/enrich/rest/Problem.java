package io.newsflow.enrich.rest;

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

    /** What is wrong with one submitted article ({@code item} = its index in the array) or one parameter. */
    public record FieldError(Integer item, String field, String message) {
    }
}
