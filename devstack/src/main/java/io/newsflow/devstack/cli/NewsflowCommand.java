package io.newsflow.devstack.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import io.newsflow.devstack.bench.BenchOptions;
import io.newsflow.devstack.feedbench.FeedBench;
import io.newsflow.devstack.stack.Replicas;
import io.newsflow.devstack.stack.ServiceProcess;
import io.newsflow.devstack.stack.Stack;
import io.newsflow.devstack.stack.StackSettings;

/**
 * The {@code newsflow} command: runs the whole system on this machine. Results go to stdout, progress and errors to
 * stderr, so {@code ./newsflow demo > articles.jsonl} captures exactly the stored articles.
 */
public final class NewsflowCommand {

    static final String USAGE = """
            usage: newsflow <command>

              demo [DIR]   start Kafka, PostgreSQL and the three services, ingest every article file in DIR
                           (default: seeds/), print each stored article as one JSON line, stop everything
              up [--replicas ingest=N,enrich=N,store=N]
                           start the same stack and keep it running, with N processes of a service (scale-out on one
                           machine: ingest replicas share the feeds, enrich and store replicas their topics); Ctrl-C
                           stops it
              chaos        stream articles through a fresh stack while killing services, restarting Kafka and
                           PostgreSQL and writing poison records; check nothing is lost (newsflow chaos --help)
              redrive --topic DLQ [--reason TEXT] [--dry-run] [--bootstrap-servers HOST:PORT]
                           send a dead-letter topic's records back to where they came from, each at most once,
                           and print what went where (newsflow redrive --help)
              reenrich --since WHEN [--until WHEN] [--source NAME] [--language CODE] [--rate N] [--dry-run]
                           send stored articles back through enrichment after a model or gazetteer upgrade; the
                           store replaces their enrichment (newsflow reenrich --help)
            %s%s  status [OPTIONS]  one screen about the running services, from their own endpoints: readiness, rates,
                           Kafka consumer lag, dead-lettered records, the last error
            %s  eval [--json FILE] [DIR...]
                           enrichment quality on annotated texts: entities by type, topics, language, error kinds
                           (run by ./newsflow itself; enrich-eval/README.md)
              help, --version  this text; the version

            settings (environment): NEWSFLOW_INGEST_PORT (8081), NEWSFLOW_ENRICH_PORT (8082), NEWSFLOW_STORE_PORT (8083),
            NEWSFLOW_KAFKA_PORT and NEWSFLOW_POSTGRES_PORT (free ports), NEWSFLOW_HOME (.newsflow: data and logs),
            NEWSFLOW_DEMO_TIMEOUT (seconds, 300), NEWSFLOW_WATCH_DIR (up: the folder ingest watches, $NEWSFLOW_HOME/inbox),
            NEWSFLOW_<SERVICE>_JAVA_OPTS (JVM options per service); any Quarkus setting of a service, e.g.
            QUARKUS_LOG_LEVEL=DEBUG, is passed on to the services.
            """.formatted(BenchOptions.USAGE, FeedBench.USAGE, StatusOptions.USAGE);

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private NewsflowCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length > 0 && List.of("--version", "-V", "version").contains(args[0])) {
            out.println("newsflow " + version());
            return 0;
        }
        if (args.length == 0 || List.of("help", "-h", "--help").contains(args[0])) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        Path root = Path.of(System.getProperty("newsflow.root", ".")).toAbsolutePath().normalize();
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            logServersTo(StackSettings.fromEnvironment(root, env, Optional.empty()).logs().resolve("devstack.log"));
            return switch (args[0]) {
                case "demo" -> demo(root, env, rest, out, err);
                case "up" -> up(root, env, rest, out, err);
                case "redrive" -> RedriveCommand.run(env, rest.toArray(String[]::new), out, err);
                case "reenrich" -> ReenrichCommand.run(env, rest.toArray(String[]::new), out, err);
                case "chaos" -> rest.contains("--help") ? usage(Chaos.USAGE, out) : Chaos.run(root, env, rest, out, err);
                case "bench" -> rest.contains("--help") ? usage(BenchOptions.USAGE, out)
                        : new Bench(Bench.benchSettings(StackSettings.fromEnvironment(root, env, Optional.empty())),
                                BenchOptions.parse(rest), out, err).run();
                case "feed-bench" -> rest.contains("--help") ? usage(FeedBench.USAGE, out)
                        : new FeedBench(root, StackSettings.fromEnvironment(root, env, Optional.empty()).home(), rest, out,
                                progress(err)).run();
                case "status" -> rest.contains("--help") ? usage("  status [OPTIONS]\n" + StatusOptions.USAGE, out)
                        : Status.run(StackSettings.fromEnvironment(root, env, Optional.empty()), StatusOptions.parse(rest),
                                out, err);
                default -> {
                    err.println("newsflow: unknown command '" + args[0] + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (Exception e) {
            err.println("newsflow: " + e.getMessage());
            return 1;
        }
    }

    /** The version the build wrote into the jar's manifest. */
    static String version() {
        String version = NewsflowCommand.class.getPackage().getImplementationVersion();
        return version == null ? "(unknown: run from classes, not from the built jar)" : version;
    }

    private static int usage(String text, PrintStream out) {
        out.print(text);
        return 0;
    }

    private static int demo(Path root, Map<String, String> env, List<String> args, PrintStream out, PrintStream err) {
        if (args.size() > 1) {
            err.println("newsflow demo takes at most one folder, got " + args);
            return 2;
        }
        Path dir = Path.of(args.isEmpty() ? root.resolve("seeds").toString() : args.get(0)).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            err.println("newsflow demo: " + dir + " is not a folder");
            return 2;
        }
        StackSettings settings = StackSettings.fromEnvironment(root, env, Optional.of(dir));
        long timeoutSeconds = Long.parseLong(env.getOrDefault("NEWSFLOW_DEMO_TIMEOUT", "300"));
        return new Demo(settings, dir, java.time.Duration.ofSeconds(timeoutSeconds), out, progress(err)).run();
    }

    private static int up(Path root, Map<String, String> env, List<String> args, PrintStream out, PrintStream err) {
        Replicas replicas = Replicas.ONE;
        if (args.size() == 2 && args.get(0).equals("--replicas")) {
            replicas = Replicas.parse(args.get(1));
        } else if (args.size() == 1 && args.get(0).startsWith("--replicas=")) {
            replicas = Replicas.parse(args.get(0).substring("--replicas=".length()));
        } else if (!args.isEmpty()) {
            err.println("newsflow up takes only --replicas ingest=N,enrich=N,store=N, got " + args);
            return 2;
        }
        Path home = StackSettings.fromEnvironment(root, env, Optional.empty()).home();
        Path inbox = Path.of(env.getOrDefault("NEWSFLOW_WATCH_DIR", home.resolve("inbox").toString()));
        try {
            Files.createDirectories(inbox);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the watched folder " + inbox + ": " + e.getMessage(), e);
        }
        StackSettings settings = StackSettings.fromEnvironment(root, env, Optional.of(inbox));
        Stack stack = Stack.start(settings, replicas, Map.of(), progress(err));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("newsflow: stopping");
            stack.close();
            stopped.countDown();
        }, "newsflow-stop"));
        out.printf("""
                newsflow is up (Ctrl-C stops it)
                  ingest   %s   POST /articles, /feeds, GET /sources/directory
                  enrich   %s   GET /q/health, /q/metrics
                  store    %s   GET /articles, /articles/{id}, /stats, /q/swagger-ui
                  watched folder  %s   (drop .txt, .html or .json articles here)
                  Kafka           %s
                  PostgreSQL      %s   user %s, password %s
                  logs            %s
                %s""",
                stack.service(Stack.INGEST).baseUri(), stack.service(Stack.ENRICH).baseUri(),
                stack.service(Stack.STORE).baseUri(), inbox, stack.servers().bootstrapServers(),
                stack.servers().jdbcUrl(), stack.servers().username(), stack.servers().password(), settings.logs(),
                moreReplicas(stack));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String moreReplicas(Stack stack) {
        StringBuilder text = new StringBuilder();
        for (String name : List.of(Stack.INGEST, Stack.ENRICH, Stack.STORE)) {
            List<ServiceProcess> all = stack.replicas(name);
            for (int i = 1; i < all.size(); i++) {
                text.append(String.format("  %s replica %d   %s%n", name.replace("-service", ""), i + 1, all.get(i).baseUri()));
            }
        }
        return text.toString();
    }

    /**
     * The in-process Kafka broker and the PostgreSQL wrapper log through java.util.logging; their lines belong in a
     * log file beside the services' logs, not between the command's progress lines.
     */
    private static void logServersTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            FileHandler handler = new FileHandler(file.toString(), true);
            handler.setFormatter(new SimpleFormatter());
            Logger root = Logger.getLogger("");
            for (Handler existing : root.getHandlers()) {
                root.removeHandler(existing);
            }
            root.addHandler(handler);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log " + file, e);
        }
    }

    static java.util.function.Consumer<String> progress(PrintStream err) {
        return message -> err.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS).format(CLOCK) + "] " + message);
    }
}
