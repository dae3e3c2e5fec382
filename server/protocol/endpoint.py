"""``/sparql`` answered before the app's router (:class:`SparqlEndpoint`).

The SPARQL routes are declared on :data:`sparql.router` (the API docs and the OpenAPI
schema describe them), but a GET or POST to ``/sparql`` is answered by this ASGI
middleware, the innermost of the app's: past the middlewares every response gets (gzip,
security headers, CORS; and Starlette's last-resort 500 outside them), before FastAPI's
router, its dependency machinery and its exception middleware, which cost more CPU per
request than a trivial query does (decision 0011). The handlers are the same functions
(:func:`sparql.answer_get`, :func:`sparql.answer_post`), and a refusal is answered by the
same handler the app registers for it (:func:`errors.refusal`). Any other path or method
(HEAD, OPTIONS, ``/sparql/``) goes on to the router as before.

:class:`FastPath` lets kyotei's protocol (``http_limits``) hand GET and POST ``/sparql``
to the app's own middleware stack, the very objects the app's entry would call, past the
layers in front of it (uvicorn's proxy-header middleware, FastAPI's and Starlette's entry);
a request those layers would change (proxy headers, a root path, FastAPI's telemetry on)
is declined and enters the app as any other (decision 0021).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from starlette._utils import get_route_path
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from kyotei.server.errors import KyoteiHTTPError, refusal
from kyotei.server.protocol import sparql

PATH = "/sparql"
# Request headers uvicorn's ProxyHeadersMiddleware rewrites the scope from; an Upgrade.
_DECLINED_HEADERS = frozenset((b"x-forwarded-for", b"x-forwarded-proto", b"upgrade"))


class SparqlEndpoint:
    """ASGI middleware: GET and POST ``/sparql`` answered here, everything else passed on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = scope.get("method")
        if (scope["type"] != "http" or method not in ("GET", "POST")
                or get_route_path(scope) != PATH):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        response: Response
        try:
            if method == "GET":
                response = await sparql.answer_get(request)
            else:
                response = await sparql.answer_post(request)
        except KyoteiHTTPError as error:
            response = refusal(request, error)
        await response(scope, receive, send)


class FastPath:
    """Which requests kyotei's protocol may hand to ``app``'s middleware stack directly:
    GET and POST ``/sparql`` (the path spelled plainly, no fragment), once the stack is
    built (by the app's first call, its lifespan), unless a layer in front of it would
    change the request: uvicorn's proxy headers (``X-Forwarded-For``/``-Proto``), an
    ``Upgrade``, a root path, FastAPI's native telemetry when a tracer is configured.
    What it skips is only that entry: the stack (the last-resort 500, gzip, security
    headers, CORS, :class:`SparqlEndpoint`) and uvicorn's cycle (keep-alive, flow
    control, the access log) are the same objects as for any request."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    def route(self, method: bytes, target: bytes,
              headers: list[tuple[bytes, bytes]]) -> ASGIApp | None:
        """The ASGI app for this request (its method, request target and lower-cased
        headers as the protocol parsed them), or None: the app's entry, as usual."""
        if method not in (b"GET", b"POST") or target.partition(b"?")[0] != _PATH_BYTES:
            return None
        app = self.app
        telemetry: Any = getattr(app, "_native_telemetry", None)
        if (app.middleware_stack is None or app.root_path
                or (telemetry is not None and telemetry.enabled())):
            return None
        for name, _ in headers:
            if name in _DECLINED_HEADERS:
                return None
        return self._enter

    async def _enter(self, scope: Scope, receive: Receive, send: Send) -> None:
        app = self.app
        scope["app"] = app  # what Starlette's entry sets before calling its stack
        stack = app.middleware_stack
        assert stack is not None  # noqa: S101 - route() hands nothing out before it is built
        await stack(scope, receive, send)


_PATH_BYTES = PATH.encode("ascii")
