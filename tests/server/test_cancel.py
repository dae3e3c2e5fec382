"""A query whose client goes away is stopped on the server (decision 0009): its worker is
killed and replaced at once, so the place is free for the next query long before the time
limit; one log line, and ``/health`` counts it. Against a real uvicorn socket."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import pytest

from kyotei.server.engine.gate import QueryCancelledError
from kyotei.server.engine.pool import QueryEngine
from kyotei.server.engine.worker import INLINE_REPLY_BYTES, QueryJob
from kyotei.server.errors import QueryTimeoutError
from kyotei.server.state import LoadedSnapshot, ServingState
from tests.server.conftest import LiveServer, make_settings

# Every triple against every triple four times over: hours on the fixture's store.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TIME_LIMIT_S = 600.0  # far beyond any wait below: a freed place cannot be the time limit's
WAIT_S = 60.0


def _health(server: LiveServer) -> dict[str, Any]:
    found: dict[str, Any] = httpx.get(server.url + "/health", timeout=10).json()
    return found


def _until(what: str, check: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT_S
    while not check():
        assert time.monotonic() < deadline, f"never: {what}"
        time.sleep(0.05)


def _pids(server: LiveServer) -> list[int]:
    runtime = server.app.state.runtime
    return list(runtime.engine.worker_pids(runtime.serving.current()))


@contextlib.contextmanager
def _query_in_flight(server: LiveServer, query: str) -> Iterator[socket.socket]:
    """A raw connection that has sent ``query`` and waits for its answer."""
    address = urlsplit(server.url)
    sock = socket.create_connection((address.hostname or "", address.port or 80), timeout=10)
    sock.sendall(f"GET /sparql?query={quote(query)} HTTP/1.1\r\nHost: x\r\n"
                 "Accept: application/sparql-results+json\r\n\r\n".encode())
    try:
        yield sock
    finally:
        sock.close()


@pytest.mark.slow
@pytest.mark.parametrize("kyotei_protocol", [False, True], ids=["uvicorn", "kyotei"])
def test_a_query_whose_client_leaves_frees_its_worker(
    serve: Callable[..., contextlib.AbstractContextManager[LiveServer]],
    caplog: pytest.LogCaptureFixture, kyotei_protocol: bool,
) -> None:
    """Over uvicorn's own protocol a task reads the request's messages for the disconnect;
    over kyotei's (what ``kyotei serve`` runs) the connection's future says it."""
    caplog.set_level(logging.INFO)
    with serve(workers=1, query_timeout_s=TIME_LIMIT_S,
               kyotei_protocol=kyotei_protocol) as server:
        _until("a worker is ready", lambda: len(_pids(server)) == 1)
        (first,) = _pids(server)
        with _query_in_flight(server, ENDLESS):
            _until("the query is admitted", lambda: _health(server)["queries_in_flight"] == 1)
            time.sleep(0.5)  # let it reach the worker (the screen takes milliseconds)
            assert _health(server)["queries_cancelled"] == 0
        # the client has closed its connection
        _until("the query is cancelled", lambda: _health(server)["queries_cancelled"] == 1)
        _until("a new worker is ready", lambda: len(_pids(server)) == 1
               and _pids(server) != [first])
        with pytest.raises(ProcessLookupError):
            os.kill(first, 0)  # the worker that ran it is gone (killed and reaped)
        # the one place is free: a query is answered (with the place still taken it would
        # wait for the 600 s limit, past the 5 s queue timeout, and get 503)
        answer = httpx.get(server.sparql, params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
        assert answer.status_code == 200 and answer.json()["boolean"] is True
        health = _health(server)
        assert (health["queries_in_flight"], health["queries_cancelled"]) == (0, 1)
    lines = [r for r in caplog.records if "cancelled" in r.getMessage()]
    assert len(lines) == 1 and lines[0].levelno == logging.WARNING
    assert "client went away" in lines[0].getMessage()


def test_a_query_cancelled_before_it_reaches_a_worker_keeps_the_worker(
    state: ServingState,
) -> None:
    engine = QueryEngine(make_settings(workers=1))
    snapshot: LoadedSnapshot = state.current()
    try:
        engine.start(snapshot)
        assert engine.prepare(snapshot, timeout=60)
        before = engine.worker_pids(snapshot)
        cancel = threading.Event()
        cancel.set()
        with pytest.raises(QueryCancelledError):
            engine.run_admitted(snapshot, QueryJob("ASK {}", "ASK", "json"), cancel)
        assert engine.cancelled == 1
        assert engine.worker_pids(snapshot) == before  # given back, not killed
        reply = engine.run(snapshot, QueryJob("ASK { ?s ?p ?o }", "ASK", "json"))
        assert reply.ok and json.loads(reply.body) == {"head": {}, "boolean": True}
    finally:
        engine.close()


def test_from_an_event_loop_that_leaves_the_pipe_non_blocking_answers_are_read_whole(
    state: ServingState,
) -> None:
    """uvloop sets a descriptor it watches non-blocking (asyncio's own loop does not): an
    answer bigger than the pipe's buffer, still being written when the pipe turns readable,
    is read whole all the same, inline or after its head."""
    engine = QueryEngine(make_settings(workers=1))
    snapshot: LoadedSnapshot = state.current()

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        watch = loop.add_reader

        def add_reader(fd: Any, callback: Any, *args: Any) -> None:
            os.set_blocking(fd, False)  # as uvloop does
            watch(fd, callback, *args)

        loop.add_reader = add_reader  # type: ignore[method-assign]
        for rows in (600, 4000):  # ~260 KB inline (a pipe holds 64 KiB), then over 1 MiB
            reply = await engine.run_admitted_async(snapshot, QueryJob(
                f"SELECT * WHERE {{ ?a ?b ?c . ?d ?e ?f }} LIMIT {rows}", "SELECT", "json"))
            assert reply.ok, reply.message
            assert reply.count == len(json.loads(reply.body)["results"]["bindings"]) == rows
            assert len(reply.body) > 2 * 2**16

    _run_on(engine, snapshot, scenario)


def test_from_the_event_loop_a_query_is_answered_cancelled_or_stopped_at_the_limit(
    state: ServingState,
) -> None:
    """The route's way (run_admitted_async): the answer read off the event loop (a big one
    through a thread); a client
    gone before its query reached a worker gives the worker back; past the time limit the
    worker is killed and replaced."""
    engine = QueryEngine(make_settings(workers=1, query_timeout_s=3.0))
    snapshot: LoadedSnapshot = state.current()

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        reply = await engine.run_admitted_async(
            snapshot, QueryJob("ASK { ?s ?p ?o }", "ASK", "json"))
        assert reply.ok and json.loads(reply.body) == {"head": {}, "boolean": True}
        big = await engine.run_admitted_async(snapshot, QueryJob(
            "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 4000", "SELECT", "json"))
        assert len(big.body) > INLINE_REPLY_BYTES  # sent after its head, read by a thread
        assert big.count == len(json.loads(big.body)["results"]["bindings"]) == 4000
        before = engine.worker_pids(snapshot)
        gone: asyncio.Future[None] = loop.create_future()
        gone.set_result(None)
        with pytest.raises(QueryCancelledError):
            await engine.run_admitted_async(snapshot, QueryJob("ASK {}", "ASK", "json"), gone)
        assert engine.cancelled == 1 and engine.worker_pids(snapshot) == before  # kept
        with pytest.raises(QueryTimeoutError):
            await engine.run_admitted_async(snapshot, QueryJob(ENDLESS, "SELECT", "json"),
                                            loop.create_future())
        assert before[0] not in engine.worker_pids(snapshot)
        with pytest.raises(ProcessLookupError):
            os.kill(before[0], 0)  # killed and reaped; a new one starts in the background

    _run_on(engine, snapshot, scenario)


def _run_on(engine: QueryEngine, snapshot: LoadedSnapshot,
            scenario: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Start ``engine``'s workers for ``snapshot``, run ``scenario`` on a new event loop,
    then close the engine whatever happened."""
    try:
        engine.start(snapshot)
        assert engine.prepare(snapshot, timeout=60)
        asyncio.run(scenario())
    finally:
        engine.close()
