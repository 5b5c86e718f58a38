package io.newsflow.ingest.extract;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns fetched or dropped markup into text. The encoding comes from the byte order mark, then the HTTP header, then a
 * {@code <meta>} or XML declaration near the start, else UTF-8. Bytes invalid in that encoding become U+FFFD: a badly
 * encoded page loses a character, never the poll.
 */
public final class Charsets {

    private static final Pattern HEADER_CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)|<\\?xml[^>]+encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)",
            Pattern.CASE_INSENSITIVE);
    private static final int SNIFF_BYTES = 2048;

    private Charsets() {
    }

    public static String decode(byte[] bytes, String contentType) {
        int skip = 0;
        Charset charset;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            charset = StandardCharsets.UTF_8;
            skip = 3;
        } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else {
            charset = fromHeader(contentType).or(() -> fromMarkup(bytes)).orElse(StandardCharsets.UTF_8);
        }
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("A replacing decoder does not throw", e);
        }
    }

    static Optional<Charset> fromHeader(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        Matcher m = HEADER_CHARSET.matcher(contentType);
        return m.find() ? named(m.group(1)) : Optional.empty();
    }

    static Optional<Charset> fromMarkup(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, SNIFF_BYTES), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        if (!m.find()) {
            return Optional.empty();
        }
        return named(m.group(1) != null ? m.group(1) : m.group(2));
    }

    private static Optional<Charset> named(String name) {
        try {
            Charset charset = Charset.forName(name.toLowerCase(Locale.ROOT));
            // A page declaring UTF-16 in ASCII-compatible bytes is lying; reading it as UTF-16 would give garbage.
            return charset.name().startsWith("UTF-16") ? Optional.of(StandardCharsets.UTF_8) : Optional.of(charset);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }
}
