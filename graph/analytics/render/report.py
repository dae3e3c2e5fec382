"""The analysis as one self-contained HTML page: inline CSS and SVG, no script, no fetch."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from kyotei.graph.analytics.model import AnalysisResult, Comparison, NodeRef
from kyotei.graph.analytics.render.plots import figures

TOP = 25

CSS = """
body { font-family: system-ui, "Noto Sans CJK JP", "Noto Sans JP", sans-serif; margin: 2rem auto;
       max-width: 72rem; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc;
     margin-top: 2.5rem; } h3 { font-size: 1.05rem; }
table { border-collapse: collapse; margin: 0.6rem 0 1rem; font-size: 0.88rem; }
th, td { border: 1px solid #ddd; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
p.meaning { color: #555; font-size: 0.88rem; margin: 0.2rem 0; }
.warnings { background: #fff8e1; border-left: 4px solid #f0ad4e; padding: 0.5rem 1rem; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
details summary { cursor: pointer; } code { font-size: 0.85rem; }
"""


def _cell(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = f"{value:.3f}" if isinstance(value, float) else str(value)
        return f'<td class="n">{text}</td>'
    return f"<td>{escape('—' if value is None else str(value))}</td>"


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _meaning(result: AnalysisResult, *names: str) -> str:
    return "".join(f'<p class="meaning"><b>{escape(n)}</b>: {escape(result.measure(n))}</p>'
                   for n in names)


def _figure(svgs: dict[str, str], name: str, caption: str) -> str:
    if name not in svgs:
        return f"<p>(no data for the {escape(name)} figure)</p>"
    return (f'<figure id="fig-{name}">{svgs[name]}'
            f"<figcaption>{escape(caption)}</figcaption></figure>")


def _refs(refs: list[NodeRef]) -> str:
    """The labels as HTML (escaped once: not for a table cell, which escapes itself)."""
    return escape(_labels(refs))


def _labels(refs: list[NodeRef]) -> str:
    return ", ".join(r.label for r in refs) or "—"


def _documents(result: AnalysisResult) -> str:
    rows = [(d.identifier, d.title, d.as_of, d.publisher.label if d.publisher else None,
             d.publisher_status, ", ".join(f"{k}: {v}" for k, v in d.levels.items()),
             d.agreements) for d in result.documents]
    warnings = "".join(f"<li>{escape(w)}</li>" for w in result.warnings)
    return ("<h2>Scope</h2>" + _table(("document", "title", "as of", "publisher",
                                        "publisher status", "levels", "agreements"), rows)
            + (f'<div class="warnings"><ul>{warnings}</ul></div>' if warnings else ""))


def _growth(result: AnalysisResult, svgs: dict[str, str]) -> str:
    g = result.growth
    keys = [r.key for r in g.regions]
    cumulative, rows = 0, []
    for d in g.decades:
        cumulative += d.agreements
        rows.append((f"{d.decade}s", d.agreements, cumulative,
                     *(d.by_region.get(k, 0) for k in keys)))
    return ("<h2>Growth</h2>" + _meaning(result, "growth")
            + f"<p>{g.dated} dated agreements (in {escape(', '.join(g.documents) or 'none')}), "
            f"{g.undated} undated; {g.umbrella_members} of the dated are member campuses that "
            "carry their umbrella agreement's date."
            + (f" The dated list is as of {escape(g.as_of)}: its last decade is partial."
               if g.as_of else "") + "</p>"
            + _figure(svgs, "timeline", "Agreements signed per year, stacked by region; line: "
                      "cumulative.")
            + _table(("decade", "signed", "cumulative", *(r.label for r in g.regions)), rows))


def _concentration(result: AnalysisResult, svgs: dict[str, str]) -> str:
    rows = [(c.scope, c.agreements, c.hhi_country, c.effective_countries, c.hhi_region,
             c.effective_regions, c.countries_unknown, c.regions_unknown)
            for c in result.concentration]
    everything = result.concentration[0].by_country[:TOP] if result.concentration else []
    return ("<h2>Concentration</h2>" + _meaning(result, "share", "hhi", "effective_number")
            + _table(("scope", "agreements", "HHI country", "effective countries",
                      "HHI region", "effective regions", "no country", "no region"), rows)
            + _figure(svgs, "countries", "Agreements by country (all documents) and share.")
            + _table(("country", "code", "agreements", "share"),
                     [(s.label, s.key, s.agreements, f"{s.share:.1%}") for s in everything])
            + _figure(svgs, "regions", "Share of agreements by region, per scope (all "
                      "documents, then each document)."))


def _network(result: AnalysisResult, svgs: dict[str, str]) -> str:
    net = result.network
    summary = [("nodes", net.nodes), ("edges", net.edges), ("agreements", net.agreements),
               ("density", net.density), ("components", len(net.components)),
               ("largest component", net.components[0].size if net.components else 0),
               ("communities", len(net.communities)), ("modularity", net.modularity),
               ("betweenness", f"estimated from {net.betweenness_sample} sampled sources"
                if net.betweenness_sample else "exact"),
               ("inferred-graph check", net.inferred_check.note)]
    ranking = [(n.label, n.kind, n.country, n.degree, n.weighted_degree, n.betweenness,
                n.eigenvector, n.community) for n in net.ranking[:TOP]]
    brokers = sorted(net.ranking, key=lambda n: (-n.betweenness, n.iri))[:10]
    partners = [(n.label, n.country, n.degree, n.weighted_degree)
                for n in net.ranking if "partner" in n.roles][:TOP]
    communities = [(c.id, c.size, c.agreements, _labels(c.top))
                   for c in net.communities[:TOP]]
    return ("<h2>Institution network</h2>"
            + _meaning(result, "degree", "weighted_degree", "betweenness", "eigenvector",
                       "density", "components", "communities", "modularity")
            + _table(("measure", "value"), summary)
            + _figure(svgs, "network", "Home units and partner institutions; size: agreements; "
                      "colour: community; labels on the most connected nodes.")
            + f"<h3>Top {TOP} by weighted degree</h3>"
            + _table(("node", "kind", "country", "degree", "weighted degree", "betweenness",
                      "eigenvector", "community"), ranking)
            + f"<h3>Top {TOP} partner institutions by agreements</h3>"
            + _table(("partner", "country", "home units", "agreements"), partners)
            + "<h3>Brokers (highest betweenness)</h3>"
            + _table(("node", "betweenness"), [(n.label, n.betweenness) for n in brokers])
            + "<h3>Communities</h3>"
            + _table(("community", "size", "agreements", "largest members"), communities))


def _departments(result: AnalysisResult, svgs: dict[str, str], key: dict[str, str]) -> str:
    bip = result.bipartite
    partners = [(p.label, p.country, p.departments, p.agreements) for p in bip.top_partners[:TOP]]
    nearest = [(p.a.label, p.b.label, p.weight) for p in bip.overlap.nearest[:TOP]]
    label_of = {r.iri: r.label for r in bip.overlap.order}
    clusters = [(i + 1, len(c), ", ".join(label_of.get(m, m) for m in c))
                for i, c in enumerate(bip.overlap.clusters)]
    projections = [(p.name, p.nodes, p.edges, p.density,
                    "; ".join(f"{t.a.label} — {t.b.label} ({t.weight:g})" for t in p.top_pairs[:5]))
                   for p in (bip.department_projection, bip.partner_projection)]
    keyed = sorted(key.items(), key=lambda kv: int(kv[0].lstrip("#")))
    legend = _table(("key", "label"), keyed) if key else ""
    return ("<h2>Departments and shared partners</h2>"
            + f"<p>{len(bip.departments)} departments, {bip.partners} partner institutions, "
            f"{bip.agreements} department-level agreements.</p>"
            + _meaning(result, "top_partners") + _table(
                ("partner", "country", "departments", "agreements"), partners)
            + _meaning(result, "department_projection", "partner_projection")
            + _table(("projection", "nodes", "edges", "density", "strongest pairs"), projections)
            + _meaning(result, "jaccard", "overlap_clusters")
            + _figure(svgs, "overlap", f"Department overlap; order: {bip.overlap.method}.")
            + legend
            + _table(("cluster", "size", "departments"), clusters)
            + _table(("department", "most similar", "Jaccard"), nearest))


def _comparison(c: Comparison) -> str:
    warnings = "".join(f"<li>{escape(w)}</li>" for w in c.warnings)
    lists = "".join(
        f"<details><summary>{escape(name)} ({len(refs)})</summary><p>{_refs(refs)}</p></details>"
        for name, refs in (("in both", c.partners_both), (f"only in {c.older}", c.only_older),
                           (f"only in {c.newer}", c.only_newer)))
    return (f"<h3>{escape(c.older)} → {escape(c.newer)} (levels: {escape(', '.join(c.levels))})"
            f'</h3><div class="warnings"><ul>{warnings}</ul></div>'
            + _table(("partners in older", "in newer", "in both", "only older", "only newer",
                      "Jaccard", "countries gained", "countries lost"),
                     [(c.older_partners, c.newer_partners, len(c.partners_both),
                       len(c.only_older), len(c.only_newer), c.jaccard,
                       ", ".join(c.countries_gained) or "—", ", ".join(c.countries_lost) or "—")])
            + lists)


def render_html(result: AnalysisResult, *, site_links: Sequence[tuple[str, str]] = ()) -> str:
    """The analysis as a self-contained HTML page (inline SVG figures, no script).

    ``site_links`` (text, URL) head the page as a navigation bar: the server passes its
    pages so a reader can go back to the site; a report written to a file has none."""
    nav = ("<nav>" + " · ".join(f'<a href="{escape(url)}">{escape(text)}</a>'
                                for text, url in site_links) + "</nav>") if site_links else ""
    svgs, key = figures(result)
    measures = "".join(f"<dt>{escape(m.name)}</dt><dd>{escape(m.meaning)}</dd>"
                       for m in result.measures)
    queries = _table(("figure", "queries (graph/analytics/*.rq, shown in docs/analytics.md)"),
                     [(name, ", ".join(f"{q}.rq" for q in qs))
                      for name, qs in result.queries.items()])
    body = (nav + f"<h1>kyotei — the partnership network</h1><p>{result.agreements} agreements "
            "under "
            f"<code>{escape(result.base_iri)}</code>; community detection seed {result.seed}. "
            "Every figure comes from SPARQL over the built graph.</p>"
            + _documents(result) + _growth(result, svgs) + _concentration(result, svgs)
            + _network(result, svgs) + _departments(result, svgs, key)
            + "<h2>Snapshot comparison</h2>" + _meaning(result, "comparison")
            + "".join(_comparison(c) for c in result.comparisons)
            + f"<h2>Measures</h2><dl>{measures}</dl><h2>Queries</h2>{queries}")
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>kyotei — network analysis</title><style>{CSS}</style></head>"
            f"<body>{body}</body></html>\n")


__all__ = ["render_html"]
