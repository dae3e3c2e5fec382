"""A row whose cells one space separates, written in two scripts: its country cell found.

Text taken from a PDF keeps one space between the cells of a row: ``3. USA ナントカ大学
理学部 H27.4.1`` is a number, a country, a partner name, its unit and a date. Cut at two
spaces it is one run; read whole, the country word would be taken for the partner's name.
Where the country is printed in one script (Latin letters) and the name in another (kana
and kanji), or the other way round, the change of script marks where the country cell
ends: the leading words that name a country — in any form kyotei knows, or an ambiguous
one such as ``Korea`` — and are followed by a word in the other script are the country
cell. A date the row ends with is its own cell; the rest (the name, a unit after it) stays
one run for the name readers to split.

Within one script no such cut is made: ``Korea University`` and ``中国 ナントカ大学`` are
read by the other rules (a country word may begin an institution's name) — but for a
Japanese country word one space before a Japanese name with an institution ending that the
English name follows (``タイ王国 ナントカ大学 Nantoka University``): Japanese writes no
space inside a name, and the other rules do not cut a row holding Latin words.
"""

from __future__ import annotations

import re

from kyotei.graph.model.countries import resolve_country
from kyotei.loaders.fields.dates import DateReading, find_date, parse_date
from kyotei.loaders.fields.headers import Role, header_words
from kyotei.loaders.layouts.general.cells import Kind, Run, heading_text, is_name
from kyotei.loaders.names import JAPANESE_CHAR, has_institution_mark

__all__ = ["country_between", "country_first", "item_tail", "join_name_fragment"]

_ROW_NUMBER = re.compile(r"^(?:No\.?\s*)?[(（]?\d{1,4}[)）.．]?$", re.IGNORECASE)
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")
_MAX_COUNTRY_WORDS = 6  # "Federal Democratic Republic of Nepal"
_MARKS = " *※＊○◎✓†"


def _script(text: str) -> str | None:
    """``latin`` or ``cjk`` when every letter of ``text`` is of that script, else None."""
    latin, cjk = bool(_LATIN.search(text)), bool(JAPANESE_CHAR.search(text))
    if latin == cjk:
        return None
    return "latin" if latin else "cjk"


def country_first(run: str) -> list[str] | None:
    """The cells of a one-space row that starts (after its item number) with a country in
    one script and goes on with a name in the other; None for any other run.

    >>> country_first("3. USA ナントカ大学 理学部 H27.4.1")
    ['3.', 'USA', 'ナントカ大学 理学部', 'H27.4.1']
    >>> country_first("New Zealand ナントカ大学＊")
    ['New Zealand', 'ナントカ大学＊']
    >>> country_first("韓国 Nantoka University 2015.4.1")
    ['韓国', 'Nantoka University', '2015.4.1']
    >>> country_first("Korea University 2015.4.1") is None
    True
    >>> country_first("タイ王国 ナントカ大学 Nantoka University")
    ['タイ王国', 'ナントカ大学 Nantoka University']
    """
    words = list(re.finditer(r"\S+", run))
    cells: list[str] = []
    if words and _ROW_NUMBER.match(words[0].group()):
        cells.append(words[0].group())
        words = words[1:]
    for size in range(min(len(words) - 1, _MAX_COUNTRY_WORDS), 0, -1):
        head = run[words[0].start():words[size - 1].end()]
        rest = run[words[size].start():].strip()
        script, after = _script(head), words[size].group()
        # 中国 ナントカ大学 Nantoka University: a Japanese country word, then a Japanese
        # name with an institution ending and the English name (a Japanese name has no space)
        kanji = script == "cjk" and size == 1 and _script(after) == "cjk" and \
            has_institution_mark(after) and bool(_LATIN.search(run[words[size].end():]))
        if script is None or (_script(after[:1] or "") in (None, script) and not kanji):
            continue
        if resolve_country(heading_text(head)).status not in (
                ("known",) if kanji else ("known", "ambiguous")):
            continue
        name, date = rest, ""
        found = find_date(rest)
        if found is not None and not rest[found.span[1]:].strip(_MARKS):
            name, date = rest[: found.span[0]].strip(), rest[found.span[0]:].strip()
        if not is_name(name):
            return None
        return [*cells, head, name, *([date] if date else [])]
    return None


_BRACKET_END = re.compile(r"[(（]([^()（）]+)[)）]\s*$")
_LABELLED_YEAR = re.compile(r"\s((?:1[89]|20)\d\d)\s*$")
_SEPARATORS = " -‐–—―:：,、"


def _date_labels() -> tuple[str, ...]:
    """The date header words (``signed``, ``since``, ``締結日`` …), longest first."""
    words = {w.text.casefold() for w in header_words() if w.role is Role.DATE}
    return tuple(sorted(words, key=len, reverse=True))


def _without_label(text: str) -> str | None:
    """``text`` without the date label it ends with (and the dashes before it), or None."""
    folded = text.rstrip().casefold()
    for label in _date_labels():
        start = len(folded) - len(label)
        if folded.endswith(label) and start > 0 and not folded[start - 1].isalnum():
            return text.rstrip()[:start].rstrip(_SEPARATORS)
    return None


def item_tail(name: str, dated: bool, heading: tuple[str, str] | None = None
              ) -> tuple[str, tuple[str, str] | None, DateReading | None]:
    """A one-line item's name without what it prints after the name: the word that
    introduces its date (``-- signed``, ``Since``; ``dated``: the date was cut off already),
    a year alone after such a word (returned, read as a year), and a bracketed country
    (returned with its code). A bracket that is no country (``(Boston)``, ``(NTU)``) stays,
    and so does one naming another country than the ``heading`` the item is listed under
    (``University of X (Georgia)`` under the United States: a state, not the country).

    >>> item_tail("Nantoka University † (China) Since", True)
    ('Nantoka University †', ('CN', 'China'), None)
    >>> n, c, year = item_tail("Nantoka University (Boston) -- signed 2016", False)
    >>> n, c, year.text, year.precision.value
    ('Nantoka University (Boston)', None, '2016', 'year')
    >>> item_tail("Nantoka University 2016", False)
    ('Nantoka University 2016', None, None)
    >>> item_tail("Nantoka University (Georgia) Since", True, ("US", "USA"))[:2]
    ('Nantoka University (Georgia)', None)
    """
    year: DateReading | None = None
    rest = _without_label(name) if dated else None
    if not dated and (found := _LABELLED_YEAR.search(name)) is not None:
        rest = _without_label(name[:found.start()])
        year = parse_date(found.group(1)) if rest is not None else None
    name = name if rest is None else rest
    match = _BRACKET_END.search(name)
    code = resolve_country(match.group(1).strip()).code if match and match.start() else None
    if match is None or code is None or (heading is not None and heading[0] != code):
        return name, None, year
    return name[:match.start()].rstrip(), (code, match.group(1).strip()), year


_COUNTRY_BETWEEN = re.compile(r"^(?P<name>[^()（）]+?)\s*[(（](?P<country>[^()（）]+)[)）]\s*"
                              r"(?P<unit>[^()（）]+)$")


def country_between(name: str) -> tuple[str, tuple[str, str], str] | None:
    """A name printed with its country in brackets and the partner's unit after it
    (``ナントカ大学（タイ）理学部``): the name, (the country's code, as printed) and the unit;
    None when the bracket names no country or the head is no institution's name.

    >>> country_between("ナントカ大学(タイ)理学部")
    ('ナントカ大学', ('TH', 'タイ'), '理学部')
    >>> country_between("ナントカ大学(本校)理学部") is None
    True
    """
    match = _COUNTRY_BETWEEN.match(name.strip())
    if match is None or not is_name(match["name"]):
        return None
    code = resolve_country(match["country"].strip()).code
    if code is None:
        return None
    return match["name"].strip(), (code, match["country"].strip()), match["unit"].strip()


def join_name_fragment(runs: list[Run]) -> list[Run]:
    """The runs of a row whose country is known, with a Japanese word that is no name on
    its own (no institution ending, no country, region, unit or date) joined to the name
    run right after it: the row's country cell is already read, so the word can only be
    the start of the name a stray space cut off (``サン  パウロ大学``).

    >>> from kyotei.loaders.layouts.general.cells import classify
    >>> [r.text for r in join_name_fragment([classify("ブラジル"), classify("サン"),
    ...                                      classify("ナントカ大学"), classify("2015.4.1")])]
    ['ブラジル', 'サンナントカ大学', '2015.4.1']
    """
    out: list[Run] = []
    for run in runs:
        before = out[-1] if out else None
        if before is not None and before.kind is Kind.NAME and run.kind is Kind.NAME and \
                not is_name(before.text) and is_name(run.text) and \
                JAPANESE_CHAR.search(before.text[-1:]) and JAPANESE_CHAR.match(run.text.strip()):
            out[-1] = Run(before.text.strip() + run.text.strip(), Kind.NAME)
            continue
        out.append(run)
    return out
