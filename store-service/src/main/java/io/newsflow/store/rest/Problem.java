package io.newsflow.store.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}). {@code errors} lists each invalid input of
 * a 400 and is left out otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Problem types; each is documented in the README under its last path segment. */
    static final String INVALID_REQUEST = "https://newsflow.io/problems/invalid-request";
    static final String ARTICLE_NOT_FOUND = "https://newsflow.io/problems/article-not-found";
    static final String UNAVAILABLE = "https://newsflow.io/problems/unavailable";
    /** The 503 of every endpoint, for the OpenAPI document. */
    static final String UNAVAILABLE_DESCRIPTION = "The store is saturated or its database unavailable: retry after "
            + "the Retry-After header's seconds";
    /** RFC 9457: no type beyond the HTTP status code itself; the title is then the status's reason phrase. */
    static final String BLANK = "about:blank";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** One invalid input: the query parameter, path parameter or body field, and what is wrong with it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(Integer item, String field, String message) {

        static FieldError of(String field, String message) {
            return new FieldError(null, field, message);
        }
    }
}
