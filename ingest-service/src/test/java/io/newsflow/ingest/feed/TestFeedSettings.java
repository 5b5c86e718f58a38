package io.newsflow.ingest.feed;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Feed settings built by hand for tests that run sources without Quarkus. */
public record TestFeedSettings(String topic, String stateTopic, String deadLetterTopic, String group,
        Optional<List<String>> urls, Duration defaultInterval, Duration minInterval, Duration maxInterval,
        Duration maxBackoff, int maxItemsPerPoll, Duration retryDelay, int maxPageAttempts, int maxSitemapsPerIndex)
        implements FeedSettings {

    public static TestFeedSettings defaults(int maxItemsPerPoll) {
        return topics("newsflow.feeds.v1", "newsflow.feeds.state.v1", "newsflow.feeds.dlq.v1", "ingest-service-sources",
                maxItemsPerPoll);
    }

    public static TestFeedSettings topics(String topic, String stateTopic, String deadLetterTopic, String group,
            int maxItemsPerPoll) {
        return new TestFeedSettings(topic, stateTopic, deadLetterTopic, group, Optional.empty(), Duration.ofMinutes(15),
                Duration.ofSeconds(1), Duration.ofDays(1), Duration.ofHours(6), maxItemsPerPoll, Duration.ofSeconds(1), 3, 20);
    }
}
