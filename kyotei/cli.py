"""The ``kyotei`` command line: a thin layer that parses arguments, calls the library and
turns library errors into messages and exit codes."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from kyotei import __version__
from kyotei.graph.namespaces import DEFAULT_BASE_IRI, sparql_prologue
from kyotei.graph.snapshot import Snapshot, SnapshotStore

app = typer.Typer(
    name="kyotei",
    help=(
        "kyotei (協定): a knowledge graph of universities' international exchange "
        "agreements. Build it from the bundled source documents, validate, export, query "
        "and serve it over SPARQL."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
console = Console()
err = Console(stderr=True)

SourcesOpt = Annotated[
    Path,
    typer.Option("--sources", envvar="KYOTEI_SOURCES", help="The sources manifest (TOML)."),
]
BuildDirOpt = Annotated[
    Path,
    typer.Option("--build-dir", envvar="KYOTEI_BUILD_DIR", help="Where snapshots are kept."),
]
BaseOpt = Annotated[
    str,
    typer.Option("--base-iri", envvar="KYOTEI_BASE_IRI", help="Base IRI of minted data IRIs."),
]
DEFAULT_SOURCES = Path("data/sources/sources.toml")
DEFAULT_BUILD = Path("build")


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False, markup=True)
    return typer.Exit(code)


def _current(build_dir: Path) -> Snapshot:
    snapshot = SnapshotStore(build_dir).current()
    if snapshot is None:
        raise _fail(f"no graph is built in {build_dir}: run `kyotei build` first")
    return snapshot


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


@app.command()
def version() -> None:
    """Print kyotei's version."""
    console.print(__version__)


@app.command()
def build(
    sources: SourcesOpt = DEFAULT_SOURCES,
    build_dir: BuildDirOpt = DEFAULT_BUILD,
    base_iri: BaseOpt = DEFAULT_BASE_IRI,
    curation_dir: Annotated[
        Path | None,
        typer.Option(
            "--curation-dir",
            envvar="KYOTEI_CURATION_DIR",
            help="Curated data (crosswalk, overrides, links); default: data/curation.",
        ),
    ] = None,
    no_curation: Annotated[
        bool,
        typer.Option(
            "--no-curation",
            help="Build from the loaders alone: no crosswalk, override or curated link.",
        ),
    ] = False,
) -> None:
    """Build the graph from the sources: load, validate (SHACL), reason (OWL RL), and publish
    a new snapshot. On failure nothing is published and the previous graph stays in place."""
    from kyotei.pipeline import BuildSettings, run_build

    settings = BuildSettings(
        sources=sources,
        build_dir=build_dir,
        base_iri=base_iri,
        curation_dir=curation_dir,
        no_curation=no_curation,
    )
    with console.status("building…") as status:
        outcome = run_build(settings, progress=lambda msg: status.update(f"{msg}…"))
    if not outcome.ok:
        raise _fail(outcome.message)
    _print_summary(outcome.report, outcome.timings)
    console.print(f"[green]{outcome.message}[/]", highlight=False)


def _print_summary(report: dict[str, Any], timings: dict[str, float]) -> None:
    summary = report.get("summary", {})
    table = Table(title="kyotei build", show_header=False)
    table.add_column("what")
    table.add_column("value", justify="right")
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
    table.add_row("time", " ".join(f"{k} {v:.2f}s" for k, v in timings.items()))
    console.print(table)
    mismatches = [r for r in report.get("reconciliation", []) if r["status"] != "ok"]
    if mismatches:
        console.print("count mismatches (see `kyotei report`):")
        for row in mismatches:
            console.print(
                f"  {row['document']} {row['section']} {row['unit']}: "
                f"stated {row['stated']}, found {row['found']}",
                highlight=False,
            )


@app.command()
def validate(
    file: Annotated[
        Path | None,
        typer.Argument(help="A Turtle/TriG/N-Triples file; default: the built graph."),
    ] = None,
    build_dir: BuildDirOpt = DEFAULT_BUILD,
) -> None:
    """Validate a graph against kyotei's SHACL shapes; exit 1 if it does not conform."""
    from rdflib import Dataset
    from rdflib.util import guess_format

    from kyotei.graph.export import merged_graph
    from kyotei.graph.validate import format_report, validate_graph

    base = DEFAULT_BASE_IRI
    if file is None:
        snapshot = _current(build_dir)
        dataset, base = snapshot.load_dataset(), snapshot.base_iri
    else:
        if not file.exists():
            raise _fail(f"{file}: no such file")
        dataset = Dataset()
        try:
            dataset.parse(file, format=guess_format(str(file)) or "turtle")
        except Exception as exc:
            raise _fail(f"{file}: not parseable RDF: {exc}") from exc
    graph = merged_graph(dataset, base_iri=base, inferred=False)
    report = validate_graph(graph)
    if report.conforms:
        console.print(f"[green]conforms[/]: {len(graph)} triples, no violation")
        return
    console.print(format_report(report, graph=graph), highlight=False, markup=False)
    raise typer.Exit(1)


FORMATS = ("turtle", "ntriples", "jsonld", "trig", "csv")


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="turtle, ntriples, jsonld, trig or csv.")
    ] = "turtle",
    inferred: Annotated[
        bool, typer.Option("--inferred", help="Include the inferred triples.")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    build_dir: BuildDirOpt = DEFAULT_BUILD,
) -> None:
    """Export the built graph. Turtle and N-Triples are sorted and byte-identical across
    rebuilds; TriG keeps one named graph per source document; CSV has one row per
    agreement."""
    from kyotei.graph.export import export as write_export

    if fmt not in FORMATS:
        raise _fail(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}", code=2)
    snapshot = _current(build_dir)
    dataset = snapshot.load_dataset()
    base = snapshot.base_iri
    if output is None:
        write_export(dataset, fmt, sys.stdout.buffer, inferred=inferred, base_iri=base)
        sys.stdout.buffer.flush()
    else:
        with output.open("wb") as handle:
            write_export(dataset, fmt, handle, inferred=inferred, base_iri=base)
        err.print(f"wrote {output}")


@app.command()
def report(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    build_dir: BuildDirOpt = DEFAULT_BUILD,
) -> None:
    """Show the build's reconciliation (every stated count against what was extracted),
    the repairs applied by rule, and the findings (what could not be read)."""
    data = _current(build_dir).load_report()
    if fmt == "json":
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt != "table":
        raise _fail(f"unknown format {fmt!r}: choose table or json", code=2)
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
        repairs.add_row(row["document"], _lines(row["lines"]), row["rule"], row["description"])
    console.print(repairs)
    findings = Table(title="Findings")
    for column in ("severity", "document", "lines", "code", "message"):
        findings.add_column(column, overflow="fold")
    for row in data.get("findings", []):
        findings.add_row(
            row["severity"], row["document"], _lines(row["lines"]), row["code"], row["message"]
        )
    console.print(findings)


def _lines(lines: list[int]) -> str:
    if len(lines) > 6:
        return f"{lines[0]}-{lines[-1]} ({len(lines)})"
    return ",".join(str(n) for n in lines)


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="A SPARQL query; kyotei's prefixes are preset.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    build_dir: BuildDirOpt = DEFAULT_BUILD,
) -> None:
    """Run a SPARQL query against the built graph (default graph: the asserted triples;
    the inferred triples are in the named graph <base>graph/inferred)."""
    import pyoxigraph

    snapshot = _current(build_dir)
    store = snapshot.load_oxigraph()
    base = snapshot.base_iri
    text = sparql if "PREFIX" in sparql.upper() else sparql_prologue(base) + sparql
    try:
        result = store.query(text)
    except SyntaxError as exc:
        raise _fail(f"SPARQL syntax error: {exc}", code=2) from exc
    if isinstance(result, pyoxigraph.QueryBoolean):
        console.print("true" if bool(result) else "false")
        return
    if isinstance(result, pyoxigraph.QueryTriples):
        for triple in result:
            sys.stdout.write(f"{triple.subject} {triple.predicate} {triple.object} .\n")
        return
    variables = [v.value for v in result.variables]
    rows = [[_term(solution[v]) for v in variables] for solution in result]
    if fmt == "json":
        sys.stdout.write(
            json.dumps([dict(zip(variables, r, strict=True)) for r in rows], ensure_ascii=False)
            + "\n"
        )
    elif fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(variables)
        writer.writerows(rows)
    else:
        table = Table(*variables)
        for row in rows:
            table.add_row(*row)
        console.print(table)
        console.print(f"{len(rows)} row(s)")


def _term(term: Any) -> str:
    if term is None:
        return ""
    return str(getattr(term, "value", term))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    sources: SourcesOpt = DEFAULT_SOURCES,
    build_dir: BuildDirOpt = DEFAULT_BUILD,
    base_iri: BaseOpt = DEFAULT_BASE_IRI,
) -> None:
    """Serve the graph over SPARQL 1.1 with a query page at / (builds it first if none is
    built). A later `kyotei build` is picked up without a restart."""
    from kyotei.serve import serve_forever

    serve_forever(host=host, port=port, sources=sources, build_dir=build_dir,
                  base_iri=base_iri, console=console)


def _register_optional_commands() -> None:
    """Commands whose modules live in kyotei.commands (analytics, identity linking)."""
    from kyotei.commands import register

    register(app)


_register_optional_commands()


def main() -> None:
    app()
