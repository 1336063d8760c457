-- Grain: one row per accepted source row (no problem found). A view: a copy of a
-- million wide rows costs more than the anti-join against the (few) problem rows at each of its readers.
-- Used by: data/importer/validate.py
CREATE OR REPLACE VIEW accepted AS
SELECT p.*
FROM persons AS p
ANTI JOIN problems AS pr ON pr.source_row = p._row
