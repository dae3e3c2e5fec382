"""The query engine: pools of killable worker processes, one pool per served snapshot.

A query is admitted (at most ``max_concurrent_queries`` running or waiting, else 429), waits
up to ``queue_timeout_s`` for an idle worker of its snapshot's pool (else 503), and is sent
to it. Past ``query_timeout_s`` the worker is killed (SIGKILL: the query really stops) and
a fresh one is started in the background; the client gets 503 with ``Retry-After``. A
worker that dies on a query (pyoxigraph overflowing its stack) is replaced the same way, and
the client's 500 says how it ended (signal name or exit status); the server lives on. A
query whose client goes away (the route sets its ``cancel`` event) is stopped the same way
at once: its worker is killed and replaced, so its place is free for the next query. A
worker that cannot start (its store cannot be opened) is logged with the reason and retried
with exponential backoff; :meth:`QueryEngine.status` reports each pool's ready workers and
its last failure for ``/health``.

Calls block: route handlers that use the engine are plain ``def`` (Starlette runs them in
its thread pool), so the event loop, and ``/health``, stay free.
"""

from __future__ import annotations

import logging
import queue
import signal
import threading
import time
from multiprocessing.context import BaseContext

from kyotei.server.engine.gate import AdmissionGate, QueryCancelledError
from kyotei.server.engine.process import Worker, describe_exit, worker_context
from kyotei.server.engine.sandbox import WorkerLimits
from kyotei.server.engine.verdicts import PassedScreens
from kyotei.server.engine.worker import JobReply, QueryJob
from kyotei.server.errors import (
    EngineFailureError,
    QueryTimeoutError,
    ServiceUnavailableError,
)
from kyotei.server.settings import ServerSettings
from kyotei.server.state import LoadedSnapshot

logger = logging.getLogger(__name__)

WORKER_START_TIMEOUT_S = 300.0
# How often a query waiting on its worker looks whether its client went away. The wait for
# the answer returns the moment it arrives: this adds no latency, only wake-ups.
CANCEL_POLL_S = 0.05
RETRY_FIRST_S = 0.5
RETRY_MAX_S = 30.0


class WorkerPool:
    """``size`` workers holding one snapshot; idle ones wait in a queue.

    A pool being retired (:meth:`close`) keeps serving the requests that already use it
    (running, or waiting for a worker) and shuts its workers down when the last one leaves.
    """

    def __init__(self, ctx: BaseContext, snapshot: LoadedSnapshot, size: int,
                 limits: WorkerLimits | None = None) -> None:
        self.snapshot_id = snapshot.id
        self._limits = limits
        self._ctx = ctx
        self._source = snapshot.source
        self._size = size
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._all: set[Worker] = set()
        self._users = 0
        self._closing = False
        self._shut = False
        self._spawned = 0
        self._ready = threading.Event()
        self._stopped = threading.Event()
        self._failures = 0  # consecutive failed starts
        self._last_error: str | None = None
        self.screens = PassedScreens()  # shared by its workers, kept across respawns

    def start(self) -> None:
        for _ in range(self._size):
            self._spawn_in_background()

    def wait_ready(self, timeout: float, max_failures: int = 3) -> bool:
        """Wait until at least one worker has opened the snapshot; False after ``timeout``
        or once ``max_failures`` starts in a row have failed."""
        deadline = time.monotonic() + timeout
        while not self._ready.wait(0.1):
            with self._lock:
                failures = self._failures
            if failures >= max_failures or time.monotonic() > deadline:
                return False
        return True

    def _spawn_in_background(self) -> None:
        threading.Thread(target=self._spawn, daemon=True,
                         name=f"kyotei-spawn-{self.snapshot_id}").start()

    def _spawn(self) -> None:
        """Start one worker; on failure, log why and retry with exponential backoff until
        it starts or the pool shuts."""
        delay = RETRY_FIRST_S
        while not self._try_spawn():
            if self._stopped.wait(delay):
                return
            delay = min(delay * 2, RETRY_MAX_S)

    def _try_spawn(self) -> bool:
        """True when a worker started, or when there is no need to retry (shut down)."""
        with self._lock:
            if self._shut:
                return True
            self._spawned += 1
            name = f"kyotei-worker-{self.snapshot_id}-{self._spawned}"
        worker: Worker | None = None
        try:
            worker = Worker(self._ctx, self._source, name, self._limits)
            problem = worker.wait_ready(WORKER_START_TIMEOUT_S)
        except (OSError, RuntimeError) as error:
            problem = f"the process could not start: {error}"
        if problem is not None or worker is None:
            if worker is not None:
                worker.kill()
            with self._lock:
                if self._shut:
                    return True
                self._failures += 1
                self._last_error = f"worker {name}: {problem}"
                failures = self._failures
            logger.error("worker %s for snapshot %s did not start (%s); failure %d, retrying",
                         name, self.snapshot_id, problem, failures)
            return False
        with self._lock:
            if not self._shut:
                self._all.add(worker)
                self._idle.put(worker)
                self._ready.set()
                self._failures = 0
                return True
        worker.stop()
        return True

    def status(self) -> dict[str, object]:
        """For /health: workers ready out of the pool's size, and the last start failure
        while workers are failing to start."""
        with self._lock:
            return {"size": self._size, "ready": len(self._all),
                    "failing_starts": self._failures,
                    "last_error": self._last_error if self._failures else None}

    # --- users ------------------------------------------------------------------------------

    def enter(self) -> None:
        with self._lock:
            self._users += 1

    def leave(self) -> None:
        with self._lock:
            self._users -= 1
            done = self._closing and self._users == 0
        if done:
            self._shutdown()

    def close(self) -> None:
        """Retire the pool: its workers stop once no request uses it."""
        with self._lock:
            self._closing = True
            done = self._users == 0
        if done:
            self._shutdown()

    def _shutdown(self) -> None:
        self._stopped.set()
        with self._lock:
            if self._shut:
                return
            self._shut = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()

    # --- workers ----------------------------------------------------------------------------

    def acquire(self, timeout: float) -> Worker | None:
        try:
            return self._idle.get(timeout=timeout)
        except queue.Empty:
            return None

    def release(self, worker: Worker) -> None:
        self._idle.put(worker)

    def replace(self, worker: Worker) -> None:
        """Kill ``worker`` (stuck, crashed or changed by an update) and start another."""
        with self._lock:
            self._all.discard(worker)
        worker.kill()
        self._spawn_in_background()

    def pids(self) -> list[int]:
        with self._lock:
            return sorted(w.process.pid for w in self._all if w.process.pid is not None)

    def kill_all(self) -> None:
        self._stopped.set()
        with self._lock:
            self._shut = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()


def worker_limits(settings: ServerSettings) -> WorkerLimits:
    """The resource limits and network policy every worker gets (see sandbox.py)."""
    memory = settings.worker_memory_mb
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
                          worker_limits(self.settings))
        pool.start()
        return pool

    def pool_for(self, snapshot: LoadedSnapshot) -> WorkerPool:
        """The pool serving ``snapshot``, started if need be (before it is swapped in)."""
        with self._lock:
            if self._closed:
                raise ServiceUnavailableError("the server is shutting down", retry_after_s=5)
            pool = self._pools.get(snapshot.id)
            if pool is None:
                pool = self._pools[snapshot.id] = self._new_pool(snapshot)
        return pool

    def _enter(self, snapshot: LoadedSnapshot) -> WorkerPool:
        """The pool for a query on ``snapshot``, counted as in use. A snapshot swapped out
        between the request taking it and reaching here gets a pool of its own, retired
        once the query is done: the query still sees the graph it started with."""
        with self._lock:
            if self._closed:
                raise ServiceUnavailableError("the server is shutting down", retry_after_s=5)
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

    def run_admitted(self, snapshot: LoadedSnapshot, job: QueryJob,
                     cancel: threading.Event | None = None) -> JobReply:
        """:meth:`run` for a request that already holds a place (:meth:`admit`); once
        ``cancel`` is set the query stops (:class:`QueryCancelledError`)."""
        pool = self._enter(snapshot)
        try:
            worker = self._acquire(pool, cancel)
            if worker is None:
                raise ServiceUnavailableError(
                    f"no query worker became free within {self.settings.queue_timeout_s:g} "
                    "s; retry later", retry_after_s=self.retry_after())
            job = pool.screens.mark(job)
            reply = self._exchange(pool, worker, job, cancel)
            pool.screens.remember(job, reply)
            return reply
        finally:
            pool.leave()

    def _acquire(self, pool: WorkerPool, cancel: threading.Event | None) -> Worker | None:
        """An idle worker within ``queue_timeout_s``, or None; a query whose client left
        while it waited gives its worker back and stops."""
        deadline = time.monotonic() + self.settings.queue_timeout_s
        while True:
            left = max(0.0, deadline - time.monotonic())
            worker = pool.acquire(left if cancel is None else min(left, CANCEL_POLL_S))
            if cancel is not None and cancel.is_set():
                if worker is not None:
                    pool.release(worker)
                self.count_cancelled()
                logger.info("query cancelled while waiting for a worker: its client went away")
                raise QueryCancelledError("the client went away")
            if worker is not None or left == 0.0:
                return worker

    def _cancelled(self, pool: WorkerPool, worker: Worker, started: float) -> None:
        """The client went away mid-query: kill the worker (it cannot be interrupted) so
        that its place is free at once; a new one starts in the background."""
        logger.warning("query cancelled after %.1f s (its client went away): stopping "
                       "worker %s", time.monotonic() - started, worker.name)
        pool.replace(worker)
        self.count_cancelled()
        raise QueryCancelledError("the client went away")

    def _memory_error(self) -> ServiceUnavailableError:
        return ServiceUnavailableError(
            f"the query needed more than the worker memory limit of "
            f"{self.settings.worker_memory_mb} MiB (setting worker_memory_mb) and was stopped",
            retry_after_s=self.retry_after())

    def _exchange(self, pool: WorkerPool, worker: Worker, job: QueryJob,
                  cancel: threading.Event | None = None) -> JobReply:
        limit = self.settings.query_timeout_s
        started = time.monotonic()
        deadline = started + limit
        try:
            worker.conn.send(job)
            while True:
                left = max(0.0, deadline - time.monotonic())
                if worker.conn.poll(left if cancel is None else min(left, CANCEL_POLL_S)):
                    break
                if cancel is not None and cancel.is_set():
                    self._cancelled(pool, worker, started)
                if left == 0.0:
                    logger.warning("query over %.1f s: stopping worker %s", limit, worker.name)
                    pool.replace(worker)
                    raise QueryTimeoutError(
                        f"the query ran past the time limit of {limit:g} s and was stopped",
                        retry_after_s=self.retry_after())
            reply = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            worker.process.join(2)  # reap it, so that its exit status is known
            code = worker.process.exitcode
            how = describe_exit(code)
            logger.error("worker %s died on a query (%s)", worker.name, how)
            pool.replace(worker)
            if code == -signal.SIGABRT and self.settings.worker_memory_mb:
                raise self._memory_error() from None  # the engine aborts when out of memory
            raise EngineFailureError(
                f"the query engine failed on this query (its worker stopped: {how}); "
                "the query was not answered") from None
        if not isinstance(reply, JobReply):
            pool.replace(worker)
            raise EngineFailureError("the query worker sent an unexpected reply")
        if reply.error == "memory":
            pool.replace(worker)
            raise self._memory_error()
        logger.debug("%s on %s: %.1f ms", job.form, worker.name,
                     (time.monotonic() - started) * 1000)
        pool.release(worker)  # an update ran on a copy: the worker's store is unchanged
        return reply
