"""``/analytics``: the network analytics of the served graph, as JSON or an HTML report.

The figures are computed once per snapshot (``kyotei.graph.analytics.analyze`` over the
snapshot's own store, with kyotei's own queries only) and cached until the snapshot is
replaced; the HTML report is rendered once too. Both happen in the threadpool, never on the
event loop.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from kyotei.graph.analytics import AnalysisResult, analyze, render_html
from kyotei.server.engine import admission
from kyotei.server.errors import NotAcceptableError, describe
from kyotei.server.protocol.negotiation import HTML, Offer, negotiate
from kyotei.server.runtime import runtime
from kyotei.server.state import LoadedSnapshot

router = APIRouter(tags=["analytics"])
#: The way back to the site from the report (the site's navigation, as in base.html).
SITE_LINKS = (("kyotei: query", "/"), ("search", "/search"), ("countries", "/browse/countries"),
              ("API", "/docs"))

_JSON = Offer("application/json", "json")
_OFFERS = (_JSON, HTML)


@dataclass(slots=True)
class _Entry:
    snapshot_id: str
    result: AnalysisResult
    data: dict[str, Any]
    html: str | None = None


class AnalyticsCache:
    """The analysis of the latest snapshot asked for (older ones are dropped)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entry: _Entry | None = None
        self.computed = 0  # how many analyses ran (for tests and logs)

    def get(self, snapshot: LoadedSnapshot, *, html: bool) -> _Entry:
        with self._lock:  # one analysis at a time; matplotlib's state is global
            entry = self._entry
            if entry is None or entry.snapshot_id != snapshot.id:
                result = analyze(snapshot.store, base_iri=snapshot.base_iri)
                entry = _Entry(snapshot.id, result, result.to_dict())
                self._entry = entry
                self.computed += 1
            if html and entry.html is None:
                entry.html = render_html(entry.result, site_links=SITE_LINKS)
            return entry


def _cache(request: Request) -> AnalyticsCache:
    cache: AnalyticsCache = request.app.state.analytics
    return cache


_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The analytics of the snapshot being served",
        "content": {"application/json": {}, "text/html": {}},
    },
    **describe(406),
}


@router.get("/analytics", summary="Network analytics of the served graph",
            responses=_RESPONSES, response_class=JSONResponse)
def analytics(
    request: Request,
    fmt: str | None = Query(None, alias="format", description="json or html"),
) -> Response:
    """Degrees, centralities, communities, department overlap, concentration, growth and
    the comparison of the source documents (docs/analytics.md), computed once per build.
    JSON (its schema: graph/analytics/schema.json) or a self-contained HTML report, by
    ``format=`` or ``Accept``."""
    if fmt is not None:
        offer = {"json": _JSON, "html": HTML}.get(fmt.strip().lower())
        if offer is None:
            raise NotAcceptableError(f"format={fmt!r} is not available; choose json or html")
    else:
        chosen = negotiate(request.headers.get("accept"), _OFFERS)
        if chosen is None:
            raise NotAcceptableError("only application/json and text/html can be served")
        offer = chosen
    snapshot = request.app.state.serving.current()
    cache = _cache(request)
    entry = admission.limited(runtime(request), "the analytics",
                              lambda: cache.get(snapshot, html=offer is HTML))
    headers = {"Vary": "Accept", "X-Kyotei-Snapshot": snapshot.id}
    if offer is HTML:
        assert entry.html is not None  # noqa: S101 - rendered above
        return HTMLResponse(entry.html, headers=headers)
    return JSONResponse(entry.data, headers=headers)
