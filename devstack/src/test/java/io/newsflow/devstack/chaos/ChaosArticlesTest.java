package io.newsflow.devstack.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;

import io.newsflow.events.EventCodec;

class ChaosArticlesTest {

    private final ChaosArticles articles = new ChaosArticles(3, EventCodec.mapper());

    @Test
    void anArticleIsTheSameEveryTimeItIsMade() {
        assertThat(articles.article(17)).isEqualTo(new ChaosArticles(3, EventCodec.mapper()).article(17));
        assertThat(articles.article(17).path("canonicalUrl").asText()).isEqualTo("https://chaos.newsflow.test/3/17");
    }

    @Test
    void aBatchHoldsDistinctArticlesFromTheChaosSource() {
        ArrayNode batch = articles.batch(10, 60);

        assertThat(batch).hasSize(50);
        assertThat(batch.findValuesAsText("canonicalUrl")).doesNotHaveDuplicates();
        assertThat(batch.findValuesAsText("title")).doesNotHaveDuplicates();
        batch.forEach(a -> assertThat(a.path("source").path("name").asText()).isEqualTo(ChaosArticles.SOURCE_NAME));
    }
}
