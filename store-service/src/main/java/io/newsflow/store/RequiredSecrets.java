package io.newsflow.store;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;
import io.smallrye.config.ConfigMapping;

/**
 * The passwords the service cannot run without, required at start. A mapping is read and checked as the
 * configuration is loaded, before the migrations or any pool connect: in the prod profile, which has no default for
 * either, a missing one stops the start with a message naming the variable to set
 * ({@code SRCFG00011: Could not expand value QUARKUS_DATASOURCE_PASSWORD ...}), instead of a login failure later or,
 * for the datasource, a connection attempt without a password.
 */
@ConfigMapping(prefix = "newsflow.store.secrets")
public interface RequiredSecrets {

    /** The schema owner's password, {@code quarkus.datasource.password}. */
    String databasePassword();

    /** The read-only role's password, {@code newsflow.store.reader-password}. */
    String readerPassword();

    /**
     * Makes the mapping part of the application: Quarkus loads and checks only the mappings that something
     * injects, and checks them while loading the configuration, before any extension starts.
     */
    @Startup
    @ApplicationScoped
    class Check {

        Check(RequiredSecrets secrets) {
            if (secrets.databasePassword().isBlank() || secrets.readerPassword().isBlank()) {
                throw new IllegalStateException("quarkus.datasource.password and newsflow.store.reader-password must "
                        + "not be blank (QUARKUS_DATASOURCE_PASSWORD, NEWSFLOW_STORE_READER_PASSWORD)");
            }
        }
    }
}
