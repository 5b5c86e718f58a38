package io.newsflow.devstack.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.newsflow.devstack.chaos.ChaosExperiment;
import io.newsflow.devstack.chaos.ChaosPlan;
import io.newsflow.devstack.chaos.ChaosReport;
import io.newsflow.devstack.stack.StackSettings;
import io.newsflow.events.EventCodec;

/**
 * {@code newsflow chaos}: streams articles through a fresh stack while killing services, restarting Kafka, stopping
 * PostgreSQL and writing poison records, then checks that every accepted article is stored exactly once and that the
 * dead-letter topics hold exactly the poison. The summary and, on the last line, one JSON object go to stdout.
 */
final class Chaos {

    static final String USAGE = """
            usage: newsflow chaos [--articles N] [--seed S] [--rate R] [--pg-outage SECONDS] [--kills N] [--poison N]
                                  [--cpu-starve SECONDS] [--timeout SECONDS]
              --articles   articles streamed through ingest's HTTP API (10000)
              --seed       seed of the articles' text and of the faults' order and moments (1)
              --rate       articles per second offered to ingest, 0 for as fast as it accepts (100)
              --pg-outage  seconds PostgreSQL stays stopped (30)
              --kills      SIGKILLs of each service, each followed by a restart (3)
              --poison     poison records written to each input topic (10)
              --cpu-starve seconds a busy process per core competes with the services for the CPU, 0 for none (60)
              --timeout    seconds the pipeline may take to converge after the last fault (600)
            """;

    private Chaos() {
    }

    static int run(Path root, Map<String, String> env, List<String> args, PrintStream out, PrintStream err) {
        ChaosPlan plan;
        try {
            plan = plan(args);
        } catch (IllegalArgumentException e) {
            err.println("newsflow chaos: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Consumer<String> progress = NewsflowCommand.progress(err);
        StackSettings defaults = StackSettings.fromEnvironment(root, env, Optional.empty());
        // A database of its own, emptied first, so every row the audit finds comes from this run; and free ports
        // unless given, so a stack left running with `newsflow up` neither clashes nor answers in this one's place.
        StackSettings settings = new StackSettings(defaults.root(), defaults.home().resolve("chaos"),
                port(env, "NEWSFLOW_INGEST_PORT", defaults.ingestPort()),
                port(env, "NEWSFLOW_ENRICH_PORT", defaults.enrichPort()),
                port(env, "NEWSFLOW_STORE_PORT", defaults.storePort()),
                defaults.kafkaPort(), defaults.postgresPort(), Optional.empty());
        StackSession.freshDatabase(settings);
        return StackSession.run("chaos", settings, Map.of(), progress, stack -> {
            ChaosReport report = new ChaosExperiment(stack, plan, progress).run();
            out.println(report.summary());
            out.println(report.toJson(EventCodec.mapper()));
            out.flush();
            if (!report.passed()) {
                progress.accept("the services' logs are in " + settings.logs());
            }
            return report.passed() ? 0 : 1;
        });
    }

    static ChaosPlan plan(List<String> args) {
        ChaosPlan plan = ChaosPlan.defaults();
        for (int i = 0; i < args.size(); i += 2) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args.get(i + 1);
            try {
                plan = switch (option) {
                    case "--articles" -> plan.withArticles(Integer.parseInt(value));
                    case "--seed" -> plan.withSeed(Long.parseLong(value));
                    case "--rate" -> plan.withRate(Double.parseDouble(value));
                    case "--pg-outage" -> plan.withPostgresOutage(Duration.ofSeconds(Long.parseLong(value)));
                    case "--kills" -> plan.withKillsPerService(Integer.parseInt(value));
                    case "--poison" -> plan.withPoisonPerTopic(Integer.parseInt(value));
                    case "--cpu-starve" -> plan.withCpuStarvation(Duration.ofSeconds(Long.parseLong(value)));
                    case "--timeout" -> plan.withConvergenceTimeout(Duration.ofSeconds(Long.parseLong(value)));
                    default -> throw new IllegalArgumentException("unknown option " + option);
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a number, not '" + value + "'");
            }
        }
        return plan;
    }

    private static int port(Map<String, String> env, String variable, int given) {
        if (env.containsKey(variable)) {
            return given;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }
}
