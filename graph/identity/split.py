"""The faculty split at identity level: a name that is a known institution plus a unit.

The loaders split a partner into institution and unit by how Japanese names are written
(an institution ending such as 大学). Names of academies, research centres and their
branches have no such ending: ``…アカデミー・触媒表面化学研究所`` or ``…センター材料研究部``
reach the graph whole. Identity resolution knows more: the names every document prints as
whole institutions. Rule ``identity.known-institution-prefix``: a name whose beginning is,
by its identity key, the name of an institution printed elsewhere, and whose rest (after
an optional ``・`` or space) reads as a unit (it ends in a unit word: 部, 研究所, 研究科, 学院,
センター, 学科, 学系, 分院, 研究院, 課程), is that institution and that unit. A rest that
ends in 校 is a campus, which is an institution of its own, and is never split off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from kyotei.graph.identity.model import Decision, Place
from kyotei.graph.identity.names import NameRules, parse_ja
from kyotei.graph.model.records import AgreementRecord, PartyName, Repair

RULE = "identity.known-institution-prefix"
_UNIT_END = re.compile(r"(?:部|研究所|研究科|学院|センター|学科|学系|分院|研究院|課程)$")
_SEPARATORS = " ・\u3000"


def _known_keys(
    records: Sequence[AgreementRecord], homes: Sequence[str], rules: NameRules
) -> dict[str, str]:
    known: dict[str, str] = {}
    names = [r.partner.institution_ja for r in records if r.partner.institution_ja] + list(homes)
    for name in dict.fromkeys(names):  # each name once (the first spelling of a key kept)
        if name:
            known.setdefault(parse_ja(name, rules).key, name)
    return known


def _split(name: str, known: dict[str, str], rules: NameRules) -> tuple[str, str] | None:
    own = parse_ja(name, rules).key
    best: tuple[str, str] | None = None
    for end in range(2, len(name) - 1):
        head, rest = name[:end].rstrip(_SEPARATORS), name[end:].lstrip(_SEPARATORS)
        if not head or len(rest) < 2 or rest.endswith("校") or not _UNIT_END.search(rest):
            continue
        key = parse_ja(head, rules).key
        if key != own and key in known:
            best = (head, rest)  # keep the longest known head
    return best


def split_known_prefixes(
    records: Sequence[AgreementRecord], homes: Sequence[str], rules: NameRules
) -> tuple[list[AgreementRecord], list[Decision]]:
    """Apply rule ``identity.known-institution-prefix`` to every record (see module doc)."""
    known = _known_keys(records, homes, rules)
    out: list[AgreementRecord] = []
    decisions: dict[tuple[str, str, str], list[Place]] = {}
    splits: dict[str, tuple[str, str] | None] = {}  # each name read once
    for record in records:
        name = record.partner.institution_ja
        if name and name not in splits:
            splits[name] = _split(name, known, rules)
        found = splits[name] if name else None
        if name is None or found is None:
            out.append(record)
            continue
        head, rest = found
        partner = record.partner
        unit = f"{rest} {partner.unit_ja}" if partner.unit_ja else rest
        description = (
            f"'{name}' read as the institution '{head}' (printed as a whole institution "
            f"elsewhere: '{known[parse_ja(head, rules).key]}') and its unit '{rest}'"
        )
        record = replace(
            record,
            partner=PartyName(head, partner.institution_en, unit, partner.unit_en),
            repairs=(*record.repairs, Repair(RULE, description, (record.source.line,))),
        )
        out.append(record)
        place = Place(record.document, record.source.line, record.source.text)
        decisions.setdefault((name, head, rest), []).append(place)
    return out, [
        Decision(
            "split",
            RULE,
            (name, head, rest),
            f"'{name}' = institution '{head}' + unit '{rest}': the head is printed elsewhere "
            "as a whole institution and the rest ends in a unit word",
            tuple(places),
        )
        for (name, head, rest), places in sorted(decisions.items())
    ]
