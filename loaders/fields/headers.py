"""Column headers → column roles, for a general table layout (Japanese and English).

:func:`read_header_row` takes a row of header cells and says, for each column, which field
it holds (:class:`Role`), how sure the reading is, and which headers it does not know.
Headers are matched on keys (NFKC, case-folded, whitespace and line breaks removed), so
``締結\\n年月日`` and ``Ｃｏｕｎｔｒｙ／Ｒｅｇｉｏｎ`` are read. The words are data:
``header_words.toml`` (and the waiver headers of ``waiver_words.toml``).

Confidence: 1.0 for a header equal to a word; 0.7 for a header that contains a word (the
longest word found: ``協定校名（英語）`` contains 協定校名; only distinctive words are looked
for inside a header — two or more English words, three or more Japanese characters — as a
single ``University`` or ``地域`` also occurs inside data cells); both multiplied by the word's own
confidence, which is lower for a header that can mean two roles (``部局``: the home
department, or the partner's unit beside a plain home column; the other role is given in
``candidates``; decision 0025). Two words of the
same length and different roles in one header make it ambiguous: no role, both candidates
(but a header naming the institution and its English name, ``協定校 英文名`` — a two-row
header joined — is the English name). A header equal to a word of three characters or
more read backwards (``収徴不料業授``: a title set vertically in a PDF, extracted bottom to
top) has that word's role at 0.7.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from kyotei.loaders.fields._fold import is_mark_char
from kyotei.loaders.fields._vocab import WordSet, compact, contains_word, entries, findable_inside
from kyotei.loaders.fields.waiver import waiver_header_words

__all__ = ["ColumnRole", "HeaderReading", "HeaderWord", "Role", "column_role", "header_words",
           "labelled_value", "read_header_row"]

_FILE = "header_words.toml"
EXACT, CONTAINED = 1.0, 0.7
REVERSED_MIN = 3  # a header equal to a word read backwards: a rotated title (decision 0025)


class Role(StrEnum):
    """What a column holds."""

    COUNTRY = "country"
    INSTITUTION = "institution"
    PARTNER_UNIT = "partner_unit"
    HOME_DEPARTMENT = "home_department"
    DATE = "date"
    EXPIRY = "expiry"
    WAIVER = "waiver"
    LEVEL = "level"
    NUMBER = "number"
    ENGLISH_NAME = "english_name"
    NOTES = "notes"


@dataclass(frozen=True, slots=True)
class HeaderWord:
    """One header word of the data files, with its role."""

    text: str
    role: Role
    confidence: float = 1.0
    also: Role | None = None


@dataclass(frozen=True, slots=True)
class ColumnRole:
    """The reading of one header cell.

    ``role`` is None for an empty, unknown or ambiguous header; ``word`` is the data
    file's word that matched; ``candidates`` lists the other roles the header may have.
    """

    index: int
    header: str
    role: Role | None
    confidence: float
    word: str | None = None
    candidates: tuple[Role, ...] = ()


@dataclass(frozen=True, slots=True)
class HeaderReading:
    """The reading of a header row: one :class:`ColumnRole` per cell, in order."""

    columns: tuple[ColumnRole, ...]

    @property
    def unrecognised(self) -> tuple[ColumnRole, ...]:
        """Non-empty headers with no role (unknown or ambiguous)."""
        return tuple(c for c in self.columns if c.role is None and c.header.strip())

    @property
    def roles(self) -> dict[Role, tuple[int, ...]]:
        """Each role recognised, with the indexes of its columns (two for a repeated role)."""
        found: dict[Role, list[int]] = {}
        for column in self.columns:
            if column.role is not None:
                found.setdefault(column.role, []).append(column.index)
        return {role: tuple(indexes) for role, indexes in found.items()}

    @property
    def score(self) -> float:
        """The share of non-empty header cells recognised (0.0 for a row with none)."""
        filled = [c for c in self.columns if c.header.strip()]
        if not filled:
            return 0.0
        return sum(1 for c in filled if c.role is not None) / len(filled)


def _role(value: object, where: str) -> Role:
    try:
        return Role(str(value))
    except ValueError:
        raise ValueError(f"{_FILE}: {where}: unknown role {value!r}") from None


@cache
def header_words() -> tuple[HeaderWord, ...]:
    """Every header word: ``header_words.toml`` and the waiver headers of the waiver file."""
    words: list[HeaderWord] = []
    for entry in entries(_FILE, "word"):
        text = str(entry["text"])
        also = entry.get("also")
        confidence = entry.get("confidence", 1.0)
        if not isinstance(confidence, int | float) or not 0 < confidence <= 1:
            raise ValueError(f"{_FILE}: {text!r}: confidence must be in (0, 1]")
        words.append(HeaderWord(text, _role(entry.get("role"), text), float(confidence),
                                _role(also, text) if also is not None else None))
    words.extend(HeaderWord(text, Role.WAIVER) for text in waiver_header_words())
    return tuple(words)


@cache
def _exact() -> dict[str, HeaderWord]:
    return {compact(word.text): word for word in header_words()}


@cache
def _inside() -> tuple[dict[str, HeaderWord], WordSet]:
    """The words that may be found inside a header, by text, and prepared for search."""
    words = {w.text: w for w in header_words() if findable_inside(w.text)}
    return words, WordSet(words)


@cache
def _qualifiers() -> tuple[tuple[str, Role, Role], ...]:
    return tuple(
        (str(e["text"]), _role(e.get("of"), str(e["text"])), _role(e.get("role"), str(e["text"])))
        for e in entries(_FILE, "qualifier")
    )


def _strip_marks(packed: str) -> str:
    stripped = packed.strip(":").strip()
    while stripped and is_mark_char(stripped[-1]) and len(stripped) > 1:
        stripped = stripped[:-1]
    return stripped or packed


def column_role(header: object, index: int = 0) -> ColumnRole:
    """The role of one header cell (``index`` is its column).

    >>> column_role("締結\\n年月日").role, column_role("Ｃｏｕｎｔｒｙ／Ｒｅｇｉｏｎ").role
    (<Role.DATE: 'date'>, <Role.COUNTRY: 'country'>)
    >>> c = column_role("協定校名（英語）")
    >>> c.role, c.confidence, c.word
    (<Role.ENGLISH_NAME: 'english_name'>, 0.7, '協定校名')
    >>> column_role("部局").role, column_role("部局").candidates
    (<Role.HOME_DEPARTMENT: 'home_department'>, (<Role.PARTNER_UNIT: 'partner_unit'>,))
    >>> column_role("Budget").role is None
    True
    >>> column_role("収徴不料業授").role  # set vertically, extracted backwards
    <Role.WAIVER: 'waiver'>
    """
    text = "" if header is None else str(header)
    packed = _strip_marks(compact(text))
    if not packed:
        return ColumnRole(index, text, None, 0.0)
    word = _exact().get(packed)
    base = EXACT
    if word is None and len(packed) >= REVERSED_MIN and packed[::-1] in _exact():
        word, base = _exact()[packed[::-1]], CONTAINED  # a title set vertically, read backwards
    if word is None:
        by_text, inside = _inside()
        found = [by_text[found_text] for found_text in inside.found_in(text)]
        if not found:
            return ColumnRole(index, text, None, 0.0)
        longest = max(len(compact(w.text)) for w in found)
        best = [w for w in found if len(compact(w.text)) == longest]
        roles = sorted({w.role for w in best})
        if set(roles) == {Role.INSTITUTION, Role.ENGLISH_NAME}:  # 協定校 英文名: in English
            best, roles = [w for w in best if w.role is Role.ENGLISH_NAME], [Role.ENGLISH_NAME]
        if len(roles) > 1:
            return ColumnRole(index, text, None, 0.0, candidates=tuple(roles))
        word, base = best[0], CONTAINED
    role = word.role
    for qualifier, of, becomes in _qualifiers():
        if role is of and contains_word(text, qualifier):
            role = becomes
    candidates = (word.also,) if word.also is not None else ()
    return ColumnRole(index, text, role, round(base * word.confidence, 3), word.text, candidates)


def read_header_row(cells: Sequence[object]) -> HeaderReading:
    """Read a row of header cells: the role of each column, and the ones not recognised.

    >>> row = read_header_row(["No.", "国・地域", "協定校", "締結日", "授業料不徴収", "予算"])
    >>> [c.role.value if c.role else None for c in row.columns]
    ['number', 'country', 'institution', 'date', 'waiver', None]
    >>> [c.header for c in row.unrecognised], round(row.score, 2)
    (['予算'], 0.83)
    """
    return HeaderReading(tuple(column_role(cell, index) for index, cell in enumerate(cells)))


def labelled_value(text: str, role: Role) -> str:
    """The value of a cell that labels it with a header word of ``role`` (``相手部局：
    Faculty of Medicine`` in a notes cell), or ``""``: the label must be, exactly, a header
    word of that role, and a value must follow it.

    >>> labelled_value("相手部局：Faculty of Law", Role.PARTNER_UNIT)
    'Faculty of Law'
    >>> [labelled_value(t, Role.PARTNER_UNIT) for t in ("授業料不徴収", "注：x")]
    ['', '']
    """
    label, colon, value = text.replace("：", ":").partition(":")
    if not colon or not value.strip() or "\n" in label:
        return ""
    word = _exact().get(_strip_marks(compact(label)))
    return value.strip() if word is not None and word.role is role else ""
