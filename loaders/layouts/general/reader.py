"""The general reader: any list or table of agreements, in any format, with no sections.

It walks the neutral document (:mod:`kyotei.loaders.document`) in reading order and keeps
the context the lines above a row give (level, section, country and region headings, the
home department). Every line and every table row is accounted for: read as a partner,
recognised as structure (a heading, a legend, a total, a header row), skipped as page
furniture (listed), or reported as unreadable with its locator. See ``docs/formats.md``.
"""

from __future__ import annotations

from dataclasses import replace

from kyotei.graph.model.countries import lookup_country
from kyotei.graph.model.records import (
    DocumentInfo,
    Finding,
    Level,
    LoadResult,
    Repair,
    Severity,
    SourceSpan,
)
from kyotei.loaders.document import Cell, Document, Format, Line, Table, fold_text
from kyotei.loaders.fields.dates import find_date, written_in
from kyotei.loaders.layouts.general.cells import (
    Kind,
    cjk_words,
    classify,
    heading_text,
    is_name,
    several_names,
    split_runs,
    strip_bullet,
)
from kyotei.loaders.layouts.general.continuation import joined_item
from kyotei.loaders.layouts.general.furniture import read_totals
from kyotei.loaders.layouts.general.items import RowParts, make_record
from kyotei.loaders.layouts.general.several import SeveralReader
from kyotei.loaders.layouts.general.spaced import (
    country_between,
    country_first,
    item_tail,
    join_name_fragment,
)
from kyotei.loaders.layouts.general.state import (
    Last,
    home_and_level,
    unit_sides,
    with_text,
)
from kyotei.loaders.layouts.general.tables import (
    ColumnMap,
    garbled,
    marks_only,
    new_header,
    read_row,
    unshift,
)
from kyotei.loaders.layouts.general.text_tables import (
    aligned_by_chars,
    cut_line,
    read_text_header,
    rows_below,
)
from kyotei.loaders.layouts.general.vertical import Vertical, row_cells, vertical_header
from kyotei.loaders.names import split_institution_unit

__all__ = ["read_general"]


def read_general(info: DocumentInfo, document: Document, level: Level) -> LoadResult:
    """Read every row of ``document``; ``level`` applies until a heading says otherwise."""
    with written_in(info.languages):  # dates, month and country names in its languages
        return _Reader(info, document, level).run()


class _Reader(SeveralReader):
    below: tuple[Line | Table, ...] = ()  # the blocks after the one being read
    vertical: Vertical | None = None  # a table printed one cell per line, being read
    # -- the walk -------------------------------------------------------------------------
    def run(self) -> LoadResult:
        for part in (p for p in self.document.parts if not p.hidden):  # decision 0022
            if self.document.format is Format.XLSX:
                self.sheet(part.name)
            blocks, index = part.blocks, 0
            while index < len(blocks):
                block = blocks[index]
                self.below = blocks[index + 1:]
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                if isinstance(block, Table):
                    self.table(block)
                elif isinstance(following, Line) and self.wrapped_item(block, following):
                    index += 1
                else:
                    self.line(block)
                index += 1
        self.end_vertical()
        self.close_section(last=True)
        self.statement_of_all()
        counts = self.state.accounting
        self.note("general.accounting", Severity.INFO, None,
                  "rows accounted for: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        return self.result

    # -- rows --------------------------------------------------------------------------------
    def wrapped_item(self, line: Line, following: Line) -> bool:
        """Read ``line`` and ``following`` as one line when they are one numbered item
        wrapped at the line's end (:func:`.continuation.joined_item`): a reported repair."""
        if self.state.text_header is not None:
            return False
        joined = joined_item(line.verbatim, following.verbatim)
        if joined is None:
            return False
        count = len(self.result.agreements)
        self.line(Line(joined, line.locator, line.kind, line.level))
        self.state.order += 1  # the second line's place in reading order
        if len(self.result.agreements) > count:
            record = self.result.agreements[-1]
            repair = Repair("general.wrapped-item-joined",
                            f"{line.locator} and {following.locator} are one numbered item "
                            "wrapped at the line's end: read as one line",
                            (record.source.line,))
            self.result.agreements[-1] = replace(record, repairs=(*record.repairs, repair))
            self.state.accounting["wrapped"] += 1
        return True

    def line(self, line: Line) -> None:
        if self.vertical is not None and self.vertical_line(line):
            return
        text = line.folded.strip()
        if not text:
            self.state.accounting["blank"] += 1
            return
        header = read_text_header(line.verbatim)
        if header is None and (found := vertical_header(line, self.below)) is not None:
            self.vertical, self.state.table_country, self.state.table_home = found, None, ""
            self.state.text_header = None
            self.state.accounting["header"] += 1
            self.note("general.cell-per-line", Severity.INFO, None,
                      f"{line.locator}: a table header printed one cell per line: the lines "
                      f"below are read {found.columns.width} at a time as one row")
            return
        if header is not None:
            rows = rows_below(self.below)
            header = aligned_by_chars(header, line.verbatim, [b.verbatim for b in rows])
            self.state.text_header, self.state.table_country = header, None
            self.state.blank_waiver_is_no = marks_only(header.columns, [
                cut_line(b.verbatim, header, b.locator) for b in rows], self.legends)
            self.state.table_home = ""
            self.state.accounting["header"] += 1
            return
        runs = split_runs(line.verbatim)
        text_header = self.state.text_header
        if text_header is not None and (len(runs) > 1 or line.verbatim[:1].isspace()) and \
                read_totals(text) is None:  # a total under the table is no row of it
            # a row of the table (an indented line: cells under their columns)
            cells = cut_line(line.verbatim, text_header, line.locator)
            self.table_row(False, text_header.columns, cells)
            return
        span = self.span(line.verbatim.strip(), line.locator, line.verbatim)
        if self.english_wrapped(line.verbatim, span) or self.labelled_line(text, span) or \
                self.structure(text, span, page_title=line.level == 1):
            return
        self.runs(runs, span, line.verbatim)

    def vertical_line(self, line: Line) -> bool:
        """Read ``line`` as a cell of the cell-per-line table; False when it ends it."""
        vertical = self.vertical
        if vertical is None:
            return False
        if vertical.skip:
            vertical.skip -= 1
            self.state.accounting["header"] += 1
            return True
        one = len(split_runs(line.verbatim)) == 1 and line.folded.strip()
        if not one or (not vertical.lines and not is_name(line.folded)):
            self.end_vertical()
            return False
        vertical.lines.append(line)
        if len(vertical.lines) == vertical.columns.width:
            cells = row_cells(vertical)
            if cells is None:
                self.end_vertical()
            else:
                vertical.lines = []
                self.table_row(False, vertical.columns, cells)
        return True

    def end_vertical(self) -> None:
        """End the cell-per-line table: the lines gathered for no row are read as lines."""
        if self.vertical is not None:
            lines, self.vertical = self.vertical.lines, None
            for line in lines:
                self.line(line)

    def runs(self, runs: list[str], span: SourceSpan, line_text: str) -> None:
        """A row without a mapped header: its runs classified by content."""
        if (cells := country_first(runs[0])) is not None:
            runs = [*cells, *runs[1:]]  # a country, then the name, one space apart
        elif len(runs) == 1 and len(words := cjk_words(runs[0])) > 1:
            runs = words  # a PDF's text keeps one space between the cells of a row
        if len(runs) > 1 and self.continues(runs, span):
            return
        if len(runs) == 1:
            folded = fold_text(runs[0])
            found = find_date(folded)
            name = folded[: found.span[0]].strip() if found else folded
            name, bracket, year = item_tail(name, found is not None, self.state.context.country)
            if found is None and self.join_if_wrapped(runs[0], span):
                return
            if found is not None and not strip_bullet(name) and self.date_below(found, span):
                return
            if found is None and not is_name(name):
                self.not_read(span)
                return
            name_text = runs[0] if found is None and year is None else runs[0][: len(name)]
            self.item(RowParts(span=with_text(span, name_text.strip() or span.text), name=name,
                               date=found or year, country=bracket,
                               date_text=folded[found.span[0]:] if found else ""), span)
            return
        classified = [classify(fold_text(r)) for r in [strip_bullet(runs[0]) or runs[0],
                                                        *runs[1:]]]
        names = [r for r in classified if r.kind is Kind.NAME]
        if not names:
            self.unreadable(span, "no run of the row names a partner")
            return
        # a run with an institution ending is the name; a bare word beside it (a country
        # kyotei cannot read, an abbreviation) is not
        country = next(((r.country, r.text) for r in classified if r.kind is Kind.COUNTRY
                        and r.country), None)
        if country is not None or self.state.context.country is not None:
            classified = join_name_fragment(classified)
            names = [r for r in classified if r.kind is Kind.NAME]
        strong = [r for r in names if is_name(r.text)]
        names = strong or names
        unread = "" if country else next((r.text for r in classified if r.kind is Kind.COUNTRY), "")
        if unread:  # an ambiguous name (Korea): no country, and none from a heading either
            self.note("general.country-unknown", Severity.WARNING, span,
                      f"{span.where}: the country printed in the row is ambiguous: the row "
                      "gets no country")
        date = next((r.date for r in classified if r.kind is Kind.DATE), None)
        # a unit printed before the partner's name is the home department's cell
        first = classified.index(names[0])
        home = next((r.text for r in classified[:first] if r.kind is Kind.UNIT), "")
        unit = next((r.text for r in classified[first:] if r.kind is Kind.UNIT), "")
        home, unit = unit_sides(home, unit, self.state.context)
        english = names[1].text if len(names) > 1 and names[1].text.isascii() else ""
        if len(names) == 1 and date is None and self.english_line(names[0].text, country,
                                                                  classified, span):
            return
        name = names[0].text
        if not unit and (between := country_between(fold_text(name))) is not None:
            name, bracket, unit = between  # ナントカ大学（タイ）理学部
            country, unread = country or bracket, ""
        waiver = next((r.extra["waiver"] for r in classified if "waiver" in r.extra), None)
        self.item(RowParts(span=with_text(span, name), name=name, english=english, unit=unit,
                           country=country, date=date, country_unread=unread, home=home,
                           level=Level.DEPARTMENT if home else None, waiver_cell=waiver,
                           has_waiver_column=waiver is not None), span)

    def table(self, table: Table) -> None:
        columns = self.columns_of(table)
        if columns is None:
            self.state.columns = None
            for cells in table.rows:
                texts = [c.verbatim.strip() for c in cells if c.verbatim.strip()]
                if not texts:
                    self.state.accounting["blank"] += 1
                    continue
                span = self.span(" ".join(texts), cells[0].locator.cell(cells[0].locator.row, 0),
                                 " | ".join(c.verbatim for c in cells))
                if len(texts) == 1 and self.structure(fold_text(texts[0]), span):
                    continue
                own = [c.verbatim for c in cells if c.verbatim.strip() and not c.filled
                       and classify(fold_text(c.verbatim)).kind is not Kind.OTHER]
                if len(own) == 1 and len(texts) > 1 and (
                        run := classify(fold_text(own[0]))).date is not None and \
                        self.date_below(run.date, span):
                    continue  # its only own cell is a date; the others are merged from above
                self.runs(texts, span, span.line_text)
            return
        if columns.carried_from:
            self.note("general.header-carried", Severity.INFO, None,
                      f"table {table.locator} prints no header row: read with the header of "
                      f"{columns.carried_from} (same width)")
        self.state.table_country, self.state.table_home = None, ""
        self.state.blank_waiver_is_no = marks_only(columns, table, self.legends)
        self.dates_unread(table, columns)
        self.state.columns = ColumnMap(columns.header_row, columns.roles, columns.width,
                                       columns.header_texts, carried_from=str(table.locator))
        for index, cells in enumerate(table.rows):
            if 0 <= index - columns.header_row < columns.header_rows:
                self.state.accounting["header"] += 1
                continue
            if index > columns.header_row and (other := new_header(cells, index, columns)):
                columns, self.state.table_country, self.state.table_home = other, None, ""
                self.state.accounting["header"] += 1  # a second table on the same sheet
                continue
            self.row(index < columns.header_row, columns, cells)

    def table_row(self, before_header: bool, columns: ColumnMap, cells: tuple[Cell, ...]) -> None:
        texts = [c.verbatim.strip() for c in cells if c.verbatim.strip()]
        if not texts:
            self.state.accounting["blank"] += 1
            return
        row_locator = cells[0].locator.cell(cells[0].locator.row, 0)
        line_text = " | ".join(c.verbatim for c in cells)
        joined = fold_text(" ".join(t for c in cells if (t := c.verbatim.strip()) and not c.filled))
        if read_totals(joined) is not None:  # 合計 | 12校 (a merged 計 once): a total row
            self.structure(joined, self.span(" ".join(texts), row_locator, line_text))
            return
        if columns.is_header_again(cells):
            self.state.accounting["furniture"] += 1
            return
        if (moved := unshift(columns, cells)) is not None:
            self.result.findings.append(Finding(
                "general.shifted-row", Severity.WARNING, self.info.file, (),
                f"row {row_locator}: {moved[1]}: read shifted back", line_text,
                locators=(str(row_locator),)))
            cells = moved[0]
        fields = read_row(columns, cells)
        own = {c.locator for c in cells if c.verbatim.strip() and not c.filled}
        name = fields.name
        if before_header or name is None or not name.verbatim.strip() or len(set(texts)) == 1:
            span = self.span(texts[0], row_locator, line_text)
            if not before_header and self.complete_split(fields, own, span):
                return
            if not before_header and self.join_name_cells(fields, span):
                return  # the rest of the names above, wrapped in their columns
            if garbled(texts) or not self.row_structure(texts[0], span, fields, own, before_header):
                if (name is not None and name.locator in own) or len(set(texts)) > 1:
                    self.unreadable(span, "a table row with no partner name")
                else:
                    self.state.accounting["furniture"] += 1
            return
        span = self.span(name.verbatim.strip(), name.locator, line_text)
        if self.join_name_cells(fields, span):
            return
        name_cols = {c.locator for c in (fields.name, fields.english, fields.unit) if c}
        if own and own <= name_cols and self.join_if_wrapped(name.verbatim.strip(), span,
                                                           require_unfinished=False):
            return
        if lookup_country(heading_text(name.folded)) and len(own) == 1:
            self.structure(name.folded, span)
            return
        country, carried = None, False
        if fields.country is not None and fields.country.folded.strip():
            code = lookup_country(heading_text(strip_bullet(fields.country.folded)))
            if code is None:
                self.note("general.country-unknown", Severity.WARNING, span,
                          f"country cell {fields.country.verbatim!r} names no country kyotei "
                          "knows: the row gets no country")
            country = (code, fields.country.verbatim.strip()) if code else None
            self.state.table_country = country
        elif fields.country is not None and self.state.table_country is not None:
            # a country column printed once per group: a blank cell repeats the one above
            country, carried = self.state.table_country, True
        date = None
        if fields.date is not None and (fields.date.verbatim.strip() or fields.date.value):
            date = self.date_cell(fields.date)
        home = fields.home.verbatim.strip() if fields.home is not None else ""
        if fields.home is not None:  # printed once per group, like the country
            home = home or self.state.table_home
            self.state.table_home = home
        home, level = home_and_level(home, None if fields.level is None else fields.level.folded)
        parts = RowParts(
            span=span, name=name.verbatim, english=fields.english.verbatim if fields.english
            else "", unit=fields.unit.verbatim if fields.unit else "", country=country,
            date=date, date_text=fields.date.verbatim if fields.date else "",
            waiver_cell=fields.waiver.value if fields.waiver and fields.waiver.value is not None
            else (fields.waiver.verbatim if fields.waiver else None),
            has_waiver_column=fields.waiver is not None,
            blank_waiver_is_no=self.state.blank_waiver_is_no, home=home, level=level,
            notes_cell=fields.notes.verbatim if fields.notes is not None else "",
            country_unread=fields.country.verbatim.strip() if country is None and fields.country
            is not None and fields.country.folded.strip() else "", country_carried=carried)
        names = several_names(name.folded) if not parts.english and not parts.unit else []
        if len(names) > 1:
            self.note("general.cell-split", Severity.INFO, span,
                      f"{span.where} names {len(names)} institutions, each with its own "
                      "ending, separated by spaces: one row each")
        if not names:
            self.item(parts, span)
        for one in names:
            institution, unit = split_institution_unit(one)
            self.item(replace(parts, name=institution, unit=unit or "",
                              span=with_text(span, one)), span)

    def item(self, parts: RowParts, span: SourceSpan) -> None:
        made = make_record(self.info, self.state.context, parts, self.legends)
        self.result.findings.extend(made.findings)
        if made.record is None:
            self.count_unreadable(made.findings)
            return
        self.result.agreements.append(made.record)
        self.state.accounting["partner"] += 1
        self.state.last = Last(len(self.result.agreements) - 1, parts.name, parts.english,
                                self.state.order)
