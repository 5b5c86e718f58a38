-- Places: where each linked location is, keyed by its language-independent reference, so that one place named in
-- any language (Moscou, Moscow, Москва: geonames:524901) is one entity with one point on a map.

CREATE TABLE places (
    ref           text             PRIMARY KEY,
    lat           double precision NOT NULL,
    lon           double precision NOT NULL,
    country_code  text             NOT NULL,
    feature_class text             NOT NULL,
    feature_code  text             NOT NULL,
    population    bigint,
    first_seen_at timestamptz      NOT NULL DEFAULT now(),

    CONSTRAINT places_ref_format CHECK (ref ~ '^(iso3166:[A-Z]{2}|iso3166-2:[A-Z]{2}-[A-Z0-9]{1,3}|geonames:[0-9]+)$'),
    CONSTRAINT places_lat_range CHECK (lat BETWEEN -90 AND 90),
    CONSTRAINT places_lon_range CHECK (lon BETWEEN -180 AND 180),
    CONSTRAINT places_country_code_format CHECK (country_code ~ '^[A-Z]{2}$'),
    CONSTRAINT places_population_not_negative CHECK (population >= 0)
);

COMMENT ON TABLE places IS
    'Where each place an entity refers to is (entities.ref of LOCATION entities): GeoNames data, CC BY 4.0.';
COMMENT ON COLUMN places.ref IS 'iso3166:XX (country), iso3166-2:XX-YY (first-level subdivision) or geonames:<id> (populated place).';
COMMENT ON COLUMN places.lat IS 'Latitude, degrees WGS84; for a country its capital''s, for a subdivision its seat''s.';
COMMENT ON COLUMN places.lon IS 'Longitude, degrees WGS84.';
COMMENT ON COLUMN places.country_code IS 'ISO 3166-1 alpha-2 code of the country the place is in.';
COMMENT ON COLUMN places.feature_class IS 'GeoNames feature class: A (country, subdivision) or P (populated place).';
COMMENT ON COLUMN places.feature_code IS 'GeoNames feature code: PCLI, ADM1, PPLC, PPLA, PPL, ...';
COMMENT ON COLUMN places.population IS 'Inhabitants as GeoNames counts them; null for countries and subdivisions.';
COMMENT ON COLUMN places.first_seen_at IS 'When an article naming the place was first stored.';

-- Articles stored before: their events carry geo where the enrichment had one.
INSERT INTO places (ref, lat, lon, country_code, feature_class, feature_code, population)
SELECT DISTINCT ON (e ->> 'ref') e ->> 'ref', (e -> 'geo' ->> 'lat')::double precision,
       (e -> 'geo' ->> 'lon')::double precision, e -> 'geo' ->> 'countryCode', e -> 'geo' ->> 'featureClass',
       e -> 'geo' ->> 'featureCode', (e -> 'geo' ->> 'population')::bigint
FROM articles a, jsonb_array_elements(coalesce(a.event -> 'entities', '[]')) e
WHERE e ->> 'ref' IS NOT NULL AND jsonb_typeof(e -> 'geo') = 'object'
ORDER BY e ->> 'ref', a.stored_at;

-- A dashboard view; its name and columns are a contract like those of V3.
CREATE VIEW places_per_day AS
SELECT date_trunc('day', a.stored_at, 'UTC') AS day,
       e.id                                  AS entity_id,
       e.name                                AS entity_name,
       p.ref                                 AS ref,
       p.lat                                 AS lat,
       p.lon                                 AS lon,
       p.country_code                        AS country_code,
       p.feature_code                        AS feature_code,
       count(*)                              AS articles,
       sum(ae.mentions)                      AS mentions
FROM article_entities ae
JOIN articles a ON a.id = ae.article_id
JOIN entities e ON e.id = ae.entity_id
JOIN places p ON p.ref = e.ref
WHERE e.type = 'LOCATION'
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

COMMENT ON VIEW places_per_day IS
    'Linked places per UTC day (of first store) with where they are and the number of articles naming them: one row '
    'per place whatever language named it, for a map.';
COMMENT ON COLUMN places_per_day.day IS 'Start of the UTC day.';
COMMENT ON COLUMN places_per_day.entity_id IS 'entities.id';
COMMENT ON COLUMN places_per_day.entity_name IS 'Canonical name (entities.name, as first seen).';
COMMENT ON COLUMN places_per_day.ref IS 'places.ref';
COMMENT ON COLUMN places_per_day.lat IS 'Latitude, degrees WGS84.';
COMMENT ON COLUMN places_per_day.lon IS 'Longitude, degrees WGS84.';
COMMENT ON COLUMN places_per_day.country_code IS 'ISO 3166-1 alpha-2.';
COMMENT ON COLUMN places_per_day.feature_code IS 'GeoNames feature code.';
COMMENT ON COLUMN places_per_day.articles IS 'Number of articles naming the place.';
COMMENT ON COLUMN places_per_day.mentions IS 'Total mentions in those articles.';
