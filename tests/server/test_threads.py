"""Query threads inside a worker (decision 0014), against a real uvicorn socket: a worker runs
several queries at once; a query stopped with its worker (past the time limit, its client
gone) fails alone with its reason, and the neighbours stopped with it run once more and are
answered; the worker is replaced."""

from __future__ import annotations

import contextlib
import logging
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.server.conftest import LiveServer
from tests.server.test_admission import DEFAULTS, _binds, _nested, _sum
from tests.server.test_cancel import ENDLESS, _health, _pids, _query_in_flight, _until

Serve = Callable[..., contextlib.AbstractContextManager[LiveServer]]

# ~0.06 s of CPU on the fixture (220 triples in the default graph): short beside the limits.
SHORT = ("SELECT (COUNT(*) AS ?n) WHERE { SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } "
         "LIMIT 200000 }")
# ~1 s of CPU: surely still running when a neighbour is stopped just after it started.
LONG = ("SELECT (COUNT(*) AS ?n) WHERE { SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . "
        "?j ?k ?l } LIMIT 3000000 }")


def _count(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def _ask(server: LiveServer) -> httpx.Response:
    return httpx.get(server.sparql, params={"query": "ASK { ?s ?p ?o }"}, timeout=60)


@pytest.fixture
def info_logs(caplog: pytest.LogCaptureFixture) -> None:
    """The pool's INFO lines ("query runs again …") captured."""
    caplog.set_level(logging.INFO)


def _one_worker(server: LiveServer) -> int:
    """The pid of the server's one worker, once it is ready."""
    _until("a worker is ready", lambda: len(_pids(server)) == 1)
    (pid,) = _pids(server)
    return pid


def test_one_worker_answers_while_another_query_runs_on_it(serve: Serve) -> None:
    with serve(workers=1, threads=2, query_timeout_s=600.0, queue_timeout_s=2.0) as server:
        pid = _one_worker(server)
        assert _health(server)["workers"][server.app.state.runtime.serving.current().id][
            "threads"] == 2
        with _query_in_flight(server, ENDLESS):
            _until("the endless query is admitted",
                   lambda: _health(server)["queries_in_flight"] == 1)
            time.sleep(0.3)  # it reaches the worker
            # With one thread the only worker would be busy: 503 after the 2 s queue wait.
            answer = _ask(server)
            assert answer.status_code == 200 and answer.json()["boolean"] is True
            assert _pids(server) == [pid]  # the same process answered it


def test_a_query_past_its_limit_fails_alone_and_its_neighbours_are_answered(
    serve: Serve, caplog: pytest.LogCaptureFixture, info_logs: None,
) -> None:
    with serve(workers=1, threads=3, query_timeout_s=5.0, queue_timeout_s=30.0) as server:
        first = _one_worker(server)
        outcome: dict[str, Any] = {}
        done = threading.Event()
        neighbours: list[httpx.Response] = []

        def culprit() -> None:
            outcome["culprit"] = httpx.get(server.sparql, params={"query": ENDLESS},
                                           timeout=120)
            done.set()

        def neighbour() -> None:  # short queries back to back while the culprit runs
            with httpx.Client(timeout=120) as client:
                while not done.is_set():
                    neighbours.append(client.get(server.sparql, params={"query": SHORT}))

        threads = [threading.Thread(target=culprit)] + [
            threading.Thread(target=neighbour) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(180)
        stopped = outcome["culprit"]
        assert stopped.status_code == 503
        assert "ran past the time limit of 5 s" in stopped.text
        assert neighbours and all(_count(r) == 200_000 for r in neighbours)
        # the neighbours in flight when the worker was killed ran once more
        assert any("query runs again" in r.getMessage() for r in caplog.records)
        _until("a new worker is ready", lambda: len(_pids(server)) == 1
               and _pids(server) != [first])
        assert _ask(server).json()["boolean"] is True


def test_a_cancelled_query_stops_its_worker_and_its_neighbour_runs_again(
    serve: Serve, caplog: pytest.LogCaptureFixture, info_logs: None,
) -> None:
    with serve(workers=1, threads=2, query_timeout_s=600.0, queue_timeout_s=30.0) as server:
        first = _one_worker(server)
        answers: list[httpx.Response] = []
        with _query_in_flight(server, ENDLESS):
            _until("the endless query is admitted",
                   lambda: _health(server)["queries_in_flight"] == 1)
            long = threading.Thread(target=lambda: answers.append(
                httpx.get(server.sparql, params={"query": LONG}, timeout=120)))
            long.start()
            _until("its neighbour is admitted",
                   lambda: _health(server)["queries_in_flight"] == 2)
            time.sleep(0.3)  # it reaches the worker (and runs for seconds)
        # the endless query's client has gone: its worker is killed, the neighbour with it
        long.join(120)
        assert _count(answers[0]) == 3_000_000
        lines = [r.getMessage() for r in caplog.records]
        assert any("query runs again: its worker was stopped for another query" in line
                   for line in lines)
        assert _health(server)["queries_cancelled"] == 1
        _until("a new worker is ready", lambda: len(_pids(server)) == 1
               and _pids(server) != [first])


def test_a_query_over_the_memory_ceiling_of_a_shared_worker_fails_alone(
    serve: Serve, caplog: pytest.LogCaptureFixture, info_logs: None,
) -> None:
    cartesian = ("SELECT DISTINCT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
                 "BIND(CONCAT(STR(?a), STR(?c), STR(?d), STR(?f), STR(?g), STR(?i)) AS ?s) }")
    with serve(workers=1, threads=2, worker_memory_mb=400, query_timeout_s=120.0,
               queue_timeout_s=120.0) as server:
        _one_worker(server)
        answers: list[httpx.Response] = []
        hog = threading.Thread(target=lambda: answers.append(
            httpx.get(server.sparql, params={"query": cartesian}, timeout=300)))
        hog.start()
        _until("the query is admitted", lambda: _health(server)["queries_in_flight"] == 1)
        # neighbours meanwhile; the worker dies under one of them or under the hog
        with httpx.Client(timeout=300) as client:
            while hog.is_alive():
                assert _count(client.get(server.sparql, params={"query": SHORT})) == 200_000
        hog.join()
        assert answers[0].status_code == 503
        assert "worker memory limit of 400 MiB" in answers[0].text
        # the hog, stopped while shared, ran once more alone and failed by itself
        assert any("query runs again alone" in r.getMessage() for r in caplog.records)
        assert _ask(server).json()["boolean"] is True


# The engine's own recursion in a query thread of a worker, sized as the worker sizes it
# (worker.py: threading.stack_size from the worker's limits).
THREAD_STACK_PROBE = """
import sys
import threading
import pyoxigraph as ox
found = []
threading.stack_size(int(sys.argv[1]) * 2**20)
def run():
    found.extend(type(ox.Store().query(q)).__name__ for q in sys.argv[2:])
thread = threading.Thread(target=run)
thread.start()
thread.join()
print(" ".join(found))
"""


def test_a_query_thread_holds_the_largest_admitted_query_as_the_main_thread_does() -> None:
    def probe(stack_mb: int, *queries: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", THREAD_STACK_PROBE, str(stack_mb),
                               *queries], capture_output=True, text=True, timeout=120,
                              check=False)

    largest = (_binds(DEFAULTS.max_patterns), _sum(DEFAULTS.max_expression_depth),
               _nested(DEFAULTS.max_nesting_depth))
    done = probe(DEFAULTS.worker_stack_mb, *largest)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.split() == ["QuerySolutions", "QueryBoolean", "QuerySolutions"]
    # Control: with a thread's usual stack (8 MiB) the same query crashes the process.
    assert probe(8, _binds(DEFAULTS.max_patterns)).returncode < 0
