"""Offline reconciliation with ROR (Research Organization Registry), from a dump file.

``kyotei link --ror DUMP.json`` reads a ROR data dump the user downloaded (schema v2: one JSON
array of records, or the dump's ``.zip`` holding it) and matches kyotei's institutions to
ROR records. Nothing is fetched: the build never needs the network, and no identifier is
written unless it comes from the user's dump.

Matching rule ``ror.name-and-country``: an institution matches a ROR record when one of its
labels equals one of the record's names of type ``ror_display``, ``label`` or ``alias``
(acronyms are too short to trust) and the record's location has the institution's country
code. English and other Latin-script names are compared by
:func:`kyotei.graph.identity.names.en_key`; a name with ``lang`` ``ja`` or ``zh`` by the
Japanese identity key. Only ``active`` records are linked. When several records match, or
the only match is not active, nothing is linked and the pair is reported as a candidate
(the records' relationships, such as a parent, are named to help the curator).
"""

from __future__ import annotations

import json
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef

from kyotei.graph.identity.names import NameRules, en_key, parse_ja
from kyotei.graph.model.iris import Minter
from kyotei.graph.model.namespaces import DCTERMS, KYOTEI, OWL, RDF, RDFS, SKOS, bind_prefixes

RULE = "ror.name-and-country"
_NAME_TYPES = {"ror_display", "label", "alias"}
_CJK_LANGS = {"ja", "zh"}


class RorDumpError(ValueError):
    """The file is not a readable ROR v2 dump."""


@dataclass(frozen=True, slots=True)
class RorName:
    value: str
    types: tuple[str, ...]
    lang: str | None


@dataclass(frozen=True, slots=True)
class RorRecord:
    id: str
    names: tuple[RorName, ...]
    countries: tuple[str, ...]
    status: str
    relationships: tuple[tuple[str, str, str], ...]  # (type, id, label)

    @property
    def display(self) -> str:
        for name in self.names:
            if "ror_display" in name.types:
                return name.value
        return self.names[0].value if self.names else self.id


@dataclass(frozen=True, slots=True)
class Institution:
    """What matching needs of a kyotei institution: its IRI, country and labels."""

    iri: URIRef
    country: str | None
    labels: tuple[tuple[str, str], ...]  # (text, language tag)


@dataclass(frozen=True, slots=True)
class RorMatch:
    institution: Institution
    record: RorRecord
    label: tuple[str, str]
    name: RorName

    @property
    def evidence(self) -> str:
        types = "/".join(self.name.types)
        return (
            f"label '{self.label[0]}'@{self.label[1]} equals the ROR name '{self.name.value}' "
            f"({types}, lang {self.name.lang or 'none'}) of {self.record.id} "
            f"('{self.record.display}'); country {self.institution.country} is the record's "
            "location country"
        )


@dataclass(frozen=True, slots=True)
class RorCandidate:
    institution: Institution
    records: tuple[RorRecord, ...]
    reason: str


def _record(data: dict[str, Any]) -> RorRecord:
    try:
        rid = str(data["id"])
        names = tuple(
            RorName(str(n["value"]), tuple(n.get("types") or ()), n.get("lang"))
            for n in data.get("names") or ()
        )
    except (KeyError, TypeError) as exc:
        raise RorDumpError(f"a record without id or names in schema v2: {exc}") from exc
    countries = tuple(
        sorted(
            {
                str(loc["geonames_details"]["country_code"]).upper()
                for loc in data.get("locations") or ()
                if loc.get("geonames_details", {}).get("country_code")
            }
        )
    )
    relationships = tuple(
        (str(r.get("type", "")), str(r.get("id", "")), str(r.get("label", "")))
        for r in data.get("relationships") or ()
    )
    return RorRecord(rid, names, countries, str(data.get("status", "")), relationships)


def load_dump(path: Path) -> list[RorRecord]:
    """Read a ROR v2 dump: a JSON array of records, or a zip holding one."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                members = sorted(n for n in archive.namelist() if n.endswith(".json"))
                v2 = [n for n in members if "v2" in n] or members
                if not v2:
                    raise RorDumpError(f"{path}: the zip holds no JSON file")
                data = json.loads(archive.read(v2[0]).decode("utf-8"))
        else:
            data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RorDumpError(f"{path}: not a readable JSON dump: {exc}") from exc
    if not isinstance(data, list):
        raise RorDumpError(f"{path}: a ROR dump is a JSON array of records")
    if data and "names" not in data[0]:
        raise RorDumpError(f"{path}: records have no 'names': not ROR schema v2")
    return [_record(item) for item in data]


class _Index:
    def __init__(self, records: Iterable[RorRecord], rules: NameRules) -> None:
        self.rules = rules
        self.by_key: dict[tuple[str, str], list[tuple[RorRecord, RorName]]] = defaultdict(list)
        for record in records:
            for name in record.names:
                if not _NAME_TYPES & set(name.types):
                    continue
                for country in record.countries:
                    self.by_key[(country, self.key(name.value, name.lang))].append((record, name))

    def key(self, text: str, lang: str | None) -> str:
        if lang in _CJK_LANGS:
            return "ja:" + parse_ja(text, self.rules).key
        return "en:" + en_key(text)


def match(
    institutions: Sequence[Institution],
    records: Iterable[RorRecord],
    rules: NameRules | None = None,
) -> tuple[list[RorMatch], list[RorCandidate]]:
    """Match institutions to ROR records by rule ``ror.name-and-country``."""
    index = _Index(records, rules or NameRules())
    matches: list[RorMatch] = []
    candidates: list[RorCandidate] = []
    for inst in sorted(institutions, key=lambda i: str(i.iri)):
        if not inst.country:
            continue
        found: dict[str, tuple[RorRecord, RorName, tuple[str, str]]] = {}
        for text, lang in inst.labels:
            key = index.key(text, "ja" if lang == "ja" else lang)
            for record, name in index.by_key.get((inst.country, key), []):
                found.setdefault(record.id, (record, name, (text, lang)))
        active = [v for v in found.values() if v[0].status == "active"]
        if len(active) == 1 and len(found) == 1:
            record, name, label = active[0]
            matches.append(RorMatch(inst, record, label, name))
        elif found:
            recs = tuple(sorted((v[0] for v in found.values()), key=lambda r: r.id))
            related = "; ".join(
                f"{r.id} {kind} {label}"
                for r in recs
                for kind, _id, label in r.relationships
                if kind in ("parent", "child", "successor", "predecessor")
            )
            why = (
                f"{len(active)} active of {len(found)} matching ROR records "
                f"({', '.join(r.id + ' ' + r.status for r in recs)})"
                + (f"; relationships: {related}" if related else "")
                + ": not linked, left for curation"
            )
            candidates.append(RorCandidate(inst, recs, why))
    return matches, candidates


def institutions_from_graph(graph: Graph) -> list[Institution]:
    """Institutions with their country code and every label, from a built graph."""
    rows = graph.query(
        """
        SELECT ?i ?code ?label WHERE {
          ?i a kyotei:Institution .
          OPTIONAL { ?i kyotei:country/skos:notation ?code }
          { ?i skos:prefLabel ?label } UNION { ?i skos:altLabel ?label }
        }""",
        initNs={"kyotei": KYOTEI, "skos": SKOS},
    )
    found: dict[URIRef, tuple[str | None, list[tuple[str, str]]]] = {}
    for row in rows:
        iri, code, label = row  # type: ignore[misc]
        entry = found.setdefault(URIRef(str(iri)), (str(code) if code else None, []))
        entry[1].append((str(label), getattr(label, "language", None) or ""))
    return [
        Institution(iri, country, tuple(sorted(set(labels))))
        for iri, (country, labels) in sorted(found.items())
    ]


def links_graph(matches: Sequence[RorMatch], *, base_iri: str, dump: str) -> Graph:
    """``owl:sameAs`` links with their evidence, as Turtle-ready triples."""
    graph = Graph()
    bind_prefixes(graph, base_iri)
    mint = Minter(base_iri)
    for m in matches:
        target = URIRef(m.record.id)
        graph.add((m.institution.iri, OWL.sameAs, target))
        decision = mint.decision("same-as", RULE, str(m.institution.iri), m.record.id)
        graph.add((m.institution.iri, KYOTEI.identityDecision, decision))
        graph.add((decision, RDF.type, KYOTEI.IdentityDecision))
        graph.add((decision, KYOTEI.decisionKind, Literal("same-as")))
        graph.add((decision, KYOTEI.rule, Literal(RULE)))
        graph.add((decision, RDFS.comment, Literal(m.evidence, lang="en")))
        graph.add((decision, DCTERMS.source, Literal(f"ROR data dump {dump}")))
    return graph
