"""Reading the department-level table (部局間協定) into rows and blocks.

The text extraction of this layout is damaged: columns shift, so a country stands in the
area column, a partner in the country column, a header in the third column. Cells are
therefore classified by *content*, never by position:

* a **department header** is a cell ``NAME(N)`` whose name ends like a unit (研究科, 学部,
  研究所, センター, 機構, 研究部 …) — ``N`` is the number of partners the document states;
* an **area** is a region name (:func:`kyotei.graph.model.regions.lookup_region`);
* a **country** cell names one or more countries
  (:func:`kyotei.graph.model.countries.split_countries`);
* anything else holds partner names, several per cell separated by spaces
  (:func:`kyotei.loaders.names.split_cell`); country or area names at the start of a
  partner cell are peeled off first (the extraction sometimes runs them together).

Rows are grouped into blocks at each header. A row that prints again the area the block is
already in starts a new, headerless block: within one department the table prints an area
once, at the start of its group, so a re-printed area means the rows belong elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kyotei.graph.model.countries import lookup_country, split_countries
from kyotei.graph.model.records import Repair
from kyotei.graph.model.regions import lookup_region
from kyotei.loaders.names import split_cell
from kyotei.loaders.normalize import TOTALS_STATEMENT, normalize_label

_HEADER = re.compile(r"^(?P<name>.*\S)\s*[(（]\s*(?P<count>\d{1,4})\s*[)）]\s*$")
_UNIT_NAME_END = re.compile(
    r"(研究科|学部|研究所|研究部|研究院|センター|機構|学院|学府|教育部|病院|研究センター)$"
)
_TABLE_HEADER_WORDS = ("部局名", "協定校名")
_FOOTER = re.compile(r"^[(（].*現在[)）]$")


@dataclass(frozen=True, slots=True)
class Header:
    """A department header as printed: ``工学研究所・工学部(69)``."""

    line: int
    text: str  # the cell, verbatim
    name: str  # normalised (and repaired, see department_table.repair_header_names)
    stated: int
    repairs: tuple[Repair, ...] = ()


@dataclass(frozen=True, slots=True)
class Item:
    """One partner name in a row."""

    line: int
    text: str  # verbatim
    name: str  # normalised
    alone: bool  # the only partner on its row

    @property
    def key(self) -> str:
        return self.name.replace(" ", "")


@dataclass(slots=True)
class Row:
    line: int
    line_text: str
    header: Header | None = None
    area: str | None = None  # region key
    area_text: str | None = None
    countries: tuple[str, ...] = ()
    country_text: str | None = None
    items: list[Item] = field(default_factory=list)
    no_carry: bool = False  # its items were moved off a row whose country cell is not theirs


@dataclass(slots=True)
class Block:
    """Rows under one header (or under none: a headerless block)."""

    header: Header | None
    rows: list[Row] = field(default_factory=list)
    note: str = ""  # why a block has no header
    repairs: list[Repair] = field(default_factory=list)

    def items(self) -> list[Item]:
        return [item for row in self.rows for item in row.items]

    def distinct(self) -> dict[str, Item]:
        """Distinct partners (first occurrence of each key, in row order)."""
        seen: dict[str, Item] = {}
        for item in self.items():
            seen.setdefault(item.key, item)
        return seen


@dataclass(frozen=True, slots=True)
class Statement:
    """A section total: ``43ヶ国・地域 335機関``."""

    line: int
    text: str
    countries: int
    institutions: int


def parse_header(cell: str, line: int) -> Header | None:
    match = _HEADER.match(cell.strip())
    if not match:
        return None
    name = normalize_label(match.group("name"))
    if not _UNIT_NAME_END.search(name.replace(" ", "")):
        return None
    return Header(line=line, text=cell.strip(), name=name, stated=int(match.group("count")))


def parse_statement(text: str, line: int) -> Statement | None:
    match = TOTALS_STATEMENT.search(normalize_label(text))
    if not match:
        return None
    return Statement(line, text.strip(), int(match["countries"]), int(match["institutions"]))


def is_furniture(text: str) -> bool:
    """Page furniture: the table's column titles and the as-of footer."""
    stripped = text.strip()
    if not stripped:
        return True
    if all(word in stripped for word in _TABLE_HEADER_WORDS):
        return True
    return bool(_FOOTER.match(normalize_label(stripped)))


def _peel_leading_places(cell: str, row: Row) -> str:
    """Move country/area names that open a partner cell into the row's own fields."""
    rest = cell
    while True:
        match = re.match(r"\s*(\S+)\s+", rest)
        if not match:
            return rest
        word = normalize_label(match.group(1))
        country = lookup_country(word)
        region = lookup_region(word) if country is None else None
        if country is None and region is None:
            return rest
        if country is not None:
            row.countries = (*row.countries, country)
            row.country_text = (row.country_text + " " if row.country_text else "") + match[1]
        elif row.area is None:
            row.area, row.area_text = region, match.group(1)
        rest = rest[match.end() :]


def parse_row(line: int, line_text: str) -> Row:
    """Classify each cell of a table line by its content."""
    row = Row(line=line, line_text=line_text)
    partner_cells: list[str] = []
    for raw in line_text.split("\t"):
        cell = raw.strip()
        if not cell:
            continue
        norm = normalize_label(cell)
        header = parse_header(cell, line)
        if header is not None and row.header is None:
            row.header = header
            continue
        region = lookup_region(norm)
        if region is not None and row.area is None:
            row.area, row.area_text = region, cell
            continue
        countries = split_countries(norm)
        if countries:
            row.countries = (*row.countries, *countries)
            row.country_text = (row.country_text + " " if row.country_text else "") + cell
            continue
        partner_cells.append(_peel_leading_places(cell, row))
    tokens = [token.text for cell in partner_cells for token in split_cell(cell)]
    alone = len(tokens) == 1
    row.items = [Item(line, text, normalize_label(text), alone) for text in tokens]
    return row


def group_blocks(rows: list[Row]) -> list[Block]:
    """Group rows at headers, and split a block where its current area is printed again."""
    blocks: list[Block] = []
    current: Block | None = None
    area: str | None = None
    for row in rows:
        if row.header is not None:
            current = Block(header=row.header)
            blocks.append(current)
            area = row.area
        elif current is None or (row.area is not None and row.area == area and current.rows):
            note = (
                "rows before the first department header"
                if current is None
                else f"line {row.line} prints again the area its block is already in"
            )
            current = Block(header=None, note=note)
            current.repairs.append(Repair("dept.headerless-block", note, (row.line,)))
            blocks.append(current)
            area = row.area
        elif row.area is not None:
            area = row.area
        current.rows.append(row)
    return blocks
