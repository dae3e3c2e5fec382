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
"""

from __future__ import annotations

from starlette._utils import get_route_path
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from kyotei.server.errors import KyoteiHTTPError, refusal
from kyotei.server.protocol import sparql

PATH = "/sparql"


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
