"""Administrative boundaries: read a boundary file, check and repair it, simplify it once at import,
and serialise simplified geometry for the browser. Pure geometry; knows nothing of the store."""

from geo.boundaries import GeoInputError, Note, find_boundary_files, geometry_rows, read_boundaries, simplify, spatial_layers
from geo.geojson import coarser, feature_collection, label_file, view_tolerance

__all__ = ["GeoInputError", "Note", "find_boundary_files", "geometry_rows", "read_boundaries", "simplify", "spatial_layers",
           "feature_collection", "coarser", "label_file", "view_tolerance"]
