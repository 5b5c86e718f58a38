package io.newsflow.devstack.test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real Kafka and PostgreSQL for {@code @QuarkusTest}s:
 *
 * <pre>{@code
 * @QuarkusTestResource(value = DevstackResource.class,
 *         initArgs = @ResourceArg(name = "servers", value = "kafka,postgres"))
 * }</pre>
 *
 * <p>{@code servers} is {@code kafka}, {@code postgres} or both (default {@code kafka}). The servers start once per
 * test JVM, in parallel, with every contract topic created ({@value io.newsflow.devstack.DevstackServers#TOPIC_PARTITIONS}
 * partitions each), are shared by all test classes and stop when the JVM exits. They are containers when a Docker
 * daemon answers, else embedded servers; {@code -Dnewsflow.devstack=testcontainers|embedded|auto} forces the choice.
 *
 * <p>Returns {@code kafka.bootstrap.servers} and, with postgres, {@code quarkus.datasource.jdbc.url},
 * {@code quarkus.datasource.username} and {@code quarkus.datasource.password}. Test fields annotated
 * {@code @io.quarkus.test.kafka.InjectKafkaCompanion} get a {@code KafkaCompanion} connected to the broker (when
 * quarkus-test-kafka-companion is on the test class path).
 */
public class DevstackResource implements QuarkusTestResourceLifecycleManager {

    public static final String SERVERS_ARG = "servers";

    private Set<ServerKind> servers = EnumSet.of(ServerKind.KAFKA);
    private KafkaCompanionSupport companion;

    @Override
    public void init(Map<String, String> initArgs) {
        String list = initArgs.get(SERVERS_ARG);
        if (list != null) {
            servers = ServerKind.parse(list);
        }
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = SharedServers.acquire(servers);
        if (servers.contains(ServerKind.KAFKA) && KafkaCompanionSupport.available(getClass().getClassLoader())) {
            companion = KafkaCompanionSupport.connect(config.get(SharedServers.KAFKA_BOOTSTRAP));
        }
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        if (companion != null) {
            companion.injectInto(testInjector);
        }
    }

    /** Closes this resource's KafkaCompanion; the servers outlive it, shared with the rest of the JVM. */
    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
            companion = null;
        }
    }
}
