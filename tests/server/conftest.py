"""Shared fixtures for the server's tests.

- ``build_dir``: a copy of ``fixtures/build`` (``CURRENT`` + ``snapshots/fixture-0001``), a
  small hand-written snapshot in the layout of docs/model.md (fictional institutions).
- ``snapshot_dir``: that copy's snapshot directory.
- ``settings``, ``state``, ``app``, ``client``: the app over that snapshot, in process
  (the client runs the app's lifespan, so query workers start and stop with it).
- ``client_with(**settings)`` / ``serve(**settings)``: context managers giving an
  in-process client / a live server over the same snapshot with other settings.
- ``live_server``: the same app served by uvicorn on 127.0.0.1 and a free port, in a thread
  (session-scoped); its ``.url`` is the root, e.g. ``http://127.0.0.1:41234``.
- ``browser``, ``page``, ``base_url``, ``console``: headless Chromium over ``live_server``,
  for the ``test_browser*`` files (defined in ``browser_support``, made fixtures here).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from browser_support import base_url, browser, console, page
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kyotei.server.app import create_app
from kyotei.server.http_limits import uvicorn_options
from kyotei.server.settings import ServerSettings
from kyotei.server.state import ServingState, load_snapshot

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_BUILD = FIXTURES / "build"
FIXTURE_SNAPSHOT_ID = "20260101T000000000000Z-f1c7e0a001"
BASE_IRI = "https://w3id.org/kyotei/id/"
__all__ = ["base_url", "browser", "console", "page"]  # the browser tests' fixtures


def fixture_build_copy(target: Path) -> Path:
    """Copy the fixture build directory to ``target`` (tests may change it)."""
    shutil.copytree(FIXTURE_BUILD, target)
    return target


def copy_fixture_snapshot(snapshots: Path, snapshot_id: str, graph: str, triples: str) -> Path:
    """``snapshots/snapshot_id``: the fixture snapshot plus ``triples`` in the named graph
    ``graph``, its files hashed into ``build.json`` as a build writes them (not made CURRENT)."""
    target = snapshots / snapshot_id
    shutil.copytree(snapshots / FIXTURE_SNAPSHOT_ID, target)
    with (target / "asserted.trig").open("a", encoding="utf-8") as out:
        out.write(f"\n<{graph}> {{ {triples} }}\n")
    meta = json.loads((target / "build.json").read_text("utf-8"))
    files = {name: hashlib.sha256((target / name).read_bytes()).hexdigest()
             for name in ("asserted.trig", "inferred.nt", "report.json")}
    (target / "build.json").write_text(
        json.dumps({**meta, "id": snapshot_id, "files": files}), "utf-8")
    return target


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def session_build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_build_copy(tmp_path_factory.mktemp("session") / "build")


@pytest.fixture
def build_dir(tmp_path: Path) -> Path:
    return fixture_build_copy(tmp_path / "build")


@pytest.fixture
def snapshot_dir(build_dir: Path) -> Path:
    return build_dir / "snapshots" / FIXTURE_SNAPSHOT_ID


def make_settings(**overrides: Any) -> ServerSettings:
    """Settings for tests: small, quick limits unless a test asks otherwise."""
    values: dict[str, Any] = {"workers": 1, "query_timeout_s": 10.0, "watch_interval_s": 0,
                              "queue_timeout_s": 5.0}
    values.update(overrides)
    return ServerSettings(**values)


@pytest.fixture
def settings() -> ServerSettings:
    return make_settings()


@pytest.fixture
def state(snapshot_dir: Path) -> ServingState:
    return ServingState(load_snapshot(snapshot_dir, base_iri=BASE_IRI))


@pytest.fixture
def app(settings: ServerSettings, state: ServingState) -> FastAPI:
    return create_app(settings, state)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@dataclass
class LiveServer:
    url: str
    app: FastAPI
    settings: ServerSettings

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"


def serve_in_thread(app: FastAPI, port: int,
                    **options: Any) -> tuple[uvicorn.Server, threading.Thread]:
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                            lifespan="on", **options)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True, name=f"uvicorn-{port}")
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    return server, thread


@contextlib.contextmanager
def running(
    make_app: Callable[[ServerSettings], FastAPI], *, kyotei_protocol: bool = False,
    **overrides: Any
) -> Iterator[LiveServer]:
    """Serve the app ``make_app(settings)`` builds with uvicorn until the block ends (with
    ``kyotei_protocol``, over the protocol ``kyotei serve`` runs: http_limits)."""
    port = free_port()
    settings = make_settings(port=port, **overrides)
    app = make_app(settings)
    server, thread = serve_in_thread(
        app, port, **(uvicorn_options(settings) if kyotei_protocol else {}))
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", app, settings)
    finally:
        server.should_exit = True
        thread.join(30)


@pytest.fixture(scope="session")
def live_server(session_build_dir: Path) -> Iterator[LiveServer]:
    snapshot = session_build_dir / "snapshots" / FIXTURE_SNAPSHOT_ID

    def make(settings: ServerSettings) -> FastAPI:
        return create_app(settings, ServingState(load_snapshot(snapshot, base_iri=BASE_IRI)))

    with running(make, workers=2) as server:
        httpx.get(server.url + "/health", timeout=10).raise_for_status()
        yield server


@pytest.fixture
def client_with(snapshot_dir: Path) -> Callable[..., contextlib.AbstractContextManager[TestClient]]:
    """``with client_with(query_timeout_s=1) as client:`` an in-process client."""

    @contextlib.contextmanager
    def start(**overrides: Any) -> Iterator[TestClient]:
        state = ServingState(load_snapshot(snapshot_dir, base_iri=BASE_IRI))
        with TestClient(create_app(make_settings(**overrides), state)) as test_client:
            yield test_client

    return start


@pytest.fixture
def serve(snapshot_dir: Path) -> Callable[..., contextlib.AbstractContextManager[LiveServer]]:
    """``with serve(workers=1) as server:`` a live uvicorn server on a free port."""

    def start(**overrides: Any) -> contextlib.AbstractContextManager[LiveServer]:
        def make(settings: ServerSettings) -> FastAPI:
            return create_app(settings,
                              ServingState(load_snapshot(snapshot_dir, base_iri=BASE_IRI)))

        return running(make, **overrides)

    return start
