package io.newsflow.ingest.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ArticleJsonReaderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ArticleJsonReader.Result read(String json) throws Exception {
        JsonNode node = MAPPER.readTree(json);
        return ArticleJsonReader.read(node);
    }

    @Test
    void everyKnownFieldIsReadAndUnknownOnesAreIgnored() throws Exception {
        ArticleJsonReader.Result result = read("""
                {"url": "https://e.org/a?x=1", "canonicalUrl": "https://e.org/a", "title": "T", "body": "B",
                 "summary": "S", "authors": ["A", "B"], "publishedAt": "2022-12-19T08:30:00Z",
                 "source": {"name": "Newsweek", "kind": "magazine"}, "language": "fr", "tags": [1, 2]}
                """);

        assertThat(result.violations()).isEmpty();
        assertThat(result.submission()).isEqualTo(new ArticleSubmission("https://e.org/a?x=1", "https://e.org/a", "T", "B", "S",
                List.of("A", "B"), "2022-12-19T08:30:00Z", "Newsweek"));
    }

    @Test
    void nullFieldsCountAsAbsent() throws Exception {
        ArticleJsonReader.Result result = read("""
                {"url": null, "title": "T", "authors": null, "source": null, "publishedAt": null}
                """);

        assertThat(result.violations()).isEmpty();
        assertThat(result.submission().url()).isNull();
        assertThat(result.submission().authors()).isEmpty();
        assertThat(result.submission().sourceName()).isNull();
    }

    @Test
    void fieldsOfTheWrongTypeAreNamedNotCoerced() throws Exception {
        ArticleJsonReader.Result result = read("""
                {"title": 42, "body": ["a"], "authors": ["A", 7], "publishedAt": 1671438600, "source": {"name": true}}
                """);

        assertThat(result.violations()).extracting(Violation::field)
                .containsExactly("title", "body", "authors[1]", "publishedAt", "source.name");
        assertThat(result.violations().get(0).message()).isEqualTo("must be a string, not a number");
    }

    @Test
    void authorsAndSourceMustHaveTheirShape() throws Exception {
        ArticleJsonReader.Result result = read("""
                {"title": "T", "authors": "A. Author", "source": "Newsweek"}
                """);

        assertThat(result.violations()).extracting(Violation::field).containsExactly("authors", "source");
    }

    @Test
    void anItemThatIsNotAnObjectIsRefusedAsAWhole() throws Exception {
        ArticleJsonReader.Result result = read("\"just a string\"");

        assertThat(result.submission()).isNull();
        assertThat(result.violations()).containsExactly(new Violation(null, "must be a JSON object, not a string"));
    }
}
