package io.newsflow.enrich.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newsflow.enrich.ProfileKafka;
import io.newsflow.events.EventCodec;
import io.newsflow.events.GoldenEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** {@code POST /engines/benchmark} switched on, over HTTP, with the service's real engines. */
@QuarkusTest
@TestProfile(EngineBenchmarkResourceTest.EndpointOn.class)
@QuarkusTestResource(value = ProfileKafka.class, restrictToAnnotatedClass = true)
class EngineBenchmarkResourceTest {

    public static class EndpointOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("newsflow.enrich.benchmark-endpoint.enabled", "true");
        }
    }

    @Test
    void theArticlesAreEnrichedOnTheRequestedThreadsAndTheRateIsReported() throws Exception {
        ArrayNode body = EventCodec.mapper().createArrayNode();
        for (int i = 0; i < 4; i++) {
            body.add(EventCodec.mapper().readTree(GoldenEvents.rawArticleJson()));
        }

        JsonPath result = given()
                .contentType("application/json")
                .body(body.toString())
                .queryParam("threads", 2)
                .when().post("/engines/benchmark")
                .then().statusCode(200)
                .contentType("application/json")
                .body("articles", equalTo(4))
                .body("threads", equalTo(2))
                .body("mode", equalTo("full"))
                .extract().jsonPath();

        double seconds = result.getDouble("seconds");
        assertThat(seconds).isPositive();
        assertThat(result.getDouble("articlesPerSec")).isCloseTo(4 / seconds, Percentage.withPercentage(1));
    }

    @Test
    void withoutThreadsEveryAvailableProcessorIsUsed() throws Exception {
        given()
                .contentType("application/json")
                .body("[" + new String(GoldenEvents.rawArticleJson(), StandardCharsets.UTF_8) + "]")
                .when().post("/engines/benchmark")
                .then().statusCode(200)
                .body("articles", equalTo(1))
                .body("threads", equalTo(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void anArticleThatIsNotARawArticleIsRefusedNamingItsIndex() throws Exception {
        JsonNode golden = EventCodec.mapper().readTree(GoldenEvents.rawArticleJson());
        ObjectNode broken = golden.deepCopy();
        broken.put("contentHash", "md5:0");

        given()
                .contentType("application/json")
                .body(EventCodec.mapper().createArrayNode().add(golden).add(broken).toString())
                .when().post("/engines/benchmark")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("errors", hasSize(1))
                .body("errors[0].item", equalTo(1))
                .body("errors[0].message", containsString("contentHash"));
    }

    @Test
    void malformedJsonAndABadThreadCountAreRefusedAsProblems() {
        given()
                .contentType("application/json")
                .body("[{\"id\": ")
                .queryParam("threads", "0")
                .when().post("/engines/benchmark")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", equalTo(Arrays.asList("threads", null)))
                .body("errors[1].message", containsString("not JSON"));

        for (String notAList : List.of("{}", "[]", "")) {
            given()
                    .contentType("application/json")
                    .body(notAList)
                    .when().post("/engines/benchmark")
                    .then().statusCode(400)
                    .contentType(Problem.MEDIA_TYPE)
                    .body("errors[0].message", containsString("JSON array"));
        }
    }
}
