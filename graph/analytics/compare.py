"""Snapshot comparison between source documents, honest about what each one covers."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from kyotei.graph.analytics.facts import Document, Labels, PartnerListing
from kyotei.graph.analytics.model import Comparison, NodeRef

PRECISION = 6
LEVEL_ORDER = ("university", "department")
COMPARE_ALL_LIMIT = 12  # documents; more are compared only with the same publisher's next


def _levels(levels: set[str]) -> list[str]:
    return sorted(levels, key=lambda lv: (LEVEL_ORDER.index(lv) if lv in LEVEL_ORDER else 9, lv))


def _describe(document: Document, levels: set[str], labels: Labels) -> str:
    publisher = labels.label(document.publisher) if document.publisher else "not named"
    return (f"{document.identifier} (as of {document.as_of or 'unknown'}; publisher "
            f"{publisher}, {document.publisher_status}; levels {', '.join(_levels(levels))})")


def scope_warnings(older: Document, newer: Document, levels: dict[str, set[str]],
                   labels: Labels) -> list[str]:
    """What makes the two documents not like for like, stated rather than papered over."""
    warnings = [f"Comparing {_describe(older, levels[older.iri], labels)} with "
                f"{_describe(newer, levels[newer.iri], labels)}."]
    for document in (older, newer):
        if document.publisher_status == "unidentified" or document.publisher is None:
            warnings.append(
                f"{document.identifier} names no publisher: its home party is unidentified, so "
                "a partner only in one list need not have been gained or lost by one "
                "institution; the lists may be different institutions' or departments'.")
    if (older.publisher and newer.publisher and older.publisher != newer.publisher):
        warnings.append(f"The publishers differ ({labels.label(older.publisher)} vs "
                        f"{labels.label(newer.publisher)}): two institutions' lists, not one "
                        "list at two dates.")
    if levels[older.iri] != levels[newer.iri]:
        warnings.append(
            f"The documents cover different levels ({', '.join(_levels(levels[older.iri]))} vs "
            f"{', '.join(_levels(levels[newer.iri]))}): partners only in one may be agreements "
            "of a level the other document does not list.")
    return warnings


class Listings:
    """Each document's partner institutions and countries per level, read once."""

    def __init__(self, listings: list[PartnerListing], labels: Labels) -> None:
        self.partners: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.countries: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for listing in listings:
            self.partners[listing.document][listing.level].add(listing.partner)
            if listing.country is not None:
                self.countries[listing.document][listing.level].add(
                    labels.code.get(listing.country, labels.label(listing.country)))

    def levels(self, document: str) -> set[str]:
        return set(self.partners.get(document, {}))

    def union(self, table: dict[str, dict[str, set[str]]], document: str,
              scope: set[str]) -> set[str]:
        found: set[str] = set()
        for level, values in table.get(document, {}).items():
            if level in scope:
                found |= values
        return found


def _compare(older: Document, newer: Document, scope: set[str], listings: Listings,
             labels: Labels, warnings: list[str]) -> Comparison:
    a = listings.union(listings.partners, older.iri, scope)
    b = listings.union(listings.partners, newer.iri, scope)
    ca = listings.union(listings.countries, older.iri, scope)
    cb = listings.union(listings.countries, newer.iri, scope)

    def refs(iris: set[str]) -> list[NodeRef]:
        return sorted((labels.ref(i) for i in iris), key=lambda r: (r.label, r.iri))

    union = a | b
    return Comparison(
        older=older.identifier, newer=newer.identifier, levels=_levels(scope),
        older_partners=len(a), newer_partners=len(b), partners_both=refs(a & b),
        only_older=refs(a - b), only_newer=refs(b - a), countries_both=sorted(ca & cb),
        countries_gained=sorted(cb - ca), countries_lost=sorted(ca - cb),
        jaccard=round(len(a & b) / len(union), PRECISION) if union else 0.0,
        warnings=warnings)


def compared_pairs(ordered: list[Document]) -> list[tuple[Document, Document]]:
    """The pairs of documents (older first) to compare: every pair up to COMPARE_ALL_LIMIT
    documents; beyond that (many institutions' lists: every pair would be a quadratic pile
    of unlike comparisons) each document with the next one of the same stated publisher,
    the one comparison that reads as one list at two dates."""
    if len(ordered) <= COMPARE_ALL_LIMIT:
        return list(combinations(ordered, 2))
    last: dict[str, Document] = {}
    found = []
    for document in ordered:
        if document.publisher is None or document.publisher_status == "unidentified":
            continue
        if document.publisher in last:
            found.append((last[document.publisher], document))
        last[document.publisher] = document
    return found


def compare_documents(documents: list[Document], listings: list[PartnerListing],
                      labels: Labels) -> list[Comparison]:
    """The pairs of :func:`compared_pairs`, older first: all levels either covers, and —
    when their levels differ but overlap — the levels both cover, like for like."""
    found = Listings(listings, labels)
    levels: dict[str, set[str]] = {d.iri: found.levels(d.iri) for d in documents}
    ordered = sorted((d for d in documents if levels[d.iri]),
                     key=lambda d: (d.as_of or "", d.identifier))
    result = []
    for older, newer in compared_pairs(ordered):
        warnings = scope_warnings(older, newer, levels, labels)
        both, either = levels[older.iri] & levels[newer.iri], levels[older.iri] | levels[newer.iri]
        result.append(_compare(older, newer, either, found, labels, warnings))
        if both and both != either:
            note = (f"Restricted to the level both documents cover "
                    f"({', '.join(_levels(both))}).")
            result.append(_compare(older, newer, both, found, labels, [*warnings, note]))
    return result


__all__ = ["COMPARE_ALL_LIMIT", "compare_documents", "compared_pairs", "scope_warnings"]
