package io.newsflow.store.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.newsflow.store.persistence.PagePosition;

class CursorTest {

    @Test
    void aCursorLeadsBackToThePositionItWasMadeFrom() {
        PagePosition position = new PagePosition(Instant.parse("2024-05-01T10:15:30.123456Z"), UUID.randomUUID());

        String cursor = Cursor.encode(position);

        assertThat(Cursor.decode(cursor)).isEqualTo(position);
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "not a cursor", "!!!", "MjAyNC0wNS0wMVQxMDoxNTozMFo" })
    void somethingElseIsNotACursor(String cursor) {
        assertThatThrownBy(() -> Cursor.decode(cursor)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCursorWithABrokenPartIsRejected() {
        assertThatThrownBy(() -> Cursor.decode(encode("yesterday|" + UUID.randomUUID())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cursor.decode(encode("2024-05-01T10:15:30Z|1-2-3-4-5")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
