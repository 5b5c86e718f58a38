package io.newsflow.devstack;

import static io.newsflow.devstack.EmbeddedPostgresTest.connect;
import static io.newsflow.devstack.EmbeddedPostgresTest.setting;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

import io.newsflow.events.Topics;

class DevstackServersTest {

    @Test
    void startsBothServersWithContractTopicsAndCloseDeletesTheirTemporaryData() throws Exception {
        Path kafkaData;
        Path postgresData;
        try (DevstackServers servers = DevstackServers.builder()
                .kafka(EmbeddedKafka.builder())
                .postgres(EmbeddedPostgres.builder().forTests())
                .start()) {
            EmbeddedKafka kafka = servers.kafka().orElseThrow();
            EmbeddedPostgres postgres = servers.postgres().orElseThrow();
            kafkaData = kafka.dataDirectory();
            postgresData = postgres.dataDirectory();

            kafka.createTopics(List.of(Topics.RAW, "devstack.extra"), 5);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()))) {
                Map<String, TopicDescription> topics = admin.describeTopics(
                        List.of(Topics.RAW, Topics.ENRICHED, Topics.RAW_DLQ, Topics.ENRICHED_DLQ, "devstack.extra"))
                        .allTopicNames().get();
                Topics.ALL.forEach(topic -> assertThat(topics.get(topic).partitions()).as(topic).hasSize(3));
                assertThat(topics.get("devstack.extra").partitions()).hasSize(5);
            }
            assertThat(kafkaData.resolve("meta.properties")).exists();

            try (Connection connection = connect(postgres); Statement sql = connection.createStatement()) {
                assertThat(setting(sql, "fsync")).isEqualTo("off");
                assertThat(setting(sql, "synchronous_commit")).isEqualTo("off");
                assertThat(setting(sql, "full_page_writes")).isEqualTo("off");
            }
        }
        assertThat(kafkaData).doesNotExist();
        assertThat(postgresData).doesNotExist();
    }

    @Test
    void onlyTheRequestedServerStarts() {
        try (DevstackServers servers = DevstackServers.builder().start()) {
            assertThat(servers.kafka()).isEmpty();
            assertThat(servers.postgres()).isEmpty();
        }
    }
}
