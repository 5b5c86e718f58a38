package io.newsflow.events;

/** Detected language: ISO 639-1 code (or {@link #UNDETERMINED}) and the detector's confidence in 0..1. */
public record Language(String code, double confidence) {

    public static final String UNDETERMINED = "und";
}
