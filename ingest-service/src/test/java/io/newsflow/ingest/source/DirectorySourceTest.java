package io.newsflow.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.newsflow.events.RawArticle;
import io.newsflow.events.SourceType;
import io.newsflow.ingest.article.ArticleFactory;
import io.newsflow.ingest.messaging.PublishException;
import io.newsflow.ingest.messaging.RawArticlePublisher;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.Uni;

class DirectorySourceTest {

    @TempDir
    Path dir;

    private final RecordingPublisher publisher = new RecordingPublisher();
    private DirectorySource source;

    @BeforeEach
    void watch() {
        source = watching(dir, 1024 * 1024);
    }

    private DirectorySource watching(Path directory, long maxFileSize) {
        return new DirectorySource(Optional.of(directory.toString()), new MemorySize(BigInteger.valueOf(maxFileSize)),
                new ArticleFactory(), publisher);
    }

    private FileStatus statusOf(String file) {
        return source.status().orElseThrow().files().stream().filter(f -> f.file().equals(file)).findFirst().orElseThrow();
    }

    @Test
    void aFileIsPublishedOnceItIsUnchangedOverTwoScans() throws Exception {
        Files.write(dir.resolve(SeedParserTest.SEED_FILE), SeedParserTest.seedBytes());

        source.scan();
        assertThat(statusOf(SeedParserTest.SEED_FILE).status()).isEqualTo(FileStatus.State.PENDING);
        assertThat(publisher.published).isEmpty();

        source.scan();
        FileStatus status = statusOf(SeedParserTest.SEED_FILE);
        assertThat(status.status()).isEqualTo(FileStatus.State.PUBLISHED);
        assertThat(publisher.published).hasSize(1);
        RawArticle article = publisher.published.get(0);
        assertThat(status.ids()).containsExactly(article.id());
        assertThat(status.error()).isNull();
        assertThat(article.source().type()).isEqualTo(SourceType.FILE);
        assertThat(article.source().name()).isEqualTo("Newsweek");
        assertThat(article.title()).isEqualTo(SeedParserTest.SEED_TITLE);
    }

    @Test
    void aPublishedFileIsNotPublishedAgainUntilItChanges() throws Exception {
        Path file = dir.resolve("a.txt");
        Files.writeString(file, "Headline\n\nFirst version.");
        source.scan();
        source.scan();
        source.scan();
        assertThat(publisher.published).hasSize(1);

        Files.writeString(file, "\n\nSecond version.", StandardOpenOption.APPEND);
        source.scan();
        assertThat(statusOf("a.txt").status()).isEqualTo(FileStatus.State.PENDING);
        source.scan();

        assertThat(publisher.published).hasSize(2);
        assertThat(publisher.published.get(1).body()).endsWith("Second version.");
        assertThat(statusOf("a.txt").ids()).containsExactly(publisher.published.get(1).id());
    }

    @Test
    void aFileStillBeingWrittenIsNotRead() throws Exception {
        Path file = dir.resolve("growing.txt");
        Files.writeString(file, "Headline\n\nThe first half");
        source.scan();
        Files.writeString(file, " and the second half.", StandardOpenOption.APPEND);
        source.scan();

        assertThat(publisher.published).isEmpty();
        assertThat(statusOf("growing.txt").status()).isEqualTo(FileStatus.State.PENDING);

        source.scan();
        assertThat(publisher.published).singleElement()
                .satisfies(article -> assertThat(article.body()).isEqualTo("The first half and the second half."));
    }

    @Test
    void filesThatAreNotTxtAndSubdirectoriesAreSkipped() throws Exception {
        Files.writeString(dir.resolve("notes.md"), "# Not an article");
        Files.createDirectory(dir.resolve("archive"));
        Files.writeString(dir.resolve("archive").resolve("old.txt"), "Old\n\nNot watched.");

        source.scan();
        source.scan();

        assertThat(publisher.published).isEmpty();
        assertThat(source.status().orElseThrow().files()).extracting(FileStatus::file, FileStatus::status).containsExactly(
                tuple("archive", FileStatus.State.SKIPPED),
                tuple("notes.md", FileStatus.State.SKIPPED));
        assertThat(statusOf("notes.md").error()).isEqualTo("not a .txt file");
    }

    @Test
    void aFileThatCannotBeReadAsAnArticleFailsAndIsNotRetriedUntilItChanges() throws Exception {
        Path file = dir.resolve("latin1.txt");
        Files.write(file, "Biélorussie".getBytes(StandardCharsets.ISO_8859_1));
        source.scan();
        source.scan();
        source.scan();

        FileStatus status = statusOf("latin1.txt");
        assertThat(status.status()).isEqualTo(FileStatus.State.FAILED);
        assertThat(status.error()).contains("UTF-8");
        assertThat(publisher.published).isEmpty();

        Files.writeString(file, "Biélorussie\n\nRéécrit en UTF-8.");
        source.scan();
        source.scan();
        assertThat(statusOf("latin1.txt").status()).isEqualTo(FileStatus.State.PUBLISHED);
    }

    @Test
    void aFileOverTheSizeLimitFails() throws Exception {
        source = watching(dir, 10);
        Files.writeString(dir.resolve("long.txt"), "Headline\n\nMore than ten bytes.");
        source.scan();
        source.scan();

        assertThat(statusOf("long.txt").status()).isEqualTo(FileStatus.State.FAILED);
        assertThat(statusOf("long.txt").error()).contains("limit");
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void aFileKafkaDidNotAcknowledgeStaysPendingAndIsRetried() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "Headline\n\nText.");
        publisher.failing = true;
        source.scan();
        source.scan();

        FileStatus status = statusOf("a.txt");
        assertThat(status.status()).isEqualTo(FileStatus.State.PENDING);
        assertThat(status.error()).contains("publishing failed");
        assertThat(status.ids()).isEmpty();

        publisher.failing = false;
        source.scan();
        assertThat(statusOf("a.txt").status()).isEqualTo(FileStatus.State.PUBLISHED);
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void aRemovedFileLeavesTheStatus() throws Exception {
        Path file = dir.resolve("a.txt");
        Files.writeString(file, "Headline\n\nText.");
        source.scan();
        source.scan();
        Files.delete(file);
        source.scan();

        assertThat(source.status().orElseThrow().files()).isEmpty();
    }

    @Test
    void aMissingDirectoryIsReportedAndWatchedUntilItAppears() throws IOException {
        Path later = dir.resolve("later");
        source = watching(later, 1024);

        source.scan();
        assertThat(source.status().orElseThrow().error()).contains("not a directory");

        Files.createDirectory(later);
        Files.writeString(later.resolve("a.txt"), "Headline");
        source.scan();
        source.scan();
        assertThat(source.status().orElseThrow().error()).isNull();
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void withoutAPathTheSourceIsOff() {
        DirectorySource off = new DirectorySource(Optional.empty(), new MemorySize(BigInteger.TEN),
                new ArticleFactory(), publisher);

        off.scan();
        assertThat(off.status()).isEmpty();
    }

    /** Records what would be sent to Kafka, or fails like an unreachable broker. */
    private static final class RecordingPublisher extends RawArticlePublisher {

        final List<RawArticle> published = new ArrayList<>();
        boolean failing;

        RecordingPublisher() {
            super(null, Duration.ofSeconds(1));
        }

        @Override
        public Uni<Void> publish(RawArticle article) {
            if (failing) {
                return Uni.createFrom().failure(new PublishException("Kafka did not acknowledge article " + article.id(), null));
            }
            published.add(article);
            return Uni.createFrom().voidItem();
        }
    }
}
