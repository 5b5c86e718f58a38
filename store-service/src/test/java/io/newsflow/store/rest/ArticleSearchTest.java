package io.newsflow.store.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;



import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.newsflow.events.EnrichedArticle;
import io.newsflow.store.Articles;
import io.newsflow.store.EnrichedTopic;
import io.newsflow.store.StoreIntegrationTest;
import io.newsflow.store.StoredRows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** GET /articles with filters and full-text search, and the counting endpoints, over articles sent through Kafka. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArticleSearchTest extends StoreIntegrationTest {

    /** Within the longest period the counts may cover (newsflow.store.api.max-period). */
    private static final String WEEK_AGO = Instant.now().minus(Duration.ofDays(7)).toString();


    private static final String PROBLEM_JSON = "application/problem+json";

    private EnrichedArticle seed;
    private EnrichedArticle english;
    private EnrichedArticle german;

    @BeforeAll
    void storeArticles() {
        seed = Articles.seed();
        english = Articles.written("en", "Dock workers strike at the port",
                "Dock workers at the port went on strike over wages; the war of words with the operator goes on.");
        german = Articles.written("de", "Neuer Fahrplan der Bahn", "Die Bahn stellt den neuen Fahrplan vor.");
        new EnrichedTopic(companion).send(EnrichedTopic.event(seed), EnrichedTopic.event(english),
                EnrichedTopic.event(german));
        StoredRows rows = new StoredRows(dataSource);
        List.of(seed, english, german).forEach(a -> rows.awaitStored(a.id()));
    }

    @Test
    void aFrenchWordFindsTheFrenchSeedInItsOwnLanguage() {
        assertThat(ids(Map.of("q", "guerre"))).contains(seed.id()).doesNotContain(english.id(), german.id());
        assertThat(ids(Map.of("q", "guerres"))).as("French stemming: plural and singular meet").contains(seed.id());
        assertThat(ids(Map.of("q", "war"))).contains(english.id()).doesNotContain(seed.id());
        assertThat(ids(Map.of("q", "Fahrplans"))).as("German stemming").contains(german.id());
        assertThat(ids(Map.of("q", "guerre", "language", "en"))).doesNotContain(seed.id());
    }

    @Test
    void languageAndTopicTogetherFindTheSeed() {
        assertThat(ids(Map.of("language", "fr", "topic", "medtop:16000000"))).contains(seed.id())
                .doesNotContain(english.id(), german.id());
        assertThat(ids(Map.of("language", "de", "topic", "medtop:16000000"))).doesNotContain(seed.id());
        assertThat(ids(Map.of("topic", "medtop:04000000"))).doesNotContain(seed.id());
    }

    @Test
    void anEntityIsFoundByItsReferenceOrItsName() {
        assertThat(ids(Map.of("entity", "iso3166:BY"))).contains(seed.id()).doesNotContain(english.id());
        assertThat(ids(Map.of("entity", "Biélorussie"))).contains(seed.id());
        assertThat(ids(Map.of("entity", "Alexandre Loukachenko", "entityType", "PERSON"))).contains(seed.id());
        assertThat(ids(Map.of("entity", "Alexandre Loukachenko", "entityType", "LOCATION")))
                .doesNotContain(seed.id());
        assertThat(ids(Map.of("entity", "iso3166:FR"))).doesNotContain(seed.id());
    }

    @Test
    void sourceAndTimeFiltersNarrowTheListing() {
        String source = seed.source().name();
        assertThat(ids(Map.of("source", source))).contains(seed.id());
        assertThat(ids(Map.of("source", "No such source"))).isEmpty();
        assertThat(ids(Map.of("since", "2000-01-01", "until", "2999-01-01T00:00:00Z"))).contains(seed.id());
        assertThat(ids(Map.of("until", "2000-01-01"))).isEmpty();
    }

    @Test
    void aFilteredListingPagesWithItsCursor() {
        List<String> everyId = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = given().queryParam("language", "fr").queryParam("limit", 1)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .get("/articles").then().statusCode(200).extract().jsonPath();
            everyId.addAll(page.getList("items.id"));
            assertThat(page.getList("items.language.code")).containsOnly("fr");
            cursor = page.getString("next");
        } while (cursor != null);
        assertThat(everyId).doesNotHaveDuplicates().contains(seed.id()).doesNotContain(english.id());
    }

    @Test
    void aValueThatLooksLikeSqlIsOnlyAValue() {
        assertThat(ids(Map.of("q", "guerre' OR 1=1 --"))).doesNotContain(english.id());
        assertThat(ids(Map.of("entity", "x' OR '1'='1"))).isEmpty();
        assertThat(ids(Map.of("source", "\"; DROP TABLE articles; --"))).isEmpty();
    }

    @Test
    void everyBadParameterIsNamedInOne400Problem() {
        given().queryParam("language", "French").queryParam("topic", "16000000").queryParam("entityType", "PLACE")
                .queryParam("since", "yesterday").queryParam("until", "soon").queryParam("q", " ")
                .queryParam("limit", "501")
                .get("/articles")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("https://newsflow.io/problems/invalid-request"))
                .body("errors.field", hasItems("language", "topic", "entityType", "since", "until", "q", "limit"));
        given().queryParam("since", "2025-02-01").queryParam("until", "2025-01-01").get("/articles")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("until"));
        given().queryParam("type", "PLANET").queryParam("limit", "0").get("/entities/top")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItems("type", "limit"));
        given().queryParam("since", "last week").get("/topics/counts")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("since"))
                .body("errors[0].message", containsString("ISO-8601"));
    }

    @Test
    void topEntitiesCountTheArticlesNamingThem() {
        // Every article of this test run (a database of its own) was stored within the week.
        JsonPath top = given().queryParam("since", WEEK_AGO).queryParam("type", "LOCATION")
                .queryParam("limit", 500)
                .get("/entities/top").then().statusCode(200).extract().jsonPath();
        assertThat(top.getList("items.type")).containsOnly("LOCATION");
        assertThat(top.getList("items.ref")).contains("iso3166:BY", "iso3166:UA");
        long belarus = top.getLong("items.find { it.ref == 'iso3166:BY' }.articles");
        assertThat(belarus).isEqualTo(new StoredRows(dataSource).countLinkedArticles("LOCATION", "iso3166:BY"));

        given().queryParam("limit", 1).get("/entities/top").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("since", notNullValue());
    }

    @Test
    void topicCountsAndStatsDescribeWhatIsStored() {
        given().queryParam("since", WEEK_AGO).get("/topics/counts").then().statusCode(200)
                .body("items.code", hasItem("medtop:16000000"))
                .body("items.find { it.code == 'medtop:16000000' }.label", equalTo("conflict, war and peace"))
                .body("items.find { it.code == 'medtop:16000000' }.articles", notNullValue());

        StoredRows rows = new StoredRows(dataSource);
        JsonPath stats = given().get("/stats").then().statusCode(200).extract().jsonPath();
        assertThat(stats.getLong("articles")).isGreaterThanOrEqualTo(3).isLessThanOrEqualTo(rows.countAll());
        assertThat(stats.getList("byLanguage.language")).contains("fr", "en", "de");
        assertThat(stats.getList("bySource.name")).contains(seed.source().name());
        assertThat(stats.getString("lastStoredAt")).isNotNull();
    }

    @Test
    void theApiIsDescribedByOpenApiWithSwaggerUi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", hasItems("/articles", "/articles/{id}", "/entities/top", "/topics/counts",
                        "/stats"))
                .body("paths.'/articles'.get.parameters.name", hasItems("language", "entity", "entityType",
                        "topic", "source", "since", "until", "q", "cursor", "limit"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    private static List<String> ids(Map<String, String> query) {
        return given().queryParams(query).queryParam("limit", 500).get("/articles")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
    }
}
