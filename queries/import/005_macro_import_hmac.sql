-- Grain: no rows; defines the macro import_hmac(text, ipad, opad) -> 32 hex chars for the import steps.
-- HMAC-SHA256 (RFC 2104) of a normalised identifier with the key's inner and outer pads, truncated to 128 bits.
-- The pads are made by data/importer/keys.py from ATS_HMAC_KEY / ATS_HMAC_KEY_FILE; the key is never stored.
-- Used by: data/importer/validate.py (staging in an in-memory DuckDB, never the store)
CREATE OR REPLACE MACRO import_hmac(x, ipad, opad) AS CASE
    WHEN x IS NOT NULL THEN left(sha256(opad || unhex(sha256(ipad || x::BLOB))), 32)
END
