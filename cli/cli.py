"""The ``kyotei`` command line: a thin layer that parses arguments, calls the library and
turns library errors into messages and exit codes."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:  # modules a command needs are imported by that command (start-up time)
    from kyotei.graph.publish.snapshot import Snapshot

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
# Defaults shown in --help, written out so that --help need not import rdflib (through the
# namespaces) or pydantic (through the server's settings); tests/cli keep them equal to
# kyotei.graph.model.namespaces.DEFAULT_BASE_IRI and ServerSettings().query_timeout_s.
#: The base IRI of minted data IRIs.
DEFAULT_BASE_IRI = "https://w3id.org/kyotei/id/"
#: ``kyotei query``'s time limit: the server's default.
DEFAULT_QUERY_TIMEOUT = 10.0

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
# Not ./build: `pip install .` builds the package there (setuptools), and the two must not mix.
DEFAULT_BUILD = Path("kyotei-build")
WORKERS_HELP = "Query worker processes (KYOTEI_WORKERS; default 2)."
THREADS_HELP = "Queries each worker runs at once (KYOTEI_THREADS; default 1)."


def _rdf_parse_errors() -> tuple[type[Exception], ...]:
    """What rdflib's parsers raise: BadSyntax (Turtle, TriG, N3) is a SyntaxError,
    ParserError (N-Triples, N-Quads) an rdflib Error, JSON-LD a ValueError, RDF/XML a
    SAXException."""
    from xml.sax import SAXException

    from rdflib.exceptions import Error as RdflibError

    return (SyntaxError, ValueError, UnicodeDecodeError, RdflibError, SAXException)


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code)


def _current(build_dir: Path) -> Snapshot:
    from kyotei.graph.publish.snapshot import SnapshotStore

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
    from kyotei import __version__

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
    reasoner: Annotated[
        str,
        typer.Option(
            "--reasoner",
            help="OWL RL engine: sparql (the ontology compiled to rules run by Oxigraph) "
            "or owlrl (the reference; slower).",
        ),
    ] = "sparql",
    validator: Annotated[
        str,
        typer.Option(
            "--validator",
            help="SHACL engine: sparql (on Oxigraph) or pyshacl (the reference; slower).",
        ),
    ] = "sparql",
    accept_loss: Annotated[
        bool,
        typer.Option(
            "--accept-loss",
            help="Publish even if a document has fewer agreements than in the snapshot "
            "being served (otherwise such a build is held back).",
        ),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read every document again, not from the build folder's cache of unchanged "
            "documents (the cache is left as it is).",
        ),
    ] = False,
) -> None:
    """Build the graph from the sources: load, validate (SHACL), reason (OWL RL), and publish
    a new snapshot. On failure nothing is published and the previous graph stays in place;
    a build that loses agreements of a document is held back unless --accept-loss.
    A document whose bytes, manifest entry and reading code are unchanged is taken from the
    build folder's cache (--no-cache reads it again)."""
    from kyotei import views
    from kyotei.cache import CACHE_FOLDER, DocumentCache
    from kyotei.pipeline import BuildSettings, run_build

    if reasoner not in ("sparql", "owlrl"):
        raise _fail(f"unknown reasoner {reasoner!r}: choose sparql or owlrl", code=2)
    if validator not in ("sparql", "pyshacl"):
        raise _fail(f"unknown validator {validator!r}: choose sparql or pyshacl", code=2)
    settings = BuildSettings(
        sources=sources, build_dir=build_dir, base_iri=base_iri, curation_dir=curation_dir,
        no_curation=no_curation, reasoner=reasoner, validator=validator, accept_loss=accept_loss,
        cache=None if no_cache else DocumentCache(build_dir / CACHE_FOLDER),
    )
    with views.progress_bar("building", err) as step:
        outcome = run_build(settings, progress=step)
    if not outcome.ok:
        raise _fail(outcome.message)
    cached = settings.cache.stats if settings.cache is not None else None
    views.build_summary(console, outcome.report, outcome.timings, cached=cached,
                        validation=outcome.validation)
    console.print(f"[green]{outcome.message}[/]", highlight=False, soft_wrap=True)


@app.command()
def validate(
    file: Annotated[
        Path | None,
        typer.Argument(help="A Turtle/TriG/N-Triples file; default: the built graph."),
    ] = None,
    build_dir: BuildDirOpt = DEFAULT_BUILD,
) -> None:
    """Validate a graph against kyotei's SHACL shapes; exit 1 if it does not conform, 2 if
    it could not be read."""
    from rdflib import Dataset
    from rdflib.util import guess_format

    from kyotei.graph.build.validate import format_report, validate_graph
    from kyotei.graph.publish.writers import merged_graph

    base = DEFAULT_BASE_IRI
    if file is None:
        snapshot = _current(build_dir)
        dataset, base = snapshot.load_dataset(), snapshot.base_iri
    else:
        if not file.is_file():
            raise _fail(f"{file}: no such file", code=2)
        dataset, fmt = Dataset(), guess_format(str(file)) or "turtle"
        if fmt in ("rdfa", "html", "hturtle", "mdata", "microdata"):  # rdflib has no reader
            raise _fail(f"{file}: a web page, not an RDF file (Turtle, TriG, N-Triples, N-Quads, "
                        "JSON-LD, RDF/XML); to read a list in it: kyotei sources detect", code=2)
        unreadable: tuple[type[Exception], ...] = (*_rdf_parse_errors(), OSError)
        try:
            dataset.parse(file, format=fmt)
        except unreadable as exc:
            raise _fail(f"{file}: not parseable RDF: {_reason(exc)}", code=2) from exc
    graph = merged_graph(dataset, base_iri=base, inferred=False)
    report = validate_graph(graph)
    if report.conforms:
        console.print(f"[green]conforms[/]: {len(graph)} triples, no violation")
        return
    console.print(format_report(report, graph=graph), highlight=False, markup=False)
    raise typer.Exit(1)


def _reason(exc: BaseException) -> str:
    """An exception's message as text: bytes a parser quotes are decoded, never shown as a
    Python repr (``b'...'``)."""
    parts = [a.decode("utf-8", "replace") if isinstance(a, bytes) else str(a)
             for a in exc.args]
    text = " ".join(p for p in parts if p) or type(exc).__name__
    return re.sub(r"""\bb(['"])(.*?)\1""", r"\1\2\1", text)


FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml", "trig", "nquads", "csv")


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f",
                          help="turtle, ntriples, jsonld, rdfxml, trig, nquads or csv.")
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
    rebuilds; TriG and N-Quads keep one named graph per source document; CSV has one row
    per agreement; RDF/XML and N-Quads as the server's downloads offer them. On a terminal,
    a progress bar on stderr shows the step (never in the exported data)."""
    from kyotei import views
    from kyotei.graph.publish.more_formats import MORE_FORMATS, export_more
    from kyotei.graph.publish.writers import export as write_export

    if fmt not in FORMATS:
        raise _fail(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}", code=2)
    snapshot = _current(build_dir)
    writer = export_more if fmt in MORE_FORMATS else write_export

    def write(out: IO[bytes]) -> None:
        writer(dataset, fmt, out, inferred=inferred, base_iri=snapshot.base_iri)

    # To the screen: the bar is gone before the data is written, never drawn over it.
    to_screen = output is None and sys.stdout.isatty()
    with views.progress_bar("reading the snapshot", err) as step:
        dataset = snapshot.load_dataset()
        if not to_screen:
            step(f"writing {fmt}")
            _export_to(output, write)
    if to_screen:
        _export_to(None, write)
    if output is not None:
        err.print(f"wrote {output}", highlight=False)


def _export_to(output: Path | None, write: Callable[[IO[bytes]], None]) -> None:
    """Run ``write`` on stdout, or on ``output`` (a file that cannot be written is one
    error line and exit code 1)."""
    if output is None:
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    try:
        with output.open("wb") as handle:
            write(handle)
    except OSError as exc:
        raise _fail(f"{output}: cannot write: {exc.strerror or exc}") from exc


@app.command()
def report(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    build_dir: BuildDirOpt = DEFAULT_BUILD,
) -> None:
    """Show the build's reconciliation (every stated count against what was extracted),
    the repairs applied by rule, and the findings (what could not be read)."""
    from kyotei import views

    data = _current(build_dir).load_report()
    if fmt == "json":
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt != "table":
        raise _fail(f"unknown format {fmt!r}: choose table or json", code=2)
    views.report_tables(console, data)


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="A SPARQL query; kyotei's prefixes are preset.")],
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="table (plain TSV when output is not a terminal), tsv, json "
        "or csv.")] = "table",
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0.001, help="Stop the query after this many seconds (as the "
        "server's limit).")] = DEFAULT_QUERY_TIMEOUT,
    build_dir: BuildDirOpt = DEFAULT_BUILD,
) -> None:
    """Run a SPARQL query against the built graph (default graph: the asserted triples;
    the inferred triples are in the named graph <base>graph/inferred)."""
    from kyotei import views
    from kyotei.graph.model.namespaces import sparql_prologue
    from kyotei.oxigraph_io import QueryTimeout, query_with_timeout

    if fmt not in ("table", "tsv", "json", "csv"):
        raise _fail(f"unknown format {fmt!r}: choose table, tsv, json or csv", code=2)
    snapshot = _current(build_dir)
    prologue = sparql_prologue(snapshot.base_iri)
    try:  # a prefix the query declares again wins
        answer = query_with_timeout(build_dir, prologue + sparql, timeout)
    except SyntaxError as exc:
        message = views.query_syntax_error(str(exc), prologue, sparql)
        raise _fail(f"SPARQL syntax error: {message}", code=2) from exc
    except QueryTimeout as exc:
        raise _fail(str(exc), code=3) from exc
    if answer.boolean is not None:
        console.print("true" if answer.boolean else "false")
        return
    if answer.triples is not None:
        sys.stdout.write("".join(f"{line}\n" for line in answer.triples))
        return
    views.solutions(console, sys.stdout, answer.variables or [], answer.rows or [], fmt)


@app.command()
def serve(
    host: Annotated[str, typer.Option(envvar="KYOTEI_HOST", help="Interface.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="KYOTEI_PORT", help="Port to listen on.")] = 8000,
    workers: Annotated[int | None, typer.Option(min=1, max=64, help=WORKERS_HELP)] = None,
    threads: Annotated[int | None, typer.Option(min=1, max=64, help=THREADS_HELP)] = None,
    sources: SourcesOpt = DEFAULT_SOURCES,
    build_dir: BuildDirOpt = DEFAULT_BUILD,
    base_iri: BaseOpt = DEFAULT_BASE_IRI,
    backend: Annotated[str | None, typer.Option(
        "--backend", help="Serve from this remote SPARQL query endpoint (filled by "
        "`kyotei push`) instead of a local build.")] = None,
    graph_prefix: Annotated[str | None, typer.Option(
        "--graph-prefix", help="With --backend: the prefix `kyotei push` wrote under.")] = None,
    token: Annotated[str | None, typer.Option(
        "--token", envvar="KYOTEI_BACKEND_TOKEN", help="With --backend: bearer token.")] = None,
) -> None:
    """Serve the graph over SPARQL 1.1 with a query page at / (built first if need be); a
    later `kyotei build` is picked up without a restart; --backend: a remote store, same limits."""
    if backend is not None:
        from kyotei.commands.backend import serve_remote

        serve_remote(host=host, port=port, backend=backend, graph_prefix=graph_prefix,
                     token=token, base_iri=base_iri, console=console)
        return
    from kyotei.serve import serve_forever

    serve_forever(host=host, port=port, sources=sources, build_dir=build_dir,
                  base_iri=base_iri, console=console, workers=workers, threads=threads)


def _register_optional_commands() -> None:
    """Commands whose modules live in kyotei.commands (analytics, identity linking)."""
    from kyotei.commands import register

    register(app)


_register_optional_commands()


def main() -> None:
    """The ``kyotei`` command. A file that cannot be read or written is one line on
    stderr and exit code 1, never a traceback."""
    try:
        app()
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        err.print(f"error: {where}{exc.strerror or exc}", markup=False, highlight=False,
                  soft_wrap=True)
        raise SystemExit(1) from None
