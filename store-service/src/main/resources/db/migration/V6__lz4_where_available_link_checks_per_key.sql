-- Cheaper writes of articles and their links, with the same guarantees.

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

CREATE OR REPLACE FUNCTION newsflow_check_article_entities() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    missing_article uuid;
    missing_entity bigint;
BEGIN
    PERFORM newsflow_require_read_committed();
    SELECT l.article_id INTO missing_article
    FROM (SELECT DISTINCT article_id FROM added) l
    WHERE NOT EXISTS (SELECT FROM articles a WHERE a.id = l.article_id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "article_entities" violates its link to articles'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'article_entities',
                  DETAIL = format('Key (article_id)=(%s) is not present in table "articles".', missing_article);
    END IF;
    SELECT l.entity_id INTO missing_entity
    FROM (SELECT DISTINCT entity_id FROM added) l
    WHERE NOT EXISTS (SELECT FROM entities e WHERE e.id = l.entity_id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "article_entities" violates its link to entities'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'article_entities',
                  DETAIL = format('Key (entity_id)=(%s) is not present in table "entities".', missing_entity);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION newsflow_check_article_topics() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    missing_article uuid;
    missing_topic text;
BEGIN
    PERFORM newsflow_require_read_committed();
    SELECT l.article_id INTO missing_article
    FROM (SELECT DISTINCT article_id FROM added) l
    WHERE NOT EXISTS (SELECT FROM articles a WHERE a.id = l.article_id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "article_topics" violates its link to articles'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'article_topics',
                  DETAIL = format('Key (article_id)=(%s) is not present in table "articles".', missing_article);
    END IF;
    SELECT l.topic_code INTO missing_topic
    FROM (SELECT DISTINCT topic_code FROM added) l
    WHERE NOT EXISTS (SELECT FROM topics t WHERE t.code = l.topic_code)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "article_topics" violates its link to topics'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'article_topics',
                  DETAIL = format('Key (topic_code)=(%s) is not present in table "topics".', missing_topic);
    END IF;
    RETURN NULL;
END
$$;
