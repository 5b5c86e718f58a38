package io.newsflow.store.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a request's query parameters, collecting every invalid one so that a single 400 names them all. Each reader
 * returns null (or the default) for an absent or invalid parameter; {@link #check()} throws once all are read.
 */
final class QueryParameters {

    static final int MAX_TEXT_LENGTH = 200;

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}|und");
    private static final Pattern TOPIC = Pattern.compile("medtop:[0-9]{8}");
    private static final Set<String> ENTITY_TYPES = Set.of("PERSON", "ORGANIZATION", "LOCATION", "MISC");

    private final List<Problem.FieldError> errors = new ArrayList<>();

    int limit(String name, String value, int defaultValue, int max) {
        if (value == null) {
            return defaultValue;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below with the out-of-range case: the fix is the same
        }
        invalid(name, "must be a whole number from 1 to " + max);
        return defaultValue;
    }

    /** An instant ({@code 2025-01-01T10:00:00Z}, any offset) or a date, meaning its start in UTC. */
    Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException notADateTime) {
            try {
                return LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                invalid(name, "must be an ISO-8601 date-time with offset (2025-01-01T10:00:00Z) "
                        + "or a date (2025-01-01)");
                return null;
            }
        }
    }

    /**
     * The start of a counted period: {@code value} as {@link #instant}, {@code defaultPeriod} before {@code now}
     * when absent. A start more than {@code maxPeriod} before {@code now} is invalid: it bounds how many articles one
     * request counts.
     */
    Instant periodStart(String name, String value, Instant now, Duration defaultPeriod, Duration maxPeriod) {
        Instant start = instant(name, value);
        if (start == null) {
            return now.minus(defaultPeriod);
        }
        if (start.isBefore(now.minus(maxPeriod))) {
            invalid(name, "must be at most " + describe(maxPeriod) + " ago (the longest period counted)");
        }
        return start;
    }

    /** A period as an operator writes it: in days when whole days, else ISO-8601. */
    private static String describe(Duration period) {
        return period.toSeconds() % 86_400 == 0 ? period.toDays() + " days" : period.toString();
    }

    String language(String name, String value) {
        if (value == null) {
            return null;
        }
        if (!LANGUAGE.matcher(value).matches()) {
            invalid(name, "must be an ISO 639-1 code (two lower-case letters, e.g. fr) or und");
            return null;
        }
        return value;
    }

    String topic(String name, String value) {
        if (value == null) {
            return null;
        }
        if (!TOPIC.matcher(value).matches()) {
            invalid(name, "must be an IPTC Media Topic code, medtop: and 8 digits (e.g. medtop:16000000)");
            return null;
        }
        return value;
    }

    /** PERSON, ORGANIZATION, LOCATION or MISC, in any case. */
    String entityType(String name, String value) {
        if (value == null) {
            return null;
        }
        String type = value.strip().toUpperCase(Locale.ROOT);
        if (!ENTITY_TYPES.contains(type)) {
            invalid(name, "must be one of PERSON, ORGANIZATION, LOCATION, MISC");
            return null;
        }
        return type;
    }

    /** Free text: not blank, at most {@value #MAX_TEXT_LENGTH} characters. */
    String text(String name, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > MAX_TEXT_LENGTH) {
            invalid(name, "must be 1 to " + MAX_TEXT_LENGTH + " characters, not all blank");
            return null;
        }
        return value.strip();
    }

    void invalid(String name, String message) {
        errors.add(Problem.FieldError.of(name, message));
    }

    /** Throws {@link InvalidRequestException} naming every invalid parameter read so far. */
    void check() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
