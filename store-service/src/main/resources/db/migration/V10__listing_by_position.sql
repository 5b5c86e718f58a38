-- The listings of the HTTP API go newest first by stored_seq (V9): an index for the whole listing, and those of a
-- language and of a source by position instead of by stored_at. articles_newest_first (stored_at) stays, for the
-- windows of /entities/top, /topics/counts and the since/until filters.
SET LOCAL statement_timeout = 0;

CREATE INDEX articles_by_position ON articles (stored_seq DESC, id DESC);

DROP INDEX articles_by_language;
CREATE INDEX articles_by_language ON articles (language_code, stored_seq DESC, id DESC);

DROP INDEX articles_by_source;
CREATE INDEX articles_by_source ON articles (source_id, stored_seq DESC, id DESC);
