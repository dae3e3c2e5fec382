"""Rows that continue or complete the row above them, and items wrapped onto two lines.

The general reader (:mod:`.reader`) asks these before it reads a line or a table row as a
partner of its own: a row holding only the date or the English name the row above lacks
(one row printed over two rows of a sheet), a line that prints the row above in English,
a line holding only the rest of the name above (a wrapped row), and a numbered item cut
in two by the line's end (:func:`joined_item`). Each join is a reported repair.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kyotei.graph.model.countries import lookup_country, resolve_country
from kyotei.graph.model.records import AgreementRecord, Basis, Severity, SourceSpan
from kyotei.graph.model.regions import lookup_region
from kyotei.loaders.document import Locator, fold_text
from kyotei.loaders.fields.dates import DateReading, find_date, parse_date
from kyotei.loaders.fields.headers import Role, read_header_row
from kyotei.loaders.fields.units import is_unit_name
from kyotei.loaders.fields.waiver import read_waiver_cell, states_fee, states_waiver
from kyotei.loaders.layouts.general.cells import (
    Kind,
    Run,
    classify,
    glued,
    heading_text,
    is_campus,
    is_ending_alone,
    is_name,
)
from kyotei.loaders.layouts.general.items import (
    LOWER_WORDS,
    complete_split,
    cut_inside_word,
    join_wrapped,
)
from kyotei.loaders.layouts.general.state import Last
from kyotei.loaders.layouts.general.structure import StructureReader
from kyotei.loaders.layouts.general.tables import RowFields
from kyotei.loaders.names import JAPANESE_CHAR, ends_like_name
from kyotei.loaders.normalize import normalize_label

__all__ = ["ContinuationReader", "joined_item"]

_LABELLED = re.compile(r"^\s*(?P<label>[^:：]{1,24}?)\s*[:：]\s*(?P<value>\S.*)$")
_FIELD_SEPARATOR = re.compile(r"\s*[|｜]\s*")
_ITEM_BULLET = re.compile(r"^\s*[-–—・•●○◦◆◇■□▪▶►*]\s")  # a list item's bullet, a space after it
_ITEM_NUMBER = re.compile(r"^\s*(?:No\.?\s*)?(?:\d{1,4}[.)．）]|[(（]\d{1,4}[)）])\s*")


_MARK_ONLY = re.compile(r"^(?:\[[A-Z]{1,4}\]|[*※†‡＊○◎]+)?$")  # nothing, or a mark


def _date_cut(head: str, tail: str) -> str | None:
    """``head`` and ``tail`` as one line when a date straddles the cut and ``tail`` holds
    nothing but its rest (and a mark): an indented line finishing the date above.

    >>> _date_cut("Nantoka University -- signed 12", "December 2019 *")
    'Nantoka University -- signed 12 December 2019 *'
    >>> _date_cut("Nantoka University 2015.4.1", "December 2019") is None
    True
    """
    joined = f"{head} {tail}"
    found = find_date(joined)
    if found is None or not found.span[0] < len(head) < found.span[1] or \
            not _MARK_ONLY.match(joined[found.span[1]:].strip()):
        return None
    before = find_date(head)
    return joined if before is None or before.span[1] <= found.span[0] else None


def joined_item(first: str, second: str) -> str | None:
    """The one line an item wrapped onto two makes, or None when the two lines are not one
    item.

    The first line must not read as a row on its own: no date, and either a name cut short
    (no institution ending) that is no country or region heading, or a complete name whose
    qualifier or English name in brackets opens the next line. The next line has no item
    number of its own and, joined on, makes a name. When the first line is a numbered item
    that is enough (a numbered list numbers each item); an unnumbered first line may be a
    heading kyotei does not know, so the next line must also show that it begins inside a
    word: with a character no word begins with (a small kana, ``ー``, ``ン``), with an
    institution ending alone (``大学``), inside an ending (``大`` / ``学校``) or in the
    middle of a Latin word (lower case). The join is made without a space where the cut
    fell inside a word (Japanese on both sides, or a Latin word) or before a bracket.

    >>> joined_item("10. ナントカ工", "    科大学  2015.4.1")
    '10. ナントカ工科大学  2015.4.1'
    >>> joined_item("11. Indo", "nesia ナントカ大学 H17.10.10")
    '11. Indonesia ナントカ大学 H17.10.10'
    >>> joined_item("17. ナントカ大学", "    (カントカ)  1991. 7. 2")
    '17. ナントカ大学(カントカ)  1991. 7. 2'
    >>> joined_item("ナントカ", "    ン大学  2015.4.1"), joined_item("ナントカ", "大学")
    ('ナントカン大学  2015.4.1', 'ナントカ大学')
    >>> joined_item("ナントカ大", "    学校  2015.4.1")
    'ナントカ大学校  2015.4.1'
    >>> joined_item("1. 中国", "ナントカ大学 2015.4.1") is None  # a numbered heading
    True
    >>> joined_item("ナルニア", "ナントカ大学 2015.4.1") is None  # perhaps a heading
    True

    A date cut at the line's end (``signed 12`` / ``    December 2019``) is joined too.
    """
    head, tail = fold_text(first).rstrip(), fold_text(second).strip()
    if not tail or _ITEM_NUMBER.match(tail):
        return None
    if second[:1].isspace() and (cut := _date_cut(head, tail)):
        return cut
    number = _ITEM_NUMBER.match(head)
    start = number.end() if number else len(head) - len(head.lstrip())
    body = head[start:].strip()
    if not body or find_date(body) is not None:
        return None
    core = heading_text(body)
    if resolve_country(core).status != "unknown" or lookup_region(core) is not None:
        return None
    bracket = tail[0] in "(（" and _closes(tail)
    if is_name(body) and not (bracket or glued(body, tail)):  # glued: 高麗大 / 学校
        return None
    if number is None and not bracket and not _starts_inside_word(body, tail):
        return None
    inside = bracket or (JAPANESE_CHAR.match(tail[0]) and JAPANESE_CHAR.search(body[-1])) or \
        cut_inside_word(body, tail)
    joined = first.rstrip() + ("" if inside else " ") + second.strip()
    folded = fold_text(joined)
    found = find_date(folded)
    name = folded[start: found.span[0] if found else None]
    return joined if is_name(name) else None


def _starts_inside_word(before: str, text: str) -> bool:
    """Whether ``text`` (a line's start) continues a word ``before`` left unfinished."""
    found = find_date(text)
    name = text[: found.span[0]].strip() if found else text.strip()
    return glued(before, text) or is_ending_alone(name) or cut_inside_word(before, text)


def _closes(text: str) -> bool:
    """Whether a bracket opening ``text`` closes in it."""
    return any(ch in ")）" for ch in text)


class ContinuationReader(StructureReader):
    """The general reader's joins: rows that continue or complete the row above."""

    def complete_split(self, fields: RowFields, own: set[Locator], span: SourceSpan) -> bool:
        """A row holding only the date, English name, partner unit or waiver the row just
        above lacks."""
        last = self.state.last
        parts = [c for c in (fields.date, fields.english, fields.unit, fields.waiver)
                 if c is not None and c.locator in own]
        if last is None or last.order != self.state.order - 1 or not parts or len(
                parts) != len(own):
            return False
        date = None
        if fields.date is not None and fields.date.locator in own:
            date = self.date_cell(fields.date)
        english = fields.english.verbatim.strip() if fields.english is not None and \
            fields.english.locator in own else ""
        unit = fields.unit.verbatim.strip() if fields.unit is not None and \
            fields.unit.locator in own else ""
        waiver = None
        if fields.waiver is not None and fields.waiver.locator in own:
            cell = read_waiver_cell(fields.waiver.value if fields.waiver.value is not None
                                    else fields.waiver.verbatim, self.legends)
            if cell.value is None and not cell.dash:
                return False
            waiver = cell.value
        record = self.result.agreements[last.record_index]
        return self._completed(last, complete_split(record, date, english, span, unit, waiver),
                               "split", span, "general.split-row-joined",
                               f"{span.where} holds only the cells the row above lacks: "
                               "joined to it")

    def _completed(self, last: Last, joined: AgreementRecord | None, counted: str,
                   span: SourceSpan | None = None, rule: str = "", message: str = "") -> bool:
        """The row above replaced by ``joined`` (None: nothing joins, False), counted, and
        noted when a ``rule`` is given."""
        if joined is None:
            return False
        self.result.agreements[last.record_index] = joined
        if rule and span is not None:
            self.note(rule, Severity.INFO, span, message)
        self.state.accounting[counted] += 1
        return True

    def english_line(self, name: str, country: tuple[str, str] | None,
                     runs: list[Run], span: SourceSpan) -> bool:
        """A line under a Japanese row that prints the same row in English (no row number,
        no date, the same country): the English name of the row above, not a new row."""
        last = self.state.last
        if last is None or last.order != self.state.order - 1 or not name.isascii():
            return False
        record = self.result.agreements[last.record_index]
        if record.partner.institution_en or not record.partner.institution_ja:
            return False
        if any(r.kind is Kind.NUMBER for r in runs) or (
                country is not None and country[0] != record.country):
            return False
        return self._completed(last, complete_split(record, None, normalize_label(name), span),
                               "english line", span, "general.english-line-joined",
                               f"{span.where} prints the row above in English: its English name")

    def labelled_line(self, text: str, span: SourceSpan) -> bool:
        """A line of ``label: value`` fields under a partner's row (a ``<dd>`` under its
        ``<dt>``, the detail line of a card: ``締結日：2015年4月1日``, ``Signed: 1 April 2015 |
        Student exchange``) whose labels name a date, a waiver or a country column: those
        fields complete the row above (a value it already has is never changed). A label that
        names an institution (``標本大学 – 締結日：…``) makes an item of its own, no detail."""
        last = self.state.last
        if last is None or last.order != self.state.order - 1:
            return False
        fields = []
        for part in _FIELD_SEPARATOR.split(text.strip()):
            if (match := _LABELLED.match(part)) is not None and not is_name(match["label"]):
                role = read_header_row([match["label"]]).columns[0].role
                if role in (Role.DATE, Role.WAIVER, Role.COUNTRY):
                    fields.append((role, match["value"].strip()))
            elif fields and states_waiver(part):  # "Signed: … | Tuition waiver"
                fields.append((Role.WAIVER, "yes"))
            elif fields and states_fee(part):  # "Signed: … | Fee-paying": no waiver
                fields.append((Role.WAIVER, "no"))
        if not fields:
            return False
        record = self.result.agreements[last.record_index]
        for role, value in fields:
            if role is Role.DATE and not record.signed_on_text:
                date = parse_date(value)
                if not date.ok:
                    self.note("general.date-unreadable", Severity.WARNING, span,
                              f"date not read: {date.reason}; no date is recorded")
                    continue
                record = complete_split(record, date, "", span) or record
            elif role is Role.WAIVER and record.tuition_waiver is None:
                record = complete_split(record, None, "", span,
                                        waiver=read_waiver_cell(value).value) or record
            elif role is Role.COUNTRY and record.country is None and (
                    code := lookup_country(heading_text(value))) is not None:
                record = replace(record, country=code, country_text=value,
                                 country_basis=Basis.PRINTED)
        self.result.agreements[last.record_index] = record
        self.state.last = Last(last.record_index, last.name, last.english, self.state.order)
        self.state.accounting["detail line"] += 1
        return True

    def date_below(self, date: DateReading, span: SourceSpan) -> bool:
        """A line holding only the date of the row just above (which printed none)."""
        last = self.state.last
        if last is None or last.order != self.state.order - 1:
            return False
        record = self.result.agreements[last.record_index]
        return self._completed(last, complete_split(record, date, "", span), "split")

    def continues(self, runs: list[str], span: SourceSpan) -> bool:
        """A line that ends the name of the row above (a bracket it left open, a word cut
        in two) and then prints that row's date: joined to it."""
        last = self.state.last
        if last is None or last.order != self.state.order - 1:
            return False
        previous = fold_text(last.english or last.name)
        fragment = fold_text(runs[0]).strip()
        if not (previous.count("(") > previous.count(")") or fragment[:1].islower()):
            return False
        rest = [classify(fold_text(r)) for r in runs[1:]]
        if any(r.kind not in (Kind.DATE, Kind.OTHER) for r in rest):
            return False
        if not self.join_if_wrapped(runs[0], span):
            return False
        date = next((r.date for r in rest if r.kind is Kind.DATE), None)
        if date is not None:
            index = self.state.last.record_index if self.state.last else last.record_index
            joined = complete_split(self.result.agreements[index], date, "", span)
            if joined is not None:
                self.result.agreements[index] = joined
        return True

    def join_if_wrapped(self, fragment: str, span: SourceSpan, *,
                        require_unfinished: bool = True) -> bool:
        last = self.state.last
        if last is None or last.order != self.state.order - 1 or _ITEM_BULLET.match(fragment):
            return False  # a line that begins with a bullet is an item of its own
        folded = fold_text(fragment).strip()
        if not folded or parse_date(folded).ok:
            return False
        previous = normalize_label(last.english or last.name)
        unfinished = previous.count("(") > previous.count(")") or not (
            ends_like_name(previous) or is_name(previous))
        if not (unfinished or (not require_unfinished and not is_name(folded))):
            return False
        self._join(last, [fragment], span, "continues the name above it")
        return True

    def english_wrapped(self, line: str, span: SourceSpan) -> bool:
        """An indented line of Latin words only, under a row whose English name was left
        unfinished (it ends with ``of``, ``and``, a slash or a comma, or with a partner
        unit begun after `` / `` and not yet named) or that starts with ``/``: the rest of
        that name, wrapped (a reported repair)."""
        last, text = self.state.last, fold_text(line).strip()
        if last is None or last.order != self.state.order - 1 or not line[:1].isspace() or \
                JAPANESE_CHAR.search(text) or find_date(text):
            return False
        english = fold_text(last.english or last.name).rstrip()  # the name cell's English end
        if not english[-1:].isascii():
            return False
        tail = english.rpartition(" / ")[2].split() if " / " in english else []
        unfinished = english[-1:] in "/,&" or english.rsplit(" ", 1)[-1] in LOWER_WORDS or (
            bool(tail) and not any(is_unit_name(" ".join(tail[i:])) for i in range(len(tail))))
        if not (unfinished or text.startswith("/")):
            return False
        self._join(last, [text], span, "continues the English name above it")
        return True

    def join_name_cells(self, fields: RowFields, span: SourceSpan) -> bool:
        """A table row holding nothing but the rest of the names above it, each in its own
        column (a name cell wrapped onto the next row of a table printed as text): each
        fragment is joined to its column's name when that name was left unfinished — a
        Japanese name with no ending or cut inside one, an English word cut (the rest in
        lower case), an English name ending in a word that cannot end one (``of``, ``and``)."""
        last = self.state.last
        others = (fields.country, fields.unit, fields.home, fields.date, fields.waiver,
                  fields.level, fields.number)
        if last is None or last.order != self.state.order - 1 or any(
                c is not None and c.verbatim.strip() and not c.filled for c in others):
            return False
        parts = [(c.verbatim.strip(), c is fields.english) for c in (fields.name,
                                                                     fields.english)
                 if c is not None and c.verbatim.strip()]
        name, english = last.name, last.english
        for fragment, is_english in parts:
            folded = fold_text(fragment)
            if is_english or not JAPANESE_CHAR.search(folded):
                # the English name above (in the name column when it is all Latin), cut
                # inside a word, before a lower-case word, or after "of", "and", a comma
                above = english or ("" if JAPANESE_CHAR.search(name) else fold_text(name))
                cut = bool(above) and (cut_inside_word(above, folded) or folded[:1].islower()
                                       or above.rstrip()[-1:] in "/,&"
                                       or above.rsplit(" ", 1)[-1] in LOWER_WORDS)
            else:
                cut = not ends_like_name(fold_text(name)) or glued(fold_text(name), folded) \
                    or is_campus(folded)  # ナントカ大学 / アルファ校: a campus wrapped below
            if not parts or not cut:
                return False
        self._join(last, [fragment for fragment, _ in parts], span,
                   "holds the rest of the names above it")
        return bool(parts)

    def _join(self, last: Last, fragments: list[str], span: SourceSpan, what: str) -> None:
        """Join ``fragments`` in turn to the names of the record ``last`` points at; the
        joined names become the last ones, and the join is noted and counted."""
        record, name, english = self.result.agreements[last.record_index], last.name, last.english
        for fragment in fragments:
            record, name, english = join_wrapped(record, fragment, span, name, english,
                                                 self.legends)
        self.result.agreements[last.record_index] = record
        self.state.last = Last(last.record_index, name, english, self.state.order)
        self.note("general.wrapped-row-joined", Severity.INFO, span,
                  f"{span.where} {what}: joined")
        self.state.accounting["wrapped"] += 1

