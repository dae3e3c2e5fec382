"""Content negotiation: ``Accept`` with q-values (RFC 9110), and the ``format=`` override.

Each offer is a media type and the format it stands for. Primary media types match
wildcards (``*/*``, ``text/*``); aliases (``application/json`` for SPARQL JSON results,
``text/plain`` for N-Triples) only match when named. Ties go to the server's order.
"""

from __future__ import annotations

from dataclasses import dataclass

from kyotei.server.errors import NotAcceptableError


@dataclass(frozen=True, slots=True)
class Offer:
    media_type: str
    format: str
    primary: bool = True


RESULTS = (
    Offer("application/sparql-results+json", "json"),
    Offer("application/sparql-results+xml", "xml"),
    Offer("text/csv", "csv"),
    Offer("text/tab-separated-values", "tsv"),
    Offer("application/json", "json", primary=False),
    Offer("application/xml", "xml", primary=False),
    Offer("text/xml", "xml", primary=False),
)
BOOLEAN = tuple(o for o in RESULTS if o.format in ("json", "xml"))
GRAPH = (
    Offer("text/turtle", "turtle"),
    Offer("application/n-triples", "ntriples"),
    Offer("application/ld+json", "jsonld"),
    Offer("application/rdf+xml", "rdfxml"),
    Offer("application/trig", "trig"),
    Offer("application/n-quads", "nquads"),
    Offer("application/x-turtle", "turtle", primary=False),
    Offer("text/plain", "ntriples", primary=False),
    Offer("application/json", "jsonld", primary=False),
    Offer("application/xml", "rdfxml", primary=False),
    Offer("text/xml", "rdfxml", primary=False),
)
HTML = Offer("text/html", "html")

#: ``format=`` names (besides full media types), per kind of result.
FORMAT_NAMES: dict[str, dict[str, str]] = {
    "results": {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv",
                "tsv": "tsv"},
    "graph": {"turtle": "turtle", "ttl": "turtle", "ntriples": "ntriples", "nt": "ntriples",
              "n-triples": "ntriples", "jsonld": "jsonld", "json-ld": "jsonld",
              "json": "jsonld", "rdfxml": "rdfxml", "rdf": "rdfxml", "xml": "rdfxml",
              "rdf+xml": "rdfxml", "trig": "trig", "nquads": "nquads", "nq": "nquads",
              "n-quads": "nquads"},
}
_TEXTUAL = ("text/", "application/sparql-results+json", "application/json",
            "application/ld+json")


def content_type(media_type: str) -> str:
    """The ``Content-Type`` header for ``media_type`` (UTF-8 said where it means anything)."""
    if media_type.startswith(_TEXTUAL):
        return f"{media_type}; charset=utf-8"
    return media_type


def _ranges(accept: str) -> list[tuple[str, str, float]]:
    found: list[tuple[str, str, float]] = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        kind, _, sub = fields[0].lower().partition("/")
        if not kind or not sub:
            continue
        quality = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        found.append((kind, sub, quality))
    return found


def _quality(offer: Offer, ranges: list[tuple[str, str, float]]) -> float:
    kind, _, sub = offer.media_type.partition("/")
    best_level, quality = -1, 0.0
    for r_kind, r_sub, r_q in ranges:
        if (r_kind, r_sub) == (kind, sub):
            level = 2
        elif offer.primary and r_kind == kind and r_sub == "*":
            level = 1
        elif offer.primary and (r_kind, r_sub) == ("*", "*"):
            level = 0
        else:
            continue
        if level > best_level:
            best_level, quality = level, r_q
    return quality


def negotiate(accept: str | None, offers: tuple[Offer, ...]) -> Offer | None:
    """The offer ``accept`` prefers, or None when nothing is acceptable."""
    if not accept or not accept.strip():
        return offers[0]
    ranges = _ranges(accept)
    best: tuple[float, Offer | None] = (0.0, None)
    for offer in offers:
        quality = _quality(offer, ranges)
        if quality > best[0]:
            best = (quality, offer)
    return best[1]


def _named(fmt: str, kind: str, offers: tuple[Offer, ...]) -> Offer | None:
    wanted = fmt.strip().lower()
    name = FORMAT_NAMES.get(kind, {}).get(wanted)
    for offer in offers:
        if offer.media_type == wanted or (name and offer.format == name and offer.primary):
            return offer
    return None


def choose(accept: str | None, fmt: str | list[str] | None, kind: str,
           offers: tuple[Offer, ...]) -> Offer:
    """The format to answer in (``kind`` is "results" or "graph"); 406 when none fits.

    ``format=`` (a name or a media type; clients such as SPARQLWrapper repeat it) chooses
    when ``Accept`` admits it, even by a wildcard, or names nothing the server has. When
    ``Accept`` names outright a type the server can serve and does not admit ``format=``'s
    (SPARQLWrapper sends ``format=json`` with ``Accept: application/ld+json`` for a
    CONSTRUCT, ``format=n3`` with ``Accept: text/turtle, ...``), ``Accept`` wins: the header
    is the protocol's and the parameter only a convenience.
    """
    wanted = [fmt] if isinstance(fmt, str) else [f for f in (fmt or []) if f]
    named = next((o for o in map(lambda f: _named(f, kind, offers), wanted) if o), None)
    ranges = _ranges(accept) if accept and accept.strip() else []
    if named is not None and (not ranges or _quality(named, ranges) > 0):
        return named
    outright = [r for r in ranges if "*" not in (r[0], r[1])]
    by_accept = negotiate(",".join(f"{k}/{s};q={q}" for k, s, q in outright), offers
                          ) if outright else None
    if by_accept is not None:
        return by_accept
    if named is not None:
        return named
    if wanted:
        names = sorted({o.format for o in offers})
        raise NotAcceptableError(f"format={wanted[-1]!r} is not available for this result; "
                                 f"choose one of {', '.join(names)}")
    chosen = negotiate(accept, offers)
    if chosen is None:
        media = ", ".join(o.media_type for o in offers if o.primary)
        raise NotAcceptableError(
            f"none of the media types in Accept can be served; available: {media}")
    return chosen
