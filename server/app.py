"""The app factory: ``create_app(settings, state, rebuild=...) -> FastAPI``.

Nothing is created at import time. The CLI builds the settings and the serving state and
passes ``rebuild`` (a callable that runs a build into a new snapshot and returns its
outcome; the server never imports the loaders). Workers start with the app's lifespan (or
on the first query, whichever comes first) and stop with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse

from kyotei import __version__
from kyotei.graph.publish.edits import EDITS, EditLog
from kyotei.server import errors, security
from kyotei.server.engine.pool import QueryEngine
from kyotei.server.engine.remote import RemoteEngine
from kyotei.server.pages import analytics as analytics_routes
from kyotei.server.pages import api_docs, finding
from kyotei.server.pages import routes as pages
from kyotei.server.protocol import admin, endpoint, sparql
from kyotei.server.protocol import graph_store as store_routes
from kyotei.server.runtime import Rebuild, Runtime
from kyotei.server.settings import ServerSettings
from kyotei.server.state import ServingState

logger = logging.getLogger(__name__)

#: Responses smaller than this go uncompressed.
GZIP_MINIMUM_BYTES = 1024

DESCRIPTION = """\
A SPARQL 1.1 endpoint over kyotei's graph of international exchange agreements.

Read-only unless an update token is configured; no request ever leaves the server (SERVICE,
LOAD and remote graphs are refused); every query runs in a worker process that is stopped
at the time limit.
"""


def create_app(
    settings: ServerSettings, state: ServingState, *, rebuild: Rebuild | None = None,
    engine: RemoteEngine | None = None,
) -> FastAPI:
    """A FastAPI app serving ``state`` under ``settings`` (queries run by ``engine``, a
    remote store, when given; else by worker processes)."""
    edits = EditLog(settings.build_dir / EDITS) if settings.build_dir is not None else None
    rt = Runtime(settings, state, engine or QueryEngine(settings), rebuild, edits=edits)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        rt.engine.start(state.current())
        watcher: asyncio.Task[None] | None = None
        if settings.build_dir is not None and settings.watch_interval_s > 0:
            watcher = asyncio.create_task(
                admin.watch_builds(rt, settings.build_dir, settings.watch_interval_s))
        try:
            yield
        finally:
            if watcher is not None:
                watcher.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await watcher
            rt.close()

    app = FastAPI(title="kyotei", version=__version__, description=DESCRIPTION,
                  lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.runtime = rt
    app.state.serving = state
    app.state.settings = settings
    app.state.token_guard = security.TokenGuard(settings.token_max_failures,
                                                settings.token_lockout_s)
    errors.install(app)
    # The innermost middleware: GET and POST /sparql are answered there, inside the
    # three below (their work is done for it as for every route) and before the router.
    app.add_middleware(endpoint.SparqlEndpoint)
    security.add_cors(app, settings)
    security.add_security_headers(app)
    # Downloads and large results go gzipped to a client that accepts it; small answers
    # are not worth the bytes of a gzip header.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_BYTES)
    app.include_router(finding.router)  # /search, /browse/..., VoID as HTML (before RDF)
    app.include_router(sparql.router)
    app.include_router(store_routes.router)
    app.include_router(admin.router)
    app.include_router(pages.router)
    app.include_router(api_docs.router)  # /docs and /redoc without a CDN
    app.state.analytics = analytics_routes.AnalyticsCache()
    app.include_router(analytics_routes.router)

    @app.get("/health", tags=["administration"], summary="Liveness and the snapshot served",
             responses={200: {"description": "The server is up; ``status`` is ``ok`` or "
                              "``degraded`` (``problems`` says why)",
                              "content": {"application/json": {}}}})
    async def health() -> JSONResponse:
        """Answers at once, even while queries run (it touches no worker): the snapshot
        served (verified), the ready workers of each pool, a snapshot refused and why, and
        the durable edits replayed on the build."""
        return JSONResponse(health_report(rt))

    return app


def health_report(rt: Runtime) -> dict[str, Any]:
    """The body of /health. ``degraded`` when no worker of the served snapshot is ready, a
    pool's workers are failing to start, or a newer snapshot was refused."""
    current = rt.serving.current()
    pools = rt.engine.status()
    problems = []
    serving_pool = pools.get(current.id)
    if serving_pool is None or not serving_pool["ready"]:
        problems.append(f"no query worker is ready for snapshot {current.id}")
    for snapshot_id, pool in pools.items():
        if pool["last_error"]:
            problems.append(f"workers for {snapshot_id} fail to start: {pool['last_error']}")
    if rt.refused:
        problems.append(f"snapshot {rt.refused['id']} was refused: {rt.refused['reason']}")
    return {
        "status": "degraded" if problems else "ok",
        "snapshot": current.id,
        "verified": current.source.store is not None,
        "problems": problems,
        "workers": pools,
        "refused": rt.refused or None,
        "edits": {"replayed": len(current.replay.applied),
                  "conflicts": [c.describe() for c in current.replay.conflicts],
                  "kept_in": str(rt.edits.folder) if rt.edits else None},
        "queries_in_flight": rt.engine.in_flight,
        "queries_cancelled": rt.engine.cancelled,
        "version": __version__,
    }
