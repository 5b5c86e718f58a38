package io.newsflow.devstack;

import static io.newsflow.devstack.EmbeddedPostgresTest.connect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KilledJvmTest {

    @Test
    void terminatedJvmStopsItsServerAndDeletesTemporaryData() throws Exception {
        Process owner = startOwner();
        Path data = awaitReady(owner);
        ProcessHandle postmaster = postmasterOf(data);

        owner.destroy();
        assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(postmaster.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(data).doesNotExist();
    }

    @Test
    void serverLeftBehindByAHardKilledJvmIsStoppedBeforeItsDataDirectoryIsReused(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pgdata");
        Process owner = startOwner(data.toString());
        awaitReady(owner);
        ProcessHandle orphan = postmasterOf(data);

        owner.destroyForcibly();
        assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(orphan.isAlive()).as("SIGKILL runs no shutdown hook").isTrue();

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().dataDirectory(data).start();
                Connection connection = connect(postgres);
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT current_database()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("newsflow");
            assertThat(orphan.isAlive()).isFalse();
        }
    }

    private static Process startOwner(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                PostgresOwnerJvm.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static Path awaitReady(Process owner) throws Exception {
        BufferedReader output = new BufferedReader(new InputStreamReader(owner.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> {
                }));
                drain.setDaemon(true);
                drain.start();
                return Path.of(line.substring("READY ".length()));
            }
            seen.add(line);
        }
        throw new AssertionError("The owner JVM ended before PostgreSQL was ready: " + String.join("\n", seen));
    }

    private static ProcessHandle postmasterOf(Path data) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        assertThat(postmaster.isAlive()).isTrue();
        return postmaster;
    }
}
