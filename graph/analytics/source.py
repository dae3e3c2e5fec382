"""One small adapter that runs the analytics' SPARQL over pyoxigraph or rdflib.

The analytics read the graph only through SELECT queries kept as ``*.rq`` files beside this
module (so the documentation can show them). Each query is prefixed with kyotei's prologue,
``id:`` bound to the data base IRI and ``idgraph:`` to ``<base>graph/`` (so the inferred named
graph is ``idgraph:inferred``). Results come back as plain rows: variable name to the IRI or
the literal's lexical form; an unbound variable is absent from its row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any, TypeAlias

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef

from kyotei.graph.model.namespaces import sparql_prologue

log = logging.getLogger(__name__)

Row: TypeAlias = dict[str, str]
Runner: TypeAlias = Callable[[str], list[Row]]

QUERY_PACKAGE = "kyotei.graph.analytics"


@cache
def query_text(name: str) -> str:
    """The text of the packaged query ``<name>.rq`` (without the prologue)."""
    text: str = resources.files(QUERY_PACKAGE).joinpath(f"{name}.rq").read_text(encoding="utf-8")
    return text


def prologue(base_iri: str) -> str:
    """The PREFIX lines every analytics query is run with."""
    return str(sparql_prologue(base_iri)) + f"PREFIX idgraph: <{base_iri}graph/>\n"


class SparqlSource:
    """Runs the packaged queries over a pyoxigraph ``Store`` or an rdflib ``Graph``/``Dataset``.

    Asserted triples are read from the default graph (for an rdflib ``Dataset`` whose asserted
    triples sit in named graphs, pass one with ``default_union=True``); ``union_default_graph``
    makes pyoxigraph read the default graph as the union of all graphs, for a store loaded
    with one named graph per source document.
    """

    def __init__(self, store: Any, *, base_iri: str, union_default_graph: bool = False) -> None:
        self.base_iri = base_iri
        self._prologue = prologue(base_iri)
        if isinstance(store, ox.Store):
            self._run: Runner = _oxigraph_runner(store, union_default_graph)
        elif isinstance(store, Dataset):
            # rdflib's own Dataset.query goes through deprecated API (default_context) and is
            # slow: a Dataset is copied into Oxigraph, its default graph read as rdflib does.
            copy = ox.Store()
            copy.load(store.serialize(format="nquads", encoding="utf-8"),
                      format=ox.RdfFormat.N_QUADS)
            self._run = _oxigraph_runner(copy, union_default_graph or store.default_union)
        elif isinstance(store, Graph):
            self._run = _rdflib_runner(store)
        elif callable(getattr(store, "query", None)):  # a store elsewhere answering like one
            self._run = _oxigraph_runner(store, union_default_graph)
        else:
            raise TypeError(f"expected a pyoxigraph.Store or an rdflib Graph, not {type(store)!r}")

    def select(self, query: str) -> list[Row]:
        """Run a SELECT query given as text (the prologue is prepended)."""
        return self._run(self._prologue + query)

    def named(self, name: str) -> list[Row]:
        """Run the packaged query ``<name>.rq``."""
        rows = self.select(query_text(name))
        log.debug("query %s: %d rows", name, len(rows))
        return rows


def _oxigraph_runner(store: ox.Store, union: bool) -> Runner:
    def run(query: str) -> list[Row]:
        solutions = store.query(query, use_default_graph_as_union=union)
        if not isinstance(solutions, ox.QuerySolutions):
            raise TypeError("analytics queries must be SELECT queries")
        names = [v.value for v in solutions.variables]
        rows: list[Row] = []
        for solution in solutions:
            row: Row = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = _ox_value(term)
            rows.append(row)
        return rows

    return run


def _ox_value(term: object) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    raise TypeError(f"unexpected term in a solution: {term!r}")


def _rdflib_runner(graph: Graph) -> Runner:
    def run(query: str) -> list[Row]:
        result = graph.query(query)
        if result.type != "SELECT":
            raise TypeError("analytics queries must be SELECT queries")
        rows: list[Row] = []
        for binding in result.bindings:
            row: Row = {}
            for var, term in binding.items():
                if isinstance(term, BNode):
                    row[str(var)] = f"_:{term}"
                elif isinstance(term, URIRef | Literal):
                    row[str(var)] = str(term)
            rows.append(row)
        return rows

    return run


__all__ = ["Row", "SparqlSource", "prologue", "query_text"]
