package io.newsflow.devstack.cli;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import io.newsflow.devstack.reenrich.Reenrich;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** {@code newsflow reenrich}: stored articles sent back through enrichment after a model or gazetteer upgrade. */
@Command(name = "newsflow reenrich", sortOptions = false,
        description = "Send the stored articles matching the filters (first stored since --since) back to"
                + " news.articles.raw.v1, read from store-service's GET /articles, at most --rate per second: the"
                + " enrich-service running now enriches them again and the store replaces each article's enrichment"
                + " (one row each, as before). PostgreSQL reaches back past the raw topic's retention.")
final class ReenrichCommand implements Callable<Integer> {

    @Option(names = "--since", required = true, paramLabel = "WHEN", converter = InstantConverter.class,
            description = "first stored at or after WHEN: 2026-12-01 (midnight UTC) or 2026-12-01T10:00:00Z")
    Instant since;

    @Option(names = "--until", paramLabel = "WHEN", converter = InstantConverter.class,
            description = "and before WHEN")
    Instant until;

    @Option(names = "--source", paramLabel = "NAME", description = "only articles of this source")
    String source;

    @Option(names = "--language", paramLabel = "CODE", description = "only articles in this language (ISO 639-1, und)")
    String language;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "50",
            description = "articles per second at most (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000000",
            description = "articles at most, newest first (default: ${DEFAULT-VALUE})")
    long limit;

    @Option(names = "--dry-run", description = "read and count, send nothing")
    boolean dryRun;

    @Option(names = "--store", paramLabel = "URL",
            description = "store-service (default: http://localhost and $NEWSFLOW_STORE_PORT or 8083)")
    URI store;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka (default: $KAFKA_BOOTSTRAP_SERVERS, else localhost and $NEWSFLOW_KAFKA_PORT or 9092)")
    String bootstrapServers;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "how long each call to the store or Kafka may take (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    boolean help;

    private final Map<String, String> env;
    private final PrintStream out;
    private final Consumer<String> progress;

    ReenrichCommand(Map<String, String> env, PrintStream out, Consumer<String> progress) {
        this.env = env;
        this.out = out;
        this.progress = progress;
    }

    static int run(Map<String, String> env, String[] args, PrintStream out, PrintStream err) {
        return OperatorCommands.execute(new ReenrichCommand(env, out, NewsflowCommand.progress(err)), "reenrich", args, out, err);
    }

    @Override
    public Integer call() throws Exception {
        URI storeUri = store != null ? store
                : URI.create("http://localhost:" + env.getOrDefault("NEWSFLOW_STORE_PORT", "8083"));
        String servers = OperatorCommands.bootstrapServers(bootstrapServers, env);
        Reenrich.Report report = new Reenrich(new Reenrich.Options(storeUri, servers, since, Optional.ofNullable(until),
                Optional.ofNullable(source), Optional.ofNullable(language), rate, limit, dryRun,
                Duration.ofSeconds(timeoutSeconds)), progress).run();
        out.print(report.render());
        return 0;
    }

    /** A date (midnight UTC) or a date-time with offset, as the store's {@code since} takes them. */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return value.contains("T") ? OffsetDateTime.parse(value).toInstant()
                        : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is neither a date (2026-12-01) nor a date-time with offset (2026-12-01T10:00:00Z)");
            }
        }
    }
}
