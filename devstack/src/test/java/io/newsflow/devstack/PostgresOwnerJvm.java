package io.newsflow.devstack;

import java.nio.file.Path;

/** Runs in a JVM of its own so that tests can kill it: starts PostgreSQL, says where, and waits to be killed. */
public final class PostgresOwnerJvm {

    private PostgresOwnerJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().forTests();
        if (args.length > 0) {
            builder.dataDirectory(Path.of(args[0]));
        }
        EmbeddedPostgres postgres = builder.start();
        System.out.println("READY " + postgres.dataDirectory());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
