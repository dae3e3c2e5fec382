"""Print the corpus measure as rich tables: per format, per layout, identity, unreadables."""

from __future__ import annotations

from typing import Any

from corpus_match import FIELDS
from rich.console import Console
from rich.table import Table


def pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def group_table(title: str, rows: dict[str, dict[str, Any]]) -> Table:
    table = Table(title=title)
    for column in ("", "truth", "extracted", "found", "recall", "spurious", *FIELDS):
        table.add_column(column, justify="left" if not column else "right")
    for key, c in rows.items():
        table.add_row(
            key, str(c["truth"]), str(c["extracted"]), str(c["found"]), pct(c["recall"]),
            pct(c["spurious"]), *(pct(c[f]) for f in FIELDS),
        )  # fmt: skip
    return table


def verdict(ok: bool | None) -> str:
    if ok is None:
        return "[yellow]not measurable (nothing to measure it on)[/yellow]"
    return "[green]met[/green]" if ok else "[red]not met[/red]"


def print_figures(figures: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console(width=max(150, Console().width))
    console.print(f"[bold]kyotei on the corpus[/bold] — {figures['mode']}")
    if figures["whole_build_error"]:
        console.print(f"whole build failed: {figures['whole_build_error']}")
    failed = [d for d in figures["documents"] if d["error"]]
    if failed:
        table = Table(title=f"documents that do not build alone ({len(failed)})")
        table.add_column("document")
        table.add_column("error")
        for doc in failed:
            table.add_row(doc["document"], doc["error"][:110])
        console.print(table)
    table = Table(title="per document")
    for column in ("document", "status", "truth", "extracted", "found", "spurious", "doubled kept"):
        table.add_column(column, justify="left" if column in ("document", "status") else "right")
    for doc in figures["documents"]:
        counts = ("truth_rows", "extracted", "found", "spurious", "doubled_kept")
        status = "build error" if doc["error"] else ("no agreement" if not doc["extracted"] else "")
        table.add_row(doc["document"], status, *(str(doc[k]) for k in counts))
    console.print(table)
    groups = figures["groups"]
    console.print(group_table("per format", {**groups["format"], **groups["all"]}))
    console.print(group_table("per layout", groups["layout"]))
    ident = figures["identity"]
    console.print(
        f"identity: {ident['one_iri']}/{ident['recurring']} recurring institutions with one IRI "
        f"({pct(ident['share'])}); false merges: {len(ident['false_merges'])}"
        f" (namesakes merged: {ident['namesakes_merged'] or 'none'})"
    )
    bad = figures["unreadable"]
    console.print(f"unreadable rows reported with locator: {bad['reported']}/{bad['total']}")
    tot = figures["totals"]
    console.print(f"stated totals checked by kyotei: {tot['checked']}/{tot['stated']}")
    if figures["unplaced_rows"]:
        console.print(
            f"rows whose source_document names no corpus file: {figures['unplaced_rows']}"
        )
    every = groups["all"].get("all", {})
    targets = figures["targets"]
    fields = [every.get(f) for f in FIELDS if f != "level"]
    checks = [
        ("rows found ≥ 97%", (every.get("recall") or 0) >= targets["recall"]),
        ("spurious ≤ 3%", every.get("spurious") is not None
         and every["spurious"] <= targets["spurious"]),
        ("fields right ≥ 95%", all(f is not None and f >= targets["fields"] for f in fields)),
        ("recurring one IRI ≥ 90%", (ident["share"] or 0) >= targets["identity"]),
        ("no false merge", not ident["false_merges"] if every.get("found") else None),
        ("every unreadable row reported",
         bad["reported"] == bad["total"] if bad["total"] else None),
    ]  # fmt: skip
    table = Table(title="issue 11 targets")
    table.add_column("target")
    table.add_column("")
    for name, ok in checks:
        table.add_row(name, verdict(ok))
    console.print(table)
