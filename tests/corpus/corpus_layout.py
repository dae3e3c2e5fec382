"""Lay a planned document out as format-neutral entries: list lines or table rows.

``list_entries`` gives the lines of a grouped list (headings, items, legend, totals);
``table_rows`` gives the header and data rows of a table with the country (and home unit)
cells spanning their group. The renderers print these and set the rows' locators.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from corpus_data import REGION_OF, REGIONS
from corpus_forms import format_country, legend
from corpus_model import Doc, Row, Section


@dataclass
class Entry:
    """One printed line of a list; ``row`` when it prints an agreement."""

    kind: str  # title, heading, region, country, unit, item, cont, dup, garbage, legend, total
    text: str
    row: Row | None = None


def locate(row: Row | None, kind: str, locator: dict[str, Any], extent: str) -> None:
    """Record where a row is printed: its first place, the next part, or its duplicate."""
    if row is None:
        return
    if kind in ("item", "data", "garbage"):
        row.locator = dict(locator)
    elif kind == "cont":
        row.locator[extent] = [row.locator[extent.rstrip("s")], locator[extent.rstrip("s")]]
    elif kind == "dup":
        row.duplicate_locator = dict(locator)


@dataclass
class TRow:
    """One table row; ``spans`` maps a spanning column to its row count (0: covered)."""

    kind: str  # header, data, cont, dup, garbage
    cells: dict[str, str]
    row: Row | None = None
    spans: dict[str, int] = field(default_factory=dict)


def mark(doc: Doc, row: Row) -> str:
    """The waiver mark after the name (after a space in English), or nothing."""
    if doc.waiver_style != "mark" or not row.waiver:
        return ""
    return (" " if is_en(doc) else "") + doc.waiver_mark


def country(doc: Doc, code: str) -> str:
    return format_country(code, doc.country_style, sum(map(ord, code)))


def is_en(doc: Doc) -> bool:
    return doc.spec.language == "en"


def name(row: Row) -> str:
    if row.printed_ja and row.printed_en:
        return f"{row.printed_ja}（{row.printed_en}）"
    return row.printed_ja or row.printed_en or ""


def legend_line(doc: Doc) -> str | None:
    if doc.waiver_style != "mark":
        return None
    return legend(doc.waiver_mark, doc.spec.language, len(doc.home.key))


def total_line(doc: Doc, rows: list[Row], level: str) -> str:
    """A stated total, in one of the forms lists print; recorded in the truth with its text."""
    count = len(rows)
    countries = len({r.country for r in rows})
    unit = "institutions" if level == "university" else "agreements"
    stated = [(unit, count)]
    if is_en(doc):
        text = f"Total: {count} {unit} in {countries} countries/regions"
        stated.append(("countries", countries))
    elif level == "department":
        text = f"計 {count}件"
    elif len(doc.home.key) % 2:
        text = f"計 {count}校"
    else:
        text = f"合計 {countries}ヶ国・地域 {count}機関"
        stated.append(("countries", countries))
    for what, value in stated:
        doc.stated_totals.append({"scope": level, "unit": what, "value": value, "text": text})
    return text


def item_text(doc: Doc, row: Row, number: int) -> str:
    prefix = f"{number}. " if doc.numbered else ""
    parts = []
    if row.level == "department":
        parts.append(country(doc, row.country))
    parts.append(name(row) + mark(doc, row))
    if row.partner_unit:
        parts.append(row.partner_unit[1] if is_en(doc) else row.partner_unit[0])
    if row.date_text:
        parts.append(row.date_text)
    return prefix + ("  " if is_en(doc) else "　").join(parts)


def _items(doc: Doc, rows: list[Row], counter: list[int]) -> list[Entry]:
    entries = []
    for row in rows:
        counter[0] += 1
        if row.unreadable:
            entries.append(Entry("garbage", row.garbage, row))
            continue
        text = item_text(doc, row, counter[0])
        if "wrap" in row.damage:
            cut = max(3, len(name(row)) // 2) + (len(str(counter[0])) + 2 if doc.numbered else 0)
            entries += [Entry("item", text[:cut], row), Entry("cont", "    " + text[cut:], row)]
        else:
            entries.append(Entry("item", text, row))
        if row.doubled:
            entries.append(Entry("dup", text, row))
    return entries


def list_entries(doc: Doc, section: Section) -> list[Entry]:
    """A grouped list: region and country headings (university) or unit headings."""
    entries = [Entry("heading", section.heading)]
    counter = [0]
    if section.level == "university":
        for region, in_region in groupby(section.rows, key=lambda r: REGION_OF[r.country]):
            if doc.regions:
                label = REGIONS[region][1 if is_en(doc) else 0]
                entries.append(Entry("region", f"【{label}】" if not is_en(doc) else label))
            for code, group in groupby(in_region, key=lambda r: r.country):
                text = country(doc, code)
                entries.append(Entry("country", f"■{text}" if len(text) % 3 == 0 else text))
                entries += _items(doc, list(group), counter)
    else:
        for unit, group in groupby(section.rows, key=lambda r: r.home_unit):
            rows = list(group)
            assert unit is not None
            if is_en(doc):
                heading = f"{unit[1]} ({len(rows)})"
            else:
                heading = (
                    f"{unit[0]}（{len(rows)}）"
                    if len(unit[0]) % 2
                    else f"{unit[0]} ({len(rows)}件)"
                )
            doc.stated_totals.append(
                {"scope": unit[0], "unit": "agreements", "value": len(rows), "text": heading}
            )
            entries.append(Entry("unit", heading))
            entries += _items(doc, rows, counter)
    if (note := legend_line(doc)) is not None:
        entries.append(Entry("legend", note))
    entries.append(Entry("total", total_line(doc, section.rows, section.level)))
    return entries


def columns(doc: Doc, section: Section) -> list[tuple[str, str]]:
    en, bi = is_en(doc), doc.spec.language == "bi"
    cols: list[tuple[str, str]] = []
    if section.level == "department":
        cols.append(("unit", "Faculty/School" if en else "部局"))
    elif doc.numbered or doc.spec.fmt in ("xlsx", "csv"):
        cols.append(("no", "No."))
    cols.append(("country", "Country/Region" if en else ("国・地域" if bi else "国名")))
    if not en:
        cols.append(("name_ja", "協定校" if bi else "大学名"))
    if en or bi:
        cols.append(("name_en", "Partner Institution" if en else "英語名"))
    if section.level == "department":
        cols.append(("punit", "Partner Faculty" if en else "相手部局"))
    cols.append(("date", "Date of Agreement" if en else ("締結日" if bi else "締結年月日")))
    if doc.waiver_style == "column":
        cols.append(("waiver", "Tuition Waiver" if en else "授業料不徴収"))
    return cols


def name_column(cols: list[tuple[str, str]]) -> str:
    keys = [k for k, _ in cols]
    return "name_ja" if "name_ja" in keys else "name_en"


def _cells(doc: Doc, row: Row, number: int, cols: list[tuple[str, str]]) -> dict[str, str]:
    keys = {k for k, _ in cols}
    key = name_column(cols)
    cells = {"no": str(number), "country": country(doc, row.country), "date": row.date_text,
             "name_ja": row.printed_ja or "", "name_en": row.printed_en or ""}  # fmt: skip
    cells[key] += mark(doc, row)
    if row.home_unit:
        cells["unit"] = row.home_unit[1] if is_en(doc) else row.home_unit[0]
    if row.partner_unit:
        cells["punit"] = row.partner_unit[1] if is_en(doc) else row.partner_unit[0]
    if row.waiver is not None:
        cells["waiver"] = doc.waiver_values[0 if row.waiver else 1]
    return {k: v for k, v in cells.items() if k in keys}


def table_rows(doc: Doc, section: Section) -> list[TRow]:
    """Header and data rows; continuation (split), duplicate and garbage rows in place."""
    cols = columns(doc, section)
    out = [TRow("header", dict(cols))]
    for number, row in enumerate(section.rows, start=1):
        cells = _cells(doc, row, number, cols)
        if row.unreadable:
            keep = {"no", "country", "unit"}
            junk = {k: (v if k in keep else "") for k, v in cells.items()}
            junk[name_column(cols)] = row.garbage
            out.append(TRow("garbage", junk, row))
            continue
        if "split" in row.damage:
            later = {"name_en", "date", "waiver", "punit"} - {name_column(cols)}
            first = {k: ("" if k in later else v) for k, v in cells.items()}
            rest = {k: (v if k in later else "") for k, v in cells.items()}
            out += [TRow("data", first, row), TRow("cont", rest, row)]
        else:
            out.append(TRow("data", cells, row))
        if row.doubled:
            out.append(TRow("dup", dict(cells), row))
    _spans(out, "country")
    if section.level == "department":
        _spans(out, "unit")
    for trow in out:  # a shifted row inside a merged group would break the merge: not shifted
        if trow.row and "shifted" in trow.row.damage and any(v != 1 for v in trow.spans.values()):
            trow.row.damage.remove("shifted")
    return out


def _spans(rows: list[TRow], key: str) -> None:
    """Give the first row of each run of equal values the run's length, the others 0."""
    start = None
    for i, trow in enumerate(rows):
        if trow.kind == "header":
            continue
        first = rows[start] if start is not None else None
        if trow.kind in ("cont", "dup") or (
            first is not None
            and trow.cells.get(key, "") == first.cells[key]
            and trow.row is not None
            and first.row is not None
            and _group(trow.row, key) == _group(first.row, key)
        ):
            if start is not None:
                rows[start].spans[key] += 1
                trow.spans[key] = 0
                continue
        start = i
        trow.spans[key] = 1


def _group(row: Row, key: str) -> object:
    return row.home_unit if key == "unit" else (row.home_unit, row.country)
