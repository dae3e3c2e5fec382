"""Explaining identity decisions: which rules joined two printed names, and which pairs the
rules cannot decide (candidates for curation).

Merge rules (``Decision.rule``; several are joined with ``+``):

* the name stages of :mod:`kyotei.graph.identity.names`: ``name.typography``,
  ``name.script-variant``, ``name.kana-variant``, ``name.abbreviation``;
* ``name.ocr``: two printed names that differ only by OCR slips (ー エ ロ カ for 一 工 口 力,
  :attr:`~kyotei.graph.identity.names.JaName.slip_key`), joined because both are printed
  with the same country — the evidence that they are one name, not two;
* ``language.pair``: two names joined because one mention prints them together (a
  Japanese and an English name on one row of the bilingual list), or an English-only
  mention whose English name is printed elsewhere next to a Japanese one;
* ``country.joined``: mentions printed without a country (or with one only carried from a
  merged cell) joined the one institution of that name that has a country;
* ``curation.crosswalk`` and ``curation.merge``: curated facts, marked curated;
* ``name.cross-script``, ``name.cross-language``, ``name.kana-orthography``,
  ``name.national-omitted``, ``name.country-qualifier``: joins of clusters no key joins,
  made and explained by :mod:`kyotei.graph.identity.joins`.

Candidate rules (never merged):

* ``candidate.qualifier-dropped``: one name is the other plus a qualifier (``東北大学`` and
  ``甲大学 (乙市)``; ``甲大学`` and ``甲大学 "The School of …"``): the qualifier may
  only have been omitted, or it may distinguish two institutions;
* ``candidate.near-duplicate``: two names in one country whose keys differ by one character
  (a misprint, or two institutions);
* ``candidate.ocr-slip``: two names that differ only by OCR slips but are not printed with
  one country (one has none, or they differ): a misreading, or two institutions;
* ``candidate.cross-name`` (and ``candidate.qualifier-dropped`` for a city qualifier or an
  English one): from :mod:`kyotei.graph.identity.joins`, a cross-script pair that another
  name of the country fits too, or whose other names disagree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from kyotei.graph.identity.country import DAMAGED
from kyotei.graph.identity.model import Decision, InstitutionInfo, InstitutionRef, Place
from kyotei.graph.identity.names import NameRules
from kyotei.graph.model.text import OCR_SLIPS

if TYPE_CHECKING:
    from kyotei.graph.identity.resolve import Mention

_MAX_PLACES = 8
_SLIPS = ", ".join(f"{kana} for {kanji}" for kana, kanji in OCR_SLIPS)


def _slip_slot(m: Mention) -> tuple[str, str] | None:
    """(country, slip key) of a mention that may join another on an OCR slip."""
    if m.ja is None or m.kind == "crosswalk" or not m.keys or m.keys[0].startswith("split:"):
        return None
    country = m.evidence.country
    return (country, m.ja.slip_key) if country and m.ja.slip_key else None


def ocr_slip_pairs(mentions: Sequence[Mention]) -> list[tuple[Mention, Mention]]:
    """Mentions to join on an OCR slip: same slip key and the same country, other keys.

    Both spellings are printed, each with that country: the evidence that one is the
    other misread. Mentions with no country, or with two, are left to :func:`candidates`.
    """
    first: dict[tuple[str, str], Mention] = {}
    pairs = []
    for m in mentions:
        slot = _slip_slot(m)
        if slot is None:
            continue
        head = first.setdefault(slot, m)
        if head is not m and head.ja is not None and m.ja is not None and head.ja.key != m.ja.key:
            pairs.append((head, m))
    return pairs


def _label(m: Mention) -> str:
    return (m.ja.core + "".join(m.ja.qualifiers)) if m.ja else (m.en or "")


def preferred_form(members: Sequence[Mention]) -> Mention:
    """The reference spelling: printed most often, not abbreviated, shorter, smaller."""
    counts: dict[str, int] = defaultdict(int)
    for m in members:
        counts[_label(m)] += 1
    with_ja = [m for m in members if m.ja is not None and m.kind != "crosswalk"] or list(members)
    return min(
        with_ja,
        key=lambda m: (
            m.kind != "home",
            bool(m.ja and m.ja.abbreviated),
            -counts[_label(m)],
            len(_label(m)),
            _label(m),
        ),
    )


def _places(members: Sequence[Mention]) -> tuple[Place, ...]:
    return tuple(sorted({m.place for m in members})[:_MAX_PLACES])


def explain_group(
    ref: InstitutionRef,
    members: Sequence[Mention],
    rules: NameRules,
    by_rule: frozenset[int] = frozenset(),
) -> list[Decision]:
    """The merges that made one institution of these mentions, each with rule and evidence.

    ``by_rule``: mentions that a rule of :mod:`kyotei.graph.identity.joins` joined (that rule's
    decision explains them, unless a name printed in both languages links them too).
    """
    reference = preferred_form(members)
    decisions: list[Decision] = []
    by_form: dict[str, list[Mention]] = defaultdict(list)
    for m in members:
        if m.kind != "crosswalk":
            by_form[_label(m)].append(m)
    ref_label = _label(reference)
    bridged: set[int] = set()
    for form, ms in sorted(by_form.items()):
        if form == ref_label:
            continue
        first = ms[0]
        curated = False
        if first.ja is not None and reference.ja is not None and first.ja.key == reference.ja.key:
            rule = "+".join(f"name.{r}" for r in reference.ja.rules_to(first.ja, rules))
            evidence = f"'{form}' and '{ref_label}' have the same identity key ({first.ja.key})"
        elif (
            first.ja is not None
            and reference.ja is not None
            and first.ja.slip_key == reference.ja.slip_key
        ):
            rule = "name.ocr"
            evidence = (
                f"'{form}' and '{ref_label}' differ only by OCR slips ({_SLIPS}) and both "
                f"are printed with the country {ref.country}"
            )
        else:
            bridge = _bridge(ms, members)
            if bridge is None or (bridge in ms and all(m.index in by_rule for m in ms)):
                continue  # joined by a curated merge override or a join rule: explained there
            curated = bridge.kind == "crosswalk"
            rule = "curation.crosswalk" if curated else "language.pair"
            bridged.add(bridge.index)
            evidence = (
                f"'{form}' and '{ref_label}' are linked by a name printed in both languages: "
                f"{bridge.place.document}:{bridge.place.line} gives "
                f"'{bridge.ja.printed if bridge.ja else ''}' with '{bridge.en or ''}'"
                + (f" ({bridge.place.text})" if curated else "")
            )
        decisions.append(
            Decision(
                "merge",
                rule,
                (ref_label, form),
                evidence,
                _places([*ms, reference]),
                (ref,),
                curated=curated,
            )
        )
    joined = [
        m
        for m in members
        if m.kind == "record"
        and m.evidence.rank <= DAMAGED
        and (m.evidence.country is None or m.evidence.country == ref.country)
    ]
    anchored = any(m.evidence.rank > DAMAGED and m.evidence.country == ref.country for m in members)
    if joined and ref.country and anchored:
        decisions.append(
            Decision(
                "merge",
                "country.joined",
                (ref_label,),
                f"printed without a country, or with one only carried from a merged cell, at "
                f"{len(joined)} place(s): they join the one institution of this name, "
                f"country {ref.country}",
                _places(joined),
                (ref,),
            )
        )
    for m in members:
        if m.kind == "crosswalk" and m.crosswalk is not None and m.index not in bridged:
            decisions.append(
                Decision(
                    "merge",
                    "curation.crosswalk",
                    (ref_label, m.crosswalk.name_ja or "", m.crosswalk.name_en or ""),
                    f"curated crosswalk line {m.crosswalk.row} names this institution: "
                    f"{m.crosswalk.source}",
                    (m.place,),
                    (ref,),
                    curated=True,
                )
            )
    return decisions


def _bridge(ms: Sequence[Mention], members: Sequence[Mention]) -> Mention | None:
    """A mention printing a Japanese and an English name that links ``ms`` to the rest."""
    own = {k for m in ms for k in m.keys}
    bridges = sorted(
        (m for m in members if m not in ms and m.ja and m.en and own & set(m.keys)),
        key=lambda m: (m.kind == "crosswalk", m.place),
    )
    if bridges:
        return bridges[0]
    # the name itself is printed with an English name that another mention shares
    for m in ms:
        if m.ja and m.en:
            return m
    return None


def _is_kana(text: str) -> bool:
    return bool(text) and all("\u30a0" <= ch <= "\u30ff" for ch in text)


def _one_kana_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one katakana inserted, dropped or replaced.

    Transliterations of one foreign name differ this way (コーケン / コーンケーン); two
    kanji names one character apart (中山 / 中正) are usually two institutions, not a slip.
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    same = len(a) == len(b)
    if a[i + same :] != b[i + 1 :]:
        return False
    return _is_kana(b[i]) and (not same or _is_kana(a[i]))


def _one_edit_pairs(keys: Sequence[str]) -> list[tuple[int, int]]:
    """The pairs ``(i, j)``, ``i < j``, of ``keys`` that may be one edit apart, in the order
    of all pairs: two such keys share a form with one character dropped (or one is the
    other's), so only keys that share one are compared (not all pairs of a country's)."""
    by_form: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        for form in {key, *(key[:n] + key[n + 1 :] for n in range(len(key)))}:
            by_form[form].append(i)
    pairs = {(a, b) for group in by_form.values() for a in group for b in group if a < b}
    return sorted(pairs)


def candidates(
    infos: Mapping[InstitutionRef, InstitutionInfo],
    mentions: Sequence[Mention],
    refs: Mapping[int, InstitutionRef],
) -> list[Decision]:
    """Pairs the rules cannot decide: listed for curation, never merged."""
    keys: dict[InstitutionRef, set[str]] = defaultdict(set)
    bases: dict[InstitutionRef, set[str]] = defaultdict(set)
    places: dict[InstitutionRef, list[Place]] = defaultdict(list)
    for m in mentions:
        ref = refs.get(m.index)
        if ref is None or m.ja is None or m.kind == "crosswalk":
            continue
        places[ref].append(m.place)
        if m.en_qualifier or m.ja.qualifiers:
            bases[ref].add(m.ja.base_key if m.ja.qualifiers else m.ja.key)
        else:
            keys[ref].add(m.ja.key)
    out: list[Decision] = []
    index: dict[str, list[InstitutionRef]] = defaultdict(list)
    for ref, ks in keys.items():
        for k in ks:
            index[k].append(ref)
    for ref, bs in sorted(bases.items()):
        for base in sorted(bs):
            for other in index.get(base, []):
                if other != ref and (
                    other.country == ref.country or None in (other.country, ref.country)
                ):
                    out.append(
                        _candidate(
                            "candidate.qualifier-dropped",
                            ref,
                            other,
                            infos,
                            places,
                            "one name is the other with a qualifier: it may have "
                            "been omitted, or it may tell two institutions apart",
                        )
                    )
    by_country: dict[str | None, list[tuple[str, InstitutionRef]]] = defaultdict(list)
    for ref, ks in keys.items():
        for k in ks:
            by_country[ref.country].append((k, ref))
    for group in by_country.values():
        group.sort()
        for i, j in _one_edit_pairs([k for k, _ in group]):
            (ka, ra), (kb, rb) = group[i], group[j]
            if ra != rb and min(len(ka), len(kb)) >= 5 and _one_kana_edit(ka, kb):
                out.append(
                    _candidate(
                        "candidate.near-duplicate",
                        ra,
                        rb,
                        infos,
                        places,
                        f"the keys {ka} and {kb} differ by one katakana: a "
                        "misprint of one name, or two institutions",
                    )
                )
    out.extend(_slip_candidates(infos, mentions, refs, places))
    return out


def _slip_candidates(
    infos: Mapping[InstitutionRef, InstitutionInfo],
    mentions: Sequence[Mention],
    refs: Mapping[int, InstitutionRef],
    places: Mapping[InstitutionRef, list[Place]],
) -> list[Decision]:
    """Institutions whose names differ only by OCR slips, left apart: listed for review."""
    by_slip: dict[str, dict[InstitutionRef, str]] = defaultdict(dict)
    for m in mentions:
        ref = refs.get(m.index)
        if ref is not None and m.ja is not None and m.kind != "crosswalk" and m.ja.slip_key:
            by_slip[m.ja.slip_key].setdefault(ref, m.ja.key)
    out = []
    for owners in by_slip.values():
        ordered = sorted(owners.items())
        for i, (ra, ka) in enumerate(ordered):
            for rb, kb in ordered[i + 1 :]:
                if ka != kb:
                    out.append(
                        _candidate(
                            "candidate.ocr-slip",
                            ra,
                            rb,
                            infos,
                            places,
                            f"the names differ only by OCR slips ({_SLIPS}) but are not "
                            "printed with one country: a misreading, or two institutions",
                        )
                    )
    return out


def _candidate(
    rule: str,
    a: InstitutionRef,
    b: InstitutionRef,
    infos: Mapping[InstitutionRef, InstitutionInfo],
    places: Mapping[InstitutionRef, list[Place]],
    why: str,
) -> Decision:
    names = tuple(
        sorted(infos[r].names_ja, key=lambda n: (-infos[r].names_ja[n], n))[0]
        if infos[r].names_ja
        else r.key
        for r in (a, b)
    )
    where = tuple(sorted(set(places[a][:4]) | set(places[b][:4])))
    return Decision("candidate", rule, names, why, where, (a, b))
