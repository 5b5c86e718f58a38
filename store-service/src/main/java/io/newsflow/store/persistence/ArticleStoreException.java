package io.newsflow.store.persistence;

import java.sql.SQLException;

/**
 * A database operation on articles failed. Unchecked so that {@code @Transactional} rolls back; the SQLException
 * stays the cause, for {@link DatabaseFailures} to tell a database outage from data the database refuses.
 */
public class ArticleStoreException extends RuntimeException {

    public ArticleStoreException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
