"""``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) served from this server alone.

FastAPI's own pages load their scripts and fonts from CDNs, against "no outbound request
ever", and run an inline script. These pages load the unmodified release files kept in
``static/vendor/`` (fetched from the npm registry by ``static/vendor/install-api-docs.sh``, with
their licences) and start Swagger UI from ``/static/api-docs.js``: no inline script, no
request leaving the server.
"""

from __future__ import annotations

import functools
import html
import importlib.resources

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from kyotei.server.errors import NotFoundError

router = APIRouter(include_in_schema=False)

#: name -> media type of each file served from ``static/vendor/``.
VENDOR_FILES = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "swagger-ui.LICENSE": "text/plain; charset=utf-8",
    "redoc.standalone.js": "text/javascript; charset=utf-8",
    "redoc.LICENSE": "text/plain; charset=utf-8",
    "redoc.standalone.js.LICENSE.txt": "text/plain; charset=utf-8",
}


@functools.cache
def _vendor(name: str) -> bytes:
    folder = importlib.resources.files("kyotei.server.pages") / "static" / "vendor"
    return (folder / name).read_bytes()


def _page(title: str, head: str, body: str) -> HTMLResponse:
    return HTMLResponse(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)}</title>\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n"
        f"{head}</head>\n<body>\n{body}</body>\n</html>\n")


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI over this server's OpenAPI document."""
    openapi = html.escape(request.app.openapi_url or "/openapi.json")
    return _page(
        f"{request.app.title} – API (Swagger UI)",
        "<link rel=\"stylesheet\" href=\"/docs/vendor/swagger-ui.css\">\n",
        f"<div id=\"swagger-ui\" data-openapi-url=\"{openapi}\"></div>\n"
        "<script src=\"/docs/vendor/swagger-ui-bundle.js\"></script>\n"
        "<script src=\"/static/api-docs.js\"></script>\n")


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    """ReDoc over this server's OpenAPI document (system fonts: none is fetched).

    ReDoc's sidebar shows its maker's logo from their CDN, unconditionally; the page's own
    policy keeps images to this server, so the browser never asks for it (the link's text
    stays)."""
    openapi = html.escape(request.app.openapi_url or "/openapi.json")
    return _page(
        f"{request.app.title} – API (ReDoc)",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"img-src 'self' data:\">\n",
        f"<redoc spec-url=\"{openapi}\"></redoc>\n"
        "<script src=\"/docs/vendor/redoc.standalone.js\"></script>\n")


@router.get("/docs/vendor/{name}")
def vendor_file(name: str) -> Response:
    """A release file of Swagger UI or ReDoc, or its licence."""
    if name not in VENDOR_FILES:
        raise NotFoundError(f"no file {name!r}; available: {', '.join(VENDOR_FILES)}")
    return Response(_vendor(name), media_type=VENDOR_FILES[name],
                    headers={"Cache-Control": "public, max-age=86400"})
