"""Changing what is served: reload (a rebuild, or a build made by another process) and
SPARQL Update. All of it needs the update token, and each ends in one atomic swap.

- ``POST /admin/reload`` runs the ``rebuild`` callable the CLI passed to the app factory; a
  build that fails (422 for a SHACL violation, 500 otherwise) leaves the previous snapshot
  serving, and the response says why.
- :func:`watch_builds` polls ``<build_dir>/CURRENT`` and swaps in a snapshot that
  ``kyotei build`` published from another process.
- An update runs in a worker on a copy of the current dataset; the result is dumped and
  served as a new snapshot (``<id>+u<n>``). Updates are lost when a build is swapped in.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Header, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from kyotei.graph.snapshot import SnapshotError
from kyotei.server.engine_runtime import Runtime, runtime
from kyotei.server.engine_screen import ScreenError, screen
from kyotei.server.engine_worker import QueryJob
from kyotei.server.errors import (
    BadRequestError,
    BuildFailedError,
    BuildRejectedError,
    ConflictError,
    QueryRefusedError,
    QuerySyntaxError,
    ServiceUnavailableError,
    describe,
)
from kyotei.server.security import check_token
from kyotei.server.state import (
    DatasetSource,
    SourceFile,
    current_snapshot_dir,
    from_source,
    load_built,
    load_snapshot,
)

logger = logging.getLogger(__name__)

router = APIRouter(tags=["administration"])

_RELOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The new snapshot is serving",
          "content": {"application/json": {}}},
    **describe(401, 403, 409, 422, 500, 503,
               s503="This server has no build to rerun, or the new workers did not start"),
}


@router.post("/admin/reload", summary="Rebuild the graph and swap it in",
             responses=_RELOAD_RESPONSES, response_class=JSONResponse)
def reload(request: Request, authorization: str | None = Header(None)) -> JSONResponse:
    """Run a build into a new snapshot, validate it, and serve it (token required). On
    failure the previous snapshot keeps serving and the response says why."""
    rt = runtime(request)
    check_token(request, "reloading")
    if rt.rebuild is None:
        raise ServiceUnavailableError("this server was started without a build to rerun")
    if not rt.write_lock.acquire(blocking=False):
        raise ConflictError("a reload or an update is already running")
    try:
        outcome = rt.rebuild()
        if not outcome.ok:
            validation = getattr(outcome, "validation", None)
            failed_shapes = validation is not None and not getattr(validation, "conforms", True)
            error = BuildRejectedError if failed_shapes else BuildFailedError
            raise error(f"the build failed; still serving {rt.serving.current().id}: "
                        f"{outcome.message}")
        if outcome.snapshot is None:
            raise BuildFailedError("the build reported success but published no snapshot")
        new = load_built(outcome.snapshot, base_iri=rt.settings.base_iri)
        old = rt.install(new)
    finally:
        rt.write_lock.release()
    return JSONResponse({"ok": True, "snapshot": new.id, "previous": old.id,
                         "message": outcome.message})


async def run_update(
    request: Request, rt: Runtime, text: str, base: str, *, using: bool = False
) -> Response:
    """Apply a SPARQL Update (token required; LOAD and SERVICE refused). ``using``: the
    request has using-graph-uri / using-named-graph-uri parameters (not supported)."""
    check_token(request, "SPARQL Update")
    if using:
        raise BadRequestError("using-graph-uri and using-named-graph-uri are not supported; "
                              "name graphs with USING or WITH in the update itself")
    try:  # off the event loop, like a query's
        await run_in_threadpool(screen, text, base_iri=base,
                                max_depth=rt.settings.max_nesting_depth,
                                max_chain=rt.settings.max_operator_chain, update=True)
    except ScreenError as error:
        raise (QuerySyntaxError if error.syntax else QueryRefusedError)(str(error)) from None
    return await run_in_threadpool(_apply_update, rt, text, base)


def _apply_update(rt: Runtime, text: str, base: str) -> Response:
    with rt.write_lock:
        snapshot = rt.serving.current()
        rt.updates += 1
        new_id = f"{snapshot.id.split('+u')[0]}+u{rt.updates}"
        dump = rt.scratch() / f"{new_id}.nq"
        job = QueryJob(text, "UPDATE", "", base_iri=base, dump_to=str(dump),
                       max_expression_depth=rt.settings.max_expression_depth,
                       max_patterns=rt.settings.max_patterns)
        reply = rt.engine.run(snapshot, job)
        if not reply.ok:
            if reply.error == "syntax":
                raise QuerySyntaxError(f"update syntax error: {reply.message}")
            if reply.error == "refused":
                raise QueryRefusedError(reply.message)
            raise BadRequestError(f"the update could not be applied: {reply.message}")
        source = DatasetSource(files=(SourceFile(str(dump), "nq"),))
        new = from_source(new_id, source, snapshot.base_iri, meta=snapshot.meta,
                          report=snapshot.report)
        rt.install(new)
        for item in snapshot.source.files:  # the previous update's dump: no longer needed
            if Path(item.path).parent == rt.scratch():
                Path(item.path).unlink(missing_ok=True)
    return PlainTextResponse(f"update applied; now serving {new_id} ({reply.count} quads)\n")


def _load_and_install(rt: Runtime, path: Path) -> None:
    with rt.write_lock:
        try:
            rt.install(load_snapshot(path, base_iri=rt.settings.base_iri))
        except (OSError, SyntaxError, ValueError, ServiceUnavailableError) as error:
            logger.error("snapshot %s could not be served (%s); still serving %s", path,
                         error, rt.serving.current().id)


def _current_dir(build_dir: Path) -> Path | None:
    try:
        return current_snapshot_dir(build_dir)
    except (SnapshotError, OSError, ValueError) as error:
        logger.warning("%s/CURRENT: %s", build_dir, error)
        return None


async def watch_builds(rt: Runtime, build_dir: Path, interval_s: float) -> None:
    """Poll ``build_dir/CURRENT``; when it names another snapshot, load and swap it in."""
    seen = _current_dir(build_dir)
    logger.info("watching %s/CURRENT every %.1f s", build_dir, interval_s)
    while True:
        await asyncio.sleep(interval_s)
        found = await run_in_threadpool(_current_dir, build_dir)
        if found is None or found == seen:
            continue
        seen = found
        if found == rt.serving.current().path:
            continue  # already served (a reload through /admin/reload wrote it)
        logger.info("build/CURRENT now names %s: loading it", found.name)
        await run_in_threadpool(_load_and_install, rt, found)
