"""Every line of a sectioned source is accounted for (issue 9, item 10): text a section's line
range no longer covers, after an edit of the source, is reported, never dropped silently."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kyotei.graph.model.records import DocumentInfo, Level, SectionInfo, Severity
from kyotei.loaders import load_document

LINES = [
    "大学間協定",
    "注1) *印は、授業料等を不徴収とする協定",
    "注2) 括弧は協定締結年月日",
    "フィンランド",
    " - *ナントカ工科大学 (2015.4.1)",
    " - カントカ大学 (2016.5.2)",
    "",
    " - ソレカラ大学 (2017.6.3)",
]


def test_lines_outside_every_section_are_reported(tmp_path: Path) -> None:
    (tmp_path / "list.txt").write_text("\n".join(LINES) + "\n", encoding="utf-8")
    doc = DocumentInfo(
        file="list.txt", title="t", as_of=dt.date(2020, 4, 1), as_of_text="2020年4月1日現在",
        languages=("ja",), publisher_status="unidentified",
        sections=(SectionInfo("大学間協定", "university-list", Level.UNIVERSITY, 1, 5),),
    )
    result = load_document(doc, tmp_path)
    assert [r.source.line for r in result.agreements] == [5]
    outside = [f for f in result.findings if f.code == "document.outside-sections"]
    assert [(f.severity, f.lines) for f in outside] == [(Severity.WARNING, (6,)),
                                                       (Severity.WARNING, (8,))]
    (accounting,) = [f for f in result.findings if f.code == "document.accounting"]
    # line 1 carries the layout's finding that the section states no totals
    assert accounting.message == ("lines accounted for: blank 1, read 1, reported 1, "
                                  "structure 3, outside 2")
