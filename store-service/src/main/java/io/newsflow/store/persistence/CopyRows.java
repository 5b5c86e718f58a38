package io.newsflow.store.persistence;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Rows in PostgreSQL's COPY text format, tab-separated fields and one row per line, which {@code COPY ... FROM
 * STDIN} reads without a JSON parser in between: for thousands of link rows a batch, this is cheaper for the
 * server than unpacking the same rows from a JSON parameter.
 * <p>
 * Text is escaped as the format requires: backslash, tab, newline and carriage return; {@code \N} is null. A NUL
 * character cannot be sent at all: the server refuses it as an invalid byte sequence (SQLSTATE 22021), a data
 * exception, as it refuses it in any other parameter.
 */
final class CopyRows {

    private final StringBuilder text = new StringBuilder(1 << 16);
    private boolean rowStarted;
    private int rows;

    CopyRows text(String value) {
        separate();
        if (value == null) {
            text.append("\\N");
        } else {
            escape(value);
        }
        return this;
    }

    CopyRows number(long value) {
        separate();
        text.append(value);
        return this;
    }

    CopyRows number(double value) {
        separate();
        text.append(value);
        return this;
    }

    /**
     * A {@code text[]} value: an array literal whose elements are all quoted, so that no element reads as NULL or
     * loses its spaces, braces or commas.
     */
    CopyRows textArray(Collection<String> values) {
        separate();
        StringBuilder literal = new StringBuilder(16 * values.size() + 2).append('{');
        for (String value : values) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
        escape(literal.append('}'));
        return this;
    }

    CopyRows endRow() {
        text.append('\n');
        rowStarted = false;
        rows++;
        return this;
    }

    int rows() {
        return rows;
    }

    byte[] bytes() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void separate() {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
    }

    private void escape(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
