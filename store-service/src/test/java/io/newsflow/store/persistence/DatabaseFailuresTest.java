package io.newsflow.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.transaction.RollbackException;

import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    @Test
    void aRefusedConnectionIsTransient() {
        SQLException refused = new SQLException("Connection to localhost:5432 refused", "08001");

        assertThat(DatabaseFailures.isTransient(new ArticleStoreException("Could not store", refused))).isTrue();
    }

    @Test
    void aPoolTimeoutWithoutSqlStateIsTransient() {
        assertThat(DatabaseFailures.isTransient(new SQLTransientConnectionException("acquisition timeout"))).isTrue();
        assertThat(DatabaseFailures.isTransient(new SQLException("acquisition timeout"))).isTrue();
    }

    @Test
    void aServerShuttingDownIsTransient() {
        assertThat(DatabaseFailures.isTransient(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(DatabaseFailures.isTransient(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
    }

    @Test
    void aMissingTableIsTheDatabasesProblemNotTheRecords() {
        assertThat(DatabaseFailures.isTransient(new SQLException("relation \"articles\" does not exist", "42P01")))
                .isTrue();
    }

    @Test
    void aFailedCommitIsTransient() {
        RuntimeException wrapped = new RuntimeException(new RollbackException("commit failed"));

        assertThat(DatabaseFailures.isTransient(wrapped)).isTrue();
    }

    @Test
    void dataTheDatabaseRefusesIsNotTransient() {
        SQLException nul = new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
        SQLException check = new SQLException("violates check constraint", "23514");
        SQLException tooBig = new SQLException("index row size exceeds maximum", "54000");

        assertThat(DatabaseFailures.isTransient(new ArticleStoreException("Could not store", nul))).isFalse();
        assertThat(DatabaseFailures.isTransient(check)).isFalse();
        assertThat(DatabaseFailures.isTransient(tooBig)).isFalse();
    }

    @Test
    void theChainedReasonOfABatchFailureCounts() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", "", new int[0]);
        batch.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));

        assertThat(DatabaseFailures.isTransient(batch)).isFalse();
    }

    @Test
    void aFailureThatIsNotTheDatabasesIsNotTransient() {
        assertThat(DatabaseFailures.isTransient(new IllegalArgumentException("Invalid UUID string"))).isFalse();
    }
}
