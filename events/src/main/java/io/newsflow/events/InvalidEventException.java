package io.newsflow.events;

import java.util.List;

/** An event that is not JSON, or does not satisfy its schema. The message says why, for a dead-letter header. */
public class InvalidEventException extends Exception {

    private final List<String> problems;

    public InvalidEventException(String message, List<String> problems, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
    }

    /** Each violation, as {@code <json path>: <what is wrong>}. */
    public List<String> problems() {
        return problems;
    }
}
