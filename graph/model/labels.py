"""Collecting the names a node is printed with, and choosing its labels deterministically.

A node gets at most one ``skos:prefLabel`` per language (the name printed most often; ties
go to the shorter, then the lexicographically smaller), every other name as
``skos:altLabel``, and ``rdfs:label`` copies of the preferred labels for tools that read
only that.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from rdflib import Graph, Literal, URIRef

from kyotei.graph.model.namespaces import RDFS, SKOS


class LabelBag:
    """Names per node and language, with how often each was printed."""

    def __init__(self) -> None:
        self._names: dict[URIRef, dict[str, Counter[str]]] = defaultdict(
            lambda: defaultdict(Counter)
        )
        self._fixed: dict[tuple[URIRef, str], str] = {}

    def add(self, node: URIRef, name: str | None, lang: str) -> None:
        if name and name.strip():
            self._names[node][lang][name.strip()] += 1

    def fix(self, node: URIRef, name: str, lang: str) -> None:
        """Force the preferred label (curated or manifest metadata)."""
        self._fixed[(node, lang)] = name
        self.add(node, name, lang)

    def preferred(self, node: URIRef, lang: str) -> str | None:
        fixed = self._fixed.get((node, lang))
        if fixed is not None:
            return fixed
        counter = self._names.get(node, {}).get(lang)
        if not counter:
            return None
        return min(counter, key=lambda name: (-counter[name], len(name), name))

    def emit(self, graph: Graph) -> None:
        for node in sorted(self._names):
            for lang in sorted(self._names[node]):
                pref = self.preferred(node, lang)
                for name in sorted(self._names[node][lang]):
                    literal = Literal(name, lang=lang)
                    if name == pref:
                        graph.add((node, SKOS.prefLabel, literal))
                        graph.add((node, RDFS.label, literal))
                    else:
                        graph.add((node, SKOS.altLabel, literal))
