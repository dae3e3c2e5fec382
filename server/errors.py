"""One exception hierarchy for everything the server refuses, and one handler for it.

Library code raises a :class:`KyoteiHTTPError` subclass with a message meant for the client;
:func:`install` turns it (and Starlette's own 404/405 and FastAPI's parameter validation
errors) into a plain-text response. No traceback ever reaches a client.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger(__name__)


class KyoteiHTTPError(Exception):
    """A refusal with an HTTP status and a message for the client."""

    status: ClassVar[int] = 500

    def __init__(self, message: str, *, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers: dict[str, str] = dict(headers or {})


class BadRequestError(KyoteiHTTPError):
    status = 400


class QuerySyntaxError(BadRequestError):
    """The parser's message, as the parser gave it."""


class QueryRefusedError(BadRequestError):
    """A well-formed query this service will not run (SERVICE, LOAD, remote graphs, depth)."""


class UnauthorizedError(KyoteiHTTPError):
    status = 401

    def __init__(self, message: str) -> None:
        super().__init__(message, headers={"WWW-Authenticate": 'Bearer realm="kyotei"'})


class ForbiddenError(KyoteiHTTPError):
    status = 403


class NotFoundError(KyoteiHTTPError):
    status = 404


class NotAcceptableError(KyoteiHTTPError):
    status = 406


class RequestTimeoutError(KyoteiHTTPError):
    """The request body did not arrive within the body read timeout."""

    status = 408


class ClientDisconnectedError(BadRequestError):
    """The client went away before its request was read (nobody reads the answer)."""


class PayloadTooLargeError(KyoteiHTTPError):
    status = 413


class UnsupportedMediaTypeError(KyoteiHTTPError):
    status = 415


class BuildRejectedError(KyoteiHTTPError):
    """A rebuild that failed validation: the previous snapshot keeps serving."""

    status = 422


class ConflictError(KyoteiHTTPError):
    status = 409


class BuildFailedError(KyoteiHTTPError):
    """A rebuild that failed (an unreadable source, ...): the previous snapshot serves on."""

    status = 500


class TooManyRequestsError(KyoteiHTTPError):
    status = 429

    def __init__(self, message: str, *, retry_after_s: int) -> None:
        super().__init__(message, headers={"Retry-After": str(max(1, retry_after_s))})


class ServiceUnavailableError(KyoteiHTTPError):
    status = 503

    def __init__(self, message: str, *, retry_after_s: int | None = None) -> None:
        headers = {"Retry-After": str(max(1, retry_after_s))} if retry_after_s else None
        super().__init__(message, headers=headers)


class QueryTimeoutError(ServiceUnavailableError):
    """The query ran past the time limit and its worker was stopped."""


class EngineFailureError(KyoteiHTTPError):
    """The engine failed on a query in a way the client could not have caused knowingly
    (a worker crashed). The worker is replaced; the server keeps running."""

    status = 500


def _text(status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    return PlainTextResponse(message.rstrip("\n") + "\n", status_code=status,
                             headers=dict(headers or {}))


def refusal(request: Request, exc: KyoteiHTTPError) -> Response:
    """The response to a refusal: its status, its message as plain text, its headers; a
    5xx is logged."""
    if exc.status >= 500:
        logger.warning("%s %s -> %d: %s", request.method, request.url.path, exc.status,
                       exc.message)
    return _text(exc.status, exc.message, exc.headers)


async def _on_kyotei_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, KyoteiHTTPError)  # noqa: S101 - registered for this class only
    return refusal(request, exc)


async def _on_starlette_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)  # noqa: S101
    headers = dict(exc.headers or {})
    return _text(exc.status_code, str(exc.detail), headers)


async def _on_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)  # noqa: S101
    problems = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()))
        problems.append(f"{where}: {error.get('msg', 'invalid')}")
    return _text(400, "bad request: " + "; ".join(problems))


def install(app: FastAPI) -> None:
    """Register the one handler for each kind of refusal on ``app``."""
    app.add_exception_handler(KyoteiHTTPError, _on_kyotei_error)
    app.add_exception_handler(StarletteHTTPException, _on_starlette_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)


def describe(*statuses: int, **extra: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries (plain-text bodies) for the given statuses."""
    texts = {
        400: "Malformed request, query syntax error or a query this service refuses",
        401: "An update token is configured and the request did not present it",
        403: "The operation is disabled on this service",
        404: "Not found",
        406: "None of the offered media types is acceptable",
        408: "The request body did not arrive within the body read timeout",
        409: "Another reload or update is running",
        413: "Request body over the size limit",
        415: "Unsupported request media type",
        422: "The rebuilt graph was rejected; the previous snapshot keeps serving",
        429: "Too many queries at once (see Retry-After)",
        500: "The engine failed on this query (its worker was replaced)",
        503: "Time limit reached (the query was stopped) or no worker free in time",
    }
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        text = extra.get(f"s{status}", texts.get(status, "Error"))
        out[status] = {"description": text, "content": {"text/plain": {}}}
    return out
