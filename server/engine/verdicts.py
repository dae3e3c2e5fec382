"""Which queries have passed the parse-tree screen on a snapshot, kept by the server.

The parse-tree screen (``engine_parse``) runs in a worker and costs rdflib's parse time
(tens to hundreds of milliseconds for a gallery query). Each worker keeps its own verdicts,
but a pool has several workers and respawns them, so without this each worker would parse
each query again. A query that a worker screened and answered is remembered here, by
everything its verdict depends on (its text, base IRI, form and the screen's limits; the
snapshot is the pool's); the next job with the same key is sent marked ``screened`` and the
worker skips the parse. Only passes are kept: a refusal is screened again (by a worker,
which keeps its own verdict), and updates are always screened.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from kyotei.server.engine.worker import JobReply, QueryJob

__all__ = ["PassedScreens"]

KEPT = 1024
TEXT_CHARS = 20_000  # big one-off queries are not kept

Key = tuple[str, str | None, str, int, int]


def _key(job: QueryJob) -> Key:
    return (job.text, job.base_iri, job.form, job.max_expression_depth, job.max_patterns)


class PassedScreens:
    """The queries that passed the screen on one snapshot (most recently used kept)."""

    def __init__(self, kept: int = KEPT) -> None:
        self._kept = kept
        self._keys: OrderedDict[Key, None] = OrderedDict()
        self._lock = threading.Lock()

    def mark(self, job: QueryJob) -> QueryJob:
        """``job``, marked ``screened`` when the same query has passed before."""
        if job.form == "UPDATE" or job.screened:
            return job
        key = _key(job)
        with self._lock:
            if key not in self._keys:
                return job
            self._keys.move_to_end(key)
        return job.marked()

    def remember(self, job: QueryJob, reply: JobReply) -> None:
        """Keep ``job`` as passed when a worker screened and answered it."""
        if job.form == "UPDATE" or job.screened or not reply.ok \
                or len(job.text) > TEXT_CHARS:
            return
        with self._lock:
            self._keys[_key(job)] = None
            while len(self._keys) > self._kept:
                self._keys.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._keys)
