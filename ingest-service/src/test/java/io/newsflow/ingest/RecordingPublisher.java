package io.newsflow.ingest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.newsflow.events.RawArticle;
import io.newsflow.ingest.messaging.PublishException;
import io.newsflow.ingest.messaging.RawArticlePublisher;
import io.smallrye.mutiny.Uni;

/** For unit tests of one source: records what would be sent to Kafka, or fails like an unreachable broker. */
public final class RecordingPublisher extends RawArticlePublisher {

    public final List<RawArticle> published = new CopyOnWriteArrayList<>();
    public volatile boolean failing;

    public RecordingPublisher() {
        super(null, Duration.ofSeconds(1));
    }

    @Override
    public Uni<Void> publish(RawArticle article) {
        if (failing) {
            return Uni.createFrom().failure(new PublishException("Kafka did not acknowledge article " + article.id(), null));
        }
        published.add(article);
        return Uni.createFrom().voidItem();
    }
}
