package io.newsflow.devstack.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import io.newsflow.devstack.redrive.Redrive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code newsflow redrive}: dead letters back to their topic after a fix, each at most once, with a report. */
@Command(name = "newsflow redrive", sortOptions = false,
        description = "Send the dead letters of a dead-letter topic back to the topic they came from (their"
                + " dead-letter-topic header), each at most once: what was sent is remembered in <topic>.redriven,"
                + " written in the same Kafka transaction. Only the dead letters present when it starts are read."
                + " Prints what went where.")
final class RedriveCommand implements Callable<Integer> {

    @Option(names = "--topic", required = true, paramLabel = "DLQ",
            description = "the dead-letter topic, e.g. news.articles.raw.v1.dlq")
    String topic;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "only dead letters whose dead-letter-reason contains TEXT (case-insensitive),"
                    + " e.g. engine-timeout")
    String reason;

    @Option(names = "--dry-run", description = "read and report, send nothing")
    boolean dryRun;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka (default: $KAFKA_BOOTSTRAP_SERVERS, else localhost and $NEWSFLOW_KAFKA_PORT or 9092)")
    String bootstrapServers;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    boolean help;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "how long each call to Kafka may take (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    private final Map<String, String> env;
    private final PrintStream out;
    private final Consumer<String> progress;

    RedriveCommand(Map<String, String> env, PrintStream out, Consumer<String> progress) {
        this.env = env;
        this.out = out;
        this.progress = progress;
    }

    static int run(Map<String, String> env, String[] args, PrintStream out, PrintStream err) {
        return OperatorCommands.execute(new RedriveCommand(env, out, NewsflowCommand.progress(err)), "redrive", args, out, err);
    }

    @Override
    public Integer call() throws Exception {
        String servers = OperatorCommands.bootstrapServers(bootstrapServers, env);
        Redrive.Report report = new Redrive(new Redrive.Options(servers, topic, Optional.ofNullable(reason), dryRun,
                Duration.ofSeconds(timeoutSeconds)), progress).run();
        out.print(report.render());
        return 0;
    }
}
