package io.newsflow.ingest.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The configured API keys and what each may do. A key is written {@code KEY} (every scope) or {@code KEY:SCOPE+SCOPE}
 * ({@code push}, {@code feeds}, {@code admin}), keys separated by commas: {@code k1:push,k2:feeds+push,k3}.
 */
final class ApiKeys {

    /** What a request needs of its key. */
    enum Scope {
        /** {@code POST /articles}. */
        PUSH,
        /** {@code /feeds}, {@code /sources}: registering, removing and reading sources. */
        FEEDS,
        /** Anything else, and every scope. */
        ADMIN;

        static Scope of(String path) {
            if (path.equals("/articles") || path.startsWith("/articles/")) {
                return PUSH;
            }
            if (path.equals("/feeds") || path.startsWith("/feeds/") || path.equals("/sources")
                    || path.startsWith("/sources/")) {
                return FEEDS;
            }
            return ADMIN;
        }
    }

    private record Key(byte[] secret, Set<Scope> scopes) {
    }

    private final List<Key> keys;

    private ApiKeys(List<Key> keys) {
        this.keys = keys;
    }

    static ApiKeys parse(List<String> entries) {
        List<Key> keys = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.lastIndexOf(':');
            String secret = colon < 0 ? trimmed : trimmed.substring(0, colon).trim();
            Set<Scope> scopes = colon < 0 ? EnumSet.allOf(Scope.class) : scopes(trimmed.substring(colon + 1));
            if (secret.isEmpty()) {
                throw new IllegalArgumentException("newsflow.ingest.http.api-keys: an entry has scopes but no key");
            }
            keys.add(new Key(secret.getBytes(StandardCharsets.UTF_8), scopes));
        }
        return new ApiKeys(List.copyOf(keys));
    }

    private static Set<Scope> scopes(String text) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : text.split("\\+")) {
            String scope = name.trim().toUpperCase(Locale.ROOT);
            try {
                scopes.add(Scope.valueOf(scope));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("newsflow.ingest.http.api-keys: unknown scope '" + name.trim()
                        + "'; the scopes are push, feeds and admin", e);
            }
        }
        if (scopes.contains(Scope.ADMIN)) {
            return EnumSet.allOf(Scope.class);
        }
        return scopes;
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    /**
     * The scopes of the presented key, or empty when it is none of the keys. Every key is compared in constant time,
     * so response timing does not reveal how much of a guess was right.
     */
    Optional<Set<Scope>> scopesOf(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        byte[] candidate = presented.trim().getBytes(StandardCharsets.UTF_8);
        Set<Scope> found = null;
        for (Key key : keys) {
            if (MessageDigest.isEqual(key.secret(), candidate) && found == null) {
                found = key.scopes();
            }
        }
        return Optional.ofNullable(found);
    }
}
