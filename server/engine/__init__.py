"""The query engine: screening a query, a pool of killable worker processes that answer
it on the served snapshot, and the writers of their results."""

# The modules other rooms may use; the rest are this room's own
# (tests/test_architecture.py holds every import from another room to this list).
__all__ = ["admission", "gate", "parse", "pool", "remote", "results", "screen", "worker"]
