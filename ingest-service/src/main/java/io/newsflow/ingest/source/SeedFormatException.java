package io.newsflow.ingest.source;

/** A file that cannot be read as a seed article; the message says why, for the operator. */
public class SeedFormatException extends Exception {

    public SeedFormatException(String message) {
        super(message);
    }
}
