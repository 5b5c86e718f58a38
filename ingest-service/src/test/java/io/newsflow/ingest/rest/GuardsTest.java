package io.newsflow.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.RestAssured;

@QuarkusTest
@TestProfile(LockedDown.class)
class GuardsTest {

    @Test
    void withoutAnApiKeyEveryEndpointAnswers401() {
        for (String path : List.of("/articles", "/feeds")) {
            given().contentType(ContentType.JSON).body("{\"title\": \"t\"}")
                    .when().post(path)
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("status", is(401))
                    .body("type", endsWith("/unauthorized"))
                    .body("instance", is(path));
        }
        given().when().get("/feeds").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aWrongApiKeyIsRefused() {
        given().contentType(ContentType.JSON).header("X-API-Key", LockedDown.KEY + "x").body("{\"title\": \"t\"}")
                .when().post("/articles")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void anyConfiguredKeyOpensTheService() {
        given().header("X-API-Key", "other-key").when().get("/feeds").then().statusCode(200);
        given().header("X-API-Key", LockedDown.KEY).when().get("/feeds").then().statusCode(200);
    }

    @Test
    void bodiesBeyondTheBytesInFlightAreRefusedWith503AndRetryAfterUntilTheOthersEnd() throws Exception {
        // Three clients declare bodies of nearly the limit and send them slowly (here: not at all): their bytes are
        // reserved from the headers on, until their requests end.
        int declared = LockedDown.BODY_LIMIT - 100;
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket socket = new Socket("127.0.0.1", RestAssured.port);
                socket.getOutputStream().write(("POST /articles HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                        + LockedDown.KEY + "\r\nContent-Type: application/json\r\nContent-Length: " + declared
                        + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            Thread.sleep(500);

            // A fourth as large does not fit in the room left.
            given().contentType(ContentType.JSON).header("X-API-Key", LockedDown.KEY)
                    .body("{\"title\": \"" + "x".repeat(LockedDown.BODY_LIMIT / 2) + "\"}")
                    .when().post("/articles")
                    .then().statusCode(503)
                    .header("Retry-After", "1")
                    .contentType("application/problem+json")
                    .body("type", endsWith("/overloaded"))
                    .body("detail", containsString("newsflow.ingest.http.max-bytes-in-flight"));
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        // Their connections closed, their bytes are free again.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().contentType(ContentType.JSON)
                .header("X-API-Key", LockedDown.KEY).body("{\"title\": \"t\"}")
                .when().post("/articles")
                .then().body("type", not(endsWith("/overloaded"))));
    }

    @Test
    void aKeyWithoutTheScopeARequestNeedsIsRefusedWith403NamingTheScope() {
        given().header("X-API-Key", LockedDown.PUSH_ONLY_KEY).when().get("/feeds")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", endsWith("/forbidden"))
                .body("detail", containsString("feeds scope"));
        given().contentType(ContentType.JSON).header("X-API-Key", LockedDown.PUSH_ONLY_KEY).body("{\"title\": \"t\"}")
                .when().post("/articles")
                .then().body("type", not(endsWith("/forbidden")));
    }

    @Test
    void healthProbesNeedNoKey() {
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIsRefusedWith413() {
        given().contentType(ContentType.JSON).header("X-API-Key", LockedDown.KEY)
                .body("{\"title\": \"" + "x".repeat(LockedDown.BODY_LIMIT) + "\"}")
                .when().post("/articles")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", is(413))
                .body("type", endsWith("/payload-too-large"));
    }

    @Test
    void aCompressedBodyIsLimitedAfterDecompression() throws Exception {
        String inflated = "[" + " ".repeat(LockedDown.BODY_LIMIT * 50) + "]";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(inflated.getBytes());
        }

        given().contentType(ContentType.JSON).header("X-API-Key", LockedDown.KEY).header("Content-Encoding", "gzip")
                .body(bytes.toByteArray())
                .when().post("/articles")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", endsWith("/payload-too-large"));
    }

    @Test
    void aFeedOnALoopbackOrMetadataAddressCannotBeRegistered() {
        for (String url : List.of("http://127.0.0.1:8081/feed.xml", "http://[::1]/feed.xml", "http://169.254.169.254/latest/meta-data/",
                "http://[::ffff:10.0.0.1]/rss", "http://0.0.0.0/rss", "http://2130706433/rss")) {
            given().contentType(ContentType.JSON).header("X-API-Key", LockedDown.KEY)
                    .body(Map.of("url", url, "intervalSeconds", 600))
                    .when().post("/feeds")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/invalid-feed"))
                    .body("errors[0].field", is("url"))
                    .body("errors[0].message", containsString("allow-private"));
        }
    }

    @Test
    void aConfiguredFeedIsListedAndCannotBeDeletedOverHttp() {
        String id = given().header("X-API-Key", LockedDown.KEY).when().get("/feeds")
                .then().statusCode(200)
                .body("find { it.url == '" + LockedDown.CONFIGURED_FEED + "' }.origin", is("config"))
                .extract().jsonPath().getString("find { it.url == '" + LockedDown.CONFIGURED_FEED + "' }.id");

        given().header("X-API-Key", LockedDown.KEY).when().delete("/feeds/" + id)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/feed-from-configuration"));
    }
}
