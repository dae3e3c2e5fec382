"""The query worker: a separate process that holds the snapshot and answers jobs, one at a
time on each of its pipes (one query thread per pipe, the first in the main thread).

Queries run here and not in the server process because pyoxigraph cannot be interrupted
(no time limit in Python) and can crash on pathological input (deep nesting overflows its
stack): the server kills a worker that runs past the limit and replaces it, and a crash
takes down only the worker. The worker opens the server's verified on-disk store read-only
(kyotei.server.state): it never reads the snapshot files, so a worker that respawns serves
exactly what the server verified. Its threads share the one opened store (its block cache
and table indexes: the memory a worker costs); pyoxigraph evaluates a query and yields its
results without holding the GIL, so they run at once.
"""

from __future__ import annotations

import logging
import pickle
import threading
from collections import OrderedDict
from dataclasses import dataclass, fields
from multiprocessing.connection import Connection
from operator import attrgetter
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kyotei.graph.publish.edits import difference
from kyotei.server.engine import parse as engine_parse
from kyotei.server.engine import results, sandbox
from kyotei.server.engine.screen import ScreenError
from kyotei.server.state import DatasetSource, load_dataset, release_freed_memory

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class QueryJob:
    """One query (or update) for a worker, fully decided by the server."""

    text: str
    form: str  # SELECT, ASK, CONSTRUCT, DESCRIBE, or UPDATE
    result_format: str  # a key of the formats in engine_results ("" for an update)
    base_iri: str | None = None
    default_graphs: tuple[str, ...] | None = None  # None: the store's default graph
    named_graphs: tuple[str, ...] | None = None  # None: every named graph
    max_rows: int = 100_000
    dump_to: str | None = None  # update: a folder for removed.nq and added.nq
    max_expression_depth: int = 1000
    max_patterns: int = 5000
    screened: bool = False  # passed the parse-tree screen on this snapshot (verdicts.py)

    def __reduce__(self) -> tuple[type[QueryJob], tuple[object, ...]]:
        """Pickled (sent to a worker) as its class and its values, in field order: the
        dataclass's own pickling of a slotted class reads ``fields()`` in Python both ways
        (~25 µs a job against ~5)."""
        return QueryJob, _job_values(self)

    def marked(self) -> QueryJob:
        """This job marked ``screened`` (``dataclasses.replace`` costs ~8 µs; this ~2)."""
        values: tuple[Any, ...] = (*_job_values(self)[:-1], True)
        return QueryJob(*values)


@dataclass(frozen=True, slots=True)
class JobReply:
    """What a worker sends back: a body, or an error kind and the engine's message."""

    ok: bool
    body: bytes = b""
    count: int = 0
    truncated: bool = False
    error: str = ""  # "syntax", "refused" (by the parse-tree screen), "memory" or "evaluation"
    message: str = ""

    def __reduce__(self) -> tuple[type[JobReply], tuple[object, ...]]:
        """Pickled as its class and its values (see :meth:`QueryJob.__reduce__`)."""
        return JobReply, _reply_values(self)


_job_values = attrgetter(*(f.name for f in fields(QueryJob)))
_reply_values = attrgetter(*(f.name for f in fields(JobReply)))


# Up to this size a reply's body travels inside its head: one message, one wake-up of the
# server; a bigger body follows the head as raw bytes, which the server reads off its
# event loop and which pickling does not copy.
INLINE_REPLY_BYTES = 2**20


def send_message(conn: Connection, message: object) -> None:
    """``conn.send(message)`` for plain data (jobs, replies): pickled by :func:`pickle.dumps`
    rather than multiprocessing's pickler, which copies the registry of reducers for every
    message (~1.5 µs each way); the other end's ``conn.recv()`` reads it the same."""
    conn.send_bytes(pickle.dumps(message, pickle.HIGHEST_PROTOCOL))


def send_reply(conn: Connection, reply: JobReply) -> None:
    """Send ``reply`` as its head, a pair (the reply, the length of a body that follows):
    the whole reply and 0 for a body up to :data:`INLINE_REPLY_BYTES`, else the reply
    without its body and the body's length, then the body's bytes."""
    if len(reply.body) <= INLINE_REPLY_BYTES:
        send_message(conn, (reply, 0))
        return
    send_message(conn, (JobReply(reply.ok, b"", reply.count, reply.truncated, reply.error,
                        reply.message), len(reply.body)))
    conn.send_bytes(reply.body)


def _graphs(iris: tuple[str, ...] | None) -> list[ox.NamedNode | ox.BlankNode] | None:
    return None if iris is None else [ox.NamedNode(i) for i in iris]


# The parse-tree screen is slow (rdflib's parser: tens to hundreds of milliseconds for a
# gallery query), and the same queries come back: its verdicts are kept, per worker (a
# worker's store never changes: an update replaces the worker).
_VERDICTS: OrderedDict[tuple[str, str | None, str, int, int], JobReply | None] = OrderedDict()
VERDICTS_KEPT = 256
VERDICT_TEXT_CHARS = 20_000
_SCREEN_LOCK = threading.Lock()  # the verdicts and rdflib's parser, one thread at a time


def screen(store: ox.Store, job: QueryJob) -> JobReply | None:
    """The parse-tree screen (engine_parse); a refusal as a reply, or None to go on."""
    if job.screened and job.form != "UPDATE":
        return None  # the server saw this query pass the same screen on this snapshot
    with _SCREEN_LOCK:
        return _screen(store, job)


def _screen(store: ox.Store, job: QueryJob) -> JobReply | None:
    key = (job.text, job.base_iri, job.form, job.max_expression_depth, job.max_patterns)
    if key in _VERDICTS:
        _VERDICTS.move_to_end(key)
        return _VERDICTS[key]
    graphs = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    verdict: JobReply | None = None
    try:
        engine_parse.check(job.text, base_iri=job.base_iri, update=job.form == "UPDATE",
                           has_graph=graphs.__contains__,
                           max_expression_depth=job.max_expression_depth,
                           max_patterns=job.max_patterns)
    except ScreenError as error:
        verdict = JobReply(False, error="syntax" if error.syntax else "refused",
                           message=str(error))
    if len(job.text) <= VERDICT_TEXT_CHARS:  # big one-off queries are not kept
        _VERDICTS[key] = verdict
    while len(_VERDICTS) > VERDICTS_KEPT:
        _VERDICTS.popitem(last=False)
    return verdict


def _evaluate(store: ox.Store, job: QueryJob) -> ox.QuerySolutions | ox.QueryBoolean \
        | ox.QueryTriples:
    return store.query(
        job.text,
        base_iri=job.base_iri,
        default_graph=_graphs(job.default_graphs),  # type: ignore[arg-type]  # a list is fine
        named_graphs=_graphs(job.named_graphs),
    )


def run_query(store: ox.Store, job: QueryJob) -> JobReply:
    """Screen ``job`` by its parse tree, evaluate it on ``store`` and serialise its result."""
    refused = screen(store, job)
    if refused is not None:
        return refused
    try:
        answer = _evaluate(store, job)
        if isinstance(answer, ox.QuerySolutions):
            written = results.engine_solutions(answer, job.result_format, job.max_rows)
            if written is None:  # over the cap or budget: run again through the capped writer
                again = _evaluate(store, job)
                if not isinstance(again, ox.QuerySolutions):
                    raise TypeError("a SELECT gave another form on its second run")
                written = results.write_solutions(again, job.result_format, job.max_rows)
        elif isinstance(answer, ox.QueryBoolean):
            written = results.write_boolean(bool(answer), job.result_format)
        else:
            written = results.write_triples(answer, job.result_format, job.max_rows)
    except SyntaxError as exc:
        return JobReply(False, error="syntax", message=str(exc))
    except (RuntimeError, ValueError, TypeError, OSError) as exc:
        return JobReply(False, error="evaluation", message=str(exc))
    except MemoryError:
        return JobReply(False, error="memory", message="the worker's memory ceiling")
    return JobReply(True, written.body, written.count, written.truncated)


def run_update(store: ox.Store, job: QueryJob) -> JobReply:
    """Screen the update, apply it to a copy of the (read-only) served store and write what
    it changed (``removed.nq``, ``added.nq``) where the server asked; the server keeps that
    durably before it serves or acknowledges anything."""
    refused = screen(store, job)
    if refused is not None:
        return refused
    working = ox.Store()
    working.bulk_extend(store)
    try:
        working.update(job.text, base_iri=job.base_iri)
    except SyntaxError as exc:
        return JobReply(False, error="syntax", message=str(exc))
    except (RuntimeError, ValueError, OSError) as exc:
        return JobReply(False, error="evaluation", message=str(exc))
    if job.dump_to:
        removed, added = difference(store, working)
        (Path(job.dump_to) / "removed.nq").write_bytes(removed)
        (Path(job.dump_to) / "added.nq").write_bytes(added)
    return JobReply(True, count=len(working))


# A thread idle this long after its answer gives the heap its query freed back to the system
# (each thread allocates from an arena of its own, which glibc otherwise keeps).
IDLE_TRIM_S = 0.05


def _answer(conn: Connection, store: ox.Store) -> None:
    """Answer the jobs that come on ``conn`` until it closes or brings None."""
    try:
        while True:
            job = conn.recv()
            if job is None:
                return
            send_reply(conn, run_update(store, job) if job.form == "UPDATE"
                       else run_query(store, job))
            if not conn.poll(IDLE_TRIM_S):
                release_freed_memory()
    except (EOFError, BrokenPipeError, ConnectionResetError):
        return  # the server went away or gave up on this worker


def worker_main(conns: list[Connection], source: DatasetSource) -> None:
    """Load ``source``, say "ready" on the first pipe, then answer jobs on every pipe (one
    thread each, the first in this main thread) until the first pipe closes."""
    limits = sandbox.confine_worker(conns[0])  # before anything is read: no network, memory
    try:
        store = load_dataset(source)
        engine_parse.warm()
    except (OSError, RuntimeError, ValueError, SyntaxError) as error:
        conns[0].send(("failed", f"cannot open the store: {error}"))
        return
    if limits.stack_bytes and len(conns) > 1:
        threading.stack_size(limits.stack_bytes)  # deep queries recurse as on the main thread
    for conn in conns[1:]:
        threading.Thread(target=_answer, args=(conn, store), daemon=True).start()
    try:
        conns[0].send(("ready", len(store)))
    except (BrokenPipeError, ConnectionResetError):
        return
    _answer(conns[0], store)
