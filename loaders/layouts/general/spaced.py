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
read by the other rules (a country word may begin an institution's name).
"""

from __future__ import annotations

import re

from kyotei.graph.model.countries import resolve_country
from kyotei.loaders.fields.dates import find_date
from kyotei.loaders.layouts.general.cells import heading_text, is_name
from kyotei.loaders.names import JAPANESE_CHAR

__all__ = ["country_first"]

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
    """
    words = list(re.finditer(r"\S+", run))
    cells: list[str] = []
    if words and _ROW_NUMBER.match(words[0].group()):
        cells.append(words[0].group())
        words = words[1:]
    for size in range(min(len(words) - 1, _MAX_COUNTRY_WORDS), 0, -1):
        head = run[words[0].start():words[size - 1].end()]
        rest = run[words[size].start():].strip()
        script = _script(head)
        if script is None or _script(words[size].group()[:1] or "") in (None, script):
            continue
        if resolve_country(heading_text(head)).status not in ("known", "ambiguous"):
            continue
        name, date = rest, ""
        found = find_date(rest)
        if found is not None and not rest[found.span[1]:].strip(_MARKS):
            name, date = rest[: found.span[0]].strip(), rest[found.span[0]:].strip()
        if not is_name(name):
            return None
        return [*cells, head, name, *([date] if date else [])]
    return None
