"""RDF as a source: another university's kyotei export, or any graph under the ontology.

A ``[[document]]`` of the sources manifest may name a Turtle, N-Triples, N-Quads or TriG
file. It is bulk loaded into an in-memory Oxigraph store and its agreements are read back
into plain :class:`~kyotei.graph.model.records.AgreementRecord` objects, one
:class:`~kyotei.graph.model.records.LoadResult` per source document the graph describes, so
that identity resolution, SHACL validation and the build treat them like the records of any
list (decision 0013 says how their provenance points to the other graph's records).
"""

from kyotei.loaders.rdf.reader import RDF_SUFFIXES, is_rdf_source, load_rdf_source

__all__ = ["RDF_SUFFIXES", "is_rdf_source", "load_rdf_source"]
