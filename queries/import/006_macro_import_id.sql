-- Grain: no rows; defines the macro import_id(h) -> BIGINT, the id of an imported household, child or event, from
-- h = hash(...) of the parts of its natural key (round, desa, source household id, person line, ...): 60 bits of it
-- plus 10^15, so ids never meet the demo ids (below 10^15) and are the same when a corrected file is imported again
-- (DuckDB's hash() is fixed for the pinned duckdb release; an import replaces whole rounds x desa/kelurahan, so
-- ids made by another release only ever sit beside, never among, the ones of an import; checks/record_ids_unique
-- refuses a store where two ids meet). hash() of the parts, not MD5 of their text joined: a fifth of the time.
-- Used by: data/importer/validate.py
CREATE OR REPLACE MACRO import_id(h) AS (h >> 4)::BIGINT + 1000000000000000
