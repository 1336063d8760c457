-- Grain: one row per key of the store's metadata (store_version, is_demo, built_at, demo_regions, demo_seed, ...).
-- Params: none
-- Scope: reference. The store's version and build, the same for everyone (data/scope.py)
-- Child counts: none (the store's own metadata); small-cell protection does not apply (tests/test_protection.py)
-- Used by: data/api.py store_info() for the "Sumber data" notes and cache keys
SELECT key, value
FROM meta
ORDER BY key
