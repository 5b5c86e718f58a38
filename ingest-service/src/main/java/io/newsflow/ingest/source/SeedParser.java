package io.newsflow.ingest.source;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.newsflow.ingest.identity.ArticleIdentity;

/**
 * Reads the plain-text seed format: the first non-empty line is the headline, every following non-empty line is a
 * paragraph, and a last line {@code Source : X} names the source. That credit line stays the body's last paragraph,
 * as the article was published: it is text a reader sees, and what it names is one of the article's entities. Seeds
 * repeat the headline as a line of its own; that repetition is layout, not body text.
 */
public final class SeedParser {

    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n?|\\n");

    /** French typography puts a (narrow) no-break space before the colon, so any Unicode space is allowed around it. */
    private static final Pattern SOURCE_LINE = Pattern.compile("^source\\s*:\\s*(\\S.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

    private static final Pattern EDGE_SPACE = Pattern.compile("^\\s+|\\s+$", Pattern.UNICODE_CHARACTER_CLASS);

    private SeedParser() {
    }

    /**
     * Parses the bytes of a seed file.
     *
     * @param fileName the file's name: the source name when the file does not give one
     * @throws SeedFormatException when the bytes are not UTF-8 or hold no text
     */
    public static Seed parse(byte[] content, String fileName) throws SeedFormatException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SeedFormatException("the file is not UTF-8 text");
        }
        return parse(text, fileName);
    }

    /** Parses the text of a seed file; see {@link #parse(byte[], String)}. */
    public static Seed parse(String text, String fileName) throws SeedFormatException {
        List<String> lines = new ArrayList<>();
        for (String line : LINE_BREAK.split(stripByteOrderMark(text), -1)) {
            String trimmed = EDGE_SPACE.matcher(line).replaceAll("");
            if (!trimmed.isEmpty()) {
                lines.add(trimmed);
            }
        }
        if (lines.isEmpty()) {
            throw new SeedFormatException("the file holds no text");
        }
        String title = lines.get(0);
        String sourceName = fileName;
        if (lines.size() > 1) {
            Matcher source = SOURCE_LINE.matcher(lines.get(lines.size() - 1));
            if (source.matches()) {
                sourceName = source.group(1);
            }
        }
        String titleKey = ArticleIdentity.normaliseText(title);
        List<String> paragraphs = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!ArticleIdentity.normaliseText(line).equals(titleKey)) {
                paragraphs.add(line);
            }
        }
        return new Seed(title, String.join("\n\n", paragraphs), sourceName);
    }

    private static String stripByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
