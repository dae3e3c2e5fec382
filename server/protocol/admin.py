"""Changing what is served: reload (a rebuild, or a build made by another process) and
SPARQL Update. All of it needs the update token, and each ends in one atomic swap.

- ``POST /admin/reload`` runs the ``rebuild`` callable the CLI passed to the app factory; a
  build that fails (422 for a SHACL violation, 500 otherwise) leaves the previous snapshot
  serving, and the response says why.
- :func:`watch_builds` polls ``<build_dir>/CURRENT`` and swaps in a snapshot that
  ``kyotei build`` published from another process.
- Every snapshot is verified against the hashes in its ``build.json`` before it is served; a
  snapshot that fails stays out, the last good one serves, and ``/health`` names it.
- An update runs in a worker on a copy of the current dataset; what it changed is kept in
  ``<build_dir>/edits`` (fsynced) before it is served as a new snapshot (``<id>+u<n>``) and
  acknowledged, and the edits are replayed on every build loaded later, also after a
  restart (docs/decisions/0005-durable-updates.md). Without a build folder to keep them,
  updates are refused.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Header, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from kyotei.graph.publish.edits import EditLog, EditsError
from kyotei.graph.publish.snapshot import SnapshotError
from kyotei.server.engine.screen import ScreenError, screen
from kyotei.server.engine.worker import QueryJob
from kyotei.server.errors import (
    BadRequestError,
    BuildFailedError,
    BuildRejectedError,
    ConflictError,
    ForbiddenError,
    QueryRefusedError,
    QuerySyntaxError,
    ServiceUnavailableError,
    describe,
)
from kyotei.server.runtime import Runtime, runtime
from kyotei.server.security import check_token
from kyotei.server.state import (
    DatasetSource,
    LoadedSnapshot,
    build_private_store,
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
        try:
            new = load_built(outcome.snapshot, base_iri=rt.settings.base_iri, edits=rt.edits)
        except (SnapshotError, EditsError, OSError) as error:
            rt.refuse(outcome.snapshot.id, str(error))
            raise BuildFailedError(f"the new snapshot was refused; still serving "
                                   f"{rt.serving.current().id}: {error}") from None
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
    if rt.edits is None:
        raise ForbiddenError("updates are refused: this server has no build folder to keep "
                             "them in, and an update would be lost at the next restart")
    with rt.write_lock:
        snapshot = rt.serving.current()
        rt.updates += 1
        new_id = f"{snapshot.id.split('+u')[0]}+u{rt.updates}"
        dump = rt.scratch() / new_id
        dump.mkdir()
        try:
            name, count = _keep_and_serve(rt, rt.edits, snapshot, new_id, text, base, dump)
        finally:
            shutil.rmtree(dump, ignore_errors=True)
    return PlainTextResponse(f"update applied and kept (edit {name}); now serving {new_id} "
                             f"({count} quads)\n")


def _keep_and_serve(rt: Runtime, edits: EditLog, snapshot: LoadedSnapshot, new_id: str,
                    text: str, base: str, dump: Path) -> tuple[str, int]:
    """Run the update on a copy, keep what it changed, then serve it; the edit's name."""
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
    removed, added = ((dump / n).read_bytes() for n in ("removed.nq", "added.nq"))
    try:
        name = edits.append(removed, added, text)
    except OSError as error:
        raise ServiceUnavailableError(f"the update was not applied: it could not be kept "
                                      f"in {edits.folder} ({error})") from None
    try:
        rt.install(_with_delta(snapshot, new_id, removed, added))
    except BaseException:
        edits.forget(name)  # never keep what was not acknowledged
        raise
    return name, reply.count


def _with_delta(snapshot: LoadedSnapshot, new_id: str, removed: bytes, added: bytes
                ) -> LoadedSnapshot:
    delta = (list(ox.parse(removed, format=ox.RdfFormat.N_QUADS)),
             list(ox.parse(added, format=ox.RdfFormat.N_QUADS)))
    store, _ = build_private_store(new_id, copy_of=snapshot.source.store,
                                   copy_from=snapshot.store, delta=delta)
    return from_source(new_id, DatasetSource(store=store), snapshot.base_iri,
                       meta=snapshot.meta, report=snapshot.report,
                       replay=snapshot.replay).owns_store()


def _load_and_install(rt: Runtime, path: Path) -> None:
    with rt.write_lock:
        try:
            rt.install(load_snapshot(path, base_iri=rt.settings.base_iri, edits=rt.edits))
        except (SnapshotError, EditsError, OSError, SyntaxError, ValueError,
                ServiceUnavailableError) as error:
            rt.refuse(path.name, str(error))


_last_problem: dict[Path, str] = {}


def _current_dir(build_dir: Path) -> Path | None:
    """The snapshot CURRENT names; a damaged CURRENT is logged once, not at every poll."""
    try:
        found: Path | None = current_snapshot_dir(build_dir)
    except (SnapshotError, OSError, ValueError) as error:
        if _last_problem.get(build_dir) != str(error):
            logger.warning("%s/CURRENT: %s", build_dir, error)
            _last_problem[build_dir] = str(error)
        return None
    _last_problem.pop(build_dir, None)
    return found


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
