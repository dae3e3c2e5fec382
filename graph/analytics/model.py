"""The analysis result: a tree of dataclasses, ``to_dict()`` gives JSON (see schema.json)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class NodeRef:
    """A node the figures name: its IRI, the label to show (English where known, else
    Japanese, else the IRI) and both preferred labels."""

    iri: str
    label: str
    label_ja: str | None = None
    label_en: str | None = None


@dataclass(frozen=True)
class Measure:
    name: str
    meaning: str


@dataclass(frozen=True)
class DocumentSummary:
    iri: str
    identifier: str
    title: str | None
    as_of: str | None
    publisher: NodeRef | None
    publisher_status: str
    agreements: int
    levels: dict[str, int]


@dataclass(frozen=True)
class NetworkNode:
    iri: str
    label: str
    label_ja: str | None
    label_en: str | None
    kind: str
    roles: list[str]
    country: str | None
    degree: int
    weighted_degree: int
    betweenness: float
    eigenvector: float | None
    component: int
    community: int


@dataclass(frozen=True)
class NodeGroup:
    """A connected component or a community: its members, largest weighted degree first."""

    id: int
    size: int
    agreements: int
    top: list[NodeRef]
    members: list[str]


@dataclass(frozen=True)
class InferredCheck:
    available: bool
    consistent: bool | None
    pairs: int
    linked_both_ways: int
    inferred_links: int
    note: str


@dataclass(frozen=True)
class Edge:
    """A home party and a partner institution, with the number of agreements between them."""

    source: str
    target: str
    agreements: int


@dataclass(frozen=True)
class NetworkResult:
    nodes: int
    edges: int
    agreements: int
    density: float
    modularity: float | None
    betweenness_sample: int | None
    components: list[NodeGroup]
    communities: list[NodeGroup]
    ranking: list[NetworkNode]
    edge_list: list[Edge]
    inferred_check: InferredCheck


@dataclass(frozen=True)
class Department:
    iri: str
    label: str
    label_ja: str | None
    label_en: str | None
    kind: str
    partners: int
    agreements: int


@dataclass(frozen=True)
class SharedPartner:
    iri: str
    label: str
    label_ja: str | None
    label_en: str | None
    country: str | None
    departments: int
    agreements: int
    department_iris: list[str]


@dataclass(frozen=True)
class WeightedPair:
    a: NodeRef
    b: NodeRef
    weight: float


@dataclass(frozen=True)
class Projection:
    name: str
    nodes: int
    edges: int
    density: float
    top_pairs: list[WeightedPair]


@dataclass(frozen=True)
class Overlap:
    method: str
    order: list[NodeRef]
    matrix: list[list[float]]
    clusters: list[list[str]]
    nearest: list[WeightedPair]


@dataclass(frozen=True)
class BipartiteResult:
    departments: list[Department]
    partners: int
    edges: int
    agreements: int
    top_partners: list[SharedPartner]
    department_projection: Projection
    partner_projection: Projection
    overlap: Overlap


@dataclass(frozen=True)
class Share:
    key: str
    iri: str | None
    label: str
    agreements: int
    share: float


@dataclass(frozen=True)
class Concentration:
    scope: str
    agreements: int
    by_country: list[Share]
    by_region: list[Share]
    countries_unknown: int
    regions_unknown: int
    hhi_country: float | None
    hhi_region: float | None
    effective_countries: float | None
    effective_regions: float | None
    region_basis: dict[str, int]


@dataclass(frozen=True)
class YearCount:
    year: int
    agreements: int
    cumulative: int
    by_region: dict[str, int]


@dataclass(frozen=True)
class DecadeCount:
    decade: int
    agreements: int
    by_region: dict[str, int]


@dataclass(frozen=True)
class Growth:
    dated: int
    undated: int
    umbrella_members: int
    first_year: int | None
    last_year: int | None
    as_of: str | None
    documents: list[str]
    regions: list[Share]
    years: list[YearCount]
    decades: list[DecadeCount]


@dataclass(frozen=True)
class Comparison:
    older: str
    newer: str
    levels: list[str]
    older_partners: int
    newer_partners: int
    partners_both: list[NodeRef]
    only_older: list[NodeRef]
    only_newer: list[NodeRef]
    countries_both: list[str]
    countries_gained: list[str]
    countries_lost: list[str]
    jaccard: float
    warnings: list[str]


@dataclass(frozen=True)
class AnalysisResult:
    base_iri: str
    seed: int
    agreements: int
    documents: list[DocumentSummary]
    measures: list[Measure]
    network: NetworkResult
    bipartite: BipartiteResult
    concentration: list[Concentration]
    growth: Growth
    comparisons: list[Comparison]
    warnings: list[str]
    countries: dict[str, str] = field(default_factory=dict)
    queries: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict that validates against schema.json."""
        return asdict(self)

    def measure(self, name: str) -> str:
        """The one-line meaning of the measure ``name``."""
        return next(m.meaning for m in self.measures if m.name == name)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``AnalysisResult.to_dict()``: schema.json."""
    text = resources.files("kyotei.graph.analytics").joinpath("schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


__all__ = [
    "AnalysisResult", "BipartiteResult", "Comparison", "Concentration", "DecadeCount",
    "Department", "DocumentSummary", "Edge", "Growth", "InferredCheck", "Measure", "NetworkNode",
    "NetworkResult", "NodeGroup", "NodeRef", "Overlap", "Projection", "Share", "SharedPartner",
    "WeightedPair", "YearCount", "json_schema",
]
