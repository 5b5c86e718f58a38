package io.newsflow.store.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;



import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.newsflow.events.EnrichedArticle;
import io.newsflow.events.EventCodec;
import io.newsflow.store.Articles;
import io.newsflow.store.EnrichedTopic;
import io.newsflow.store.StoreIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ArticleApiTest extends StoreIntegrationTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void listingIsNewestFirstAndPagesWithACursor() throws Exception {
        EnrichedArticle first = Articles.fresh();
        EnrichedArticle second = Articles.fresh();
        EnrichedArticle third = Articles.fresh();
        for (EnrichedArticle article : List.of(first, second, third)) {
            topic.send(EnrichedTopic.event(article));
            rows.awaitStored(article.id());
        }

        JsonNode page = list("?limit=2");
        assertThat(items(page)).containsExactly(third, second);
        assertThat(page.get("next").isTextual()).isTrue();

        JsonNode following = list("?limit=2&cursor=" + page.get("next").asText());
        assertThat(items(following)).first().isEqualTo(first);

        List<String> everyId = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode p = list("?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            items(p).forEach(a -> everyId.add(a.id()));
            cursor = p.get("next").isNull() ? null : p.get("next").asText();
        } while (cursor != null);
        assertThat(everyId).doesNotHaveDuplicates().hasSize((int) rows.countAll());
        assertThat(everyId.indexOf(third.id())).isLessThan(everyId.indexOf(second.id()));
        assertThat(everyId.indexOf(second.id())).isLessThan(everyId.indexOf(first.id()));

        assertThat(items(list("")).size()).isEqualTo((int) Math.min(ArticleResource.DEFAULT_LIMIT, rows.countAll()));
    }

    @Test
    void theLastPageHasNoNextCursor() {
        given().queryParam("limit", ArticleResource.MAX_LIMIT).get("/articles")
                .then().statusCode(200)
                .body("next", nullValue());
    }

    @Test
    void anUnknownIdIsA404Problem() {
        String id = UUID.randomUUID().toString();

        given().get("/articles/{id}", id)
                .then().statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("https://newsflow.io/problems/article-not-found"))
                .body("title", equalTo("Article not found"))
                .body("status", equalTo(404))
                .body("detail", containsString(id))
                .body("instance", equalTo("/articles/" + id));
    }

    @Test
    void aMalformedIdIsA400Problem() {
        given().get("/articles/{id}", "not-an-id")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("https://newsflow.io/problems/invalid-request"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/articles/not-an-id"))
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    void aLimitOutsideOneToFiveHundredIsA400Problem() {
        for (String limit : List.of("0", "501", "-3", "twenty", "1.5")) {
            given().queryParam("limit", limit).get("/articles")
                    .then().statusCode(400)
                    .contentType(PROBLEM_JSON)
                    .body("status", equalTo(400))
                    .body("instance", equalTo("/articles"))
                    .body("errors[0].field", equalTo("limit"))
                    .body("errors[0].message", containsString("500"));
        }
    }

    @Test
    void aCursorThisApiDidNotIssueIsA400ProblemAlongWithEveryOtherBadParameter() {
        given().queryParam("limit", "many").queryParam("cursor", "bm90IGEgY3Vyc29y").get("/articles")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.field", hasItems("limit", "cursor"));
    }

    @Test
    void anUnknownPathUnderArticlesIsAProblemToo() {
        given().get("/articles/{id}/comments", UUID.randomUUID().toString())
                .then().statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(404));
    }

    private static JsonNode list(String query) throws Exception {
        String body = given().urlEncodingEnabled(false).get("/articles" + query)
                .then().statusCode(200).contentType("application/json")
                .extract().asString();
        return EventCodec.mapper().readTree(body);
    }

    private static List<EnrichedArticle> items(JsonNode page) {
        List<EnrichedArticle> items = new ArrayList<>();
        page.get("items").forEach(item -> items.add(EventCodec.mapper().convertValue(item, EnrichedArticle.class)));
        return items;
    }
}
