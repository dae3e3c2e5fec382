"""One query worker process, seen from the server: start it, wait for it, stop or kill it."""

from __future__ import annotations

import logging
import multiprocessing
import signal
import sys
import time
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess

from kyotei.server.engine.sandbox import WorkerLimits
from kyotei.server.state import DatasetSource

logger = logging.getLogger(__name__)

__all__ = ["Worker", "describe_exit", "worker_context"]


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


class Worker:
    """One worker process and the server's end of its pipe."""

    def __init__(self, ctx: BaseContext, source: DatasetSource, name: str,
                 limits: WorkerLimits | None = None) -> None:
        from kyotei.server.engine.worker import worker_main

        self.conn, child = ctx.Pipe(duplex=True)
        self.process: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=worker_main, args=(child, source), name=name, daemon=True
        )
        self.process.start()
        child.close()
        self.conn.send(limits or WorkerLimits())  # the worker's first read (sandbox.py)
        self.name = name

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

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self.process.join(2)
        self.kill()
