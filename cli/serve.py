"""``kyotei serve``: build if nothing is built, then serve the snapshot over HTTP.

Composition only: the pipeline builds, ``kyotei.server`` serves, and the server receives
the rebuild as a callable (it never imports the loaders). A damaged ``CURRENT`` or
``build.json`` is not fatal: the newest snapshot that verifies is served, and one line says
so. The durable edits in ``<build>/edits`` are replayed on the snapshot served.
"""

from __future__ import annotations

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
