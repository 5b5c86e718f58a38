package io.newsflow.enrich;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import io.newsflow.devstack.EmbeddedKafka;
import io.newsflow.devstack.KafkaTopics;
import io.newsflow.events.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * A real Kafka broker (devstack's {@link EmbeddedKafka}, the contract topics with 3 partitions each) for test classes
 * that run under a {@code @TestProfile}. devstack's {@code DevstackResource} fails there: Quarkus then loads the
 * resource in a class loader of its own, from which devstack's package-private classes, already loaded by the system
 * class loader, cannot be reached ({@code IllegalAccessError}). So the broker is started through the system class
 * loader's copy of devstack's public API, and only JDK types cross between the loaders. Each test class runs in a JVM
 * of its own here, so the broker is this class's alone.
 */
public class ProfileKafka implements QuarkusTestResourceLifecycleManager {

    private AutoCloseable kafka;
    private KafkaCompanion companion;

    @Override
    public Map<String, String> start() {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        Thread current = Thread.currentThread();
        ClassLoader caller = current.getContextClassLoader();
        // The broker's threads inherit the context class loader and load classes through it as long as they run.
        current.setContextClassLoader(system);
        try {
            Class<?> kafkaType = Class.forName(EmbeddedKafka.class.getName(), true, system);
            Object builder = kafkaType.getMethod("builder").invoke(null);
            kafka = (AutoCloseable) builder.getClass().getMethod("start").invoke(builder);
            String bootstrapServers = (String) kafkaType.getMethod("bootstrapServers").invoke(kafka);
            Class.forName(KafkaTopics.class.getName(), true, system)
                    .getMethod("create", String.class, Collection.class, int.class, Duration.class)
                    .invoke(null, bootstrapServers, Topics.ALL, 3, Duration.ofSeconds(60));
            companion = new KafkaCompanion(bootstrapServers);
            return Map.of("kafka.bootstrap.servers", bootstrapServers);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot start devstack's Kafka broker", e);
        } finally {
            current.setContextClassLoader(caller);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(companion,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaCompanion.class, KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
        if (kafka != null) {
            try {
                kafka.close();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot stop devstack's Kafka broker", e);
            }
        }
    }
}
