"""Admission and a time limit for work the server does itself (``/store``,
``/.well-known/void``, ``/analytics``), the same as ``/sparql`` gets.

Such work takes one of the engine's ``max_concurrent_queries`` places (else 429) and runs on
a small pool of its own; the request waits for it at most ``query_timeout_s`` (else 503
with ``Retry-After``). Python cannot stop a thread, so work past the limit finishes in the
background, and its result (cached per snapshot by the callers) serves the next request;
the pool's size bounds how much of it runs at once.
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
from collections.abc import Callable
from typing import TypeVar

from kyotei.server.errors import QueryTimeoutError
from kyotei.server.runtime import Runtime

logger = logging.getLogger(__name__)

T = TypeVar("T")
WORKERS = 2  # the machine's cores are few; more threads would only contend for the GIL

_pool: concurrent.futures.ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _executor() -> concurrent.futures.ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = concurrent.futures.ThreadPoolExecutor(WORKERS,
                                                          thread_name_prefix="kyotei-compute")
        return _pool


def limited(rt: Runtime, what: str, work: Callable[[], T]) -> T:
    """Run ``work`` admitted and time-limited; call from a plain ``def`` route (a thread)."""
    rt.engine.admit()
    try:
        future = _executor().submit(work)
        try:
            return future.result(timeout=rt.settings.query_timeout_s)
        except concurrent.futures.TimeoutError:
            logger.warning("%s ran past %.1f s; answered 503, it finishes in the background",
                           what, rt.settings.query_timeout_s)
            raise QueryTimeoutError(
                f"{what} took longer than the time limit of {rt.settings.query_timeout_s:g} s; "
                "retry later", retry_after_s=rt.engine.retry_after()) from None
    finally:
        rt.engine.leave()
