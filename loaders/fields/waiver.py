"""Tuition-waiver marks and columns, as the document's own legend or header defines them.

A list marks its waiver agreements with a character its legend explains (``※印は授業料
不徴収``, ``* indicates tuition waiver``, ``Tuition fee waiver: ✓``), or gives a column
whose header says waiver and whose cells read 有/無, ○/×, Yes/No. This module reads each:

- :func:`read_legend` — a legend line → the mark and its meaning (and whether that
  meaning is a waiver);
- :func:`strip_marks` — a name or date cell → the text without its marks, and each mark
  with the legend that explains it; a mark no legend explains is returned as *unknown*
  (``legend`` None), never assumed to mean a waiver — the caller reports it;
- :func:`strip_inner_marks` — a legend's mark at the end of a word inside a cell (after
  the institution, before its unit: ``ナントカ大学※ 理学部``);
- :func:`read_waiver_cell` — a waiver column's cell → True / False / None;
- :func:`is_waiver_header` — whether a column header names a waiver column.

The words are in ``waiver_words.toml``, each with a note on where it is attested.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from kyotei.loaders.fields._fold import fold, is_mark_char
from kyotei.loaders.fields._vocab import WordSet, compact, entries, findable_inside
from kyotei.loaders.fields.legends import (
    CLOSE,
    FILE,
    OPEN,
    Legend,
    find_legends,
    mark_run,
    read_legend,
    states_all_waived,
    states_fee,
    states_partial,
    states_waiver,
    texts,
)

__all__ = [
    "FoundMark",
    "Legend",
    "MarkReading",
    "WaiverCell",
    "find_legends",
    "is_mark_char",
    "is_waiver_header",
    "read_legend",
    "read_waiver_cell",
    "states_all_waived",
    "states_fee",
    "states_partial",
    "states_waiver",
    "strip_inner_marks",
    "strip_marks",
    "waiver_header_words",
]



@dataclass(frozen=True, slots=True)
class FoundMark:
    """A mark found at the start or the end of a cell, with the legend that explains it."""

    mark: str
    position: Literal["leading", "trailing"]
    legend: Legend | None

    @property
    def known(self) -> bool:
        """Whether a legend of the document explains this mark."""
        return self.legend is not None

    @property
    def waiver(self) -> bool | None:
        """The legend's reading; None for an unknown mark."""
        return self.legend.waiver if self.legend is not None else None


@dataclass(frozen=True, slots=True)
class MarkReading:
    """A cell with its marks taken off: ``text`` is the rest (stripped), ``verbatim`` all."""

    text: str
    verbatim: str
    marks: tuple[FoundMark, ...]

    @property
    def unknown(self) -> tuple[FoundMark, ...]:
        """The marks no legend explains (to be reported)."""
        return tuple(m for m in self.marks if not m.known)

    @property
    def waiver(self) -> bool | None:
        """True: a waiver mark is on the cell. None: an unknown or unclear mark is (and no
        waiver mark). False: no waiver mark (whether the document has waiver marks at all
        is the caller's knowledge)."""
        if any(m.waiver for m in self.marks):
            return True
        if any(m.waiver is None for m in self.marks):
            return None
        return False


@dataclass(frozen=True, slots=True)
class WaiverCell:
    """A waiver column's cell: ``value`` True/False, or None with the ``reason``; ``dash``
    for a lone dash (None: the unmarked "no" only in a column of marks, decision 0025)."""

    value: bool | None
    verbatim: str
    reason: str | None = None
    dash: bool = False


@cache
def _header_keys() -> tuple[frozenset[str], WordSet]:
    words = texts("header")
    return frozenset(compact(t) for t in words), WordSet(t for t in words if findable_inside(t))


@cache
def _cell_words() -> dict[str, bool | None]:
    words: dict[str, bool | None] = {compact(t): None for t in texts("partial")}
    for entry in entries(FILE, "cell"):
        value = entry.get("value")
        if not isinstance(value, bool):
            raise ValueError(f"{FILE}: cell {entry['text']!r}: 'value' must be true or false")
        words[compact(str(entry["text"]))] = value
    return words


@cache
def _dashes() -> frozenset[str]:
    return frozenset(compact(t) for t in texts("dash"))


def waiver_header_words() -> tuple[str, ...]:
    """The header words of a waiver column, as written in ``waiver_words.toml``."""
    return tuple(texts("header"))


def is_waiver_header(text: str) -> bool:
    """Whether a column header names a waiver column (is, or contains, a header word).

    A single English word (``Waiver``) must be the whole header; longer words may be
    found inside one (``Tuition waiver (Y/N)``).

    >>> is_waiver_header("授業料\\n不徴収"), is_waiver_header("Tuition waiver (Y/N)")
    (True, True)
    >>> is_waiver_header("締結日")
    False
    """
    whole, inside = _header_keys()
    return compact(text) in whole or bool(inside.found_in(text))


_Peeled = tuple[int, int, str, Legend | None]


def _found(
    text: str, whole: tuple[int, int], inner: tuple[int, int], legends: Sequence[Legend]
) -> _Peeled:
    """Map a folded mark back to ``text``: (start, end of what to remove, mark, legend)."""
    folded = fold(text)
    key = compact(folded.text[inner[0] : inner[1]])
    legend = next((item for item in legends if compact(item.mark) == key), None)
    o_a, o_b = folded.span(*whole)
    m_a, m_b = folded.span(*inner)
    return o_a, o_b, text[m_a:m_b], legend


_NOTE_REFERENCE = re.compile(r"\(?注\s*\d{1,2}\)?$")  # folded: （注1） is (注1)


def _peel(text: str, legends: Sequence[Legend], at_end: bool) -> _Peeled | None:
    """One mark at the start (or the end) of ``text``, or None."""
    body = fold(text).text
    n = len(body)
    # A mark in brackets: "(※)".
    if at_end and n >= 3 and body[-1] in CLOSE:
        opening = body.rfind(OPEN[CLOSE.index(body[-1])])
        if 0 <= opening < n - 2 and mark_run(body, opening + 1) == n - 1:
            return _found(text, (opening, n), (opening + 1, n - 1), legends)
    if not at_end and n >= 3 and body[0] in OPEN:
        closing = body.find(CLOSE[OPEN.index(body[0])])
        if closing > 1 and mark_run(body, 1) == closing:
            return _found(text, (0, closing + 1), (1, closing), legends)
    # A mark a legend explains, the longest first ("**" before "*").
    for legend in sorted(legends, key=lambda item: -len(fold(item.mark).text)):
        mark = fold(legend.mark).text
        if at_end and body.endswith(mark):
            return _found(text, (n - len(mark), n), (n - len(mark), n), legends)
        if not at_end and body.startswith(mark):
            return _found(text, (0, len(mark)), (0, len(mark)), legends)
    # A footnote reference in words: "注1", "(注2)" after the name.
    if at_end and (note := _NOTE_REFERENCE.search(body)) is not None and note.start() > 0:
        return _found(text, (note.start(), n), (note.start(), n), legends)
    # Any other run of mark characters (with footnote digits after it: "※1").
    if at_end:
        start = n
        while start > 0 and body[start - 1].isascii() and body[start - 1].isdigit():
            start -= 1
        while start > 0 and is_mark_char(body[start - 1]):
            start -= 1
        if start == n or not is_mark_char(body[start]):
            return None
        return _found(text, (start, n), (start, n), legends)
    end = mark_run(body, 0)
    return _found(text, (0, end), (0, end), legends) if end else None


def strip_marks(text: str, legends: Sequence[Legend] = ()) -> MarkReading:
    """Take the marks off the start and the end of a name or date cell.

    A mark one of ``legends`` explains is returned with it; any other run of mark
    characters (``*``, ``※``, ``†``, with footnote digits ``※1``) is returned as an
    unknown mark (``legend`` None) for the caller to report. The text keeps its
    characters as printed.

    >>> waiver = read_legend("※印は授業料不徴収")
    >>> r = strip_marks("ナントカ大学 ※", [waiver])
    >>> r.text, [m.mark for m in r.marks], r.waiver
    ('ナントカ大学', ['※'], True)
    >>> r = strip_marks("Some University*")
    >>> r.text, r.unknown[0].mark, r.waiver
    ('Some University', '*', None)
    >>> r = strip_marks("ナントカ大学注1")  # a footnote reference in words
    >>> r.text, r.unknown[0].mark
    ('ナントカ大学', '注1')
    """
    marks: list[FoundMark] = []
    rest = text.strip()
    for at_end in (False, True):
        while rest:
            peeled = _peel(rest, legends, at_end)
            if peeled is None:
                break
            a, b, mark, legend = peeled
            marks.append(FoundMark(mark, "trailing" if at_end else "leading", legend))
            rest = (rest[:a] if at_end else rest[b:]).strip()
    return MarkReading(rest, text, tuple(marks))


def strip_inner_marks(text: str, legends: Sequence[Legend]) -> MarkReading:
    """Take off a mark one of ``legends`` explains where it ends a word inside ``text``
    (not its last word: :func:`strip_marks` reads that): a list that prints a partner's
    name, its mark, then the partner's unit. Only a legend's mark is taken: any other
    symbol inside a name (``Arts & Sciences``) stays as printed.

    >>> waiver = read_legend("※印は授業料不徴収")
    >>> r = strip_inner_marks("ナントカ大学※ 理学部", [waiver])
    >>> r.text, r.waiver
    ('ナントカ大学 理学部', True)
    >>> strip_inner_marks("Arts & Sciences", [waiver]).text
    'Arts & Sciences'
    """
    parts = re.split(r"(\s+)", text.strip())
    marks: list[FoundMark] = []
    for index in range(0, len(parts) - 2, 2):
        word = parts[index]
        while word and (peeled := _peel(word, legends, at_end=True)) is not None and \
                peeled[3] is not None:
            marks.append(FoundMark(peeled[2], "trailing", peeled[3]))
            word = word[: peeled[0]].rstrip()
        parts[index] = word
    rest = "".join(parts) if marks else text.strip()
    return MarkReading(" ".join(rest.split()) if marks else rest, text, tuple(marks))


def read_waiver_cell(value: object, legends: Sequence[Legend] = ()) -> WaiverCell:
    """Read a waiver column's cell: True (waived), False (not), None with the reason.

    ``value`` is the cell as read (``str``, ``bool`` from a spreadsheet, ``None``). A cell
    holding only a mark one of ``legends`` explains is read by that legend.

    >>> read_waiver_cell("有"), read_waiver_cell("Ｙｅｓ").value, read_waiver_cell("－").dash
    (WaiverCell(value=True, verbatim='有', reason=None, dash=False), True, True)
    >>> read_waiver_cell("△").reason
    "'△' is a partial waiver: neither yes nor no"
    >>> read_waiver_cell("").reason
    'empty cell: waiver not stated'
    """
    if isinstance(value, bool):
        return WaiverCell(value, str(value))
    if value is None or (isinstance(value, str) and not value.strip()):
        return WaiverCell(None, "" if value is None else value, "empty cell: waiver not stated")
    if not isinstance(value, str):
        reason = f"{type(value).__name__} value {value!r} is not a waiver value"
        return WaiverCell(None, str(value), reason)
    key = compact(value)
    if key in _dashes():
        return WaiverCell(None, value, "a dash states nothing of its own", dash=True)
    words = _cell_words()
    if key in words:
        found = words[key]
        if found is None:
            reason = f"{value.strip()!r} is a partial waiver: neither yes nor no"
            return WaiverCell(None, value, reason)
        return WaiverCell(found, value)
    for legend in legends:
        if compact(legend.mark) == key:
            if legend.waiver is None:
                return WaiverCell(None, value, f"the legend of {legend.mark!r} is unclear")
            return WaiverCell(legend.waiver, value)
    return WaiverCell(None, value, f"{value.strip()!r} is not a waiver word or a known mark")
