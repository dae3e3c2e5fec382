"""``kyotei push --endpoint URL``: publish the built snapshot into a remote SPARQL store.

The CLI registers :func:`push_command`; the work is :mod:`kyotei.graph.publish.push`
(staging graphs first, then replace: decision 0007).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

err = Console(stderr=True, soft_wrap=True)


def push_command(
    endpoint: Annotated[str, typer.Option(
        "--endpoint", help="The store's SPARQL 1.1 Graph Store Protocol URL.")],
    update: Annotated[str | None, typer.Option(
        "--update", help="Its SPARQL 1.1 Update URL: the final graphs are then replaced by "
        "one request of MOVE operations (else by PUT, after every staging PUT succeeded).")
    ] = None,
    graph_prefix: Annotated[str | None, typer.Option(
        "--graph-prefix", help="Prefix of the graph IRIs written (default: <base>graph/, "
        "which the gallery's queries name).")] = None,
    token: Annotated[str | None, typer.Option(
        "--token", envvar="KYOTEI_PUSH_TOKEN", help="Bearer token for the store.")] = None,
    user: Annotated[str | None, typer.Option(
        "--user", envvar="KYOTEI_PUSH_USER", help="User for HTTP digest authentication.")
    ] = None,
    password: Annotated[str | None, typer.Option(
        "--password", envvar="KYOTEI_PUSH_PASSWORD", help="Password for digest authentication.")
    ] = None,
    build_dir: Annotated[Path, typer.Option(
        "--build-dir", envvar="KYOTEI_BUILD_DIR", help="Where snapshots are kept.")
    ] = Path("kyotei-build"),
) -> None:
    """Write the built snapshot (each source graph, common, identity, inferred, and the
    asserted union) to a SPARQL 1.1 Graph Store endpoint: into staging graphs first, and
    only when all are written, replace the final graphs."""
    from kyotei.graph.publish.push import PushError, PushTarget, push_snapshot
    from kyotei.graph.publish.snapshot import SnapshotError, SnapshotStore

    try:
        snapshot = SnapshotStore(build_dir).current()
    except SnapshotError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(1) from None
    if snapshot is None:
        err.print(f"[red]error:[/] nothing built in {build_dir}: run `kyotei build` first",
                  highlight=False)
        raise typer.Exit(1)
    target = PushTarget(endpoint=endpoint, update=update, graph_prefix=graph_prefix,
                        token=token, user=user, password=password)
    try:
        graphs = push_snapshot(snapshot, target, progress=lambda m: err.print(f"  {m}…",
                                                                             highlight=False))
    except PushError as exc:
        err.print(f"[red]error:[/] {exc} (the final graphs were not changed)"
                  if "staging" in str(exc) else f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(1) from None
    err.print(f"pushed snapshot {snapshot.id}: {len(graphs)} graphs to {endpoint}",
              highlight=False)
