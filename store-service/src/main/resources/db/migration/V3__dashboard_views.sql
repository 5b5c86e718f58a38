-- Views for dashboards. Their names and columns are a contract: later migrations may add columns at the end, never
-- rename or drop one. Hours and days are UTC and start at the bucket's beginning (timestamptz).

CREATE VIEW articles_per_hour_by_language AS
SELECT date_trunc('hour', stored_at, 'UTC') AS hour,
       language_code,
       count(*)                             AS articles
FROM articles
GROUP BY 1, 2;

COMMENT ON VIEW articles_per_hour_by_language IS 'Articles stored per UTC hour and detected language.';
COMMENT ON COLUMN articles_per_hour_by_language.hour IS 'Start of the UTC hour in which the articles were first stored.';
COMMENT ON COLUMN articles_per_hour_by_language.language_code IS 'ISO 639-1 code, or und.';
COMMENT ON COLUMN articles_per_hour_by_language.articles IS 'Number of articles.';

CREATE VIEW articles_per_hour_by_source AS
SELECT date_trunc('hour', a.stored_at, 'UTC') AS hour,
       s.id                                   AS source_id,
       s.type                                 AS source_type,
       s.name                                 AS source_name,
       count(*)                               AS articles
FROM articles a
JOIN sources s ON s.id = a.source_id
GROUP BY 1, 2, 3, 4;

COMMENT ON VIEW articles_per_hour_by_source IS 'Articles stored per UTC hour and source.';
COMMENT ON COLUMN articles_per_hour_by_source.hour IS 'Start of the UTC hour in which the articles were first stored.';
COMMENT ON COLUMN articles_per_hour_by_source.source_id IS 'sources.id';
COMMENT ON COLUMN articles_per_hour_by_source.source_type IS 'http, feed or file.';
COMMENT ON COLUMN articles_per_hour_by_source.source_name IS 'Source name.';
COMMENT ON COLUMN articles_per_hour_by_source.articles IS 'Number of articles.';

CREATE VIEW top_entities_per_day AS
SELECT day, entity_id, entity_type, entity_name, entity_ref, articles, mentions,
       rank() OVER (PARTITION BY day, entity_type ORDER BY articles DESC, mentions DESC) AS rank
FROM (
    SELECT date_trunc('day', a.stored_at, 'UTC') AS day,
           e.id                                  AS entity_id,
           e.type                                AS entity_type,
           e.name                                AS entity_name,
           e.ref                                 AS entity_ref,
           count(*)                              AS articles,
           sum(ae.mentions)                      AS mentions
    FROM article_entities ae
    JOIN articles a ON a.id = ae.article_id
    JOIN entities e ON e.id = ae.entity_id
    GROUP BY 1, 2, 3, 4, 5
) per_day;

COMMENT ON VIEW top_entities_per_day IS
    'Entities per UTC day (of first store) with the number of articles naming them, ranked within each day and '
    'type: WHERE rank <= 10 gives the top ten of each type.';
COMMENT ON COLUMN top_entities_per_day.day IS 'Start of the UTC day.';
COMMENT ON COLUMN top_entities_per_day.entity_id IS 'entities.id';
COMMENT ON COLUMN top_entities_per_day.entity_type IS 'PERSON, ORGANIZATION, LOCATION or MISC.';
COMMENT ON COLUMN top_entities_per_day.entity_name IS 'Canonical name (entities.name).';
COMMENT ON COLUMN top_entities_per_day.entity_ref IS 'Language-independent reference, or null.';
COMMENT ON COLUMN top_entities_per_day.articles IS 'Number of articles naming the entity.';
COMMENT ON COLUMN top_entities_per_day.mentions IS 'Total mentions in those articles.';
COMMENT ON COLUMN top_entities_per_day.rank IS 'Rank by articles, then mentions, within (day, entity_type); ties share a rank.';

CREATE VIEW topics_per_day AS
SELECT date_trunc('day', a.stored_at, 'UTC') AS day,
       t.code                                AS topic_code,
       t.label                               AS topic_label,
       t.parent_code,
       count(*)                              AS articles,
       avg(tag.score)                         AS average_score
FROM article_topics tag
JOIN articles a ON a.id = tag.article_id
JOIN topics t ON t.code = tag.topic_code
GROUP BY 1, 2, 3, 4;

COMMENT ON VIEW topics_per_day IS 'Articles tagged with each IPTC topic per UTC day (of first store).';
COMMENT ON COLUMN topics_per_day.day IS 'Start of the UTC day.';
COMMENT ON COLUMN topics_per_day.topic_code IS 'IPTC Media Topic id.';
COMMENT ON COLUMN topics_per_day.topic_label IS 'Topic label.';
COMMENT ON COLUMN topics_per_day.parent_code IS 'Broader topic, or null.';
COMMENT ON COLUMN topics_per_day.articles IS 'Number of articles tagged with the topic.';
COMMENT ON COLUMN topics_per_day.average_score IS 'Mean classifier score of those tags, 0..1.';

CREATE VIEW enrichment_latency_per_hour AS
SELECT date_trunc('hour', enriched_at, 'UTC')                                             AS hour,
       count(*)                                                                           AS articles,
       avg(extract(epoch FROM enriched_at - fetched_at))                                  AS average_seconds,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM enriched_at - fetched_at))  AS p50_seconds,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM enriched_at - fetched_at)) AS p95_seconds,
       max(extract(epoch FROM enriched_at - fetched_at))                                  AS max_seconds,
       avg(enrichment_took_ms)                                                            AS average_took_ms,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY enrichment_took_ms)                   AS p95_took_ms
FROM articles
GROUP BY 1;

COMMENT ON VIEW enrichment_latency_per_hour IS
    'How long articles took from ingestion (fetched_at) to the end of their stored enrichment (enriched_at), '
    'per UTC hour of enrichment; and how long the enrichment itself took (enrichment_took_ms).';
COMMENT ON COLUMN enrichment_latency_per_hour.hour IS 'Start of the UTC hour in which the enrichments finished.';
COMMENT ON COLUMN enrichment_latency_per_hour.articles IS 'Number of articles.';
COMMENT ON COLUMN enrichment_latency_per_hour.average_seconds IS 'Mean seconds from fetched_at to enriched_at.';
COMMENT ON COLUMN enrichment_latency_per_hour.p50_seconds IS 'Median seconds from fetched_at to enriched_at.';
COMMENT ON COLUMN enrichment_latency_per_hour.p95_seconds IS '95th percentile of seconds from fetched_at to enriched_at.';
COMMENT ON COLUMN enrichment_latency_per_hour.max_seconds IS 'Longest seconds from fetched_at to enriched_at.';
COMMENT ON COLUMN enrichment_latency_per_hour.average_took_ms IS 'Mean enrichment_took_ms.';
COMMENT ON COLUMN enrichment_latency_per_hour.p95_took_ms IS '95th percentile of enrichment_took_ms.';
