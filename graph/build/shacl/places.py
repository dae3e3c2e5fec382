"""Where a validation result comes from: the source place of its focus node.

Every result is traced back to a place in a source document: the focus node's own
``prov:wasDerivedFrom`` record, or the record of an agreement that names the focus node
(an institution, a faculty, a country, ...), so that a report line reads like a compiler
error: ``agreements.txt:352: <focus> kyotei:partnerParty: message``.

On the build's store the look-ups go through :class:`StoreLookup`: the answers of
:class:`~kyotei.graph.build.quads.StoreView` (same terms, same order) without asking each of
hundreds of document graphs in turn for every look-up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.term import Node

from kyotei.graph.build.quads import StoreView, TermCodec
from kyotei.graph.model.namespaces import DCTERMS, KYOTEI, PROV, RDF


@dataclass(frozen=True, slots=True)
class SourcePlace:
    """Where a node comes from: a document's identifier and, when known, a 1-based line."""

    document: str
    line: int | None = None

    def __str__(self) -> str:
        return self.document if self.line is None else f"{self.document}:{self.line}"


class StoreLookup(StoreView):
    """:class:`StoreView`'s look-ups, answered alike: one look-up across every graph finds
    which of ``graphs`` hold a match, and only those are read, in ``graphs``' order."""

    def __init__(self, store: ox.Store, codec: TermCodec, graphs: list[ox.NamedNode]) -> None:
        super().__init__(store, codec, graphs)
        self._ox, self._listed = store, graphs
        self._rank: dict[object, int] = {g: i for i, g in enumerate(graphs)}

    def _graphs_for(self, subject: Any, predicate: Any, obj: Any) -> Iterable[ox.NamedNode]:
        found = {q.graph_name for q in self._ox.quads_for_pattern(subject, predicate, obj)}
        return [self._listed[rank] for rank in sorted(self._rank[g] for g in found
                                                      if g in self._rank)]


class SourceLocator:
    """Finds the source place of a node: its own record, or that of an agreement naming it.

    A node's own records are those it ``prov:wasDerivedFrom`` (agreements, home faculties)
    or ``prov:used`` (identity decisions), or the node itself when it is a record.
    """

    _MAX_HOPS = 2  # faculty -> agreement; home institution -> its faculty -> agreement

    def __init__(self, graph: Graph | StoreView) -> None:
        self._graph = graph
        self._found: dict[Node, SourcePlace | None] = {}  # a focus node of several results

    def locate(self, node: Node) -> SourcePlace | None:
        if node not in self._found:
            self._found[node] = self._locate(node)
        return self._found[node]

    def _locate(self, node: Node) -> SourcePlace | None:
        frontier: set[Node] = {node}
        seen: set[Node] = set(frontier)
        for _ in range(self._MAX_HOPS + 1):
            places = [p for n in sorted(frontier, key=str) for p in self._own_places(n)]
            if places:
                return min(places, key=lambda p: (p.line is None, p.line or 0, p.document))
            frontier = {
                s for n in frontier for s in self._graph.subjects(None, n) if s not in seen
            }
            seen |= frontier
            if not frontier:
                break
        return None

    def _own_places(self, node: Node) -> Iterable[SourcePlace]:
        g = self._graph
        records = [*g.objects(node, PROV.wasDerivedFrom), *g.objects(node, PROV.used)]
        if not records and g.value(node, KYOTEI.sourceDocument) is not None:
            records = [node]
        for record in records:
            document = g.value(record, KYOTEI.sourceDocument)
            line = g.value(record, KYOTEI.sourceLine)
            name = g.value(document, DCTERMS.identifier) if document is not None else None
            yield SourcePlace(
                document=str(name if name is not None else (document or record)),
                line=int(line) if isinstance(line, Literal) and _is_int(line) else None,
            )
        name = g.value(node, DCTERMS.identifier)
        if not records and name is not None and (node, RDF.type, KYOTEI.SourceDocument) in g:
            yield SourcePlace(document=str(name))


def _is_int(literal: Literal) -> bool:
    try:
        int(literal)
    except (TypeError, ValueError):
        return False
    return True


__all__ = ["SourceLocator", "SourcePlace", "StoreLookup"]
