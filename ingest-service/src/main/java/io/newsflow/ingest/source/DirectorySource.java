package io.newsflow.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.newsflow.events.RawArticle;
import io.newsflow.events.SourceType;
import io.newsflow.ingest.article.ArticleFactory;
import io.newsflow.ingest.article.ArticleSubmission;
import io.newsflow.ingest.messaging.DeadLetters;
import io.newsflow.ingest.messaging.PublishException;
import io.newsflow.ingest.messaging.RawArticlePublisher;
import io.newsflow.ingest.metrics.IngestMetrics;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.scheduler.Scheduled;

/**
 * Watches one directory (not its subdirectories) for article files and publishes their articles: {@code .txt} seeds,
 * {@code .html} pages and {@code .json} submissions (see {@link ArticleFileReader}). Other entries are skipped with a
 * log line.
 *
 * <p>A file is read only once its size and modification time are the same on two consecutive scans, so a file still
 * being written is not published half-way. Each version of a file (path, size, modification time) is published once
 * per process run; what was published is remembered in memory only. After a restart every file is published again,
 * which is harmless: article ids are deterministic, so the copies carry the same id and collapse downstream.
 */
@ApplicationScoped
public class DirectorySource {

    private static final Logger LOG = Logger.getLogger(DirectorySource.class);

    private final Optional<Path> directory;
    private final long maxFileSize;
    private final ArticleFactory factory;
    private final RawArticlePublisher publisher;
    private final IngestMetrics metrics;
    private final DeadLetters deadLetters;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile String directoryError;

    @Inject
    public DirectorySource(@ConfigProperty(name = "newsflow.ingest.directory.path") Optional<String> path,
            @ConfigProperty(name = "newsflow.ingest.directory.max-file-size") MemorySize maxFileSize,
            ArticleFactory factory, RawArticlePublisher publisher, IngestMetrics metrics, DeadLetters deadLetters) {
        this.directory = path.filter(p -> !p.isBlank()).map(p -> Path.of(p).toAbsolutePath().normalize());
        this.maxFileSize = maxFileSize.asLongValue();
        this.factory = factory;
        this.publisher = publisher;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
    }

    /** The state of every entry of the directory, or empty when the source is off. */
    public Optional<DirectoryStatus> status() {
        return directory.map(dir -> new DirectoryStatus(dir.toString(), directoryError,
                entries.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getValue().status(e.getKey()))
                        .toList()));
    }

    @Scheduled(identity = "directory-source", every = "{newsflow.ingest.directory.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scan() {
        if (directory.isEmpty()) {
            return;
        }
        Path dir = directory.get();
        List<Path> listing;
        try (Stream<Path> children = Files.list(dir)) {
            listing = children.sorted(Comparator.comparing(Path::getFileName)).toList();
        } catch (IOException | UncheckedIOException e) {
            String error = Files.isDirectory(dir) ? "the directory cannot be listed: " + e
                    : "not a directory, or does not exist";
            if (!error.equals(directoryError)) {
                LOG.warnf("Directory source %s: %s; trying again every poll", dir, error);
            }
            directoryError = error;
            entries.clear();
            return;
        }
        Path realDirectory;
        try {
            realDirectory = dir.toRealPath();
        } catch (IOException e) {
            directoryError = "the directory cannot be resolved: " + e;
            return;
        }
        directoryError = null;
        Set<String> present = new HashSet<>();
        for (Path file : listing) {
            String name = file.getFileName().toString();
            present.add(name);
            visit(file, name, realDirectory);
        }
        entries.keySet().retainAll(present);
    }

    private void visit(Path file, String name, Path realDirectory) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            // Deleted between the listing and now, most likely; the next scan settles it.
            return;
        }
        Path target = file;
        Refusal refusal = null;
        if (attributes.isSymbolicLink()) {
            // A link is followed only while it stays inside the folder (as the links of a mounted Kubernetes volume
            // do): one leading to /etc/passwd, a device or another folder would publish what was never dropped here.
            try {
                target = file.toRealPath();
                if (target.startsWith(realDirectory)) {
                    attributes = Files.readAttributes(target, BasicFileAttributes.class);
                } else {
                    refusal = new Refusal("outside-directory", "a symbolic link to " + target
                            + ", outside the watched directory; links are followed only inside it");
                }
            } catch (IOException e) {
                refusal = new Refusal("broken-link", "a symbolic link that leads nowhere (missing target or a loop): " + e);
            }
        }
        Entry entry = entries.get(name);
        Optional<ArticleFileReader.Kind> kind = ArticleFileReader.kindOf(name);
        if (attributes.isDirectory() || kind.isEmpty()) {
            if (entry == null || entry.state != FileStatus.State.SKIPPED) {
                String reason = attributes.isDirectory() ? "a directory; subdirectories are not watched"
                        : "not a .txt, .html, .htm or .json file";
                LOG.infof("Skipping %s: %s", file, reason);
                entries.put(name, Entry.skipped(reason));
            }
            return;
        }
        if (refusal == null && !attributes.isRegularFile()) {
            // A FIFO or a device would block the scan forever, or never end.
            refusal = new Refusal("not-a-regular-file", "not a regular file (a FIFO, socket or device)");
        }
        Version version = new Version(attributes.size(), attributes.lastModifiedTime());
        if (entry != null && version.equals(entry.done)) {
            return;
        }
        if (entry == null || !version.equals(entry.seen)) {
            entries.put(name, Entry.pending(version, null));
            return;
        }
        entries.put(name, refusal != null ? failed(file, version, refusal.reason(), refusal.message())
                : ingest(target, name, kind.get(), version));
    }

    private Entry ingest(Path file, String name, ArticleFileReader.Kind kind, Version version) {
        if (version.size > maxFileSize) {
            return failed(file, version, "too-large", tooLarge(version.size));
        }
        byte[] content;
        try (InputStream in = open(file)) {
            // Bounded even if the file grew since it was measured.
            content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileSize + 1));
        } catch (IOException e) {
            return Entry.pending(null, "could not be read, retrying: " + e);
        }
        if (content.length > maxFileSize) {
            return failed(file, version, "too-large", tooLarge(content.length));
        }
        if (content.length != version.size) {
            return Entry.pending(null, "changed while being read");
        }
        List<ArticleSubmission> submissions;
        try {
            submissions = ArticleFileReader.read(kind, name, content);
        } catch (UnreadableFileException e) {
            return failed(file, version, e.reason(), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            // Whatever a parser throws on one file (a page nested deeper than its recursion goes, a bug), the file is
            // set aside with the reason and the scan goes on to the next; it is read again only once it changes.
            LOG.errorf(e, "Quarantining %s: reading it failed unexpectedly", file);
            return failed(file, version, "extraction-failed", "quarantined: reading the file failed unexpectedly: " + e);
        }
        metrics.received(SourceType.FILE, submissions.size());
        List<RawArticle> articles = submissions.stream().map(s -> factory.create(s, SourceType.FILE, name)).toList();
        try {
            publisher.publishAll(articles).await().indefinitely();
        } catch (PublishException e) {
            if (!e.retryable()) {
                return failed(file, version, e.kind() == PublishException.Kind.TOO_LARGE ? "too-large" : "contract-refused",
                        "the broker will never take it: " + e.getMessage());
            }
            LOG.warnf("Could not publish %s, retrying on the next scan: %s", file, e.getMessage());
            metrics.error(IngestMetrics.PUBLISH_FAILED);
            return Entry.pending(version, "publishing failed, retrying: " + e.getMessage());
        }
        List<String> ids = articles.stream().map(RawArticle::id).toList();
        metrics.published(SourceType.FILE, ids.size());
        LOG.infof("Published %s as %d article(s) %s", file, ids.size(), ids);
        return new Entry(FileStatus.State.PUBLISHED, version, version, ids, null);
    }

    /**
     * Opens the file the checks above were made on, refusing to follow a link: {@code file} is already the link's
     * resolved target when the entry was a link, so a link found here was put in its place after the check (a swap
     * to {@code /etc/shadow}) and the open fails instead of reading what it points to.
     */
    static InputStream open(Path file) throws IOException {
        return Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    private String tooLarge(long size) {
        return "the file is " + size + " bytes; the limit is " + maxFileSize + " (newsflow.ingest.directory.max-file-size)";
    }

    private Entry failed(Path file, Version version, String reason, String message) {
        LOG.warnf("Cannot ingest %s: %s", file, message);
        metrics.fileRefused(reason);
        metrics.received(SourceType.FILE, 1);
        metrics.refused(SourceType.FILE, reason, 1);
        // The file stays in the folder; the dead letter tells whoever watches the dead-letter topic, as for feed items.
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("file", file.toString());
        item.put("size", version.size());
        item.put("modified", version.modified().toString());
        deadLetters.send("file:" + file.getFileName(), reason, message, item).whenComplete((done, error) -> {
            if (error != null) {
                LOG.warnf("Could not write the dead letter of %s: %s", file, error.toString());
            }
        });
        return new Entry(FileStatus.State.FAILED, version, version, List.of(), message);
    }

    /** Why an entry is refused before it is read: a metric label and a message for the operator. */
    private record Refusal(String reason, String message) {
    }

    /** One version of a file's content, as far as the file system tells. */
    private record Version(long size, FileTime modified) {
    }

    /**
     * @param seen the version seen on the last scan (null to start the stability wait again)
     * @param done the version published or refused; that version is not read again
     */
    private record Entry(FileStatus.State state, Version seen, Version done, List<String> ids, String error) {

        static Entry pending(Version seen, String error) {
            return new Entry(FileStatus.State.PENDING, seen, null, List.of(), error);
        }

        static Entry skipped(String reason) {
            return new Entry(FileStatus.State.SKIPPED, null, null, List.of(), reason);
        }

        FileStatus status(String file) {
            return new FileStatus(file, state, ids, error);
        }
    }
}
