"""The protocols machines speak: SPARQL 1.1 query and update, the Graph Store Protocol,
content negotiation, the service description, and the admin routes (reload, update)."""

# The modules other rooms may use; the rest are this room's own
# (tests/test_architecture.py holds every import from another room to this list).
__all__ = ["admin", "endpoint", "graph_store", "negotiation", "sparql"]
