"""What kyotei's HTTP protocol does for the time a request costs (decision 0015): a
response's head goes out with its body in one write, and each request carries a future done
when its connection is lost, which the SPARQL route races its query against instead of a
task of its own reading the request's messages."""

from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import urlencode

from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send
from uvicorn.config import Config
from uvicorn.server import ServerState

from kyotei.server.http_limits import (
    CONNECTION_LOST,
    JOINED_BODY_BYTES,
    LimitedHttpToolsProtocol,
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
