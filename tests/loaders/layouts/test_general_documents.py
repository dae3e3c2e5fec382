"""Three hand-made lists in styles the corpus does not use, read by the general reader and
compared record by record with the records written by hand in ``fixtures/*.expected.json``.

- ``partners_us.html``: an English-only US page (navigation, intro prose, an "as of" line),
  a table with a ``State/Country`` column, a "Tuition Exchange" Yes/No column, a season
  instead of a date, and a stated total;
- ``faculty_agreements.xlsx``: a department-level workbook with a ``Home department``
  column and merged group cells, Excel dates, a ✓ waiver column, a notes sheet whose legend
  explains the mark;
- ``extracted_pdf.txt``: text extracted from a two-page PDF: running header and page
  numbers, a form feed, an English name wrapped inside a word, a date on its own line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from general_helpers import codes, read_file, rows

FIXTURES = Path(__file__).parent / "fixtures"
DOCUMENTS = ["partners_us.html", "faculty_agreements.xlsx", "extracted_pdf.txt"]


def _expected(name: str) -> list[tuple[object, ...]]:
    data = json.loads((FIXTURES / f"{name.rsplit('.', 1)[0]}.expected.json").read_text("utf-8"))
    return [tuple(record) for record in data["records"]]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_records_are_the_hand_written_ones(name: str) -> None:
    assert rows(read_file(FIXTURES / name)) == _expected(name)


def test_us_page_reports_the_season_and_checks_the_total() -> None:
    result = read_file(FIXTURES / "partners_us.html")
    assert "general.date-unreadable" in codes(result)
    hanyang = result.agreements[3]
    assert (hanyang.signed_on, hanyang.signed_on_text) == (None, "Fall 2018")
    assert [(c.stated, c.found) for c in result.checks] == [(5, 5)]


def test_workbook_notes_sheet_is_not_a_partner() -> None:
    result = read_file(FIXTURES / "faculty_agreements.xlsx")
    not_read = [f for f in result.findings if f.code == "general.line-not-read"]
    assert [f.locators for f in not_read] == [("Notes!1:1",)]
    assert [r.country_basis.value if r.country_basis else None
            for r in result.agreements][:3] == ["printed", "printed", "printed"]


def test_extracted_text_records_the_month_only_date_as_a_month() -> None:
    result = read_file(FIXTURES / "extracted_pdf.txt")
    last = result.agreements[-1]
    assert (last.signed_on, last.signed_in_month, last.signed_on_text) == (
        None, "2018-12", "2018年12月")
    assert all(r.signed_in_month is None for r in result.agreements[:-1])
    assert "general.date-partial" not in codes(result)
    assert [r.source.line for r in result.agreements] == [6, 7, 10, 16, 17]
    assert [(c.stated, c.found) for c in result.checks] == [(5, 5)]
