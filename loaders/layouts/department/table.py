"""Loader for the department-level table layout (部局間協定).

Columns: 部局名 (home faculty or institute, with its number of partners in brackets), エリア,
国・地域名, 協定校名. How the damaged extraction is read is documented in
:mod:`kyotei.loaders.layouts.department.rows` (cells by content, blocks at headers) and
:mod:`kyotei.loaders.layouts.department.repairs` (moves proven by the stated counts). This module
adds the merged-cell reading of areas and countries and turns blocks into records:

* **Country**: one country printed on the row (basis ``printed``); several printed in one
  cell (``カナダ アメリカ``) leave the country open with both as candidates; none printed
  carries the country of the row above within the same block (``carried``, a merged cell),
  unless the row prints an area that the document never gives that country.
* **Region**: the area printed on the row; else the area this document prints beside the
  row's country elsewhere (``document``: the document's own grouping); else the area
  carried from the row above (``carried``).
* **Duplicates**: a partner printed twice under one header is one agreement; the place it
  stands alone on its row is its source, the other places are kept in its provenance.
* **Header OCR**: ``工学研究所・工学部`` reads ``工学研究科・工学部`` when the header pairs a
  研究所 with the faculty of the same stem and the same table writes that pairing as
  ``…研究科・…部`` elsewhere (a graduate school pairs with its faculty; an institute does
  not). Real institutes (``金属材料研究所``) are never touched.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from kyotei.graph.model.records import (
    AgreementRecord,
    Basis,
    CountCheck,
    DocumentInfo,
    Finding,
    LoadResult,
    PartyName,
    Repair,
    SectionInfo,
    Severity,
    SourceSpan,
)
from kyotei.loaders.layouts.department.repairs import (
    move_header_line_partners,
    primary_items,
    split_overflow,
)
from kyotei.loaders.layouts.department.rows import (
    Block,
    Header,
    Item,
    Row,
    Statement,
    group_blocks,
    is_furniture,
    parse_row,
    parse_statement,
)
from kyotei.loaders.layouts.section import section_lines
from kyotei.loaders.names import split_institution_unit

_PAIRED = re.compile(r"^(?P<stem>.+?)(?P<kind>研究科|研究所)・(?P<faculty>.+?部)$")
_SECTION_TITLES = ("部局間協定", "学術交流協定締結等")


def load_department_table(doc: DocumentInfo, section: SectionInfo, lines: list[str]) -> LoadResult:
    """Read lines ``section.start_line..end_line`` (1-based) of ``lines``."""
    result = LoadResult(document=doc)
    rows: list[Row] = []
    statement: Statement | None = None
    for number in section_lines(section, lines):
        text = lines[number - 1]
        stripped = text.strip()
        if is_furniture(text) or stripped in _SECTION_TITLES:
            continue
        found = parse_statement(stripped, number)
        if found is not None and statement is None:
            statement = found
            continue
        row = parse_row(number, text)
        if row.header is None and not row.items and (row.countries or row.area):
            result.findings.append(
                Finding(
                    code="dept.row-without-partner",
                    severity=Severity.WARNING,
                    document=doc.file,
                    lines=(number,),
                    message=(
                        "an area or country is printed with no partner: its partners may "
                        "stand in a neighbouring row under another country"
                    ),
                    text=text,
                )
            )
        rows.append(row)
    blocks = group_blocks(rows)
    _repair_header_names(blocks)
    move_header_line_partners(blocks)
    blocks = split_overflow(blocks)
    evidence = _country_regions(rows)
    for block in blocks:
        _block_records(doc, section, lines, block, evidence, result)
    _checks(doc, section, blocks, statement, result)
    return result


def _repair_header_names(blocks: list[Block]) -> None:
    headers = [b.header for b in blocks if b.header is not None]
    convention = any((m := _PAIRED.match(h.name)) and m["kind"] == "研究科" for h in headers)
    for block in blocks:
        header = block.header
        if header is None:
            continue
        match = _PAIRED.match(header.name)
        if not (convention and match and match["kind"] == "研究所"):
            continue
        if not match["faculty"].startswith(match["stem"]):
            continue
        fixed = f"{match['stem']}研究科・{match['faculty']}"
        repair = Repair(
            rule="dept.header-ocr",
            description=(
                f"header {header.text} read as {fixed}: it pairs a 研究所 with the faculty "
                f"of the same stem, a pairing this table writes …研究科・…部 elsewhere"
            ),
            lines=(header.line,),
        )
        block.header = replace(header, name=fixed, repairs=(*header.repairs, repair))


def _country_regions(rows: list[Row]) -> dict[str, str]:
    """The area the document prints beside each country (majority), as evidence."""
    votes: dict[str, Counter[str]] = {}
    for row in rows:
        if row.area and len(row.countries) == 1:
            votes.setdefault(row.countries[0], Counter())[row.area] += 1
    return {country: counter.most_common(1)[0][0] for country, counter in votes.items()}


@dataclass(slots=True)
class _Reading:
    """What the layout says of one row's country and region."""

    country: str | None = None
    country_basis: Basis | None = None
    country_text: str | None = None
    candidates: tuple[str, ...] = ()
    region: str | None = None
    region_basis: Basis | None = None
    region_text: str | None = None
    notes: list[str] = field(default_factory=list)


class _Context:
    """Merged-cell state while walking a block's rows."""

    def __init__(self) -> None:
        self.area: str | None = None
        self.area_text: str | None = None
        self.countries: tuple[str, ...] = ()
        self.country_text: str | None = None


def _read_row(row: Row, ctx: _Context, evidence: dict[str, str]) -> _Reading:
    """Country and region of a row, updating the carried (merged-cell) state."""
    out = _Reading()
    if len(row.countries) == 1:
        out.country, out.country_basis, out.country_text = (
            row.countries[0],
            Basis.PRINTED,
            row.country_text,
        )
        ctx.countries, ctx.country_text = row.countries, row.country_text
    elif row.countries:
        out.candidates, out.country_text = row.countries, row.country_text
        out.notes.append("ambiguous")
        ctx.countries, ctx.country_text = row.countries, row.country_text
    elif row.no_carry:
        out.notes.append("no-country")
    elif ctx.countries and (
        row.area is None or all(evidence.get(c, row.area) == row.area for c in ctx.countries)
    ):
        out.country_text = ctx.country_text
        if len(ctx.countries) == 1:
            out.country, out.country_basis = ctx.countries[0], Basis.CARRIED
        else:
            out.candidates = ctx.countries
            out.notes.append("ambiguous")
    else:
        ctx.countries, ctx.country_text = (), None
        out.notes.append("no-country")
    if row.area is not None:
        out.region, out.region_basis, out.region_text = row.area, Basis.PRINTED, row.area_text
    elif out.country is not None and out.country in evidence:
        out.region = evidence[out.country]
        carried = out.region == ctx.area
        out.region_basis = Basis.CARRIED if carried else Basis.DOCUMENT
        out.region_text = ctx.area_text if carried else None
    elif ctx.area is not None:
        out.region, out.region_basis, out.region_text = ctx.area, Basis.CARRIED, ctx.area_text
    if out.region != ctx.area:
        ctx.area, ctx.area_text = out.region, out.region_text
    return out


def _block_records(
    doc: DocumentInfo,
    section: SectionInfo,
    lines: list[str],
    block: Block,
    evidence: dict[str, str],
    result: LoadResult,
) -> None:
    header = block.header
    ctx = _Context()
    readings: dict[int, _Reading] = {}
    for row in block.rows:
        reading = _read_row(row, ctx, evidence)
        readings[id(row)] = reading
        if row.items and reading.notes:
            _note_row(doc, row, reading, result)
    row_of = {id(item): row for row in block.rows for item in row.items}
    for repair in block.repairs:
        severity = Severity.WARNING if repair.rule == "dept.headerless-block" else Severity.INFO
        result.findings.append(
            Finding(repair.rule, severity, doc.file, repair.lines, repair.description)
        )
    home_source = (
        SourceSpan(doc.file, header.line, header.text, lines[header.line - 1])
        if header is not None
        else None
    )
    for primary, others in primary_items(block).values():
        row = row_of[id(primary)]
        reading = readings[id(row)]
        repairs = list(header.repairs) if header is not None else []
        repairs += [r for r in block.repairs if set(r.lines) & {i.line for i in (primary, *others)}]
        if others:
            duplicate = _duplicate_repair(primary, others)
            repairs.append(duplicate)
            result.findings.append(
                Finding(
                    duplicate.rule,
                    Severity.INFO,
                    doc.file,
                    duplicate.lines,
                    duplicate.description,
                    primary.text,
                )
            )
        institution, unit = split_institution_unit(primary.name)
        result.agreements.append(
            AgreementRecord(
                document=doc.file,
                level=section.level,
                partner=PartyName(institution_ja=institution, unit_ja=unit),
                source=SourceSpan(doc.file, primary.line, primary.text, row.line_text),
                section=header.text if header is not None else section.heading,
                home_unit_ja=header.name if header is not None else None,
                home_unit_source=home_source,
                country=reading.country,
                country_text=reading.country_text,
                country_basis=reading.country_basis,
                country_candidates=reading.candidates,
                region=reading.region,
                region_text=reading.region_text,
                region_basis=reading.region_basis,
                also_printed_at=tuple(
                    SourceSpan(doc.file, o.line, o.text, row_of[id(o)].line_text) for o in others
                ),
                repairs=tuple(dict.fromkeys(repairs)),
            )
        )


def _duplicate_repair(primary: Item, others: list[Item]) -> Repair:
    places = ", ".join(str(o.line) for o in others)
    return Repair(
        rule="dept.duplicate-partner",
        description=(
            f"{primary.name} is printed {len(others) + 1} times under one header (lines "
            f"{primary.line}, {places}): one agreement; line {primary.line} is its source"
        ),
        lines=tuple(sorted({primary.line, *(o.line for o in others)})),
    )


def _note_row(doc: DocumentInfo, row: Row, reading: _Reading, result: LoadResult) -> None:
    if "ambiguous" in reading.notes:
        names = " / ".join(reading.candidates)
        code, message = (
            "dept.country-ambiguous",
            (
                f"the country cell names several countries ({names}) for "
                f"{len(row.items)} partner(s): the country is left open, the candidates are kept"
            ),
        )
    else:
        code, message = (
            "dept.country-not-printed",
            (
                "no country is printed for this row and none can be carried from the row above "
                "in the same block: the country is left open"
            ),
        )
    result.findings.append(
        Finding(code, Severity.WARNING, doc.file, (row.line,), message, row.line_text)
    )


def _checks(
    doc: DocumentInfo,
    section: SectionInfo,
    blocks: list[Block],
    statement: Statement | None,
    result: LoadResult,
) -> None:
    for block in blocks:
        if block.header is None:
            continue
        lines = tuple(sorted({block.header.line, *(r.line for r in block.rows if r.items)}))
        result.checks.append(
            CountCheck(
                document=doc.file,
                section=block.header.text,
                unit="partners",
                stated=block.header.stated,
                found=len(block.distinct()),
                lines=lines,
                note=_header_note(block.header),
            )
        )
    if statement is None:
        return
    records = [r for r in result.agreements if r.document == doc.file and r.level == section.level]
    countries = {r.country for r in records if r.country}
    open_rows = sum(1 for r in records if not r.country)
    for unit, stated, found, note in (
        ("countries", statement.countries, len(countries),
         f"distinct countries of the section's agreements; {open_rows} agreement(s) "
         "have no country read (see findings)"),
        ("institutions", statement.institutions, len(records),
         "counted as the table's per-department counts do: one per department and "
         "partner (the sum of the departments' partners, headerless blocks included)"),
    ):
        result.checks.append(CountCheck(document=doc.file, section=statement.text, unit=unit,
                                        stated=stated, found=found, lines=(statement.line,),
                                        note=note))


def _header_note(header: Header) -> str:
    return "; ".join(r.description for r in header.repairs)
