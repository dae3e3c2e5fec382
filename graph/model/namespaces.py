"""Namespaces, exactly as docs/DESIGN fixes them (http/https drift silently breaks merges)."""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

KYOTEI = Namespace("https://w3id.org/kyotei/def#")
ONTOLOGY_IRI = "https://w3id.org/kyotei/def"
SCHEMA = Namespace("http://schema.org/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
DEFAULT_BASE_IRI = "https://w3id.org/kyotei/id/"

PREFIXES: dict[str, str] = {
    "kyotei": str(KYOTEI),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "void": str(VOID),
    "foaf": str(FOAF),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


def bind_prefixes(graph: Graph, base_iri: str = DEFAULT_BASE_IRI) -> None:
    """Bind kyotei's prefixes (and ``id:`` for the data base IRI) on ``graph``."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    graph.bind("id", base_iri, override=True, replace=True)


def sparql_prologue(base_iri: str = DEFAULT_BASE_IRI) -> str:
    """PREFIX lines for SPARQL queries, ``id:`` included."""
    lines = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()]
    lines.append(f"PREFIX id: <{base_iri}>")
    return "\n".join(lines) + "\n"


__all__ = [
    "DCAT", "DCTERMS", "DEFAULT_BASE_IRI", "FOAF", "KYOTEI", "ONTOLOGY_IRI", "ORG", "OWL",
    "PREFIXES", "PROV", "RDF", "RDFS", "SCHEMA", "SD", "SKOS", "VOID", "XSD",
    "bind_prefixes", "sparql_prologue",
]
