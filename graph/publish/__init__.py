"""Publishing: snapshots on disk (atomic, hashed), deterministic exports (Turtle, N-Triples,
JSON-LD, TriG, CSV) and the dataset description (DCAT, VoID)."""
