"""The corpus's model: a document's plan (sections of rows) and each row's ground truth.

A plan is drawn from a seeded ``random.Random``; the renderers (one per format) print it
and set each row's locator. Damage to the printed strings is applied here
(``corpus_damage``); damage to the layout (page furniture, wrapped or split rows) by the
renderers, which know where lines and cells fall.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from corpus_data import HOMES, PARTNER_UNITS, PARTNERS, REGION_OF, REGION_ORDER, Home, Partner
from corpus_forms import DATE_STYLES, WAIVER_COLUMNS, WAIVER_MARKS, format_date

UNIVERSITY_LAYOUTS = ("grouped-list", "table")
DEPARTMENT_LAYOUTS = ("dept-grouped", "dept-table")
TABLE_LAYOUTS = ("table", "dept-table")


@dataclass
class Spec:
    """What one document is: format, variant (encoding, ruled or not …), sections, language."""

    id: str
    fmt: str  # txt, csv, html, xlsx, pdf
    variant: str
    layouts: tuple[str, ...]  # one per section
    language: str  # ja, en, bi
    damage: str  # clean, light, heavy


@dataclass
class Row:
    """One agreement as a document prints it, with its truth."""

    level: str
    partner: Partner
    country: str
    name_ja: str | None
    name_en: str | None
    date: dt.date | None
    date_text: str
    date_truth: str | None
    waiver: bool | None
    home_unit: tuple[str, str] | None = None
    partner_unit: tuple[str, str] | None = None
    printed_ja: str | None = None
    printed_en: str | None = None
    damage: list[str] = field(default_factory=list)
    unreadable: bool = False
    doubled: bool = False
    garbage: str = ""
    locator: dict[str, Any] = field(default_factory=dict)
    duplicate_locator: dict[str, Any] | None = None

    def truth(self, home: Home) -> dict[str, Any]:
        unit = self.home_unit
        partner_unit = self.partner_unit
        return {
            "level": self.level,
            "home": {"ja": home.ja, "en": home.en},
            "home_unit": {"ja": unit[0], "en": unit[1]} if unit else None,
            "partner": {
                "id": self.partner.id,
                "ja": self.name_ja,
                "en": self.name_en,
                "printed_ja": self.printed_ja,
                "printed_en": self.printed_en,
            },
            "partner_unit": (
                {"ja": partner_unit[0], "en": partner_unit[1]} if partner_unit else None
            ),
            "country": self.country,
            "signed": self.date_truth,
            "signed_printed": self.date_text or None,
            "waiver": self.waiver,
            "locator": self.locator,
            "damage": sorted(self.damage),
        }


@dataclass
class Section:
    level: str
    layout: str
    heading: str
    rows: list[Row]


@dataclass
class Doc:
    """A planned document: its spec, home, styles, sections, and what the renderer adds."""

    spec: Spec
    home: Home
    title: str
    as_of: dt.date
    date_style: str
    country_style: str
    waiver_style: str  # none, mark, column
    waiver_mark: str
    waiver_values: tuple[str, str]
    numbered: bool
    regions: bool
    probabilities: dict[str, float]
    sections: list[Section]
    stated_totals: list[dict[str, Any]] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)  # page headers/footers printed

    @property
    def rows(self) -> list[Row]:
        return [row for section in self.sections for row in section.rows]


def random_date(rng: random.Random) -> dt.date:
    if rng.random() < 0.12:  # first era years: 平成元年, 令和元年
        start = rng.choice((dt.date(1989, 1, 8), dt.date(2019, 5, 1)))
        return start + dt.timedelta(days=rng.randrange(0, 230))
    if rng.random() < 0.06:  # 昭和
        return dt.date(1978, 1, 1) + dt.timedelta(days=rng.randrange(0, 4000))
    return dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(0, 12400))


def pick_partners(rng: random.Random, count: int) -> list[Partner]:
    pool = list(PARTNERS)
    chosen: list[Partner] = []
    while len(chosen) < count and pool:
        partner = rng.choices(pool, weights=[p.weight for p in pool])[0]
        pool.remove(partner)
        chosen.append(partner)
    return chosen


def date_style_for(rng: random.Random, language: str) -> str:
    if language == "en":
        return rng.choice(("english-mdy", "english-dmy", "slash", "iso", "dot"))
    if language == "ja":
        return rng.choice([s for s in DATE_STYLES if not s.startswith("english")])
    return rng.choice(DATE_STYLES)


def make_row(
    rng: random.Random, doc: Doc, level: str, partner: Partner, unit: tuple[str, str] | None
) -> Row:
    language = doc.spec.language
    name_ja = rng.choice(partner.ja) if language in ("ja", "bi") else None
    name_en = rng.choice(partner.en) if language in ("en", "bi") else None
    day = random_date(rng)
    text, truth = format_date(day, doc.date_style)
    waiver = None if doc.waiver_style == "none" else rng.random() < 0.4
    partner_unit = None
    if level == "department" and rng.random() < 0.7:
        partner_unit = rng.choice(PARTNER_UNITS)
    return Row(level, partner, partner.country, name_ja, name_en, day, text, truth, waiver,
               unit, partner_unit, name_ja, name_en)  # fmt: skip


def order_rows(rows: list[Row]) -> list[Row]:
    """Region, then country, then the order drawn: how lists group their partners."""

    def key(row: Row) -> tuple[int, str]:
        return REGION_ORDER.index(REGION_OF[row.country]), row.country

    return sorted(rows, key=key)


def waiver_columns(language: str) -> list[tuple[str, str]]:
    """The yes/no pairs a waiver column prints in a document of this language."""
    if language == "en":
        return [v for v in WAIVER_COLUMNS if v[0] != "有"]
    if language == "ja":  # 有/無 is what Japanese-only tables mostly print
        return [("○", "–"), ("有", "無")]
    return list(WAIVER_COLUMNS)


def plan(spec: Spec, rng: random.Random, probabilities: dict[str, float]) -> Doc:
    """Draw a document: home, styles, rows; string damage applied by the caller."""
    home = rng.choice(HOMES)
    as_of = dt.date(rng.choice((2022, 2023, 2024, 2025)), rng.choice((4, 5, 9, 10)), 1)
    waiver_style = rng.choice(("none", "mark", "mark", "column"))
    doc = Doc(
        spec=spec, home=home, title="", as_of=as_of,
        date_style=date_style_for(rng, spec.language),
        country_style=rng.choice(
            ("en", "en-long", "en-upper", "abbr", "mixed-en") if spec.language == "en"
            else ("ja", "ja-long", "mixed-ja", "ja", "en", "en-upper", "mixed-en")
        ),
        waiver_style=waiver_style, waiver_mark=rng.choice(WAIVER_MARKS),
        waiver_values=rng.choice(waiver_columns(spec.language)),
        numbered=rng.random() < 0.5,
        regions=rng.random() < 0.4, probabilities=probabilities, sections=[],
    )  # fmt: skip
    for layout in spec.layouts:
        level = "department" if layout in DEPARTMENT_LAYOUTS else "university"
        if level == "university":
            partners = pick_partners(rng, rng.randint(12, 34))
            rows = [make_row(rng, doc, level, p, None) for p in partners]
            rows = order_rows(rows)
            heading = "Inter-University Agreements" if spec.language == "en" else "大学間協定"
        else:
            rows = []
            for unit in home.units:
                partners = pick_partners(rng, rng.randint(2, 7))
                rows += order_rows([make_row(rng, doc, level, p, unit) for p in partners])
            heading = "Faculty-Level Agreements" if spec.language == "en" else "部局間協定"
        doc.sections.append(Section(level, layout, heading, rows))
    drop_unprinted_waivers(doc)
    return doc


def drop_unprinted_waivers(doc: Doc) -> None:
    """A waiver column has nowhere to go in a list: its rows state no waiver (truth ``null``).

    Draws nothing from the generator, so the rest of the document is drawn as before.
    """
    if doc.waiver_style != "column":
        return
    for section in doc.sections:
        if section.layout not in TABLE_LAYOUTS:
            for row in section.rows:
                row.waiver = None
    if not any(section.layout in TABLE_LAYOUTS for section in doc.sections):
        doc.waiver_style = "none"
