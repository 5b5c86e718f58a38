package io.newsflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The prod profile has no default password: the service's application.properties read as Quarkus reads it in the
 * prod profile, with and without the secrets in the environment.
 */
class ProductionSecretsTest {

    private static final String DATABASE_PASSWORD = "QUARKUS_DATASOURCE_PASSWORD";
    private static final String READER_PASSWORD = "NEWSFLOW_STORE_READER_PASSWORD";

    @Test
    void withoutTheSecretsTheProdProfileNamesTheVariableToSetInsteadOfStarting() throws IOException {
        SmallRyeConfig config = prod(Map.of());

        for (String property : new String[] {"quarkus.datasource.password",
                "newsflow.store.secrets.database-password"}) {
            assertThatThrownBy(() -> config.getValue(property, String.class)).as(property)
                    .isInstanceOf(NoSuchElementException.class).hasMessageContaining(DATABASE_PASSWORD);
        }
        for (String property : new String[] {"newsflow.store.reader-password", "quarkus.datasource.reader.password",
                "quarkus.flyway.placeholders.readerPassword", "newsflow.store.secrets.reader-password"}) {
            assertThatThrownBy(() -> config.getValue(property, String.class)).as(property)
                    .isInstanceOf(NoSuchElementException.class).hasMessageContaining(READER_PASSWORD);
        }
    }

    @Test
    void theSecretsFromTheEnvironmentReachBothDatasourcesAndTheMigration() throws IOException {
        SmallRyeConfig config = prod(Map.of(DATABASE_PASSWORD, "owner-secret", READER_PASSWORD, "reader-secret"));

        assertThat(config.getValue("quarkus.datasource.password", String.class)).isEqualTo("owner-secret");
        assertThat(config.getValue("quarkus.datasource.reader.password", String.class)).isEqualTo("reader-secret");
        assertThat(config.getValue("quarkus.flyway.placeholders.readerPassword", String.class))
                .isEqualTo("reader-secret");
        assertThat(config.getValue("quarkus.datasource.reader.username", String.class)).isEqualTo("newsflow_reader");
    }

    @Test
    void theDevelopmentProfileKeepsItsDefaults() throws IOException {
        SmallRyeConfig config = build("dev", Map.of());

        assertThat(config.getValue("quarkus.datasource.password", String.class)).isNotBlank();
        assertThat(config.getValue("quarkus.datasource.reader.password", String.class)).isNotBlank();
    }

    private static SmallRyeConfig prod(Map<String, String> environment) throws IOException {
        return build("prod", environment);
    }

    private static SmallRyeConfig build(String profile, Map<String, String> environment) throws IOException {
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(
                        ProductionSecretsTest.class.getResource("/application.properties"), 250))
                .withSources(new EnvConfigSource(environment, 300))
                .build();
    }
}
