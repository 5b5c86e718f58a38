-- Cheaper writes of articles and their links, with the same guarantees and the same queries served.

-- --- lz4 for the articles' large values, where the server has it --------------------------------------------------
--
-- A stored article is larger than PostgreSQL's 2 kB TOAST threshold (its `event` repeats the text and adds the
-- entities), so every row is compressed as it is written. pglz, the default, is slow to compress: on PostgreSQL
-- 15 it took 31 ms of a 500-article batch's insert, lz4 18 ms, for compressed events 9 % larger. Most builds have
-- lz4 (the official images, Debian's and Red Hat's packages); a server built without it refuses the setting
-- (SQLSTATE 0A000), and then the columns keep the server's default. Only values written from now on are
-- compressed with it; stored ones keep pglz until rewritten, and both read alike. On a server that gains lz4
-- later, run the ALTER TABLE below by hand.
DO $$
BEGIN
    ALTER TABLE articles
        ALTER COLUMN body SET COMPRESSION lz4,
        ALTER COLUMN summary SET COMPRESSION lz4,
        ALTER COLUMN event SET COMPRESSION lz4,
        ALTER COLUMN search SET COMPRESSION lz4;
EXCEPTION
    WHEN feature_not_supported THEN
        RAISE NOTICE 'This PostgreSQL server is built without lz4: articles keep the default compression (%)',
            current_setting('default_toast_compression');
END
$$;

-- --- Link checks per distinct key ------------------------------------------------------------------------------
--
-- A batch of 500 articles adds 5,000 entity links but names only 500 articles and at most a few thousand
-- entities: looking up each distinct key once instead of each link row (and without the OR of two NOT EXISTS,
-- which the planner cannot turn into anti-joins) makes the checks of V5 several times cheaper. What they refuse
-- is unchanged: a link to a missing article, entity or topic (SQLSTATE 23503), the missing article reported first.

CREATE FUNCTION newsflow_check_linked_articles(link_table text, article_ids uuid[]) RETURNS void
    LANGUAGE plpgsql
AS $$
DECLARE
    missing uuid;
BEGIN
    SELECT l.id INTO missing
    FROM unnest(article_ids) AS l(id)
    WHERE NOT EXISTS (SELECT FROM articles a WHERE a.id = l.id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "%" violates its link to articles', link_table
            USING ERRCODE = 'foreign_key_violation', TABLE = link_table,
                  DETAIL = format('Key (article_id)=(%s) is not present in table "articles".', missing);
    END IF;
END
$$;

COMMENT ON FUNCTION newsflow_check_linked_articles(text, uuid[]) IS
    'Refuses (23503) unless every article id given, the distinct ones of a statement''s new links, is stored.';

CREATE OR REPLACE FUNCTION newsflow_check_article_entities() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    missing bigint;
BEGIN
    PERFORM newsflow_require_read_committed();
    PERFORM newsflow_check_linked_articles('article_entities', ARRAY(SELECT DISTINCT article_id FROM added));
    SELECT l.entity_id INTO missing
    FROM (SELECT DISTINCT entity_id FROM added) l
    WHERE NOT EXISTS (SELECT FROM entities e WHERE e.id = l.entity_id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "article_entities" violates its link to entities'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'article_entities',
                  DETAIL = format('Key (entity_id)=(%s) is not present in table "entities".', missing);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION newsflow_check_article_topics() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    missing text;
BEGIN
    PERFORM newsflow_require_read_committed();
    PERFORM newsflow_check_linked_articles('article_topics', ARRAY(SELECT DISTINCT article_id FROM added));
    SELECT l.topic_code INTO missing
    FROM (SELECT DISTINCT topic_code FROM added) l
    WHERE NOT EXISTS (SELECT FROM topics t WHERE t.code = l.topic_code)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "article_topics" violates its link to topics'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'article_topics',
                  DETAIL = format('Key (topic_code)=(%s) is not present in table "topics".', missing);
    END IF;
    RETURN NULL;
END
$$;

-- --- Link indexes that new links reach at the end of their entity's or topic's range ---------------------------
--
-- article_entities_by_entity and article_topics_by_topic answer "which articles name this entity / carry this
-- topic" from the index alone. Keyed (entity_id, article_id), each new link went to a random place in its entity's
-- range (article ids are hashes), so every batch dirtied thousands of pages spread over the whole index, which
-- soon outgrows the buffer cache: on 200,000 stored articles the links of a batch cost half as much again as on an
-- empty store. Keyed by the entity (topic) alone, with the article id carried along (INCLUDE), the index still
-- answers those queries alone, and new entries of one key follow the older ones (ties are ordered by the row's
-- place in the table, where new rows come last): a batch touches the last page of each entity's range. Measured
-- there: 165 ms of backend CPU per batch of 500 instead of 200. Rebuilding the two indexes takes a while on a
-- large store, once, at the first start after the upgrade.

DROP INDEX article_entities_by_entity;
CREATE INDEX article_entities_by_entity ON article_entities (entity_id) INCLUDE (article_id);

DROP INDEX article_topics_by_topic;
CREATE INDEX article_topics_by_topic ON article_topics (topic_code) INCLUDE (article_id);
