"""SHACL Core on Oxigraph, the build's default validator (pySHACL stays the reference):
the shapes read once (:mod:`.shapes`), each constraint one query returning its violations
(:mod:`.queries`)."""

from kyotei.graph.build.shacl.queries import validate_store
from kyotei.graph.build.shacl.shapes import Result, UnsupportedShapeError, compile_shapes

__all__ = ["Result", "UnsupportedShapeError", "compile_shapes", "validate_store"]
