"""``kyotei link --ror DUMP.json``: link the built graph's institutions to ROR, offline.

The CLI registers :func:`link_command`; matching is :mod:`kyotei.graph.curation.ror`. The links are
written as Turtle (default ``data/curation/links/ror.ttl``), which the next ``kyotei build``
copies into the named graph ``<base>graph/links``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

log = logging.getLogger(__name__)

DEFAULT_OUTPUT = Path("data/curation/links/ror.ttl")


def link_command(
    ror: Annotated[
        Path,
        typer.Option("--ror", help="A ROR data dump (schema v2 JSON, or the dump's .zip)."),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the links (Turtle).")
    ] = DEFAULT_OUTPUT,
    build_dir: Annotated[
        Path,
        typer.Option("--build-dir", envvar="KYOTEI_BUILD_DIR", help="Where snapshots are kept."),
    ] = Path("kyotei-build"),
) -> None:
    """Match the built graph's institutions against a ROR dump file (no network): an
    institution is linked (owl:sameAs, with the evidence) when one of its labels equals a
    ROR name and the country agrees; ambiguous matches are listed, not linked. The links
    are written as Turtle for the next `kyotei build` to include."""
    from rdflib import Graph
    from rich.table import Table

    from kyotei.graph.curation.ror import (
        RorDumpError,
        institutions_from_graph,
        links_graph,
        load_dump,
    )
    from kyotei.graph.curation.ror import match as match_ror
    from kyotei.graph.publish.snapshot import SnapshotStore

    console, err = Console(soft_wrap=True), Console(stderr=True, soft_wrap=True)
    snapshot = SnapshotStore(build_dir).current()
    if snapshot is None:
        err.print(
            f"error: no graph is built in {build_dir}: run `kyotei build` first",
            markup=False,
            highlight=False,
        )
        raise typer.Exit(1)
    try:
        records = load_dump(ror)
    except RorDumpError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(1) from exc
    dataset = snapshot.load_dataset()
    union = Graph()
    for s, p, o, ctx in dataset.quads((None, None, None, None)):
        if not str(ctx).endswith("graph/inferred"):
            union.add((s, p, o))
    institutions = institutions_from_graph(union)
    matches, candidates = match_ror(institutions, records)
    graph = links_graph(matches, base_iri=snapshot.base_iri, dump=ror.name)
    output.parent.mkdir(parents=True, exist_ok=True)
    graph.serialize(output, format="turtle")
    table = Table(title=f"ROR links ({ror.name})")
    for column in ("institution", "ROR", "evidence"):
        table.add_column(column, overflow="fold")
    for m in matches:
        table.add_row(str(m.institution.iri), m.record.id, m.evidence)
    for c in candidates:
        table.add_row(str(c.institution.iri), "—", c.reason)
    console.print(table)
    console.print(
        f"{len(institutions)} institutions, {len(records)} ROR records: {len(matches)} linked, "
        f"{len(candidates)} left for curation; wrote {output}",
        highlight=False,
    )
