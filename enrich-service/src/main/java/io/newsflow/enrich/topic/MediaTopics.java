package io.newsflow.enrich.topic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The IPTC Media Topics the classifier can assign, read from {@code media-topics.tsv} (code, parent code or empty,
 * English label). The file is checked on load: a malformed code, a duplicate or an unknown parent stops the service.
 */
public final class MediaTopics {

    static final String RESOURCE = "io/newsflow/enrich/topic/media-topics.tsv";
    private static final Pattern CODE = Pattern.compile("medtop:\\d{8}");

    private final Map<String, MediaTopic> byCode;

    private MediaTopics(Map<String, MediaTopic> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
    }

    /** The vocabulary shipped with the service. */
    public static MediaTopics shipped() {
        try (InputStream in = MediaTopics.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MediaTopics parse(String tsv, String origin) {
        Map<String, MediaTopic> topics = new LinkedHashMap<>();
        int lineNumber = 0;
        try (BufferedReader reader = new BufferedReader(new StringReader(tsv))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != 3 || !CODE.matcher(fields[0]).matches() || fields[2].isBlank()
                        || !(fields[1].isEmpty() || CODE.matcher(fields[1]).matches())) {
                    throw new IllegalStateException(origin + ":" + lineNumber
                            + ": expected <medtop:code> TAB <parent code or nothing> TAB <label>, was: " + line);
                }
                String parent = fields[1].isEmpty() ? null : fields[1];
                if (parent != null && !topics.containsKey(parent)) {
                    throw new IllegalStateException(origin + ":" + lineNumber + ": parent " + parent
                            + " is not defined above " + fields[0]);
                }
                if (topics.put(fields[0], new MediaTopic(fields[0], fields[2].strip(), parent)) != null) {
                    throw new IllegalStateException(origin + ":" + lineNumber + ": " + fields[0] + " appears twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MediaTopics(topics);
    }

    public Optional<MediaTopic> get(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public Collection<MediaTopic> all() {
        return byCode.values();
    }
}
