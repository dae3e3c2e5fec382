"""kyotei.server: the SPARQL 1.1 endpoint and the pages, over a verified snapshot. Rooms:
engine (query workers), protocol (SPARQL, Graph Store, descriptions), pages (what people see);
the app factory (``app.create_app``) is the door. It never imports the loaders."""

# The modules other rooms may use; the rest are this room's own
# (tests/test_architecture.py holds every import from another room to this list).
__all__ = ["app", "errors", "http_limits", "runtime", "security", "settings", "state"]
