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

import hmac
from collections.abc import Iterable

from fastapi import FastAPI, Request
from starlette.middleware.cors import CORSMiddleware

from kyotei.server.errors import (
    BadRequestError,
    ForbiddenError,
    PayloadTooLargeError,
    QueryRefusedError,
    UnauthorizedError,
)
from kyotei.server.settings import ServerSettings
from kyotei.server.state import LoadedSnapshot

EXPOSED_HEADERS = ("Kyotei-Result-Rows", "Kyotei-Result-Truncated", "Kyotei-Snapshot")


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


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The request body, counted as it arrives; 413 past ``max_bytes``."""
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
    async for chunk in request.stream():
        received += len(chunk)
        if received > max_bytes:
            raise PayloadTooLargeError(f"request body over the limit of {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


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
