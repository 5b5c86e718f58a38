package io.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** deploy/docker-compose.yml as {@code docker-compose config} resolves it with the settings of .env.example. */
final class ComposeConfig {

    /** Variables without a default in the compose file: the secrets a deployment must set in deploy/.env. */
    static final List<String> SECRETS = List.of("POSTGRES_PASSWORD", "NEWSFLOW_STORE_READER_PASSWORD",
            "NEWSFLOW_INGEST_HTTP_API_KEYS", "GRAFANA_ADMIN_PASSWORD");

    private static JsonNode resolved;

    private ComposeConfig() {
    }

    static boolean available() {
        return Repository.onPath("docker-compose");
    }

    static void assumeAvailable() {
        assumeTrue(available(), "docker-compose is not on the PATH: deploy/docker-compose.yml is NOT checked. "
                + "Install it (Debian: apt-get install docker-compose) to check it.");
    }

    /** The whole resolved file; skips the calling test, saying why, where docker-compose is missing. */
    static synchronized JsonNode resolved() {
        assumeAvailable();
        if (resolved == null) {
            Repository.Result result = Repository.run(List.of("docker-compose", "-f", "deploy/docker-compose.yml",
                    "--env-file", "deploy/.env.example", "config"), SECRETS);
            assertThat(result.exitCode()).as("docker-compose config failed:%n%s", result.stderr()).isZero();
            resolved = Manifests.parse(result.stdout());
        }
        return resolved;
    }
}
