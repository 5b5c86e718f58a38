package io.newsflow.store.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.newsflow.store.persistence.PagePosition;

class CursorTest {

    @Test
    void aCursorLeadsBackToThePositionItWasMadeFrom() {
        PagePosition position = new PagePosition(-42, UUID.randomUUID(), 1_234_567_890_123L);

        String cursor = Cursor.encode(position);

        assertThat(Cursor.decode(cursor)).isEqualTo(position);
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void aPositionLeadsBackToItsHorizon() {
        assertThat(Cursor.decodePosition(Cursor.encodePosition(987_654L))).isEqualTo(987_654L);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "not a cursor", "!!!", "MjAyNC0wNS0wMVQxMDoxNTozMFo" })
    void somethingElseIsNotACursor(String cursor) {
        assertThatThrownBy(() -> Cursor.decode(cursor)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cursor.decodePosition(cursor)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCursorWithABrokenPartIsRejected() {
        assertThatThrownBy(() -> Cursor.decode(encode("yesterday|" + UUID.randomUUID() + "|5")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cursor.decode(encode("12|1-2-3-4-5|5")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cursor.decode(encode("2024-05-01T10:15:30Z|" + UUID.randomUUID())))
                .as("a cursor of the listing by stored_at").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cursor.decodePosition(encode("p|soon")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cursor.decodePosition(Cursor.encode(new PagePosition(1, UUID.randomUUID(), 2))))
                .as("a cursor is not a position").isInstanceOf(IllegalArgumentException.class);
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
