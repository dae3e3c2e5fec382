"""Connection limits for uvicorn: how long a client may take to send its headers, how big
they may be, how long an idle keep-alive connection stays open.

uvicorn closes idle keep-alive connections, but a connection that never completes its
request headers (a "slowloris" client, sending a byte now and then) is held forever:
:class:`LimitedHttpToolsProtocol` closes a connection whose request headers are not
complete ``header_read_timeout_s`` after it opened, or after its previous response, and
answers 400 (as uvicorn does to any malformed request) once more than ``max_header_bytes``
have arrived without completing them. The body has its own timeout where it is read
(``security.read_body``) and its own cap.

The protocol is uvicorn's httptools one (the llhttp parser, in C): about a quarter of a
millisecond of CPU less per request than h11's pure-Python parser (decision 0011). h11 had
the header cap built in (``h11_max_incomplete_event_size``); llhttp has none, so it is
counted here the way h11 did: the bytes received since a request began while its headers
are still incomplete.

Two more things the protocol does for the time a request costs (issue 12, decision 0015):
each request's scope carries, under ``extensions``, a future that is done once its
connection is lost (:data:`CONNECTION_LOST`): the SPARQL route races a query against it
instead of a task of its own reading the request's messages until ``http.disconnect``; and
a response's head is held until its first body bytes and sent with them in one write
(:class:`_HeadWithBody`), so that the client is woken once for a small answer, not twice.
"""

from __future__ import annotations

import asyncio
import copy
import http
import logging
from collections.abc import Callable
from typing import Any

from uvicorn.config import LOGGING_CONFIG, Config
from uvicorn.logging import AccessFormatter
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol, RequestResponseCycle
from uvicorn.server import ServerState

from kyotei.server.settings import ServerSettings

logger = logging.getLogger(__name__)

# uvicorn's answer to a request it cannot parse (h11 gave the same to over-long headers).
INVALID_REQUEST = "Invalid HTTP request received."
# The scope's extension naming a future done when the request's connection is lost.
CONNECTION_LOST = "kyotei.connection_lost"
# A head is sent with a body up to this size in one write (a bigger one is not copied).
JOINED_BODY_BYTES = 64 * 1024


class _HeadWithBody:
    """The transport as a response cycle sees it: the response's head (the cycle's first
    write once its response has started) is held, and sent in one write with the first
    body bytes, or alone when the response ends without any (HEAD) or the connection is
    closed. Everything else is the transport's."""

    def __init__(self, transport: asyncio.Transport, cycle: RequestResponseCycle) -> None:
        self._transport, self._cycle = transport, cycle
        self._held: bytes | None = None
        self._head_seen = False

    def write(self, data: bytes) -> None:
        held = self._held
        if held is not None:
            self._held = None
            if len(data) <= JOINED_BODY_BYTES:
                self._transport.write(held + data)
                return
            self._transport.write(held)
        elif not self._head_seen and self._cycle.response_started:
            self._head_seen, self._held = True, bytes(data)
            return
        self._transport.write(data)

    def flush(self) -> None:
        """Send a head still held."""
        if self._held is not None:
            held, self._held = self._held, None
            self._transport.write(held)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def ended(self, on_response: Callable[[], None]) -> Callable[[], None]:
        """``on_response`` (called when the response is complete), after a :meth:`flush`
        (a response without body bytes: HEAD)."""

        def complete() -> None:
            self.flush()
            on_response()

        return complete

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class LimitedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with a deadline and a size cap for each request's
    headers."""

    def __init__(self, config: Config, server_state: ServerState,
                 app_state: dict[str, Any], _loop: asyncio.AbstractEventLoop | None = None,
                 header_timeout_s: float = 10.0, max_header_bytes: int = 65_536) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.header_timeout_s = header_timeout_s
        self.max_header_bytes = max_header_bytes
        self._header_deadline: asyncio.TimerHandle | None = None  # the timer, when set
        self._headers_due: float | None = None  # the deadline (loop time), when one runs
        self._reading_headers = True  # no request's headers complete since the last one
        self._header_bytes = 0  # received since then
        self._headers_completed = 0  # requests whose headers were complete, so far
        self._lost: asyncio.Future[None] | None = None  # done once the connection is lost

    # One timer per connection, not one per request: arming and disarming move the
    # deadline; the timer, when it fires before it, waits again for what is left.
    def _arm(self) -> None:
        self._headers_due = self.loop.time() + self.header_timeout_s
        if self._header_deadline is None:
            self._header_deadline = self.loop.call_at(self._headers_due, self._headers_too_slow)

    def _disarm(self) -> None:
        self._headers_due = None

    def _stop_timer(self) -> None:
        self._headers_due = None
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_too_slow(self) -> None:
        self._header_deadline = None
        due = self._headers_due
        if due is None:
            return  # no request is reading its headers
        if self.loop.time() < due:  # armed again since: wait for the rest
            self._header_deadline = self.loop.call_at(due, self._headers_too_slow)
            return
        self._headers_due = None
        if self.cycle is None or self.cycle.response_complete:
            client = f"{self.client[0]}:{self.client[1]}" if self.client else "a client"
            logger.info("closing the connection of %s: no complete request headers within "
                        "%g s", client, self.header_timeout_s)
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._lost = self.loop.create_future()
        self._arm()

    def data_received(self, data: bytes) -> None:
        completed = self._headers_completed
        super().data_received(data)
        if (not self._reading_headers or completed != self._headers_completed
                or self.transport.is_closing()):
            return  # a body, or headers completed in this chunk (what follows is counted next)
        self._header_bytes += len(data)
        if self._header_bytes > self.max_header_bytes:
            logger.warning("%s (request headers over %d bytes)", INVALID_REQUEST,
                           self.max_header_bytes)
            self._reading_headers = False
            self.send_400_response(INVALID_REQUEST)

    def on_headers_complete(self) -> None:
        self._reading_headers = False
        self._header_bytes = 0
        self._headers_completed += 1
        extensions: dict[str, Any] = self.scope.setdefault("extensions", {})
        extensions[CONNECTION_LOST] = self._lost
        existing = self.cycle
        super().on_headers_complete()
        cycle = self.cycle
        if cycle is not existing and cycle is not None:  # not an upgrade
            held = _HeadWithBody(self.transport, cycle)
            cycle.transport = held  # type: ignore[assignment]
            cycle.on_response = held.ended(cycle.on_response)
        self._disarm()  # a request's headers are complete

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._reading_headers = True  # what follows is the next request's headers

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request's headers have the same deadline

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_timer()
        if self._lost is not None and not self._lost.done():
            self._lost.set_result(None)
        super().connection_lost(exc)


# uvicorn's access line: ``INFO:     127.0.0.1:5555 - "POST /sparql HTTP/1.1" 200 OK``.
ACCESS_FORMAT = LOGGING_CONFIG["formatters"]["access"]["fmt"]
_STATUS_LINES = {int(status): f"{int(status)} {status.phrase}" for status in http.HTTPStatus}


class LeanAccessFormatter(AccessFormatter):
    """uvicorn's access formatter, writing the same line without colours for about a sixth
    of its cost (it copies each record and looks its status up in ``http.HTTPStatus``):
    the access log took a fifth of the server's own Python time on a trivial query. With
    colours, or another format, it is uvicorn's."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        if self.use_colors or self._fmt != ACCESS_FORMAT or not isinstance(record.args, tuple) \
                or len(record.args) != 5:
            return super().formatMessage(record)
        client, method, path, version, code = record.args
        status = _STATUS_LINES.get(int(code)) or f"{int(code)} "  # type: ignore[call-overload]
        level = record.levelname
        return f'{level}:{" " * (8 - len(level))} {client} - "{method} {path} HTTP/{version}" ' \
               f"{status}"


def log_config() -> dict[str, Any]:
    """uvicorn's logging configuration, its access lines written by
    :class:`LeanAccessFormatter` (the same text; same handlers, streams and levels)."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["access"]["()"] = f"{__name__}.{LeanAccessFormatter.__name__}"
    return config


def uvicorn_options(settings: ServerSettings) -> dict[str, Any]:
    """Keyword arguments for ``uvicorn.run`` / ``uvicorn.Config`` that apply ``settings``
    (and write the access log with :class:`LeanAccessFormatter`)."""
    timeout, max_bytes = settings.header_read_timeout_s, settings.max_header_bytes

    def protocol(config: Config, server_state: ServerState, app_state: dict[str, Any],
                 _loop: asyncio.AbstractEventLoop | None = None) -> LimitedHttpToolsProtocol:
        return LimitedHttpToolsProtocol(config, server_state, app_state, _loop, timeout,
                                        max_bytes)

    return {"http": protocol, "timeout_keep_alive": settings.keep_alive_timeout_s,
            "log_config": log_config()}
