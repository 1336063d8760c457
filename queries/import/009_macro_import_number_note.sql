-- Grain: no rows; defines the macro import_number_note(text, note) -> ' - ' || note when an identifier was written
-- as a spreadsheet number (7,3081E+15, 7.3081e15, 7308100000000000.0), which keeps only 15 digits (its 16th is
-- lost), else ''. The NIK and KK rules of int_problems add it to their reason.
-- Used by: queries/import/020_int_problems.sql
CREATE OR REPLACE MACRO import_number_note(x, note) AS
    CASE WHEN regexp_full_match(trim(x), '\d+([.,]\d*)?[eE]\+?\d+|\d{15,}[.,]0+') THEN ' - ' || note ELSE '' END
