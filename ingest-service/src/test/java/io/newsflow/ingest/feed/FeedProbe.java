package io.newsflow.ingest.feed;

import java.time.Instant;

/** Polls one feed once with a poller built by a test, from outside the feed package, and reports what became of it. */
public final class FeedProbe {

    /** The feed's status after the poll ({@code ok}, {@code error}, {@code refused}, ...) and its article counts. */
    public record Outcome(String status, String error, long published, long refused) {
    }

    private FeedProbe() {
    }

    public static Outcome pollOnce(FeedPoller poller, String url) {
        Feed feed = new Feed(Feed.idOf(url), url, 60, Feed.API, Instant.now());
        FeedPoller.State state = new FeedPoller.State();
        poller.poll(feed, state);
        synchronized (state) {
            return new Outcome(state.status, state.error, state.published, state.refused);
        }
    }
}
