"""Coralbay University (Australia): f07 div-grid page, f08 CRM export."""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path
from typing import Any

from blind5_data import doc_truth, name, row, total, unit

H = "coralbay"

# f07: (pid, printed name, country print, agreement, commenced, expires, tuition)
MOU = "Research Collaboration (MoU)"
SE = "Student Exchange"
TUM = "Technische Universität München (TUM)"
F07 = [
    ("b5:jp-tokyo", None, "Japan", SE, "15/04/2016", "14/04/2026", "Yes"),
    ("b5:jp-kyoto", None, "Japan", MOU, "02/11/2018", "—", "N/A"),
    ("b5:jp-kyoto", None, "Japan", SE, "01/04/2019", "31/03/2024", "Yes"),
    ("b5:jp-chuo", None, "Japan", SE, "01/09/2019", "31/08/2024", "Yes"),
    ("b5:jp-tokai", None, "Japan", "Study Abroad", "20/01/2020", "19/01/2025", "No"),
    ("b5:kr-cau", None, "South Korea", SE, "03/04/2018", "02/04/2028", "Yes"),
    ("b5:kr-snu", None, "South Korea", SE, "10/07/2015", "—", "Yes"),
    ("b5:tw-ncu", None, "Taiwan", MOU, "05/12/2017", "04/12/2027", "N/A"),
    ("b5:tw-ncku", None, "Taiwan", SE, "01/08/2019", "31/07/2024", "Yes"),
    ("b5:cn-sysu", None, "China", SE, "12/03/2016", "11/03/2026", "Yes"),
    ("b5:cn-fudan", None, "China", MOU, "18/10/2014", "—", "N/A"),
    ("b5:th-cmu", None, "Thailand", SE, "01/06/2021", "31/05/2026", "Yes"),
    ("b5:my-utm", None, "Malaysia", "Study Abroad", "14/02/2017", "13/02/2027", "No"),
    ("b5:de-tum", TUM, "Germany", SE, "01/10/2015", "—", "Yes"),
    ("b5:pe-pucp", None, "Peru", SE, "01/03/2022", "28/02/2027", "Yes"),
    ("b5:cl-puc", None, "Chile", SE, "08/05/2019", "07/05/2024", "Yes"),
]


def dmy(s: str) -> str:
    d, m, y = s.split("/")
    return f"{y}-{m}-{d}"


def f07(out: Path) -> dict[str, Any]:
    doc = "f07-coralbay.html"
    cells = ["Institution", "Country", "Agreement", "Commenced", "Expires", "Tuition waiver"]
    grid = [
        '<div class="agreements" role="table" aria-label="Partner agreements">',
        '  <div class="grid-row grid-head" role="row">'
        + "".join(f'<div role="columnheader">{c}</div>' for c in cells)
        + "</div>",
    ]
    rows: list[dict[str, Any]] = []
    for k, (pid, printed, country, kind, start, end, tw) in enumerate(F07, 2):
        en = name(pid, "en")
        shown = printed or en
        vals = [
            f'<a href="/partners/{pid[3:]}">{html.escape(shown)}</a>',
            country,
            kind,
            start,
            end,
            tw,
        ]
        grid.append(
            '  <div class="grid-row" role="row">'
            + "".join(
                f'<div role="cell" data-label="{c}">{v}</div>'
                for c, v in zip(cells, vals, strict=False)
            )
            + "</div>"
        )
        rows.append(
            row(
                H,
                "aria-div-grid",
                pid,
                {"grid": 1, "row": k},
                ja=None,
                en=en,
                printed_en=shown,
                signed=dmy(start),
                signed_printed=start,
                waiver={"Yes": True, "No": False, "N/A": None}[tw],
                agreement_type=kind,
            )
        )
    grid.append("</div>")
    summary = f"Showing 1–{len(F07)} of {len(F07)} agreements"
    page = f"""<!DOCTYPE html>
<html lang="en-AU">
<head><meta charset="utf-8">
<title>Partner institutions | Global Engagement | Coralbay University</title>
<style>.agreements{{display:grid}}
.grid-row{{display:grid;grid-template-columns:3fr 1fr 2fr 1fr 1fr 1fr}}</style>
</head>
<body>
<header class="site-header"><a class="logo" href="/">Coralbay University</a>
<nav aria-label="Main"><a href="/study">Study</a> <a href="/research">Research</a>
<a href="/global">Global</a></nav>
</header>
<main id="content">
<nav class="breadcrumb"><a href="/">Home</a> ›
<a href="/global">Global Engagement</a> › Partner institutions</nav>
<h1>Partner institutions</h1>
<p>Coralbay University holds the following institution-wide agreements with partners
in Asia, Europe and the Americas. Dates are shown as DD/MM/YYYY. Page last updated 4 March 2024.</p>
<form class="filters"><label>Country <select name="country"><option>All</option></select></label>
<label>Agreement <select name="type"><option>All</option><option>Student Exchange</option>
<option>Study Abroad</option><option>Research Collaboration (MoU)</option></select></label></form>
<p class="results-count" aria-live="polite">{summary}</p>
{chr(10).join(grid)}
<p class="note">Tuition waiver: Yes = students pay tuition at Coralbay only (reciprocal exchange);
No = fee-paying study abroad; N/A = no student mobility under the agreement.</p>
</main>
<footer>© Coralbay University · CRICOS Provider 00000X</footer>
</body>
</html>
"""
    (out / doc).write_text(page, encoding="utf-8")
    return doc_truth(
        doc,
        "html",
        H,
        title="Partner institutions",
        as_of="2024-03-04",
        language="en",
        layout="aria-div-grid",
        rows=rows,
        shape="English page whose table is a CSS grid of <div role=row>/<div role=cell> (no "
        "<table>, no <li>), "
        "Institution (a link)/Country/Agreement/Commenced/Expires/Tuition waiver; dates "
        "DD/MM/YYYY as the "
        "page states; Yes/No/N/A",
        notes=[
            "locator {grid, row}: the n-th role=row div of the grid, header = 1 (not a table/list "
            "locator: "
            "the harness pairs by name)",
            "DD/MM/YYYY is stated on the page: 03/04/2018 = 2018-04-03; Expires is not a signing "
            "date",
            "Kyoto University has two agreements (MoU 2018, Student Exchange 2019): two rows",
            "Research Collaboration (MoU) is an agreement (university level); N/A waiver: null",
            "`Technische Universität München (TUM)`: the trailing acronym is tolerated; en "
            "without it",
            f"`{summary}` is right",
        ],
        stated_totals=[total("all", "agreements", len(F07), summary)],
        damage=[],
    )


# f08: (partner print, pid, country, home faculty, partner faculty, type, signed, status, comments)
UW = "University-wide"
TW = "Tuition waived"
F08 = [
    (
        "Universidad Católica",
        "b5:cl-puc",
        "Chile",
        "Faculty of Engineering",
        "Escuela de Ingeniería",
        SE,
        "01-Mar-2019",
        "Active",
        "Semester exchange\n2 places p.a.\nTuition waived",
    ),
    (
        "Universidad Católica",
        "b5:pe-pucp",
        "Peru",
        UW,
        "",
        "Study Abroad",
        "15-Aug-2021",
        "Active",
        "Fee-paying",
    ),
    (
        "Kyoto University",
        "b5:jp-kyoto",
        "Japan",
        "Faculty of Science",
        "Graduate School of Science",
        "Research",
        "14-Jun-2020",
        "Active",
        "",
    ),
    (
        "Waseda University",
        "b5:jp-waseda",
        "Japan",
        "Faculty of Business",
        "School of Commerce",
        SE,
        "20-Sep-2016",
        "Active",
        TW,
    ),
    (
        "Tohoku University",
        "b5:jp-tohoku",
        "Japan",
        "Faculty of Engineering",
        "Graduate School of Engineering",
        SE,
        "01-Oct-2017",
        "Active",
        TW,
    ),
    (
        "Keio University",
        "b5:jp-keio",
        "Japan",
        UW,
        "",
        SE,
        "10-Jan-2020",
        "Active",
        "Tuition waived;\nrenewed 10-Jan-2025",
    ),
    (
        "Yonsei University",
        "b5:kr-yonsei",
        "Korea, Republic of",
        "Faculty of Business",
        "School of Business",
        SE,
        "01-Mar-2022",
        "Active",
        TW,
    ),
    (
        "Pusan National University",
        "b5:kr-pnu",
        "Korea, Republic of",
        UW,
        "",
        SE,
        "30-Jun-2021",
        "Expired",
        "Lapsed 30-Jun-2023\nnot renewed",
    ),
    (
        "National Sun Yat-sen University",
        "b5:tw-nsysu",
        "Taiwan",
        "Faculty of Science",
        "College of Marine Sciences",
        "Research",
        "05-May-2019",
        "Active",
        "",
    ),
    ("Tunghai University", "b5:tw-thu", "Taiwan", UW, "", SE, "11-Nov-2020", "Active", TW),
    (
        "Mahidol University",
        "b5:th-mahidol",
        "Thailand",
        "Faculty of Health",
        "Faculty of Nursing",
        SE,
        "",
        "Under negotiation",
        "Draft sent\nMarch 2024",
    ),
    (
        "Universitas Indonesia",
        "b5:id-ui",
        "Indonesia",
        "Faculty of Arts",
        "Faculty of Humanities",
        SE,
        "07-Feb-2019",
        "Active",
        TW,
    ),
    (
        "Sorbonne Université",
        "b5:fr-sorbonne",
        "France",
        "Faculty of Arts",
        "Faculté des Lettres",
        SE,
        "12-Sep-2018",
        "Active",
        TW,
    ),
    (
        "University of Leeds",
        "b5:gb-leeds",
        "United Kingdom",
        UW,
        "",
        "Study Abroad",
        "01-Feb-2017",
        "Active",
        "Fee-paying",
    ),
    (
        "Peking University",
        "b5:cn-pku",
        "China",
        "Faculty of Science",
        "School of Physics",
        "Research",
        "22-Jun-2015",
        "Active",
        "",
    ),
]
MON = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}


def f08(out: Path) -> dict[str, Any]:
    doc = "f08-coralbay-crm.csv"
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerow(
        [
            "Partner Institution",
            "Country",
            "Coralbay Faculty",
            "Partner Faculty / School",
            "Agreement Type",
            "Date Signed",
            "Status",
            "Comments",
        ]
    )
    rows: list[dict[str, Any]] = []
    for rec, (pn, pid, country, fac, pfac, kind, signed, status, comm) in enumerate(F08, 2):
        w.writerow([pn, country, fac, pfac, kind, signed, status, comm])
        if status == "Under negotiation":
            continue
        d, m, y = signed.split("-")
        iso = f"{y}-{MON[m]:02d}-{d}"
        dept = fac != UW
        wv = True if TW in comm else False if comm == "Fee-paying" else None
        extra: dict[str, Any] = {"agreement_type": kind, "status": status}
        if comm:
            extra["notes"] = comm
        rows.append(
            row(
                H,
                "crm-export-csv",
                pid,
                {"row": rec},
                ja=None,
                en=pn,
                signed=iso,
                signed_printed=signed,
                waiver=wv,
                level="department" if dept else "university",
                home_unit=unit(en=fac) if dept else None,
                partner_unit=unit(en=pfac) if pfac else None,
                damage=["multiline_cell"] if "\n" in comm else [],
                **extra,
            )
        )
    w.writerow([])
    w.writerow(["Report generated 04/03/2024 09:12 by Coralbay CRM — Agreements (all faculties)"])
    (out / doc).write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    return doc_truth(
        doc,
        "csv",
        H,
        title="Agreements (all faculties)",
        as_of="2024-03-04",
        language="en",
        layout="crm-export-csv",
        rows=rows,
        shape="CRM report export, UTF-8 with BOM, every cell quoted, CRLF: Partner "
        "Institution/Country/Coralbay "
        "Faculty/Partner Faculty / School/Agreement Type/Date Signed "
        "(`01-Mar-2019`)/Status/Comments; "
        "multi-line quoted comments; a blank record and a report footer record at the end",
        notes=[
            "`University-wide` = university level; a faculty = department level, home unit that "
            "faculty "
            "(home_unit.en), partner unit the partner faculty",
            "`Universidad Católica` printed twice, told apart only by the country: Chile = PUC "
            "Chile, Peru = "
            "PUCP (namesakes)",
            "waiver only in Comments: `Tuition waived` true, `Fee-paying` false, otherwise null",
            "Status Expired is a row (ended agreement); `Under negotiation` (Mahidol, no date) is "
            "not an "
            "agreement: not a row",
            "`renewed 10-Jan-2025`, `Lapsed 30-Jun-2023` are no signing dates",
        ],
        stated_totals=[],
        damage=["multiline_cell"],
    )
