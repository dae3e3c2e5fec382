"""``kyotei analyze``: the partnership network's figures as tables, JSON or an HTML report.

The CLI registers :func:`analyze_command`; the work is done by :mod:`kyotei.graph.analytics`.
"""

from __future__ import annotations

import json
import logging
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

if TYPE_CHECKING:  # the analytics stack (numpy, networkx, matplotlib) loads on use only
    from kyotei.graph.analytics import AnalysisResult

log = logging.getLogger(__name__)


class Format(StrEnum):
    table = "table"
    json = "json"
    html = "html"


def load_current(build_dir: Path) -> tuple[Any, str]:
    """The current snapshot's pyoxigraph store (the triples the analytics read, see
    :func:`kyotei.graph.analytics.load_snapshot`) and its base IRI."""
    from kyotei.graph.analytics import load_snapshot
    from kyotei.graph.publish.snapshot import SnapshotStore

    snapshot = SnapshotStore(build_dir).current()
    if snapshot is None:
        Console(stderr=True).print(
            f"error: no graph is built in {build_dir}: run `kyotei build` first",
            markup=False, highlight=False)
        raise typer.Exit(1)
    return load_snapshot(snapshot), snapshot.base_iri


def write_result(result: AnalysisResult, fmt: Format, output: Path | None,
                 console: Console) -> None:
    """Print ``result`` on ``console`` or write it to ``output`` in format ``fmt``."""
    from kyotei.graph.analytics import render_html, render_table

    if fmt is Format.table:
        if output is None:
            render_table(result, console)
            return
        with output.open("w", encoding="utf-8") as handle:
            render_table(result, Console(file=handle, width=120, color_system=None))
        return
    if fmt is Format.json:
        # written as it is encoded: at 10M triples the text is ~300 MB, and json.dumps would
        # hold it whole, and its millions of pieces, besides the dict
        if output is None:
            _write_json(result, console.file)
        else:
            with output.open("w", encoding="utf-8") as handle:
                _write_json(result, handle)
        return
    text = render_html(result)
    if output is None:
        console.file.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def _write_json(result: AnalysisResult, handle: IO[str]) -> None:
    json.dump(result.to_dict(), handle, ensure_ascii=False, indent=2)
    handle.write("\n")


def analyze_command(
    build_dir: Annotated[Path, typer.Option(
        "--build-dir", envvar="KYOTEI_BUILD_DIR", help="Where snapshots are kept.")
    ] = Path("kyotei-build"),
    fmt: Annotated[Format, typer.Option(
        "--format", "-f", help="table (terminal), json (for scripts, see "
        "graph/analytics/schema.json) or html (a self-contained report with plots).")
    ] = Format.table,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to this file instead of standard output.")] = None,
    seed: Annotated[int, typer.Option(
        "--seed", help="Seed of the community detection (same seed, same communities).")] = 42,
) -> None:
    """Analyse the partnership network of the built graph: degree and centrality,
    components and communities, partners shared by departments, department overlap,
    concentration by country and region, growth per year, and a comparison of the source
    documents. Every figure comes from SPARQL over the graph (see docs/analytics.md)."""
    from kyotei.graph.analytics import analyze
    from kyotei.views import progress_bar

    store, base_iri = load_current(build_dir)
    with progress_bar("analysing the network") as step:
        result = analyze(store, base_iri=base_iri, seed=seed)
        step("writing")
    try:
        write_result(result, fmt, output, Console())
    except OSError as exc:
        Console(stderr=True).print(f"error: {output}: cannot write: {exc.strerror or exc}",
                                   markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    if output is not None:
        log.info("wrote %s", output)


__all__ = ["Format", "analyze_command", "load_current", "write_result"]
