"""What a line is when it is not a partner: page furniture, a title, a legend, a total, a
level, department, country or region heading; and the reader's state and findings.

:class:`StructureReader` is the base of the general reader (:mod:`.reader`): it holds the
document, the result and the walking state, numbers the spans, writes the findings, reads
structure lines and closes sections (checking the totals they state).
"""

from __future__ import annotations

import re
from dataclasses import replace

from kyotei.graph.model.countries import lookup_country
from kyotei.graph.model.records import (
    CountCheck,
    DocumentInfo,
    Finding,
    Level,
    LoadResult,
    Severity,
    SourceSpan,
)
from kyotei.graph.model.regions import lookup_region
from kyotei.loaders.document import Cell, Document, Format, Locator, Table, fold_text
from kyotei.loaders.fields.date_cells import read_date_cell, text_serial, workbook_date1904
from kyotei.loaders.fields.dates import DateReading, find_date, parse_date
from kyotei.loaders.fields.headers import Role
from kyotei.loaders.fields.units import is_unit_name, parse_department_header
from kyotei.loaders.fields.waiver import find_legends, read_legend, states_all_waived
from kyotei.loaders.layouts.general.cells import (
    heading_count,
    heading_text,
    is_name,
    looks_like_heading,
    split_runs,
    strip_bullet,
)
from kyotei.loaders.layouts.general.furniture import (
    furniture_texts,
    heading_total,
    is_furniture,
    is_prose,
    is_title,
    level_heading,
    read_totals,
    sentence_totals,
    trailing_totals,
)
from kyotei.loaders.layouts.general.items import (
    Context,
)
from kyotei.loaders.layouts.general.state import Pending, State, agreement_key
from kyotei.loaders.layouts.general.tables import ColumnMap, RowFields
from kyotei.loaders.normalize import normalize_label

__all__ = ["StructureReader"]

_BRACKETED = re.compile(r"^\s*【[^【】]+】\s*$")  # a heading set in lenticular brackets
_LOST_GLYPHS = re.compile("[\u25a0-\u25ff\u3013\ufffd?？\\s]{2,}")


def _as_of_only(text: str) -> bool:
    """A run that only states the date the list is as of (``2024年4月1日現在``)."""
    return is_title(text) and find_date(text) is not None and not is_name(text)


class StructureReader:
    """The reader's state and what it does with lines that are not partners."""

    def __init__(self, info: DocumentInfo, document: Document, level: Level) -> None:
        self.info, self.document = info, document
        self.result = LoadResult(document=info)
        texts = [line.folded for line in document.lines()]
        texts += [c.folded for t in document.tables() for row in t.rows for c in row]
        self.legends = find_legends(texts)
        self.all_waived = next((line for line in document.lines()  # decision 0025
                                if states_all_waived(line.folded)), None)
        self.repeated = furniture_texts(document)
        self.state = State(Context(level=level, section=info.title))

    def span(self, text: str, locator: Locator, line_text: str) -> SourceSpan:
        self.state.order += 1
        if self.document.format is Format.TEXT and locator.line:
            return SourceSpan(self.info.file, locator.line, text, line_text, str(locator))
        return SourceSpan(self.info.file, self.state.order, text, line_text, str(locator),
                          text_line=False)

    def date_cell(self, cell: Cell) -> DateReading:
        """A date column's cell read: its typed value, else its text; in a workbook a
        serial number typed as text is read in the workbook's date system (and said)."""
        if cell.value is not None:
            return read_date_cell(cell.value, numeric=False)
        if self.document.format is Format.XLSX and text_serial(cell.folded) is not None:
            serial = text_serial(cell.folded, date1904=workbook_date1904(self.document.path))
            if serial is not None:
                return serial
        return read_date_cell(cell.folded, numeric=False)

    def dates_unread(self, table: Table, columns: ColumnMap) -> None:
        """A table with no date column whose column no header word maps holds dates in
        most of its filled cells: the dates are not read as signing dates, and that is
        said (WARNING ``general.date-column-unread``), never silently dropped."""
        if columns.first(Role.DATE) is not None:
            return
        mapped = {i for found in columns.roles.values() for i in found}
        mapped |= {m.index for m in columns.matrix}  # a matrix's dated cells are read
        rows = table.rows[columns.header_row + columns.header_rows:] \
            if columns.header_row >= 0 else table.rows
        for index in range(columns.width):
            texts = [row[index].folded for row in rows if index < len(row)
                     and row[index].folded.strip() and not row[index].filled]
            dated = sum(1 for text in texts if parse_date(text).ok or text_serial(text))
            if index not in mapped and len(texts) >= 2 and dated * 2 > len(texts):
                header = columns.header_texts[index] if index < len(columns.header_texts) \
                    else ""
                self.note("general.date-column-unread", Severity.WARNING, None,
                          f"table {table.locator}: column {index + 1} ({header!r}) holds "
                          f"{dated} dates but no header word kyotei knows names it a date "
                          "column: they are not read as signing dates")

    def note(self, code: str, severity: Severity, span: SourceSpan | None, message: str) -> None:
        where = (span.line,) if span else ()
        self.result.findings.append(Finding(
            code, severity, self.info.file, where, message, span.line_text if span else "",
            locators=(span.where,) if span else ()))

    def statement_of_all(self) -> None:
        """A line stating the waiver of every partner sets it on each row, when no row
        states one (the document has no other waiver statement), reported (decision 0025)."""
        rows = self.result.agreements
        if self.all_waived is None or not rows or any(r.tuition_waiver is not None
                                                      for r in rows):
            return
        self.result.agreements = [replace(r, tuition_waiver=True) for r in rows]
        line = self.all_waived
        self.result.findings.append(Finding(
            "general.waiver-of-all", Severity.INFO, self.info.file, (),
            f"{line.locator} states the tuition waiver of every partner: set on each of the "
            f"{len(rows)} rows, which state none", line.verbatim, locators=(str(line.locator),)))

    # -- structure --------------------------------------------------------------------------
    def sheet(self, name: str) -> None:
        """A workbook's sheet starts a section; a sheet named for a level (``部局間協定``,
        "Inter-faculty agreements") sets it, as a heading would."""
        self.close_section()
        context = self.state.context
        context.country = context.region = context.home = None
        self.state.columns = self.state.text_header = None
        level = level_heading(name)
        if level is not None:
            context.level, context.section = level, name.strip()
        self.state.sheet = name.strip() if len(self.document.parts) > 1 else ""

    def total_section(self) -> str:
        """The name a stated total is checked under: the section's, and the sheet's when the
        workbook has several (a second sheet's total is not the first sheet's section's)."""
        section = self.state.context.section
        sheet = self.state.sheet
        return f"{section} ({sheet})" if sheet and sheet != section else section

    def structure(self, text: str, span: SourceSpan, page_title: bool = False) -> bool:
        """Read ``text`` as structure (furniture, legend, total, heading); True if it was.
        ``page_title``: the line is the page's first-level heading (``<h1>``), which,
        when it is no heading of a level, a unit or a place, is the title: no partner."""
        state, context = self.state, self.state.context
        if is_furniture(text, self.repeated):
            state.accounting["furniture"] += 1
            return True
        legend = read_legend(text) is not None  # a total may end the legend's line
        totals = trailing_totals(text) if legend else read_totals(text)
        if totals is not None:
            before = len(self.result.agreements) > state.section_start  # the rows above it
            covered = state.section_start if before else len(self.result.agreements)
            since = state.section_order if before else state.order
            section = self.total_section()
            if any(p.section == section and p.span.line != span.line for p in state.pending) \
                    or len({level for _, level, _ in totals.by_level}) > 1 or totals.whole:
                # the section stated its own count in its heading, or the total breaks down
                # by level, or its word sums the list (共计): it counts every row since the
                # last total that was no heading's (以上 計11件 closing a memo of counted
                # sections; 計 18校（大学間 10、部局間 8）)
                covered, section, since = state.totalled, self.info.title, state.totalled_order
            state.totalled, state.totalled_order = len(self.result.agreements), state.order
            state.pending.append(Pending(totals.institutions, totals.countries, span,
                                          section, covered, totals.by_level, since,
                                          totals.schools))
        if legend or totals is not None:
            state.accounting["legend" if legend else "total"] += 1
            return True
        runs = split_runs(text)
        if len(runs) == 1 and span.line_text:  # the runs folding joined (an ideographic space)
            runs = [fold_text(r) for r in split_runs(span.line_text)]
        if len(runs) > 1 and all(
                _as_of_only(r) or read_legend(r) is not None for r in runs):
            state.accounting["title"] += 1  # 2024年4月1日現在  ○印：授業料不徴収
            return True
        level = level_heading(text)
        if level is not None:
            self.close_section()
            context.level, context.section = level, text.strip()
            context.country = context.region = context.home = None
            state.text_header = None
            state.accounting["heading"] += 1
            if (count := heading_total(text)) is not None:  # 大学間協定（10機関）
                state.pending.append(Pending(count.institutions, None, span, self.total_section(),
                                              len(self.result.agreements), since=state.order,
                                              schools=count.schools))
            return True
        # a dated line naming an institution and an agreement word may be a partner's row
        titled = is_title(text) and (find_date(text) is None or not is_name(text))
        if titled or is_prose(text):
            state.accounting["title"] += 1
            if is_prose(text) and (said := sentence_totals(text)) is not None:
                # 本学は11か国・地域の13機関と…: the whole list's, checked at its end
                state.of_all.append(Pending(said.institutions, said.countries, span,
                                            self.info.title, 0, schools=said.schools,
                                            of_all=True))
            if is_name(text):  # a title naming an institution: say so, never silently
                self.note("general.title-line", Severity.INFO, span,
                          f"{span.where}: {text.strip()!r} read as the list's title or a "
                          "note, not as a partner")
            return True
        header = parse_department_header(text)
        # a unit name alone on its line is a unit heading in a department list, or anywhere
        # when the line sets it in heading brackets (【…学院】), the list's own section
        if header is None and (context.level is Level.DEPARTMENT or _BRACKETED.match(
                text)) and is_unit_name(heading_text(text)) and not is_name(text):
            header = parse_department_header(heading_text(text), require_count=False)
        if header is not None:
            self.close_section()
            context.level, context.section = Level.DEPARTMENT, text.strip()
            context.home = (normalize_label("・".join(header.units)), span)
            context.country = context.region = None
            if header.count is not None:
                state.pending.append(Pending(header.count, None, span, self.total_section(),
                                              len(self.result.agreements), since=state.order))
            state.accounting["heading"] += 1
            return True
        if self.place_heading(text, span):
            return True
        if page_title:
            state.accounting["title"] += 1
            self.note("general.title-line", Severity.INFO, span,
                      f"{span.where}: {text.strip()!r} is the page's title (its first-level "
                      "heading), not a partner")
        return page_title

    def row_structure(self, text: str, span: SourceSpan, fields: RowFields, own: set[Locator],
                      before_header: bool) -> bool:
        """Read the first text of a table row with no partner name as structure, unless
        the row carries a date or a waiver mark in its own cells besides it (a country, a
        date and ○ with the name cells empty): that is a damaged partner's row, never a
        heading, and the caller reports it unreadable."""
        carried = [c for c in (fields.date, fields.waiver) if c is not None and c.locator in own
                   and c.verbatim.strip() and c.verbatim.strip() != text.strip()]
        return (before_header or not carried) and self.structure(fold_text(text), span)

    def place_heading(self, text: str, span: SourceSpan) -> bool:
        context = self.state.context
        core = heading_text(strip_bullet(text))
        if core and split_runs(text) == [text.strip()]:
            # the whole line is a country's name: a heading, even where the name holds an
            # institution's mark (大 in 大韓民国); a country key is matched whole, never in part
            code = lookup_country(core)
            if code is not None:
                context.country = (code, text.strip())
                self.state.accounting["heading"] += 1
                self.check_place_count()
                if (count := heading_count(text)) is not None:
                    self.state.place_count = Pending(count, None, span, text.strip(), len(
                        self.result.agreements), since=self.state.order)
                return True
        if core and split_runs(text) == [text.strip()] and not is_name(core):
            region = lookup_region(core)
            if region is not None:
                context.region, context.country = (region, text.strip()), None
                self.state.accounting["heading"] += 1
                return True
        if looks_like_heading(text) and find_date(text) is None:
            if context.country is not None:
                self.note("general.unknown-heading", Severity.WARNING, span,
                          f"heading {text.strip()!r} names no country or region kyotei knows: "
                          f"the country {context.country[1]!r} above it is not carried on, "
                          "the rows below get no country")
            context.country = None
            self.state.accounting["heading"] += 1
            return True
        return False

    def close_section(self, last: bool = False) -> None:
        """Check the totals the section stated; at the ``last`` the whole list's too."""
        state = self.state
        records = self.result.agreements
        self.check_place_count()
        for p in state.pending + (state.of_all if last else []):
            self.check(p)
        state.pending = []
        state.section_start, state.section_order = len(records), state.order

    def check(self, p: Pending) -> None:
        """Check a stated total against the records read since it began. A total counts
        agreements: a row printed twice (the same partner, unit, level, home and date) is
        one; a row reported unreadable is a row the total counts (its print is there)."""
        covered = self.result.agreements[p.start:]
        lines = (p.span.line,)
        agreements = len({agreement_key(r) for r in covered})
        lost = sum(1 for at in self.state.lost if at > p.since)
        said = "" if agreements == len(covered) else \
            f"; {len(covered) - agreements} row(s) printed twice counted once"
        partners = len({(r.partner.institution_ja, r.partner.institution_en, r.country)
                        for r in covered})
        if p.schools and partners < agreements:  # 計 10校 over 14 agreements with 10 partners
            said += f"; it counts partners: {partners} partner(s) of {agreements} agreements"
            agreements = partners
        said += f"; {lost} unreadable row(s) counted" if lost else ""
        self.result.checks.append(CountCheck(
            self.info.file, p.section, "institutions", p.stated, agreements + lost, lines,
            note=f"stated at {p.span.where}; "
            + ("the whole list's rows" if p.of_all else "rows read below the statement's section")
            + said))
        if p.countries is not None:
            found = len({r.country for r in covered if r.country})
            self.result.checks.append(CountCheck(
                self.info.file, p.section, "countries", p.countries, found, lines,
                note=f"stated at {p.span.where}"))
        for word, level, count in p.by_level:
            found = len({agreement_key(r) for r in covered if r.level is level})
            self.result.checks.append(CountCheck(
                self.info.file, f"{p.section}: {word}", "institutions", count, found, lines,
                note=f"stated at {p.span.where} (the total's breakdown by level)"))

    def check_place_count(self) -> None:
        """Check the count a country heading printed (中国（3件）) against its rows."""
        if self.state.place_count is not None:
            self.check(self.state.place_count)
            self.state.place_count = None

    def not_read(self, span: SourceSpan) -> None:
        """A line kyotei does not read as a partner, reported. A line of nothing but the
        marks of lost glyphs (``■■◆◆□□``, ``〓``, ``\ufffd``; not a rule of ``=`` or ``-``)
        is a row the print or the scan lost: a stated total counts it."""
        self.state.accounting["not read"] += 1
        self.note("general.line-not-read", Severity.WARNING, span,
                  f"{span.where}: {span.text!r} names no institution (no institution "
                  "word, no date) and is no heading kyotei knows: not read as a partner")
        if _LOST_GLYPHS.fullmatch(span.text.strip()):
            self.state.lost.append(self.state.order)

    def count_unreadable(self, findings: list[Finding]) -> None:
        """A row read as no record: a row a stated total counts when it was reported as
        unreadable (an error), not when it was a title or the publisher."""
        if any(f.severity is Severity.ERROR for f in findings):
            self.state.lost.append(self.state.order)
        self.state.accounting["unreadable"] += 1

    def unreadable(self, span: SourceSpan, why: str) -> None:
        self.state.lost.append(self.state.order)
        self.state.accounting["unreadable"] += 1
        self.note("general.unreadable-row", Severity.ERROR, span,
                  f"{span.where}: {why}; nothing is recorded for it")

