package io.newsflow.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@TestProfile(LockedDown.class)
class KafkaUnreachableTest {

    @Test
    void anArticleKafkaDoesNotAcknowledgeIsNotReportedAccepted() {
        given().contentType(ContentType.JSON).header("X-API-Key", LockedDown.KEY).body("{\"title\": \"Nobody will hear this\"}")
                .when().post("/articles")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("status", is(503))
                .body("type", endsWith("/kafka-unavailable"))
                .body("ids", nullValue());
    }
}
