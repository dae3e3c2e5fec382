"""One query worker process, seen from the server: start it, wait for it, stop or kill it.

A worker runs ``threads`` queries at once, one per :class:`Slot`: each slot is a pipe of its
own to one query thread of the process (the store, opened once, is shared by its threads;
pyoxigraph evaluates without the GIL). A slot is what a query holds; killing the process
stops every query on it. :attr:`Worker.stopped_for` says why the server killed it: the slot
whose query was the culprit (past its limit, cancelled), :data:`UNKNOWN_CULPRIT` when the
process died by itself or ran out of memory while shared, or None while it lives."""

from __future__ import annotations

import logging
import multiprocessing
import signal
import sys
import time
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess

from kyotei.server.engine.sandbox import WorkerLimits
from kyotei.server.state import DatasetSource

logger = logging.getLogger(__name__)

__all__ = ["UNKNOWN_CULPRIT", "Slot", "Worker", "describe_exit", "worker_context"]

UNKNOWN_CULPRIT = "unknown"  # Worker.stopped_for: no query is known to have caused it


def describe_exit(code: int | None) -> str:
    """How a worker process ended, in words: ``killed by signal SIGSEGV``, ``exit status 1``."""
    if code is None:
        return "its pipe closed while it was still running"
    if code < 0:
        try:
            return f"killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


def worker_context() -> BaseContext:
    """forkserver on Linux (workers start from a clean, preloaded process), else spawn."""
    if sys.platform.startswith("linux"):
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["kyotei.server.engine.worker"])
        return ctx
    return multiprocessing.get_context("spawn")


class Slot:
    """One query place in a worker: the server's end of the pipe to one of its threads.
    ``alone``: its query holds every slot of the worker (set by the pool), so that what
    happens to the process is that query's doing."""

    def __init__(self, host: Worker, index: int, conn: Connection) -> None:
        self.host, self.index, self.conn = host, index, conn
        self.name = host.name if index == 0 else f"{host.name}/{index}"
        self.leased = False
        self.alone = False

    @property
    def process(self) -> BaseProcess:
        return self.host.process


class Worker:
    """One worker process, its slots (one pipe per query thread) and its state in a pool."""

    def __init__(self, ctx: BaseContext, source: DatasetSource, name: str,
                 limits: WorkerLimits | None = None, threads: int = 1) -> None:
        from kyotei.server.engine.worker import worker_main

        pipes = [ctx.Pipe(duplex=True) for _ in range(threads)]
        self.name = name
        self.process: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=worker_main, args=([child for _, child in pipes], source), name=name,
            daemon=True,
        )
        self.process.start()
        for _, child in pipes:
            child.close()
        self.slots = [Slot(self, i, conn) for i, (conn, _) in enumerate(pipes)]
        self.conn = self.slots[0].conn  # the start handshake goes through the first pipe
        self.stopped_for: Slot | str | None = None
        self.conn.send(limits or WorkerLimits())  # the worker's first read (sandbox.py)

    def wait_ready(self, timeout: float) -> str | None:
        """None once the worker has opened its store, else why it did not; the network
        guard the worker reports on the way is logged."""
        deadline = time.monotonic() + timeout
        try:
            while True:
                if not self.conn.poll(max(0.0, deadline - time.monotonic())):
                    return f"not ready within {timeout:g} s"
                message = self.conn.recv()
                if not isinstance(message, tuple) or not message:
                    return "it sent an unexpected first message"
                if message[0] == "sandbox":
                    logger.info("worker %s: network guard: %s", self.name, message[1])
                    continue
                if message[0] == "sandbox-refused":
                    return f"it refused to start without a network guard: {message[1]}"
                if message[0] == "ready":
                    return None
                if message[0] == "failed" and len(message) > 1:
                    return str(message[1])
                return "it sent an unexpected first message"
        except (EOFError, OSError):
            self.process.join(2)
            return f"it stopped while starting ({describe_exit(self.process.exitcode)})"

    def kill(self, keep: frozenset[Slot] = frozenset()) -> None:
        """Kill the process; close the pipes of its slots but ``keep``'s (queries still
        waiting on them read the end of the pipe, then close them)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        for slot in self.slots:
            if slot not in keep:
                slot.conn.close()

    def stop(self) -> None:
        for slot in self.slots:
            try:
                slot.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        self.process.join(2)
        self.kill()
