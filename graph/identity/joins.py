"""Joins between name clusters that share no key: one name in two scripts or languages, two
katakana spellings of one word, a name printed with or without 国立.

The key rules (:mod:`kyotei.graph.identity.names`) join names whose spelling folds to one
key. These rules join *clusters* of names that no key can join, and only with evidence of
the same kind as the OCR rule's: both names printed with one country (in a layout that reads
it from the row or its heading, not carried from a damaged cell).

* ``name.cross-script``: a katakana name and a Latin-script name whose generic words are the
  same and whose proper names sound alike (:mod:`kyotei.graph.identity.crossname`):
  ``ナイロビ大学`` / ``University of Nairobi``;
* ``name.cross-language``: two Latin-script names in two languages, likewise
  (``Universidad de Chile`` / ``University of Chile``);
* ``name.kana-orthography``: two katakana spellings the official rules for foreign words
  allow side by side (``ルーヴェン`` / ``ルーベン``), from ``crossname.toml``;
* ``name.national-omitted``: a name printed with and without 国立 (``国立甲大学`` / ``甲大学``).

A join must be unambiguous. For the first two rules the two clusters may not both have a
Japanese name (two Japanese names are two institutions unless a key rule joins them), and
every pair of their names that can be compared across scripts must agree, not only one.
Then, in each group of clusters that joins link, every cluster must be joined to every
other: ``Miami University`` and ``University of Miami`` both fit ``マイアミ大学`` but not
each other, so none of the three is joined. A pair left apart this way is a *candidate*
(``candidate.cross-name``), never a merge.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

from kyotei.graph.identity.country import TABLE
from kyotei.graph.identity.crossname import (
    CrossName,
    cross_data,
    kana_fold,
    katakana_name,
    latin_name,
    match,
)
from kyotei.graph.identity.model import Decision, InstitutionRef
from kyotei.graph.identity.names import NameRules, parse_ja

if TYPE_CHECKING:
    from kyotei.graph.identity.resolve import Mention

__all__ = ["Join", "find_joins", "join_decisions"]

CROSS_SCRIPT = "name.cross-script"
CROSS_LANGUAGE = "name.cross-language"
KANA = "name.kana-orthography"
NATIONAL = "name.national-omitted"
CANDIDATE = "candidate.cross-name"


@dataclass(frozen=True, slots=True)
class Join:
    """Two mentions of two clusters that a rule joins (or, as a candidate, would join)."""

    rule: str
    first: Mention
    other: Mention
    country: str

    @property
    def names(self) -> tuple[str, str]:
        return (_name(self.first), _name(self.other))


def _name(m: Mention) -> str:
    return (m.ja.printed if m.ja else m.en) or ""


def _eligible(m: Mention) -> bool:
    return (
        m.kind == "record"
        and m.evidence.country is not None
        and m.evidence.rank >= TABLE
        and not m.en_qualifier
        and bool(m.keys)
        and not m.keys[0].startswith("split:")
    )


def _forms(m: Mention) -> list[CrossName]:
    forms = []
    if m.ja is not None and (parsed := katakana_name(m.ja.key)) is not None:
        forms.append(parsed)
    if m.en and (parsed := latin_name(m.en)) is not None:
        forms.append(parsed)
    return forms


def _without_national(key: str) -> str:
    national = cross_data().national
    if key.startswith(national):
        return key[len(national) :]
    return key.replace(f"{national}大学", "大学", 1)


def _key_joins(
    ms: Sequence[Mention], country: str, root: Callable[[Mention], str], rules: NameRules
) -> list[Join]:
    joins = []
    folded: dict[str, Mention] = {}
    keys: dict[str, Mention] = {}
    for m in ms:
        if m.ja is not None:
            keys.setdefault(m.ja.key, m)
    for key, m in sorted(keys.items()):
        printed = m.ja.printed if m.ja is not None else key
        head = folded.setdefault(parse_ja(kana_fold(printed), rules).key, m)
        if root(head) != root(m):
            joins.append(Join(KANA, head, m, country))
        short = _without_national(key)
        other = keys.get(short)
        if short != key and other is not None and root(other) != root(m):
            joins.append(Join(NATIONAL, other, m, country))
    return joins


def _cross_joins(
    ms: Sequence[Mention], country: str, root: Callable[[Mention], str]
) -> list[Join]:
    forms = [(m, f) for m in ms for f in _forms(m)]
    joins = []
    for (a, fa), (b, fb) in itertools.combinations(forms, 2):
        if root(a) != root(b) and match(fa, fb):
            rule = CROSS_LANGUAGE if fa.latin and fb.latin else CROSS_SCRIPT
            joins.append(Join(rule, a, b, country))
    return joins


def _both_japanese(a: Sequence[Mention], b: Sequence[Mention]) -> bool:
    return any(m.ja for m in a) and any(m.ja for m in b)


def _consistent(a: Sequence[Mention], b: Sequence[Mention]) -> bool:
    """Every comparable pair of the two clusters' names agrees."""
    fa = {f for m in a for f in _forms(m)}
    fb = {f for m in b for f in _forms(m)}
    return all(match(x, y) for x in fa for y in fb if x.latin or y.latin)


def find_joins(
    mentions: Sequence[Mention], root: Callable[[Mention], str], rules: NameRules
) -> tuple[list[Join], list[Join]]:
    """The joins to make and the candidates, given each mention's cluster (``root``)."""
    members: dict[str, list[Mention]] = defaultdict(list)
    by_country: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.keys:
            members[root(m)].append(m)
        if _eligible(m) and m.evidence.country:
            by_country[m.evidence.country].append(m)
    found: dict[tuple[str, str], Join] = {}
    refused: dict[tuple[str, str], Join] = {}
    for country, ms in sorted(by_country.items()):
        for join in _key_joins(ms, country, root, rules) + _cross_joins(ms, country, root):
            ends = sorted((root(join.first), root(join.other)))
            pair = (ends[0], ends[1])
            if pair in found:
                continue
            a, b = members[pair[0]], members[pair[1]]
            if join.rule in (KANA, NATIONAL):
                found[pair] = join
            elif _both_japanese(a, b):
                # two Japanese names are two institutions unless a key rule joins them (their
                # near spellings are the key rules' candidates, not listed again here)
                continue
            elif _consistent(a, b):
                found[pair] = join
            elif pair not in refused:
                refused[pair] = join
    graph: nx.Graph[str] = nx.Graph()
    graph.add_edges_from(found)
    merges: list[Join] = []
    candidates = [join for pair, join in refused.items() if pair not in found]
    for component in nx.connected_components(graph):
        nodes = sorted(component)
        edges = [found[(a, b)] for a, b in itertools.combinations(nodes, 2) if (a, b) in found]
        if len(edges) == len(nodes) * (len(nodes) - 1) // 2:
            merges.extend(edges)
        else:
            candidates.extend(edges)
    order = lambda j: (j.rule, j.first.place, j.other.place)  # noqa: E731
    return sorted(merges, key=order), sorted(candidates, key=order)


_WHY = {
    CROSS_SCRIPT: "a katakana name and a Latin-script name with the same generic words ({generic}) "
    "and proper names that sound alike",
    CROSS_LANGUAGE: "two Latin-script names with the same generic words ({generic}) and the same "
    "or like-sounding proper names",
    KANA: "two katakana spellings that the rules for writing foreign words allow side by side "
    "(crossname.toml kana_fold: {source})",
    NATIONAL: "one name printed with and without 国立 ('national')",
}


def join_decisions(
    joins: Sequence[Join], refs: Callable[[Mention], InstitutionRef], *, merged: bool
) -> list[Decision]:
    """The explained decisions of the joins made (``merged``) or left as candidates."""
    out = []
    for join in joins:
        generic = ", ".join(
            sorted({c for f in _forms(join.first) + _forms(join.other) for c, _ in f.concepts})
        )
        why = _WHY[join.rule].format(generic=generic, source=cross_data().sources["kana_fold"])
        evidence = f"{why}, both printed with the country {join.country}" + (
            ", and no other name of that country fits either"
            if merged
            else "; not joined: another name of that country fits too, or another pair of "
            "their names disagrees"
        )
        out.append(
            Decision(
                "merge" if merged else "candidate",
                join.rule if merged else CANDIDATE,
                join.names,
                evidence,
                tuple(sorted({join.first.place, join.other.place})),
                tuple(sorted({refs(join.first), refs(join.other)})),
            )
        )
    return out
