"""What a line is, before it is read as a partner: furniture, a heading, a legend, a total.

Rules about how lists are printed, never lists of one document's lines:

* **page furniture**: a page number (``3``, ``- 3 -``, ``3/12``, ``Page 3``, ``p. 3``) or a
  line printed on several pages of a multi-page document (a running header or footer,
  recognised by repetition: on at least two pages);
* **level headings**: a short line naming the level of agreement (大学間協定, 部局間協定,
  "University-level agreements", "Inter-faculty agreements", …);
* **titles and as-of lines**: a line naming the list itself (a word for agreements,
  partners or a list: ``○○大学 協定校一覧``, "International Partner Institutions") or the
  date the list is as of (``2024年4月1日現在``, "As of April 1, 2024");
* **totals**: a statement of how many institutions (and countries) the list holds
  ("計 35校", "合計 12ヶ国・地域 35機関", "Total: 35 institutions").
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from kyotei.graph.model.records import Level
from kyotei.loaders.document import Document, Line
from kyotei.loaders.fields.statements import is_count, read_stated_total

__all__ = ["Totals", "furniture_texts", "heading_total", "is_page_number", "is_prose",
           "is_title", "level_heading", "read_totals", "sentence_totals", "trailing_totals"]

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-‐–—]\s*\d+\s*[-‐–—]|\d+\s*/\s*\d+|(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?"
    r"|\d+\s*ページ|\d+)\s*$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
_LEVEL_WORDS: tuple[tuple[re.Pattern[str], Level], ...] = (
    (re.compile(r"部局間|学部間|研究科間|部局等間"), Level.DEPARTMENT),
    (re.compile(r"大学間|全学"), Level.UNIVERSITY),
    (re.compile(r"\b(?:inter-?faculty|inter-?departmental|department(?:al)?[- ]level|"
                r"faculty[- ]level|school[- ]level)\b", re.IGNORECASE), Level.DEPARTMENT),
    (re.compile(r"\b(?:inter-?university|university[- ]level|university-wide|"
                r"institution[- ]level)\b", re.IGNORECASE), Level.UNIVERSITY),
)
_AGREEMENT_WORDS = re.compile(r"協定|交流|agreement|partner|exchange", re.IGNORECASE)
# the counter words a Japanese total prints after its number
_COUNTER = "(?:校|機関|大学|件|協定)"
_COUNTRIES = r"(?P<countries>\d+)\s*[ヶケカか箇]?\s*(?:国|か国)[・/]?(?:地域)?"  # 12ヶ国・地域
_TOTAL_CJK = re.compile(  # 以上 closes a memo: 以上 計11件 is the total after it
    r"^[(（]?\s*(?:以上\s*[,、。]?\s*)?(?:計|合計|総計|小計|以上)\s*[:：]?\s*"
    rf"(?:{_COUNTRIES}\s*[,、]?\s*)?"
    rf"(?P<institutions>\d+)\s*{_COUNTER}\s*[)）]?$"
)
_TOTAL_CJK_AFTER = re.compile(  # 計 24校（22ヶ国・地域）: the countries bracketed after
    rf"^(?:計|合計|総計)\s*[:：]?\s*(?P<institutions>\d+)\s*{_COUNTER}\s*"
    rf"[(（]\s*{_COUNTRIES}\s*[)）]$"
)
_TOTAL_BROKEN_DOWN = re.compile(  # 計 18校（大学間 10、部局間 8）: a breakdown bracketed after
    rf"^(?:以上\s*)?(?:計|合計|総計)\s*[:：]?\s*(?P<institutions>\d+)\s*{_COUNTER}\s*"
    r"[(（](?P<parts>[^()（）\d]+\d+[^()（）]*)[)）]$(?P<countries>)"
)
_PART = re.compile(r"(?P<word>[^\d,、，;；/]+?)\s*[:：]?\s*(?P<count>\d+)\s*(?:校|機関|件)?")
_TOTAL_DE = re.compile(  # Insgesamt 13 Partnerhochschulen in 10 Ländern.
    r"^\s*(?:insgesamt|gesamt|summe)\s*[:：]?\s*(?P<institutions>\d+)\s*"
    r"(?:partner\w*|hochschulen|universitäten|abkommen)?"
    r"(?:\s*(?:in|aus)\s*(?P<countries>\d+)\s*(?:ländern|staaten))?\s*\.?\s*$",
    re.IGNORECASE,
)
_SCHOOLS = re.compile(r"\s*(?:校|機関|大学\b|institutions|universities)", re.IGNORECASE)
_HEADING_TOTAL = re.compile(r"[(（]\s*(?P<count>\d+\s*[^\d()（）]+?)\s*[)）]\s*$")
_JA_COUNT = re.compile(rf"^\d+\s*{_COUNTER}$")
_SENTENCE_TOTALS = (  # a sentence stating the countries and the partners (11か国・地域の13機関)
    re.compile(r"(?P<countries>\d+)\s*[ヶケカか箇]?\s*(?:国|か国)(?:[・/]?地域)?\s*[のと、,]?\s*"
               rf"(?P<institutions>\d+)\s*{_COUNTER}"),
    re.compile(r"\b(?P<institutions>\d+)\s+(?:partner\s+)?(?:institutions|universities)\s+"
               r"in\s+(?P<countries>\d+)\s+countries\b", re.IGNORECASE),
)
# a bracket after a sentence's full stop (its date or its source): still the sentence
_BRACKET_AFTER_STOP = re.compile(r"(?<=。)\s*[(（][^()（）]*[)）]\s*$")
_TRAILING_TOTAL = re.compile(r"\s((?:計|合計|総計)\s*[:：]?\s*\d[^\s]*)$")
_TOTAL_BARE = re.compile(
    r"^[(（]?\s*(?P<countries>\d+)\s*[ヶケカか箇]\s*国\s*・?\s*地域\s*[,、]?\s*"
    r"(?P<institutions>\d+)\s*(?:機関|校|大学)\s*[)）]?$"
)
_TOTAL_EN = re.compile(
    r"^\s*(?:total|in total|sum)\s*[:：]?\s*(?P<institutions>\d+)\s*"
    r"(?:partner\s+)?(?:institutions|universities|partners|agreements)?"
    r"(?:\s*(?:in|from|,)\s*(?P<countries>\d+)\s*(?:countries|countries/regions|"
    r"countries and regions))?\s*\.?\s*$",
    re.IGNORECASE,
)
_TITLE_WORDS = re.compile(r"協定|提携|一覧|リスト|\b(?:agreements?|partners?(?:hips?)?|list)\b",
                          re.IGNORECASE)
# "as of" in the languages of the lists read: English, Japanese (現在), German (Stand:),
# French (mise à jour :, à jour au), Chinese (截至)
_AS_OF = re.compile(r"\bas\s+(?:of|at)\b|^\s*[(（]?.*\d.*現在\s*[)）]?\s*$|^\s*stand\s*:"
                    r"|^\s*mise\s+à\s+jour\b|\bà\s+jour\s+au\b|截至", re.IGNORECASE)
_SENTENCE_WORDS = 6  # a line of so many words or more ending in a full stop is prose
MAX_HEADING = 40  # characters: a level heading is short


@dataclass(frozen=True, slots=True)
class Totals:
    """A stated total: the number of institutions, and of countries when printed."""

    institutions: int
    countries: int | None
    by_level: tuple[tuple[str, Level, int], ...] = ()  # (word, level, count) of a breakdown
    schools: bool = False  # the counter counts partners (校, 所): each partner once
    whole: bool = False  # it sums the whole list (共计), not the section it closes


def is_page_number(text: str) -> bool:
    """A line holding only a page number.

    >>> is_page_number("- 3 -"), is_page_number("3/12"), is_page_number("Page 4")
    (True, True, True)
    >>> is_page_number("2015.4.1"), is_page_number("Seoul National University")
    (False, False)
    """
    return bool(_PAGE_NUMBER.match(text))


def _key(text: str) -> str:
    return _SPACES.sub("", text).casefold()


def furniture_texts(document: Document) -> set[str]:
    """Keys of the lines printed on two pages or more of a multi-page document.

    Running headers and footers (the list's title, the as-of date, column titles repeated
    as text) are recognised by repetition, never by their words. Page numbers are left to
    :func:`is_page_number`.
    """
    if len(document.parts) < 2:
        return set()
    pages: dict[str, set[int]] = defaultdict(set)
    for part in document.parts:
        for block in part.blocks:
            if isinstance(block, Line) and block.folded.strip():
                pages[_key(block.folded)].add(part.number)
    return {key for key, on in pages.items() if len(on) >= 2}


def is_furniture(text: str, repeated: set[str]) -> bool:
    """Whether ``text`` is page furniture (see :func:`furniture_texts`)."""
    return is_page_number(text) or _key(text) in repeated


def is_title(text: str) -> bool:
    """A line naming the list or its date rather than a partner (see the module docstring).

    >>> is_title("みなと学院大学 協定校一覧"), is_title("Partner Institutions of Example College")
    (True, True)
    >>> is_title("As of May 1, 2024"), is_title("(2024年5月1日現在)")
    (True, True)
    >>> is_title("University of Bergen"), is_title("ベルゲン大学 2009年11月30日")
    (False, False)
    """
    return bool(_TITLE_WORDS.search(text) or _AS_OF.search(text))


def is_prose(text: str) -> bool:
    """A sentence (an introduction, a note), not a row: six words or more ending in a full
    stop, or a Japanese sentence ending in 。.

    >>> is_prose("Students may apply to the institutions listed below.")
    True
    >>> is_prose("University of Bergen"), is_prose("Univ. of Bergen, Dept. of Biology.")
    (False, False)
    >>> is_prose("本学は次の大学と協定を締結しています。（2025年4月1日現在）")
    True
    """
    stripped = text.strip()
    if _BRACKET_AFTER_STOP.sub("", stripped).endswith("。"):  # …しています。（2025年4月1日現在）
        return True
    words = stripped.split()
    return stripped.endswith(".") and len(words) >= _SENTENCE_WORDS and sum(
        1 for w in words if w[:1].islower()) >= len(words) // 2


def level_heading(text: str) -> Level | None:
    """The level a heading line names, or None when it is no level heading.

    >>> level_heading("大学間協定"), level_heading("部局間協定一覧 (2024年4月1日現在)")
    (<Level.UNIVERSITY: 'university'>, <Level.DEPARTMENT: 'department'>)
    >>> level_heading("Inter-faculty agreements")
    <Level.DEPARTMENT: 'department'>
    >>> level_heading("ソウル大学校 2015.4.1") is None
    True
    """
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_HEADING or not _AGREEMENT_WORDS.search(stripped):
        return None
    for pattern, level in _LEVEL_WORDS:
        if pattern.search(stripped):
            return level
    return None


def trailing_totals(text: str) -> Totals | None:
    """A statement of totals ending a line that says something else first (a legend
    printed on the same line: ``○：授業料不徴収 計 35校``), or None.

    >>> trailing_totals("○：授業料不徴収 計 35校（12ヶ国・地域）")
    Totals(institutions=35, countries=12, by_level=(), schools=True, whole=False)
    """
    match = _TRAILING_TOTAL.search(text.strip())
    return read_totals(match.group(1)) if match else None


def read_totals(text: str) -> Totals | None:
    """A statement of totals, or None.

    >>> read_totals("計 35校").institutions, read_totals("合計 12ヶ国・地域 35機関").countries
    (35, 12)
    >>> read_totals("Total: 18 institutions in 9 countries")
    Totals(institutions=18, countries=9, by_level=(), schools=True, whole=False)
    >>> read_totals("35 University Road") is None
    True
    >>> read_totals("計 35校（12ヶ国・地域）")
    Totals(institutions=35, countries=12, by_level=(), schools=True, whole=False)
    >>> read_totals("以上 計9件")
    Totals(institutions=9, countries=None, by_level=(), schools=False, whole=False)
    >>> [(w, lv.value, n) for w, lv, n in read_totals("計 9校（大学間 5、部局間 4）").by_level]
    [('大学間', 'university', 5), ('部局間', 'department', 4)]
    >>> read_totals("Insgesamt 9 Partnerhochschulen in 4 Ländern.")
    Totals(institutions=9, countries=4, by_level=(), schools=False, whole=False)
    >>> read_totals("共计：12项"), read_totals("合计 15所").schools
    (Totals(institutions=12, countries=None, by_level=(), schools=False, whole=True), True)
    """
    stripped = text.strip()
    for pattern in (_TOTAL_CJK, _TOTAL_CJK_AFTER, _TOTAL_BARE, _TOTAL_EN, _TOTAL_BROKEN_DOWN,
                    _TOTAL_DE):
        match = pattern.match(stripped)
        if match:
            countries = match["countries"]
            schools = _SCHOOLS.match(stripped, match.end("institutions")) is not None
            return Totals(int(match["institutions"]), int(countries) if countries else None,
                          _by_level(match.groupdict().get("parts") or ""), schools)
    stated = read_stated_total(stripped)  # the words of fields/statement_words.toml
    if stated is None:
        return None
    return Totals(stated.count, stated.countries, (), stated.counts == "institutions",
                  stated.whole)


def _by_level(parts: str) -> tuple[tuple[str, Level, int], ...]:
    """The counts per level of a total's breakdown (``大学間 10、部局間 8``); empty when a
    part names no level."""
    found = []
    for match in _PART.finditer(parts):
        word = match["word"].strip()
        level = next((lv for pattern, lv in _LEVEL_WORDS if pattern.search(word)), None)
        if level is None:
            return ()
        found.append((word, level, int(match["count"])))
    return tuple(found)


def heading_total(text: str) -> Totals | None:
    """The count a section heading states in a bracket after it, with a counter word
    (``大学間協定（10機関）``, ``部局間協定（3校）``), or None; a bare number is no count
    (``大学間協定 (2024)``).

    >>> heading_total("大学間協定（10機関）")
    Totals(institutions=10, countries=None, by_level=(), schools=True, whole=False)
    >>> heading_total("大学間協定 (2024)") is None, heading_total("大学間協定") is None
    (True, True)
    """
    match = _HEADING_TOTAL.search(text.strip())
    if match is None:
        return None
    count = " ".join(match["count"].split())
    digits = re.match(r"\d+", count)  # the pattern's count starts with its digits
    if digits is None or (not _JA_COUNT.match(count) and not is_count(count)):
        return None
    return Totals(int(digits.group()), None, (),
                  _SCHOOLS.match(count, digits.end()) is not None)


def sentence_totals(text: str) -> Totals | None:
    """The totals a sentence states, the countries' and the partners' (``本学は11か国・地域の
    13機関と協定を締結しています。``), or None; None too when it states two such pairs.

    >>> sentence_totals("本学は、11か国・地域の13機関と協定を締結しています。")
    Totals(institutions=13, countries=11, by_level=(), schools=True, whole=False)
    >>> sentence_totals("We have 14 partner universities in 6 countries.").countries
    6
    """
    found = [m for pattern in _SENTENCE_TOTALS for m in pattern.finditer(text)]
    if len(found) != 1:
        return None
    match = found[0]
    return Totals(int(match["institutions"]), int(match["countries"]), (),
                  _SCHOOLS.match(text, match.end("institutions")) is not None)
