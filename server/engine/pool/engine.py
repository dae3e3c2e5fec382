"""The local query engine (:class:`QueryEngine`): one :class:`WorkerPool` per served
snapshot, queries admitted, given an idle worker and run on it.

A query is admitted (at most ``max_concurrent_queries`` running or waiting, else 429), waits
up to ``queue_timeout_s`` for an idle worker of its snapshot's pool (else 503), and is sent
to it (exchange.py: the time limit, the cancel, a worker's crash). The route waits for the
answer on the event loop (:meth:`QueryEngine.run_admitted_async`); updates and tests call
:meth:`QueryEngine.run_admitted`, which blocks a thread.

A worker may run several queries (``threads``): one stopped with its worker for another
query's sake (:class:`WorkerLostError`) is run once more, with a fresh time limit — alone on a
worker when the cause is not known; a second loss is 503. An update always runs alone.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any, NoReturn

from starlette.concurrency import run_in_threadpool

from kyotei.server.engine.gate import AdmissionGate, QueryCancelledError
from kyotei.server.engine.pool.exchange import (
    WorkerLostError,
    exchange,
    exchange_async,
)
from kyotei.server.engine.pool.workers import WORKER_START_TIMEOUT_S, WorkerPool
from kyotei.server.engine.process import Slot, worker_context
from kyotei.server.engine.sandbox import WorkerLimits
from kyotei.server.engine.worker import JobReply, QueryJob
from kyotei.server.errors import ServiceUnavailableError
from kyotei.server.settings import ServerSettings
from kyotei.server.state import LoadedSnapshot

logger = logging.getLogger(__name__)

__all__ = ["QueryEngine", "worker_limits"]


def worker_limits(settings: ServerSettings) -> WorkerLimits:
    """The resource limits and network policy every worker gets (see sandbox.py). The
    memory ceiling is the process's, shared by its query threads; it is raised by the
    stacks of the threads past the first (reserved whole, they count in RLIMIT_DATA)."""
    memory = settings.worker_memory_mb
    if memory:
        memory += (settings.threads - 1) * settings.worker_stack_mb
    return WorkerLimits(memory_bytes=memory * 2**20 if memory else None,
                        stack_bytes=settings.worker_stack_mb * 2**20,
                        allow_unsandboxed=settings.allow_unsandboxed_workers)


class QueryEngine(AdmissionGate):
    """Runs jobs on the pool of the snapshot they were made for."""

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        self._ctx = worker_context()
        self._pools: dict[str, WorkerPool] = {}
        self._current_id: str | None = None
        self._lock = threading.Lock()
        self._admitted = 0
        self._closed = False

    # --- pools ------------------------------------------------------------------------------

    def _new_pool(self, snapshot: LoadedSnapshot) -> WorkerPool:
        pool = WorkerPool(self._ctx, snapshot, self.settings.workers,
                          worker_limits(self.settings), self.settings.threads)
        pool.start()
        return pool

    def _open(self) -> None:
        if self._closed:
            raise ServiceUnavailableError("the server is shutting down", retry_after_s=5)

    def pool_for(self, snapshot: LoadedSnapshot) -> WorkerPool:
        """The pool serving ``snapshot``, started if need be (before it is swapped in)."""
        with self._lock:
            self._open()
            pool = self._pools.get(snapshot.id)
            if pool is None:
                pool = self._pools[snapshot.id] = self._new_pool(snapshot)
        return pool

    def _enter(self, snapshot: LoadedSnapshot) -> WorkerPool:
        """The pool for a query on ``snapshot``, counted as in use. A snapshot swapped out
        between the request taking it and reaching here gets a pool of its own, retired
        once the query is done: the query still sees the graph it started with."""
        with self._lock:
            self._open()
            pool = self._pools.get(snapshot.id)
            stale = pool is None and self._current_id not in (None, snapshot.id)
            if pool is None:
                pool = self._new_pool(snapshot)
                if not stale:
                    self._pools[snapshot.id] = pool
            pool.enter()
        if stale:
            pool.close()
        return pool

    def start(self, snapshot: LoadedSnapshot) -> None:
        """Start the workers of the snapshot served first."""
        self.pool_for(snapshot)
        self.retire_except(snapshot)

    def prepare(self, snapshot: LoadedSnapshot, timeout: float = WORKER_START_TIMEOUT_S) -> bool:
        """Start ``snapshot``'s workers and wait until one is ready (before a swap)."""
        return self.pool_for(snapshot).wait_ready(timeout)

    def retire_except(self, keep: LoadedSnapshot) -> None:
        """Retire every pool but ``keep``'s; queries using them finish first."""
        with self._lock:
            self._current_id = keep.id
            old = [p for sid, p in self._pools.items() if sid != keep.id]
            self._pools = {sid: p for sid, p in self._pools.items() if sid == keep.id}
        for pool in old:
            pool.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            pools = list(self._pools.values())
            self._pools.clear()
        for pool in pools:
            pool.kill_all()

    def worker_pids(self, snapshot: LoadedSnapshot) -> list[int]:
        """Process ids of the ready workers holding ``snapshot``."""
        with self._lock:
            pool = self._pools.get(snapshot.id)
        return [] if pool is None else pool.pids()

    def status(self) -> dict[str, dict[str, object]]:
        """Each live pool's :meth:`WorkerPool.status`, by snapshot id."""
        with self._lock:
            pools = dict(self._pools)
        return {sid: pool.status() for sid, pool in sorted(pools.items())}

    # --- running ----------------------------------------------------------------------------

    def _no_worker(self) -> ServiceUnavailableError:
        return ServiceUnavailableError(
            f"no query worker became free within {self.settings.queue_timeout_s:g} s; "
            "retry later", retry_after_s=self.retry_after())

    def _lost_twice(self, lost: WorkerLostError) -> ServiceUnavailableError:
        return ServiceUnavailableError(
            f"the query was stopped twice with its worker for other queries ({lost}); "
            "retry later", retry_after_s=self.retry_after())

    def run_admitted(self, snapshot: LoadedSnapshot, job: QueryJob,
                     cancel: threading.Event | None = None) -> JobReply:
        """:meth:`run` for a request that already holds a place (:meth:`admit`); once
        ``cancel`` is set the query stops (:class:`QueryCancelledError`)."""
        pool = self._enter(snapshot)
        alone, retried = job.form == "UPDATE", False
        try:
            while True:
                slot = self._acquire(pool, cancel, alone)
                if slot is None:
                    raise self._no_worker()
                job = pool.screens.mark(job)
                try:
                    reply = exchange(self, pool, slot, job, cancel)
                except WorkerLostError as lost:
                    alone, retried = self._again(lost, retried=retried, alone=alone), True
                    continue
                pool.screens.remember(job, reply)
                return reply
        finally:
            pool.leave()

    def _again(self, lost: WorkerLostError, *, retried: bool, alone: bool) -> bool:
        """After a neighbour's stop took the worker: the second loss is the query's end;
        else it runs once more (alone when the culprit is not known); ``alone`` for it."""
        if retried:
            raise self._lost_twice(lost) from None
        alone = alone or lost.alone
        logger.info("query runs again%s: %s", " alone" if alone else "", lost)
        return alone

    async def run_admitted_async(self, snapshot: LoadedSnapshot, job: QueryJob,
                                 disconnected: asyncio.Future[Any] | None = None) -> JobReply:
        """:meth:`run_admitted` from the event loop: an idle worker is taken and answers
        without a thread (only waiting for a busy pool takes one); once ``disconnected``
        is done the query stops."""
        pool = self._enter(snapshot)
        alone, retried = job.form == "UPDATE", False
        cancel: threading.Event | None = None  # made only when waiting in a thread

        def gone(_done: object) -> None:
            if cancel is not None:
                cancel.set()

        try:
            while True:
                slot = pool.acquire(0, alone)
                if slot is None:
                    if cancel is None:
                        cancel = threading.Event()
                        if disconnected is not None:  # a connection's: removed below
                            disconnected.add_done_callback(gone)
                    slot = await run_in_threadpool(self._acquire, pool, cancel, alone)
                    if slot is None:
                        raise self._no_worker()
                elif disconnected is not None and disconnected.done():
                    self._left_waiting(pool, slot)
                job = pool.screens.mark(job)
                try:
                    reply = await exchange_async(self, pool, slot, job, disconnected)
                except WorkerLostError as lost:
                    alone, retried = self._again(lost, retried=retried, alone=alone), True
                    continue
                pool.screens.remember(job, reply)
                return reply
        finally:
            if disconnected is not None and cancel is not None:
                disconnected.remove_done_callback(gone)
            if pool.retiring:  # leaving may stop its workers (joins): not on the event loop
                await run_in_threadpool(pool.leave)
            else:
                pool.leave()

    def _acquire(self, pool: WorkerPool, cancel: threading.Event | None,
                 alone: bool = False) -> Slot | None:
        """An idle slot within ``queue_timeout_s`` (every slot of a worker, ``alone``), or
        None; a query whose client left while it waited gives its slot back and stops."""
        worker = pool.acquire(self.settings.queue_timeout_s, alone,
                              None if cancel is None else cancel.is_set)
        if cancel is not None and cancel.is_set():
            self._left_waiting(pool, worker)
        return worker

    def _left_waiting(self, pool: WorkerPool, worker: Slot | None) -> NoReturn:
        """The client went away before its query reached a worker: give the worker back."""
        if worker is not None:
            pool.release(worker)
        self.count_cancelled()
        logger.info("query cancelled while waiting for a worker: its client went away")
        raise QueryCancelledError("the client went away")
