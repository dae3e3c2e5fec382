"""The build: records → RDF under the ontology, then SHACL validation and OWL RL reasoning
(owlrl and pySHACL are the reference semantics)."""

# The modules other rooms may use; the rest are this room's own
# (tests/test_architecture.py holds every import from another room to this list).
__all__ = ["dataset", "quads", "reason", "validate"]
