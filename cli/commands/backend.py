"""``kyotei serve --backend URL``: serve the query page and SPARQL from a remote store.

Composition only, like :mod:`kyotei.serve` (an option of ``kyotei serve``): the store
was filled by ``kyotei push``; the server forwards screened queries to it
(:mod:`kyotei.server.engine.remote`). Nothing is built and no build directory is watched.
"""

from __future__ import annotations

import httpx
import typer
import uvicorn
from rich.console import Console

from kyotei.server.app import create_app
from kyotei.server.engine.remote import RemoteBackend, RemoteEngine, remote_snapshot
from kyotei.server.settings import ServerSettings
from kyotei.server.state import ServingState


def serve_remote(*, host: str, port: int, backend: str, graph_prefix: str | None,
                 token: str | None, base_iri: str, console: Console) -> None:
    from kyotei.serve import port_taken

    if (taken := port_taken(host, port)) is not None:
        console.print(f"[red]error:[/] {taken}", highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    settings = ServerSettings(host=host, port=port, base_iri=base_iri, build_dir=None,
                              watch_interval_s=0)
    remote = RemoteBackend(backend, graph_prefix or f"{base_iri}graph/", token)
    try:
        snapshot = remote_snapshot(remote, base_iri, settings.query_timeout_s,
                                   settings.max_result_rows)
    except (RuntimeError, ValueError, httpx.HTTPError) as exc:
        console.print(f"[red]error:[/] {backend}: {exc}", highlight=False)
        raise typer.Exit(1) from None
    app = create_app(settings, ServingState(snapshot), engine=RemoteEngine(settings, remote))
    console.print(f"serving {len(snapshot.named_graphs)} graphs of {backend} at "
                  f"{settings.endpoint_base()}/ (SPARQL endpoint {settings.sparql_endpoint()})",
                  highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="info")
