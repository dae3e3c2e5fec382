"""Layout and language rules for a partner printed in Japanese and in English.

Rules about how names are written, never lists of names.

Splitting one cell into its two languages (:func:`split_two_languages`): the Japanese part
ends at the last kana or kanji (``・``, punctuation, brackets and digits do not count),
together with closing brackets right after it; the rest is English.

Institution and unit (:func:`split_partner`):

* **English.** The text is cut at its first ", " into *head* and *tail*:
  1. the tail begins with a unit word (Faculty, School, College, Graduate, Department,
     Institute, Center, Laboratory, …) → institution = head, unit = tail;
  2. the head begins with a unit word → unit-first form, unit = head, institution = tail;
  3. the head contains a unit word and the tail names an institution (University, …) →
     unit-first ("Nano and Energy Center, X National University, City");
  4. the head names an institution and the tail contains a unit word → institution first
     ("Universiti X, Y International Institute of Technology");
  5. both name institutions → unit-first, the parent last ("University of Science,
     X National University, City");
  otherwise the whole text is the institution (and a note says so).
  Without a comma, and only when the Japanese names a unit, a unit word that follows an
  institution word starts the unit ("X University School of …").
* **Japanese.** A space (after an optional comma) separates institution from unit. Where
  there is no space but the English names a unit: a trailing bracket is the unit
  ("X大学(大学院)"), else the text is cut after the first 大学/大学校 not followed by 院.
  Otherwise the whole text is the institution.

Each side is normalised with :func:`kyotei.loaders.normalize.normalize_label`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kyotei.graph.model.records import PartyName, Severity
from kyotei.loaders.normalize import normalize_label

__all__ = ["Note", "split_partner", "split_two_languages"]

_UNIT_WORDS = (
    r"(?:Faculty|Faculties|School|College|Graduate|Department|Dept\.|Institute|Instituto"
    r"|Center|Centre|Laboratory|Laboratories|Division)\b"
)
_UNIT_START = re.compile(rf"^(?:The\s+)?{_UNIT_WORDS}")
_UNIT_ANYWHERE = re.compile(rf"\b{_UNIT_WORDS}")
_INSTITUTION = re.compile(
    r"\b(?:University|Universiti|Universitas|Universidade|Universidad|Università|Université"
    r"|Universiteit|Universität|Politecnico|Polytechnic|Academy|Consortium)\b"
    r"|\bInstitute of Technology\b|\bInstitut Teknologi\b"
)
_NO_COMMA_UNIT = re.compile(
    r"^(?P<institution>.*?(?:"
    + _INSTITUTION.pattern
    + r")[^,]*?)\s+(?P<unit>(?:Faculty|School|College|Graduate School|Department|Institute"
    r"|Center|Centre)\b.*)$"
)
_JA_SPACE = re.compile(r"^(?P<institution>\S+?)[,、]?\s+(?P<unit>.+)$")
_JA_BRACKET = re.compile(r"^(?P<institution>.+?)\((?P<unit>[^()]+)\)$")
_JA_UNIVERSITY = re.compile(r"^(?P<institution>.+?大学校?)(?!院)(?P<unit>.+)$")
_CLOSING = ")）」』]】"


@dataclass(frozen=True, slots=True)
class Note:
    """Something the split could not do cleanly, for the loader to report."""

    code: str
    severity: Severity
    message: str


def _is_japanese(char: str) -> bool:
    if char == "・" or char in _CLOSING:
        return False
    name = unicodedata.name(char, "")
    return name.startswith(("HIRAGANA", "KATAKANA", "CJK UNIFIED", "HALFWIDTH KATAKANA")) or (
        char in "々〆ヶー"
    )


def split_two_languages(text: str) -> tuple[str, str]:
    """(Japanese, English) parts of a cell printed in both languages.

    >>> split_two_languages("ナントカ大学(大学院) Nantoka University, Graduate School")
    ('ナントカ大学(大学院)', 'Nantoka University, Graduate School')
    >>> split_two_languages("アジア Asia")
    ('アジア', 'Asia')
    """
    last = max((i for i, char in enumerate(text) if _is_japanese(char)), default=-1)
    end = last + 1
    while end < len(text) and text[end] in _CLOSING:
        end += 1
    return text[:end].strip(), text[end:].strip()


def _split_english(text: str, ja_has_unit: bool) -> tuple[str, str | None, list[Note]]:
    head, comma, tail = text.partition(", ")
    if not comma:
        match = _NO_COMMA_UNIT.match(text) if ja_has_unit else None
        if match is None:
            return text, None, []
        note = Note("bilingual.en-split-without-comma", Severity.INFO,
                    f"English unit read without a comma: {match['unit']!r}")
        return match["institution"], match["unit"], [note]
    head_institution = bool(_INSTITUTION.search(head))
    tail_institution = bool(_INSTITUTION.search(tail))
    if _UNIT_START.match(tail):
        return head, tail, []
    if _UNIT_START.match(head) or (_UNIT_ANYWHERE.search(head) and tail_institution):
        return tail, head, []
    if head_institution and _UNIT_ANYWHERE.search(tail):
        return head, tail, []
    if head_institution and tail_institution:
        return tail, head, []
    note = Note("bilingual.en-unsplit", Severity.INFO,
                f"no rule splits {text!r} into institution and unit: kept whole as the "
                "institution")
    return text, None, [note]


def _split_japanese(text: str, en_has_unit: bool) -> tuple[str, str | None]:
    match = _JA_SPACE.match(text)
    if match is None and en_has_unit:
        match = _JA_BRACKET.match(text) or _JA_UNIVERSITY.match(text)
    if match is None:
        return text, None
    return match["institution"], match["unit"]


def split_partner(ja_text: str, en_text: str) -> tuple[PartyName, list[Note]]:
    """Institution and unit of one partner, from its Japanese and English texts as printed.

    >>> party, _ = split_partner("ナントカ大学 理学部", "Nantoka University, Faculty of Science")
    >>> party.institution_ja, party.unit_ja, party.institution_en, party.unit_en
    ('ナントカ大学', '理学部', 'Nantoka University', 'Faculty of Science')
    """
    ja = normalize_label(ja_text)
    en = " ".join(en_text.split())
    ja_spaced = _JA_SPACE.match(ja) is not None
    notes: list[Note] = []
    en_institution: str | None = None
    en_unit: str | None = None
    if en:
        en_institution, en_unit, notes = _split_english(en, ja_spaced)
    ja_institution, ja_unit = _split_japanese(ja, en_unit is not None) if ja else (None, None)
    if ja and en and (ja_unit is None) != (en_unit is None):
        named, other = ("English", "Japanese") if ja_unit is None else ("Japanese", "English")
        notes.append(Note("bilingual.unit-one-language", Severity.WARNING,
                          f"the {named} text names a unit, the {other} text could not be "
                          "split: its whole text is the institution"))
    party = PartyName(
        institution_ja=ja_institution or None,
        institution_en=en_institution or None,
        unit_ja=ja_unit,
        unit_en=en_unit,
    )
    return party, notes
