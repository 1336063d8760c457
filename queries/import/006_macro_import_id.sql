-- Grain: no rows; defines the macro import_id(text) -> BIGINT, the id of an imported household, child or event.
-- 60 bits of the MD5 of a natural key (round, desa, source household id, person line, ...) plus 10^15, so
-- ids are stable when a corrected file is imported again and never meet the demo ids (below 10^15).
-- Used by: data/importer.py
CREATE OR REPLACE MACRO import_id(k) AS ('0x' || left(md5(k), 15))::BIGINT + 1000000000000000
