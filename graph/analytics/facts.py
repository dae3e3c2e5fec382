"""Read what the figures need from the graph, one packaged SPARQL query at a time.

Nothing here computes a measure: it turns query rows into small typed facts (labels, node
kinds, weighted edges, counts by place and year) for the modules that do.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kyotei.graph.analytics.model import NodeRef
from kyotei.graph.analytics.source import Row, SparqlSource
from kyotei.graph.model.namespaces import KYOTEI

log = logging.getLogger(__name__)

LEVEL_CODES = {str(KYOTEI.UniversityLevel): "university", str(KYOTEI.DepartmentLevel): "department"}
KIND_BY_CLASS = {
    str(KYOTEI.UnidentifiedInstitution): "unidentified",
    str(KYOTEI.Faculty): "faculty",
    str(KYOTEI.Institution): "institution",
}
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Document:
    iri: str
    identifier: str
    title: str | None
    as_of: str | None
    publisher: str | None
    publisher_status: str


@dataclass(frozen=True)
class PlaceCount:
    document: str
    level: str
    country: str | None
    region: str | None
    agreements: int


@dataclass(frozen=True)
class YearCountRow:
    year: int
    document: str
    country: str | None
    region: str | None
    member: bool
    agreements: int


@dataclass(frozen=True)
class PartnerListing:
    document: str
    level: str
    partner: str
    country: str | None


@dataclass
class Labels:
    ja: dict[str, str] = field(default_factory=dict)
    en: dict[str, str] = field(default_factory=dict)
    code: dict[str, str] = field(default_factory=dict)

    def ref(self, iri: str) -> NodeRef:
        ja, en = self.ja.get(iri), self.en.get(iri)
        return NodeRef(iri=iri, label=en or ja or self.code.get(iri) or _tail(iri),
                       label_ja=ja, label_en=en)

    def label(self, iri: str) -> str:
        label: str = self.ref(iri).label
        return label


@dataclass(frozen=True)
class Integrity:
    agreements: int
    dated: int
    no_document: int
    many_documents: int
    many_countries: int
    pairs: int
    linked_both_ways: int
    inferred_links: int


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def level_code(iri: str) -> str:
    return LEVEL_CODES.get(iri, _tail(iri))


def _int(row: Row, name: str) -> int:
    return int(row.get(name, "0"))


def documents(source: SparqlSource) -> list[Document]:
    seen: dict[str, Document] = {}
    for row in source.named("documents"):
        iri = row["document"]
        if iri in seen:
            continue
        seen[iri] = Document(
            iri=iri,
            identifier=row.get("identifier", _tail(iri)),
            title=row.get("title"),
            as_of=row.get("asOf"),
            publisher=row.get("publisher"),
            publisher_status=row.get("publisherStatus", UNKNOWN),
        )
    return sorted(seen.values(), key=lambda d: (d.as_of or "", d.identifier))


def document_levels(source: SparqlSource) -> dict[str, dict[str, int]]:
    levels: dict[str, dict[str, int]] = defaultdict(dict)
    for row in source.named("document_levels"):
        levels[row["document"]][level_code(row["level"])] = _int(row, "agreements")
    return dict(levels)


def labels(source: SparqlSource) -> Labels:
    found = Labels()
    ja: dict[str, list[str]] = defaultdict(list)
    en: dict[str, list[str]] = defaultdict(list)
    for row in source.named("labels"):
        node, label, lang = row["node"], row.get("label"), row.get("lang", "").lower()
        if label is not None and lang == "ja":
            ja[node].append(label)
        elif label is not None and (lang == "en" or lang.startswith("en-")):
            en[node].append(label)
        if "code" in row:
            found.code.setdefault(node, row["code"])
    # SHACL allows one prefLabel per language; should a graph hold more, pick deterministically
    found.ja = {node: min(values) for node, values in ja.items()}
    found.en = {node: min(values) for node, values in en.items()}
    return found


@dataclass(frozen=True)
class Parties:
    kind: dict[str, str]
    unit_of: dict[str, str]
    country: dict[str, str]


def parties(source: SparqlSource) -> Parties:
    kinds: dict[str, set[str]] = defaultdict(set)
    unit_of: dict[str, str] = {}
    country: dict[str, str] = {}
    for row in source.named("parties"):
        node = row["node"]
        kinds[node].add(KIND_BY_CLASS[row["class"]])
        if "institution" in row:
            unit_of[node] = min(unit_of.get(node, row["institution"]), row["institution"])
        if "country" in row:
            country[node] = min(country.get(node, row["country"]), row["country"])
    kind: dict[str, str] = {}
    for node, found in kinds.items():
        # the most specific class wins: unidentified ⊑ institution; a faculty is a faculty
        kind[node] = next(k for k in ("unidentified", "faculty", "institution") if k in found)
    for node, institution in unit_of.items():
        if node not in country and institution in country:
            country[node] = country[institution]
    return Parties(kind=kind, unit_of=unit_of, country=country)


def weighted_edges(source: SparqlSource, query: str, left: str) -> list[tuple[str, str, int]]:
    """(left node, partner, agreements) rows of ``institution_network`` or
    ``department_partners``, sorted."""
    edges = [(row[left], row["partner"], _int(row, "agreements")) for row in source.named(query)]
    return sorted(edges)


def places(source: SparqlSource) -> list[PlaceCount]:
    return [
        PlaceCount(document=row["document"], level=level_code(row["level"]),
                   country=row.get("country"), region=row.get("region"),
                   agreements=_int(row, "agreements"))
        for row in source.named("agreements_by_place")
    ]


def country_regions(source: SparqlSource) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Each country's most frequent region (ties: the smaller IRI), and the countries listed
    under more than one region."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for row in source.named("country_regions"):
        counts[row["country"]][row["region"]] += _int(row, "agreements")
    chosen = {c: min(n, key=lambda r: (-n[r], r)) for c, n in counts.items()}
    ambiguous = {c: sorted(n) for c, n in counts.items() if len(n) > 1}
    return chosen, ambiguous


def signed_per_year(source: SparqlSource) -> list[YearCountRow]:
    return [
        YearCountRow(year=int(row["year"]), document=row["document"],
                     country=row.get("country"), region=row.get("region"),
                     member=row.get("member", "false") in ("true", "1"),
                     agreements=_int(row, "agreements"))
        for row in source.named("signed_per_year")
    ]


def partner_listings(source: SparqlSource) -> list[PartnerListing]:
    return [
        PartnerListing(document=row["document"], level=level_code(row["level"]),
                       partner=row["partner"], country=row.get("country"))
        for row in source.named("document_partners")
    ]


def integrity(source: SparqlSource) -> Integrity:
    rows = source.named("integrity")
    row = rows[0] if rows else {}
    return Integrity(
        agreements=_int(row, "agreements"), dated=_int(row, "dated"),
        no_document=_int(row, "noDocument"), many_documents=_int(row, "manyDocuments"),
        many_countries=_int(row, "manyCountries"), pairs=_int(row, "pairs"),
        linked_both_ways=_int(row, "linkedBothWays"), inferred_links=_int(row, "inferredLinks"),
    )


__all__ = [
    "UNKNOWN",
    "Document",
    "Integrity",
    "Labels",
    "Parties",
    "PartnerListing",
    "PlaceCount",
    "YearCountRow",
    "country_regions",
    "document_levels",
    "documents",
    "integrity",
    "labels",
    "level_code",
    "parties",
    "partner_listings",
    "places",
    "signed_per_year",
    "weighted_edges",
]
