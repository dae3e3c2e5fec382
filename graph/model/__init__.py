"""The data model every room shares: records, IRIs, namespaces, labels, text folding,
countries and regions. Plain data and pure functions; it imports no other room."""

# The modules other rooms may use; the rest are this room's own
# (tests/test_architecture.py holds every import from another room to this list).
__all__ = ["countries", "curated", "iris", "labels", "namespaces", "records", "regions", "text"]
