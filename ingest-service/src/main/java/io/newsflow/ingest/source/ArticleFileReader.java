package io.newsflow.ingest.source;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.newsflow.ingest.article.ArticleJsonReader;
import io.newsflow.ingest.article.ArticleSubmission;
import io.newsflow.ingest.article.ArticleValidator;
import io.newsflow.ingest.article.Violation;
import io.newsflow.ingest.extract.ExtractedArticle;
import io.newsflow.ingest.extract.HtmlArticleExtractor;

/**
 * Reads the articles in one dropped file, by extension: {@code .txt} (the seed format), {@code .html}/{@code .htm}
 * (a saved web page: main text and metadata extracted as for feed articles), {@code .json} (one article object, or
 * an array of them, shaped as for {@code POST /articles}). Empty and binary files, and text that is not UTF-8, are
 * refused (HTML may declare another encoding).
 */
final class ArticleFileReader {

    /** A NUL byte in the first 8 KiB marks binary content: text formats never contain one. */
    private static final int BINARY_SNIFF = 8192;
    private static final int MAX_JSON_ARTICLES = 10_000;
    private static final ObjectReader JSON = new ObjectMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    enum Kind {
        SEED, HTML, JSON
    }

    private ArticleFileReader() {
    }

    /** The kind of article file {@code name} is, or empty when it is not one. */
    static Optional<Kind> kindOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".txt")) {
            return Optional.of(Kind.SEED);
        }
        if (lower.endsWith(".html") || lower.endsWith(".htm")) {
            return Optional.of(Kind.HTML);
        }
        if (lower.endsWith(".json")) {
            return Optional.of(Kind.JSON);
        }
        return Optional.empty();
    }

    /**
     * @return every article of the file, each valid
     * @throws UnreadableFileException when the file is empty, binary, badly encoded, or holds an invalid article
     */
    static List<ArticleSubmission> read(Kind kind, String name, byte[] content) throws UnreadableFileException {
        if (content.length == 0) {
            throw new UnreadableFileException("empty", "the file is empty");
        }
        for (int i = 0; i < Math.min(content.length, BINARY_SNIFF); i++) {
            if (content[i] == 0) {
                throw new UnreadableFileException("binary", "the file is binary, not text");
            }
        }
        List<ArticleSubmission> submissions = switch (kind) {
            case SEED -> List.of(seed(name, utf8(content)));
            case HTML -> List.of(html(content));
            case JSON -> json(utf8(content));
        };
        List<String> faults = new ArrayList<>();
        for (int i = 0; i < submissions.size(); i++) {
            for (Violation v : ArticleValidator.validate(submissions.get(i))) {
                faults.add((submissions.size() > 1 ? "article " + i + ": " : "") + v.field() + " " + v.message());
            }
        }
        if (!faults.isEmpty()) {
            throw new UnreadableFileException("invalid", String.join("; ", faults));
        }
        return submissions;
    }

    private static ArticleSubmission seed(String name, String text) throws UnreadableFileException {
        try {
            Seed seed = SeedParser.parse(text, name);
            return ArticleSubmission.ofText(seed.title(), seed.body(), seed.sourceName());
        } catch (SeedFormatException e) {
            // Decoded already, so the only fault left is a file without text.
            throw new UnreadableFileException("empty", e.getMessage());
        }
    }

    private static ArticleSubmission html(byte[] content) throws UnreadableFileException {
        ExtractedArticle page = HtmlArticleExtractor.extract(content, null, null);
        if (page.title() == null && page.text() == null) {
            throw new UnreadableFileException("empty", "the page has neither a headline nor any text");
        }
        return new ArticleSubmission(null, page.canonicalUrl(), page.title(), page.text(), page.description(),
                page.authors(), page.publishedAt() == null ? null : page.publishedAt().toString(), null).clipped();
    }

    private static List<ArticleSubmission> json(String text) throws UnreadableFileException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UnreadableFileException("invalid", "the file is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !(root.isObject() || root.isArray()) || root.isEmpty() && root.isArray()) {
            throw new UnreadableFileException("invalid", "expected an article object or a non-empty array of them");
        }
        if (root.size() > MAX_JSON_ARTICLES && root.isArray()) {
            throw new UnreadableFileException("invalid",
                    "the array holds " + root.size() + " articles; the limit is " + MAX_JSON_ARTICLES);
        }
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(items::add);
        } else {
            items.add(root);
        }
        List<ArticleSubmission> submissions = new ArrayList<>();
        List<String> faults = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ArticleJsonReader.Result read = ArticleJsonReader.read(items.get(i));
            String prefix = items.size() > 1 ? "article " + i + ": " : "";
            read.violations().forEach(v -> faults.add(prefix + (v.field() == null ? "" : v.field() + " ") + v.message()));
            if (read.submission() != null) {
                submissions.add(read.submission());
            }
        }
        if (!faults.isEmpty()) {
            throw new UnreadableFileException("invalid", String.join("; ", faults));
        }
        return submissions;
    }

    private static String utf8(byte[] content) throws UnreadableFileException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString()
                    .replaceFirst("^\uFEFF", "");
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException("not-utf8", "the file is not UTF-8 text");
        }
    }
}
