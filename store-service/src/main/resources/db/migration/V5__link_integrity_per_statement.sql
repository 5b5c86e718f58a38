-- The links of articles to entities and topics keep the integrity their foreign keys gave them, checked once per
-- statement instead of once per row.
--
-- A foreign key checks every inserted row on its own: for a batch of 500 articles naming 10 entities and tagged with
-- 2 topics that is 12,000 lookups, each also locking the referenced row, which took more than half of the time the
-- batch spent on its links. The triggers below check each statement's new links in one set-based query, and take
-- no row locks: the statements that remove what links point to (deleting or renumbering an article, entity or
-- topic, truncating their tables) instead lock the link tables against writers for the rest of their transaction,
-- check or cascade, and fail as the foreign keys did. Those statements are rare administration; storing articles
-- is the hot path.
--
-- Semantics kept: a link to a missing article, entity or topic is refused (SQLSTATE 23503 foreign_key_violation);
-- deleting an article deletes its links (ON DELETE CASCADE); deleting an entity or topic that some link names is
-- refused, and so is changing the key of a linked article, entity or topic. TRUNCATE of articles, entities or topics
-- empties both link tables (as TRUNCATE ... CASCADE did; without CASCADE it used to be refused).
--
-- Under READ COMMITTED (the isolation store-service and ad-hoc SQL use) each check sees every committed change: an
-- inserter holds ROW EXCLUSIVE on the link table from its INSERT to its commit, which the removers' SHARE ROW
-- EXCLUSIVE waits for, and a remover's lock keeps inserters out until it commits. A snapshot older than the
-- statement (REPEATABLE READ, SERIALIZABLE) could miss such a change, so these checks refuse to run under it.

ALTER TABLE article_entities
    DROP CONSTRAINT article_entities_article_id_fkey,
    DROP CONSTRAINT article_entities_entity_id_fkey;
ALTER TABLE article_topics
    DROP CONSTRAINT article_topics_article_id_fkey,
    DROP CONSTRAINT article_topics_topic_code_fkey;

CREATE FUNCTION newsflow_require_read_committed() RETURNS void
    LANGUAGE plpgsql
AS $$
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'Links of articles are checked under READ COMMITTED only, not %',
            current_setting('transaction_isolation')
            USING ERRCODE = 'feature_not_supported',
                  HINT = 'Run statements that write article_entities or article_topics, or remove articles, '
                         'entities or topics, in a READ COMMITTED transaction.';
    END IF;
END
$$;

COMMENT ON FUNCTION newsflow_require_read_committed() IS
    'Refuses to go on unless the transaction is READ COMMITTED, under which the link checks see every committed '
    'change.';

-- --- Writing links ---------------------------------------------------------------------------------------------

CREATE FUNCTION newsflow_check_article_entities() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    dangling record;
BEGIN
    PERFORM newsflow_require_read_committed();
    SELECT l.article_id, l.entity_id,
           NOT EXISTS (SELECT FROM articles a WHERE a.id = l.article_id) AS no_article
    INTO dangling
    FROM added l
    WHERE NOT EXISTS (SELECT FROM articles a WHERE a.id = l.article_id)
       OR NOT EXISTS (SELECT FROM entities e WHERE e.id = l.entity_id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "article_entities" violates its link to %',
            CASE WHEN dangling.no_article THEN 'articles' ELSE 'entities' END
            USING ERRCODE = 'foreign_key_violation', TABLE = 'article_entities',
                  DETAIL = CASE WHEN dangling.no_article
                               THEN format('Key (article_id)=(%s) is not present in table "articles".',
                                           dangling.article_id)
                               ELSE format('Key (entity_id)=(%s) is not present in table "entities".',
                                           dangling.entity_id)
                           END;
    END IF;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION newsflow_check_article_entities() IS
    'Statement trigger of article_entities: every new or changed link names an existing article and entity.';

CREATE TRIGGER article_entities_inserted_links AFTER INSERT ON article_entities
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION newsflow_check_article_entities();
CREATE TRIGGER article_entities_updated_links AFTER UPDATE ON article_entities
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION newsflow_check_article_entities();

CREATE FUNCTION newsflow_check_article_topics() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    dangling record;
BEGIN
    PERFORM newsflow_require_read_committed();
    SELECT l.article_id, l.topic_code,
           NOT EXISTS (SELECT FROM articles a WHERE a.id = l.article_id) AS no_article
    INTO dangling
    FROM added l
    WHERE NOT EXISTS (SELECT FROM articles a WHERE a.id = l.article_id)
       OR NOT EXISTS (SELECT FROM topics t WHERE t.code = l.topic_code)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "article_topics" violates its link to %',
            CASE WHEN dangling.no_article THEN 'articles' ELSE 'topics' END
            USING ERRCODE = 'foreign_key_violation', TABLE = 'article_topics',
                  DETAIL = CASE WHEN dangling.no_article
                               THEN format('Key (article_id)=(%s) is not present in table "articles".',
                                           dangling.article_id)
                               ELSE format('Key (topic_code)=(%s) is not present in table "topics".',
                                           dangling.topic_code)
                           END;
    END IF;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION newsflow_check_article_topics() IS
    'Statement trigger of article_topics: every new or changed link names an existing article and topic.';

CREATE TRIGGER article_topics_inserted_links AFTER INSERT ON article_topics
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION newsflow_check_article_topics();
CREATE TRIGGER article_topics_updated_links AFTER UPDATE ON article_topics
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION newsflow_check_article_topics();

-- --- Removing what links point to ------------------------------------------------------------------------------

CREATE FUNCTION newsflow_cascade_deleted_articles() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM newsflow_require_read_committed();
    LOCK TABLE article_entities, article_topics IN SHARE ROW EXCLUSIVE MODE;
    DELETE FROM article_entities WHERE article_id IN (SELECT id FROM removed);
    DELETE FROM article_topics WHERE article_id IN (SELECT id FROM removed);
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION newsflow_cascade_deleted_articles() IS
    'Statement trigger of articles: deleting articles deletes their entity and topic links.';

CREATE TRIGGER articles_deleted_cascade AFTER DELETE ON articles
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION newsflow_cascade_deleted_articles();

CREATE FUNCTION newsflow_restrict_deleted_entities() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    linked bigint;
BEGIN
    PERFORM newsflow_require_read_committed();
    LOCK TABLE article_entities IN SHARE ROW EXCLUSIVE MODE;
    SELECT r.id INTO linked FROM removed r
    WHERE EXISTS (SELECT FROM article_entities l WHERE l.entity_id = r.id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'delete on table "entities" violates the links of table "article_entities"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'entities',
                  DETAIL = format('Key (id)=(%s) is still referenced from table "article_entities".', linked);
    END IF;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION newsflow_restrict_deleted_entities() IS
    'Statement trigger of entities: an entity some article links to cannot be deleted.';

CREATE TRIGGER entities_deleted_restrict AFTER DELETE ON entities
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION newsflow_restrict_deleted_entities();

CREATE FUNCTION newsflow_restrict_deleted_topics() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    linked text;
BEGIN
    PERFORM newsflow_require_read_committed();
    LOCK TABLE article_topics IN SHARE ROW EXCLUSIVE MODE;
    SELECT r.code INTO linked FROM removed r
    WHERE EXISTS (SELECT FROM article_topics l WHERE l.topic_code = r.code)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'delete on table "topics" violates the links of table "article_topics"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'topics',
                  DETAIL = format('Key (code)=(%s) is still referenced from table "article_topics".', linked);
    END IF;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION newsflow_restrict_deleted_topics() IS
    'Statement trigger of topics: a topic some article is tagged with cannot be deleted.';

CREATE TRIGGER topics_deleted_restrict AFTER DELETE ON topics
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION newsflow_restrict_deleted_topics();

-- A changed key would leave its links behind. Row triggers: UPDATE OF names the key column, so the upserts of
-- store-service, which never set it, do not fire them.
CREATE FUNCTION newsflow_restrict_linked_key_change() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    still_linked boolean;
BEGIN
    PERFORM newsflow_require_read_committed();
    IF TG_TABLE_NAME = 'articles' THEN
        LOCK TABLE article_entities, article_topics IN SHARE ROW EXCLUSIVE MODE;
        still_linked := EXISTS (SELECT FROM article_entities WHERE article_id = OLD.id)
                     OR EXISTS (SELECT FROM article_topics WHERE article_id = OLD.id);
    ELSIF TG_TABLE_NAME = 'entities' THEN
        LOCK TABLE article_entities IN SHARE ROW EXCLUSIVE MODE;
        still_linked := EXISTS (SELECT FROM article_entities WHERE entity_id = OLD.id);
    ELSE
        LOCK TABLE article_topics IN SHARE ROW EXCLUSIVE MODE;
        still_linked := EXISTS (SELECT FROM article_topics WHERE topic_code = OLD.code);
    END IF;
    IF still_linked THEN
        RAISE EXCEPTION 'update on table "%" changes a key that links still name', TG_TABLE_NAME
            USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
    END IF;
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION newsflow_restrict_linked_key_change() IS
    'Row trigger of articles, entities and topics: the key of a row some link names cannot change.';

CREATE TRIGGER articles_key_change_restrict BEFORE UPDATE OF id ON articles
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION newsflow_restrict_linked_key_change();
CREATE TRIGGER entities_key_change_restrict BEFORE UPDATE OF id ON entities
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION newsflow_restrict_linked_key_change();
CREATE TRIGGER topics_key_change_restrict BEFORE UPDATE OF code ON topics
    FOR EACH ROW WHEN (OLD.code IS DISTINCT FROM NEW.code) EXECUTE FUNCTION newsflow_restrict_linked_key_change();

CREATE FUNCTION newsflow_truncate_links() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    TRUNCATE article_entities, article_topics;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION newsflow_truncate_links() IS
    'Truncating articles, entities or topics truncates the link tables, which would otherwise name rows that are gone.';

CREATE TRIGGER articles_truncated_cascade AFTER TRUNCATE ON articles
    FOR EACH STATEMENT EXECUTE FUNCTION newsflow_truncate_links();
CREATE TRIGGER entities_truncated_cascade AFTER TRUNCATE ON entities
    FOR EACH STATEMENT EXECUTE FUNCTION newsflow_truncate_links();
CREATE TRIGGER topics_truncated_cascade AFTER TRUNCATE ON topics
    FOR EACH STATEMENT EXECUTE FUNCTION newsflow_truncate_links();

COMMENT ON COLUMN article_entities.article_id IS
    'articles.id (checked per statement by trigger article_entities_inserted_links; '
    'deleting the article deletes the link).';
COMMENT ON COLUMN article_entities.entity_id IS
    'entities.id (checked per statement by trigger article_entities_inserted_links; '
    'a linked entity cannot be deleted).';
COMMENT ON COLUMN article_topics.article_id IS
    'articles.id (checked per statement by trigger article_topics_inserted_links; '
    'deleting the article deletes the link).';
COMMENT ON COLUMN article_topics.topic_code IS
    'topics.code (checked per statement by trigger article_topics_inserted_links; '
    'a linked topic cannot be deleted).';
