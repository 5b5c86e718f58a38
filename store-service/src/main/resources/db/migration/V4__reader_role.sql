-- newsflow_reader: the login of dashboards and other readers. SELECT on every table and view of this schema, now
-- and in later migrations, and nothing else. Its password is the Flyway placeholder readerPassword
-- (newsflow.store.reader-password).
--
-- A role belongs to the server, not to the database: a second newsflow database on the same server finds the role
-- already there, keeps it and sets its password again. Creating or altering the role needs CREATEROLE; without it
-- the migration still grants SELECT to a role that already exists, and otherwise warns and leaves the role to an
-- administrator (see the README), so that the service is never kept from starting by its readers' account.

DO $migration$
DECLARE
    may_manage_roles boolean := (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user);
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'newsflow_reader') THEN
        IF may_manage_roles THEN
            CREATE ROLE newsflow_reader LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT
                PASSWORD $password$${readerPassword}$password$;
        ELSE
            RAISE WARNING 'Role newsflow_reader not created: % may not create roles (CREATEROLE)', current_user;
        END IF;
    ELSIF may_manage_roles THEN
        BEGIN
            ALTER ROLE newsflow_reader LOGIN PASSWORD $password$${readerPassword}$password$;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE WARNING 'Password of role newsflow_reader left as it was: % may not alter it', current_user;
        END;
    END IF;

    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'newsflow_reader') THEN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO newsflow_reader', current_database());
        GRANT USAGE ON SCHEMA public TO newsflow_reader;
        GRANT SELECT ON ALL TABLES IN SCHEMA public TO newsflow_reader;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO newsflow_reader;
    END IF;
END
$migration$;
