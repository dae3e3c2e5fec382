"""The report's figures as inline SVG, drawn offline with matplotlib (no pyplot state).

Japanese labels need a CJK font: the first one found among ``CJK_FAMILIES`` is used (see
:mod:`.fonts`, which also asks fontconfig when matplotlib's font list is stale). Without
one, labels fall back to English where the graph has it, else to a numbered key the report
prints beside the figure (never tofu boxes).
"""

from __future__ import annotations

import io
import logging
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib
import networkx as nx
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from kyotei.graph.analytics.model import AnalysisResult
from kyotei.graph.analytics.render.fonts import CJK_FAMILIES, cjk_family

log = logging.getLogger(__name__)

NON_LATIN = re.compile(r"[^\u0000-\u024f\u2000-\u206f]")
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac")
UNKNOWN_COLOUR = "#bbbbbb"
NETWORK_LABELS = 20
DRAW_LIMIT = 499
TOP_COUNTRIES = 20
HEATMAP_LIMIT = 60  # departments drawn in the overlap heat map
REGION_SCOPES = 8  # bars per region: all documents, then the documents with most agreements


def needs_cjk(text: str) -> bool:
    return NON_LATIN.search(text) is not None


class Labeller:
    """Labels for figures: the label as is when it can be drawn, else English, else a key."""

    def __init__(self) -> None:
        self.can_draw_cjk = cjk_family() is not None
        self.keys: dict[str, str] = {}

    def __call__(self, label: str, english: str | None = None) -> str:
        if self.can_draw_cjk or not needs_cjk(label):
            return label
        if english:
            return english
        return self.keys.setdefault(label, f"#{len(self.keys) + 1}")

    def or_code(self, label: str, code: str) -> str:
        """The label if it can be drawn, else the code (a country's or region's notation)."""
        return label if self.can_draw_cjk or not needs_cjk(label) else code


@contextmanager
def _style() -> Iterator[None]:
    family = cjk_family()
    fonts = [family, "DejaVu Sans"] if family else ["DejaVu Sans"]
    with matplotlib.rc_context({
        "font.family": "sans-serif", "font.sans-serif": fonts, "svg.fonttype": "path",
        "svg.hashsalt": "kyotei", "axes.spines.top": False, "axes.spines.right": False,
        "font.size": 9,
    }):
        yield


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg"):]  # drop the XML prolog and doctype for inlining


def timeline(result: AnalysisResult) -> str | None:
    growth = result.growth
    if not growth.years:
        return None
    with _style():
        figure = Figure(figsize=(9, 3.6))
        axes = figure.add_subplot()
        years = [y.year for y in growth.years]
        bottom = [0] * len(years)
        for index, region in enumerate(growth.regions):
            values = [y.by_region.get(region.key, 0) for y in growth.years]
            colour = UNKNOWN_COLOUR if region.iri is None else PALETTE[index % len(PALETTE)]
            axes.bar(years, values, bottom=bottom, color=colour, label=region.label, width=0.8)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        axes.set_ylabel("agreements signed")
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        line_axes = axes.twinx()
        line_axes.plot(years, [y.cumulative for y in growth.years], color="#333333",
                       linewidth=1.5, label="cumulative")
        line_axes.set_ylabel("cumulative")
        line_axes.set_ylim(bottom=0)
        axes.legend(loc="upper left", frameon=False, ncols=2)
        axes.set_title(f"Agreements signed per year ({growth.dated} dated)")
        return _svg(figure)


def countries(result: AnalysisResult, label: Labeller) -> str | None:
    if not result.concentration or not result.concentration[0].by_country:
        return None
    rows = result.concentration[0].by_country[:TOP_COUNTRIES]
    with _style():
        figure = Figure(figsize=(7, 0.28 * len(rows) + 1))
        axes = figure.add_subplot()
        labels = [f"{label.or_code(r.label, r.key)} ({r.key})" for r in rows]
        axes.barh(labels[::-1], [r.agreements for r in rows][::-1], color=PALETTE[0])
        for y, r in enumerate(rows[::-1]):
            axes.text(r.agreements, y, f" {r.share:.0%}", va="center", fontsize=8)
        axes.set_xlabel("agreements")
        axes.set_title(f"Top {len(rows)} countries, all documents")
        return _svg(figure)


def regions(result: AnalysisResult, label: Labeller) -> str | None:
    scopes = result.concentration
    title = "Agreements by region, per document"
    if len(scopes) > REGION_SCOPES:  # all, then the documents with most agreements
        ranked = sorted(scopes[1:], key=lambda c: -c.agreements)[:REGION_SCOPES - 1]
        scopes = [scopes[0], *[c for c in scopes[1:] if c in ranked]]
        title += (f" (the {REGION_SCOPES - 1} documents with most agreements of "
                  f"{len(result.concentration) - 1})")
    keys = sorted({r.key for c in scopes for r in c.by_region})
    if not keys:
        return None
    labels = {r.key: label.or_code(r.label, r.key) for c in scopes for r in c.by_region}
    with _style():
        figure = Figure(figsize=(8, 3.4))
        axes = figure.add_subplot()
        width = 0.8 / len(scopes)
        for index, scope in enumerate(scopes):
            shares = {r.key: r.share for r in scope.by_region}
            positions = [k + index * width for k in range(len(keys))]
            axes.bar(positions, [shares.get(k, 0.0) for k in keys], width=width,
                     color=PALETTE[index % len(PALETTE)], label=scope.scope)
        axes.set_xticks([k + 0.4 - width / 2 for k in range(len(keys))],
                        [labels[k] for k in keys])
        axes.set_ylabel("share of agreements")
        axes.legend(frameon=False)
        axes.set_title(title)
        return _svg(figure)


def network(result: AnalysisResult, label: Labeller) -> str | None:
    net = result.network
    if not net.edge_list:
        return None
    # small components would drift to the edges and shrink the rest: draw the largest one
    largest = set(net.components[0].members)
    drawn = largest
    shown = (f"largest component, {len(largest)} of {net.nodes} nodes"
             if len(net.components) > 1 else f"{net.nodes} nodes")
    if len(largest) > DRAW_LIMIT:
        # a readable drawing, a bounded layout time, and networkx's dense layout (500 nodes or
        # more need scipy): draw the most connected nodes
        drawn = set([n.iri for n in net.ranking if n.iri in largest][:DRAW_LIMIT])
        shown += f", the {DRAW_LIMIT} most connected drawn"
    # the nodes in sorted order (a networkx subgraph view would list them in set order, which
    # changes with the hash seed and so moved the layout from run to run)
    graph = nx.Graph()
    graph.add_nodes_from(sorted(drawn))
    graph.add_weighted_edges_from((e.source, e.target, e.agreements) for e in net.edge_list
                                  if e.source in drawn and e.target in drawn)
    position = nx.spring_layout(graph, seed=result.seed, weight="weight", iterations=150,
                                k=3.0 / max(len(graph), 1) ** 0.5)
    nodes = {n.iri: n for n in net.ranking}
    order = list(graph.nodes)
    with _style():
        figure = Figure(figsize=(11, 9))
        axes = figure.add_subplot()
        axes.set_axis_off()
        edges = list(graph.edges(data="weight"))
        axes.add_collection(LineCollection(
            [(position[a], position[b]) for a, b, _ in edges], colors="#999999", alpha=0.35,
            linewidths=[0.4 + 0.4 * w for _, _, w in edges], zorder=1))
        axes.scatter([position[n][0] for n in order], [position[n][1] for n in order],
                     s=[12 + 6 * nodes[n].weighted_degree for n in order],
                     c=[PALETTE[(nodes[n].community - 1) % len(PALETTE)] for n in order],
                     edgecolors=["#000000" if "home" in nodes[n].roles else "none"
                                 for n in order], linewidths=0.6, zorder=2)
        for node in [n for n in net.ranking if n.iri in position][:NETWORK_LABELS]:
            x, y = position[node.iri]
            axes.annotate(label(node.label, node.label_en), (x, y), fontsize=7, zorder=3,
                          xytext=(3, 3), textcoords="offset points")
        axes.set_title(f"Institution network ({shown}); colour: community; "
                       "size: agreements; home units outlined")
        return _svg(figure)


def overlap(result: AnalysisResult, label: Labeller) -> str | None:
    data = result.bipartite.overlap
    if len(data.order) < 2:
        return None
    title = "Department overlap (Jaccard of partner sets), clustered"
    order, matrix = data.order, data.matrix
    if len(order) > HEATMAP_LIMIT:  # a readable map, and a bounded drawing time
        shown = {r.iri for r in order}
        ranked = {d.iri for d in [d for d in result.bipartite.departments
                                  if d.iri in shown][:HEATMAP_LIMIT]}
        keep = [i for i, r in enumerate(order) if r.iri in ranked]
        order = [order[i] for i in keep]
        matrix = [[matrix[i][j] for j in keep] for i in keep]
        title += f"; the {len(keep)} departments with most partners of {len(data.order)}"
    size = max(4.0, 0.22 * len(order) + 2)
    with _style():
        figure = Figure(figsize=(size + 1.5, size))
        axes = figure.add_subplot()
        # the diagonal (1.0) would swamp the colour scale: leave it blank
        masked = [[math.nan if i == j else value for j, value in enumerate(row)]
                  for i, row in enumerate(matrix)]
        top = max((v for row in masked for v in row if not math.isnan(v)), default=0.0)
        image = axes.imshow(masked, cmap="viridis", vmin=0.0, vmax=max(top, 0.05))
        names = [label(r.label, r.label_en) for r in order]
        axes.set_xticks(range(len(names)), names, rotation=90, fontsize=7)
        axes.set_yticks(range(len(names)), names, fontsize=7)
        figure.colorbar(image, ax=axes, label="Jaccard (diagonal left blank)", shrink=0.7)
        axes.set_title(title)
        return _svg(figure)


def figures(result: AnalysisResult) -> tuple[dict[str, str], dict[str, str]]:
    """The figures by name (SVG text), and the key of any label drawn as a number."""
    label = Labeller()
    drawn = {
        "timeline": timeline(result), "countries": countries(result, label),
        "regions": regions(result, label), "network": network(result, label),
        "overlap": overlap(result, label),
    }
    if not label.can_draw_cjk:
        log.warning("no CJK font found (tried %s): Japanese labels drawn as numbered keys",
                    ", ".join(CJK_FAMILIES))
    return ({name: svg for name, svg in drawn.items() if svg is not None},
            {key: text for text, key in label.keys.items()})


__all__ = ["CJK_FAMILIES", "Labeller", "cjk_family", "figures"]
