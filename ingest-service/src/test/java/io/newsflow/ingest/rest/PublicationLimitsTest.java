package io.newsflow.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.newsflow.devstack.test.DevstackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What the broker's limits do to a request: a batch of any accepted size goes through; a record too large is a 413. */
@QuarkusTest
@QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = "servers", value = "kafka"))
class PublicationLimitsTest {

    @Test
    void aBatchOfFiveThousandArticlesIsAcceptedWithFiveThousandIds() {
        String run = UUID.randomUUID().toString();
        String batch = IntStream.range(0, 5_000)
                .mapToObj(i -> "{\"title\":\"Batch " + run + " article " + i + "\",\"body\":\"Text of article " + i + ".\"}")
                .collect(Collectors.joining(",", "[", "]"));

        List<String> ids = given().contentType(ContentType.JSON).body(batch)
                .when().post("/articles")
                .then().statusCode(202)
                .extract().jsonPath().getList("ids", String.class);

        assertThat(ids).hasSize(5_000).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void anArticleLargerThanTheBrokerTakesIsRefusedAs413NotAsARetryable503() {
        // Within the contract's 1,000,000 characters, but two bytes each in UTF-8: a record over the producer's 1 MiB.
        String body = "é".repeat(999_000);

        given().contentType(ContentType.JSON).body("{\"title\":\"Too large " + UUID.randomUUID() + "\",\"body\":\"" + body + "\"}")
                .when().post("/articles")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", endsWith("/article-too-large"));
    }
}
