"""The build: records → RDF under the ontology, then SHACL validation and OWL RL reasoning
(owlrl and pySHACL are the reference semantics)."""
