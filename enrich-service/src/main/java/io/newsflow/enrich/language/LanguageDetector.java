package io.newsflow.enrich.language;

import io.newsflow.events.Engine;
import io.newsflow.events.Language;

/** Tells which language a text is written in. Implementations are shared by every thread that enriches. */
public interface LanguageDetector {

    /**
     * The language of {@code text} with a confidence in 0..1, or {@link Language#UNDETERMINED} when no language is
     * confident enough (the confidence is still reported then).
     */
    Language detect(String text);

    /** The engine and version that makes the decision, as recorded in each enriched article. */
    Engine engine();
}
