"""Slow and vanishing clients against a real uvicorn socket: headers that never complete
are cut off, headers past ``max_header_bytes`` get 400, a stalled body gets 408, a client
that disconnects is one quiet log line."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from kyotei.server.app import create_app
from kyotei.server.http_limits import uvicorn_options
from kyotei.server.state import ServingState, load_snapshot
from tests.server.conftest import BASE_IRI, FIXTURE_SNAPSHOT_ID, free_port, make_settings

LIMIT_S = 0.5
HEADER_BYTES = 8192


@pytest.fixture
def port(build_dir: Path) -> Iterator[int]:
    found = free_port()
    settings = make_settings(port=found, header_read_timeout_s=LIMIT_S,
                             body_read_timeout_s=LIMIT_S, keep_alive_timeout_s=LIMIT_S,
                             max_header_bytes=HEADER_BYTES)
    state = ServingState(load_snapshot(build_dir / "snapshots" / FIXTURE_SNAPSHOT_ID,
                                       base_iri=BASE_IRI))
    config = uvicorn.Config(create_app(settings, state), host="127.0.0.1", port=found,
                            lifespan="on", **{**uvicorn_options(settings), "log_config": None})
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield found
    server.should_exit = True
    thread.join(30)


def _connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    return sock


def _read_all(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def test_a_client_that_never_finishes_its_headers_is_cut_off(port: int) -> None:
    with _connect(port) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")  # no blank line: never complete
        assert _read_all(sock) == b""  # closed by the server, not by the 10 s socket timeout


def test_a_connection_that_sends_nothing_is_closed(port: int) -> None:
    with _connect(port) as sock:
        assert _read_all(sock) == b""


def test_headers_in_time_are_answered(port: int) -> None:
    with _connect(port) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert _read_all(sock).startswith(b"HTTP/1.1 200 ")


def test_headers_past_the_cap_get_400_and_the_connection_closes(port: int) -> None:
    with _connect(port) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        for _ in range(3):  # in pieces: no piece alone is over the cap, together they are
            sock.sendall(b"X-Filler: " + b"a" * (HEADER_BYTES // 2) + b"\r\n")
            time.sleep(0.05)
        answer = _read_all(sock)
    assert answer.startswith(b"HTTP/1.1 400 ")
    assert answer.endswith(b"Invalid HTTP request received.")


def test_headers_under_the_cap_with_a_body_over_it_are_answered(port: int) -> None:
    query = b"ASK {}" + b" " * (4 * HEADER_BYTES)  # the body does not count
    with _connect(port) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                     b"Content-Type: application/sparql-query\r\nX-Filler: "
                     + b"a" * (HEADER_BYTES // 2) + b"\r\nContent-Length: "
                     + str(len(query)).encode() + b"\r\n\r\n" + query)
        answer = _read_all(sock)
    assert answer.startswith(b"HTTP/1.1 200 ")
    assert answer.endswith(b"true}")


def test_a_stalled_body_gets_408(port: int) -> None:
    with _connect(port) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query"
                     b"\r\nContent-Length: 100\r\n\r\nASK {")
        answer = _read_all(sock)
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b"did not arrive within 0.5 s" in answer


def test_a_client_that_disconnects_is_one_quiet_log_line(
    port: int, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    with _connect(port) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query"
                     b"\r\nContent-Length: 1000\r\n\r\nASK {")
        time.sleep(0.1)
    deadline = time.monotonic() + 10
    while not any("disconnected" in r.getMessage() for r in caplog.records):
        assert time.monotonic() < deadline, "no log line for the disconnect"
        time.sleep(0.05)
    time.sleep(0.2)
    lines = [r for r in caplog.records if "disconnected" in r.getMessage()]
    assert len(lines) == 1 and lines[0].levelno == logging.INFO
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


def test_headers_after_an_answer_on_the_same_connection_have_the_deadline_too(
        port: int) -> None:
    """The deadline is armed again after each response (one timer per connection, moved):
    a kept-alive connection that starts a second request and never finishes its headers is
    closed."""
    with _connect(port) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += sock.recv(65536)
        head, _, body = answer.partition(b"\r\n\r\n")
        length = int(next(line.split(b":")[1] for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length")))
        while len(body) < length:
            body += sock.recv(65536)
        assert head.startswith(b"HTTP/1.1 200")
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")  # never complete
        assert _read_all(sock) == b""  # closed by the server, not by the 10 s socket timeout
