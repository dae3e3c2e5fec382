"""One job's round trip to a worker: send it, wait for the answer, read it.

Two ways to wait, one set of outcomes. :func:`exchange` blocks a thread, polling the pipe in
:data:`CANCEL_POLL_S` slices to look at the cancel event between them (the poll returns the
moment the answer arrives). :func:`exchange_async` waits on the event loop: the pipe's
descriptor is registered with the loop and raced against the client's disconnect and the
time limit, which saves the hop to a thread and back (two process wake-ups per query; on a
loaded machine each can cost more than the query). Every way a job ends (answered, past the
time limit, cancelled, its worker dead or out of memory) is decided by :class:`Round`, the
same for both.

A worker with several query threads (process.py) holds several queries; killing it for one
of them (past its limit, cancelled) stops the others too. Those are read-only (an update
runs alone on its worker) and raise :class:`WorkerLostError`: the engine runs them once more,
on another worker. When the worker died by itself or ran out of memory while shared, no one
query is known to be the cause: each of its queries is run once more *alone* on a worker, so
that the one that causes it fails by itself and the others are answered.

A reply comes as one message (``worker.send_reply``), or for a body over
``worker.INLINE_REPLY_BYTES`` as its head and then the body's bytes, which the event loop
reads through a thread.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
import time
from typing import Any, NoReturn

from starlette.concurrency import run_in_threadpool

from kyotei.server.engine.gate import AdmissionGate, QueryCancelledError
from kyotei.server.engine.pool.workers import WorkerPool
from kyotei.server.engine.process import UNKNOWN_CULPRIT, Slot, describe_exit
from kyotei.server.engine.worker import JobReply, QueryJob, send_message
from kyotei.server.errors import (
    EngineFailureError,
    QueryTimeoutError,
    ServiceUnavailableError,
)

logger = logging.getLogger(__name__)

__all__ = ["CANCEL_POLL_S", "WorkerLostError", "exchange", "exchange_async"]

# How often a thread waiting on its worker looks whether its client went away.
CANCEL_POLL_S = 0.05
# Up to this size the event loop writes a job itself: the pipe takes it without waiting
# (a longer query text goes through a thread).
INLINE_SEND_CHARS = 16_000


class WorkerLostError(Exception):
    """The query's worker was killed for another query (``alone`` False) or died while
    shared, no one knows by which query (``alone`` True: run it again by itself)."""

    def __init__(self, why: str, *, alone: bool) -> None:
        super().__init__(why)
        self.alone = alone


class Round:
    """One job on one slot: what happens to the worker and the client in each ending."""

    def __init__(self, gate: AdmissionGate, pool: WorkerPool, worker: Slot,
                 job: QueryJob) -> None:
        self.gate, self.pool, self.worker, self.job = gate, pool, worker, job
        self.limit = gate.settings.query_timeout_s
        self.started = time.monotonic()

    def left(self) -> float:
        """Seconds left before the time limit (0.0 once past it)."""
        return max(0.0, self.started + self.limit - time.monotonic())

    def timed_out(self) -> NoReturn:
        logger.warning("query over %.1f s: stopping worker %s", self.limit, self.worker.name)
        self.pool.replace(self.worker, self.worker)
        raise QueryTimeoutError(
            f"the query ran past the time limit of {self.limit:g} s and was stopped",
            retry_after_s=self.gate.retry_after())

    def cancelled(self) -> NoReturn:
        """The client went away mid-query: kill the worker (it cannot be interrupted) so
        that its place is free at once; a new one starts in the background."""
        logger.warning("query cancelled after %.1f s (its client went away): stopping "
                       "worker %s", time.monotonic() - self.started, self.worker.name)
        self.pool.replace(self.worker, self.worker)
        self.gate.count_cancelled()
        raise QueryCancelledError("the client went away")

    def _memory_error(self) -> ServiceUnavailableError:
        return ServiceUnavailableError(
            f"the query needed more than the worker memory limit of "
            f"{self.gate.settings.worker_memory_mb} MiB (setting worker_memory_mb) and was "
            "stopped", retry_after_s=self.gate.retry_after())

    def died(self) -> NoReturn:
        """The pipe broke: the worker died on the query, or was killed for another."""
        self.worker.process.join(2)  # reap it, so that its exit status is known
        code = self.worker.process.exitcode
        how = describe_exit(code)
        culprit = self.worker.host.stopped_for
        if isinstance(culprit, Slot) and culprit is not self.worker:
            self.worker.conn.close()
            raise WorkerLostError(f"its worker was stopped for another query ({culprit.name})",
                             alone=False)
        self.pool.replace(self.worker, UNKNOWN_CULPRIT)
        if not self.worker.alone:
            self.worker.conn.close()
            logger.warning("worker %s died (%s) running several queries: each runs again "
                           "alone", self.worker.name, how)
            raise WorkerLostError(f"its worker died ({how}) while running several queries",
                             alone=True)
        logger.error("worker %s died on a query (%s)", self.worker.name, how)
        if code == -signal.SIGABRT and self.gate.settings.worker_memory_mb:
            raise self._memory_error() from None  # the engine aborts when out of memory
        raise EngineFailureError(
            f"the query engine failed on this query (its worker stopped: {how}); "
            "the query was not answered") from None

    def head(self) -> tuple[JobReply, int]:
        """The reply's head, once the pipe is readable: the reply and its body's length."""
        head = self.worker.conn.recv()
        if not (isinstance(head, tuple) and len(head) == 2 and isinstance(head[0], JobReply)
                and isinstance(head[1], int)):
            self.pool.replace(self.worker, UNKNOWN_CULPRIT)
            raise EngineFailureError("the query worker sent an unexpected reply")
        return head[0], head[1]

    def finish(self, reply: JobReply, body: bytes) -> JobReply:
        if reply.error == "memory":
            self.pool.replace(self.worker, UNKNOWN_CULPRIT)
            if not self.worker.alone:  # a neighbour may have taken the memory
                raise WorkerLostError("its worker ran out of memory while running several "
                                 "queries", alone=True)
            raise self._memory_error()
        logger.debug("%s on %s: %.1f ms", self.job.form, self.worker.name,
                     (time.monotonic() - self.started) * 1000)
        self.pool.release(self.worker)  # an update ran on a copy: the worker is unchanged
        if not body:
            return reply
        return JobReply(reply.ok, body, reply.count, reply.truncated, reply.error,
                        reply.message)


def exchange(gate: AdmissionGate, pool: WorkerPool, worker: Slot, job: QueryJob,
             cancel: threading.Event | None = None) -> JobReply:
    """Run ``job`` on ``worker``, blocking this thread; once ``cancel`` is set, stop it."""
    round_ = Round(gate, pool, worker, job)
    try:
        send_message(worker.conn, job)
        while True:
            left = round_.left()
            if worker.conn.poll(left if cancel is None else min(left, CANCEL_POLL_S)):
                break
            if cancel is not None and cancel.is_set():
                round_.cancelled()
            if left == 0.0:
                round_.timed_out()
        reply, size = round_.head()
        body = worker.conn.recv_bytes() if size else b""
    except (EOFError, OSError):
        round_.died()
    return round_.finish(reply, body)


# What woke a query waiting on the event loop (the first of them wins).
READABLE, GONE, LATE = "readable", "gone", "late"


def _settle(future: asyncio.Future[str], why: str) -> None:
    if not future.done():
        future.set_result(why)


async def exchange_async(gate: AdmissionGate, pool: WorkerPool, worker: Slot, job: QueryJob,
                         disconnected: asyncio.Future[Any] | None = None) -> JobReply:
    """Run ``job`` on ``worker`` from the event loop; once ``disconnected`` is done (the
    client went away), stop it. An answer that arrives with the disconnect is taken.

    One future is woken by the first of: the pipe readable (``add_reader``), the client
    gone, the time limit (a timer); no ``asyncio.wait`` and no task of its own. Some event
    loops (uvloop) leave a descriptor they watched non-blocking: it is set blocking again
    before the answer is read, which the worker has already begun to write."""
    round_ = Round(gate, pool, worker, job)
    loop = asyncio.get_running_loop()
    try:
        if len(job.text) > INLINE_SEND_CHARS:
            await run_in_threadpool(send_message, worker.conn, job)
        else:
            send_message(worker.conn, job)
        woken: asyncio.Future[str] = loop.create_future()
        descriptor = worker.conn.fileno()
        loop.add_reader(descriptor, _settle, woken, READABLE)
        timer = loop.call_later(round_.left(), _settle, woken, LATE)

        def gone(_: object) -> None:
            _settle(woken, GONE)

        if disconnected is not None:
            disconnected.add_done_callback(gone)
        try:
            why = await woken
        except asyncio.CancelledError:  # the request itself was cancelled (shutdown)
            pool.replace(worker, worker)
            raise
        finally:
            loop.remove_reader(descriptor)
            timer.cancel()
            if disconnected is not None:
                disconnected.remove_done_callback(gone)
            if not os.get_blocking(descriptor):
                os.set_blocking(descriptor, True)
        if why != READABLE and not worker.conn.poll(0):
            if why == GONE or (disconnected is not None and disconnected.done()):
                round_.cancelled()
            round_.timed_out()
        reply, size = round_.head()
        body = await run_in_threadpool(worker.conn.recv_bytes) if size else b""
    except (EOFError, OSError):
        round_.died()
    return round_.finish(reply, body)
