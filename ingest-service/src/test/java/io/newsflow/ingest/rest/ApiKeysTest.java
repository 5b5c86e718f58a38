package io.newsflow.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.ingest.metrics.IngestMetrics;
import io.newsflow.ingest.rest.ApiKeys.Scope;
import io.quarkus.runtime.configuration.MemorySize;

class ApiKeysTest {

    @Test
    void aKeyWithoutScopesMayDoEverythingAndScopedKeysOnlyTheirs() {
        ApiKeys keys = ApiKeys.parse(List.of("all-of-it", " pusher:push ", "curator:feeds+push", "root:admin"));

        assertThat(keys.scopesOf("all-of-it")).contains(EnumSet.allOf(Scope.class));
        assertThat(keys.scopesOf("pusher")).contains(EnumSet.of(Scope.PUSH));
        assertThat(keys.scopesOf("curator")).contains(EnumSet.of(Scope.FEEDS, Scope.PUSH));
        assertThat(keys.scopesOf("root")).contains(EnumSet.allOf(Scope.class));
        assertThat(keys.scopesOf("pusher:push")).as("the scope is not part of the key").isEmpty();
        assertThat(keys.scopesOf(null)).isEmpty();
    }

    @Test
    void eachPathNeedsItsScope() {
        assertThat(Scope.of("/articles")).isEqualTo(Scope.PUSH);
        assertThat(Scope.of("/feeds/abc")).isEqualTo(Scope.FEEDS);
        assertThat(Scope.of("/sources/directory")).isEqualTo(Scope.FEEDS);
        assertThat(Scope.of("/articlesx")).isEqualTo(Scope.ADMIN);
    }

    @Test
    void anUnknownScopeIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> ApiKeys.parse(List.of("k:pusch")))
                .hasMessageContaining("'pusch'").hasMessageContaining("push, feeds and admin");
    }

    @Test
    void withoutKeysTheServiceRefusesToStartUnlessOpenIsSaid() {
        assertThatThrownBy(() -> guard(Optional.empty(), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NEWSFLOW_INGEST_HTTP_API_KEYS").hasMessageContaining("NEWSFLOW_INGEST_HTTP_OPEN");
        assertThat(guard(Optional.empty(), true)).isNotNull();
        assertThat(guard(Optional.of(List.of("k")), false)).isNotNull();
    }

    private static RequestGuard guard(Optional<List<String>> keys, boolean open) {
        return new RequestGuard(new ObjectMapper(), new IngestMetrics(new SimpleMeterRegistry()), keys, open,
                new MemorySize(BigInteger.valueOf(1024)), new MemorySize(BigInteger.valueOf(4096)));
    }
}
