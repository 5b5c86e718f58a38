package io.newsflow.devstack.test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** A server a test can ask for, as named in the {@code servers} argument of {@link DevstackResource}. */
enum ServerKind {
    KAFKA,
    POSTGRES;

    String argName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code "kafka"}, {@code "kafka,postgres"}, ... (order, case and blanks do not matter). */
    static Set<ServerKind> parse(String list) {
        Set<ServerKind> kinds = EnumSet.noneOf(ServerKind.class);
        for (String item : list.split(",")) {
            String name = item.trim();
            if (name.isEmpty()) {
                continue;
            }
            kinds.add(Arrays.stream(values()).filter(kind -> kind.argName().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Unknown server '" + name + "' in '" + list
                            + "'; known: " + format(EnumSet.allOf(ServerKind.class)))));
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("No server named in '" + list + "'");
        }
        return kinds;
    }

    static String format(Set<ServerKind> kinds) {
        return kinds.stream().map(ServerKind::argName).collect(Collectors.joining(","));
    }
}
