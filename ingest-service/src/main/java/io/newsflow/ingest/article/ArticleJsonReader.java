package io.newsflow.ingest.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads one article object: a {@code POST /articles} item or a dropped {@code .json} file. Fields of the wrong JSON
 * type are reported by name rather than coerced (a number is not a headline); unknown fields are ignored so clients
 * can send richer objects.
 */
public final class ArticleJsonReader {

    /** The fields read and any type errors; the submission is meaningful only when there are none. */
    public record Result(ArticleSubmission submission, List<Violation> violations) {
    }

    private ArticleJsonReader() {
    }

    public static Result read(JsonNode item) {
        List<Violation> violations = new ArrayList<>();
        if (!item.isObject()) {
            violations.add(new Violation(null, "must be a JSON object, not " + kind(item)));
            return new Result(null, violations);
        }
        ArticleSubmission submission = new ArticleSubmission(
                text(item, "url", violations),
                text(item, "canonicalUrl", violations),
                text(item, "title", violations),
                text(item, "body", violations),
                text(item, "summary", violations),
                authors(item, violations),
                text(item, "publishedAt", violations),
                sourceName(item, violations));
        return new Result(submission, violations);
    }

    private static String text(JsonNode item, String field, List<Violation> violations) {
        JsonNode value = item.get(field);
        if (absent(value)) {
            return null;
        }
        if (!value.isTextual()) {
            violations.add(new Violation(field, "must be a string, not " + kind(value)));
            return null;
        }
        return value.textValue();
    }

    private static List<String> authors(JsonNode item, List<Violation> violations) {
        JsonNode value = item.get("authors");
        if (absent(value)) {
            return List.of();
        }
        if (!value.isArray()) {
            violations.add(new Violation("authors", "must be an array of strings, not " + kind(value)));
            return List.of();
        }
        List<String> authors = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode author = value.get(i);
            if (author.isTextual()) {
                authors.add(author.textValue());
            } else {
                violations.add(new Violation("authors[" + i + "]", "must be a string, not " + kind(author)));
            }
        }
        return authors;
    }

    private static String sourceName(JsonNode item, List<Violation> violations) {
        JsonNode source = item.get("source");
        if (absent(source)) {
            return null;
        }
        if (!source.isObject()) {
            violations.add(new Violation("source", "must be an object such as {\"name\": \"Newsweek\"}, not " + kind(source)));
            return null;
        }
        JsonNode name = source.get("name");
        if (absent(name)) {
            return null;
        }
        if (!name.isTextual()) {
            violations.add(new Violation("source.name", "must be a string, not " + kind(name)));
            return null;
        }
        return name.textValue();
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isNull();
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            case NULL -> "null";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
