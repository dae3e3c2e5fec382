"""Joins between name clusters that share no key: one name in two scripts or languages, two
katakana spellings of one word, a name printed with or without 国立.

The key rules (:mod:`kyotei.graph.identity.names`) join names whose spelling folds to one
key. These rules join *clusters* of names that no key can join, and only with evidence of
the same kind as the OCR rule's: both names printed with one country (country evidence of
rank ``table`` or better, :mod:`kyotei.graph.identity.country`: not a country carried down a
damaged section).

* ``name.cross-script``: a Japanese name and a Latin-script name whose generic words are the
  same and whose proper names sound alike, or name one place in CLDR's place names
  (:mod:`kyotei.graph.identity.crossname`): ``ナイロビ大学`` / ``University of Nairobi``,
  ``香港大学`` / ``The University of Hong Kong``;
* ``name.cross-language``: two Latin-script names in two languages, likewise
  (``Universidad de Chile`` / ``University of Chile``);
* ``name.kana-orthography``: two katakana spellings the official rules for foreign words
  allow side by side (``ヴァイオリン`` / ``バイオリン``), from ``crossname.toml``;
* ``name.national-omitted``: a name printed with and without 国立 (``国立甲大学`` / ``甲大学``);
* ``name.country-qualifier``: a name whose qualifier is only the country it is printed with
  (``甲大学(中国)`` under China) and the same name without it: the qualifier tells it from a
  namesake abroad, which the country does already. A name with another qualifier in that
  country (``甲大学(乙市)``: a city, maybe a campus) is listed beside it as a candidate
  (``candidate.qualifier-dropped``), as is an English name printed with and without a
  bracketed qualifier in one country.

The last three are spellings of one name in one country, joined first
(:func:`spelling_joins`). The first two compare names by meaning and sound, and must be
unambiguous (:func:`cross_joins`, country by country): the two clusters may not both have a
Japanese name (two Japanese names are two institutions unless a key rule joins them), every
pair of their names printed with that country (or none) that can be compared across scripts
must agree, not only one, and in each group of clusters that such joins link, every cluster
must be joined to every other: ``Miami University`` and ``University of Miami`` both fit
``マイアミ大学`` but not each other, so none of the three is joined. A pair left apart this
way is a *candidate* (``candidate.cross-name``), never a merge.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kyotei.graph.identity.country import TABLE
from kyotei.graph.identity.crossname import (
    CrossName,
    compatible,
    cross_data,
    kana_fold,
    katakana_name,
    latin_name,
    match,
)
from kyotei.graph.identity.evidence import english_core
from kyotei.graph.identity.model import Decision, InstitutionRef, Place
from kyotei.graph.identity.names import STAGES, NameRules, en_key, parse_ja
from kyotei.graph.model.countries import lookup_country

if TYPE_CHECKING:
    from kyotei.graph.identity.resolve import Mention

__all__ = ["Join", "cross_joins", "join_decisions", "spelling_joins"]

CROSS_SCRIPT = "name.cross-script"
CROSS_LANGUAGE = "name.cross-language"
KANA = "name.kana-orthography"
NATIONAL = "name.national-omitted"
COUNTRY = "name.country-qualifier"
CANDIDATE = "candidate.cross-name"
QUALIFIER = "candidate.qualifier-dropped"
_SCRIPT = STAGES.index("script-variant")
_EN_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")


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
    # romanised before the kana-variant stage, which writes ッ as ツ and drops ー's length
    if m.ja is not None and (parsed := katakana_name(m.ja.keys[_SCRIPT])) is not None:
        forms.append(parsed)
    if m.en and (parsed := latin_name(english_core(m.en))) is not None:
        forms.append(parsed)
    return forms


def _without_national(key: str) -> str:
    national = cross_data().national
    if key.startswith(national):
        return key[len(national) :]
    return key.replace(f"{national}大学", "大学", 1)


def _country_free(m: Mention, rules: NameRules) -> str | None:
    """The key of a Japanese name whose last qualifier is its own country, without it."""
    if m.ja is None or not m.ja.qualifiers:
        return None
    if lookup_country(m.ja.qualifiers[-1][1:-1]) != m.evidence.country:
        return None
    return str(parse_ja(m.ja.core + "".join(m.ja.qualifiers[:-1]), rules).key)


def _named(key: str) -> bool:
    """A key that names something besides the university ending (not a garbled '国立大学')."""
    return bool(key.removesuffix("大学"))


def _key_joins(
    ms: Sequence[Mention], country: str, root: Callable[[Mention], str], rules: NameRules
) -> tuple[list[Join], list[Join]]:
    joins, undecided = [], []
    folded: dict[str, Mention] = {}
    keys: dict[str, Mention] = {}
    bases: dict[str, list[Mention]] = defaultdict(list)
    for m in ms:
        if m.ja is not None:
            keys.setdefault(m.ja.key, m)
            if m.ja.qualifiers:
                bases[m.ja.base_key].append(m)
    for key, m in sorted(keys.items()):
        printed = m.ja.printed if m.ja is not None else key
        spelled = kana_fold(printed)
        head = folded.setdefault(key if spelled == printed else parse_ja(spelled, rules).key, m)
        if root(head) != root(m):
            joins.append(Join(KANA, head, m, country))
        short = _without_national(key)
        other = keys.get(short)
        if short != key and _named(short) and other is not None and root(other) != root(m):
            joins.append(Join(NATIONAL, other, m, country))
        bare = _country_free(m, rules)
        if bare is None or not _named(bare):
            continue
        if (other := keys.get(bare)) is not None and root(other) != root(m):
            joins.append(Join(COUNTRY, other, m, country))
        undecided += [
            Join(QUALIFIER, m, o, country)
            for o in bases.get(bare, [])
            if root(o) != root(m) and _country_free(o, rules) is None
        ]
    return joins, undecided + _english_qualifiers(ms, country, root)


def _english_qualifiers(
    ms: Sequence[Mention], country: str, root: Callable[[Mention], str]
) -> list[Join]:
    """English names printed with and without a bracketed qualifier in one country."""
    plain = {en_key(m.en): m for m in ms if m.en and not _EN_QUALIFIER.search(m.en)}
    out = []
    for m in ms:
        if m.en and _EN_QUALIFIER.search(m.en):
            other = plain.get(en_key(_EN_QUALIFIER.sub("", m.en)))
            if other is not None and root(other) != root(m):
                out.append(Join(QUALIFIER, other, m, country))
    return out


def _cross_joins(ms: Sequence[Mention], country: str, root: Callable[[Mention], str]) -> list[Join]:
    seen: dict[tuple[str, CrossName], Mention] = {}
    for m in ms:
        for f in _forms(m):
            seen.setdefault((root(m), f), m)
    items = list(seen.items())
    joins = []
    for i, j in _match_candidates([form for (_, form), _ in items]):
        ((ra, fa), a), ((rb, fb), b) = items[i], items[j]
        if ra != rb and match(fa, fb):
            rule = CROSS_LANGUAGE if fa.latin and fb.latin else CROSS_SCRIPT
            joins.append(Join(rule, a, b, country))
    return joins


def _match_candidates(forms: Sequence[CrossName]) -> list[tuple[int, int]]:
    """The pairs ``(i, j)``, ``i < j``, of ``forms`` that :func:`match` may accept, in the
    order of all pairs: a superset, from what a match needs (one of them Latin; the same
    generic words as the other's script writes them; then the same words, a shared place,
    or sounds with one first letter within one edit), so that a country's names are not all
    compared with all (quadratic at a million agreements).

    Two sounds within one edit share a sound with at most one letter left out (both the
    same one, or the longer without its extra letter): each sound is filed under every
    such form of it, with its first letter, and only names filed together are compared
    (filing by first letter and length alone made blocks that grow with the list)."""
    keys: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i, f in enumerate(forms):
        block = ("K", cross_data().written.get(f.concepts, f.concepts) if f.latin else f.concepts)
        if f.latin:
            keys[("LW", f.concepts, f.before_head, f.words)].append(i)
        for place in f.places:
            keys[(*block, place)].append(i)
        near = {
            (sound[0], shorter)
            for sound in (f.skeleton, *f.alternates)
            if sound
            for shorter in _one_letter_less(sound)
        }
        for first, shorter in near:
            keys[(*block, "S", first, shorter)].append(i)
            if f.latin:
                keys[("LS", f.concepts, f.before_head, first, shorter)].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in keys.values():
        if len(members) < 2:
            continue
        for i in members:
            pairs.update(
                (min(i, j), max(i, j))
                for j in members
                if i != j and (forms[i].latin or forms[j].latin)
            )
    return sorted(pairs)


def _one_letter_less(sound: str) -> set[str]:
    """``sound`` and every ``sound`` with one letter left out."""
    return {sound, *(sound[:k] + sound[k + 1 :] for k in range(len(sound)))}


def _both_japanese(a: Sequence[Mention], b: Sequence[Mention]) -> bool:
    # a Japanese name keyed only with its English (printed for two institutions) names none
    return all(any(m.ja and (m.en_qualifier or any(k[:3] == "ja:" and "|" not in k for k in m.keys))
                   for m in ms) for ms in (a, b))  # fmt: skip


def _consistent(a: Sequence[Mention], b: Sequence[Mention]) -> bool:
    """Every comparable pair of the two clusters' names agrees."""
    fa = {f for m in a for f in _forms(m)}
    fb = {f for m in b for f in _forms(m)}
    return all(compatible(x, y) for x in fa for y in fb if x.latin or y.latin)


def _by_country(mentions: Sequence[Mention]) -> dict[str, list[Mention]]:
    by_country: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if _eligible(m) and m.evidence.country:
            by_country[m.evidence.country].append(m)
    return dict(sorted(by_country.items()))


def _pair(join: Join, root: Callable[[Mention], str]) -> tuple[str, str]:
    ends = sorted((root(join.first), root(join.other)))
    return (ends[0], ends[1])


def spelling_joins(
    mentions: Sequence[Mention], root: Callable[[Mention], str], rules: NameRules
) -> tuple[list[Join], list[Join]]:
    """Joins of two spellings of one name in one country (kana orthography, 国立, a country
    qualifier), and the qualifier candidates; made before :func:`cross_joins`."""
    joins: dict[tuple[str, str], Join] = {}
    undecided: dict[tuple[str, str], Join] = {}
    for country, ms in _by_country(mentions).items():
        keyed, loose = _key_joins(ms, country, root, rules)
        for join in keyed:
            joins.setdefault(_pair(join, root), join)
        for join in loose:
            undecided.setdefault(_pair(join, root), join)
    return sorted(joins.values(), key=_order), sorted(undecided.values(), key=_order)


def cross_joins(
    mentions: Sequence[Mention], root: Callable[[Mention], str]
) -> tuple[list[Join], list[Join]]:
    """Joins across scripts and languages: only unambiguous ones, the rest as candidates.

    Each country is decided on its own (a cluster may hold namesakes of two countries, which
    the country partition keeps apart afterwards): the names compared are those printed with
    that country or with none.
    """
    members: dict[tuple[str, str | None], list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.keys:
            members[(root(m), m.evidence.country)].append(m)
    merges: dict[tuple[str, str], Join] = {}
    candidates: dict[tuple[str, str], Join] = {}
    for country, ms in _by_country(mentions).items():
        found: dict[tuple[str, str], Join] = {}
        for join in _cross_joins(ms, country, root):
            pair = _pair(join, root)
            a, b = ([*members[(r, country)], *members[(r, None)]] for r in pair)
            if pair in found or _both_japanese(a, b):
                # two Japanese names are two institutions unless a key rule joins them (their
                # near spellings are the key rules' candidates, not listed again here)
                continue
            if _consistent(a, b):
                found[pair] = join
            else:
                candidates.setdefault(pair, join)
        for nodes in _components(found):
            pairs = [p for p in itertools.combinations(nodes, 2) if p in found]
            clique = len(pairs) == len(nodes) * (len(nodes) - 1) // 2
            for pair in pairs:
                (merges if clique else candidates).setdefault(pair, found[pair])
    undecided = [join for pair, join in candidates.items() if pair not in merges]
    return sorted(merges.values(), key=_order), sorted(undecided, key=_order)


def _components(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The connected components of a few edges, each sorted (a union-find: importing
    networkx for this one call cost a build's start-up ~0.15 s)."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]  # halve the path
            node = parent[node]
        return node

    for a, b in edges:
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for node in parent:
        groups[find(node)].append(node)
    return [sorted(group) for group in groups.values()]


def _order(join: Join) -> tuple[str, Place, Place]:
    return (join.rule, join.first.place, join.other.place)


_WHY = {
    CROSS_SCRIPT: "a katakana name and a Latin-script name with the same generic words ({generic}) "
    "and proper names that sound alike",
    CROSS_LANGUAGE: "two Latin-script names with the same generic words ({generic}) and the same "
    "or like-sounding proper names",
    KANA: "two katakana spellings that the rules for writing foreign words allow side by side "
    "(crossname.toml kana_fold: {source})",
    NATIONAL: "one name printed with and without 国立 ('national')",
    COUNTRY: "one name printed with and without a qualifier that names its own country",
    QUALIFIER: "one name is the other with a qualifier: it may have been omitted, or it may "
    "tell two institutions apart (a city, a campus)",
}


def join_decisions(
    joins: Sequence[Join], refs: Callable[[Mention], InstitutionRef], *, merged: bool
) -> list[Decision]:
    """The explained decisions of the joins made (``merged``) or left as candidates."""
    out = []
    for join in joins:
        if not merged and refs(join.first) == refs(join.other):
            continue  # joined by other rules after all
        forms = _forms(join.first) + _forms(join.other)
        generic = ", ".join(sorted({c for f in forms for c, _ in f.concepts}))
        why = _WHY[join.rule].format(generic=generic, source=cross_data().sources["kana_fold"])
        if join.rule in (CROSS_SCRIPT, CROSS_LANGUAGE):
            places = frozenset.intersection(*(f.places for f in forms)) if forms else None
            if places:
                why += f" (one place in CLDR's names: {', '.join(sorted(places))})"
            else:
                why += f" (consonant skeletons {' / '.join(f.skeleton for f in forms)})"
        if merged:
            tail = ", and no other name of that country fits either"
        elif join.rule == QUALIFIER:
            tail = ": left apart for curation"
        else:
            tail = (
                "; not joined: another name of that country fits too, or another pair of "
                "their names disagrees"
            )
        evidence = f"{why}, both printed with the country {join.country}{tail}"
        out.append(
            Decision(
                "merge" if merged else "candidate",
                join.rule if merged or join.rule == QUALIFIER else CANDIDATE,
                join.names,
                evidence,
                tuple(sorted({join.first.place, join.other.place})),
                tuple(sorted({refs(join.first), refs(join.other)})),
            )
        )
    return out
