package io.newsflow.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@TestProfile(KafkaUnreachableTest.NoBroker.class)
class KafkaUnreachableTest {

    /** Points the producer at a port nobody listens on, so no acknowledgement can ever come. */
    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.outgoing.raw-out.bootstrap.servers", "127.0.0.1:1",
                    "mp.messaging.outgoing.raw-out.max.block.ms", "3000",
                    "mp.messaging.outgoing.raw-out.close-timeout", "1000",
                    "newsflow.ingest.publish.ack-timeout", "2s");
        }
    }

    @Test
    void anArticleKafkaDoesNotAcknowledgeIsNotReportedAccepted() {
        given().contentType(ContentType.JSON).body("{\"title\": \"Nobody will hear this\"}")
                .when().post("/articles")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("status", is(503))
                .body("type", endsWith("/kafka-unavailable"))
                .body("ids", nullValue());
    }
}
