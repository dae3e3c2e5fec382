"""The pages people see: the query page with its gallery, linked-data pages for every
resource, the analytics report; with their templates and static files."""

# The modules other rooms may use; the rest are this room's own
# (tests/test_architecture.py holds every import from another room to this list).
__all__ = ["analytics", "api_docs", "finding", "routes"]
