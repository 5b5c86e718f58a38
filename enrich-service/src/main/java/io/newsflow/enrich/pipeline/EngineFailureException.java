package io.newsflow.enrich.pipeline;

/** An engine threw on an article; the message names the engine and what it threw. */
public class EngineFailureException extends RuntimeException {

    private final String engine;

    EngineFailureException(String engine, Throwable cause) {
        super(engine + " failed: " + cause, cause);
        this.engine = engine;
    }

    /** The engine's short name, as in {@link EngineObserver#took}. */
    public String engine() {
        return engine;
    }
}
