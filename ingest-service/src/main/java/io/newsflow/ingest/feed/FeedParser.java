package io.newsflow.ingest.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.jsoup.Jsoup;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

import io.newsflow.ingest.identity.ArticleIdentity;

/**
 * Reads RSS 0.9x/1.0 (RDF)/2.0 and Atom 0.3/1.0 with Rome. DOCTYPE declarations are refused outright, which shuts
 * out external entities and entity expansion ("billion laughs") alike; no legitimate feed needs one. The encoding
 * comes from the HTTP header, BOM or XML declaration.
 */
public final class FeedParser {

    private FeedParser() {
    }

    /**
     * @param feedUrl where the feed was fetched from; relative item links resolve against it
     */
    public static ParsedFeed parse(byte[] body, String contentType, String feedUrl) throws FeedParseException {
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(false);
        input.setXmlHealerOn(true);
        SyndFeed feed;
        try (XmlReader reader = contentType == null ? new XmlReader(new ByteArrayInputStream(body), true)
                : new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
            feed = input.build(reader);
        } catch (FeedException | IOException | RuntimeException e) {
            // Rome and JDOM signal some malformed input with unchecked exceptions of their own; every failure here is a
            // feed that cannot be read, never a reason to stop polling the others.
            throw new FeedParseException("not a readable RSS, RDF or Atom feed: " + e.getMessage(), e);
        }
        List<FeedItem> items = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            items.add(item(entry, feedUrl));
        }
        return new ParsedFeed(plain(feed.getTitle()), items);
    }

    private static FeedItem item(SyndEntry entry, String feedUrl) {
        String link = absolute(entry.getLink(), feedUrl);
        String description = entry.getDescription() == null ? null : html(entry.getDescription().getValue());
        String content = null;
        for (SyndContent c : entry.getContents()) {
            String text = html(c.getValue());
            if (text != null && (content == null || text.length() > content.length())) {
                content = text;
            }
        }
        List<String> authors = new ArrayList<>();
        for (SyndPerson person : entry.getAuthors()) {
            if (person.getName() != null && !person.getName().isBlank()) {
                authors.add(person.getName().trim());
            }
        }
        if (authors.isEmpty() && entry.getAuthor() != null && !entry.getAuthor().isBlank()) {
            authors.add(entry.getAuthor().trim());
        }
        Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
        Instant published = date == null ? null : date.toInstant();
        String title = plain(entry.getTitle());
        String key = firstNonBlank(entry.getUri(), link, title);
        return new FeedItem(key, link, title, content != null ? content : description, description, authors, published);
    }

    private static String absolute(String link, String base) {
        if (link == null || link.isBlank()) {
            return null;
        }
        try {
            String resolved = base == null ? link.trim() : URI.create(base).resolve(link.trim()).toString();
            return ArticleIdentity.parseHttpUrl(resolved).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Feed text fields may carry markup (escaped HTML in RSS descriptions); only its text is kept. */
    private static String html(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        org.jsoup.nodes.Document doc = Jsoup.parseBodyFragment(value);
        List<String> blocks = new ArrayList<>();
        doc.body().select("p, li, blockquote, h1, h2, h3, h4").forEach(e -> {
            if (!e.text().isBlank()) {
                blocks.add(e.text().trim());
            }
        });
        String text = blocks.isEmpty() ? doc.body().text() : String.join("\n\n", blocks);
        return text.isBlank() ? null : text.trim();
    }

    private static String plain(String value) {
        return value == null || value.isBlank() ? null : Jsoup.parse(value).text().trim();
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}
