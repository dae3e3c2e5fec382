"""Layout rules for Japanese partner names: cell tokenisation and institution/unit split.

These are rules about how Japanese institution names are written, never lists of names:

* **Cell tokenisation** (:func:`split_cell`). The damaged department table prints several
  partners in one cell, separated by spaces. A space separates two partners unless the
  token it would cut off cannot stand alone as a name:

  - a bracket group ``(…)`` / ``「…」`` belongs to the name before it (a qualifier,
    an acronym, a former name ``(旧:…)``);
  - a bare number (``701``) closes the name before it (a programme number);
  - initials (``V.I.``) and Latin words or acronyms (``Il'ichev``, ``A&M``, ``IFMA``)
    are parts of a name: they join the token after them, and initials also join the
    token before them (an eponym inside a name: ``…支部 V.N. スカチョフ森林研究所``);
  - a token that does not end like a name (no institution or unit ending, e.g. a
    katakana place name ``テキサス``) joins the token after it;
  - a token that is only a unit (``電力機械工学部``: a faculty word with no institution
    ending in it) belongs to the name before it.

* **Institution/unit split** (:func:`split_institution_unit`). The institution is the
  shortest prefix that ends in an institution ending, earliest ending first:
  ``大学校``/``大學``/``大学``, the abbreviation ``大`` (``成均館大薬学大学``), or a
  non-university ending (``科学院``, ``研究院``, ``技術院``, ``アカデミー``). Bracket
  groups right after the ending stay with the institution (``甲地質大学(乙市)``), and so
  does a campus (``…校``: ``甲工科大学乙校`` is its own institution). The rest,
  without leading separators, is the unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kyotei.graph.model.text import UNIVERSITY_ENDING

_OPEN = '(「『"“'
_CLOSE = {"(": ")", "「": "」", "『": "』", '"': '"', "“": "”"}

# Endings that make a token a complete name (institution or unit). Longest first.
_NAME_ENDINGS = (
    "大学校",
    "大學",
    "大学",
    "大",
    "学院",
    "研究院",
    "研究所",
    "研究科",
    "研究部",
    "学部",
    "学科",
    "学系",
    "課程",
    "センター",
    "ｾﾝﾀｰ",
    "アカデミー",
    "機構",
    "病院",
    "医院",
    "協会",
    "カレッジ",
    "インスティテュート",
    "学校",
    "校",
    "院",
    "所",
    "部",
    "系",
    "館",
    "会",
    "室",
    "科",
    "局",
    "省",
    "庁",
    "団",
    "社",
)
# Words that make a token a unit when no institution ending stands in it.
_UNIT_ENDINGS = ("学部", "学科", "研究科", "学系", "課程", "専攻", "学院")
_INSTITUTION_MARKS = ("大学", "大學", "大", "アカデミー", "科学院", "研究院", "技術院")

JAPANESE_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff々]")
"""One kana or kanji (the iteration mark 々 included): the Japanese side of a name or a cell."""
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+$")
_NUMBER = re.compile(r"^\d+$")
_LATIN = re.compile(r"^[A-Za-z0-9&'’.\-]+$")
_PUNCT = re.compile(r"^[-‐–—・,、/]+$")

# Institution endings for the split, with the condition on what may follow.
_UNIVERSITY_END = UNIVERSITY_ENDING  # 大 before 学/學 is always read as 大学/大學 first
_OTHER_END = re.compile(r"科学院|研究院|技術院|アカデミー")
_CAMPUS = re.compile(r"^[^・、,\s()「」大学]{1,15}?校(?![舎長])")
_SEPARATORS = " ・、,/"


@dataclass(frozen=True, slots=True)
class Token:
    """One partner name cut from a cell: its text as printed and where it starts."""

    text: str
    start: int  # offset in the cell


def _mask_brackets(text: str) -> str:
    """Replace everything inside bracket groups by '#' so rules ignore it (same length)."""
    out: list[str] = []
    stack: list[str] = []
    for ch in text:
        if stack and ch == stack[-1]:
            stack.pop()
            out.append(ch)
        elif ch in _CLOSE and not (ch == '"' and stack):
            stack.append(_CLOSE[ch])
            out.append(ch)
        else:
            out.append("#" if stack else ch)
    return "".join(out)


def _raw_tokens(cell: str) -> list[Token]:
    """Split on whitespace outside brackets."""
    masked = _mask_brackets(cell)
    return [Token(cell[m.start() : m.end()], m.start()) for m in re.finditer(r"\S+", masked)]


def _is_bracket_group(text: str) -> bool:
    return bool(text) and text[0] in _OPEN


def ends_like_name(text: str) -> bool:
    """True when ``text`` ends like a complete institution or unit name."""
    core = text.rstrip()
    while core and core[-1] in ')」』"”':  # a trailing bracket group closes a name
        return True
    return core.endswith(_NAME_ENDINGS)


def is_unit_only(text: str) -> bool:
    """A faculty-like name with no institution ending in it (``電力機械工学部``)."""
    masked = re.sub(r"\s*\([#]*\)\s*$", "", _mask_brackets(text))
    if not masked.endswith(_UNIT_ENDINGS):
        return False
    return not any(mark in masked for mark in _INSTITUTION_MARKS)


def has_institution_mark(text: str) -> bool:
    """True when an institution ending stands anywhere in ``text`` (outside brackets)."""
    masked = _mask_brackets(text)
    return any(mark in masked for mark in _INSTITUTION_MARKS)


def split_cell(cell: str) -> list[Token]:
    """Cut a table cell into partner names (see the module docstring for the rules)."""
    raw = _raw_tokens(cell)
    groups: list[list[Token]] = []
    glue_next = False
    for token in raw:
        text = token.text
        join_prev = bool(groups) and (
            glue_next
            or _is_bracket_group(text)
            or _NUMBER.match(text) is not None
            or _INITIALS.match(text) is not None
            or _PUNCT.match(text) is not None
            or is_unit_only(text)
        )
        if join_prev:
            groups[-1].append(token)
        else:
            groups.append([token])
        glue_next = (
            _INITIALS.match(text) is not None
            or _PUNCT.match(text) is not None
            or (_LATIN.match(text) is not None and _NUMBER.match(text) is None)
            or not (
                ends_like_name(text)
                or _NUMBER.match(text)
                or _is_bracket_group(text)
                or has_institution_mark(text)
            )
        )
    if (
        glue_next
        and len(groups) > 1
        and len(groups[-1]) == 1
        and not ends_like_name(groups[-1][0].text)
    ):
        # a dangling non-name at the end of the cell belongs to the name before it
        last = groups.pop()
        groups[-1].extend(last)
    return [Token(cell[g[0].start : g[-1].start + len(g[-1].text)], g[0].start) for g in groups]


def _skip_brackets(masked: str, pos: int) -> int:
    """Advance over bracket groups (and spaces before them) starting at ``pos``."""
    while True:
        probe = pos
        while probe < len(masked) and masked[probe] == " ":
            probe += 1
        if probe < len(masked) and masked[probe] in _CLOSE:
            close = _CLOSE[masked[probe]]
            end = masked.find(close, probe + 1)
            if end < 0:
                return pos
            pos = end + 1
        else:
            return pos


def split_institution_unit(name: str) -> tuple[str, str | None]:
    """Split a normalised Japanese partner name into (institution, unit or None).

    >>> split_institution_unit("大甲理工大化学工学院")
    ('大甲理工大', '化学工学院')
    >>> split_institution_unit("甲工科大学乙校")
    ('甲工科大学乙校', None)
    >>> split_institution_unit("甲地質大学(乙市)地球科学学院")
    ('甲地質大学(乙市)', '地球科学学院')
    """
    masked = _mask_brackets(name)
    ends: list[int] = []
    for pattern in (_UNIVERSITY_END, _OTHER_END):
        for match in pattern.finditer(masked):
            if match.start() >= 1:  # a name never *starts* with its ending (大連…)
                ends.append(match.end())
                break
    if not ends:
        return _split_after_bracket(name, masked)
    end = min(ends)
    end = _skip_brackets(masked, end)
    campus = _CAMPUS.match(masked[end:])
    if campus:
        end += campus.end()
        end = _skip_brackets(masked, end)
    institution = name[:end].strip()
    unit = name[end:].strip().lstrip(_SEPARATORS).strip()
    return institution, (unit or None)


def _split_after_bracket(name: str, masked: str) -> tuple[str, str | None]:
    """No institution ending: ``Name(ACRONYM)unit`` splits after the bracket group."""
    match = re.search(r"[)」]", masked)
    if match and is_unit_only(masked[match.end() :].lstrip(_SEPARATORS)):
        rest = name[match.end() :].strip().lstrip(_SEPARATORS).strip()
        return name[: match.end()].strip(), rest or None
    return name.strip(), None


_OWN_SCRIPT_BRACKET = re.compile(
    r"\s*[(（](?P<inner>[^()（）]+)[)）](?P<place>\s*,\s*[A-Za-z][^()（）,]*)?\s*$")
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")


def _not_japanese_script(text: str) -> bool:
    """Han text Japanese does not write: a character Shift_JIS (cp932) has no code for (the
    simplified 汉, 东), or the traditional 學 of 大學 (Japanese writes 大学)."""
    if "大學" in text:
        return True
    try:
        text.encode("cp932")
    except UnicodeEncodeError:
        return True
    return False


def own_script_name(name: str) -> tuple[str, str]:
    """``name`` without a bracketed name in the institution's own script, and that name.

    Lists print the Korean or Chinese name beside the Japanese or English one. It is not a
    place (``(シアトル)``) nor an English name: it is the same name in another language, and
    is not part of the Japanese or English name. Read so: a bracket wholly in Hangul; a
    bracket of Han characters Japanese does not write (:func:`_not_japanese_script`); a
    bracket of Han characters as long as the kanji name before it and alike in at least half
    of its places (``国立台湾大学(國立臺灣大學)``). Anything else stays.

    >>> own_script_name("ナントカ大学校(나낭대학교)")
    ('ナントカ大学校', '나낭대학교')
    >>> own_script_name("Nantoka University (南东大学)")
    ('Nantoka University', '南东大学')
    >>> own_script_name("Nantoka University (南东大学), Shenyang")  # a place after it stays
    ('Nantoka University, Shenyang', '南东大学')
    >>> own_script_name("国立台湾大学(國立臺灣大學)")
    ('国立台湾大学', '國立臺灣大學')
    >>> own_script_name("東北大学(瀋陽)"), own_script_name("ナントカ大学(シアトル)")
    (('東北大学(瀋陽)', ''), ('ナントカ大学(シアトル)', ''))
    """
    match = _OWN_SCRIPT_BRACKET.search(name)
    if match is None:
        return name, ""
    inner, head = match["inner"].strip(), name[: match.start()].rstrip()
    letters = [c for c in inner if not c.isspace()]
    if not head or not letters:
        return name, ""
    place = (match["place"] or "").strip()  # Nantoka University (南东大学), Shenyang
    if all(_HANGUL.match(c) for c in letters):
        return head + (f", {place[1:].strip()}" if place else ""), inner
    if _KANA.search(inner) or not all(_HAN.match(c) for c in letters):
        return name, ""
    if _not_japanese_script(inner):
        return head + (f", {place[1:].strip()}" if place else ""), inner
    if place:
        return name, ""
    alike = sum(a == b for a, b in zip(head, inner, strict=False))
    if len(head) == len(inner) and _HAN.search(head) and 2 * alike >= len(head):
        return head, inner
    return name, ""


_LATIN_BRACKET = re.compile(r"\s*[(（](?P<inner>[^()（）]+)[)）]\s*$")
_ENGLISH_INSTITUTION = re.compile(
    r"\b(?:University|College|Institute|School|Academy|Polytechnic)\b")
_LATIN_WORDS = re.compile(r"[^\W\d_]+")


def _latin_script(text: str) -> bool:
    return all(not ch.isalpha() or ord(ch) < 0x250 for ch in text)


def translated_name(name: str) -> tuple[str, str]:
    """``name`` without its English translation in a trailing bracket, and the translation.

    A list prints a non-English Latin-script name with its English beside it, often on the
    cell's next line: ``Universidad de Nantoka (University of Nantoka)``. The bracket is the
    same name in another language (as :func:`own_script_name` reads a Korean or Chinese
    one), not part of the name. Read so only when the name before it is Latin script of two
    words or more naming no English institution word, and the bracket is Latin script of two
    words or more holding one; anything else stays (an acronym ``(UNAM)``, a place
    ``(Coral Gables, Florida)``, an English name with its original in brackets).

    >>> translated_name("Universidad de Nantoka\\n(University of Nantoka)")
    ('Universidad de Nantoka', 'University of Nantoka')
    >>> translated_name("Universidad Nacional de Nantoka (UNN)")[1]
    ''
    >>> translated_name("University of Nantoka (Universidade de Nantoka)")[1]
    ''
    """
    match = _LATIN_BRACKET.search(name)
    if match is None:
        return name, ""
    head, inner = name[: match.start()].strip(), match["inner"].strip()
    if not (_latin_script(head) and _latin_script(inner)) or _ENGLISH_INSTITUTION.search(head):
        return name, ""
    if len(_LATIN_WORDS.findall(head)) < 2 or len(_LATIN_WORDS.findall(inner)) < 2:
        return name, ""
    if not _ENGLISH_INSTITUTION.search(inner):
        return name, ""
    return head, inner
