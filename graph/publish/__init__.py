"""Publishing: snapshots on disk (atomic, hashed), deterministic exports (Turtle, N-Triples,
JSON-LD, TriG, CSV) and the dataset description (DCAT, VoID)."""

# The modules other rooms may use; the rest are this room's own
# (tests/test_architecture.py holds every import from another room to this list).
__all__ = ["describe", "edits", "more_formats", "overlapped", "push", "snapshot", "streamed",
           "writers"]
