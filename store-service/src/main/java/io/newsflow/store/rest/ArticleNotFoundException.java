package io.newsflow.store.rest;

import java.util.UUID;

/** No article is stored under the requested id; answered with a 404 problem. */
class ArticleNotFoundException extends RuntimeException {

    ArticleNotFoundException(UUID id) {
        super("No article is stored with id " + id);
    }
}
