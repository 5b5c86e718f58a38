package io.newsflow.ingest.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A request body decoded by its {@code Content-Encoding} ({@code gzip} or {@code deflate}). Decoding is done here
 * rather than by the HTTP layer, which drops the connection without an answer when a compressed body is corrupt or
 * uses a coding it does not know; here each of those gets a problem. The size limit is applied by the caller to the
 * decoded bytes, so a compression bomb is stopped after the limit, whatever its ratio.
 */
final class DecodedBody extends InputStream {

    /** The body is not valid for its declared coding (corrupt or cut short); answered with 400. */
    static final class UndecodableException extends IOException {
        UndecodableException(String coding, IOException cause) {
            super("The body is not valid " + coding + ": " + cause.getMessage(), cause);
        }
    }

    private final InputStream raw;
    private final String coding;
    private InputStream decoder;
    private Inflater inflater;

    private DecodedBody(InputStream raw, String coding) {
        this.raw = raw;
        this.coding = coding;
    }

    /**
     * @param contentEncoding the header, or null
     * @throws ProblemException 415 for any coding other than gzip, deflate or identity (RFC 9110, 15.5.16)
     */
    static InputStream of(InputStream raw, String contentEncoding) {
        String coding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (coding) {
            case "", "identity" -> raw;
            case "gzip", "x-gzip" -> new DecodedBody(raw, "gzip");
            case "deflate" -> new DecodedBody(raw, "deflate");
            default -> throw ProblemException.unsupportedEncoding(contentEncoding);
        };
    }

    private InputStream decoder() throws IOException {
        if (decoder == null) {
            try {
                decoder = "gzip".equals(coding) ? new GZIPInputStream(raw, 8192) : inflater();
            } catch (IOException e) {
                throw new UndecodableException(coding, e);
            }
        }
        return decoder;
    }

    // "deflate" is meant to be zlib-wrapped (RFC 9110), but some clients send raw deflate; the zlib header tells them apart.
    private InputStream inflater() throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        byte[] head = in.readNBytes(2);
        in.unread(head);
        boolean zlib = head.length == 2 && (head[0] & 0x0F) == 8 && (((head[0] & 0xFF) << 8) | (head[1] & 0xFF)) % 31 == 0;
        inflater = new Inflater(!zlib);
        return new InflaterInputStream(in, inflater, 8192);
    }

    @Override
    public int read() throws IOException {
        try {
            return decoder().read();
        } catch (UndecodableException e) {
            throw e;
        } catch (IOException e) {
            throw new UndecodableException(coding, e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return decoder().read(buffer, offset, length);
        } catch (UndecodableException e) {
            throw e;
        } catch (IOException e) {
            throw new UndecodableException(coding, e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (decoder != null) {
                decoder.close();
            } else {
                raw.close();
            }
        } finally {
            // An Inflater handed to InflaterInputStream is not ended by it; its native memory is released here.
            if (inflater != null) {
                inflater.end();
            }
        }
    }
}
