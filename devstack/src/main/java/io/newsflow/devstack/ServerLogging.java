package io.newsflow.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the servers' own logging down to warnings. An in-process broker logs about 1,500 INFO lines per start and
 * would bury the output of the tests that use it.
 *
 * <p>Works through java.util.logging, which both SLF4J bindings in use here end in (slf4j-jdk14 for the command,
 * JBoss LogManager in Quarkus tests). A category that already has a level set by someone is left alone, and
 * {@code -Dnewsflow.devstack.verbose=true} leaves all of them alone.
 */
public final class ServerLogging {

    static final String VERBOSE_PROPERTY = "newsflow.devstack.verbose";

    private static final List<String> NOISY_CATEGORIES = List.of(
            "org.apache.kafka", "kafka", "state.change.logger", "io.zonky.test.db.postgres", "org.testcontainers",
            "tc", "com.github.dockerjava");

    /** java.util.logging holds loggers weakly: without these references the levels would be lost to GC. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    private ServerLogging() {
    }

    public static synchronized void quiet() {
        if (Boolean.getBoolean(VERBOSE_PROPERTY) || !QUIETED.isEmpty()) {
            return;
        }
        for (String category : NOISY_CATEGORIES) {
            Logger logger = Logger.getLogger(category);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
            }
            QUIETED.add(logger);
        }
    }
}
