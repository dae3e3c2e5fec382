"""RDF as a source: another university's kyotei export, or any graph under the ontology.

A ``[[document]]`` of the sources manifest may name a Turtle, N-Triples, N-Quads or TriG
file. It is bulk loaded into an in-memory Oxigraph store and its agreements are read back
into plain :class:`~kyotei.graph.model.records.AgreementRecord` objects, one
:class:`~kyotei.graph.model.records.LoadResult` per source document the graph describes, so
that identity resolution, SHACL validation and the build treat them like the records of any
list (decision 0007 says how their provenance points to the other graph's records).

The graph is loaded with pyoxigraph (a bulk load: fast, and every syntax error names its
line) and queried over the union of its graphs. An agreement is read when it has a level, a
partner party and a partner institution; its facts are taken as the graph states them,
never guessed: a missing date stays missing, a month (``kyotei:signedInMonth``) stays a
month. Each source document the graph describes
(``kyotei:SourceDocument``, through each agreement's primary record) becomes one document of
this build, keyed ``<file>#<their document key>``; agreements with no such document share
the manifest entry's own metadata.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox

from kyotei.graph.model.iris import ascii_key
from kyotei.graph.model.records import (
    AgreementRecord,
    Basis,
    DocumentInfo,
    Finding,
    Level,
    LoadResult,
    PartyName,
    Severity,
    SourceSpan,
)
from kyotei.loaders.errors import SourceFileError

__all__ = ["RDF_SUFFIXES", "is_rdf_source", "load_rdf_source"]

_MONTH = re.compile(r"\d{4}-\d{2}")  # kyotei:signedInMonth's lexical form (xsd:gYearMonth)

log = logging.getLogger(__name__)

RDF_SUFFIXES: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
}

_PREFIXES = """
PREFIX k: <https://w3id.org/kyotei/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dct: <http://purl.org/dc/terms/>
"""

_AGREEMENTS = _PREFIXES + """
SELECT ?a ?level ?home ?homeInst ?partner ?inst ?signed ?month ?waiver ?cc ?basis
       ?rec ?text ?lineText ?locator ?section ?doc
WHERE {
  ?a a k:Agreement ; k:level ?level ; k:partnerParty ?partner ; k:partnerInstitution ?inst .
  OPTIONAL { ?a k:homeParty ?home . OPTIONAL { ?home org:unitOf ?homeInst } }
  OPTIONAL { ?a k:signedOn ?signed }
  OPTIONAL { ?a k:signedInMonth ?month }
  OPTIONAL { ?a k:tuitionWaiver ?waiver }
  OPTIONAL { ?a k:country/skos:notation ?cc }
  OPTIONAL { ?a k:countryBasis ?basis }
  OPTIONAL { ?a k:primaryRecord ?rec .
             OPTIONAL { ?rec k:verbatimText ?text }
             OPTIONAL { ?rec k:lineText ?lineText }
             OPTIONAL { ?rec k:sourceLocator ?locator }
             OPTIONAL { ?rec k:section ?section }
             OPTIONAL { ?rec k:sourceDocument ?doc } }
}
"""

_LABELS = _PREFIXES + """
SELECT ?s ?label ?pref WHERE {
  { ?s skos:prefLabel ?label BIND(true AS ?pref) }
  UNION { ?s rdfs:label ?label BIND(false AS ?pref) }
}
"""

_DOCUMENTS = _PREFIXES + """
SELECT ?doc ?id ?title ?asOf ?status ?publisher ?pcc WHERE {
  ?doc a k:SourceDocument .
  OPTIONAL { ?doc dct:identifier ?id }
  OPTIONAL { ?doc dct:title ?title }
  OPTIONAL { ?doc k:asOf ?asOf }
  OPTIONAL { ?doc k:publisherStatus ?status }
  OPTIONAL { ?doc dct:publisher ?publisher .
             OPTIONAL { ?publisher k:country/skos:notation ?pcc } }
}
"""

_LEVELS = {"UniversityLevel": Level.UNIVERSITY, "DepartmentLevel": Level.DEPARTMENT}


def is_rdf_source(file: str) -> bool:
    """Whether a manifest entry's file is read as RDF (by its extension)."""
    return Path(file).suffix.lower() in RDF_SUFFIXES


def _load(path: Path) -> ox.Store:
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=RDF_SUFFIXES[path.suffix.lower()])
    except FileNotFoundError:
        raise SourceFileError(str(path), None, "file not found") from None
    except SyntaxError as err:
        raise SourceFileError(str(path), getattr(err, "lineno", None),
                              f"not valid RDF: {err.msg}") from None
    except OSError as err:
        raise SourceFileError(str(path), None, f"cannot read: {err}") from None
    return store


def _value(term: object) -> str | None:
    return None if term is None else str(getattr(term, "value", term))


class _Labels:
    """Each subject's labels by language: a ``skos:prefLabel`` before an ``rdfs:label``."""

    def __init__(self, store: ox.Store) -> None:
        self._by: dict[str, dict[str, tuple[bool, str]]] = defaultdict(dict)
        result = store.query(_LABELS, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions)  # noqa: S101 - a SELECT
        for row in result:
            label = row["label"]
            if not isinstance(label, ox.Literal) or not label.language:
                continue
            lang = label.language.split("-")[0]
            pref = _value(row["pref"]) == "true"
            key = _value(row["s"]) or ""
            have = self._by[key].get(lang)
            better = have is None or (pref and not have[0]) or (
                pref == have[0] and label.value < have[1])
            if better:
                self._by[key][lang] = (pref, label.value)

    def get(self, subject: str | None, lang: str) -> str | None:
        if subject is None:
            return None
        found = self._by.get(subject, {}).get(lang)
        return found[1] if found else None


@dataclass(frozen=True, slots=True)
class _Part:
    """One source document of the graph, as a document of this build."""

    info: DocumentInfo
    records: list[AgreementRecord]


def _part_info(doc: DocumentInfo, store: ox.Store, labels: _Labels) -> dict[str, DocumentInfo]:
    """Their source documents (by IRI) → this build's documents, metadata from the graph."""
    infos: dict[str, DocumentInfo] = {}
    result = store.query(_DOCUMENTS, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)  # noqa: S101 - a SELECT
    for row in result:
        iri = _value(row["doc"]) or ""
        if iri in infos:
            continue
        ident = _value(row["id"]) or iri.rstrip("/").rsplit("/", 1)[-1]
        status = _value(row["status"]) or "unidentified"
        publisher = _value(row["publisher"])
        as_of = _value(row["asOf"])
        named = status != "unidentified" and publisher is not None
        infos[iri] = replace(
            doc,
            file=f"{doc.file}#{ascii_key(ident).replace('.', '-')}",
            title=_value(row["title"]) or doc.title,
            as_of=dt.date.fromisoformat(as_of) if as_of else None,
            as_of_text=as_of or "",
            publisher_status=status if named else "unidentified",
            publisher_ja=labels.get(publisher, "ja") if named else None,
            publisher_en=labels.get(publisher, "en") if named else None,
            publisher_country=_value(row["pcc"]) if named else None,
            publisher_note=f"read from {iri} in {doc.file}",
            sections=(),
        )
    return infos


def load_rdf_source(doc: DocumentInfo, path: Path) -> list[LoadResult]:
    """The graph's agreements, one :class:`LoadResult` per source document it describes."""
    if doc.sections:
        raise SourceFileError(str(path), None, "an RDF source has no lines to divide: remove "
                              "its [[document.section]] entries from the manifest")
    store = _load(path)
    labels = _Labels(store)
    infos = _part_info(doc, store, labels)
    parts: dict[str, _Part] = {}
    findings: list[Finding] = []
    result = store.query(_AGREEMENTS, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)  # noqa: S101 - a SELECT
    rows = sorted(result, key=lambda r: (_value(r["doc"]) or "", _value(r["a"]) or ""))
    seen: set[str] = set()
    for row in rows:
        iri = _value(row["a"]) or ""
        if iri in seen:  # a functional property stated twice: the first reading is kept
            findings.append(Finding("rdf.agreement-twice", Severity.WARNING, doc.file, (),
                                    f"{iri} has more than one value of a functional property: "
                                    "the first is read", iri))
            continue
        seen.add(iri)
        info = infos.get(_value(row["doc"]) or "", doc)
        part = parts.setdefault(info.file, _Part(info, []))
        record = _record(row, part, labels, findings)
        if record is not None:
            part.records.append(record)
    if not parts:
        findings.append(Finding("rdf.no-agreements", Severity.WARNING, doc.file, (),
                                "the graph states no kyotei:Agreement with a level, a partner "
                                "party and a partner institution"))
        return [LoadResult(document=doc, findings=findings)]
    results = [LoadResult(document=p.info, agreements=p.records) for p in parts.values()]
    results[0].findings.extend(findings)
    log.info("%s: %d agreements in %d documents", path, sum(len(p.records) for p in parts.values()),
             len(parts))
    return results


def _record(row: ox.QuerySolution, part: _Part, labels: _Labels,
            findings: list[Finding]) -> AgreementRecord | None:
    iri = _value(row["a"]) or ""
    level = _LEVELS.get((_value(row["level"]) or "").rsplit("#", 1)[-1])
    inst, partner = _value(row["inst"]), _value(row["partner"])
    institution = PartyName(labels.get(inst, "ja"), labels.get(inst, "en"))
    if level is None or not institution.has_institution:
        findings.append(Finding("rdf.agreement-unreadable", Severity.ERROR, part.info.file, (),
                                f"{iri}: no known level or no label of the partner institution: "
                                "not read", iri))
        return None
    name = institution
    if partner != inst:
        name = replace(institution, unit_ja=labels.get(partner, "ja"),
                       unit_en=labels.get(partner, "en"))
    home_unit = labels.get(_value(row["home"]), "ja") if row["homeInst"] is not None else None
    rec = _value(row["rec"])
    their_locator = _value(row["locator"])
    locator = f"{rec} ({their_locator})" if rec and their_locator else (rec or iri)
    span = SourceSpan(
        document=part.info.file, line=len(part.records) + 1,
        text=_value(row["text"]) or "", line_text=_value(row["lineText"]) or "",
        locator=locator, text_line=False,
    )
    signed = _value(row["signed"])
    month = _value(row["month"]) if not signed else None
    waiver = _value(row["waiver"])
    basis = _value(row["basis"])
    country = _value(row["cc"])
    return AgreementRecord(
        document=part.info.file,
        level=level,
        partner=name,
        source=span,
        section=_value(row["section"]) or "",
        home_unit_ja=home_unit,
        country=country,
        country_basis=Basis(basis) if country and basis in set(Basis) else None,
        signed_on=dt.date.fromisoformat(signed) if signed else None,
        signed_on_text=signed or month,
        signed_in_month=month if month and _MONTH.fullmatch(month) else None,
        tuition_waiver=None if waiver is None else waiver in ("true", "1"),
    )
