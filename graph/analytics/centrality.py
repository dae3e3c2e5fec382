"""Betweenness centrality by Brandes' algorithm, run level by level on sparse matrices.

networkx's ``betweenness_centrality`` walks the graph one source at a time in Python: fine
for the shipped graph, minutes for a network of a hundred thousand nodes even with a
sample of sources. Here the same algorithm (Brandes 2001: breadth-first search counting
shortest paths, then dependencies accumulated from the farthest level back) runs for a
batch of sources at once, each level one sparse matrix product (scipy), so the cost is
levels × edges × sources in compiled code. The sources, the sampling and the scaling are
networkx's own (``betweenness_centrality(G, k, normalized=True, seed=seed)``: unweighted,
endpoints excluded; a sample of ``k`` sources drawn with ``random.Random(seed).sample``
over the nodes in graph order, sampled sources and the others rescaled as networkx does),
and the tests compare the two: the values agree to rounding.
"""

from __future__ import annotations

import logging
import random

import networkx as nx
import numpy as np
from scipy.sparse import csr_array

log = logging.getLogger(__name__)

BATCH_CELLS = 2_000_000  # sources per batch × nodes: bounds the dense level matrices


def betweenness(graph: nx.Graph, *, k: int | None = None, seed: int = 0) -> dict[str, float]:
    """Normalised, unweighted betweenness of every node of the undirected ``graph``, exact
    (``k`` None) or estimated from ``k`` sampled sources; the same values as networkx's
    ``betweenness_centrality(graph, k=k, normalized=True, seed=seed)``."""
    nodes = list(graph.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    picked = (list(range(n)) if k is None else [index[s] for s in _sample(nodes, k, seed)])
    rows, cols = [], []
    for a, b in graph.edges:
        if a != b:
            rows += [index[a], index[b]]
            cols += [index[b], index[a]]
    adjacency = csr_array((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    adjacency.sum_duplicates()
    adjacency.data[:] = 1.0
    raw = np.zeros(n)
    batch = max(1, BATCH_CELLS // n)
    for start in range(0, len(picked), batch):
        raw += _dependencies(adjacency, np.asarray(picked[start:start + batch]))
    return dict(zip(nodes, _rescale(raw, n, picked if k is not None else None), strict=True))


def _sample(nodes: list[str], k: int, seed: int) -> list[str]:
    sample: list[str] = random.Random(seed).sample(nodes, k)  # noqa: S311 - networkx's draw
    return sample


def _dependencies(adjacency: csr_array, sources: np.ndarray) -> np.ndarray:
    """Σ over ``sources`` of each node's dependency δ_s(v) (v ≠ s)."""
    n, b = adjacency.shape[0], len(sources)
    columns = np.arange(b)
    depth = np.full((n, b), -1, dtype=np.int32)
    sigma = np.zeros((n, b))
    depth[sources, columns] = 0
    sigma[sources, columns] = 1.0
    frontier = sigma.copy()
    level = 0
    while True:
        reached = adjacency @ frontier
        new = (reached > 0) & (depth < 0)
        if not new.any():
            break
        level += 1
        depth[new] = level
        sigma[new] = reached[new]
        frontier = np.where(new, reached, 0.0)
    delta = np.zeros((n, b))
    inverse = np.divide(1.0, sigma, out=np.zeros_like(sigma), where=sigma > 0)
    for current in range(level - 1, -1, -1):
        below = np.where(depth == current + 1, (1.0 + delta) * inverse, 0.0)
        here = depth == current
        delta[here] = (sigma * (adjacency @ below))[here]
    delta[sources, columns] = 0.0
    summed: np.ndarray = delta.sum(axis=1)
    return summed


def _rescale(raw: np.ndarray, n: int, sampled: list[int] | None) -> list[float]:
    """networkx's normalisation (endpoints excluded, undirected counted as ordered pairs)."""
    others = n - 1
    if others < 2:
        return [0.0] * n
    if sampled is None:
        return [float(x) for x in raw * (1 / (others * (others - 1)))]
    k = len(sampled)
    scale = np.full(n, 1 / (k * (others - 1)))
    scale[sampled] = 1 / ((k - 1) * (others - 1)) if k > 1 else np.nan
    return [float(x) for x in raw * scale]


__all__ = ["betweenness"]
