-- One row per article id: the newest enrichment of each article, as store-service received it from
-- news.articles.enriched.v1. The typed columns serve queries and dashboards; `event` keeps the whole event.

CREATE TABLE articles (
    id                  uuid             PRIMARY KEY,
    url                 text,
    canonical_url       text,
    title               text             NOT NULL,
    body                text             NOT NULL,
    summary             text,
    authors             text[]           NOT NULL DEFAULT '{}',
    language_code       text             NOT NULL,
    language_confidence double precision NOT NULL,
    published_at        timestamptz,
    fetched_at          timestamptz      NOT NULL,
    source_type         text             NOT NULL,
    source_name         text             NOT NULL,
    feed_url            text,
    content_hash        text             NOT NULL,
    enrichment_version  text             NOT NULL,
    enriched_at         timestamptz      NOT NULL,
    stored_at           timestamptz      NOT NULL DEFAULT now(),
    updated_at          timestamptz      NOT NULL DEFAULT now(),
    event               jsonb            NOT NULL,

    CONSTRAINT articles_title_or_body CHECK (title <> '' OR body <> ''),
    CONSTRAINT articles_language_code_format CHECK (language_code ~ '^([a-z]{2}|und)$'),
    CONSTRAINT articles_language_confidence_range CHECK (language_confidence BETWEEN 0 AND 1),
    CONSTRAINT articles_source_type_known CHECK (source_type IN ('http', 'feed', 'file')),
    CONSTRAINT articles_content_hash_format CHECK (content_hash ~ '^sha256:[0-9a-f]{64}$'),
    CONSTRAINT articles_updated_not_before_stored CHECK (updated_at >= stored_at),
    CONSTRAINT articles_event_is_object CHECK (jsonb_typeof(event) = 'object'),
    CONSTRAINT articles_event_of_this_article CHECK (event ->> 'id' IS NOT NULL AND lower(event ->> 'id') = id::text)
);

-- GET /articles lists newest first and pages by keyset (stored_at, id): this index serves both.
CREATE INDEX articles_newest_first ON articles (stored_at DESC, id DESC);

COMMENT ON TABLE articles IS
    'One row per article id: the newest enrichment of each article from news.articles.enriched.v1 (contract v1). '
    'Written only by store-service; redelivered or older enrichments leave a row unchanged.';
COMMENT ON COLUMN articles.id IS 'Article id (event id): UUIDv5 of the canonical URL, else of the normalised title and body.';
COMMENT ON COLUMN articles.url IS 'Where the article was found, if anywhere.';
COMMENT ON COLUMN articles.canonical_url IS 'The publisher''s canonical URL (normalised), when known.';
COMMENT ON COLUMN articles.title IS 'Headline; empty only when the body is not.';
COMMENT ON COLUMN articles.body IS 'Plain-text body, paragraphs separated by a blank line; empty only when the title is not.';
COMMENT ON COLUMN articles.summary IS 'Publisher''s summary, if any.';
COMMENT ON COLUMN articles.authors IS 'Author names as published, in order; empty when unknown.';
COMMENT ON COLUMN articles.language_code IS 'Detected language: ISO 639-1 code, or und when no language was confident enough.';
COMMENT ON COLUMN articles.language_confidence IS 'Language detector confidence, 0..1.';
COMMENT ON COLUMN articles.published_at IS 'When the publisher says the article was published, if known.';
COMMENT ON COLUMN articles.fetched_at IS 'When newsflow received the article.';
COMMENT ON COLUMN articles.source_type IS 'How the article reached newsflow: http, feed or file.';
COMMENT ON COLUMN articles.source_name IS 'Source name an operator recognises (publisher, feed title, file set).';
COMMENT ON COLUMN articles.feed_url IS 'The feed the article came from, for source_type feed.';
COMMENT ON COLUMN articles.content_hash IS 'sha256 of the normalised title and body (sha256:<64 hex>); changes when the text changes.';
COMMENT ON COLUMN articles.enrichment_version IS 'Version of the enrichment logic that produced the stored enrichment.';
COMMENT ON COLUMN articles.enriched_at IS 'When the stored enrichment finished; a row is only replaced by a newer enrichment.';
COMMENT ON COLUMN articles.stored_at IS 'When the article was first stored; never changes afterwards.';
COMMENT ON COLUMN articles.updated_at IS 'When the row was last replaced by a newer enrichment; equals stored_at until then.';
COMMENT ON COLUMN articles.event IS
    'The EnrichedArticle event exactly as received (JSON Schema enriched-article v1), including entities and topics '
    'and any field added to v1 after this migration.';
