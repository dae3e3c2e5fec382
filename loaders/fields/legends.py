"""Waiver legends: the line that says what a document's mark means.

A legend is read in three shapes (the words are in ``waiver_words.toml``):

- ``[note] MARK [mark word] CONNECTOR MEANING``: ``※印は授業料不徴収``, ``＊：授業料不徴収
  協定``, ``* indicates tuition waiver``, ``○＝授業料相互不徴収``, ``（注）※印の協定校は…``;
- ``MEANING : MARK``: ``Tuition fee waiver: ✓``;
- ``MEANING [particle] MARK [after-mark words]``: ``授業料不徴収協定校には※を付す``,
  ``Agreements with tuition waiver are marked with *``.

Whether the meaning is a tuition waiver is read from it (``Legend.waiver``); the mark is
whatever character the document uses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from kyotei.loaders.fields._fold import fold, is_mark_char
from kyotei.loaders.fields._vocab import WordSet, compact, entries

__all__ = [
    "CLOSE", "OPEN", "Legend", "find_legends", "mark_run", "read_legend", "states_all_waived",
    "states_fee", "states_partial", "states_waiver", "texts",
]

FILE = "waiver_words.toml"
OPEN, CLOSE = "([「【『〔", ")]」】』〕"
# Japanese legends put a noun between the mark and the particle: ※印の協定校は…
# English puts a verb before "marked with *": "Partners with a fee waiver are marked with *".
_BE = re.compile(r"\s+(?:are|is|were|was)$", re.IGNORECASE)
_CODE_MARK = re.compile(r"\[[A-Z]{1,4}\]")  # [TW]: a bracketed letter code used as a mark
_NO_PHRASE = re.compile(r"の[^はが:=\s]{1,12}(?=[はが])")


@dataclass(frozen=True, slots=True)
class Legend:
    """A legend line: ``mark`` (as printed) means ``meaning`` (as printed).

    ``waiver`` is True when the meaning is a tuition waiver, False when it is something
    else, None when it names a waiver with a negation (``tuition not waived``): unclear,
    for the caller to report.
    """

    mark: str
    meaning: str
    waiver: bool | None
    verbatim: str

    @property
    def charged(self) -> bool:
        """Whether the meaning states a fee IS charged (``* = fee-paying``): a row with the
        mark is no waiver agreement (:func:`states_fee`)."""
        return self.waiver is False and states_fee(self.meaning)


def texts(table: str) -> list[str]:
    """The texts of the ``[[table]]`` entries of ``waiver_words.toml``."""
    return [str(entry["text"]) for entry in entries(FILE, table)]


@cache
def _words(table: str) -> WordSet:
    return WordSet(texts(table))


_BRACKETED = re.compile(r"\s*[(（][^()（）]*[)）]")


def _meaning_is_waiver(meaning: str) -> bool | None:
    """True for a waiver, None when a negation makes it unclear, False for another meaning.

    A bracketed explanation after the meaning is not read for a negation when the meaning
    outside it is a waiver: ``Tuition waiver (students pay no tuition at the host)``.

    >>> _meaning_is_waiver("Tuition waiver (students pay no tuition at the host)")
    True
    >>> _meaning_is_waiver("no tuition waiver") is None
    True
    """
    if not _words("meaning").found_in(meaning):
        return False
    outside = _BRACKETED.sub("", meaning)
    if _words("meaning").found_in(outside):
        meaning = outside
    if _words("negation").found_in(meaning) or _words("partial").found_in(meaning):
        return None  # not waived, or partly (一部免除): neither yes nor no
    return True


def states_partial(text: str) -> bool:
    """Whether ``text`` (a legend's meaning) names a partial waiver (一部免除, partial)."""
    return bool(_words("partial").found_in(text))


def states_waiver(text: str) -> bool:
    """Whether a note states the tuition waiver (``授業料不徴収``, ``Tuition waiver``) and no
    negation makes it unclear; a note that does not (``学生交流``, ``no waiver``) says nothing.

    >>> states_waiver("授業料不徴収"), states_waiver("Student exchange"), states_waiver("no waiver")
    (True, False, False)
    """
    return _meaning_is_waiver(text) is True


def states_all_waived(text: str) -> bool:
    """Whether a line states the tuition waiver of *all* partners with no condition
    (decision 0025): a waiver meaning, no negation, an ``[[all_partners]]`` word and no
    ``[[conditional]]`` word.

    >>> states_all_waived("Tuition is waived at all partner institutions.")
    True
    >>> states_all_waived("Tuition is generally waived at all partner institutions.")
    False
    """
    return states_waiver(text) and bool(_words("all_partners").found_in(text)) and \
        not _words("conditional").found_in(text)


@cache
def _charged() -> tuple[WordSet, tuple[str, ...]]:
    """The fee words: those in Latin script (whole words), the others' keys (substrings)."""
    words = texts("charged")
    latin = [w for w in words if re.search(r"[a-z]", compact(w))]
    return WordSet(latin), tuple(compact(w) for w in words if w not in latin)


def states_fee(text: str) -> bool:
    """Whether a note states that a fee IS charged (``Fee-paying``, ``授業料徴収``,
    ``有償``): the row is no waiver agreement. A note that also names a waiver word, or a
    negation, states nothing here; a Japanese word counts only where it is no part of a
    waiver word or a negated form (``不徴収``, ``非徴収``, ``徴収しない``, ``徴収なし``).

    >>> states_fee("Fee-paying"), states_fee("授業料徴収"), states_fee("授業料不徴収")
    (True, True, False)
    >>> states_fee("徴収せず"), states_fee("no fee applies"), states_fee("Student exchange")
    (False, False, False)
    """
    if _words("meaning").found_in(text) or _words("negation").found_in(text):
        return False
    latin, others = _charged()
    if latin.found_in(text):
        return True
    packed = compact(text)
    before, after = texts("charged_not_after"), texts("charged_not_before")
    for word in others:
        for found in re.finditer(re.escape(word), packed):
            prefix, rest = packed[: found.start()], packed[found.end():]
            if not any(prefix.endswith(compact(p)) for p in before) and not any(
                    rest.startswith(compact(n)) for n in after):
                return True
    return False


def _startswith_word(text: str, words: Iterable[str]) -> int:
    """The length of the longest of ``words`` that ``text`` starts with (case-folded)."""
    folded = text.casefold()
    best = 0
    for word in words:
        w = unicodedata.normalize("NFKC", word).casefold()
        if folded.startswith(w) and len(w) > best:
            if w[-1].isalpha() and w.isascii() and folded[len(w) : len(w) + 1].isalpha():
                continue  # an English word must end where the text's word ends
            best = len(w)
    return best


def _skip_prefix(text: str) -> int:
    pos = len(text) - len(text.lstrip())
    opened = text[pos : pos + 1] in OPEN
    start = pos + (1 if opened else 0)
    length = _startswith_word(text[start:], texts("note_prefix"))
    if not length:
        return pos
    pos = start + length
    while pos < len(text) and (text[pos].isdigit() or text[pos] in ").:】 "):
        pos += 1
    return pos


def mark_run(text: str, pos: int) -> int:
    """The end of the run of mark characters (then footnote digits) starting at ``pos``."""
    end = pos
    while end < len(text) and is_mark_char(text[end]):
        end += 1
    if end > pos:
        while end < len(text) and text[end].isascii() and text[end].isdigit():
            end += 1
    return end


def read_legend(line: str) -> Legend | None:
    """Read a legend line; None when the line is not one.

    >>> read_legend("※印は授業料不徴収")
    Legend(mark='※', meaning='授業料不徴収', waiver=True, verbatim='※印は授業料不徴収')
    >>> read_legend("＊：授業料不徴収協定").mark
    '＊'
    >>> read_legend("Tuition fee waiver: ✓").mark
    '✓'
    >>> read_legend("☆ = agreement at university level").waiver
    False
    >>> read_legend("ナントカ大学") is None
    True
    >>> read_legend("[TW] = tuition waiver").mark, read_legend("[TW] tuition waiver")
    ('[TW]', None)
    """
    folded = fold(line)
    text = folded.text
    pos = _skip_prefix(text)
    opened = text[pos : pos + 1] in OPEN
    mark_start = pos + (1 if opened else 0)
    mark_end = mark_run(text, mark_start)
    if (code := _CODE_MARK.match(text, pos)) is not None:  # only with a connector (= or :)
        mark_start, mark_end, opened = pos, code.end(), False
    if mark_end > mark_start:
        pos = mark_end
        if opened and text[pos : pos + 1] in CLOSE:
            pos += 1
        rest = text[pos:].lstrip()
        rest = rest[_startswith_word(rest, texts("mark_word")) :].lstrip()
        rest = _NO_PHRASE.sub("", rest, count=1) if rest.startswith("の") else rest
        connector = _startswith_word(rest, texts("connector"))
        meaning = rest[connector:].strip().rstrip("。.").strip()
        waiver = _meaning_is_waiver(meaning)
        if meaning and (connector or (waiver is not False and code is None)):
            a, b = folded.span(mark_start, mark_end)
            return Legend(line[a:b], _verbatim_meaning(line, meaning), waiver, line.strip())
    return _read_reversed_legend(line) or _read_mark_after_legend(line)


def _verbatim_meaning(line: str, folded_meaning: str) -> str:
    """The meaning as printed: the original text of the line's tail that folds to it."""
    for start in range(len(line)):
        tail = line[start:].strip().rstrip("。.．").strip()
        if compact(tail) == compact(folded_meaning):
            return tail
    return folded_meaning


def _read_reversed_legend(line: str) -> Legend | None:
    """``MEANING : MARK`` (``Tuition fee waiver: ✓``); None when the line is not that."""
    folded = fold(line)
    text = folded.text.rstrip()
    cut = max(text.rfind(":"), text.rfind("="))
    if cut <= 0:
        return None
    start = cut + 1 + (len(text[cut + 1 :]) - len(text[cut + 1 :].lstrip()))
    if start >= len(text) or mark_run(text, start) != len(text):
        return None
    meaning_start = _skip_prefix(text[:cut])
    meaning = text[meaning_start:cut].strip()
    if not any(ch.isalpha() for ch in meaning):
        return None
    a, b = folded.span(start, len(text))
    m_a, m_b = folded.span(meaning_start, cut)
    return Legend(line[a:b], line[m_a:m_b].strip(), _meaning_is_waiver(meaning), line.strip())


def _trailing_legend(line: str) -> Legend | None:
    """A waiver legend that ends a line after other text and a space (``2024年4月1日現在
    ※印は授業料不徴収``); only one whose meaning states a waiver, so that an entry with a
    mark before its date is not read as a legend."""
    for match in re.finditer(r"\s+", line.strip()):
        legend = read_legend(line.strip()[match.end():])
        if legend is not None and legend.waiver:
            return legend
    return None


def find_legends(lines: Iterable[str]) -> list[Legend]:
    """The legend lines among ``lines``, in order; a line that is not one may end with a
    waiver legend (:func:`_trailing_legend`).

    >>> [legend.mark for legend in find_legends(["2024年4月1日現在 ※印は授業料不徴収"])]
    ['※']
    >>> find_legends(["ナントカ大学 ※ 2015.4.1"])
    []
    """
    return [legend for line in lines for legend in _line_legends(line)]


_LEGEND_GAP = re.compile(r"\s+")


def _line_legends(line: str) -> list[Legend]:
    """The legends of one line: several side by side when the line, cut at its spaces (a
    folded full-width space is one), gives two legends or more
    (``◎＝授業料免除　△＝一部免除``, read as the same lines one under the other); else the
    line's one legend, if any.

    >>> [(g.mark, g.meaning) for g in _line_legends("凡例：○＝授業料不徴収　☆＝大学間協定")]
    [('○', '授業料不徴収'), ('☆', '大学間協定')]
    """
    parts = [part for part in _LEGEND_GAP.split(line.strip()) if part]
    if len(parts) > 1:
        found = [legend for part in parts if (legend := read_legend(part)) is not None]
        if len(found) > 1:
            return found
    legend = read_legend(line) or _trailing_legend(line) or _footnote(line)
    return [legend] if legend is not None else []


def _footnote(line: str) -> Legend | None:
    """A numbered footnote the document prints (``※1 …``, ``*2 …``): its mark, after a
    name, is a reference to it and no waiver mark (``waiver`` False: it states none). Only a
    mark with its number, so that a row's own mark is never taken for one.

    >>> _footnote("※1 平成24年に部局間協定から移行した。").mark
    '※1'
    >>> _footnote("※ 授業料は徴収しない。") is None, _footnote("ナントカ大学※1") is None
    (True, True)
    """
    folded = fold(line)
    text = folded.text.strip()
    offset = folded.text.index(text) if text else 0
    end = mark_run(text, 0)
    rest = text[end:].strip()
    if not end or not text[end - 1].isdigit() or not any(ch.isalpha() for ch in rest):
        return None
    a, b = folded.span(offset, offset + end)
    return Legend(line[a:b], rest, False, line.strip())


def _endswith_word(text: str, words: Iterable[str]) -> int:
    """The length of the longest of ``words`` that ``text`` ends with (case-folded); an
    English word must begin where the text's word begins: :func:`_startswith_word` read
    backwards."""
    return _startswith_word(text[::-1],
                            [unicodedata.normalize("NFKC", w)[::-1] for w in words])


def _read_mark_after_legend(line: str) -> Legend | None:
    """``MEANING [に(は)] MARK を付す`` or ``MEANING … marked with MARK``; else None."""
    folded = fold(line)
    text = folded.text.strip()
    offset = folded.text.index(text) if text else 0
    for start in range(1, len(text)):
        if not is_mark_char(text[start]) or is_mark_char(text[start - 1]):
            continue
        end = mark_run(text, start)
        before = text[:start].rstrip()
        after = text[end:].strip()
        opened = before[-1:] in OPEN
        if opened:
            before = before[:-1].rstrip()
            after = after[1:].lstrip() if after[:1] in CLOSE else after
        if after.rstrip("。.") and _startswith_word(after, texts("mark_after")):
            cut = _endswith_word(before, texts("mark_particle"))
            if not cut:
                continue
        elif not after.rstrip("。."):
            cut = _endswith_word(before, texts("mark_before"))
            if not cut:
                continue
        else:
            continue
        meaning = _BE.sub("", before[: len(before) - cut].strip())
        meaning = meaning[_skip_prefix(meaning) :].strip()
        if not any(ch.isalpha() for ch in meaning):
            continue
        a, b = folded.span(offset + start, offset + end)
        return Legend(line[a:b], _verbatim_meaning_head(line, meaning), _meaning_is_waiver(meaning),
                      line.strip())
    return None


def _verbatim_meaning_head(line: str, folded_meaning: str) -> str:
    """The meaning as printed when it begins the line: the shortest head that folds to it."""
    for end in range(len(line) + 1):
        if compact(line[:end]).endswith(compact(folded_meaning)):
            head = line[:end]
            for start in range(len(head)):
                if compact(head[start:]) == compact(folded_meaning):
                    return head[start:].strip()
    return folded_meaning
