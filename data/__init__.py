"""Data layer: the only code that talks to DuckDB. Read API in data.api; write path in data.store."""
