"""A pool of killable worker processes holding one snapshot (:class:`WorkerPool`).

Each worker has ``threads`` slots (process.py); a query takes one idle slot, from the worker
with the most idle slots (fewest neighbours). A query that must run alone (an update, or a
retry after its shared worker died) takes every slot of one worker: it waits for one to
drain, the worker it reserved taking no new query meanwhile.

A worker that cannot start (its store cannot be opened) is logged with the reason and
retried with exponential backoff; :meth:`WorkerPool.status` reports the ready workers and
the last failure for ``/health``. A worker killed at the time limit, on a cancel or after a
crash is replaced in the background (:meth:`WorkerPool.replace`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from multiprocessing.context import BaseContext

from kyotei.server.engine.process import Slot, Worker
from kyotei.server.engine.sandbox import WorkerLimits
from kyotei.server.engine.verdicts import PassedScreens
from kyotei.server.state import LoadedSnapshot

logger = logging.getLogger(__name__)

__all__ = ["WORKER_START_TIMEOUT_S", "WorkerPool"]

WORKER_START_TIMEOUT_S = 300.0
RETRY_FIRST_S = 0.5
RETRY_MAX_S = 30.0
STOP_POLL_S = 0.05  # how often a query waiting for a slot looks whether its client left


class WorkerPool:
    """``size`` workers holding one snapshot; idle ones wait in a queue.

    A pool being retired (:meth:`close`) keeps serving the requests that already use it
    (running, or waiting for a worker) and shuts its workers down when the last one leaves.
    """

    def __init__(self, ctx: BaseContext, snapshot: LoadedSnapshot, size: int,
                 limits: WorkerLimits | None = None, threads: int = 1) -> None:
        self.snapshot_id = snapshot.id
        self._limits = limits
        self._ctx = ctx
        self._source = snapshot.source
        self._size = size
        self.threads = threads
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)  # a slot freed, a worker ready
        self._all: set[Worker] = set()
        self._idle: dict[Worker, list[Slot]] = {}  # the ready workers' idle slots
        self._draining: set[Worker] = set()  # reserved for a query that runs alone
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
            worker = Worker(self._ctx, self._source, name, self._limits, self.threads)
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
                self._idle[worker] = list(worker.slots)
                self._changed.notify_all()
                self._ready.set()
                self._failures = 0
                return True
        worker.stop()
        return True

    def status(self) -> dict[str, object]:
        """For /health: workers ready out of the pool's size, and the last start failure
        while workers are failing to start."""
        with self._lock:
            return {"size": self._size, "threads": self.threads, "ready": len(self._all),
                    "failing_starts": self._failures,
                    "last_error": self._last_error if self._failures else None}

    @property
    def retiring(self) -> bool:
        """Closed: the last request to leave stops its workers. A plain read: a stale
        answer only decides whether a leaving request does so from a thread."""
        return self._closing

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

    def _take_all(self) -> list[Worker]:
        """Mark the pool shut and take its workers out (none when it already was)."""
        self._stopped.set()
        with self._lock:
            if self._shut:
                return []
            self._shut = True
            workers = list(self._all)
            self._all.clear()
            self._idle.clear()
            self._draining.clear()
        return workers

    def _shutdown(self) -> None:
        for worker in self._take_all():
            worker.stop()

    # --- workers ----------------------------------------------------------------------------

    def acquire(self, timeout: float, alone: bool = False,
                stop: Callable[[], bool] | None = None) -> Slot | None:
        """An idle slot, waiting up to ``timeout`` seconds (0: do not wait), or None (also
        once ``stop()``, looked at every :data:`STOP_POLL_S`). With ``alone``, the first
        slot of a worker whose every slot it holds (``slot.alone``)."""
        deadline = time.monotonic() + timeout
        alone = alone and self.threads > 1  # a one-thread worker's slot is always alone
        reserved: Worker | None = None
        with self._changed:
            try:
                while True:
                    slot = self._take_alone(reserved) if alone else self._take()
                    if slot is not None:
                        return slot
                    if alone and reserved not in self._idle:
                        reserved = self._reserve()
                    left = deadline - time.monotonic()
                    if left <= 0 or (stop is not None and stop()):
                        return None
                    self._changed.wait(left if stop is None else min(left, STOP_POLL_S))
            finally:
                if reserved is not None:
                    self._draining.discard(reserved)

    def _take(self) -> Slot | None:
        """An idle slot of the worker with the most (not one drained for a lone query)."""
        free = [(len(s), w) for w, s in self._idle.items() if s and w not in self._draining]
        if not free:
            return None
        _, worker = max(free, key=lambda pair: pair[0])
        slot = self._idle[worker].pop()
        slot.leased, slot.alone = True, self.threads == 1
        return slot

    def _take_alone(self, reserved: Worker | None) -> Slot | None:
        """Every slot of an idle worker (the one ``reserved`` first), or None."""
        idle = [w for w, s in self._idle.items() if len(s) == self.threads
                and (w is reserved or w not in self._draining)]
        if not idle:
            return None
        worker = reserved if reserved in idle else idle[0]
        self._idle[worker] = []
        for slot in worker.slots:
            slot.leased = True
        first = worker.slots[0]
        first.alone = True
        return first

    def _reserve(self) -> Worker | None:
        """Stop giving out the slots of the worker with the most idle ones, so that it
        drains for a query that must run alone."""
        free = [(len(s), w) for w, s in self._idle.items() if w not in self._draining]
        if not free:
            return None
        _, worker = max(free, key=lambda pair: pair[0])
        self._draining.add(worker)
        return worker

    def release(self, slot: Slot) -> None:
        """Give ``slot`` back (every slot of its worker when it held them all)."""
        with self._changed:
            freed = slot.host.slots if slot.alone and self.threads > 1 else [slot]
            for each in freed:
                each.leased = False
            slot.alone = False
            idle = self._idle.get(slot.host)
            if idle is not None:  # not killed meanwhile
                idle.extend(freed)
                self._changed.notify_all()

    def replace(self, slot: Slot, culprit: Slot | str) -> None:
        """Kill ``slot``'s worker (stuck, crashed, out of memory, cancelled), noting the
        ``culprit`` (process.py), and start another; once per worker. The other queries
        in flight on it read the end of their pipe and close it themselves."""
        worker = slot.host
        with self._changed:
            first = worker in self._all
            self._all.discard(worker)
            self._idle.pop(worker, None)
            self._draining.discard(worker)
            if worker.stopped_for is None:
                worker.stopped_for = culprit
        keep = frozenset(s for s in worker.slots if s.leased and s is not slot)
        worker.kill(keep)
        if first:
            self._spawn_in_background()

    def pids(self) -> list[int]:
        with self._lock:
            return sorted(w.process.pid for w in self._all if w.process.pid is not None)

    def kill_all(self) -> None:
        for worker in self._take_all():
            worker.kill()
