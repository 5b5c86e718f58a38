package io.newsflow.ingest.rest;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service as a production deployment runs it — API keys required, private addresses refused, a small body limit
 * so refusals are cheap to provoke — with its producer pointed at a port nobody listens on, so no acknowledgement can
 * ever come. One profile for all these tests: each profile costs a restart.
 */
public class LockedDown implements QuarkusTestProfile {

    static final String KEY = "k-3f9a-test";
    static final int BODY_LIMIT = 4096;
    /** A key of the push scope only. */
    static final String PUSH_ONLY_KEY = "k-push-only";
    /** Room for three bodies of about the limit at once. */
    static final int BYTES_IN_FLIGHT = 3 * BODY_LIMIT;
    /** A configured feed; refused at every poll here (private address), which is what a test of listing needs. */
    static final String CONFIGURED_FEED = "http://127.0.0.1:9/configured.xml";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("newsflow.ingest.feeds.urls", CONFIGURED_FEED),
                Map.entry("mp.messaging.outgoing.raw-out.bootstrap.servers", "127.0.0.1:1"),
                Map.entry("mp.messaging.outgoing.raw-out.max.block.ms", "3000"),
                Map.entry("mp.messaging.outgoing.raw-out.close-timeout", "1000"),
                Map.entry("newsflow.ingest.publish.ack-timeout", "2s"),
                Map.entry("newsflow.ingest.http.api-keys", "other-key," + KEY + "," + PUSH_ONLY_KEY + ":push"),
                Map.entry("newsflow.ingest.http.open", "false"),
                Map.entry("newsflow.ingest.http.max-body-size", BODY_LIMIT + "B"),
                Map.entry("newsflow.ingest.http.max-bytes-in-flight", BYTES_IN_FLIGHT + "B"),
                Map.entry("newsflow.fetch.allow-private", "false"),
                Map.entry("%test.newsflow.fetch.allow-private", "false"));
    }
}
