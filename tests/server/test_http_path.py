"""What kyotei's HTTP protocol does for the time a request costs (decision 0015): a
response's head goes out with its body in one write, and each request carries a future done
when its connection is lost, which the SPARQL route races its query against instead of a
task of its own reading the request's messages."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send
from uvicorn.config import LOGGING_CONFIG, Config
from uvicorn.logging import AccessFormatter
from uvicorn.server import ServerState

from kyotei.server.http_limits import (
    CONNECTION_LOST,
    JOINED_BODY_BYTES,
    LeanAccessFormatter,
    LimitedHttpToolsProtocol,
    log_config,
)


class _Transport(asyncio.Transport):
    """A socket's transport that keeps what is written to it, one entry per write."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        self.writes.append(bytes(data))

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"sockname": ("127.0.0.1", 8000), "peername": ("127.0.0.1", 5555)}.get(
            name, default)

    def pause_reading(self) -> None:
        """Nothing to pause."""

    def resume_reading(self) -> None:
        """Nothing to resume."""


def _answering(body: bytes, seen: list[Scope]) -> Any:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        seen.append(scope)
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    return app


def _serve(request: bytes, body: bytes) -> tuple[_Transport, list[Scope], Any]:
    """``request`` fed to kyotei's protocol serving an app that answers ``body``."""
    seen: list[Scope] = []

    async def run() -> tuple[_Transport, Any]:
        config = Config(app=_answering(body, seen), log_level="warning", lifespan="off")
        config.load()
        state = ServerState()
        protocol = LimitedHttpToolsProtocol(config, state, {}, asyncio.get_running_loop())
        transport = _Transport()
        protocol.connection_made(transport)
        protocol.data_received(request)
        while state.tasks:
            await asyncio.gather(*state.tasks)
        return transport, protocol

    transport, protocol = asyncio.run(run())
    return transport, seen, protocol


GET = b"GET /x HTTP/1.1\r\nHost: t\r\n\r\n"


def test_a_small_answer_goes_out_in_one_write_head_first() -> None:
    transport, _, _ = _serve(GET, b"hello")
    (written,) = transport.writes
    assert written.startswith(b"HTTP/1.1 200 OK\r\n") and written.endswith(b"\r\n\r\nhello")


def test_a_big_answer_is_not_copied_into_its_head() -> None:
    body = b"x" * (JOINED_BODY_BYTES + 1)
    transport, _, _ = _serve(GET, body)
    head, written = transport.writes
    assert head.startswith(b"HTTP/1.1 200 OK\r\n") and head.endswith(b"\r\n\r\n")
    assert written == body


def test_an_answer_without_body_bytes_still_sends_its_head() -> None:
    transport, _, _ = _serve(b"HEAD /x HTTP/1.1\r\nHost: t\r\n\r\n", b"hello")
    (written,) = transport.writes
    assert written.startswith(b"HTTP/1.1 200 OK\r\n") and written.endswith(b"\r\n\r\n")


def test_two_requests_on_one_connection_are_answered_in_turn() -> None:
    transport, seen, _ = _serve(GET + GET, b"hello")
    assert len(seen) == 2 and len(transport.writes) == 2
    assert all(w.endswith(b"hello") for w in transport.writes)


def test_each_request_carries_a_future_done_when_its_connection_is_lost() -> None:
    _, seen, protocol = _serve(GET, b"hello")
    lost = seen[0]["extensions"][CONNECTION_LOST]
    assert isinstance(lost, asyncio.Future) and not lost.done()
    protocol.connection_lost(None)
    assert lost.done()


def _sparql_scope(lost: asyncio.Future[None], body: bytes) -> Scope:
    return {
        "type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1", "method": "POST", "scheme": "http", "path": "/sparql",
        "raw_path": b"/sparql", "query_string": b"", "root_path": "",
        "server": ("testserver", 80), "client": ("127.0.0.1", 5555), "state": {},
        "headers": [(b"host", b"testserver"),
                    (b"content-type", b"application/x-www-form-urlencoded"),
                    (b"accept", b"application/sparql-results+json"),
                    (b"content-length", str(len(body)).encode())],
        "extensions": {CONNECTION_LOST: lost},
    }


def _post(client: TestClient, query: str, *, lost_already: bool) -> tuple[list[Message], int]:
    """POST ``query`` to the app as kyotei's protocol passes it (the future in the scope);
    the messages sent back and how many times the app read the request's messages. The
    request never says the client left: only the future can."""
    body = urlencode({"query": query}).encode()

    async def call() -> tuple[list[Message], int]:
        lost: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if lost_already:
            lost.set_result(None)
        sent: list[Message] = []
        reads = 0

        async def receive() -> Message:
            nonlocal reads
            reads += 1
            if reads == 1:
                return {"type": "http.request", "body": body, "more_body": False}
            await asyncio.Event().wait()  # never answered
            raise AssertionError("unreachable")

        async def send(message: Message) -> None:
            sent.append(message)

        await asyncio.wait_for(client.app(_sparql_scope(lost, body), receive, send), 60)
        return sent, reads

    result: tuple[list[Message], int] = client.portal.call(call)  # type: ignore[union-attr]
    return result


def test_the_query_is_raced_against_the_connection_not_the_request_messages(
    client: TestClient,
) -> None:
    sent, reads = _post(client, "ASK { ?s ?p ?o }", lost_already=False)
    assert sent[0]["status"] == 200 and json.loads(sent[1]["body"])["boolean"] is True
    assert reads == 1  # the body; no task waited for a disconnect message


def test_a_query_whose_connection_is_lost_is_cancelled(client: TestClient) -> None:
    sent, _ = _post(client, "ASK { ?s ?p ?o }", lost_already=True)
    assert sent[0]["status"] == 499  # nobody reads it (decision 0009)


def test_the_header_deadline_is_one_timer_per_connection_not_one_per_request() -> None:
    """Each response arms the next request's header deadline again: it moves the deadline
    of the connection's one timer rather than making a timer per request."""
    deadlines: list[float] = []

    async def run() -> int:
        loop = asyncio.get_running_loop()
        call_at = loop.call_at

        def counting(when: float, callback: Any, *args: Any, **kwargs: Any) -> Any:
            if getattr(callback, "__name__", "") == "_headers_too_slow":
                deadlines.append(when)
            return call_at(when, callback, *args, **kwargs)

        loop.call_at = counting  # type: ignore[method-assign]
        config = Config(app=_answering(b"hello", []), log_level="warning", lifespan="off")
        config.load()
        state = ServerState()
        protocol = LimitedHttpToolsProtocol(config, state, {}, loop)
        transport = _Transport()
        protocol.connection_made(transport)
        for _ in range(5):
            protocol.data_received(GET)
            while state.tasks:
                await asyncio.gather(*state.tasks)
        return len(transport.writes)

    assert asyncio.run(run()) == 5
    assert len(deadlines) == 1


_ACCESS = '%s - "%s %s HTTP/%s" %d'


@pytest.mark.parametrize("colours", [False, True])
@pytest.mark.parametrize("args", [
    ("127.0.0.1:5555", "POST", "/sparql", "1.1", 200),
    ("10.0.0.7:41000", "GET", "/sparql?query=ASK%20%7B%7D", "1.0", 400),
    ("127.0.0.1:5555", "POST", "/sparql", "1.1", 499),  # not an HTTPStatus: no phrase
    ("::1:80", "GET", "/entity/x", "1.1", 503),
])
def test_the_access_line_is_uvicorns(args: tuple[Any, ...], colours: bool) -> None:
    fmt = LOGGING_CONFIG["formatters"]["access"]["fmt"]
    for level in (logging.INFO, logging.WARNING):
        record = logging.LogRecord("uvicorn.access", level, __file__, 1, _ACCESS, args, None)
        lean = LeanAccessFormatter(fmt, use_colors=colours).format(record)
        assert lean == AccessFormatter(fmt, use_colors=colours).format(record)


def test_the_served_logging_is_uvicorns_with_the_lean_access_formatter() -> None:
    config = log_config()
    assert config["formatters"]["access"].pop("()") == "kyotei.server.http_limits." \
        "LeanAccessFormatter"
    expected = {**LOGGING_CONFIG, "formatters": {**LOGGING_CONFIG["formatters"], "access": {
        k: v for k, v in LOGGING_CONFIG["formatters"]["access"].items() if k != "()"}}}
    assert config == expected
