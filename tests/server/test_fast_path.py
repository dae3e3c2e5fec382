"""GET and POST /sparql handed by kyotei's protocol straight to the app's middleware stack
(decision 0021) answer byte for byte as the app's entry answers them: two live servers over
kyotei's protocol, the fast path on and off, each request of test_endpoint (and more: HEAD,
the CORS preflight, proxy headers, HTTP/1.0, a chunked body, a pipelined pair, a slow body,
the last-resort 500) sent over a real socket to both; status line, headers in order (Date
excepted) and body compared, and whether the server closed the connection after."""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from starlette.requests import Request
from starlette.responses import Response

from kyotei.server.protocol import sparql
from tests.server.conftest import LiveServer
from tests.server.test_endpoint import REQUESTS

Raw = tuple[bytes, list[tuple[bytes, bytes]], bytes, bool]  # status line, headers, body, closed


def _request(method: str, params: dict[str, str], headers: dict[str, str],
             body: bytes | None, *, path: str = "/sparql", version: str = "1.1") -> bytes:
    target = path + ("?" + urlencode(params) if params else "")
    lines = [f"{method} {target} HTTP/{version}", "Host: 127.0.0.1"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    if body is not None and "Transfer-Encoding" not in headers:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b"")


def _read_response(stream: Any, method: str) -> tuple[bytes, list[tuple[bytes, bytes]], bytes]:
    status = stream.readline()
    headers: list[tuple[bytes, bytes]] = []
    while (line := stream.readline()) not in (b"\r\n", b""):
        name, _, value = line.rstrip(b"\r\n").partition(b": ")
        headers.append((name.lower(), value))
    found = dict(headers)
    if method == "HEAD" or not status:
        return status, headers, b""
    if found.get(b"transfer-encoding") == b"chunked":
        body = b""
        while (size := int(stream.readline().strip(), 16)) > 0:
            body += stream.read(size)
            stream.readline()
        stream.readline()
        return status, headers, body
    return status, headers, stream.read(int(found.get(b"content-length", b"0")))


def _exchange(url: str, raw: bytes, methods: list[str], *, pause: float = 0.0,
              split: int | None = None) -> list[Raw]:
    """Send ``raw`` (in two writes ``pause`` s apart when ``split`` is given), read one
    response per method, then whether the server closed the connection."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=20) as sock:
        if split is None:
            sock.sendall(raw)
        else:
            sock.sendall(raw[:split])
            time.sleep(pause)
            with contextlib.suppress(OSError):
                sock.sendall(raw[split:])
        stream = sock.makefile("rb")
        answers = [_read_response(stream, method) for method in methods]
        sock.settimeout(0.3)
        try:
            closed = stream.read(1) == b""
        except (TimeoutError, OSError):
            closed = False
    return [(status, [h for h in headers if h[0] != b"date"], body, closed)
            for status, headers, body in answers]


def _boom(original: Callable[..., Any]) -> Callable[..., Any]:
    async def answer_get(request: Request) -> Response:
        if "boom" in request.query_params:
            raise RuntimeError("an unexpected failure")
        result: Response = await original(request)
        return result

    return answer_get


BIG = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 200"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
ASK = b"query=ASK+%7B%7D"
# (name, raw request, methods of its responses, split at, pause), beyond test_endpoint's.
EXTRA: list[tuple[str, bytes, list[str], int | None, float]] = [
    ("head", _request("HEAD", {"query": "ASK {}"}, {}, None), ["HEAD"], None, 0),
    ("preflight", _request("OPTIONS", {}, {"Origin": "https://example.org",
                                           "Access-Control-Request-Method": "POST"}, None),
     ["OPTIONS"], None, 0),
    ("cors-post", _request("POST", {}, {**FORM, "Origin": "https://example.org"}, ASK),
     ["POST"], None, 0),
    ("forwarded", _request("GET", {"query": "ASK {}"}, {"X-Forwarded-For": "10.1.2.3",
                                                         "X-Forwarded-Proto": "https"}, None),
     ["GET"], None, 0),
    ("encoded-path", _request("GET", {"query": "ASK {}"}, {}, None, path="/spar%71l"),
     ["GET"], None, 0),
    ("trailing-slash", _request("GET", {"query": "ASK {}"}, {}, None, path="/sparql/"),
     ["GET"], None, 0),
    ("http-1.0", _request("GET", {"query": "ASK {}"}, {}, None, version="1.0"), ["GET"],
     None, 0),
    ("connection-close", _request("POST", {}, {**FORM, "Connection": "close"}, ASK),
     ["POST"], None, 0),
    ("chunked", _request("POST", {}, {**FORM, "Transfer-Encoding": "chunked"},
                         b"%x\r\n%s\r\n0\r\n\r\n" % (len(ASK), ASK)), ["POST"], None, 0),
    ("expect-continue", _request("POST", {}, {**FORM, "Expect": "100-continue"}, ASK),
     ["POST"], None, 0),
    ("pipelined", _request("POST", {}, FORM, ASK) + _request("GET", {"query": BIG}, {}, None)
     + _request("GET", {}, {"Accept": "text/turtle"}, None), ["POST", "GET", "GET"], None, 0),
    ("body-in-two-writes", _request("POST", {}, FORM, ASK), ["POST"], -4, 0.2),
    ("slow-body", _request("POST", {}, FORM, ASK), ["POST"], -4, 1.6),  # past the 1 s limit
    ("big-body", _request("POST", {}, FORM, b"query=" + b"+" * 5000), ["POST"], None, 0),
    ("gzip-post", _request("POST", {}, {**FORM, "Accept-Encoding": "gzip"},
                           urlencode({"query": BIG}).encode()), ["POST"], None, 0),
    ("last-resort-500", _request("GET", {"query": "ASK {}", "boom": "1"}, {}, None), ["GET"],
     None, 0),
]


@pytest.fixture
def servers(serve: Callable[..., contextlib.AbstractContextManager[LiveServer]],
            monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[LiveServer, LiveServer]]:
    monkeypatch.setattr(sparql, "answer_get", _boom(sparql.answer_get))
    options: dict[str, Any] = {"kyotei_protocol": True, "max_body_bytes": 4096,
                               "body_read_timeout_s": 1.0,
                               "public_url": "http://kyotei.test"}  # one IRI for both
    with serve(sparql_fast_path=True, **options) as fast, \
            serve(sparql_fast_path=False, **options) as entry:
        yield fast, entry


def _cases() -> Iterator[tuple[str, bytes, list[str], int | None, float]]:
    for index, (method, params, headers, body) in enumerate(REQUESTS):
        yield f"endpoint-{index}", _request(method, params, headers, body), [method], None, 0
    yield from EXTRA


class _Lines(logging.Handler):
    """Access lines by the thread (``uvicorn-PORT``) of the server that wrote them."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.by_thread: dict[str, list[str]] = {}

    def emit(self, record: logging.LogRecord) -> None:
        client, *rest = record.args if isinstance(record.args, tuple) else ("", record.msg)
        self.by_thread.setdefault(record.threadName or "", []).append(
            f"{str(client).rpartition(':')[0]} {rest}")


@contextlib.contextmanager
def _access_lines() -> Iterator[_Lines]:
    logger = logging.getLogger("uvicorn.access")
    handler, level = _Lines(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_the_fast_path_answers_as_the_app_entry_does(
        servers: tuple[LiveServer, LiveServer]) -> None:
    fast, entry = servers
    assert entry.app.state.sparql_fast_path is None
    path, taken = fast.app.state.sparql_fast_path, []
    route = path.route

    def counted(*args: Any) -> Any:
        chosen = route(*args)
        taken.append(chosen is not None)
        return chosen

    path.route = counted
    different = []
    with _access_lines() as lines:
        for name, raw, methods, split, pause in _cases():
            split_at = None if split is None else len(raw) + split
            got = {server.url: _exchange(server.url, raw, methods, pause=pause, split=split_at)
                   for server in (fast, entry)}
            if got[fast.url] != got[entry.url]:
                different.append((name, got[fast.url], got[entry.url]))
            assert got[fast.url][0][0], name  # an answer, not a silent close
    assert different == []
    # Every GET or POST /sparql but the proxied one went by the fast path.
    assert sum(taken) == len(REQUESTS) + 13, taken
    # The same access lines (the client's port aside), in the same order, from both.
    fast_lines = lines.by_thread[f"uvicorn-{fast.settings.port}"]
    assert len(fast_lines) >= len(REQUESTS) + len(EXTRA)
    assert fast_lines == lines.by_thread[f"uvicorn-{entry.settings.port}"]
    # The /health counters agree.
    counters = [_health(server.url) for server in (fast, entry)]
    assert counters[0] == counters[1]


def _health(url: str) -> tuple[Any, ...]:
    [(status, _, body, _)] = _exchange(url, _request("GET", {}, {}, None, path="/health"),
                                       ["GET"])
    report = json.loads(body)
    return status, report["queries_in_flight"], report["queries_cancelled"], report["status"]
