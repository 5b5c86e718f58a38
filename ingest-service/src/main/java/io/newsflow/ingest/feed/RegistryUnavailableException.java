package io.newsflow.ingest.feed;

/** A registration could not be written: Kafka is unreachable or the registrations have not been read yet. */
public class RegistryUnavailableException extends Exception {

    public RegistryUnavailableException(String message) {
        super(message);
    }
}
