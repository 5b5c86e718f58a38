package io.newsflow.enrich.messaging;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.newsflow.enrich.entity.EntityRecognizer;
import io.newsflow.enrich.entity.MultilingualEntityRecognizer;
import io.newsflow.enrich.entity.Recognition;

/**
 * The service's own recognizer, except that it throws on a text that contains {@link #MARKER}: no real article makes
 * CoreNLP throw on demand, and the tests must see what the service does with an article an engine fails on.
 */
@Alternative
@Priority(1)
@ApplicationScoped
class FaultInjectingEntityRecognizer implements EntityRecognizer {

    static final String MARKER = "NEWSFLOW-TEST-ENGINE-FAULT";
    static final String FAULT = "fault injected by the test";

    private final MultilingualEntityRecognizer recognizer;

    FaultInjectingEntityRecognizer(MultilingualEntityRecognizer recognizer) {
        this.recognizer = recognizer;
    }

    @Override
    public Recognition recognize(String text, String language) {
        if (text.contains(MARKER)) {
            throw new IllegalStateException(FAULT);
        }
        return recognizer.recognize(text, language);
    }

    @Override
    public String engineName(String language) {
        return recognizer.engineName(language);
    }
}
