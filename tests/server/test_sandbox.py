"""The query workers' kernel guard (server/sandbox.py): the second depth of "no outbound
request", which holds even when the screen is bypassed.

Each test that installs a guard does it in a child process, never in pytest's own.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import pytest
from fastapi.testclient import TestClient

from kyotei.server.engine import sandbox
from kyotei.server.engine.sandbox import SandboxError, WorkerLimits
from kyotei.server.engine.worker import QueryJob
from tests.server.conftest import free_port
from tests.server.test_safety import Canary

ClientWith = Callable[..., AbstractContextManager[TestClient]]

# A worker-like process: the guard installed, then pyoxigraph asked to run SERVICE directly.
PROBE = """
import json, sys
import pyoxigraph as ox
from kyotei.server.engine.sandbox import deny_network
guard = deny_network()
errors = []
for url in sys.argv[1:]:
    try:
        list(ox.Store().query("SELECT * WHERE { SERVICE <" + url + "> { ?s ?p ?o } }"))
        errors.append("no error")
    except (OSError, RuntimeError) as error:
        errors.append(str(error))
print(json.dumps({"guard": guard, "errors": errors}))
"""


def _probe(*urls: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", PROBE, *urls], capture_output=True,
                          text=True, timeout=60, check=True)
    found: dict[str, object] = json.loads(done.stdout)
    return found


@pytest.fixture
def canary() -> Iterator[Canary]:
    found = Canary()
    yield found
    found.close()


def test_a_guarded_process_cannot_reach_the_canary_even_running_service(
    canary: Canary,
) -> None:
    closed = f"http://127.0.0.1:{free_port()}/"
    found = _probe(canary.url, closed)
    assert found["guard"] == sandbox.MECHANISMS[0][0]  # seccomp works on this machine
    errors = found["errors"]
    assert isinstance(errors, list) and len(errors) == 2
    time.sleep(0.2)
    assert canary.connections == []
    # An open port and a closed one give the same error, but for the URL in it.
    assert errors[0].replace(canary.url, "URL") == errors[1].replace(closed, "URL")
    assert "Permission denied" in errors[0]


def test_a_real_worker_refuses_service_sent_past_the_lexical_screen(
    client: TestClient, canary: Canary
) -> None:
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    snapshot = runtime.serving.current()
    for text in (f"SELECT * WHERE {{ SERVICE <{canary.url}> {{ ?s ?p ?o }} }}",
                 f"SELECT * WHERE {{ SERVICE SILENT <{canary.url}> {{ ?s ?p ?o }} }}"):
        reply = runtime.engine.run(snapshot, QueryJob(text, "SELECT", "json"))
        assert (reply.ok, reply.error) == (False, "refused")
        assert reply.message.startswith("SERVICE is not allowed")
    time.sleep(0.2)
    assert canary.connections == []
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"]


def test_every_real_worker_runs_under_a_seccomp_filter(client: TestClient) -> None:
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    assert runtime.engine.prepare(runtime.serving.current())  # a worker is ready
    pids = runtime.engine.worker_pids(runtime.serving.current())
    assert pids
    for pid in pids:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            fields = dict(line.split(":", 1) for line in status if ":" in line)
        assert fields["Seccomp"].strip() == "2"  # SECCOMP_MODE_FILTER


NAMESPACE_PROBE = """
import json, sys, urllib.request
from kyotei.server.engine import sandbox
def no_seccomp():
    raise OSError(1, "seccomp unavailable (test)")
first = sandbox.MECHANISMS[0]
sandbox.MECHANISMS = ((first[0], no_seccomp, first[2]), *sandbox.MECHANISMS[1:])
guard = sandbox.deny_network()
try:
    urllib.request.urlopen(sys.argv[1], timeout=5)
    outcome = "connected"
except OSError as error:
    outcome = type(error).__name__
print(json.dumps({"guard": guard, "outcome": outcome}))
"""


@pytest.mark.skipif(os.geteuid() != 0, reason="a network namespace needs root here")
def test_without_seccomp_a_network_namespace_takes_over(canary: Canary) -> None:
    done = subprocess.run([sys.executable, "-c", NAMESPACE_PROBE, canary.url],
                          capture_output=True, text=True, timeout=60, check=True)
    found = json.loads(done.stdout)
    assert found["guard"] == sandbox.MECHANISMS[1][0]
    assert found["outcome"] != "connected"
    time.sleep(0.2)
    assert canary.connections == []


def _failing() -> None:
    raise OSError(1, "not here")


def test_without_any_guard_the_worker_refuses_to_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sandbox, "MECHANISMS", (("fake", _failing, lambda: True),))
    with pytest.raises(SandboxError, match=r"fake: .*not here"):
        sandbox.deny_network()
    server, worker = multiprocessing.Pipe()
    server.send(WorkerLimits())
    with pytest.raises(SandboxError):
        sandbox.confine_worker(worker)
    kind, reason = server.recv()
    assert kind == "sandbox-refused"
    assert "KYOTEI_ALLOW_UNSANDBOXED_WORKERS" in reason


def test_a_guard_that_does_not_hold_is_not_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MECHANISMS", (("leaky", lambda: None, lambda: False),))
    with pytest.raises(SandboxError, match="leaky: installed, but a test socket"):
        sandbox.deny_network()


def test_unsandboxed_workers_only_when_the_setting_allows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sandbox, "MECHANISMS", (("fake", _failing, lambda: True),))
    server, worker = multiprocessing.Pipe()
    server.send(WorkerLimits(allow_unsandboxed=True))
    sandbox.confine_worker(worker)
    kind, reason = server.recv()
    assert kind == "sandbox"
    assert reason.startswith("NONE, unsandboxed")


def test_the_server_logs_which_guard_each_worker_has(
    client_with: ClientWith, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="kyotei.server.engine.process")
    with client_with(queue_timeout_s=60.0) as client:
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    guards = [r.getMessage() for r in caplog.records if "network guard" in r.getMessage()]
    assert len(guards) == 1
    assert guards[0].endswith("network guard: " + sandbox.MECHANISMS[0][0])
