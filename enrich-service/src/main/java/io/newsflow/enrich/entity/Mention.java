package io.newsflow.enrich.entity;

import io.newsflow.events.EntityType;

/**
 * One occurrence of a name in the analysed text, as an engine found it.
 *
 * @param text  the name as written, {@code text.substring(begin, end)} of the analysed text
 * @param begin offset of its first character
 * @param end   offset after its last character
 */
record Mention(String text, int begin, int end, EntityType type) {
}
