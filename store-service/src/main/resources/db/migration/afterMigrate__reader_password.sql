-- The password of newsflow_reader, set after every migration run, that is at every start, from
-- newsflow.store.reader-password (the Flyway placeholder readerPassword): changing the setting and restarting
-- rotates it. A Flyway callback (afterMigrate), not a migration: it is not recorded, and runs even when no migration
-- is pending. V4 creates the role.
--
-- It also corrects V4's: there the placeholder follows the dollar quote's closing '$' ($password$${...}), which
-- Flyway reads as an escaped placeholder, so V4 gave the role the literal text of the placeholder as its password.
-- Here the placeholder follows a letter that substr drops. Without CREATEROLE the password is left as it is, with
-- a warning, as in V4.

DO $migration$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'newsflow_reader')
            AND (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
        BEGIN
            EXECUTE format('ALTER ROLE newsflow_reader PASSWORD %L', substr($secret$x${readerPassword}$secret$, 2));
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE WARNING 'Password of role newsflow_reader left as it was: % may not alter it', current_user;
        END;
    ELSIF EXISTS (SELECT FROM pg_roles WHERE rolname = 'newsflow_reader') THEN
        RAISE WARNING 'Password of role newsflow_reader left as it was: % may not alter roles (CREATEROLE)',
            current_user;
    END IF;
END
$migration$;
