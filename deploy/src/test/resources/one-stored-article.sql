-- One article stored an hour ago, enriched 3 s after it was fetched, naming one place and tagged with one topic:
-- enough for every dashboard view to have a row in the time range the panels show.
WITH place AS (
    INSERT INTO places (ref, lat, lon, country_code, feature_class, feature_code)
    VALUES ('iso3166:BY', 53.9, 27.56667, 'BY', 'A', 'PCLI')
), source AS (
    INSERT INTO sources (type, name) VALUES ('http', 'deploy-test') RETURNING id
), article AS (
    INSERT INTO articles (id, title, body, language_code, language_confidence, fetched_at, source_type, source_name,
                          content_hash, enrichment_version, enriched_at, stored_at, updated_at, event, source_id,
                          enrichment_took_ms, enrichment_truncated)
    SELECT '6f1c2b9e-0000-5000-8000-000000000001', 'Poutine se rend en Biélorussie', 'Texte.', 'fr', 0.4,
           now() - interval '1 hour 3 seconds', 'http', 'deploy-test', 'sha256:' || repeat('0', 64), '0.1.0',
           now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 hour',
           '{"id": "6f1c2b9e-0000-5000-8000-000000000001"}', id, 120, false
    FROM source
    RETURNING id
), entity AS (
    INSERT INTO entities (type, name, ref) VALUES ('LOCATION', 'Biélorussie', 'iso3166:BY') RETURNING id
), link AS (
    INSERT INTO article_entities (article_id, entity_id, name, mentions, surface_forms, first_offset)
    SELECT article.id, entity.id, 'Biélorussie', 2, ARRAY['Biélorussie'], 19 FROM article, entity
)
INSERT INTO article_topics (article_id, topic_code, score)
SELECT id, 'medtop:16000000', 0.8 FROM article;
