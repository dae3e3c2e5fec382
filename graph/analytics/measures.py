"""Every measure the analysis reports, with its one-line meaning (shown in every output)."""

from __future__ import annotations

from kyotei.graph.analytics.model import Measure

OVERLAP_CLUSTER_MIN_JACCARD = 0.1

MEANINGS: dict[str, str] = {
    "degree": "Number of distinct nodes a node has at least one agreement with.",
    "weighted_degree": "Number of agreements a node is a party to (edges weighted by agreements).",
    "betweenness": "Share of shortest paths between other nodes that pass through this node "
    "(unweighted, normalised 0–1; estimated from a seeded sample of sources on very large "
    "graphs): brokers between otherwise separate parts.",
    "eigenvector": "Importance from being linked to important nodes (agreement-weighted, unit "
    "vector over the largest connected component; 0 outside it).",
    "density": "Edges present as a share of all possible pairs of nodes.",
    "components": "Groups of nodes joined by any chain of agreements; two components share no "
    "partner and no home unit.",
    "communities": "Louvain communities (seeded, reproducible): groups more densely linked "
    "inside than to each other.",
    "modularity": "How much more agreements fall inside communities than chance would put "
    "there (-0.5 to 1; above about 0.3 is clear structure).",
    "top_partners": "Partner institutions ranked by the number of home departments with a "
    "department-level agreement with them.",
    "department_projection": "Departments linked when they share a partner institution; "
    "weight = number of shared partners.",
    "partner_projection": "Partner institutions linked when one department partners with both; "
    "weight = number of such departments.",
    "jaccard": "Department overlap: partner institutions two departments share, divided by the "
    "partners either has (0 = none shared, 1 = identical sets).",
    "overlap_clusters": "Departments joined by a chain of pairs with Jaccard at least "
    f"{OVERLAP_CLUSTER_MIN_JACCARD} (single linkage); singletons left out.",
    "share": "Share of agreements listed under a country or region, among agreements that have "
    "one.",
    "hhi": "Herfindahl-Hirschman index: sum of squared shares; 1/n when spread evenly over n, "
    "1 when all in one.",
    "effective_number": "1 / HHI: how many equally-sized countries (regions) would give the "
    "same concentration.",
    "growth": "Agreements signed per year from printed signing dates, cumulative, by region "
    "(the agreement's own region, else the one its country is listed under elsewhere).",
    "comparison": "Partner institutions in both documents, only in the older, only in the "
    "newer; countries gained and lost; Jaccard of the two partner sets.",
}


def measures() -> list[Measure]:
    return [Measure(name=name, meaning=meaning) for name, meaning in MEANINGS.items()]


__all__ = ["MEANINGS", "OVERLAP_CLUSTER_MIN_JACCARD", "measures"]
