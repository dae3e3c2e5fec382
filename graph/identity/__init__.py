"""Identity: one IRI per real institution across documents and languages — names, country
evidence, dates, faculty splits, the explanations and their RDF (decision 0004)."""

# The modules other rooms may use; the rest are this room's own
# (tests/test_architecture.py holds every import from another room to this list).
__all__ = ["model", "names", "resolve"]
