"""``kyotei serve``: build if nothing is built, then serve the snapshot over HTTP.

Composition only: the pipeline builds, ``kyotei.server`` serves, and the server receives
the rebuild as a callable (it never imports the loaders). A damaged ``CURRENT`` or
``build.json`` is not fatal: the newest snapshot that verifies is served, and one line says
so. The durable edits in ``<build>/edits`` are replayed on the snapshot served.
"""

from __future__ import annotations

import errno
from pathlib import Path

import typer
import uvicorn
from rich.console import Console

from kyotei.graph.publish.edits import EDITS, EditLog, EditsError
from kyotei.graph.publish.snapshot import SnapshotError, SnapshotStore
from kyotei.pipeline import BuildOutcome, BuildSettings, run_build
from kyotei.server.app import create_app
from kyotei.server.http_limits import uvicorn_options
from kyotei.server.settings import ServerSettings
from kyotei.server.state import ServingState, load_built


def port_taken(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on (in use, no such address), or None: checked
    before anything is built or started, so that a port in use is one line, not a server
    that says it serves, starts its workers and stops."""
    import socket

    try:
        family, kind, _, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
        with socket.socket(family, kind) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind(address)
    except OSError as exc:  # socket.gaierror is an OSError
        hint = " (another server? choose a port with --port)" if (
            exc.errno == errno.EADDRINUSE) else ""
        return f"cannot listen on {host}:{port}: {exc.strerror or exc}{hint}"
    return None


def serve_forever(
    *,
    host: str,
    port: int,
    sources: Path,
    build_dir: Path,
    base_iri: str,
    console: Console,
    workers: int | None = None,
    threads: int | None = None,
) -> None:
    if (taken := port_taken(host, port)) is not None:
        console.print(f"[red]error:[/] {taken}", highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    build_settings = BuildSettings(sources=sources, build_dir=build_dir, base_iri=base_iri)
    snapshot, note = SnapshotStore(build_dir).serveable()
    if note:
        console.print(f"[yellow]warning:[/] {note}", highlight=False, soft_wrap=True)
    if snapshot is None or snapshot.base_iri != base_iri:
        console.print(f"no graph built in {build_dir} yet: building it from {sources} first"
                      if snapshot is None else f"the graph in {build_dir} has the base IRI "
                      f"{snapshot.base_iri}, not {base_iri}: building it again", soft_wrap=True,
                      highlight=False)
        outcome = run_build(build_settings, progress=lambda msg: console.print(f"  {msg}…"))
        if not outcome.ok or outcome.snapshot is None:
            console.print(f"[red]error:[/] {outcome.message}", highlight=False, soft_wrap=True)
            raise typer.Exit(1)
        console.print(outcome.message, highlight=False, soft_wrap=True)
        snapshot = outcome.snapshot
    settings = ServerSettings(host=host, port=port, base_iri=base_iri, build_dir=build_dir)
    if workers is not None or threads is not None:  # unset: KYOTEI_WORKERS / KYOTEI_THREADS
        settings = settings.model_copy(update={"workers": workers or settings.workers,
                                               "threads": threads or settings.threads})
    try:
        loaded = load_built(snapshot, base_iri=base_iri, edits=EditLog(build_dir / EDITS))
    except (SnapshotError, EditsError, OSError) as error:
        console.print(f"[red]error:[/] snapshot {snapshot.id} cannot be served: {error}",
                      highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    for conflict in loaded.replay.conflicts:
        console.print(f"[yellow]warning:[/] {conflict.describe()}", highlight=False,
                      soft_wrap=True)
    state = ServingState(loaded)

    def rebuild() -> BuildOutcome:
        return run_build(build_settings)

    app = create_app(settings, state, rebuild=rebuild)
    console.print(
        f"serving snapshot {snapshot.id} at {settings.endpoint_base()}/ "
        f"(SPARQL endpoint {settings.sparql_endpoint()})",
        highlight=False, soft_wrap=True,
    )
    uvicorn.run(app, host=host, port=port, log_level="info", **uvicorn_options(settings))
