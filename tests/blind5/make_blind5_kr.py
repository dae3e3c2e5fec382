"""Cheongnim University (Korea): f01 nested-list web page, f02 workbook."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from blind5_data import doc_truth, name, row, total, unit

H = "cheongnim"


def kdate(iso: str) -> str:
    y, m, *d = iso.split("-")
    return f"{int(y)}년 {int(m)}월" + (f" {int(d[0])}일" if d else "")


# f01: (country heading, [(pid, star, iso, [(home unit, partner unit ko, iso)], ended)])
F01 = [
    (
        "아시아",
        [
            (
                "일본",
                [
                    (
                        "b5:jp-tokyo",
                        True,
                        "2015-04-01",
                        [("공과대학", "공학계연구과", "2018-09-01")],
                        None,
                    ),
                    ("b5:jp-chuo", False, "2017-03-02", [], None),
                    ("b5:jp-tokai", True, "2019-10", [], None),
                ],
            ),
            (
                "중국",
                [
                    ("b5:cn-sysu", False, "2016-06-15", [], None),
                    (
                        "b5:cn-fudan",
                        True,
                        "2012-11-20",
                        [("경영대학", "관리학원", "2020-03-01")],
                        None,
                    ),
                ],
            ),
            (
                "대만",
                [
                    ("b5:tw-ncu", True, "2018-05-04", [], None),
                    ("b5:tw-thu", False, "2021-02-01", [], None),
                ],
            ),
            ("태국", [("b5:th-chula", True, "2014-07-01", [], None)]),
            ("말레이시아", [("b5:my-usm", False, "2019-08-20", [], None)]),
        ],
    ),
    (
        "오세아니아",
        [
            (
                "호주",
                [
                    (
                        "b5:au-uq",
                        True,
                        "2013-03-01",
                        [("인문대학", "인문사회과학부", "2022-02-14")],
                        None,
                    )
                ],
            )
        ],
    ),
    ("유럽", [("독일", [("b5:de-tum", False, "2016-10-01", [], None)])]),
    (
        "아메리카",
        [
            ("미국", [("b5:us-hawaii", True, "2011-09-01", [], "2023년 8월 협정 종료")]),
            ("칠레", [("b5:cl-puc", False, "2020-01-10", [], None)]),
        ],
    ),
]


def f01(out: Path) -> dict[str, Any]:
    doc = "f01-cheongnim.html"
    rows: list[dict[str, Any]] = []
    body: list[str] = []
    nlist = 0
    n_inst = n_agr = 0
    for region, countries in F01:
        body.append(f"<h2>{region}</h2>")
        for country, partners in countries:
            body.append(f"<h3>{country}</h3>")
            nlist += 1
            outer = nlist
            body.append('<ul class="partner-list">')
            for item, (pid, star, iso, depts, ended) in enumerate(partners, 1):
                ko, en = name(pid, "ko"), name(pid, "en")
                mark = ' <span class="star" title="등록금 상호 면제">★</span>' if star else ""
                end = f' <span class="ended">({ended})</span>' if ended else ""
                li = (
                    f"<li><strong>{html.escape(ko)}</strong> "
                    f'<span class="en">({html.escape(en)})</span>'
                    f"{mark} — 협정일: {kdate(iso)}{end}"
                )
                extra = {"status": "종료", "notes": ended} if ended else {}
                rows.append(
                    row(
                        H,
                        "nested-list-ko",
                        pid,
                        {"list": outer, "item": item},
                        ja=ko,
                        en=en,
                        signed=iso,
                        signed_printed=kdate(iso),
                        waiver=star,
                        **extra,
                    )
                )
                n_inst += 1
                n_agr += 1
                if depts:
                    nlist += 1
                    li += '\n  <ul class="dept">'
                    for ditem, (hu, pu, diso) in enumerate(depts, 1):
                        li += f"\n    <li>{hu} ↔ {html.escape(ko)} {pu} — {kdate(diso)}</li>"
                        rows.append(
                            row(
                                H,
                                "nested-list-ko",
                                pid,
                                {"list": nlist, "item": ditem},
                                ja=ko,
                                en=None,
                                level="department",
                                home_unit=unit(hu),
                                partner_unit=unit(pu),
                                signed=diso,
                                signed_printed=kdate(diso),
                                waiver=False,
                            )
                        )
                        n_agr += 1
                    li += "\n  </ul>\n"
                body.append(li + "</li>")
            body.append("</ul>")
    totals_text = f"총 {n_inst}개 대학과 {n_agr}건의 협정을 체결하고 있습니다."
    page = f"""<!DOCTYPE html>
<html lang="ko">
<head><meta charset="utf-8"><title>해외 협정대학 | 청림대학교 국제교류처</title></head>
<body>
<header><a href="/">청림대학교</a>
<nav><ul><li><a href="/intl">국제교류처</a></li><li><a href="/intl/exchange">교환학생</a></li>
<li><a href="/intl/partners">협정대학</a></li></ul></nav></header>
<main>
<h1>해외 협정대학 현황</h1>
<p class="date">2024년 3월 1일 기준</p>
<p class="legend">★ 표시는 등록금 상호 면제 교환학생 협정입니다.
표시가 없는 협정은 등록금 면제 대상이 아닙니다.
들여쓴 항목은 단과대학 간 협정입니다.</p>
{chr(10).join(body)}
<p class="summary">{totals_text}</p>
</main>
<footer>청림대학교 국제교류처 · 전화 000-000-0000</footer>
</body>
</html>
"""
    (out / doc).write_text(page, encoding="utf-8")
    return doc_truth(
        doc,
        "html",
        H,
        title="해외 협정대학 현황",
        as_of="2024-03-01",
        language="ko",
        layout="nested-list-ko",
        rows=rows,
        shape="Korean page: region <h2>, country <h3>, one <ul> per country; <li> partner (Hangul, "
        "English in parentheses, ★ waiver, 협정일 YYYY년 M월 D일); a nested <ul> under a partner "
        "lists college-level agreements (단과대학 ↔ partner faculty — date)",
        notes=[
            "Hangul names are in `ja` (the non-Latin slot), English in parentheses in `en`",
            "nested <li> are department-level rows: home unit = the 단과대학, partner unit after "
            "the name",
            "★ with a legend: unmarked agreements (nested ones included) are false",
            "Hawaii: ended (2023년 8월 협정 종료) — a row, status 종료; 2023년 8월 is no signing "
            "date",
            "`2019년 10월` = 2019-10; list/item: every <ul> in <main> in document order, nested "
            "lists included; item = n-th <li> child of that list",
        ],
        stated_totals=[
            total("all", "institutions", n_inst, totals_text),
            total("all", "agreements", n_agr, totals_text),
        ],
        damage=["month_only_date", "ended_agreement"],
    )
