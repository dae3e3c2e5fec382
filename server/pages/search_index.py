"""A small index of one snapshot for finding things without SPARQL: names to search, and
agreements by country and institution to browse.

Why an index and not SPARQL on the engine: search matches folded spellings (NFKC, case,
middle dots and spaces dropped, katakana as hiragana) that SPARQL's string functions cannot
express without scanning every label per request, and the data is small (hundreds of names,
hundreds of agreements). It is built once per snapshot from bounded pattern lookups on the
store (no query text from a request), kept until the snapshot changes, and answers in the
request's thread without taking a query worker.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from kyotei.graph.model.namespaces import KYOTEI, RDF, RDFS, SKOS
from kyotei.graph.model.text import fold_typography

_TYPE = ox.NamedNode(str(RDF.type))
_LABELS = (ox.NamedNode(str(SKOS.prefLabel)), ox.NamedNode(str(SKOS.altLabel)),
           ox.NamedNode(str(RDFS.label)))
_NOTATION = ox.NamedNode(str(SKOS.notation))
_K = {name: ox.NamedNode(str(KYOTEI[name])) for name in (
    "Institution", "Faculty", "Country", "Agreement", "country", "partnerInstitution", "level",
    "tuitionWaiver", "signedOn")}
_DROP = re.compile(r"[\s・･·•\-‐‑–—_'’.,()（）「」]+")
KINDS = ("institution", "faculty", "country")


def fold(text: str) -> str:
    """A name as search compares it: NFKC and one middle dot (the project's typographic
    folding), case folded, katakana as hiragana, spaces, dots and punctuation dropped."""
    folded = fold_typography(text).casefold()
    folded = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in folded)
    return _DROP.sub("", unicodedata.normalize("NFKC", folded))


@dataclass
class Entry:
    """One thing that can be found: its IRI, kind and labels by language."""

    iri: str
    kind: str
    labels: dict[str, str] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    code: str | None = None

    def label(self, lang: str) -> str:
        other = "en" if lang == "ja" else "ja"
        return (self.labels.get(lang) or self.labels.get(other) or self.labels.get("")
                or self.iri)


@dataclass(frozen=True)
class Deal:
    """An agreement as browsing needs it."""

    iri: str
    institution: str | None
    country: str | None
    level: str | None
    waiver: bool | None
    year: int | None


class FindingIndex:
    """Names and agreements of one snapshot."""

    def __init__(self, store: ox.Store) -> None:
        self.entries: dict[str, Entry] = {}
        self._folded: list[tuple[str, Entry]] = []
        for kind in KINDS:
            for quad in store.quads_for_pattern(None, _TYPE, _K[kind.title()], None):
                if isinstance(quad.subject, ox.NamedNode):
                    self.entries.setdefault(quad.subject.value, Entry(quad.subject.value, kind))
        for entry in self.entries.values():
            node = ox.NamedNode(entry.iri)
            for predicate in _LABELS:
                for quad in store.quads_for_pattern(node, predicate, None, None):
                    if isinstance(quad.object, ox.Literal):
                        text, lang = quad.object.value, (quad.object.language or "")[:2]
                        if text not in entry.names:
                            entry.names.append(text)
                        if predicate == _LABELS[0]:
                            entry.labels.setdefault(lang, text)
            for quad in store.quads_for_pattern(node, _NOTATION, None, None):
                if isinstance(quad.object, ox.Literal):
                    entry.code = quad.object.value.upper()
            self._folded.extend((fold(name), entry) for name in entry.names)
        agreements = {q.subject.value: q.subject for q in
                      store.quads_for_pattern(None, _TYPE, _K["Agreement"], None)
                      if isinstance(q.subject, ox.NamedNode)}
        self.deals = [self._deal(store, node) for _, node in sorted(agreements.items())]
        self.countries = {e.code: e for e in self.entries.values()
                          if e.kind == "country" and e.code}
        self.institution_country: dict[str, str] = {}
        for entry in self.entries.values():
            if entry.kind == "institution":
                found = self._one(store, ox.NamedNode(entry.iri), _K["country"])
                if found:
                    self.institution_country[entry.iri] = found

    @staticmethod
    def _one(store: ox.Store, subject: ox.NamedNode, predicate: ox.NamedNode) -> str | None:
        for quad in store.quads_for_pattern(subject, predicate, None, None):
            if isinstance(quad.object, ox.NamedNode | ox.Literal):
                return quad.object.value
        return None

    def _deal(self, store: ox.Store, node: ox.NamedNode) -> Deal:
        signed = self._one(store, node, _K["signedOn"])
        waiver = self._one(store, node, _K["tuitionWaiver"])
        level = self._one(store, node, _K["level"])
        return Deal(node.value, self._one(store, node, _K["partnerInstitution"]),
                    self._one(store, node, _K["country"]),
                    level.rsplit("#", 1)[-1] if level else None,
                    None if waiver is None else waiver == "true",
                    int(signed[:4]) if signed and signed[:4].isdigit() else None)

    def search(self, text: str, kinds: tuple[str, ...] = KINDS, limit: int = 50) -> list[Entry]:
        """Entries whose folded name contains the folded ``text``: exact names first, then
        names that start with it, then the rest; each entry once."""
        wanted = fold(text)
        if not wanted:
            return []
        ranked: dict[str, tuple[int, str, Entry]] = {}
        for name, entry in self._folded:
            if entry.kind not in kinds or wanted not in name:
                continue
            rank = 0 if name == wanted else 1 if name.startswith(wanted) else 2
            best = ranked.get(entry.iri)
            if best is None or rank < best[0]:
                ranked[entry.iri] = (rank, name, entry)
        ordered = sorted(ranked.values(), key=lambda r: (r[0], KINDS.index(r[2].kind), r[1]))
        return [entry for _, _, entry in ordered[:limit]]

    def filtered(self, *, level: str | None = None, waiver: bool | None = None,
                 year: int | None = None) -> list[Deal]:
        return [d for d in self.deals
                if (level is None or d.level == level)
                and (waiver is None or d.waiver is waiver)
                and (year is None or d.year == year)]

    def by_country(self, deals: list[Deal]) -> dict[str, list[Deal]]:
        grouped: dict[str, list[Deal]] = defaultdict(list)
        for deal in deals:
            if deal.country:
                grouped[deal.country].append(deal)
        return grouped


class IndexCache:
    """The index of the snapshot served now, rebuilt when the snapshot changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: str | None = None
        self._index: FindingIndex | None = None

    def get(self, key: str, store: ox.Store) -> FindingIndex:
        with self._lock:
            if self._index is None or self._key != key:
                self._index, self._key = FindingIndex(store), key
            return self._index
