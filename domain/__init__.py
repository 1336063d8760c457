"""Domain vocabulary, the bottom layer: Kemendagri wilayah codes (domain.wilayah) and the code lists of the data
model (domain.codes). Pure Python: imports nothing of data, geo, ui or views, and no third-party package."""
