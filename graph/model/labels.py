"""Collecting the names a node is printed with, and choosing its labels deterministically.

A node gets at most one ``skos:prefLabel`` per language (the name printed most often; ties
go to the shorter, then the lexicographically smaller), every other name as
``skos:altLabel``, and ``rdfs:label`` copies of the preferred labels for tools that read
only that.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator


class LabelBag:
    """Names per node (an IRI, as the builder writes it) and language, with how often each
    was printed."""

    def __init__(self) -> None:
        self._names: dict[str, dict[str, Counter[str]]] = defaultdict(
            lambda: defaultdict(Counter)
        )
        self._fixed: dict[tuple[str, str], str] = {}

    def add(self, node: str, name: str | None, lang: str) -> None:
        if name and name.strip():
            self._names[node][lang][name.strip()] += 1

    def fix(self, node: str, name: str, lang: str) -> None:
        """Force the preferred label (curated or manifest metadata)."""
        self._fixed[(node, lang)] = name
        self.add(node, name, lang)

    def preferred(self, node: str, lang: str) -> str | None:
        fixed = self._fixed.get((node, lang))
        if fixed is not None:
            return fixed
        counter = self._names.get(node, {}).get(lang)
        if not counter:
            return None
        return min(counter, key=lambda name: (-counter[name], len(name), name))

    def rows(self) -> Iterator[tuple[str, str, str, bool]]:
        """(node, name, language, preferred) for every name, sorted: the preferred one is
        written ``skos:prefLabel`` and ``rdfs:label``, every other ``skos:altLabel``."""
        for node in sorted(self._names):
            for lang in sorted(self._names[node]):
                pref = self.preferred(node, lang)
                for name in sorted(self._names[node][lang]):
                    yield node, name, lang, name == pref
