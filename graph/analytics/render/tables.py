"""The analysis as terminal tables (rich); every table says what its measure means."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kyotei.graph.analytics.model import AnalysisResult, Comparison, Concentration, NodeRef

TOP = 15


def _table(title: str | Text, caption: str | Text | None = None, *,
           show_header: bool = True) -> Table:
    """A table whose title and caption are plain text (never read as rich markup)."""
    return Table(title=Text(title) if isinstance(title, str) else title,
                 caption=Text(caption) if isinstance(caption, str) else caption,
                 caption_justify="left", show_header=show_header)


def _add(table: Table, *cells: str) -> None:
    """Add a row of plain text: labels from the data may hold brackets rich reads as markup."""
    table.add_row(*(Text(cell) for cell in cells))


def _names(refs: list[NodeRef], limit: int = 4) -> str:
    shown = ", ".join(r.label for r in refs[:limit])
    return shown + (f", … (+{len(refs) - limit})" if len(refs) > limit else "")


def _float(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _documents(result: AnalysisResult) -> Table:
    table = _table("Source documents", caption="Each document's publisher status, levels "
                  "and as-of date: the scope every figure below stands on.")
    for column in ("document", "as of", "publisher", "status", "levels", "agreements"):
        table.add_column(column, justify="right" if column == "agreements" else "left")
    for d in result.documents:
        levels = ", ".join(f"{k} {v}" for k, v in d.levels.items())
        _add(table, d.identifier, d.as_of or "—", d.publisher.label if d.publisher else "—",
             d.publisher_status, levels, str(d.agreements))
    return table


def _network(result: AnalysisResult) -> list[Table]:
    net = result.network
    summary = _table("Institution–institution network", show_header=False)
    summary.add_column("measure")
    summary.add_column("value", justify="right")
    summary.add_column("meaning")
    largest = net.components[0].size if net.components else 0
    rows = [
        ("nodes / edges / agreements", f"{net.nodes} / {net.edges} / {net.agreements}", ""),
        ("density", _float(net.density, 4), result.measure("density")),
        ("components (largest)", f"{len(net.components)} ({largest})",
         result.measure("components")),
        ("communities", str(len(net.communities)), result.measure("communities")),
        ("modularity", _float(net.modularity), result.measure("modularity")),
        ("inferred graph check", "ok" if net.inferred_check.consistent else
         ("n/a" if not net.inferred_check.available else "MISMATCH"), net.inferred_check.note),
    ]
    if net.betweenness_sample:  # said only when estimated: exact is the rule
        rows.append(("betweenness", f"estimated from {net.betweenness_sample} sampled sources",
                     result.measure("betweenness")))
    for row in rows:
        _add(summary, *row)
    ranking = _table(f"Top {TOP} nodes by weighted degree",
                    caption=" ".join(result.measure(m) for m in
                                     ("weighted_degree", "betweenness", "eigenvector")))
    for column in ("node", "kind", "country", "degree", "weighted", "betweenness",
                   "eigenvector", "community"):
        ranking.add_column(column, justify="left" if column in ("node", "kind") else "right")
    for n in net.ranking[:TOP]:
        _add(ranking, n.label, n.kind, n.country or "—", str(n.degree), str(n.weighted_degree),
             _float(n.betweenness), _float(n.eigenvector), str(n.community))
    partners = _table(f"Top {TOP} partner institutions by agreements",
                      caption="home units: how many home units (the institution, its faculties, "
                      "an unidentified publisher) hold an agreement with the partner")
    for column in ("partner", "country", "home units", "agreements"):
        partners.add_column(column, justify="left" if column == "partner" else "right")
    for n in [n for n in net.ranking if "partner" in n.roles][:TOP]:
        _add(partners, n.label, n.country or "—", str(n.degree), str(n.weighted_degree))
    communities = _table("Communities (Louvain)", caption=result.measure("communities"))
    for column in ("id", "size", "agreements", "largest members"):
        communities.add_column(column)
    for c in net.communities[:TOP]:
        _add(communities, str(c.id), str(c.size), str(c.agreements), _names(c.top))
    return [summary, ranking, partners, communities]


def _bipartite(result: AnalysisResult) -> list[Table]:
    bip = result.bipartite
    partners = _table(f"Partners shared by departments ({len(bip.departments)} "
                     f"departments, {bip.partners} partner institutions)",
                     caption=result.measure("top_partners"))
    for column in ("partner", "country", "departments", "agreements"):
        partners.add_column(column)
    for p in bip.top_partners[:TOP]:
        _add(partners, p.label, p.country or "—", str(p.departments), str(p.agreements))
    overlap = _table(f"Department overlap: most similar department ({bip.overlap.method})",
                    caption=result.measure("jaccard"))
    for column in ("department", "closest", "Jaccard"):
        overlap.add_column(column)
    for pair in bip.overlap.nearest[:TOP]:
        _add(overlap, pair.a.label, pair.b.label, _float(pair.weight))
    projections = _table("Projections", caption=" ".join(
        result.measure(m) for m in ("department_projection", "partner_projection")))
    for column in ("projection", "nodes", "edges", "density", "strongest pair"):
        projections.add_column(column)
    for proj in (bip.department_projection, bip.partner_projection):
        best = proj.top_pairs[0] if proj.top_pairs else None
        top = f"{best.a.label} — {best.b.label} ({best.weight:g})" if best else "—"
        _add(projections, proj.name, str(proj.nodes), str(proj.edges), _float(proj.density, 4),
             top)
    return [partners, overlap, projections]


def _concentration(result: AnalysisResult) -> list[Table]:
    hhi = _table("Concentration", caption=result.measure("hhi") + " " +
                result.measure("effective_number"))
    for column in ("scope", "agreements", "HHI country", "eff. countries", "HHI region",
                   "eff. regions", "top country", "top region"):
        hhi.add_column(column)
    for c in result.concentration:
        _add(hhi, c.scope, str(c.agreements), _float(c.hhi_country),
             _float(c.effective_countries, 1), _float(c.hhi_region),
             _float(c.effective_regions, 1), _top(c, "country"), _top(c, "region"))
    everything = result.concentration[0] if result.concentration else None
    countries = _table("Agreements by country (all documents)",
                      caption=result.measure("share"))
    for column in ("country", "code", "agreements", "share"):
        countries.add_column(column)
    for s in (everything.by_country[:TOP] if everything else []):
        _add(countries, s.label, s.key, str(s.agreements), f"{s.share:.1%}")
    return [hhi, countries]


def _top(c: Concentration, what: str) -> str:
    rows = c.by_country if what == "country" else c.by_region
    return f"{rows[0].label} {rows[0].share:.0%}" if rows else "—"


def _growth(result: AnalysisResult) -> Table:
    g = result.growth
    regions = [r.key for r in g.regions]
    table = _table(f"Agreements signed per decade ({g.dated} dated in "
                   f"{', '.join(g.documents) or 'no document'}; {g.undated} undated; "
                   f"{g.umbrella_members} member campuses carry an umbrella's date"
                   + (f"; as of {g.as_of}, the last decade is partial)" if g.as_of else ")"),
                   caption=result.measure("growth"))
    table.add_column("decade")
    table.add_column("signed", justify="right")
    for r in g.regions:
        table.add_column(Text(r.label), justify="right")
    cumulative = 0
    for d in g.decades:
        cumulative += d.agreements
        _add(table, f"{d.decade}s", f"{d.agreements} (→{cumulative})",
             *(str(d.by_region.get(k, 0)) for k in regions))
    return table


def _comparison(c: Comparison) -> Table:
    table = _table(f"{c.older} → {c.newer} (levels: {', '.join(c.levels)})",
                   caption="\n".join(c.warnings), show_header=False)
    table.add_column("what")
    table.add_column("n", justify="right")
    table.add_column("examples")
    _add(table, "partners in both", str(len(c.partners_both)), _names(c.partners_both))
    _add(table, f"only in {c.older}", str(len(c.only_older)), _names(c.only_older))
    _add(table, f"only in {c.newer}", str(len(c.only_newer)), _names(c.only_newer))
    _add(table, "Jaccard of partner sets", _float(c.jaccard), "")
    _add(table, "countries gained", str(len(c.countries_gained)), ", ".join(c.countries_gained))
    _add(table, "countries lost", str(len(c.countries_lost)), ", ".join(c.countries_lost))
    return table


def render_table(result: AnalysisResult, console: Console) -> None:
    """Print the analysis as tables on ``console``."""
    console.print(_documents(result))
    for warning in result.warnings:
        console.print(Text.assemble(("warning: ", "yellow"), warning))
    for table in [*_network(result), *_bipartite(result), *_concentration(result),
                  _growth(result), *(_comparison(c) for c in result.comparisons)]:
        console.print(table)


__all__ = ["render_table"]
