package io.newsflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class EventContractTest {

    @Test
    void goldenEventsSatisfyTheirSchemas() throws Exception {
        assertThat(EventSchema.RAW_ARTICLE.violations(EventCodec.mapper().readTree(GoldenEvents.rawArticleJson()))).isEmpty();
        assertThat(EventSchema.ENRICHED_ARTICLE.violations(EventCodec.mapper().readTree(GoldenEvents.enrichedArticleJson())))
                .isEmpty();
    }

    @Test
    void enrichedArticleRoundTripsWithoutLosingAField() throws Exception {
        EnrichedArticle golden = GoldenEvents.enrichedArticle();

        EnrichedArticle again = EventCodec.decodeEnriched(EventCodec.encode(golden));

        assertThat(again).isEqualTo(golden);
        assertThat(again.entities()).extracting(Entity::ref).containsExactly(null, "iso3166:BY");
        assertThat(again.source().type()).isEqualTo(SourceType.FEED);
    }

    @Test
    void instantsAreWrittenAsIso8601() {
        JsonNode tree = EventCodec.toTree(GoldenEvents.rawArticle());

        assertThat(tree.get("fetchedAt").asText()).isEqualTo("2022-12-19T09:00:01.250Z");
        assertThat(tree.get("source").get("type").asText()).isEqualTo("feed");
    }

    @Test
    void rawArticleIsAValidEnrichedArticleOnlyWithTheEnrichmentFields() throws Exception {
        JsonNode raw = EventCodec.mapper().readTree(GoldenEvents.rawArticleJson());

        assertThat(EventSchema.RAW_ARTICLE.violations(raw)).isEmpty();
        assertThat(EventSchema.ENRICHED_ARTICLE.violations(raw))
                .anyMatch(v -> v.contains("language"))
                .anyMatch(v -> v.contains("enrichment"));
    }

    @Test
    void violationsNameTheFieldThatIsWrong() throws Exception {
        ObjectNode raw = (ObjectNode) EventCodec.mapper().readTree(GoldenEvents.rawArticleJson());
        raw.put("publishedAt", "yesterday");
        ((ObjectNode) raw.get("source")).remove("name");
        raw.put("contentHash", "md5:abc");

        List<String> violations = EventSchema.RAW_ARTICLE.violations(raw);

        assertThat(violations).anyMatch(v -> v.startsWith("$.publishedAt"))
                .anyMatch(v -> v.startsWith("$.source") && v.contains("name"))
                .anyMatch(v -> v.startsWith("$.contentHash"));
    }

    @Test
    void anArticleNeedsATitleOrABody() throws Exception {
        ObjectNode raw = (ObjectNode) EventCodec.mapper().readTree(GoldenEvents.rawArticleJson());
        raw.put("title", "");
        assertThat(EventSchema.RAW_ARTICLE.violations(raw)).isEmpty();

        raw.put("body", "");
        assertThat(EventSchema.RAW_ARTICLE.violations(raw)).isNotEmpty();
    }

    @Test
    void unknownFieldsAreIgnoredSoTheContractCanGrow() throws Exception {
        ObjectNode raw = (ObjectNode) EventCodec.mapper().readTree(GoldenEvents.rawArticleJson());
        raw.put("addedInALaterMinorVersion", 42);

        RawArticle decoded = EventCodec.decodeRaw(EventCodec.mapper().writeValueAsBytes(raw));

        assertThat(decoded.id()).isEqualTo(GoldenEvents.rawArticle().id());
    }

    @Test
    void decodingGarbageSaysItIsNotJson() {
        assertThatThrownBy(() -> EventCodec.decodeRaw("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> EventCodec.decodeRaw(new byte[0]))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void encodingRefusesAnEventThatViolatesItsSchema() {
        RawArticle golden = GoldenEvents.rawArticle();
        RawArticle noSource = new RawArticle(golden.id(), golden.url(), golden.canonicalUrl(), golden.title(),
                golden.body(), null, List.of(), null, Instant.now(), null, golden.contentHash());

        assertThatThrownBy(() -> EventCodec.encode(noSource))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source");
    }
}
