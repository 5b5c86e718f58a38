package io.newsflow.ingest.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;

/**
 * The identity of an article: the same story reaching newsflow twice, through any source, must get the same id, so
 * that duplicates collapse downstream. The id is a UUIDv5 of the normalised canonical URL when the publisher gave one
 * (the URL survives edits to the text), else of the normalised title and body.
 */
public final class ArticleIdentity {

    /**
     * UUIDv5 of "newsflow.io" in the DNS namespace. Fixed for the life of contract v1: changing it would give every
     * article a new id and break de-duplication against everything already stored.
     */
    public static final UUID NAMESPACE = UUID.fromString("f904d39f-ef86-59db-8c44-5c21d07a11ce");

    private static final NameBasedGenerator GENERATOR = Generators.nameBasedGenerator(NAMESPACE);

    /** Unicode White_Space, so no-break and other typographic spaces collapse like ASCII ones. */
    private static final Set<String> TRACKING_PARAMETERS = Set.of("fbclid", "gclid", "dclid", "gbraid", "wbraid",
            "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga", "_gl", "ocid", "cmpid", "ncid", "sr_share", "at_medium",
            "at_campaign", "ref_src", "ref_url", "__twitter_impression", "s_cid", "mkt_tok", "oly_anon_id", "oly_enc_id",
            "vero_id", "rb_clickid", "_hsenc", "_hsmi", "hsctatracking", "spm");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private ArticleIdentity() {
    }

    /**
     * The article id.
     *
     * @param canonicalUrl an absolute http(s) URL, or null
     * @param title the headline as received, or null
     * @param body the text as received, or null
     */
    public static String idOf(String canonicalUrl, String title, String body) {
        String name = canonicalUrl != null ? normaliseUrl(canonicalUrl) : textKey(title, body);
        return GENERATOR.generate(name).toString();
    }

    /** {@code sha256:} and the hex SHA-256 of the normalised title and body; changes whenever the words change. */
    public static String contentHash(String title, String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(textKey(title, body).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    /**
     * Unicode NFC, every run of whitespace (line breaks included) collapsed to one space, trimmed: the same words
     * give the same text whatever the layout, encoding form or paragraph breaks of the source.
     */
    public static String normaliseText(String text) {
        if (text == null) {
            return "";
        }
        return WHITESPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFC)).replaceAll(" ").trim();
    }

    /**
     * The canonical form of an absolute http(s) URL: lower-case scheme and host, no default port, no fragment, "/"
     * for an empty path, non-ASCII characters percent-encoded. Path and query are kept as they are: servers may treat
     * them case-sensitively.
     *
     * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL with a host
     */
    public static String normaliseUrl(String url) {
        URI uri = parseHttpUrl(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443)) {
            port = -1;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder out = new StringBuilder(scheme).append("://");
        if (uri.getRawUserInfo() != null) {
            out.append(uri.getRawUserInfo()).append('@');
        }
        out.append(host);
        if (port != -1) {
            out.append(':').append(port);
        }
        out.append(path);
        if (uri.getRawQuery() != null) {
            out.append('?').append(uri.getRawQuery());
        }
        return URI.create(out.toString()).toASCIIString();
    }

    /**
     * {@code url} without its fragment and without the query parameters that only track the reader ({@code utm_*},
     * {@code fbclid}, {@code gclid}, ...): the canonical URL of a page that names none.
     *
     * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL with a host
     */
    public static String withoutTracking(String url) {
        URI uri = parseHttpUrl(url);
        StringBuilder kept = new StringBuilder();
        if (uri.getRawQuery() != null) {
            for (String parameter : uri.getRawQuery().split("&")) {
                String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
                if (!parameter.isEmpty() && !name.startsWith("utm_") && !TRACKING_PARAMETERS.contains(name)) {
                    kept.append(kept.length() == 0 ? "" : "&").append(parameter);
                }
            }
        }
        String base = uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
        return normaliseUrl(kept.length() == 0 ? base : base + "?" + kept);
    }

    /**
     * Parses an absolute http or https URL with a host.
     *
     * @throws IllegalArgumentException with a message fit for the client when it is not one
     */
    public static URI parseHttpUrl(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (!uri.isAbsolute() || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("must be an absolute http or https URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("must name a host");
        }
        return uri;
    }

    // Normalised title contains no line break, so "\n" separates title from body unambiguously.
    private static String textKey(String title, String body) {
        return normaliseText(title) + "\n" + normaliseText(body);
    }
}
