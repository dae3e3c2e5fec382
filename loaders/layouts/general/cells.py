"""What one cell (or one run of a text line) holds, read from its content alone.

Used where a table has no header a reader can map, and for lines extracted from PDFs whose
columns survive only as runs of spaces: a line is cut into runs at two spaces or a tab, and
each run is classified: a row number, a country, a region, a date, a waiver word, an
organisational unit, or a name. Names are then split into Japanese and English and into
institution and unit with the layout rules of :mod:`kyotei.loaders.layouts.bilingual.names`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from kyotei.graph.model.countries import resolve_country
from kyotei.graph.model.records import PartyName
from kyotei.graph.model.regions import lookup_region
from kyotei.loaders.document import fold_text
from kyotei.loaders.fields.dates import DateReading, find_date, parse_date
from kyotei.loaders.fields.units import is_unit_name
from kyotei.loaders.fields.waiver import is_mark_char, read_waiver_cell
from kyotei.loaders.layouts.bilingual.names import split_partner, split_two_languages
from kyotei.loaders.names import (
    JAPANESE_CHAR,
    ends_like_name,
    has_institution_mark,
    own_script_name,
    split_cell,
    translated_name,
)

__all__ = [
    "Kind", "Run", "cjk_words", "classify", "glued", "heading_count", "heading_text",
    "is_campus", "is_ending_alone", "is_name", "looks_like_heading", "party_from",
    "several_names", "split_runs",
]  # fmt: skip

# tabs, two spaces, an ideographic space, or dot leaders (``Name ........ 2015.4.1``)
_RUN_SEPARATOR = re.compile(r"\t+|\s*(?:[.．]{3,}|[…‥]{2,}|[・･·]{3,})\s*|\s{2,}|\u3000+")
_ROW_NUMBER = re.compile(r"^(?:No\.?\s*)?[(（]?\d{1,4}[)）.．]?$", re.IGNORECASE)
# a bullet, an item number (1. 1) (1) ①, as printed: NFKC makes ① a bare digit), or a bare
# row number set apart by two spaces
_CIRCLED = "\u2460-\u2473\u24ea\u24eb-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf"
_BULLET = re.compile(
    r"^\s*(?:[-–・•●○◆◇■□▪▶►*※" + _CIRCLED + r"]|\d{1,4}[.)．）]|[(（]\d{1,4}[)）]"
    r"|\d{1,3}(?=\s{2,}|\u3000))\s*")
_HEADING_DECORATION = re.compile(r"^[\s【\[〔<＜■□◆◇●○▶►・\-]+|[\s】\]〕>＞:：]+$")
# after a date: the word for signing, then renewals in brackets (not dates of signing)
_SIGNED_THEN_RENEWED = re.compile(r"^\s*(?:締結|調印|署名)?\s*(?:[(（][^()（）]*更新[)）])?")
_WAIVER_LABEL = re.compile(r"^(?:授業料|学費|tuition(?:\s+fees?)?)\s*[:：]\s*(\S.*)$",
                           re.IGNORECASE)
_TRAILING_COUNT = re.compile(r"\s*[(（]\s*\d+\s*(?:校|機関|件|大学)?\s*[)）]\s*$")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")
_ANY_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")
_EN_INSTITUTION = re.compile(
    r"\b(?:Universit(?!ies\b)\w*|College|Institute|Institut(?!ions?\b|es\b)\w*|Academy|Akademi\w*|Academia|School|"
    r"Hochschule|[ÉE]cole|Politecnico|Polytechnic\w*|Conservato\w*|Centre|Center|Hospital|"
    r"Universidad|Universidade|Università|Universität|Uniwersytet|Univerzit\w*|Yliopisto|"
    r"Council|Foundation|Laboratory|Observatory|Museum|Society|Ministry|Agency)\b",
    re.IGNORECASE,
)
_TRAILING_BRACKET = re.compile(r"\s*[(（][^()（）]*[)）]?\s*$")
_ABBREVIATION = re.compile(r"^\s*\(\s*[A-Z][A-Za-z&.\-]{1,7}\s*\)\s*$")  # (UCLA), (NTU)
_SPACE_BEFORE_BRACKET = re.compile(r"\s+(?=[(（])")
# a dash left dangling after a name, or a dash and a label (— Signed:) whose value was cut off
_DANGLING = re.compile(r"\s+[—–―-]+(?:\s*[^\s:：—–―-]{1,12}\s*[:：])?\s*$")
_LATIN_THEN_KANJI = re.compile(r"^([A-Za-z][^()]*[a-z.])\(([^()]+)\)$")  # Name(漢字名)
# a space, or a line break where a cell wrapped at its edge (ナントカ・アルファベー / タ校)
_CJK_SPACE = re.compile(r"(?<=[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff々])[ \u3000\n]+"
                        r"(?=[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff々])")
_NO_WORD_START = frozenset("ぁぃぅぇぉっゃゅょゎんァィゥェォッャュョヮヵヶーン")
_ENDING_WORDS = frozenset({"university", "college", "institute", "universität", "université",
                           "universidad", "universidade", "università"})
MAX_HEADING = 30  # characters: a country or region heading is short


class Kind(StrEnum):
    """What a run of text holds."""

    EMPTY = "empty"
    NUMBER = "number"
    COUNTRY = "country"
    REGION = "region"
    DATE = "date"
    UNIT = "unit"
    NAME = "name"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Run:
    """A run of a line or a cell: its verbatim text, what it holds, and what was read."""

    text: str
    kind: Kind
    country: str | None = None
    region: str | None = None
    date: DateReading | None = None
    extra: dict[str, str] = field(default_factory=dict)


def split_runs(text: str) -> list[str]:
    """Cut a line into runs at tabs, two spaces or an ideographic space; a run that is only
    a name's ending (``大学``, ``University``: a name cut by a stray space), a campus
    (``アルファ校``) or a whole bracket (a place that tells namesakes apart, an English
    name) stays with the run before it.

    >>> split_runs("1  中国   北京大学  2015.4.1")
    ['1', '中国', '北京大学', '2015.4.1']
    >>> split_runs("ナントカ　大学※  2015.4.1")
    ['ナントカ\u3000大学※', '2015.4.1']
    >>> split_runs("ナントカ大学アル  ファ校(Nantoka University)  2015.4.1")
    ['ナントカ大学アル  ファ校(Nantoka University)', '2015.4.1']
    >>> split_runs("ナントカ大学　(カントカ)　2015.4.1")  # a bracketed qualifier
    ['ナントカ大学\u3000(カントカ)', '2015.4.1']
    >>> split_runs("Nantoka University ........ 1 April 2015 *")  # dot leaders
    ['Nantoka University', '1 April 2015 *']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for sep in [*_RUN_SEPARATOR.finditer(text), None]:
        stop = sep.start() if sep else len(text)
        run = text[start:stop].strip()
        previous = fold_text(text[spans[-1][0]:spans[-1][1]]).strip() if spans else ""
        core = _TRAILING_BRACKET.sub("", fold_text(run)) if run else ""
        qualifier = run[:1] in "(（" and run.rstrip(" *※＊○◎✓")[-1:] in ")）" and is_name(
            previous) and not find_date(previous)
        if run and spans and (qualifier or (core and (
                (is_ending_alone(core) and not ends_like_name(previous))
                or is_campus(core) or glued(previous, core)))):
            spans[-1] = (spans[-1][0], stop)
        elif run:
            spans.append((start, stop))
        start = sep.end() if sep else len(text)
    return [text[a:b].strip() for a, b in spans]


def cjk_words(run: str) -> list[str]:
    """A Japanese row whose cells a single space separates, cut into those cells; or the
    run alone when it is no such row.

    It is one only when a word after the first has an institution ending and the first
    does not (so ``ナントカ大学 理学部``, a name and its unit, stays whole) and every word
    is Japanese, a date or an item number (English names hold single spaces).

    >>> cjk_words("1. ノルウェー王国 ベルゲン大学 医学部 2009年11月")
    ['1.', 'ノルウェー王国', 'ベルゲン大学', '医学部', '2009年11月']
    >>> cjk_words("ベルゲン大学 医学部"), cjk_words("University of Bergen 2009")
    (['ベルゲン大学 医学部'], ['University of Bergen 2009'])
    """
    words = run.split()
    body = words[1:] if words and _ROW_NUMBER.match(words[0]) else words
    if len(body) < 2 or _LATIN_WORD.search(run) or is_name(body[0]):
        return [run]
    if not any(has_institution_mark(w) for w in body[1:]):
        return [run]
    return words


def is_ending_alone(run: str) -> bool:
    """A run that is only an institution ending, with a mark at most (``大学※``, ``大學``,
    ``University``): what is left of a name a stray space cut."""
    core = run.rstrip(" *※＊○◎✓").strip()
    if JAPANESE_CHAR.search(core):
        return 0 < len(core) <= 3 and has_institution_mark(core) and ends_like_name(core)
    return core.casefold() in _ENDING_WORDS


def heading_count(text: str) -> int | None:
    """The count a heading prints after its name (``中国（3件）`` → 3), or None."""
    match = _TRAILING_COUNT.search(text.strip())
    return int(re.sub(r"\D", "", match.group())) if match else None


def heading_text(text: str) -> str:
    """A heading without its decoration and trailing count: ``【中国】(12)`` → ``中国``."""
    stripped = _TRAILING_COUNT.sub("", text.strip())
    return _HEADING_DECORATION.sub("", stripped).strip()


def is_name(text: str) -> bool:
    """Whether ``text`` names an institution (an institution ending, Japanese or English).

    >>> is_name("北京大学"), is_name("Seoul National University"), is_name("中国")
    (True, True, False)
    """
    return has_institution_mark(text) or bool(_EN_INSTITUTION.search(text))


def looks_like_heading(text: str) -> bool:
    """A short line of letters with no date, no institution ending and no unit ending:
    a heading whose words kyotei does not know (a country name it cannot read, say)."""
    core = heading_text(text)
    if not core or len(core) > MAX_HEADING or not _LETTER.search(core):
        return False
    if is_name(core) or is_unit_name(core) or parse_date(core).ok:
        return False
    return not any(ch.isdigit() for ch in core)


def classify(text: str) -> Run:
    """Classify one run by its content alone.

    >>> [classify(t).kind.value for t in ("12", "大韓民国", "アジア", "H27.4.1", "理学部",
    ...                                   "ソウル大学校", "Peking University", "???")]
    ['number', 'country', 'region', 'date', 'unit', 'name', 'name', 'other']

    A date followed by the word for signing and its renewals in brackets is the signing
    date; a waiver after its label (``授業料：相互免除``) is the waiver, kept in ``extra``:

    >>> classify("2015年4月1日締結(2020年4月1日更新)").date.date.isoformat()
    '2015-04-01'
    >>> classify("授業料:相互免除").extra
    {'waiver': '相互免除'}
    """
    stripped = text.strip()
    if not stripped:
        return Run(text, Kind.EMPTY)
    if _ROW_NUMBER.match(stripped):
        return Run(text, Kind.NUMBER)
    core = heading_text(stripped)
    if core and (match := resolve_country(core)).status in ("known", "ambiguous"):
        return Run(text, Kind.COUNTRY, country=match.code)  # no code: ambiguous (Korea)
    if core and (region := lookup_region(core)) is not None:
        return Run(text, Kind.REGION, region=region)
    reading = parse_date(stripped)
    remainder = _SIGNED_THEN_RENEWED.sub("", reading.remainder)
    if reading.ok and all(c.isspace() or is_mark_char(c) for c in remainder):
        return Run(text, Kind.DATE, date=reading)  # 2015年4月1日締結（2020年4月1日更新）
    if (labelled := _WAIVER_LABEL.match(stripped)) and \
            read_waiver_cell(labelled.group(1)).value is not None:
        return Run(text, Kind.OTHER, extra={"waiver": labelled.group(1)})
    if is_unit_name(stripped) and not is_name(stripped):
        return Run(text, Kind.UNIT)
    if read_waiver_cell(stripped).value is not None:  # Yes / No / 有 / 無: no name
        return Run(text, Kind.OTHER)
    if is_name(stripped) or (_LETTER.search(stripped) and _name_like(stripped)):
        return Run(text, Kind.NAME)
    return Run(text, Kind.OTHER)


def _name_like(text: str) -> bool:
    """Letters enough to be a name: two kanji/kana, or a Latin word of two letters or more."""
    return len(JAPANESE_CHAR.findall(text)) >= 2 or bool(_LATIN_WORD.search(text))


def strip_bullet(text: str) -> str:
    """A list item without its bullet or item number: ``1. 北京大学`` → ``北京大学``.

    >>> strip_bullet("12  中国"), strip_bullet("2015  中国")
    ('中国', '2015  中国')
    """
    return _BULLET.sub("", text, count=1).strip()


def join_cjk_spaces(text: str) -> str:
    """A space between two Japanese (or Chinese) characters removed where the words before
    it do not end like a name: Japanese writes names without spaces, so such a space is a
    slip of the typesetter or the extractor. A space after a complete name stays: it
    separates the institution from its unit (``ナントカ大学 理学部``).

    >>> join_cjk_spaces("ナントカ 工科大学"), join_cjk_spaces("ナントカ大学 理学部")
    ('ナントカ工科大学', 'ナントカ大学 理学部')

    An institution's ending alone after a word with no institution mark in it ends that
    word (``ナントカ工科 大学``), even where the word ends like a unit (``科``).
    """
    out: list[str] = []
    last = 0
    for match in _CJK_SPACE.finditer(text):
        before = text[last:match.start()]
        out.append(before)
        head = "".join(out)
        after = text[match.end():].split(maxsplit=1)[0] if text[match.end():].strip() else ""
        keep = ends_like_name(head) and not (glued(head, after) or is_campus(after) or (
            is_ending_alone(after) and not has_institution_mark(head)))
        out.append(match.group() if keep else "")
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def glued(before: str, after: str) -> bool:
    """Whether a space between ``before`` and ``after`` cuts a Japanese word in two: the
    text after it starts with a small kana or ``ー`` (no word starts so), or an institution
    ending straddles it (``高麗大`` / ``学校``).

    >>> glued("ナントカ・カトリ", "ック大学"), glued("ナントカ大", "学校")
    (True, True)
    >>> glued("ナントカ大学", "理学部"), glued("ナントカ大学", "大学院")
    (False, False)
    """
    before, after = before.strip(), after.strip()
    if not before or not after or not JAPANESE_CHAR.match(after[0]):
        return False
    if after[0] in _NO_WORD_START:
        return True
    return ends_like_name(before[-1] + after[0]) and not ends_like_name(after[0])


def several_names(cell: str) -> list[str]:
    """The institutions a name cell lists, separated by spaces, when it lists several
    (:func:`kyotei.loaders.names.split_cell`) and each has an institution ending of its own
    and is no campus of the one before; otherwise an empty list.

    >>> several_names("ナントカ大学医学部 カントカ師範大学")
    ['ナントカ大学医学部', 'カントカ師範大学']
    >>> several_names("ナントカ大学 アルファ校"), several_names("ナントカ大学 理学部")
    ([], [])
    >>> several_names("大ナントカ  理工大学")  # 大 begins the first word: no ending
    []
    """
    tokens = [token.text for token in split_cell(cell)]
    if len(tokens) < 2 or not all(has_institution_mark(t) and ends_like_name(t)
                                  and not is_campus(t) for t in tokens):
        return []
    return tokens


def is_campus(word: str) -> bool:
    """A campus after a university's name (``マノア校``): part of the name, not a unit."""
    core = word.rstrip(" *※＊○◎✓")
    return len(core) >= 2 and core.endswith("校") and not has_institution_mark(core[:-1])


def unbracket_english(text: str) -> str:
    """The English name printed in brackets after the Japanese one, without its brackets:
    ``(Nantoka University)`` → ``Nantoka University``; a lone opening bracket too (the name
    wrapped before its closing one). A bracketed place (``(Seattle)``) is left as printed.

    >>> unbracket_english("(Nantoka University)"), unbracket_english("(Seattle)")
    ('Nantoka University', '(Seattle)')
    """
    stripped = text.strip()
    if not stripped.startswith("("):
        return text
    inner = stripped[1:]
    inner = inner[:-1] if inner.endswith(")") and inner.count("(") < inner.count(")") else inner
    if _EN_INSTITUTION.search(inner) or len(_LATIN_WORD.findall(inner)) >= 3:
        return inner.strip()
    return text


def party_from(ja_or_both: str, english: str = "") -> PartyName:
    """The partner a name cell (and an English name cell, if any) print.

    A cell printing both languages is split where the Japanese ends; a parenthesised place
    stays with the name it qualifies (``ナントカ大学 (シアトル)`` is one institution).

    >>> p = party_from("ナントカ大学 理学部", "Nantoka University, Faculty of Science")
    >>> p.institution_ja, p.unit_ja, p.institution_en, p.unit_en
    ('ナントカ大学', '理学部', 'Nantoka University', 'Faculty of Science')
    >>> party_from("Example University").institution_en
    'Example University'
    >>> party_from("ナントカ大学 (シアトル)").institution_ja
    'ナントカ大学(シアトル)'
    >>> p = party_from("ナントカ大学 (NU)")
    >>> p.institution_ja, p.institution_en
    ('ナントカ大学', None)
    >>> party_from("Nantoka University / Yong Lin School of Science").unit_en
    'Yong Lin School of Science'
    >>> p = party_from("Nantoka University (南戸加大学)")
    >>> p.institution_ja, p.institution_en
    ('南戸加大学', 'Nantoka University')
    >>> p = party_from("ナントカ大学校（나낭대학교）")
    >>> p.institution_ja, p.institution_en
    ('ナントカ大学校', None)
    """
    text = _DANGLING.sub("", fold_text(ja_or_both).strip())  # 見本大学 — 締結日: (a date cut)
    text = join_cjk_spaces(_SPACE_BEFORE_BRACKET.sub("", text))
    text = own_script_name(text)[0]  # a Korean or Chinese name beside it is not its name
    english = own_script_name(fold_text(english).strip())[0] if english.strip() else english
    both = _LATIN_THEN_KANJI.match(text)
    if both and all(JAPANESE_CHAR.match(ch) for ch in both.group(2)) and \
            has_institution_mark(both.group(2)):  # a place in kanji ((瀋陽)) is no name
        ja, en = both.group(2), both.group(1)  # the English name, then the same in kanji
    elif JAPANESE_CHAR.search(text):
        ja, en = split_two_languages(text)
    elif text and not _ANY_LATIN.search(text):
        # A Hangul (or other non-Latin, non-Japanese) name, beside its English name cell or
        # alone: the non-Latin name, kept whole (no Japanese unit words to split it at).
        return PartyName(text, english.strip() or None, None, None)
    else:
        ja, en = "", text
    if ja and _ABBREVIATION.match(en):
        en = ""  # (UCLA) after the Japanese name: its abbreviation, not its English name
    en = translated_name(unbracket_english(en))[0]  # Universidad de X (University of X)
    if english.strip():
        en = english.strip() if not en else en
    head, slash, tail = en.rpartition(" / ")  # Nantoka University / Faculty of Science
    words = tail.split()
    if slash and head and any(is_unit_name(" ".join(words[i:])) for i in range(len(words))):
        party, _ = split_partner(ja, head)
        return PartyName(party.institution_ja, party.institution_en, party.unit_ja,
                         party.unit_en or tail)
    party, _ = split_partner(ja, en)
    return party
