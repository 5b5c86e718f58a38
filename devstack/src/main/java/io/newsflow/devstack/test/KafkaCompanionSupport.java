package io.newsflow.devstack.test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector.AnnotatedAndMatchesType;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The KafkaCompanion for {@code @InjectKafkaCompanion} fields. Kept apart from {@link DevstackResource} because the
 * companion is optional: a test module without quarkus-test-kafka-companion never loads this class.
 */
final class KafkaCompanionSupport implements AutoCloseable {

    private static final String COMPANION_CLASS = "io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion";
    private static final String ANNOTATION_CLASS = "io.quarkus.test.kafka.InjectKafkaCompanion";

    private final KafkaCompanion companion;

    private KafkaCompanionSupport(String bootstrapServers) {
        this.companion = new KafkaCompanion(bootstrapServers);
    }

    static boolean available(ClassLoader loader) {
        try {
            Class.forName(COMPANION_CLASS, false, loader);
            Class.forName(ANNOTATION_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static KafkaCompanionSupport connect(String bootstrapServers) {
        return new KafkaCompanionSupport(bootstrapServers);
    }

    KafkaCompanion companion() {
        return companion;
    }

    void injectInto(TestInjector injector) {
        injector.injectIntoFields(companion, new AnnotatedAndMatchesType(InjectKafkaCompanion.class,
                KafkaCompanion.class));
    }

    @Override
    public void close() {
        companion.close();
    }
}
