-- The second-level IPTC Media Topics enrich-service can assign, with their place in the hierarchy, so that a dashboard
-- can roll them up to their subject from the first article on. Topics an article brings that are not listed here are
-- still added by store-service (parent unknown, as before). A row an article added before this migration gets its
-- parent; its label stays as it was.
INSERT INTO topics (code, label, parent_code) VALUES
    ('medtop:20000082', 'crime', 'medtop:02000000'),
    ('medtop:20000106', 'judiciary', 'medtop:02000000'),
    ('medtop:20000129', 'law enforcement', 'medtop:02000000'),
    ('medtop:20000139', 'accident and emergency incident', 'medtop:03000000'),
    ('medtop:20000148', 'disaster', 'medtop:03000000'),
    ('medtop:20000168', 'emergency response', 'medtop:03000000'),
    ('medtop:20000344', 'economy', 'medtop:04000000'),
    ('medtop:20000418', 'climate change', 'medtop:06000000'),
    ('medtop:20000420', 'conservation', 'medtop:06000000'),
    ('medtop:20000424', 'environmental pollution', 'medtop:06000000'),
    ('medtop:20000446', 'disease and condition', 'medtop:07000000'),
    ('medtop:20000523', 'labour market', 'medtop:09000000'),
    ('medtop:20000524', 'labour relations', 'medtop:09000000'),
    ('medtop:20000533', 'unemployment', 'medtop:09000000'),
    ('medtop:20000536', 'unions', 'medtop:09000000'),
    ('medtop:20000538', 'leisure', 'medtop:10000000'),
    ('medtop:20000574', 'election', 'medtop:11000000'),
    ('medtop:20000593', 'government', 'medtop:11000000'),
    ('medtop:20000638', 'international relations', 'medtop:11000000'),
    ('medtop:20000053', 'act of terror', 'medtop:16000000'),
    ('medtop:20000056', 'armed conflict', 'medtop:16000000'),
    ('medtop:20000065', 'civil unrest', 'medtop:16000000'),
    ('medtop:20000070', 'coup d''etat', 'medtop:16000000'),
    ('medtop:20000073', 'peace process', 'medtop:16000000')
ON CONFLICT (code) DO UPDATE SET parent_code = EXCLUDED.parent_code WHERE topics.parent_code IS NULL;

COMMENT ON TABLE topics IS
    'IPTC Media Topics: the 17 top-level subjects, the second-level topics enrich-service assigns (with their parent), '
    'and every other topic an article was tagged with.';
