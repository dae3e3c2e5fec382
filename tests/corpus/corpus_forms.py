"""How real lists print dates, country names and waiver marks: one style per document.

Each function takes the fact and the document's style and returns the printed text; the
ground truth keeps the fact (ISO date, ISO country code, boolean waiver).
"""

from __future__ import annotations

import datetime as dt

from corpus_data import COUNTRIES

DATE_STYLES = (
    "dot", "dot-padded", "slash", "kanji", "wareki", "wareki-abbr", "english-mdy",
    "english-dmy", "month", "iso", "kanji-fullwidth", "wareki-fullwidth",
)  # fmt: skip
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
ERAS = (  # name, abbreviation, first day
    ("令和", "R", dt.date(2019, 5, 1)),
    ("平成", "H", dt.date(1989, 1, 8)),
    ("昭和", "S", dt.date(1926, 12, 25)),
)
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def wareki(day: dt.date) -> tuple[str, str, int]:
    """The era name, its abbreviation and the era year of ``day``."""
    for name, abbr, first in ERAS:
        if day >= first:
            return name, abbr, day.year - first.year + 1
    raise ValueError(f"{day} is before the eras the corpus prints")


def format_date(day: dt.date, style: str) -> tuple[str, str]:
    """The printed date and the truth value (ISO date, or ``YYYY-MM`` when month-only)."""
    iso = day.isoformat()
    if style == "dot":
        return f"{day.year}.{day.month}.{day.day}", iso
    if style == "dot-padded":
        return f"{day.year}.{day.month:2d}.{day.day:2d}", iso
    if style == "slash":
        return f"{day.year}/{day.month:02d}/{day.day:02d}", iso
    if style in ("kanji", "kanji-fullwidth"):
        text = f"{day.year}年{day.month}月{day.day}日"
        return (text.translate(FULLWIDTH) if style.endswith("fullwidth") else text), iso
    if style in ("wareki", "wareki-fullwidth"):
        name, _, year = wareki(day)
        text = f"{name}{'元' if year == 1 else year}年{day.month}月{day.day}日"
        return (text.translate(FULLWIDTH) if style.endswith("fullwidth") else text), iso
    if style == "wareki-abbr":
        _, abbr, year = wareki(day)
        return f"{abbr}{year}.{day.month}.{day.day}", iso
    if style == "english-mdy":
        return f"{MONTHS[day.month - 1]} {day.day}, {day.year}", iso
    if style == "english-dmy":
        return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}", iso
    if style == "month":
        return f"{day.year}年{day.month}月", f"{day.year}-{day.month:02d}"
    if style == "iso":
        return iso, iso
    raise ValueError(f"unknown date style {style!r}")


# Country forms: index into the COUNTRIES tuple, and whether to upper-case.
COUNTRY_STYLES = ("ja", "ja-long", "en", "en-long", "en-upper", "abbr", "mixed-ja", "mixed-en")


def format_country(code: str, style: str, pick: int) -> str:
    """The country as a heading or a cell prints it; ``pick`` varies 'mixed' styles."""
    ja, ja_long, en, en_long, abbr = COUNTRIES[code]
    if style == "ja":
        return ja
    if style == "ja-long":
        return ja_long
    if style == "en":
        return en
    if style == "en-long":
        return en_long
    if style == "en-upper":
        return en.upper()
    if style == "abbr":
        return abbr
    if style == "mixed-ja":
        return (ja, ja_long)[pick % 2]
    if style == "mixed-en":
        return (en, en_long, abbr, en.upper())[pick % 4]
    raise ValueError(f"unknown country style {style!r}")


# Waiver styles: a mark after the item with a legend, a column, or no waiver information.
WAIVER_MARKS = ("*", "＊", "※", "○", "◎", "✓")
WAIVER_COLUMNS = (("有", "無"), ("Yes", "No"), ("○", "–"), ("○", ""))
LEGENDS_JA = (
    "{m}印は授業料不徴収協定",
    "{m}：授業料相互不徴収",
    "（注）{m}は授業料等不徴収の協定を示す",
)
LEGENDS_EN = (
    "{m} Tuition waiver",
    "{m} indicates a tuition waiver agreement",
    "Note: {m} = tuition fees waived",
)


def legend(mark: str, language: str, pick: int) -> str:
    """The legend line that defines the waiver mark."""
    forms = LEGENDS_EN if language == "en" else LEGENDS_JA
    return forms[pick % len(forms)].format(m=mark)
