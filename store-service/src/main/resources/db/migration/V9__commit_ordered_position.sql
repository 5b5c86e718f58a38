-- articles.stored_seq: a position in the order in which articles become visible, for clients that page or poll.
-- stored_at is the storing transaction's start time, and transactions commit in another order than they start, so a
-- client that has read up to some stored_at may later find an article with an earlier one. stored_seq is the
-- storing transaction's id (pg_current_xact_id, 64 bits, never reused), kept on replacement like stored_at. Ids do
-- not come in commit order either, but every id below pg_snapshot_xmin(pg_current_snapshot()) — the oldest
-- transaction still running — belongs to a finished transaction, and no later transaction gets one: the articles
-- below that horizon are all there is and will ever be below it. The HTTP API lists those only.
--
-- Rows stored before this migration get negative positions in stored_at order, below any transaction id.
SET LOCAL statement_timeout = 0;

ALTER TABLE articles ADD COLUMN stored_seq bigint;

UPDATE articles a SET stored_seq = o.seq
FROM (SELECT id, row_number() OVER (ORDER BY stored_at, id) - count(*) OVER () - 1 AS seq FROM articles) o
WHERE a.id = o.id;

ALTER TABLE articles
    ALTER COLUMN stored_seq SET DEFAULT pg_current_xact_id()::text::bigint,
    ALTER COLUMN stored_seq SET NOT NULL;

COMMENT ON COLUMN articles.stored_seq IS
    'Id of the transaction that first stored the article (negative for articles stored before V9, in stored_at '
    'order); never changes. Below pg_snapshot_xmin(pg_current_snapshot()) every position is final: the order '
    'clients page and poll by.';
