"""g01 (HTML, one <article> card per agreement) and g02 (XLSX, countries as columns): Lindenau."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from blind6_data import PARTNERS, doc, row

MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
AS_OF = ("2024-04-02", "Stand: 2. April 2024")
TITLE = "Partnerhochschulen der Universität Lindenau"

# (id, Land, Art, date printed, signed, waiver printed, waiver)
G01 = [
    (
        "b6:ch-fribourg",
        "Schweiz",
        "Hochschulvereinbarung",
        "1. März 2018",
        "2018-03-01",
        "ja",
        True,
    ),
    (
        "b6:es-salamanca",
        "Spanien",
        "Erasmus+ Abkommen",
        "14. Januar 2015",
        "2015-01-14",
        "ja",
        True,
    ),
    ("b6:pt-porto", "Portugal", "Erasmus+ Abkommen", "3. Februar 2016", "2016-02-03", "ja", True),
    ("b6:it-bologna", "Italien", "Erasmus+ Abkommen", "22. Juni 2017", "2017-06-22", None, None),
    ("b6:jp-tohoku", "Japan", "Hochschulvereinbarung", "1. Oktober 2012", "2012-10-01", "ja", True),
    ("b6:jp-osaka", "Japan", "Austauschvereinbarung", "15.10.2019", "2019-10-15", "nein", False),
    (
        "b6:vn-vnu-hanoi",
        "Vietnam",
        "Kooperationsvereinbarung",
        "März 2020",
        "2020-03",
        "nein",
        False,
    ),
    ("b6:id-ugm", "Indonesien", "Austauschvereinbarung", "7. Mai 2014", "2014-05-07", "ja", True),
    (
        "b6:mx-unam",
        "Mexiko",
        "Hochschulvereinbarung",
        "30. November 2011",
        "2011-11-30",
        "ja",
        True,
    ),
    (
        "b6:ar-uba",
        "Argentinien",
        "Austauschvereinbarung",
        "4. April 2017",
        "2017-04-04",
        "nein",
        False,
    ),
    (
        "b6:co-andes",
        "Kolumbien",
        "Austauschvereinbarung",
        "9. September 2019",
        "2019-09-09",
        "ja",
        True,
    ),
    ("b6:cl-uandes", "Chile", "Austauschvereinbarung", "Laufzeit ab WS 2021/22", None, "ja", True),
    (
        "b6:us-purdue",
        "USA",
        "Austauschvereinbarung",
        "18. August 2016",
        "2016-08-18",
        "nein",
        False,
    ),
    ("b6:ca-laval", "Kanada", "Hochschulvereinbarung", "2. Juli 2013", "2013-07-02", None, None),
    (
        "b6:au-uq",
        "Australien",
        "Austauschvereinbarung",
        "12. Dezember 2022",
        "2022-12-12",
        "ja",
        True,
    ),
]


def g01(out: Path) -> dict:
    cards, rows = [], []
    for n, (pid, land, art, dp, signed, wp, waiver) in enumerate(G01, 1):
        name = PARTNERS[pid][1]["de"]
        label = "Unterzeichnet" if signed else "Laufzeit"
        value = dp.replace("Laufzeit ", "") if not signed else dp
        lines = [
            f'  <article class="partner-card" id="p{n}">',
            f'    <h3 class="partner-card__name">{name}</h3>',
            f'    <p class="partner-card__country"><span class="flag"></span>{land}</p>',
            "    <dl>",
            f"      <dt>Art</dt><dd>{art}</dd>",
            f"      <dt>{label}</dt><dd>{value}</dd>",
        ]
        if wp is not None:
            lines.append(f"      <dt>Studiengebührenerlass</dt><dd>{wp}</dd>")
        lines += ["    </dl>", '    <a class="more" href="#">Mehr erfahren</a>', "  </article>"]
        cards.append("\n".join(lines))
        rows.append(
            row(
                "lindenau",
                pid,
                {"article": n},
                signed,
                value,
                "article-cards",
                en=name,
                waiver=waiver,
                agreement_type=art,
            )
        )
    total = "Die Universität Lindenau unterhält derzeit 16 Hochschulpartnerschaften weltweit."
    html = "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="de"><head><meta charset="utf-8">',
            f"<title>{TITLE} | International Office</title></head><body>",
            '<header><a href="/">Universität Lindenau</a><nav><a href="#">Studium</a> '
            '<a href="#">Forschung</a> <a href="#">International</a></nav></header>',
            "<main>",
            f"<h1>{TITLE}</h1>",
            f"<p>{total}</p>",
            f'<p class="stand">{AS_OF[1]}</p>',
            '<form class="filter"><label>Land <select><option>Alle</option>'
            "</select></label></form>",
            '<section class="partner-grid">',
            *cards,
            "</section>",
            "</main>",
            "<footer>© Universität Lindenau · Impressum · Datenschutz</footer>",
            "</body></html>",
            "",
        ]
    )
    (out / "g01-lindenau.html").write_text(html, encoding="utf-8")
    return doc(
        "g01-lindenau.html",
        "html",
        "lindenau",
        "de",
        TITLE,
        AS_OF[0],
        AS_OF[1],
        "article-cards",
        "no table, no list: one <article> card per partner (h3 name, country paragraph, "
        "a <dl> of Art / Unterzeichnet / Studiengebührenerlass); German dates `1. März 2018`",
        rows,
        totals=[{"scope": "all", "text": total, "unit": "agreements", "value": 16}],
        notes=[
            "locator {article: n} = n-th <article> inside <main> (no table/list locator fits)",
            "`16 Hochschulpartnerschaften` is wrong: 15 cards",
            "Universidad de los Andes twice: Kolumbien and Chile (namesakes)",
            "Chile card: `Laufzeit ab WS 2021/22` is a term, no signing date: null",
            "a card without Studiengebührenerlass states nothing: waiver null",
            "`15.10.2019` is day-first (German)",
        ],
    )


# pivot sheet: (Land, [(id, date or text, signed)])
G02 = [
    ("Spanien", [("b6:es-salamanca", dt.date(2015, 1, 14), "2015-01-14")]),
    ("Portugal", [("b6:pt-porto", dt.date(2016, 2, 3), "2016-02-03")]),
    ("Österreich", [("b6:at-tuwien", dt.date(2010, 5, 1), "2010-05-01")]),
    ("Schweiz", [("b6:ch-fribourg", dt.date(2018, 3, 1), "2018-03-01")]),
    ("Japan", [("b6:jp-tohoku", dt.date(2012, 10, 1), "2012-10-01"), ("b6:jp-osaka", None, None)]),
    (
        "Vietnam",
        [
            ("b6:vn-vnu-hanoi", "03/2020", "2020-03"),
            ("b6:vn-hcmut", dt.date(2021, 6, 15), "2021-06-15"),
        ],
    ),
    (
        "Indonesien",
        [
            ("b6:id-ugm", dt.date(2014, 5, 7), "2014-05-07"),
            ("b6:id-ui", dt.date(2019, 11, 20), "2019-11-20"),
        ],
    ),
    ("Kolumbien", [("b6:co-andes", dt.date(2019, 9, 9), "2019-09-09")]),
    ("Chile", [("b6:cl-uandes", "WS 2021/22", None)]),
]


def g02(out: Path) -> dict:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "nach Ländern"
    ws["A1"] = "Partnerhochschulen nach Ländern – Universität Lindenau"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Stand 02.04.2024"
    rows = []
    col = 2
    ws.cell(row=4, column=1, value="Land")
    ws.cell(row=5, column=1, value="")
    for land, partners in G02:
        ws.cell(row=4, column=col, value=land).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=4, start_column=col, end_row=4, end_column=col + 1)
        ws.cell(row=5, column=col, value="Hochschule")
        ws.cell(row=5, column=col + 1, value="seit")
        for i, (pid, date, signed) in enumerate(partners):
            r = 6 + i
            name = PARTNERS[pid][1]["de"]
            c = ws.cell(row=r, column=col, value=name)
            d = ws.cell(row=r, column=col + 1, value=date)
            kw: dict = {}
            if isinstance(date, dt.date):
                d.number_format = "DD.MM.YYYY"
                kw["excel"] = date.isoformat()
            else:
                kw["signed_printed"] = date
            rows.append(
                row(
                    "lindenau",
                    pid,
                    {"sheet": ws.title, "row": r, "cell": f"{ws.title}!{c.column_letter}{r}"},
                    signed,
                    kw.get("signed_printed"),
                    "country-columns",
                    en=name,
                    country=PARTNERS[pid][0],
                    excel=kw.get("excel"),
                )
            )
        ws.column_dimensions[ws.cell(row=5, column=col).column_letter].width = 34
        col += 2
    ws.cell(row=9, column=1, value="Gesamt: 12 Partnerhochschulen in 9 Ländern")
    wb.properties.creator = "International Office"
    wb.save(out / "g02-lindenau.xlsx")
    return doc(
        "g02-lindenau.xlsx",
        "xlsx",
        "lindenau",
        "de",
        "Partnerhochschulen nach Ländern",
        AS_OF[0],
        "Stand 02.04.2024",
        "country-columns",
        "pivot-like: one sheet, countries as merged column headings (row 4), each over a "
        "Hochschule / seit pair (row 5); partners of a country stacked below its pair",
        rows,
        totals=[
            {
                "scope": "all",
                "text": "Gesamt: 12 Partnerhochschulen in 9 Ländern",
                "unit": "institutions",
                "value": 12,
            },
            {
                "scope": "all",
                "text": "Gesamt: 12 Partnerhochschulen in 9 Ländern",
                "unit": "countries",
                "value": 9,
            },
        ],
        notes=[
            "the country of a partner is the merged heading of its column pair",
            "Osaka's `seit` cell is empty: null; Vietnam `03/2020` text = 2020-03; "
            "Chile `WS 2021/22` is a term: null",
            "the total is right",
        ],
    )
