"""Curation: what people add by hand or from datasets they supply — overrides, the crosswalk
and ROR links (data/curation/). Each curated fact says where it comes from."""

# The modules other rooms may use; the rest are this room's own
# (tests/test_architecture.py holds every import from another room to this list).
__all__ = ["overrides", "ror"]
