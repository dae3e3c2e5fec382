"""kyotei.graph: records → RDF, identity, curation, validation and reasoning, snapshots and
exports, analytics. Rooms: model, identity, curation, build, publish, analytics
(docs/architecture.md). No web framework and no loader is imported here."""
