"""Finding things without SPARQL: ``/search`` over the names of institutions, faculties and
countries, and browsing agreements by country (``/browse/countries``,
``/browse/country/{code}``) with counts and filters (level, tuition waiver, year).

``/.well-known/void`` is also served here as a page for a browser (RDF stays the
protocol room's answer), and so is ``/store`` (:mod:`.store_view`, included in this router
so that it stands before the protocol's route). Each answers HTML for a browser and JSON by
``Accept`` (or ``?format=json``); every result links to its entity page. The data comes from
:mod:`.search_index`, built once per snapshot.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Annotated, Any, Literal

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.types import DecoratedCallable

from kyotei.server.errors import BadRequestError, NotAcceptableError, NotFoundError, describe
from kyotei.server.pages import linked_data as ld
from kyotei.server.pages import store_view
from kyotei.server.pages.routes import current_snapshot, page_language, render
from kyotei.server.pages.search_index import KINDS, Deal, FindingIndex, IndexCache
from kyotei.server.protocol import graph_store, negotiation

router = APIRouter(tags=["pages"])

# The browse pages' filters, one declaration each (the same query parameters on every page).
LevelQuery = Annotated[str | None, Query(description="UniversityLevel or DepartmentLevel")]
WaiverQuery = Annotated[str | None, Query(description="Tuition waiver: yes, no or unknown")]
YearQuery = Annotated[str | None, Query(alias="year", description="Year signed")]
FormatQuery = Annotated[Literal["html", "json"] | None, Query()]
_PAGE_OR_JSON: dict[int | str, dict[str, Any]] = {
    200: {"description": "A page, or JSON by Accept or ?format=json",
          "content": {"text/html": {}, "application/json": {}}}}
_OFFERS = (negotiation.HTML, negotiation.Offer("application/json", "json"))
LEVELS = ("UniversityLevel", "DepartmentLevel")
WAIVERS = ("yes", "no", "unknown")


def _page_or_json(path: str, summary: str,
                  *errors: int) -> Callable[[DecoratedCallable], DecoratedCallable]:
    """The route of a page answering HTML or JSON: 400 (a bad filter), ``errors`` and 406
    documented."""
    return router.get(path, summary=summary, response_class=Response,
                      responses={**_PAGE_OR_JSON, **describe(400, *errors, 406)})


def _choice(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    """A filter's value; an empty one (a form's "all") is no filter."""
    if not value:
        return None
    if value not in allowed:
        raise BadRequestError(f"{name}={value!r}: choose one of {', '.join(allowed)}")
    return value


def _year(value: str | None) -> int | None:
    if not value:
        return None
    if not value.isdigit() or not 1800 <= int(value) <= 2200:
        raise BadRequestError(f"year={value!r}: a year such as 2008")
    return int(value)



def _index(request: Request) -> tuple[FindingIndex, str]:
    snapshot = current_snapshot(request)
    cache: IndexCache | None = getattr(request.app.state, "search_index", None)
    if cache is None:
        cache = request.app.state.search_index = IndexCache()
    key = str(getattr(snapshot, "id", id(snapshot)))
    return cache.get(key, snapshot.store), snapshot.base_iri


def _wants_json(request: Request, fmt: str | None) -> bool:
    if fmt:
        return fmt.lower() == "json"
    chosen = negotiation.negotiate(request.headers.get("accept"), _OFFERS)
    if chosen is None:
        raise NotAcceptableError("available: text/html, application/json")
    wanted: bool = chosen.format == "json"
    return wanted


def _href(base_iri: str, iri: str) -> str | None:
    """Where the page links for ``iri``; None (shown as text) for an unsafe scheme."""
    return ld.local_href(base_iri, iri)


@_page_or_json("/search", "Find institutions, faculties and countries by name")
def search(
    request: Request,
    q: Annotated[str, Query(max_length=200, description="A name, in Japanese or English; "
                            "kana, case, width and middle dots do not matter")] = "",
    kind: Annotated[str | None, Query(description="Only this kind: institution, faculty "
                                      "or country (empty: all)")] = None,
    format: FormatQuery = None,
) -> Response:
    """Names matched after folding (NFKC, case, katakana as hiragana, spaces and dots
    dropped): exact names first, then prefixes, then the rest; 50 at most."""
    kind = _choice("kind", kind, KINDS)
    index, base_iri = _index(request)
    lang = page_language(request)
    found = index.search(q, (kind,) if kind else KINDS) if q.strip() else []
    hits = [{"iri": e.iri, "kind": e.kind, "label": e.label(lang), "labels": e.labels,
             "href": _href(base_iri, e.iri), "code": e.code,
             "browse": f"/browse/country/{e.code}" if e.kind == "country" else None}
            for e in found]
    if _wants_json(request, format):
        return JSONResponse({"query": q, "results": hits})
    page: Response = render(request, "search.html", q=q, kind=kind, hits=hits, kinds=KINDS)
    return page


class Filters:
    """The browse pages' filters (level, tuition waiver, year, format), read and checked once
    for every page; a bad value is a 400 naming the parameter."""

    def __init__(self, level: LevelQuery = None, waiver: WaiverQuery = None,
                 year_text: YearQuery = None, format: FormatQuery = None) -> None:
        self.level = _choice("level", level, LEVELS)
        self.waiver = _choice("waiver", waiver, WAIVERS)
        self.year = _year(year_text)
        self.format = format

    @property
    def chosen(self) -> dict[str, Any]:
        return {"level": self.level, "waiver": self.waiver, "year": self.year}

    def deals(self, index: FindingIndex) -> list[Deal]:
        """The agreements these filters keep; ``waiver=unknown`` keeps those with none stated."""
        waived = None if self.waiver in (None, "unknown") else self.waiver == "yes"
        deals: list[Deal] = index.filtered(level=self.level, waiver=waived, year=self.year)
        if self.waiver == "unknown":
            deals = [d for d in deals if d.waiver is None]
        return deals


Filtered = Annotated[Filters, Depends()]


@_page_or_json("/browse/countries", "Agreements by partner country")
def countries(
    request: Request,
    filters: Filtered,
) -> Response:
    """Every partner country with its agreements and partner institutions, counted under
    the filters; most agreements first."""
    index, base_iri = _index(request)
    lang = page_language(request)
    by_iri = {e.iri: e for e in index.countries.values()}
    rows: list[dict[str, Any]] = []
    for iri, deals in index.by_country(filters.deals(index)).items():
        entry = by_iri.get(iri)
        if entry is None or entry.code is None:
            continue
        rows.append({"code": entry.code, "label": entry.label(lang), "labels": entry.labels,
                     "iri": iri, "href": _href(base_iri, iri),
                     "browse": f"/browse/country/{entry.code}", "agreements": len(deals),
                     "institutions": len({d.institution for d in deals if d.institution})})
    rows.sort(key=lambda r: (-r["agreements"], r["code"]))
    years = sorted({d.year for d in index.deals if d.year})
    chosen = filters.chosen
    if _wants_json(request, filters.format):
        return JSONResponse({"filters": chosen, "countries": rows})
    page: Response = render(request, "browse_countries.html", rows=rows, chosen=chosen,
                            years=years, total=sum(r["agreements"] for r in rows))
    return page


def _institution_rows(index: FindingIndex, deals: list[Deal], base_iri: str,
                      lang: str) -> list[dict[str, Any]]:
    """One row per partner institution of ``deals``: counts by level and waiver, years,
    country; most agreements first."""
    per: dict[str, list[Deal]] = {}
    for deal in deals:
        per.setdefault(deal.institution or "", []).append(deal)
    codes = {e.iri: e.code for e in index.countries.values()}
    rows: list[dict[str, Any]] = []
    for iri, mine in per.items():
        known = index.entries.get(iri)
        levels = Counter(d.level for d in mine)
        country = mine[0].country
        rows.append({"iri": iri, "href": _href(base_iri, iri) if iri else None,
                     "label": known.label(lang) if known else (iri or "?"),
                     "country": codes.get(country) if country else None,
                     "agreements": len(mine), "university": levels["UniversityLevel"],
                     "department": levels["DepartmentLevel"],
                     "waiver": sum(1 for d in mine if d.waiver),
                     "years": sorted({d.year for d in mine if d.year})})
    rows.sort(key=lambda r: (-r["agreements"], r["label"]))
    return rows


@_page_or_json("/browse/institutions", "Partner institutions with their agreements")
def institutions(
    request: Request,
    filters: Filtered,
) -> Response:
    """Every partner institution with its agreements counted by level and waiver under the
    filters; most agreements first."""
    index, base_iri = _index(request)
    rows = _institution_rows(index, filters.deals(index), base_iri,
                             page_language(request))
    chosen = filters.chosen
    if _wants_json(request, filters.format):
        return JSONResponse({"filters": chosen, "institutions": rows})
    years = sorted({d.year for d in index.deals if d.year})
    page: Response = render(request, "browse_country.html", country=None, rows=rows,
                            chosen=chosen, years=years,
                            total=sum(r["agreements"] for r in rows))
    return page


@_page_or_json("/browse/country/{code}", "One country's partner institutions", 404)
def country(
    request: Request,
    code: str,
    filters: Filtered,
) -> Response:
    """The institutions of one country (ISO 3166-1 alpha-2 code) with their agreements,
    counted by level and waiver under the filters."""
    index, base_iri = _index(request)
    lang = page_language(request)
    entry = index.countries.get(code.upper())
    if entry is None:
        raise NotFoundError(f"no partner country {code!r} in this graph")
    deals = [d for d in filters.deals(index) if d.country == entry.iri]
    rows = _institution_rows(index, deals, base_iri, lang)
    chosen = filters.chosen
    head = {"code": entry.code, "label": entry.label(lang), "labels": entry.labels,
            "iri": entry.iri, "href": _href(base_iri, entry.iri)}
    if _wants_json(request, filters.format):
        return JSONResponse({"country": head, "filters": chosen, "institutions": rows})
    years = sorted({d.year for d in index.deals if d.year and d.country == entry.iri})
    page: Response = render(request, "browse_country.html", country=head, rows=rows,
                            chosen=chosen, years=years, total=len(deals))
    return page


@router.get("/.well-known/void", include_in_schema=False)
def void_page(request: Request,
              format: Annotated[str | None, Query()] = None) -> Response:
    """The dataset description as a page for a browser (``text/html`` preferred in Accept,
    or ``?format=html``); RDF otherwise, as :func:`graph_store.void` answers."""
    offers = (negotiation.GRAPH[0], negotiation.HTML, *negotiation.GRAPH[1:4])
    wants_html = (format or "").lower() == "html" or (
        not format and negotiation.negotiate(request.headers.get("accept"), offers)
        == negotiation.HTML)
    if not wants_html:
        answer: Response = graph_store.void(request, format)
        return answer
    described = graph_store.void(request, "ntriples")
    base_iri = current_snapshot(request).base_iri
    subjects: dict[str, list[dict[str, Any]]] = {}
    for triple in ox.parse(bytes(described.body), format=ox.RdfFormat.N_TRIPLES):
        subject = _term(triple.subject, base_iri)
        subjects.setdefault(subject["text"], []).append(
            {"subject": subject, "predicate": _term(triple.predicate, base_iri),
             "object": _term(triple.object, base_iri)})
    groups = [{"subject": rows[0]["subject"],
               "rows": sorted(rows, key=lambda r: (r["predicate"]["text"], r["object"]["text"]))}
              for _, rows in sorted(subjects.items())]
    page: Response = render(request, "void.html", groups=groups)
    page.headers["Vary"] = "Accept, Accept-Language, Cookie"
    return page


def _term(term: Any, base_iri: str) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        href = ld.local_href(base_iri, term.value)
        return {"text": ld.compact(term.value, base_iri), "iri": term.value,
                "href": href if href and href.startswith("/") else None, "lang": None}
    if isinstance(term, ox.Literal):
        return {"text": term.value, "iri": None, "href": None, "lang": term.language}
    return {"text": str(term), "iri": None, "href": None, "lang": None}


router.include_router(store_view.router)  # /store as a page, before the protocol's route
