"""The SPARQL 1.1 Service Description of ``/sparql`` (what ``GET /sparql`` answers).

Only what is true of this service: SPARQL 1.1 Query (and Update only with a token), the
result formats it writes, its default dataset with each named graph and its size. Never
``sd:BasicFederatedQuery`` (SERVICE is refused) nor ``sd:UnionDefaultGraph`` (the default
graph holds the asserted triples, not the union of all named graphs: the inferred graph is
left out), nor ``sd:DereferencesURIs`` (nothing is ever fetched).
"""

from __future__ import annotations

import functools

import pyoxigraph as ox

from kyotei.graph.model.namespaces import SD, VOID
from kyotei.server.engine.results import serialize_triples
from kyotei.server.runtime import Runtime
from kyotei.server.state import LoadedSnapshot

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
FORMATS = "http://www.w3.org/ns/formats/"
RESULT_FORMATS = (
    "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
    "Turtle", "N-Triples", "JSON-LD", "RDF_XML", "TriG", "N-Quads",
)


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{SD}{name}")


def _void(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{VOID}{name}")


def _count(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))


@functools.lru_cache(maxsize=8)
def graph_sizes(snapshot: LoadedSnapshot) -> tuple[int, tuple[tuple[str, int], ...]]:
    """Triples in the default graph, and in each named graph (sorted by name)."""
    default = sum(1 for _ in snapshot.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    named = tuple(
        (iri, sum(1 for _ in snapshot.store.quads_for_pattern(None, None, None,
                                                              ox.NamedNode(iri))))
        for iri in sorted(snapshot.named_graphs)
    )
    return default, named


def triples(rt: Runtime, endpoint: str) -> list[ox.Triple]:
    snapshot = rt.serving.current()
    service = ox.NamedNode(endpoint + "#service")
    out = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
    ]
    if rt.settings.update_token is not None:
        out.append(ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Update")))
    for name in RESULT_FORMATS:
        out.append(ox.Triple(service, _sd("resultFormat"), ox.NamedNode(FORMATS + name)))
    out.append(ox.Triple(service, _sd("defaultEntailmentRegime"),
                         ox.NamedNode("http://www.w3.org/ns/entailment/Simple")))
    dataset = ox.BlankNode("dataset")
    default_graph = ox.BlankNode("default")
    out += [
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, _sd("Graph")),
    ]
    default_size, named_sizes = graph_sizes(snapshot)
    out.append(ox.Triple(default_graph, _void("triples"), _count(default_size)))
    for index, (iri, size) in enumerate(named_sizes):
        entry, graph = ox.BlankNode(f"named{index}"), ox.BlankNode(f"graph{index}")
        out += [
            ox.Triple(dataset, _sd("namedGraph"), entry),
            ox.Triple(entry, RDF_TYPE, _sd("NamedGraph")),
            ox.Triple(entry, _sd("name"), ox.NamedNode(iri)),
            ox.Triple(entry, _sd("graph"), graph),
            ox.Triple(graph, RDF_TYPE, _sd("Graph")),
            ox.Triple(graph, _void("triples"), _count(size)),
        ]
    return out


def render(rt: Runtime, endpoint: str, fmt: str) -> bytes:
    """The description in ``fmt`` (turtle, jsonld, rdfxml or ntriples)."""
    return serialize_triples(triples(rt, endpoint), fmt,
                             extra_prefixes={"sd": str(SD), "formats": FORMATS})

