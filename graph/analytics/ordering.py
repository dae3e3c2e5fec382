"""An order for a similarity matrix that puts similar rows next to each other (heat maps).

With scipy: average-linkage hierarchical clustering of the distances 1 - similarity, leaves
in optimal order. Without scipy: a greedy chain (start from the largest row, always append
the most similar remaining one; ties by name). Both are deterministic.
"""

from __future__ import annotations

import importlib.util
import logging

log = logging.getLogger(__name__)

SCIPY_METHOD = "scipy average-linkage clustering of 1 - Jaccard, optimal leaf order"
GREEDY_METHOD = "greedy chain: largest department first, then the most similar remaining one"


def has_scipy() -> bool:
    return importlib.util.find_spec("scipy") is not None


def cluster_order(names: list[str], similarity: list[list[float]], *, size: dict[str, int],
                  use_scipy: bool | None = None) -> tuple[list[str], str]:
    """``names`` reordered so that similar ones stand together, and how it was done."""
    if use_scipy is None:
        use_scipy = has_scipy()
    if len(names) < 3:
        return sorted(names, key=lambda n: (-size[n], n)), GREEDY_METHOD
    if use_scipy:
        return _scipy_order(names, similarity), SCIPY_METHOD
    return _greedy_order(names, similarity, size), GREEDY_METHOD


def _scipy_order(names: list[str], similarity: list[list[float]]) -> list[str]:
    import numpy as np
    from scipy.cluster.hierarchy import leaves_list, linkage
    from scipy.spatial.distance import squareform

    distance = 1.0 - np.asarray(similarity, dtype=float)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average", optimal_ordering=True)
    return [names[int(i)] for i in leaves_list(tree)]


def _greedy_order(names: list[str], similarity: list[list[float]],
                  size: dict[str, int]) -> list[str]:
    index = {n: i for i, n in enumerate(names)}
    remaining = set(names)
    current = min(names, key=lambda n: (-size[n], n))
    order = [current]
    remaining.discard(current)
    while remaining:
        row = similarity[index[current]]
        current = min(remaining, key=lambda n: (-row[index[n]], -size[n], n))
        order.append(current)
        remaining.discard(current)
    return order


__all__ = ["GREEDY_METHOD", "SCIPY_METHOD", "cluster_order", "has_scipy"]
