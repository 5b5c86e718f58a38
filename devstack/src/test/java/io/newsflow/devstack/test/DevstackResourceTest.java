package io.newsflow.devstack.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.newsflow.events.Topics;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

class DevstackResourceTest {

    /** Stands in for a test class: Quarkus injects into fields like this one. */
    static class AnnotatedTest {
        @InjectKafkaCompanion
        KafkaCompanion companion;
        KafkaCompanion notAnnotated;
    }

    @Test
    void recordProducedOnRawTopicIsConsumedBackAndSqlRuns() throws Exception {
        DevstackResource resource = new DevstackResource();
        resource.init(Map.of(DevstackResource.SERVERS_ARG, "kafka,postgres"));
        Map<String, String> config = resource.start();
        try {
            assertThat(config).containsOnlyKeys("kafka.bootstrap.servers", "quarkus.datasource.jdbc.url",
                    "quarkus.datasource.username", "quarkus.datasource.password");
            assertThat(config.get("quarkus.datasource.jdbc.url")).startsWith("jdbc:postgresql://");

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    config.get("kafka.bootstrap.servers")))) {
                Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames().get();
                assertThat(topics).containsOnlyKeys(Topics.ALL);
                topics.values().forEach(topic -> assertThat(topic.partitions()).as(topic.name()).hasSize(3));
            }

            AnnotatedTest test = new AnnotatedTest();
            resource.inject((Object target, java.util.function.Predicate<Field> matches) -> injectInto(test, target,
                    matches));
            assertThat(test.notAnnotated).isNull();
            KafkaCompanion companion = test.companion;
            assertThat(companion).isNotNull();

            String key = UUID.randomUUID().toString();
            companion.produceStrings()
                    .fromRecords(new ProducerRecord<>(Topics.RAW, key, "{\"title\":\"round trip\"}"))
                    .awaitCompletion(Duration.ofSeconds(30));
            ConsumerTask<String, String> consumed = companion.consumeStrings()
                    .withGroupId("devstack-" + key)
                    .withProp(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                    .fromTopics(Topics.RAW)
                    .awaitRecords(1, Duration.ofSeconds(30))
                    .stop();
            ConsumerRecord<String, String> record = consumed.getRecords().stream()
                    .filter(r -> key.equals(r.key())).findFirst().orElseThrow();
            assertThat(record.value()).isEqualTo("{\"title\":\"round trip\"}");

            try (Connection connection = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                    config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                    Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE IF NOT EXISTS round_trip (id text PRIMARY KEY, body text NOT NULL)");
                sql.execute("INSERT INTO round_trip VALUES ('" + key + "', '" + record.value() + "')");
                try (ResultSet rows = sql.executeQuery("SELECT body, current_database() FROM round_trip WHERE id = '"
                        + key + "'")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo(record.value());
                    assertThat(rows.getString(2)).isEqualTo("newsflow");
                }
            }
        } finally {
            resource.stop();
        }
    }

    @Test
    void secondRequestGetsTheSameServersEvenFromAnotherClassLoader() throws Exception {
        Map<String, String> first = SharedServers.acquire(ServerKind.parse("kafka,postgres"));
        Map<String, String> again = SharedServers.acquire(ServerKind.parse("postgres,kafka"));
        assertThat(again).isEqualTo(first);
        assertThat(SharedServers.acquire(ServerKind.parse("kafka")))
                .containsExactlyEntriesOf(Map.of("kafka.bootstrap.servers", first.get("kafka.bootstrap.servers")));

        try (URLClassLoader isolated = new URLClassLoader(testClassPath(), ClassLoader.getPlatformClassLoader())) {
            Class<?> resourceClass = isolated.loadClass(DevstackResource.class.getName());
            assertThat(resourceClass).isNotSameAs(DevstackResource.class);
            Object resource = resourceClass.getConstructor().newInstance();
            resourceClass.getMethod("init", Map.class).invoke(resource, Map.of("servers", "kafka,postgres"));
            Object fromOtherLoader = resourceClass.getMethod("start").invoke(resource);
            resourceClass.getMethod("stop").invoke(resource);
            assertThat(fromOtherLoader).isEqualTo(first);

            // A copy that works alone, as when the system class loader cannot see devstack, reuses them too.
            var startOrReuse = isolated.loadClass(SharedServers.class.getName())
                    .getDeclaredMethod("startOrReuse", String.class);
            startOrReuse.setAccessible(true);
            assertThat(startOrReuse.invoke(null, "kafka,postgres")).isEqualTo(first);
        }
    }

    private static void injectInto(AnnotatedTest test, Object value, java.util.function.Predicate<Field> matches) {
        for (Field field : AnnotatedTest.class.getDeclaredFields()) {
            if (matches.test(field)) {
                try {
                    field.set(test, value);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    private static URL[] testClassPath() {
        List<String> entries = Arrays.asList(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
        return entries.stream().map(entry -> {
            try {
                return Path.of(entry).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(URL[]::new);
    }
}
