package io.newsflow.enrich.language;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A language-identification evaluation file: one {@code lang<TAB>text} sample per line. */
record EvalSet(String name, List<Sample> samples) {

    record Sample(String language, String text) {
    }

    static EvalSet load(String resource) {
        try (InputStream in = EvalSet.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Sample> samples = reader.lines()
                    .filter(line -> !line.isBlank())
                    .map(line -> {
                        String[] parts = line.split("\t", 2);
                        if (parts.length != 2) {
                            throw new IllegalStateException(resource + ": not lang<TAB>text: " + line);
                        }
                        return new Sample(parts[0].strip(), parts[1].strip());
                    })
                    .toList();
            return new EvalSet(resource, samples);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String firstTextIn(String language) {
        return samples.stream()
                .filter(s -> s.language().equals(language))
                .map(Sample::text)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " has no sample in " + language));
    }
}
