package io.newsflow.ingest.sitemap;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import crawlercommons.sitemaps.extension.Extension;
import crawlercommons.sitemaps.extension.ExtensionMetadata;
import crawlercommons.sitemaps.extension.NewsAttributes;
import io.newsflow.ingest.feed.FeedItem;
import io.newsflow.ingest.feed.FeedParseException;

/**
 * Reads a sitemap with crawler-commons: an index (the child sitemaps to read) or a sitemap whose URLs become items,
 * with the {@code <news:news>} title and publication date when it is a news sitemap. A URL's {@code <loc>} is its key.
 * Document type declarations are refused, as for feeds; crawler-commons also keeps each URL on the sitemap's own site.
 */
public final class SitemapReader {

    /** What one sitemap document holds: child sitemaps (an index) or items. */
    public record Sitemap(List<String> children, List<FeedItem> items) {
    }

    private SitemapReader() {
    }

    public static Sitemap read(byte[] body, String contentType, String url) throws FeedParseException {
        SiteMapParser parser = new SiteMapParser(false);
        parser.setAllowDocTypeDefinitions(false);
        parser.enableExtension(Extension.NEWS);
        AbstractSiteMap map;
        try {
            map = parser.parseSiteMap(contentType == null ? "text/xml" : contentType, body, toUrl(url));
        } catch (UnknownFormatException | java.io.IOException | RuntimeException e) {
            throw new FeedParseException("not a readable sitemap: " + e.getMessage(), e);
        }
        if (map instanceof SiteMapIndex index) {
            List<String> children = new ArrayList<>();
            index.getSitemaps().forEach(child -> children.add(child.getUrl().toString()));
            return new Sitemap(children, List.of());
        }
        List<FeedItem> items = new ArrayList<>();
        for (SiteMapURL entry : ((SiteMap) map).getSiteMapUrls()) {
            String loc = entry.getUrl().toString();
            String title = null;
            java.time.Instant published = entry.getLastModified() == null ? null : entry.getLastModified().toInstant();
            ExtensionMetadata[] news = entry.getAttributesForExtension(Extension.NEWS);
            if (news != null && news.length > 0 && news[0] instanceof NewsAttributes attributes) {
                title = attributes.getTitle();
                if (attributes.getPublicationDateTime() != null) {
                    published = attributes.getPublicationDateTime().toInstant();
                }
            }
            items.add(new FeedItem(loc, loc, title, null, null, List.of(), published));
        }
        return new Sitemap(List.of(), items);
    }

    private static URL toUrl(String url) throws FeedParseException {
        try {
            return URI.create(url).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new FeedParseException("not a sitemap URL: " + url, e);
        }
    }
}
