"""Organisational unit names (学部, 研究科, Faculty of …) and department headers with a count.

A department table groups its rows under headers that name one or more home units with
the number of agreements below: ``農学研究科・農学部 (12)``, ``理工学域（5件）``,
``Faculty of Letters (7)``. :func:`parse_department_header` reads any such line — any
unit name with a count — and returns the unit names verbatim and the count; a line whose
names are not all unit names (``ナントカ大学 (3)``) is not a header.

The endings that make a name a unit are data (``unit_endings.toml``), each with a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from kyotei.loaders.fields._fold import fold, key
from kyotei.loaders.fields._vocab import compact, entries

__all__ = [
    "DepartmentHeader",
    "UnitEnding",
    "is_unit_name",
    "is_university_wide",
    "parse_department_header",
    "unit_ending",
    "unit_endings",
]

_FILE = "unit_endings.toml"
# Between two unit names in one header: 農学研究科・農学部, 理学部／理学研究科, …及び….
_SEPARATOR = re.compile(r"\s*(?:[・/、;&]|及び|および)\s*")
_POSITIONS = ("suffix", "prefix", "contains")


@dataclass(frozen=True, slots=True)
class UnitEnding:
    """One form that makes a name a unit name (see ``unit_endings.toml``)."""

    text: str
    lang: str
    position: Literal["suffix", "prefix", "contains"]
    note: str


@dataclass(frozen=True, slots=True)
class DepartmentHeader:
    """A department header: the unit names as printed, and the count it states.

    ``count`` is None when the header states none (only with ``require_count=False``);
    ``count_text`` is the count as printed (``（5件）``).
    """

    units: tuple[str, ...]
    count: int | None
    count_text: str
    verbatim: str


def _read(table: str) -> tuple[UnitEnding, ...]:
    found: list[UnitEnding] = []
    for entry in entries(_FILE, table):
        position, lang = entry.get("position"), entry.get("lang")
        if position not in _POSITIONS or lang not in ("ja", "en"):
            raise ValueError(f"{_FILE}: {entry['text']!r}: bad position or lang")
        found.append(UnitEnding(str(entry["text"]), str(lang), position, str(entry["note"])))
    return tuple(found)


@cache
def unit_endings() -> tuple[UnitEnding, ...]:
    """The unit endings of ``unit_endings.toml``, longest first."""
    return tuple(sorted(_read("ending"), key=lambda e: -len(e.text)))


def _matches(name: str, ending: UnitEnding) -> bool:
    if ending.lang == "en":
        spaced, word = key(name), key(ending.text)
        if ending.position == "prefix":
            return spaced.startswith(word + " ") and len(spaced) > len(word) + 1
        if ending.position == "suffix":
            return spaced.endswith(" " + word)
        return f" {word} " in f" {spaced} "
    packed, word = compact(name), compact(ending.text)
    if ending.position == "suffix":
        return packed.endswith(word) and len(packed) > len(word)
    if ending.position == "prefix":
        return packed.startswith(word) and len(packed) > len(word)
    return word in packed and len(packed) > len(word)


def unit_ending(name: str) -> UnitEnding | None:
    """The (longest) ending that makes ``name`` a unit name, or None.

    >>> unit_ending("理工学域").text, unit_ending("Faculty of Letters").text
    ('学域', 'Faculty of')
    >>> unit_ending("ナントカ大学") is None, unit_ending("学部") is None
    (True, True)
    """
    return next((e for e in unit_endings() if _matches(name, e)), None)


def is_unit_name(name: str) -> bool:
    """Whether ``name`` is an organisational unit's name (it has a unit ending)."""
    return unit_ending(name) is not None


_HEADING_MARKS = " ■□◆◇●○◎▶►▼▽▲△・-"  # bullets a heading may begin with
_HEADING_OPEN, _HEADING_CLOSE = "【[〔", "】]〕"  # brackets a heading may stand in


@cache
def _count_pattern() -> re.Pattern[str]:
    words = sorted(_read("count_word"), key=lambda e: -len(e.text))
    after = "|".join(re.escape(key(w.text)) for w in words if w.position == "suffix")
    before = "|".join(re.escape(key(w.text)) for w in words if w.position == "prefix")
    number = rf"(?:(?:{before})\s*)?(?P<n>\d+)\s*(?:{after})?"
    return re.compile(
        rf"\s*(?:[(\[【〔]\s*{number}\s*[)\]】〕]"
        rf"|:?\s*(?:(?:{before})\s*)?(?P<n2>\d+)\s*(?:{after}))\s*$",
        re.IGNORECASE,
    )


@cache
def _heading_endings() -> tuple[UnitEnding, ...]:
    return _read("heading_ending")


def _heading_unit(name: str) -> bool:
    """A unit name in a counted heading: a unit ending, or a ``[[heading_ending]]``."""
    return is_unit_name(name) or any(_matches(name, e) for e in _heading_endings())


def _split_units(text: str, counted: bool = False) -> list[tuple[int, int]] | None:
    """Spans of the unit names in ``text``, or None if it is not all unit names.

    Names are separated by ・ / 、 & 及び, but a separator may also be inside one name
    (化学・生命科学研究科, Faculty of Arts & Sciences): of the ways to cut ``text`` at its
    separators into unit names only, the one with the most names is taken. ``counted``: the
    heading states a count, so the ``[[heading_ending]]`` forms make units too.
    """
    cuts = [(0, 0), *((m.start(), m.end()) for m in _SEPARATOR.finditer(text))]
    cuts.append((len(text), len(text)))
    # best[j]: the most unit names that text up to cut j splits into (None: impossible)
    best: list[list[tuple[int, int]] | None] = [[]] + [None] * (len(cuts) - 1)
    for j in range(1, len(cuts)):
        for i in range(j):
            before = best[i]
            piece = (cuts[i][1], cuts[j][0])
            if before is None or not (_heading_unit if counted else is_unit_name)(
                    text[piece[0] : piece[1]]):
                continue
            current = best[j]
            if current is None or len(before) + 1 > len(current):
                best[j] = [*before, piece]
    return best[-1] or None


def parse_department_header(
    line: str, *, require_count: bool = True
) -> DepartmentHeader | None:
    """Read a department header line: unit names, then a count; None if it is not one.

    >>> header = parse_department_header("農学研究科・農学部 (12)")
    >>> header.units, header.count, header.count_text
    (('農学研究科', '農学部'), 12, '(12)')
    >>> parse_department_header("理工学域（5件）").count
    5
    >>> parse_department_header("Faculty of Letters (7)").units
    ('Faculty of Letters',)
    >>> parse_department_header("ナントカ大学 (3)") is None
    True
    >>> parse_department_header("■理学研究科（4件）").units  # a bullet is no part of the name
    ('理学研究科',)
    >>> parse_department_header("【大学院理学研究科】（2件）").units  # nor its brackets
    ('大学院理学研究科',)
    >>> parse_department_header("○ 공과대학 (4건)").units  # 대학: a unit in a counted heading
    ('공과대학',)
    >>> parse_department_header("공과대학", require_count=False) is None
    True
    """
    folded = fold(line)
    text = folded.text.strip()
    offset = folded.text.index(text) if text else 0
    match = _count_pattern().search(text)
    if match is None and require_count:
        return None
    names_end = match.start() if match else len(text)
    names = text[:names_end].rstrip(" :")
    lead = len(names) - len(names.lstrip(_HEADING_MARKS))  # ■工学研究科: a heading's bullet
    end = len(names)
    if len(names) > lead + 1 and names[lead] in _HEADING_OPEN and names.endswith(
            _HEADING_CLOSE[_HEADING_OPEN.index(names[lead])]):
        lead, end = lead + 1, end - 1  # 【工学研究科】: a heading's brackets too
    spans = _split_units(names[lead:end], counted=match is not None)
    if spans is None:
        return None
    units = []
    for a, b in spans:
        o_a, o_b = folded.span(offset + lead + a, offset + lead + b)
        units.append(line[o_a:o_b].strip())
    count: int | None = None
    count_text = ""
    if match is not None:
        count = int(match["n"] or match["n2"])
        c_a, c_b = folded.span(offset + match.start(), offset + match.end())
        count_text = line[c_a:c_b].strip()
    return DepartmentHeader(tuple(units), count, count_text, line.strip())


@cache
def _university_wide() -> frozenset[str]:
    return frozenset(compact(str(e["text"])) for e in entries(_FILE, "university_wide"))


def is_university_wide(text: str) -> bool:
    """Whether a home-unit cell names the whole university, not a unit (``全学``,
    ``university-wide``; the words are ``unit_endings.toml``'s ``[[university_wide]]``).

    >>> [is_university_wide(t) for t in ("全学", " University-wide ", "理学部")]
    [True, True, False]
    """
    return bool(text.strip()) and compact(text) in _university_wide()
