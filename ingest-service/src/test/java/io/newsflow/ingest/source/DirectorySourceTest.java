package io.newsflow.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.events.EventCodec;
import io.newsflow.events.EventSchema;
import io.newsflow.events.RawArticle;
import io.newsflow.events.SourceType;
import io.newsflow.ingest.RecordingPublisher;
import io.newsflow.ingest.article.ArticleFactory;
import io.newsflow.ingest.extract.HtmlArticleExtractorTest;
import io.newsflow.ingest.feed.TestFeedSettings;
import io.newsflow.ingest.messaging.DeadLetters;
import io.newsflow.ingest.metrics.IngestMetrics;
import io.quarkus.runtime.configuration.MemorySize;

class DirectorySourceTest {

    @TempDir
    Path dir;

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private DirectorySource source;

    @BeforeEach
    void watch() {
        source = watching(dir, 1024 * 1024);
    }

    private DirectorySource watching(Path directory, long maxFileSize) {
        return new DirectorySource(Optional.of(directory.toString()), new MemorySize(BigInteger.valueOf(maxFileSize)),
                new ArticleFactory(), publisher, new IngestMetrics(meters), deadLetters());
    }

    private DeadLetters deadLetters() {
        return new DeadLetters(null, TestFeedSettings.defaults(100), new IngestMetrics(meters));
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
        assertThat(statusOf("notes.md").error()).isEqualTo("not a .txt, .html, .htm or .json file");
    }

    @Test
    void aFileWhoseExtractionThrowsIsQuarantinedAndTheFilesAfterItAreIngested() throws Exception {
        // Nested deeper than the extractor's recursion can go: reading it throws (a StackOverflowError) instead of
        // failing cleanly, which is what any unforeseen fault of a parser looks like to the directory source.
        String nested = "<div>".repeat(80_000) + "Deep" + "</div>".repeat(80_000);
        Files.writeString(dir.resolve("a-deep.html"), "<html><head><title>Deep</title></head><body>" + nested
                + "</body></html>");
        Files.writeString(dir.resolve("b-after.txt"), "After\n\nThe file after the bad one.");

        source.scan();
        source.scan();

        FileStatus quarantined = statusOf("a-deep.html");
        assertThat(quarantined.status()).isEqualTo(FileStatus.State.FAILED);
        assertThat(quarantined.error()).contains("quarantined");
        assertThat(statusOf("b-after.txt").status()).isEqualTo(FileStatus.State.PUBLISHED);
        assertThat(publisher.published).singleElement().satisfies(a -> assertThat(a.title()).isEqualTo("After"));
        assertThat(meters.counter("newsflow.ingest.directory.files.refused", "reason", "extraction-failed").count())
                .isEqualTo(1);
        assertThat(meters.counter("newsflow.ingest.items.dead.lettered", "reason", "extraction-failed").count())
                .as("a dead letter of the file").isEqualTo(1);
    }

    @Test
    void aLinkPutInPlaceOfACheckedFileIsNotFollowedWhenTheFileIsOpened() throws Exception {
        Path secret = Files.writeString(dir.resolveSibling(dir.getFileName() + "-secret.txt"), "Secret\n\nNot yours.");
        Path swapped = dir.resolve("story.txt");
        Files.createSymbolicLink(swapped, secret);

        assertThatThrownBy(() -> DirectorySource.open(swapped).close()).isInstanceOf(IOException.class);
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
                new ArticleFactory(), publisher, new IngestMetrics(meters), deadLetters());

        off.scan();
        assertThat(off.status()).isEmpty();
    }

    @Test
    void anHtmlPageIsPublishedWithItsStoryAuthorsDateAndCanonicalUrl() throws Exception {
        Files.write(dir.resolve("harbour.html"), HtmlArticleExtractorTest.fixture("story-3.html"));
        source.scan();
        source.scan();

        assertThat(statusOf("harbour.html").status()).isEqualTo(FileStatus.State.PUBLISHED);
        RawArticle article = publisher.published.get(0);
        assertThat(article.title()).isEqualTo("Rail line to the valley reopens in May");
        assertThat(article.body()).startsWith("The rail line to the valley will reopen in May")
                .doesNotContain("newsletter").doesNotContain("Advertising enquiries");
        assertThat(article.authors()).containsExactly("Ana Ruiz");
        assertThat(article.publishedAt()).isEqualTo(Instant.parse("2024-03-07T06:30:00Z"));
        assertThat(article.source().name()).isEqualTo("harbour.html");
        assertThat(EventSchema.RAW_ARTICLE.violations(EventCodec.toTree(article))).isEmpty();
    }

    @Test
    void aJsonFileIsPublishedLikeAPostedArticle() throws Exception {
        Files.writeString(dir.resolve("wire.json"), """
                [{"title": "First wire story", "body": "Text one.", "canonicalUrl": "https://wire.example/1",
                  "authors": ["AFP"], "publishedAt": "2024-03-05T08:00:00Z", "source": {"name": "AFP"}, "extra": true},
                 {"title": "Second wire story"}]
                """);
        source.scan();
        source.scan();

        assertThat(statusOf("wire.json").status()).isEqualTo(FileStatus.State.PUBLISHED);
        assertThat(publisher.published).extracting(RawArticle::title).containsExactly("First wire story", "Second wire story");
        assertThat(publisher.published.get(0).source().name()).isEqualTo("AFP");
        assertThat(publisher.published.get(1).source().name()).isEqualTo("wire.json");
        assertThat(statusOf("wire.json").ids()).containsExactly(publisher.published.get(0).id(), publisher.published.get(1).id());
        assertThat(meters.counter("newsflow.ingest.articles", "source", "file", "outcome", "accepted").count()).isEqualTo(2);
    }

    @Test
    void aJsonFileWithAnInvalidArticleFailsAsAWhole() throws Exception {
        Files.writeString(dir.resolve("bad.json"), """
                [{"title": "Fine"}, {"title": "Bad", "url": "ftp://example.org/a"}]
                """);
        Files.writeString(dir.resolve("broken.json"), "{\"title\": ");
        source.scan();
        source.scan();

        assertThat(statusOf("bad.json").status()).isEqualTo(FileStatus.State.FAILED);
        assertThat(statusOf("bad.json").error()).contains("article 1").contains("url");
        assertThat(statusOf("broken.json").status()).isEqualTo(FileStatus.State.FAILED);
        assertThat(statusOf("broken.json").error()).contains("not valid JSON");
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void emptyAndBinaryFilesAreRefused() throws Exception {
        Files.write(dir.resolve("empty.txt"), new byte[0]);
        Files.write(dir.resolve("image.html"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        Files.write(dir.resolve("latin1.json"), "{\"title\": \"Biélorussie\"}".getBytes(StandardCharsets.ISO_8859_1));
        source.scan();
        source.scan();

        assertThat(statusOf("empty.txt").error()).isEqualTo("the file is empty");
        assertThat(statusOf("image.html").error()).contains("binary");
        assertThat(statusOf("latin1.json").error()).contains("UTF-8");
        assertThat(source.status().orElseThrow().files()).extracting(FileStatus::status).containsOnly(FileStatus.State.FAILED);
        assertThat(publisher.published).isEmpty();
        for (String reason : List.of("empty", "binary", "not-utf8")) {
            assertThat(meters.counter("newsflow.ingest.directory.files.refused", "reason", reason).count()).as(reason).isEqualTo(1);
        }
        assertThat(meters.counter("newsflow.ingest.articles", "source", "file", "outcome", "refused").count()).isEqualTo(3);
    }

    @Test
    void aLinkLeadingOutsideTheFolderFailsWithoutBeingRead(@TempDir Path elsewhere) throws Exception {
        Path outside = elsewhere.resolve("story.txt");
        Files.writeString(outside, "A valid headline\n\nThat was never dropped in the folder.");
        Files.createSymbolicLink(dir.resolve("story.txt"), outside);
        Files.createSymbolicLink(dir.resolve("passwd.txt"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(dir.resolve("loop.txt"), Path.of("loop.txt"));
        source.scan();
        source.scan();

        assertThat(statusOf("story.txt").status()).isEqualTo(FileStatus.State.FAILED);
        assertThat(statusOf("story.txt").error()).contains("outside the watched directory");
        assertThat(statusOf("passwd.txt").status()).isEqualTo(FileStatus.State.FAILED);
        assertThat(statusOf("loop.txt").status()).isEqualTo(FileStatus.State.FAILED);
        assertThat(statusOf("loop.txt").error()).contains("leads nowhere");
        assertThat(publisher.published).isEmpty();
        assertThat(meters.counter("newsflow.ingest.articles.refused", "source", "file", "reason", "outside-directory").count())
                .isEqualTo(2);
        assertThat(meters.counter("newsflow.errors", "reason", "file-refused").count()).isEqualTo(3);
    }

    @Test
    void aLinkStayingInsideTheFolderIsFollowed() throws Exception {
        Files.createDirectories(dir.resolve("..data"));
        Files.writeString(dir.resolve("..data").resolve("story.txt"), "Mounted headline\n\nFrom a mounted volume.");
        Files.createSymbolicLink(dir.resolve("story.txt"), Path.of("..data", "story.txt"));
        source.scan();
        source.scan();

        assertThat(statusOf("story.txt").status()).isEqualTo(FileStatus.State.PUBLISHED);
        assertThat(publisher.published).extracting(RawArticle::title).containsExactly("Mounted headline");
    }

    @Test
    void aFifoFailsWithoutBlockingTheScan() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe.txt").toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");
        source.scan();
        source.scan();

        assertThat(statusOf("pipe.txt").status()).isEqualTo(FileStatus.State.FAILED);
        assertThat(statusOf("pipe.txt").error()).contains("not a regular file");
    }
}
