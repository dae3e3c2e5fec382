"""Safe defaults: the update token, the dataset policy, the body cap and CORS.

- Read-only unless an update token is configured; then updates need ``Authorization:
  Bearer <token>``, compared in constant time (:func:`hmac.compare_digest`).
- No outbound request, ever: a dataset (``FROM``, ``FROM NAMED``, ``default-graph-uri``,
  ``named-graph-uri``) may only name graphs the store holds; ``file:`` and any other IRI
  are refused, never fetched. (``SERVICE`` and ``LOAD`` are refused by the screen.)
- Request bodies are counted while they are read, chunked or not, and cut off at the cap.
- CORS: GET and POST from any origin, never with credentials.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import secrets
import threading
import time
from collections.abc import Iterable

from fastapi import FastAPI, Request
from starlette.datastructures import MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kyotei.server.errors import (
    BadRequestError,
    ClientDisconnectedError,
    ForbiddenError,
    PayloadTooLargeError,
    QueryRefusedError,
    RequestTimeoutError,
    TooManyRequestsError,
    UnauthorizedError,
)
from kyotei.server.settings import ServerSettings
from kyotei.server.state import LoadedSnapshot

logger = logging.getLogger(__name__)

EXPOSED_HEADERS = ("Kyotei-Result-Rows", "Kyotei-Result-Truncated", "Kyotei-Snapshot")


class TokenGuard:
    """Failed token attempts per client: past ``max_failures`` within ``lockout_s`` the
    client is locked out (429, even with the right token) until ``lockout_s`` has passed
    since its last failure. Each failure is one log line."""

    def __init__(self, max_failures: int, lockout_s: float) -> None:
        self.max_failures = max_failures
        self.lockout_s = lockout_s
        self._failures: dict[str, tuple[int, float]] = {}  # client -> (count, last failure)
        self._lock = threading.Lock()

    def _current(self, client: str, now: float) -> int:
        count, last = self._failures.get(client, (0, 0.0))
        if now - last >= self.lockout_s:
            self._failures.pop(client, None)
            return 0
        return count

    def check(self, client: str) -> None:
        """Raise 429 while ``client`` is locked out."""
        now = time.monotonic()
        with self._lock:
            count = self._current(client, now)
            last = self._failures.get(client, (0, now))[1]
        if count >= self.max_failures:
            wait = max(1, round(self.lockout_s - (now - last)))
            raise TooManyRequestsError(
                f"too many wrong update tokens from this client; locked out for {wait} s",
                retry_after_s=wait)

    def failed(self, client: str, what: str) -> None:
        now = time.monotonic()
        with self._lock:
            count = self._current(client, now) + 1
            self._failures[client] = (count, now)
            # Bound the table: forget the oldest clients when it grows past 10,000.
            if len(self._failures) > 10_000:
                for stale in sorted(self._failures, key=lambda c: self._failures[c][1])[:1000]:
                    del self._failures[stale]
        locked = " (now locked out)" if count >= self.max_failures else ""
        logger.warning("%s: wrong or missing update token from %s, failure %d of %d%s",
                       what, client, count, self.max_failures, locked)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)


def check_token(request: Request, what: str) -> None:
    """:func:`require_token` for a request, rate-limited per client by the app's
    :class:`TokenGuard` (``app.state.token_guard``)."""
    settings: ServerSettings = request.app.state.settings
    guard: TokenGuard = request.app.state.token_guard
    client = request.client.host if request.client else "unknown"
    if settings.update_token is None:
        require_token(settings, None, what)  # 403: read-only, nothing to guess
    guard.check(client)
    try:
        require_token(settings, request.headers.get("authorization"), what)
    except UnauthorizedError:
        guard.failed(client, what)
        raise
    guard.succeeded(client)


def require_token(settings: ServerSettings, authorization: str | None, what: str) -> None:
    """Refuse ``what`` unless the request presents the configured token."""
    if settings.update_token is None:
        raise ForbiddenError(f"{what} is disabled: this endpoint is read-only "
                        "(no update token is configured)")
    scheme, _, presented = (authorization or "").partition(" ")
    expected = settings.update_token.get_secret_value().encode()
    if scheme.lower() != "bearer" or not hmac.compare_digest(presented.strip().encode(),
                                                             expected):
        raise UnauthorizedError(
            f"{what} needs the update token: send 'Authorization: Bearer <token>'")


def check_graphs(snapshot: LoadedSnapshot, iris: Iterable[str], where: str) -> None:
    """Every IRI must name a graph of the store; nothing is ever fetched."""
    for iri in iris:
        if iri.lower().startswith("file:"):
            raise QueryRefusedError(f"{where} <{iri}>: file: IRIs are never read by this endpoint")
        if not snapshot.has_graph(iri):
            raise QueryRefusedError(
                f"{where} <{iri}> is not a graph of this dataset, and this endpoint never "
                "fetches graphs from elsewhere; see the service description (GET /sparql) "
                "for the named graphs it holds")


async def read_body(request: Request, max_bytes: int, timeout_s: float = 30.0) -> bytes:
    """The request body, counted as it arrives; 413 past ``max_bytes``, 408 when it has not
    all arrived within ``timeout_s`` (a stalled client holds nothing for long). A client
    that disconnects meanwhile is one quiet log line."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            size = int(declared)
        except ValueError:
            raise BadRequestError("Content-Length is not a number") from None
        if size > max_bytes:
            raise PayloadTooLargeError(f"request body of {size} bytes; the limit is {max_bytes}")
    chunks: list[bytes] = []
    received = 0
    try:
        async with asyncio.timeout(timeout_s):
            async for chunk in request.stream():
                received += len(chunk)
                if received > max_bytes:
                    raise PayloadTooLargeError(
                        f"request body over the limit of {max_bytes} bytes")
                chunks.append(chunk)
    except TimeoutError:
        logger.info("%s %s: body from %s not complete after %g s (%d bytes); refused",
                    request.method, request.url.path, _client(request), timeout_s, received)
        raise RequestTimeoutError(
            f"the request body did not arrive within {timeout_s:g} s") from None
    except ClientDisconnect:
        logger.info("%s %s: client %s disconnected while sending its request (%d bytes)",
                    request.method, request.url.path, _client(request), received)
        raise ClientDisconnectedError("the client disconnected") from None
    return b"".join(chunks)


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def add_cors(app: FastAPI, settings: ServerSettings) -> None:
    """Queries from any origin (GET and POST), never with credentials."""
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_allow_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Accept", "Content-Type"],
        allow_credentials=False,
        expose_headers=list(EXPOSED_HEADERS),
        max_age=settings.cors_max_age_s,
    )


# --- security headers ---------------------------------------------------------------------

# Scripts only from this server's static files, or inline with the response's nonce
# (``request.state.csp_nonce``, in every page template's context as ``csp_nonce``); styles
# may be inline (the analytics report carries its own CSS); nothing may frame a page.
CSP = ("default-src 'self'; script-src 'self' 'nonce-{nonce}'; "
       "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# FastAPI's API docs pages load Swagger UI / ReDoc with inline script: they only get
# the frame rule (they render no data from the store).
DOCS_PATHS = ("/docs", "/redoc")
DOCS_CSP = "frame-ancestors 'none'"
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


# COMMON_HEADERS as a response's raw header list holds them (names in lower case).
_COMMON_RAW = tuple((name.lower().encode("latin-1"), value.encode("latin-1"))
                    for name, value in COMMON_HEADERS.items())


def secure_head(message: Message, path: str, nonce: str) -> None:
    """Add the security headers to a response's start message (the request's ``path``):
    each of :data:`COMMON_HEADERS` the response does not set already, and on HTML the
    Content-Security-Policy. Starlette's ``MutableHeaders.setdefault`` and ``get`` did the
    same, comparing the raw (lower-case) names, at a few times the cost per response."""
    raw: list[tuple[bytes, bytes]] = list(message["headers"])
    message["headers"] = raw
    names = {name for name, _ in raw}
    raw.extend(pair for pair in _COMMON_RAW if pair[0] not in names)
    kind = next((value for name, value in raw if name == b"content-type"), b"")
    if kind.startswith(b"text/html"):
        docs = path.startswith(DOCS_PATHS)
        MutableHeaders(raw=raw)["Content-Security-Policy"] = (
            DOCS_CSP if docs else CSP.format(nonce=nonce))


class SecurityHeaders:
    """ASGI middleware: nosniff, no framing and a referrer policy on every response, and a
    Content-Security-Policy with a fresh nonce on every HTML one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(16)
        scope.setdefault("state", {})["csp_nonce"] = nonce
        path: str = scope.get("path", "")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                secure_head(message, path, nonce)
            await send(message)

        await self.app(scope, receive, with_headers)


def add_security_headers(app: FastAPI) -> None:
    app.add_middleware(SecurityHeaders)
