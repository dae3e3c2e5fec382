"""The pages people see: the query page at ``/``, its static files, and linked-data pages.

``router`` serves ``/``, ``/static/{name}`` and ``/id/{rest}``, where ``<base>rest`` is
dereferenced whatever the configured base IRI. The app
factory includes them and sets ``app.state.serving`` (whose ``current()`` snapshot has
``.store`` and ``.base_iri``).

Linked-data pages answer ``200`` directly (no 303): the data IRIs are not hash IRIs, the
HTML and RDF are descriptions of the resource served at its own path, negotiated by
``Accept`` (``Vary: Accept``) or chosen with ``?format=html|ttl|jsonld|nt``; alternates are
announced with ``Link: rel="alternate"`` headers. Unknown IRIs are ``404``.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import json
import logging
from typing import Annotated, Any, Literal, Protocol
from urllib.parse import quote

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from kyotei.server.errors import NotFoundError
from kyotei.server.pages import gallery, query_check
from kyotei.server.pages import linked_data as ld
from kyotei.server.pages.entity_view import MAX_INCOMING, Viewer
from kyotei.server.protocol import negotiation

logger = logging.getLogger(__name__)

LANGUAGES = ("ja", "en")
LANG_COOKIE = "kyotei_lang"
ENDPOINT = "/sparql"
#: What the query page offers for download, as ``/sparql?query=…&format=<name>``.
DOWNLOADS: dict[str, list[dict[str, str]]] = {
    "bindings": [
        {"name": "json", "label": "JSON", "ext": "srj"},
        {"name": "xml", "label": "XML", "ext": "srx"},
        {"name": "csv", "label": "CSV", "ext": "csv"},
        {"name": "tsv", "label": "TSV", "ext": "tsv"},
    ],
    "boolean": [
        {"name": "json", "label": "JSON", "ext": "srj"},
        {"name": "xml", "label": "XML", "ext": "srx"},
    ],
    "graph": [
        {"name": "turtle", "label": "Turtle", "ext": "ttl"},
        {"name": "ntriples", "label": "N-Triples", "ext": "nt"},
        {"name": "jsonld", "label": "JSON-LD", "ext": "jsonld"},
        {"name": "rdfxml", "label": "RDF/XML", "ext": "rdf"},
        {"name": "trig", "label": "TriG", "ext": "trig"},
        {"name": "nquads", "label": "N-Quads", "ext": "nq"},
    ],
}
DEFAULT_QUERY = """# What kinds of things does the graph hold, and how many of each?
SELECT ?type (COUNT(DISTINCT ?thing) AS ?things)
WHERE { ?thing a ?type }
GROUP BY ?type
ORDER BY DESC(?things)
"""
_STATIC_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
}
#: Sub-folders of ``static/`` that are served too (third-party files, see vendor/install.sh).
_STATIC_FOLDERS = ("vendor",)
_HTML: dict[str, Any] = {"text/html": {}}
_LD_CONTENT: dict[str, Any] = {o.media_type: {} for o in ld.OFFERS}  # aliases included
LD_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The resource: an HTML page, or its concise bounded description "
          "in Turtle, JSON-LD or N-Triples (by Accept or ?format=)", "content": _LD_CONTENT},
    400: {"description": "Unknown ?format= or ?lang= value", "content": {"text/plain": {}}},
    404: {"description": "The graph says nothing about this IRI",
          "content": {"text/html": {}, "text/plain": {}}},
    406: {"description": "None of the offered media types is acceptable",
          "content": {"text/plain": {}}},
}


FormatName = Literal["html", "turtle", "ttl", "jsonld", "json-ld", "ntriples", "nt"]


class Snapshot(Protocol):
    """What the pages need from the serving snapshot."""

    @property
    def store(self) -> ox.Store: ...

    @property
    def base_iri(self) -> str: ...


def current_snapshot(request: Request) -> Snapshot:
    snapshot: Snapshot = request.app.state.serving.current()
    return snapshot


@functools.cache
def _environment() -> Environment:
    folder = importlib.resources.files("kyotei.server.pages") / "templates"
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


@functools.cache
def messages() -> dict[str, dict[str, str]]:
    """UI strings in Japanese and English (``templates/messages.json``)."""
    source = importlib.resources.files("kyotei.server.pages") / "templates" / "messages.json"
    loaded: dict[str, dict[str, str]] = json.loads(source.read_text(encoding="utf-8"))
    return loaded


def page_language(request: Request) -> str:
    """``?lang=``, then the language cookie, then ``Accept-Language``; Japanese by default."""
    for choice in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if choice in LANGUAGES:
            return choice
    best, best_q = "ja", 0.0
    for part in request.headers.get("accept-language", "").split(","):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().split("-")[0].lower()
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if primary in LANGUAGES and quality > best_q:
            best, best_q = primary, quality
    return best


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a page template (autoescaped) with the common context."""
    lang = page_language(request)
    table = messages()[lang]

    def tr(key: str, **params: Any) -> str:
        return table[key].format(**params)

    root = request.scope.get("root_path", "").rstrip("/")
    html = _environment().get_template(template).render(
        lang=lang, other_lang="en" if lang == "ja" else "ja", t=table, tr=tr, root=root,
        csp_nonce=getattr(request.state, "csp_nonce", ""),  # for an inline <script nonce=…>
        **context,
    )
    response = HTMLResponse(html, status_code=status_code)
    response.headers["Vary"] = "Accept, Accept-Language, Cookie"
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie(LANG_COOKIE, lang, max_age=31_536_000, samesite="lax")
    return response


def query_page_config(request: Request, base_iri: str) -> dict[str, Any]:
    """What the query page's script needs: endpoint, base, prefixes, examples, strings."""
    root = request.scope.get("root_path", "").rstrip("/")
    return {
        "endpoint": root + ENDPOINT,
        "check": root + "/check",
        "base": base_iri,
        "basePath": root + ld.DATA_PATH,
        "prefixes": {**ld.prefixes(base_iri), "graph": base_iri + "graph/"},
        "examples": [
            {"key": ex.key, "title": ex.title, "description": ex.description,
             "query": gallery.with_prologue(ex.body, base_iri)}
            for ex in gallery.examples()
        ],
        "formats": DOWNLOADS,
        "vocabulary": gallery.vocabulary(),
        "messages": messages(),
        "lang": page_language(request),
    }


def render_query_page(request: Request) -> HTMLResponse:
    """The query page (also what ``GET /sparql`` may answer to a browser)."""
    base_iri = current_snapshot(request).base_iri
    return render(
        request, "query.html",
        config=query_page_config(request, base_iri),
        initial_query=gallery.with_prologue(DEFAULT_QUERY, base_iri),
    )


router = APIRouter(tags=["pages"])


@router.get(
    "/", response_class=HTMLResponse, summary="The query page",
    responses={200: {"description": "The SPARQL query page (HTML)", "content": _HTML}},
)
def query_page(request: Request) -> HTMLResponse:
    """An editor with the prefixes preloaded, example queries, results as a table or chart,
    downloads and a shareable link. ``/?query=…`` or ``/#query=…`` opens and runs a query."""
    return render_query_page(request)


@functools.cache
def _static_files() -> dict[str, tuple[bytes, str, str]]:
    root = importlib.resources.files("kyotei.server.pages") / "static"
    files: dict[str, tuple[bytes, str, str]] = {}
    for prefix, folder in [("", root), *((f"{name}/", root / name) for name in _STATIC_FOLDERS)]:
        if not folder.is_dir():
            continue
        for item in folder.iterdir():
            suffix = "." + item.name.rsplit(".", 1)[-1]
            if item.is_file() and suffix in _STATIC_TYPES:
                data = item.read_bytes()
                etag = '"' + hashlib.sha256(data).hexdigest()[:20] + '"'
                files[prefix + item.name] = (data, _STATIC_TYPES[suffix], etag)
    return files


@router.get(
    "/static/{name:path}", summary="The pages' scripts, styles, icon and vendored files",
    responses={
        200: {"description": "The file", "content": {t: {} for t in _STATIC_TYPES.values()}},
        304: {"description": "Not modified (If-None-Match matched the ETag)"},
        404: {"description": "No such file", "content": {"text/plain": {}}},
    },
)
def static_file(name: str, request: Request) -> Response:
    """Files shipped with the package (no CDN): the hand-written ones and, under ``vendor/``,
    unmodified third-party releases with their licences. ETag and revalidation."""
    found = _static_files().get(name)
    if found is None:
        raise NotFoundError(f"no such file: {name}")
    data, media_type, etag = found
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=media_type, headers=headers)


def resource_response(request: Request, rest: str, fmt: str | None) -> Response:
    """Dereference ``<base>rest``: an HTML page or an RDF description, 404 if unknown."""
    snapshot = current_snapshot(request)
    base_iri = snapshot.base_iri
    iri = ld.iri_for_rest(base_iri, rest)
    chosen = ld.choose_format(request.headers.get("accept"), fmt)
    if iri is None or not ld.is_known(snapshot.store, iri):
        if chosen == "html":
            return render(request, "not_found.html", status_code=404, iri=iri or request.url.path)
        raise NotFoundError(f"the graph says nothing about {iri or request.url.path}")
    here = quote(request.url.path, safe="/:@!$&'()*+,;=-._~%")
    alternates = [
        {"media": ld.RDF_FORMATS[name][0], "href": f"{here}?format={name}", "label": label}
        for name, label in (("turtle", "Turtle"), ("jsonld", "JSON-LD"),
                            ("ntriples", "N-Triples"))
    ]
    link = ", ".join(f'<{a["href"]}>; rel="alternate"; type="{a["media"]}"' for a in alternates)
    response: Response
    if chosen == "html":
        viewer = Viewer(snapshot.store, base_iri, page_language(request))
        view = viewer.entity(iri)
        lang = viewer.lang
        title = view.labels.get(lang) or next(iter(view.labels.values()), view.compact)
        others = [(code, text) for code, text in sorted(view.labels.items())
                  if text != title and code]
        response = render(request, "entity.html", view=view, title=title, other_labels=others,
                          formats=alternates, max_incoming=MAX_INCOMING)
    else:
        body = ld.serialize(ld.describe(snapshot.store, iri, base_iri), chosen)
        media = negotiation.content_type(ld.RDF_FORMATS[chosen][0])
        response = Response(body, headers={"Content-Type": media, "Vary": "Accept"})
    response.headers["Link"] = link
    return response


def linked_data_router(prefix: str = ld.DATA_PATH) -> APIRouter:
    """A router serving ``<base>rest`` at ``prefix + rest`` (``/id/`` by default)."""
    if not (prefix.startswith("/") and prefix.endswith("/")):
        raise ValueError(f"prefix must start and end with '/': {prefix!r}")
    ld_router = APIRouter(tags=["linked data"])

    @ld_router.get(
        prefix + "{rest:path}", summary="A data IRI's page or description",
        responses=LD_RESPONSES, response_class=Response,
    )
    def resource(
        request: Request,
        rest: str,
        format: Annotated[FormatName | None, Query(description="Overrides Accept")] = None,
        lang: Annotated[Literal["ja", "en"] | None, Query(description="Page language")] = None,
    ) -> Response:
        """Every IRI the graph mints under the base: HTML for browsers (labels in ja and en,
        agreements, partners, provenance), Turtle / JSON-LD / N-Triples by Accept."""
        return resource_response(request, rest, format)

    return ld_router


router.include_router(linked_data_router())
router.include_router(query_check.router)  # POST /check: the editor's syntax check
