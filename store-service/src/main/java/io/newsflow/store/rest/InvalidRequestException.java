package io.newsflow.store.rest;

import java.util.List;
import java.util.stream.Collectors;

/** The request's parameters are invalid; answered with a 400 problem listing each of them. */
class InvalidRequestException extends RuntimeException {

    private final List<Problem.FieldError> errors;

    InvalidRequestException(List<Problem.FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    List<Problem.FieldError> errors() {
        return errors;
    }
}
