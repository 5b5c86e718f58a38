package io.newsflow.ingest.extract;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.ingest.identity.ArticleIdentity;
import net.dankito.readability4j.Article;
import net.dankito.readability4j.Readability4J;

/**
 * Finds the article in a web page: the main text through Readability (navigation, ads and footers left out), and the
 * headline, authors, publication date and canonical URL from the page's metadata, most trusted first: JSON-LD
 * (schema.org Article types), then OpenGraph / {@code article:*} properties, then plain {@code <meta>} tags.
 */
public final class HtmlArticleExtractor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BYLINE_PREFIX = Pattern.compile("^(by|par|von|por)\\s+", Pattern.CASE_INSENSITIVE);
    private static final int MAX_AUTHORS = 20;
    private static final int MAX_AUTHOR_LENGTH = 300;
    private static final Set<String> ARTICLE_TYPES = Set.of("article", "newsarticle", "reportagenewsarticle",
            "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle", "blogposting", "report", "webpage");

    private HtmlArticleExtractor() {
    }

    /**
     * @param bytes the page as received (any encoding)
     * @param contentType the HTTP Content-Type header, or null
     * @param url where the page was found; relative links resolve against it (may be null for a file)
     */
    public static ExtractedArticle extract(byte[] bytes, String contentType, String url) {
        String html = Charsets.decode(bytes, contentType);
        String base = url == null ? "" : url;
        Document doc = Jsoup.parse(html, base);
        List<JsonNode> ld = jsonLdArticles(doc);

        String title = first(ldText(ld, "headline"), meta(doc, "property", "og:title"), meta(doc, "name", "twitter:title"));
        String description = first(ldText(ld, "description"), meta(doc, "property", "og:description"),
                meta(doc, "name", "description"));
        Instant published = firstDate(ldText(ld, "datePublished"), meta(doc, "property", "article:published_time"),
                meta(doc, "itemprop", "datePublished"), meta(doc, "name", "date"), meta(doc, "name", "pubdate"),
                meta(doc, "name", "dc.date"), meta(doc, "name", "DC.date.issued"), meta(doc, "name", "parsely-pub-date"),
                timeElement(doc));
        List<String> authors = ldAuthors(ld);
        if (authors.isEmpty()) {
            authors = metaAuthors(doc);
        }
        String canonical = canonical(doc);

        Article article = new Readability4J(base, html).parse();
        String text = paragraphs(article.getArticleContent());
        if (title == null) {
            title = first(article.getTitle(), doc.title());
        }
        if (authors.isEmpty() && article.getByline() != null) {
            authors = cleanAuthors(List.of(BYLINE_PREFIX.matcher(article.getByline().trim()).replaceFirst("")));
        }
        if (description == null) {
            description = article.getExcerpt();
        }
        text = withoutHeadline(text, title, article.getTitle());
        return new ExtractedArticle(blankToNull(title), blankToNull(text), blankToNull(description), authors, published,
                canonical);
    }

    /** The block-level text of the extracted content, one paragraph per block, so the body keeps its paragraphs. */
    private static String paragraphs(Element content) {
        if (content == null) {
            return null;
        }
        List<String> blocks = new ArrayList<>();
        for (Element block : content.select("p, h1, h2, h3, h4, h5, h6, li, blockquote, pre")) {
            if (block.parents().stream().anyMatch(p -> p.is("p, li, blockquote, pre"))) {
                continue;
            }
            String text = block.text().trim();
            if (!text.isEmpty()) {
                blocks.add(text);
            }
        }
        return blocks.isEmpty() ? content.text().trim() : String.join("\n\n", blocks);
    }

    /** Pages repeat the headline above the story; that repetition is layout, not body text. */
    private static String withoutHeadline(String text, String... headlines) {
        if (text == null) {
            return null;
        }
        List<String> blocks = new ArrayList<>(List.of(text.split("\n\n")));
        while (blocks.size() > 1 && isHeadline(blocks.get(0), headlines)) {
            blocks.remove(0);
        }
        return String.join("\n\n", blocks);
    }

    private static boolean isHeadline(String block, String... headlines) {
        String normalised = ArticleIdentity.normaliseText(block);
        for (String headline : headlines) {
            if (headline != null && normalised.equalsIgnoreCase(ArticleIdentity.normaliseText(headline))) {
                return true;
            }
        }
        return false;
    }

    private static String canonical(Document doc) {
        for (Element link : doc.select("link[rel~=(?i)^canonical$][href]")) {
            String href = link.attr("abs:href");
            try {
                ArticleIdentity.parseHttpUrl(href);
                return href;
            } catch (IllegalArgumentException e) {
                // A canonical link that is not an absolute http(s) URL is ignored; the page URL identifies it instead.
            }
        }
        return null;
    }

    private static List<JsonNode> jsonLdArticles(Document doc) {
        List<JsonNode> found = new ArrayList<>();
        for (Element script : doc.select("script[type=application/ld+json]")) {
            try {
                collectArticles(JSON.readTree(script.data()), found, 0);
            } catch (IOException e) {
                // Broken JSON-LD is common; the other metadata still counts.
            }
        }
        return found;
    }

    private static void collectArticles(JsonNode node, List<JsonNode> found, int depth) {
        if (node == null || depth > 4) {
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> collectArticles(n, found, depth + 1));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.has("@graph")) {
            collectArticles(node.get("@graph"), found, depth + 1);
        }
        JsonNode type = node.get("@type");
        List<String> types = new ArrayList<>();
        if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asText().toLowerCase(Locale.ROOT)));
        } else if (type != null) {
            types.add(type.asText().toLowerCase(Locale.ROOT));
        }
        if (types.stream().anyMatch(ARTICLE_TYPES::contains)) {
            found.add(node);
        }
    }

    private static String ldText(List<JsonNode> articles, String field) {
        for (JsonNode article : articles) {
            JsonNode value = article.get(field);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return value.asText().trim();
            }
        }
        return null;
    }

    private static List<String> ldAuthors(List<JsonNode> articles) {
        for (JsonNode article : articles) {
            JsonNode author = article.get("author");
            if (author == null) {
                continue;
            }
            List<String> names = new ArrayList<>();
            for (JsonNode one : author.isArray() ? author : List.of(author)) {
                if (one.isTextual()) {
                    names.add(one.asText());
                } else if (one.isObject() && one.path("name").isTextual()) {
                    names.add(one.path("name").asText());
                }
            }
            List<String> cleaned = cleanAuthors(names);
            if (!cleaned.isEmpty()) {
                return cleaned;
            }
        }
        return List.of();
    }

    private static List<String> metaAuthors(Document doc) {
        List<String> names = new ArrayList<>();
        for (Element meta : doc.select("meta[name=author], meta[property=article:author], meta[name=dc.creator]")) {
            String content = meta.attr("content");
            // article:author is often a profile URL rather than a name.
            if (!content.startsWith("http://") && !content.startsWith("https://")) {
                names.add(content);
            }
        }
        return cleanAuthors(names);
    }

    private static List<String> cleanAuthors(List<String> names) {
        Set<String> cleaned = new LinkedHashSet<>();
        for (String name : names) {
            String trimmed = ArticleIdentity.normaliseText(name);
            if (!trimmed.isEmpty() && trimmed.length() <= MAX_AUTHOR_LENGTH && cleaned.size() < MAX_AUTHORS) {
                cleaned.add(trimmed);
            }
        }
        return List.copyOf(cleaned);
    }

    private static String meta(Document doc, String attribute, String name) {
        for (Element meta : doc.select("meta[" + attribute + "]")) {
            if (meta.attr(attribute).equalsIgnoreCase(name)) {
                String content = meta.hasAttr("content") ? meta.attr("content") : meta.attr("datetime");
                if (!content.isBlank()) {
                    return content.trim();
                }
            }
        }
        return null;
    }

    private static String timeElement(Document doc) {
        Element time = doc.selectFirst("article time[datetime], time[pubdate][datetime]");
        return time == null ? null : time.attr("datetime");
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private static Instant firstDate(String... values) {
        for (String value : values) {
            Instant instant = parseDate(value);
            if (instant != null) {
                return instant;
            }
        }
        return null;
    }

    /**
     * The date forms pages use: ISO-8601 with or without offset or time (no offset is taken as UTC), and RFC 1123.
     * Null when unreadable or outside the years 0001–9999 the contract allows.
     */
    public static Instant parseDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        Instant instant = null;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e1) {
            try {
                instant = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    instant = LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    try {
                        instant = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    } catch (DateTimeParseException e4) {
                        return null;
                    }
                }
            }
        }
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        return year >= 1 && year <= 9999 ? instant : null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
