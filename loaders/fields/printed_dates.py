"""What a date's print needs before it is parsed: OCR slips read, the day-first convention.

- **OCR slips**: inside a token otherwise made of digits and one kind of separator
  (``2O07.5.15``, ``2015.7.l``, ``2004.6.1O``), a letter that looks like exactly one digit
  (``O``/``o`` → 0, ``l``/``I`` → 1) is read as that digit, one character for one (spans
  hold), and the reading says so in a note the loader reports. Any other damage
  (``2O1?.?.l``) is left: the date is refused. A slip is never dropped: before this,
  ``2004.6.1O`` read as 2004-06-01, a wrong date, which is worse than none.
- **Day first**: a year-last date (``01.10.2015``) has no order of its own; the languages
  of the document give it (:func:`day_first_in`).
- **Month names**: inside :func:`day_first_in`, the month names of the document's languages
  beyond ja and en (CLDR via Babel: format and stand-alone, wide and abbreviated, in letters;
  a name two languages give different months is dropped) are read like the English ones:
  ``1er octobre 2018``, ``12. März 2019``, ``mai 2016`` (a month) — :func:`month_forms`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from babel import Locale, UnknownLocaleError

from kyotei.graph.model.countries import document_languages
from kyotei.loaders.fields._fold import Folded, is_mark_char
from kyotei.loaders.fields.calendars import calendars_in
from kyotei.loaders.fields.statements import states_ended

__all__ = ["DAY_FIRST_LANGUAGES", "ENGLISH_MONTHS", "current_day_first", "day_first_in",
           "ended_in_bracket",
           "folded_end", "mark_of", "month_forms", "month_number", "order_stated", "read_slips",
           "stated_order"]

# OCR slips inside a date: a letter that looks like a digit, in a token otherwise made of
# digits and one kind of separator (2O07.5.15, 2015.7.l, 2004.6.1O). Only O/o (0) and
# l/I (1) are read, the shapes that resemble one digit only; anything else is refused.
_SLIP_DIGIT = "0-9OolI"
_SLIP_TOKEN = re.compile(
    rf"(?<![A-Za-z0-9])[{_SLIP_DIGIT}]{{4}}(?P<sep>[./\-])[{_SLIP_DIGIT}]{{1,2}}"
    rf"(?:(?P=sep)[{_SLIP_DIGIT}]{{1,2}})?(?![A-Za-z0-9])"
)
_SLIP_READ = str.maketrans("OolI", "0011")

# Languages whose numeric dates put the day first (01.10.2015 is 1 October): a document in
# one of them gives year-last dates that order; English does not (the US writes month first).
DAY_FIRST_LANGUAGES = frozenset({"de", "fr", "it", "es", "pt", "nl", "pl", "cs", "da", "sv",
                                 "nb", "no", "fi", "ru", "tr", "id", "vi"})
_DAY_FIRST: ContextVar[bool | None] = ContextVar("day_first", default=None)


@contextmanager
def day_first_in(languages: Iterable[str]) -> Iterator[bool | None]:
    """Within the block, year-last dates are read day first when ``languages`` (a
    document's) include a day-first language and not English; else their order stays
    unknown unless a component over 12 decides it.

    >>> from kyotei.loaders.fields.dates import parse_date
    >>> with day_first_in(["de"]):
    ...     print(parse_date("01.10.2015").date)
    2015-10-01
    >>> parse_date("01.10.2015").date is None
    True
    """
    codes = {code.split("-")[0].casefold() for code in languages}
    value = True if codes & DAY_FIRST_LANGUAGES and "en" not in codes else None
    token = _DAY_FIRST.set(value)
    names = _LANGUAGES.set(tuple(sorted(codes - {"ja", "en"})))
    try:
        yield value
    finally:
        _LANGUAGES.reset(names)
        _DAY_FIRST.reset(token)


@contextmanager
def written_in(
    languages: Iterable[str], *, country: str | None = None, said: str = "",
    as_of: dt.date | None = None,
) -> Iterator[None]:
    """Within the block, what is read by language follows a document's ``languages``:
    year-last dates' order and month names (:func:`day_first_in`), country names
    (:func:`kyotei.graph.model.countries.document_languages`) and the calendars the document
    declares by them, its publisher's ``country`` and what its title or as-of line ``said``,
    with the years its ``as_of`` date allows (:func:`.calendars.calendars_in`). One place for
    all, entered by whatever reads a document (nesting is harmless)."""
    languages = tuple(languages)
    with day_first_in(languages), document_languages(languages), calendars_in(
            languages, country=country, said=said, as_of=as_of):
        yield


_LANGUAGES: ContextVar[tuple[str, ...]] = ContextVar("date_languages", default=())
_LETTER_BEFORE, _LETTER_AFTER = r"(?<![^\W\d_])", r"(?![^\W\d_])"


def _letter(char: str) -> bool:
    """A letter of an alphabet, its combining mark, or the dot inside an abbreviation (Thai
    เม.ย.); no ideograph (a CJK month is a numeral and 月)."""
    return char < "\u2e80" and (char.isalpha() or char == "."
                                 or unicodedata.category(char).startswith("M"))


@cache
def _month_names(languages: tuple[str, ...]) -> dict[str, int]:
    """CLDR's month names of ``languages`` (case-folded, without a final dot) → month."""
    found: dict[str, set[int]] = {}
    for tag in languages:
        try:
            months = Locale.parse(tag).months
        except (ValueError, UnknownLocaleError):
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    key = name.casefold().rstrip(".")
                    if len(key) >= 3 and all(_letter(c) for c in key) and key[0].isalpha():
                        found.setdefault(key, set()).add(number)
    return {key: next(iter(n)) for key, n in found.items() if len(n) == 1}


@cache
def _forms(languages: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    names = _month_names(languages)
    if not names:
        return ()
    mon = (_LETTER_BEFORE + "(?P<mon>(?i:" + "|".join(
        re.escape(n) for n in sorted(names, key=len, reverse=True)) + "))" + _LETTER_AFTER
        + r"\.?")
    day = r"(?<![\d.])(?P<d>\d{1,2})(?!\d)(?:er|e|º|°|\.)?\s*(?:de\s+)?"
    year = r"\s*,?\s*(?:de\s+)?(?P<y>\d{4})(?!\d)"
    return re.compile(day + mon + year), re.compile(mon + year)


def month_forms() -> tuple[re.Pattern[str], ...]:
    """Day–month-name–year and month-name–year patterns in the current document's languages
    (groups ``d``, ``mon``, ``y``); none outside :func:`day_first_in` or for ja/en only."""
    return _forms(_LANGUAGES.get())


def month_number(name: str) -> int | None:
    """The month a name of :func:`month_forms` names (None if it is none of them)."""
    return _month_names(_LANGUAGES.get()).get(name.casefold().rstrip("."))


def current_day_first() -> bool | None:
    """The day-first convention the document states (:func:`order_stated`), else the one
    its languages give (:func:`day_first_in`); None: unknown."""
    stated = _STATED.get()
    return stated if stated is not None else _DAY_FIRST.get()


_STATED: ContextVar[bool | None] = ContextVar("day_first_stated", default=None)
# The order a document states for its dates: DD/MM/YYYY (JJ/MM/AAAA, TT.MM.JJJJ, GG/MM/AAAA)
# or MM/DD/YYYY, in letters of the languages that write it so.
_DAY, _YEAR = r"(?:DD|JJ|TT|GG|D|J|T)", r"(?:YYYY|AAAA|JJJJ|YY|AA|JJ|ÅÅÅÅ|RRRR)"
_ORDER = re.compile(rf"(?<![A-Za-z])(?:(?P<dm>{_DAY}[./\-]MM?)|(?P<md>MM?[./\-]{_DAY}))"
                    rf"[./\-]{_YEAR}(?![A-Za-z])", re.IGNORECASE)
_YEAR_LAST_DATE = re.compile(r"(?<![\d./\-])(\d{1,2})\s*([./\-])\s*(\d{1,2})\s*\2\s*\d{4}"
                             r"(?![\d./\-])")


def stated_order(texts: Iterable[str]) -> bool | None:
    """Whether a document's ``texts`` settle its year-last dates day first (True) or month
    first (False): an order it states (``Dates are shown as DD/MM/YYYY``, ``JJ/MM/AAAA``),
    else its own dates when those that only one order can read (a day over 12) all read
    one way. None when nothing settles it, or the evidence disagrees.

    >>> stated_order(["Dates are DD/MM/YYYY", "03/04/2018"])
    True
    >>> stated_order(["15/04/2016", "03/04/2018"]), stated_order(["03/04/2018"])
    (True, None)
    >>> stated_order(["15/04/2016", "04/15/2016"]) is None
    True
    """
    said: set[bool] = set()
    seen: set[bool] = set()
    for text in texts:
        for match in _ORDER.finditer(text):
            said.add(match["dm"] is not None)
        for match in _YEAR_LAST_DATE.finditer(text):
            a, b = int(match[1]), int(match[3])
            if a > 12 >= b >= 1:
                seen.add(True)
            elif b > 12 >= a >= 1:
                seen.add(False)
    for evidence in (said, seen):
        if evidence:
            return next(iter(evidence)) if len(evidence) == 1 else None
    return None


@contextmanager
def order_stated(texts: Iterable[str]) -> Iterator[bool | None]:
    """Within the block, year-last dates take the order the document's ``texts`` settle
    (:func:`stated_order`) over the one its languages give."""
    value = stated_order(texts)
    token = _STATED.set(value if value is not None else _STATED.get())
    try:
        yield value
    finally:
        _STATED.reset(token)


def read_slips(folded: Folded) -> tuple[Folded, str]:
    """``folded`` with the OCR slips inside its dates read as the digits they resemble
    (one character for one, so spans still hold), and a note naming them ("" if none).

    >>> from kyotei.loaders.fields._fold import fold
    >>> read_slips(fold("2O16.1l.7"))[0].text
    '2016.11.7'
    """
    text, slips = folded.text, []
    for match in _SLIP_TOKEN.finditer(folded.text):
        token = match.group()
        letters = sum(ch.isalpha() for ch in token)
        if letters and sum(ch.isdigit() for ch in token) >= 3:
            read = token.translate(_SLIP_READ)
            text = text[:match.start()] + read + text[match.end():]
            slips.append(f"{token!r} read as {read!r}")
    if not slips:
        return folded, ""
    return Folded(folded.original, text, folded.origin), (
        "OCR slip in the date: " + ", ".join(slips) + " (a letter that looks like one digit)")


ENGLISH_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}


def mark_of(remainder: str) -> str:
    """``remainder`` stripped when it is only a mark (``*``, ``※``, ``(※)``), else ``""``.

    >>> mark_of(" ※"), mark_of("(*)"), mark_of("(renewed)"), mark_of(".")
    ('※', '(*)', '', '')
    """
    text = remainder.strip()
    core = text.strip("()（）[]［］")
    if core and all(ch.isspace() or is_mark_char(ch) for ch in core):
        return text
    return ""


def folded_end(folded: Folded, original_end: int) -> int:
    """The index in ``folded.text`` where the original index ``original_end`` begins."""
    return next((i for i, o in enumerate(folded.origin) if o >= original_end),
                len(folded.text))


_OPEN, _CLOSE = "(（[［", ")）]］"


def ended_in_bracket(text: str, span: tuple[int, int]) -> bool:
    """Whether the date at ``span`` of ``text`` stands in a bracket that says the agreement
    ended (``2011.9.1 (2023年8月終了)``, words of ``statement_words.toml``): the date it ended.

    >>> ended_in_bracket("X 2011.9.1 (2023.8 終了)", (12, 18))
    True
    >>> ended_in_bracket("X 2011.9.1 (2023.8 更新)", (12, 18))
    False
    """
    start = max(text.rfind(c, 0, span[0]) for c in _OPEN)
    if start < 0 or any(c in text[start:span[0]] for c in _CLOSE):
        return False
    ends = [i for c in _CLOSE if (i := text.find(c, span[1])) >= 0]
    return states_ended(text[start + 1:min(ends) if ends else len(text)])
