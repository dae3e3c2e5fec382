"""Normalising labels as printed in the source documents.

The documents are text extracted from PDFs: full-width and half-width forms, several
middle dots, stray spaces and one recurring OCR slip (the katakana エ read where the kanji
工 "engineering/technology" is printed). :func:`normalize_label` gives the one spelling the
graph uses for a label; :func:`ocr_repairs` lists what it changed that is an OCR repair, so
the graph can record it next to the verbatim text.

What is *not* done here: variant kanji (學/学), abbreviations (大 for 大学), former names.
Telling two spellings of one institution apart from two institutions is identity
resolution's job, with evidence; normalisation only removes what carries no meaning.

The エ → 工 rule
----------------
The katakana エ (U+30A8) and the kanji 工 (U+5DE5) look almost the same and OCR confuses
them. エ is read as 工 where it begins a Sino-Japanese compound: where it is immediately
followed by one of 科 学 業 程 芸 部 (工科, 工学, 工業, 工程, 工芸, 工部). This is safe because
a katakana エ *inside* a katakana word is followed by kana (or the long-vowel mark), not by
one of these kanji, and a katakana word that *ends* in エ is followed in these documents by a
generic noun (大学, 研究所), not by one of them.

大 is deliberately not in the set, although エ大 could be an OCR slip for the abbreviation
工大: a katakana place name ending in エ followed directly by 大学 (or by the abbreviation 大)
is ordinary Japanese (a place or a person's name transcribed into katakana), and agreement
lists print such names. Reading that エ as 工 would corrupt a correct name.

The rule is a repair, not a rewrite of the record: the verbatim text keeps the エ, the
repair is listed with the record (:func:`ocr_repairs`), and identity resolution treats the
other OCR slips (ー/一, ロ/口, カ/力) as candidates joined only on evidence
(:mod:`kyotei.graph.identity.variants`).
"""

from __future__ import annotations

import re

from kyotei.graph.model.text import OCR_SLIPS, fold_typography
from kyotei.loaders.document import INVISIBLE

__all__ = ["normalize_label", "ocr_repairs"]

_KATAKANA_E = "エ"
_KANJI_KOU = dict(OCR_SLIPS)[_KATAKANA_E]  # 工
_COMPOUND_KANJI = "科学業程芸部"
_E_AS_KOU = re.compile(f"{_KATAKANA_E}(?=[{_COMPOUND_KANJI}])")

_SPACES = re.compile(r"\s+")
_SPACE_AROUND_DOT = re.compile(r"\s*・\s*")
_SPACE_AFTER_OPEN = re.compile(r"([(\[])\s+")
_SPACE_BEFORE_CLOSE = re.compile(r"\s+([)\]])")


def _fold(text: str) -> str:
    """NFKC, one middle dot, collapsed whitespace, no invisible characters (zero-width
    space, soft hyphen): the steps that are not repairs."""
    text = fold_typography(text.translate(INVISIBLE))
    text = _SPACES.sub(" ", text).strip()
    text = _SPACE_AROUND_DOT.sub("・", text)
    text = _SPACE_AFTER_OPEN.sub(r"\1", text)
    return _SPACE_BEFORE_CLOSE.sub(r"\1", text)


def normalize_label(text: str) -> str:
    """Return the normalised form of a label as printed.

    Steps, in order: Unicode NFKC (full-width letters, digits and brackets become ASCII,
    half-width katakana becomes full-width); the middle dots ``·`` (U+00B7), ``•`` (U+2022)
    and ``･`` (U+FF65) become ``・``; runs of whitespace become one space and the ends are
    stripped; spaces next to ``・`` and just inside brackets are removed; the katakana エ is
    read as 工 where it begins a Sino-Japanese compound (see the module docstring).
    Quotes (「」, "…") and variant kanji are kept.

    >>> normalize_label("カタカナエ科大学")
    'カタカナ工科大学'
    >>> normalize_label("ナントカ大学 化学·材料科学学院")
    'ナントカ大学 化学・材料科学学院'
    >>> normalize_label("ナントカ大学（ 本校 ）")
    'ナントカ大学(本校)'
    >>> normalize_label("  ナン  トカ ・ カレッジ ")
    'ナン トカ・カレッジ'
    >>> normalize_label("エネルギーセンター")
    'エネルギーセンター'
    >>> normalize_label("ローマ大学「ナントカ」")
    'ローマ大学「ナントカ」'
    """
    return _E_AS_KOU.sub(_KANJI_KOU, _fold(text))


def ocr_repairs(text: str) -> list[str]:
    """Describe the OCR repairs :func:`normalize_label` applies to ``text``, in order.

    Each entry names the repair and quotes the word (the whitespace-separated run of the
    folded text) it was applied in. Typographic folding (NFKC, middle dots, spaces) is not
    a repair and is not listed.

    >>> ocr_repairs("カタカナエ科大学 エ学部")
    ["エ read as 工 in 'カタカナエ科大学'", "エ read as 工 in 'エ学部'"]
    >>> ocr_repairs("エネルギーセンター")
    []
    """
    repairs: list[str] = []
    for word in _fold(text).split(" "):
        for _ in _E_AS_KOU.finditer(word):
            repairs.append(f"{_KATAKANA_E} read as {_KANJI_KOU} in '{word}'")
    return repairs


#: A section's stated totals, "31ヶ国・地域 172機関" (any of ヶ ケ カ か 箇 for the counter).
TOTALS_STATEMENT = re.compile(
    r"(?P<countries>\d+)\s*[ヶケカか箇]\s*国\s*・\s*地域\s*(?P<institutions>\d+)\s*機関"
)
