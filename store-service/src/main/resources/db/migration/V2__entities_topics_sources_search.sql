-- Entities, topics and sources as tables of their own, linked to articles; full-text search in each article's
-- language. Rows stored before this migration are carried over from the `event` column they kept.

-- --- Sources --------------------------------------------------------------------------------------------------

CREATE TABLE sources (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type          text        NOT NULL,
    name          text        NOT NULL,
    feed_url      text,
    first_seen_at timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT sources_type_known CHECK (type IN ('http', 'feed', 'file')),
    CONSTRAINT sources_name_not_empty CHECK (name <> '')
);

-- Two feeds may share a title; their URL tells them apart. Writers upsert on exactly this expression.
CREATE UNIQUE INDEX sources_identity ON sources (type, name, (coalesce(feed_url, '')));

COMMENT ON TABLE sources IS 'Where articles come from: one row per (type, name, feed_url) seen in an article.';
COMMENT ON COLUMN sources.id IS 'Surrogate key, referenced by articles.source_id.';
COMMENT ON COLUMN sources.type IS 'How articles reach newsflow from this source: http, feed or file.';
COMMENT ON COLUMN sources.name IS 'Source name an operator recognises (publisher, feed title, file set).';
COMMENT ON COLUMN sources.feed_url IS 'The feed URL, for type feed; null otherwise.';
COMMENT ON COLUMN sources.first_seen_at IS 'When the first article of this source was stored.';

INSERT INTO sources (type, name, feed_url, first_seen_at)
SELECT source_type, source_name, feed_url, min(stored_at)
FROM articles
GROUP BY source_type, source_name, feed_url;

-- --- Articles: source, enrichment cost, full-text search -------------------------------------------------------

/*
 * The PostgreSQL text search configuration for an ISO 639-1 language code; `simple` (no stemming, no stop words)
 * for languages PostgreSQL has no configuration for and for `und`. Every configuration named here exists since
 * PostgreSQL 13. IMMUTABLE because articles.search is generated from it: replacing this function requires
 * rewriting that column (UPDATE articles SET title = title) so old rows follow.
 */
CREATE FUNCTION newsflow_text_search_config(language_code text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE language_code
        WHEN 'ar' THEN 'arabic'::regconfig
        WHEN 'da' THEN 'danish'::regconfig
        WHEN 'de' THEN 'german'::regconfig
        WHEN 'el' THEN 'greek'::regconfig
        WHEN 'en' THEN 'english'::regconfig
        WHEN 'es' THEN 'spanish'::regconfig
        WHEN 'fi' THEN 'finnish'::regconfig
        WHEN 'fr' THEN 'french'::regconfig
        WHEN 'ga' THEN 'irish'::regconfig
        WHEN 'hu' THEN 'hungarian'::regconfig
        WHEN 'id' THEN 'indonesian'::regconfig
        WHEN 'it' THEN 'italian'::regconfig
        WHEN 'lt' THEN 'lithuanian'::regconfig
        WHEN 'nb' THEN 'norwegian'::regconfig
        WHEN 'ne' THEN 'nepali'::regconfig
        WHEN 'nl' THEN 'dutch'::regconfig
        WHEN 'nn' THEN 'norwegian'::regconfig
        WHEN 'no' THEN 'norwegian'::regconfig
        WHEN 'pt' THEN 'portuguese'::regconfig
        WHEN 'ro' THEN 'romanian'::regconfig
        WHEN 'ru' THEN 'russian'::regconfig
        WHEN 'sv' THEN 'swedish'::regconfig
        WHEN 'ta' THEN 'tamil'::regconfig
        WHEN 'tr' THEN 'turkish'::regconfig
        ELSE 'simple'::regconfig
    END
$$;

COMMENT ON FUNCTION newsflow_text_search_config(text) IS
    'Text search configuration for an ISO 639-1 language code (simple when PostgreSQL has none). '
    'Search an article with: search @@ websearch_to_tsquery(newsflow_text_search_config(language_code), ''words'').';

/*
 * A query for `words` that matches a document in any language newsflow_text_search_config knows: the OR of the
 * query stemmed for each of them. It can use the GIN index on articles.search without knowing the article's
 * language; pair it with the query in the article's own configuration to keep only true matches.
 */
CREATE FUNCTION newsflow_any_language_query(words text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT websearch_to_tsquery('simple', words)
        || websearch_to_tsquery('arabic', words) || websearch_to_tsquery('danish', words)
        || websearch_to_tsquery('dutch', words) || websearch_to_tsquery('english', words)
        || websearch_to_tsquery('finnish', words) || websearch_to_tsquery('french', words)
        || websearch_to_tsquery('german', words) || websearch_to_tsquery('greek', words)
        || websearch_to_tsquery('hungarian', words) || websearch_to_tsquery('indonesian', words)
        || websearch_to_tsquery('irish', words) || websearch_to_tsquery('italian', words)
        || websearch_to_tsquery('lithuanian', words) || websearch_to_tsquery('nepali', words)
        || websearch_to_tsquery('norwegian', words) || websearch_to_tsquery('portuguese', words)
        || websearch_to_tsquery('romanian', words) || websearch_to_tsquery('russian', words)
        || websearch_to_tsquery('spanish', words) || websearch_to_tsquery('swedish', words)
        || websearch_to_tsquery('tamil', words) || websearch_to_tsquery('turkish', words)
$$;

COMMENT ON FUNCTION newsflow_any_language_query(text) IS
    'websearch_to_tsquery of the words in every configuration newsflow_text_search_config uses, OR-ed: '
    'a superset of the matches, able to use the GIN index articles_search.';

ALTER TABLE articles
    ADD COLUMN source_id bigint REFERENCES sources (id),
    ADD COLUMN enrichment_took_ms bigint,
    ADD COLUMN enrichment_truncated boolean,
    ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector(newsflow_text_search_config(language_code), title), 'A')
        || setweight(to_tsvector(newsflow_text_search_config(language_code), coalesce(summary, '')), 'B')
        || setweight(to_tsvector(newsflow_text_search_config(language_code), body), 'C')
    ) STORED;

UPDATE articles a
SET source_id = s.id,
    enrichment_took_ms = (a.event -> 'enrichment' ->> 'tookMs')::bigint,
    enrichment_truncated = (a.event -> 'enrichment' ->> 'truncated')::boolean
FROM sources s
WHERE s.type = a.source_type AND s.name = a.source_name
  AND coalesce(s.feed_url, '') = coalesce(a.feed_url, '');

ALTER TABLE articles
    ALTER COLUMN source_id SET NOT NULL,
    ALTER COLUMN enrichment_took_ms SET NOT NULL,
    ALTER COLUMN enrichment_truncated SET NOT NULL,
    ADD CONSTRAINT articles_enrichment_took_ms_not_negative CHECK (enrichment_took_ms >= 0);

CREATE INDEX articles_search ON articles USING gin (search);
-- Filters of GET /articles and the dashboard views, each with the newest-first order behind it.
CREATE INDEX articles_by_language ON articles (language_code, stored_at DESC, id DESC);
CREATE INDEX articles_by_source ON articles (source_id, stored_at DESC, id DESC);
CREATE INDEX articles_by_enriched_at ON articles (enriched_at);

COMMENT ON COLUMN articles.source_id IS 'The article''s source (sources.id); source_type, source_name and feed_url repeat it.';
COMMENT ON COLUMN articles.enrichment_took_ms IS 'How long the enrichment took, in milliseconds.';
COMMENT ON COLUMN articles.enrichment_truncated IS 'True when the text was cut before enrichment because it was too long.';
COMMENT ON COLUMN articles.search IS
    'Full-text document in the article''s language (newsflow_text_search_config(language_code)): '
    'title weighted A, summary B, body C. GIN-indexed (articles_search).';

-- --- Entities --------------------------------------------------------------------------------------------------

CREATE TABLE entities (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type          text        NOT NULL,
    name          text        NOT NULL,
    ref           text,
    key           text        GENERATED ALWAYS AS (coalesce(ref, name)) STORED,
    first_seen_at timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT entities_type_known CHECK (type IN ('PERSON', 'ORGANIZATION', 'LOCATION', 'MISC')),
    CONSTRAINT entities_name_not_empty CHECK (name <> ''),
    CONSTRAINT entities_ref_not_empty CHECK (ref <> ''),
    -- One row per canonical entity: the reference when there is one (the same place named in French and in
    -- English is one entity), else the canonical name. References are namespaced (scheme:id), names are not.
    CONSTRAINT entities_canonical UNIQUE (type, key)
);

CREATE INDEX entities_by_name ON entities (name);
CREATE INDEX entities_by_ref ON entities (ref) WHERE ref IS NOT NULL;

COMMENT ON TABLE entities IS
    'Named entities, one row per canonical entity: (type, ref) when a reference is known, else (type, name).';
COMMENT ON COLUMN entities.id IS 'Surrogate key, referenced by article_entities.entity_id.';
COMMENT ON COLUMN entities.type IS 'PERSON, ORGANIZATION, LOCATION or MISC.';
COMMENT ON COLUMN entities.name IS
    'Canonical name, as first seen; articles in other languages may name a referenced entity differently '
    '(article_entities.name).';
COMMENT ON COLUMN entities.ref IS 'Language-independent reference, e.g. iso3166:BY; null when none is known.';
COMMENT ON COLUMN entities.key IS 'Identity within the type: ref when known, else name (generated).';
COMMENT ON COLUMN entities.first_seen_at IS 'When an article naming this entity was first stored.';

CREATE TABLE article_entities (
    article_id    uuid    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id     bigint  NOT NULL REFERENCES entities (id),
    name          text    NOT NULL,
    mentions      integer NOT NULL,
    surface_forms text[]  NOT NULL,
    first_offset  integer NOT NULL,

    PRIMARY KEY (article_id, entity_id),
    CONSTRAINT article_entities_mentions_positive CHECK (mentions >= 1),
    CONSTRAINT article_entities_first_offset_not_negative CHECK (first_offset >= 0)
);

CREATE INDEX article_entities_by_entity ON article_entities (entity_id, article_id);
CREATE INDEX article_entities_by_name ON article_entities (name);

COMMENT ON TABLE article_entities IS
    'Which entities an article names, from its stored (newest) enrichment; replaced with it.';
COMMENT ON COLUMN article_entities.article_id IS 'articles.id';
COMMENT ON COLUMN article_entities.entity_id IS 'entities.id';
COMMENT ON COLUMN article_entities.name IS 'The canonical name the enrichment gave the entity in this article.';
COMMENT ON COLUMN article_entities.mentions IS 'How many times the article mentions the entity (at least 1).';
COMMENT ON COLUMN article_entities.surface_forms IS 'The entity as written in the article, each distinct form once.';
COMMENT ON COLUMN article_entities.first_offset IS 'Character offset of the first mention in title + body.';

-- --- Topics ----------------------------------------------------------------------------------------------------

CREATE TABLE topics (
    code          text        PRIMARY KEY,
    label         text        NOT NULL,
    parent_code   text        REFERENCES topics (code),
    first_seen_at timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT topics_code_format CHECK (code ~ '^medtop:[0-9]{8}$'),
    CONSTRAINT topics_label_not_empty CHECK (label <> ''),
    CONSTRAINT topics_not_own_parent CHECK (parent_code <> code)
);

CREATE INDEX topics_by_parent ON topics (parent_code) WHERE parent_code IS NOT NULL;

COMMENT ON TABLE topics IS
    'IPTC Media Topics: the 17 top-level subjects, and every deeper topic an article was tagged with.';
COMMENT ON COLUMN topics.code IS 'IPTC Media Topic id, e.g. medtop:16000000.';
COMMENT ON COLUMN topics.label IS 'English label: IPTC''s for the top-level subjects, else as the first article tagged with the topic gave it.';
COMMENT ON COLUMN topics.parent_code IS 'The broader topic (topics.code); null for top-level subjects and where unknown.';
COMMENT ON COLUMN topics.first_seen_at IS 'When the topic was added to this table.';

INSERT INTO topics (code, label) VALUES
    ('medtop:01000000', 'arts, culture, entertainment and media'),
    ('medtop:02000000', 'crime, law and justice'),
    ('medtop:03000000', 'disaster, accident and emergency incident'),
    ('medtop:04000000', 'economy, business and finance'),
    ('medtop:05000000', 'education'),
    ('medtop:06000000', 'environment'),
    ('medtop:07000000', 'health'),
    ('medtop:08000000', 'human interest'),
    ('medtop:09000000', 'labour'),
    ('medtop:10000000', 'lifestyle and leisure'),
    ('medtop:11000000', 'politics'),
    ('medtop:12000000', 'religion'),
    ('medtop:13000000', 'science and technology'),
    ('medtop:14000000', 'society'),
    ('medtop:15000000', 'sport'),
    ('medtop:16000000', 'conflict, war and peace'),
    ('medtop:17000000', 'weather');

CREATE TABLE article_topics (
    article_id uuid             NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    topic_code text             NOT NULL REFERENCES topics (code),
    score      double precision NOT NULL,

    PRIMARY KEY (article_id, topic_code),
    CONSTRAINT article_topics_score_range CHECK (score BETWEEN 0 AND 1)
);

CREATE INDEX article_topics_by_topic ON article_topics (topic_code, article_id);

COMMENT ON TABLE article_topics IS 'Which topics an article is tagged with, from its stored (newest) enrichment.';
COMMENT ON COLUMN article_topics.article_id IS 'articles.id';
COMMENT ON COLUMN article_topics.topic_code IS 'topics.code';
COMMENT ON COLUMN article_topics.score IS 'Classifier confidence, 0..1.';

-- --- Carry over what rows stored before this migration hold in `event` ----------------------------------------

INSERT INTO entities (type, name, ref, first_seen_at)
SELECT DISTINCT ON (e ->> 'type', coalesce(e ->> 'ref', e ->> 'name'))
       e ->> 'type', e ->> 'name', e ->> 'ref', a.stored_at
FROM articles a, jsonb_array_elements(coalesce(a.event -> 'entities', '[]')) e
ORDER BY e ->> 'type', coalesce(e ->> 'ref', e ->> 'name'), a.stored_at;

WITH mention AS (
    SELECT a.id AS article_id, en.id AS entity_id, e
    FROM articles a, jsonb_array_elements(coalesce(a.event -> 'entities', '[]')) e, entities en
    WHERE en.type = e ->> 'type' AND en.key = coalesce(e ->> 'ref', e ->> 'name')
)
INSERT INTO article_entities (article_id, entity_id, name, mentions, surface_forms, first_offset)
SELECT m.article_id, m.entity_id, min(m.e ->> 'name'), sum((m.e ->> 'mentions')::int),
       (SELECT array_agg(DISTINCT f ORDER BY f)
        FROM mention o, jsonb_array_elements_text(o.e -> 'surfaceForms') f
        WHERE o.article_id = m.article_id AND o.entity_id = m.entity_id),
       min((m.e ->> 'firstOffset')::int)
FROM mention m
GROUP BY m.article_id, m.entity_id;

INSERT INTO topics (code, label, first_seen_at)
SELECT DISTINCT ON (t ->> 'code') t ->> 'code', t ->> 'label', a.stored_at
FROM articles a, jsonb_array_elements(coalesce(a.event -> 'topics', '[]')) t
ORDER BY t ->> 'code', a.stored_at DESC
ON CONFLICT (code) DO NOTHING;

INSERT INTO article_topics (article_id, topic_code, score)
SELECT a.id, t ->> 'code', max((t ->> 'score')::double precision)
FROM articles a, jsonb_array_elements(coalesce(a.event -> 'topics', '[]')) t
GROUP BY a.id, t ->> 'code';
