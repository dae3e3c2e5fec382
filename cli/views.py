"""How the CLI shows things in a terminal: build summaries, reports and query results.

Rendering only: every function takes data the library produced and writes it to a
console or a stream.
"""

from __future__ import annotations

import contextlib
import csv
import json
import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

if TYPE_CHECKING:
    from kyotei.cache import CacheStats
    from kyotei.graph.build.validate import ValidationReport


@contextlib.contextmanager
def progress_bar(first: str, console: Console | None = None) -> Iterator[Callable[[str], None]]:
    """A rich progress bar on stderr for a long step: the step's name, a bar that moves while
    it works (the steps give no total) and the time taken. Yields ``step(name)`` to name the
    next step; draws nothing when stderr is not a terminal."""
    shown = console or Console(stderr=True)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  TimeElapsedColumn(), console=shown, transient=True,
                  disable=not shown.is_terminal) as progress:
        task = progress.add_task(f"{first}…", total=None)
        yield lambda name: progress.update(task, description=f"{name}…")


def line_span(lines: Sequence[int]) -> str:
    """Lines as a short text: ``3,5,7`` or ``296-301 (7)`` for a long run."""
    if len(lines) > 6:
        return f"{lines[0]}-{lines[-1]} ({len(lines)})"
    return ",".join(str(n) for n in lines)


def where(finding: dict[str, Any]) -> str:
    """Where a finding stands: its locators in the format's own terms (``table1 r11``,
    ``Sheet1!C12``, ``p3 l17``) when it has them, else its lines."""
    locators = finding.get("locators") or []
    if not locators:
        return line_span(finding.get("lines") or [])
    shown = ", ".join(locators[:3])
    return shown + (f" … ({len(locators)})" if len(locators) > 3 else "")


def build_summary(console: Console, report: dict[str, Any], timings: dict[str, float],
                  cached: CacheStats | None = None,
                  validation: ValidationReport | None = None) -> None:
    """The table ``kyotei build`` prints, then the count mismatches; ``cached`` says how
    many documents came from the cache (none given: the cache was not used);
    ``validation``: how SHACL validation ran (in full, or incrementally)."""
    summary = report.get("summary", {})
    table = Table(title="kyotei build", show_header=False)
    table.add_column("what")
    table.add_column("value", justify="right")
    documents = len(report.get("documents", []))
    if cached is None:
        table.add_row("documents", f"{documents} read (cache not used)")
    else:
        table.add_row("documents", f"{cached.documents} in the manifest, {cached.from_cache} "
                      "from the cache" + (f", {cached.ignored} cache entries ignored"
                                          if cached.ignored else ""))
    for key in ("agreements", "records", "triples_asserted", "triples_inferred"):
        if key in summary:
            table.add_row(key.replace("_", " "), str(summary[key]))
    table.add_row(
        "counts reconciled",
        f"{summary.get('reconciliation_ok', 0)} ok, "
        f"{summary.get('reconciliation_mismatch', 0)} mismatch",
    )
    identity = report.get("identity_summary", {})
    if identity:
        table.add_row(
            "institutions",
            f"{identity.get('institutions_after')} (from {identity.get('institutions_before')} "
            f"names: {identity.get('merges')} merges, {identity.get('candidates')} candidates)",
        )
        conflicts = identity.get("conflicts", {})
        table.add_row("conflicts", ", ".join(f"{v} {k}" for k, v in conflicts.items()) or "none")
    curation = report.get("curation") or {}
    if curation:
        table.add_row("curated overrides", str(curation.get("overrides", 0)))
    findings = summary.get("findings", {})
    table.add_row("findings", ", ".join(f"{v} {k}" for k, v in findings.items()) or "none")
    table.add_row("repairs", str(len(report.get("repairs", []))))
    if validation is not None:
        table.add_row("validation", _validation_text(validation))
    table.add_row("time", " ".join(f"{k} {v:.2f}s" for k, v in timings.items()))
    console.print(table)
    for warning in report.get("warnings", []):
        console.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
    inert = [o for o in (report.get("curation") or {}).get("applied", []) if o.get("inert")]
    for override in inert:
        console.print(f"[yellow]inert override[/] {override['id']}: {override['note']}",
                      highlight=False, soft_wrap=True)
    mismatches = [r for r in report.get("reconciliation", []) if r["status"] != "ok"]
    if mismatches:
        console.print("count mismatches (see `kyotei report`):")
        for row in mismatches:
            console.print(
                f"  {row['document']} {row['section']} {row['unit']}: "
                f"stated {row['stated']}, found {row['found']}",
                highlight=False, soft_wrap=True,
            )


def _validation_text(validation: ValidationReport) -> str:
    if validation.mode == "incremental":
        return f"incremental: {validation.checked} focus nodes checked"
    return "full" + (f" ({validation.why_full})" if validation.why_full else "")


def report_tables(console: Console, data: dict[str, Any]) -> None:
    """Reconciliation, repairs and findings as three tables (``kyotei report``)."""
    table = Table(title="Reconciliation: stated counts against extraction")
    for column in ("document", "section", "unit", "stated", "found", "status"):
        table.add_column(column)
    for row in data.get("reconciliation", []):
        style = "green" if row["status"] == "ok" else "red"
        table.add_row(
            row["document"], row["section"], row["unit"], str(row["stated"]),
            str(row["found"]), f"[{style}]{row['status']}[/]",
        )
    console.print(table)
    repairs = Table(title="Repairs applied by rule")
    for column in ("document", "lines", "rule", "description"):
        repairs.add_column(column, overflow="fold")
    for row in data.get("repairs", []):
        repairs.add_row(row["document"], line_span(row["lines"]), row["rule"], row["description"])
    console.print(repairs)
    findings = Table(title="Findings")
    for column in ("severity", "document", "where", "code", "message"):
        findings.add_column(column, overflow="fold")
    for row in data.get("findings", []):
        findings.add_row(
            row["severity"], row["document"], where(row), row["code"], row["message"],
        )
    console.print(findings)


def solutions(
    console: Console, out: TextIO, variables: list[str], rows: list[list[str]], fmt: str
) -> None:
    """SELECT results as a table, JSON (a list of objects), CSV or TSV. A table asked for
    when the console is not a terminal (piped, redirected) is plain TSV: no box, no column
    cut to the terminal's width."""
    if fmt == "table" and not console.is_terminal:
        fmt = "tsv"
    if fmt == "tsv":
        out.write("\t".join(variables) + "\n")
        for row in rows:
            out.write("\t".join(_tsv_cell(cell) for cell in row) + "\n")
    elif fmt == "json":
        records = [dict(zip(variables, row, strict=True)) for row in rows]
        out.write(json.dumps(records, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(variables)
        writer.writerows(rows)
    else:
        table = Table(*variables)
        for row in rows:
            table.add_row(*row)
        console.print(table)
        console.print(f"{len(rows)} row(s)")


def _tsv_cell(cell: str) -> str:
    """A value on one TSV line: tab, newline and backslash escaped as ``\\t \\n \\\\``."""
    return cell.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace(
        "\r", "\\r")


def query_syntax_error(message: str, prologue: str, query: str) -> str:
    """The query engine's syntax error as the user wrote the query: the line counted from
    the query's first line, not from the preset ``prologue``'s, and a prefix the query uses
    without declaring it named, with the preset ones."""
    shift = prologue.count("\n")
    found = re.search(r"\berror at (\d+):(\d+)", message)
    if found is None or int(found.group(1)) <= shift:
        return message
    line, column = int(found.group(1)) - shift, int(found.group(2))
    where = f"line {line}, column {column}"
    lines = query.split("\n")
    text = lines[line - 1] if line <= len(lines) else ""
    if "Prefix not found" not in message:
        # a prefixed name followed by '/' and no path step: an IRI written with its prefix
        slash = re.search(r"(?<![<\w])[A-Za-z][\w.-]*:[\w.-]*/(?![\^(<!]|a\s|[A-Za-z][\w.-]*:)",
                          text)
        return message[:found.start()] + where + message[found.end():] + (
            f" (in {slash.group(0)}…: a prefixed name cannot hold '/'; write the whole IRI "
            "in <…>, or escape it: \\/)" if slash else "")
    preset = ", ".join(re.findall(r"^PREFIX (\S*):", prologue, flags=re.MULTILINE))
    before = text[:column - 1]
    name = re.search(r"([A-Za-z][\w.-]*)?:[^\s:]*$", before)
    prefix = f" {name.group(1) or ''}:" if name else ""
    return (f"{where}: undeclared prefix{prefix} (preset: {preset}; declare any other with "
            "PREFIX)")
