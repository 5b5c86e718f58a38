package io.newsflow.store.persistence;

import java.sql.SQLException;
import java.util.Set;

import javax.transaction.xa.XAException;

/**
 * Tells the two kinds of failure of a write apart: the database refusing the record's data, which no retry will
 * change, and the database (or the way to it) failing, which passes.
 */
public final class DatabaseFailures {

    /**
     * SQLSTATE classes that blame the data: 22 data exception (e.g. a NUL character in text), 23 integrity constraint
     * violation, 54 program limit exceeded (e.g. a value too large to index). Every other SQLSTATE — connection
     * failures (08), shutdown or restart (57), resources (53), serialization failures and deadlocks (40), and even a
     * missing table (42) — is about the database, not the record, and is retried.
     */
    private static final Set<String> DATA_REFUSED_CLASSES = Set.of("22", "23", "54");

    private DatabaseFailures() {
    }

    /**
     * True when {@code failure} comes from the database or the connection to it rather than from the record: an
     * {@link SQLException} outside the data classes (including one without SQLSTATE, such as a pool acquisition
     * timeout), or a transaction-manager failure. False for the database refusing the data, and for anything that
     * is not a database failure at all.
     */
    public static boolean isTransient(Throwable failure) {
        SQLException sql = find(failure, SQLException.class);
        if (sql != null) {
            return !refusesData(sql);
        }
        return find(failure, XAException.class) != null || fromTransactionManager(failure);
    }

    /** What the database said, for a log line or a dead-letter reason: the first SQLException's message. */
    public static String describe(Throwable failure) {
        SQLException sql = find(failure, SQLException.class);
        return sql != null ? sql.getMessage() : String.valueOf(failure.getMessage());
    }

    private static boolean refusesData(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            String state = next.getSQLState();
            if (state != null && state.length() >= 2 && DATA_REFUSED_CLASSES.contains(state.substring(0, 2))) {
                return true;
            }
        }
        return false;
    }

    private static boolean fromTransactionManager(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getClass().getName().startsWith("jakarta.transaction.")) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
