"""Curated data: the crosswalk, the overrides and the links, and the name rules.

The name rules (script variants, :mod:`kyotei.graph.identity.variants`) come from OpenCC's
data and a cited override file in the package, and are always used, also with
``--no-curation``: they are a rule, not a fact about one institution. The facts live in one
folder (``data/curation/``, documented in its README.md):

* ``crosswalk.csv``: curated facts about institutions (Japanese name, English name,
  country, optional ROR/Wikidata IRI), each row with its source;
* ``overrides.toml``: corrections the loaders cannot make, each citing the source line(s),
  the verbatim text expected there, and a reason;
* ``links/*.ttl``: ``owl:sameAs`` links written by ``kyotei link`` from a user's ROR dump.

:func:`apply_overrides` applies the overrides that change records (``assign-unit``,
``set-country``) and checks those that the resolver applies (``merge``, ``split``). An
override whose line no longer holds the text it expects raises :class:`CurationError` naming
the override and the line: a curated fix is never applied to the wrong row.
"""

from __future__ import annotations

import csv
import logging
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rdflib import Graph

from kyotei.graph.identity.names import NameRules
from kyotei.graph.model.curated import CrosswalkRow, MentionRef, Override
from kyotei.graph.model.records import AgreementRecord, Basis, Repair

log = logging.getLogger(__name__)

KINDS = ("assign-unit", "set-country", "merge", "split")
_ROR = "https://ror.org/"
_WIKIDATA = "http://www.wikidata.org/entity/Q"


class CurationError(ValueError):
    """A curation file is malformed, or an override no longer matches its source line."""


@dataclass(slots=True)
class Curation:
    rules: NameRules = field(default_factory=NameRules)
    crosswalk: tuple[CrosswalkRow, ...] = ()
    overrides: tuple[Override, ...] = ()
    links: Graph | None = None
    applied: list[dict[str, Any]] = field(default_factory=list)

    @property
    def pins(self) -> tuple[Override, ...]:
        return tuple(o for o in self.overrides if o.kind in ("merge", "split"))


def load_curation(folder: Path, *, facts: bool = True) -> Curation:
    """Read the curation folder; with ``facts=False`` only the rule table (``--no-curation``)."""
    rules = NameRules.standard()
    if not facts:
        return Curation(rules=rules)
    crosswalk = folder / "crosswalk.csv"
    overrides = folder / "overrides.toml"
    links = sorted((folder / "links").glob("*.ttl")) if (folder / "links").is_dir() else []
    graph = None
    if links:
        graph = Graph()
        for path in links:
            graph.parse(path, format="turtle")
    return Curation(
        rules=rules,
        crosswalk=load_crosswalk(crosswalk) if crosswalk.exists() else (),
        overrides=load_overrides(overrides) if overrides.exists() else (),
        links=graph,
    )


def _cell(row: dict[str, str | None], name: str) -> str | None:
    value = (row.get(name) or "").strip()
    return value or None


def load_crosswalk(path: Path) -> tuple[CrosswalkRow, ...]:
    """Read ``crosswalk.csv`` (columns: name_ja, name_en, country, ror, wikidata, source, note)."""
    with path.open(encoding="utf-8", newline="") as handle:
        kept = [
            (number, line)
            for number, line in enumerate(handle, start=1)
            if line.strip() and not line.startswith("#")
        ]
    rows = []
    reader = csv.DictReader(line for _, line in kept)
    for index, row in enumerate(reader, start=1):
        number = kept[index][0] if index < len(kept) else index  # the file's own line number
        ror, wikidata, source = _cell(row, "ror"), _cell(row, "wikidata"), _cell(row, "source")
        where = f"{path.name}: line {number}"
        if not (_cell(row, "name_ja") or _cell(row, "name_en")):
            raise CurationError(f"{where}: a row needs name_ja or name_en")
        if not source:
            raise CurationError(f"{where}: every row must cite its source")
        if ror and not ror.startswith(_ROR):
            raise CurationError(f"{where}: ror must be a full ROR IRI ({_ROR}…), got {ror!r}")
        if wikidata and not wikidata.startswith(_WIKIDATA):
            raise CurationError(f"{where}: wikidata must be {_WIKIDATA}…, got {wikidata!r}")
        country = _cell(row, "country")
        rows.append(
            CrosswalkRow(
                number,
                _cell(row, "name_ja"),
                _cell(row, "name_en"),
                country.upper() if country else None,
                ror,
                wikidata,
                source,
                _cell(row, "note") or "",
            )
        )
    return tuple(rows)


def _places(entry: dict[str, Any], where: str) -> tuple[MentionRef, ...]:
    document, lines, expect = entry.get("document"), entry.get("lines"), entry.get("expect")
    if isinstance(lines, int):
        lines = [lines]
    if isinstance(expect, str):
        expect = [expect]
    if not isinstance(document, str) or not isinstance(lines, list) or not isinstance(expect, list):
        raise CurationError(f"{where}: needs document, lines and expect")
    if len(lines) != len(expect) or not lines:
        raise CurationError(f"{where}: lines and expect must have the same, non-zero length")
    return tuple(MentionRef(document, int(n), str(t)) for n, t in zip(lines, expect, strict=True))


def load_overrides(path: Path) -> tuple[Override, ...]:
    """Read ``overrides.toml`` (one ``[[override]]`` table each; see data/curation/README.md)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CurationError(f"{path}: not valid TOML: {exc}") from exc
    out: list[Override] = []
    for index, entry in enumerate(data.get("override", []), start=1):
        oid = str(entry.get("id") or f"#{index}")
        where = f"{path.name}: override {oid}"
        kind, reason = entry.get("kind"), entry.get("reason")
        if kind not in KINDS:
            raise CurationError(f"{where}: kind must be one of {', '.join(KINDS)}")
        if not reason:
            raise CurationError(f"{where}: every override needs a reason")
        other = entry.get("with")
        override = Override(
            oid,
            kind,
            _places(entry, where),
            " ".join(str(reason).split()),
            unit=entry.get("unit"),
            country=(entry.get("country") or "").upper() or None,
            other=_places(other, f"{where} (with)")[0] if isinstance(other, dict) else None,
            group=entry.get("as"),
        )
        missing = {
            "assign-unit": override.unit,
            "set-country": override.country,
            "merge": override.other,
            "split": override.group,
        }[kind]
        if not missing:
            field_name = {"assign-unit": "unit", "set-country": "country", "merge": "with"}
            raise CurationError(f"{where}: {kind} needs {field_name.get(kind, 'as')}")
        out.append(override)
    return tuple(out)


def _check(override: Override, place: MentionRef, records: Sequence[AgreementRecord]) -> None:
    if any(place.matches(r) for r in records):
        return
    lines = {
        r.source.line_text
        for r in records
        if r.document == place.document and r.source.line == place.line
    }
    found = f"the line reads {sorted(lines)[0]!r}" if lines else "no partner is read from that line"
    raise CurationError(
        f"override {override.id!r} ({override.kind}) no longer matches "
        f"{place.document}:{place.line}: it expects {place.expect!r} there, but {found}"
    )


def apply_overrides(
    records: Sequence[AgreementRecord], curation: Curation
) -> list[AgreementRecord]:
    """Apply assign-unit and set-country overrides; check every override still matches.

    An override naming a document that is not among ``records`` (not in this build) is
    inert: it is listed in ``curation.applied`` with ``inert`` and a note, never an error.
    """
    out = list(records)
    curation.applied.clear()
    built = {r.document for r in records}
    for override in curation.overrides:
        places = [*override.places, *([override.other] if override.other else [])]
        absent = sorted({p.document for p in places} - built)
        if absent:
            # Written for a document that is not in this build: inert, and said so.
            curation.applied.append({
                "id": override.id, "kind": override.kind, "records": 0,
                "reason": override.reason, "inert": True,
                "places": [{"document": p.document, "line": p.line, "expect": p.expect}
                           for p in places],
                "note": f"not applied: {', '.join(absent)} is not in this build",
            })
            continue
        for place in places:
            _check(override, place, out)
        changed = 0
        for i, record in enumerate(out):
            if not any(p.matches(record) for p in places):
                continue
            if override.kind in ("merge", "split"):
                changed += 1  # applied by the resolver to these records
                continue
            repair = Repair(
                f"curation.{override.kind}:{override.id}",
                override.reason,
                (record.source.line,),
                curated=True,
            )
            if override.kind == "assign-unit":
                out[i] = replace(
                    record, home_unit_ja=override.unit, repairs=(*record.repairs, repair)
                )
                changed += 1
            elif override.kind == "set-country":
                out[i] = replace(
                    record,
                    country=override.country,
                    country_basis=Basis.CURATED,
                    repairs=(*record.repairs, repair),
                )
                changed += 1
        curation.applied.append(
            {
                "id": override.id,
                "kind": override.kind,
                "places": [
                    {"document": p.document, "line": p.line, "expect": p.expect} for p in places
                ],
                "records": changed,
                "reason": override.reason,
            }
        )
    return out
