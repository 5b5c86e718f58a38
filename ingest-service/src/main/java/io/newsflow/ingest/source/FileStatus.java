package io.newsflow.ingest.source;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where one file of the watched directory stands. {@code ids} are the articles it was published as. */
public record FileStatus(String file, State status, List<String> ids, String error) {

    public enum State {
        /** Not read yet: new, still changing, or waiting to be retried after Kafka failed; {@code error} says which. */
        PENDING,
        /** Every article of the file was acknowledged by Kafka. */
        PUBLISHED,
        /** The file cannot be ingested as it is; it is tried again when it changes. */
        FAILED,
        /** Not an article file (not {@code .txt}, or a directory). */
        SKIPPED;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public FileStatus {
        ids = List.copyOf(ids);
    }
}
