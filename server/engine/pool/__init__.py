"""The local query engine: pools of killable worker processes, one pool per served snapshot.

A query is admitted (at most ``max_concurrent_queries`` running or waiting, else 429), waits
up to ``queue_timeout_s`` for an idle worker of its snapshot's pool (else 503), and is sent
to it. Past ``query_timeout_s`` the worker is killed (SIGKILL: the query really stops) and
a fresh one is started in the background; the client gets 503 with ``Retry-After``. A
worker that dies on a query (pyoxigraph overflowing its stack) is replaced the same way, and
the client's 500 says how it ended (signal name or exit status); the server lives on. A
query whose client goes away is stopped the same way at once: its worker is killed and
replaced, so its place is free for the next query. A worker that cannot start is retried
with exponential backoff; :meth:`QueryEngine.status` reports each pool for ``/health``.

A worker may run ``threads`` queries at once, sharing its opened store (decision 0014): a
query stopped with its worker for another's sake runs once more on another worker (alone
when its worker died of an unknown query), never silently lost.

- ``engine``: :class:`QueryEngine`, the pools by snapshot and the way a query gets a worker;
- ``workers``: :class:`WorkerPool`, one snapshot's workers (start, retry, replace, retire);
- ``exchange``: one job's round trip to a worker, from a thread or from the event loop.
"""

from kyotei.server.engine.pool.engine import QueryEngine, worker_limits
from kyotei.server.engine.pool.workers import WorkerPool

__all__ = ["QueryEngine", "WorkerPool", "worker_limits"]
