package io.newsflow.devstack.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;

import picocli.CommandLine;

/** What the picocli operator commands ({@code redrive}, {@code reenrich}) share: how they run and where Kafka is. */
final class OperatorCommands {

    private OperatorCommands() {
    }

    /**
     * Runs {@code command} on {@code args}: usage errors print the usage (exit 2), a failure prints
     * {@code newsflow <name>: <message>} (exit 1).
     */
    static int execute(Object command, String name, String[] args, PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("newsflow " + name + ": " + e.getMessage());
            return 1;
        });
        return line.execute(args);
    }

    /** {@code given}, else {@code $KAFKA_BOOTSTRAP_SERVERS}, else the local stack's broker. */
    static String bootstrapServers(String given, Map<String, String> env) {
        return given != null ? given
                : env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS",
                        "localhost:" + env.getOrDefault("NEWSFLOW_KAFKA_PORT", "9092"));
    }
}
