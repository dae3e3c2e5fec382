"""Admission to a query engine, shared by the worker pools and the remote store: at most
``max_concurrent_queries`` requests at once (running, being parsed or waiting), else 429 with
``Retry-After`` — taken before any work is done; and the count of queries stopped because
their client went away (``/health``)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from starlette.concurrency import run_in_threadpool

from kyotei.server.engine.worker import JobReply, QueryJob
from kyotei.server.errors import TooManyRequestsError
from kyotei.server.settings import ServerSettings
from kyotei.server.state import LoadedSnapshot

__all__ = ["AdmissionGate"]


class AdmissionGate:
    """The admission half of an engine; a subclass runs admitted jobs (:meth:`run_admitted`)."""

    settings: ServerSettings
    _lock: threading.Lock
    _admitted: int
    _cancelled_count: int = 0

    @property
    def in_flight(self) -> int:
        """Queries admitted and not yet answered."""
        with self._lock:
            return self._admitted

    def admit(self) -> None:
        """Take one of ``max_concurrent_queries`` places, or raise 429 (before any work:
        parsing, computing, waiting for a worker)."""
        with self._lock:
            if self._admitted >= self.settings.max_concurrent_queries:
                raise TooManyRequestsError(
                    f"too many queries at once (limit {self.settings.max_concurrent_queries}); "
                    "retry later", retry_after_s=self.retry_after())
            self._admitted += 1

    def leave(self) -> None:
        with self._lock:
            self._admitted -= 1

    @property
    def cancelled(self) -> int:
        """Queries stopped because their client went away before the answer."""
        with self._lock:
            return self._cancelled_count

    def count_cancelled(self) -> None:
        with self._lock:
            self._cancelled_count += 1

    def retry_after(self) -> int:
        return max(1, round(min(self.settings.query_timeout_s, 30)))

    def run(self, snapshot: LoadedSnapshot, job: QueryJob) -> JobReply:
        """Admit, run ``job`` (:meth:`run_admitted`), leave; a KyoteiHTTPError on refusal."""
        self.admit()
        try:
            return self.run_admitted(snapshot, job)
        finally:
            self.leave()

    def run_admitted(self, snapshot: LoadedSnapshot, job: QueryJob,
                     cancel: threading.Event | None = None) -> JobReply:
        """Run ``job``; once ``cancel`` is set (its client went away), stop it as soon as
        the engine can and raise :class:`QueryCancelledError`."""
        raise NotImplementedError

    async def run_admitted_async(self, snapshot: LoadedSnapshot, job: QueryJob,
                                 disconnected: asyncio.Future[Any] | None = None) -> JobReply:
        """:meth:`run_admitted` for a route on the event loop, in a thread; the query stops
        once ``disconnected`` is done (its client went away). The local engine overrides
        this to wait without a thread."""
        cancel = threading.Event()
        if disconnected is not None:
            disconnected.add_done_callback(lambda _done: cancel.set())
        return await run_in_threadpool(self.run_admitted, snapshot, job, cancel)


class QueryCancelledError(Exception):
    """The query was stopped because its client went away; nobody reads an answer."""
