# ruff: noqa: E501  (data tables and printed strings)
"""Text, CSV and HTML documents of the fourth blind corpus; each function writes one and returns its truth."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from blind4_data import HOMES, PARTNERS, row


def truth(
    doc: str,
    fmt: str,
    home: str,
    layout: str,
    lang: str,
    title: str,
    as_of: str,
    shape: str,
    rows: list,
    *,
    notes: list | None = None,
    totals: list | None = None,
    unreadable: list | None = None,
    damage: list | None = None,
) -> dict:
    h = HOMES[home]
    return {
        "as_of": as_of,
        "damage": {"document": damage or [], "profile": "hand-made"},
        "document": doc,
        "duplicates": [],
        "format": fmt,
        "home": {"ja": h["ja"], "en": h["en"]},
        "language": lang,
        "layouts": [layout],
        "notes": notes or [],
        "shape": shape,
        "stated_totals": totals or [],
        "styles": {},
        "title": title,
        "unreadable": unreadable or [],
        "variant": "",
        "rows": rows,
    }


FR_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]

# ---------------------------------------------------------------- e01 French HTML, one table per country
E01 = [  # (country caption, pid, date printed, signed, exoneration)
    ("Japon", "b4:jp-kyoto", "1er octobre 2018", "2018-10-01", "oui"),
    ("Japon", "b4:jp-osaka", "12 mars 2019", "2019-03-12", "oui"),
    ("Japon", "b4:jp-tohoku", "mai 2016", "2016-05", "non"),
    ("Japon", "b4:jp-waseda", "3 juillet 2012", "2012-07-03", "partielle"),
    ("Chine", "b4:cn-pku", "20 novembre 2009", "2009-11-20", "oui"),
    ("Chine", "b4:cn-fudan", "1er septembre 2014", "2014-09-01", "non"),
    ("Chine", "b4:cn-neu", "15 avril 2021", "2021-04-15", "—"),
    ("Corée du Sud", "b4:kr-snu", "2 février 2017", "2017-02-02", "oui"),
    ("Corée du Sud", "b4:kr-yonsei", "—", None, "oui"),
    ("Taïwan", "b4:tw-ntu", "28 juin 2015", "2015-06-28", "non"),
    ("Canada", "b4:ca-ubc", "1er janvier 2020", "2020-01-01", "oui"),
    ("Canada", "b4:ca-mcgill", "9 décembre 2011", "2011-12-09", "oui"),
    ("États-Unis", "b4:us-purdue", "30 août 2013", "2013-08-30", "non"),
    ("Chili", "b4:cl-usach", "14 février 2022", "2022-02-14", "oui"),
]
EXO = {"oui": True, "non": False, "partielle": True, "—": None}


def e01(out: Path) -> dict:
    doc, layout = "e01-valmont.html", "caption-per-country"
    parts, rows, tno, cur = [], [], 0, None
    r = 0
    for country, pid, dp, signed, exo in E01:
        if country != cur:
            if cur is not None:
                parts.append("</tbody></table>")
            tno, cur, r = tno + 1, country, 1
            parts.append(
                f'<table class="partenaires"><caption>{country}</caption>\n<thead><tr>'
                '<th scope="col">Établissement</th><th scope="col">Date de signature</th>'
                '<th scope="col">Exonération des frais</th></tr></thead><tbody>'
            )
        r += 1
        name = PARTNERS[pid][3]
        parts.append(f'<tr><th scope="row">{name}</th><td>{dp}</td><td>{exo}</td></tr>')
        rows.append(
            row(
                "valmont",
                layout,
                pid,
                {"table": tno, "row": r},
                printed_en=name,
                signed=signed,
                signed_printed=dp,
                waiver=EXO[exo],
                damage=["empty_date"] if signed is None else [],
            )
        )
    parts.append("</tbody></table>")
    html = (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>Universités partenaires'
        ' — Université de Valmont</title></head><body>\n<header><a href="/">Université de Valmont</a>'
        '<nav><ul><li><a href="/etudier">Étudier</a></li><li><a href="/international">International</a>'
        "</li></ul></nav></header>\n<main>\n<h1>Nos universités partenaires hors Europe</h1>\n"
        "<p>Liste des accords-cadres de l'Université de Valmont, mise à jour le 1er février 2024.</p>\n"
        "<p>Exonération des frais : <em>oui</em> = frais d'inscription exonérés, <em>partielle</em> = "
        "exonération partielle, <em>—</em> = pas d'échange d'étudiants.</p>\n"
        + "\n".join(parts)
        + '\n<p class="bilan">Total : 14 établissements partenaires dans 6 pays.</p>\n</main>\n'
        "<footer>© Université de Valmont — Direction des relations internationales</footer>\n</body></html>\n"
    )
    (out / doc).write_text(html, encoding="utf-8")
    return truth(
        doc,
        "html",
        "valmont",
        layout,
        "fr",
        "Nos universités partenaires hors Europe",
        "2024-02-01",
        "French page: one <table> per country with the country in <caption>; "
        "<th scope=row> partner names; 1er octobre 2018, mai 2016; oui/non/partielle/—",
        rows,
        notes=[
            "partielle (partial waiver) counts as a waiver: true",
            "— in Exonération = no student exchange: null",
            "Total 14 institutions is right; in 6 countries is wrong: 7 countries (Chili)",
        ],
        totals=[
            {
                "scope": "all",
                "unit": "institutions",
                "value": 14,
                "text": "Total : 14 établissements partenaires dans 6 pays.",
            }
        ],
        damage=["wrong_total", "empty_date"],
    )


# ---------------------------------------------------------------- e02 Chinese UTF-16 CSV
E02 = [  # (国家/地区, pid, date printed, signed, 学费减免)
    ("日本", "b4:jp-kyoto", "2015年9月1日", "2015-09-01", "是"),
    ("日本", "b4:jp-osaka", "2018.3", "2018-03", "否"),
    ("日本", "b4:jp-waseda", "2011年10月12日", "2011-10-12", "部分"),
    ("日本", "b4:jp-tohoku", "2019-11-20", "2019-11-20", "是"),
    ("韩国", "b4:kr-snu", "2013年5月8日", "2013-05-08", "是"),
    ("韩国", "b4:kr-yonsei", "2016年4月1日", "2016-04-01", "否"),
    ("中国台湾", "b4:tw-ntu", "2017年12月5日", "2017-12-05", ""),
    ("法国", "b4:fr-sorbonne", "2014年6月30日", "2014-06-30", "是"),
    ("法国", "b4:fr-unistra", "2020年1月15日", "2020-01-15", "部分"),
    ("德国", "b4:de-heidelberg", "2010年7月1日", "2010-07-01", "是"),
    ("英国", "b4:gb-manchester", "2012年3月20日", "2012-03-20", "否"),
    ("美国", "b4:us-purdue", "2009年9月9日", "2009-09-09", "是"),
    ("美国", "b4:us-uiuc", "2021年6月1日", "2021-06-01", "否"),
    ("澳大利亚", "b4:au-monash", "2018年11月", "2018-11", "是"),
    ("新加坡", "b4:sg-nus", "2016年2月29日", "2016-02-29", "否"),
]


def e02(out: Path) -> dict:
    doc, layout = "e02-jianghuai.csv", "chinese-utf16-csv"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["序号", "国家/地区", "合作院校", "签署日期", "学费减免"])
    rows = []
    for i, (c, pid, dp, signed, fee) in enumerate(E02, 1):
        name = PARTNERS[pid][4]
        w.writerow([i, c, name, dp, fee])
        rows.append(
            row(
                "jianghuai",
                layout,
                pid,
                {"row": i + 1},
                printed_ja=name,
                signed=signed,
                signed_printed=dp,
                waiver={"是": True, "否": False, "部分": True, "": None}[fee],
            )
        )
    w.writerow(["合计", "", "15所", "", ""])
    w.writerow(["注：学费减免“部分”指仅减免学费的一部分。", "", "", "", ""])
    (out / doc).write_bytes(buf.getvalue().encode("utf-16"))
    return truth(
        doc,
        "csv",
        "jianghuai",
        layout,
        "zh",
        "江淮理工大学 国际交流合作院校一览",
        "2024-03-01",
        "UTF-16 (BOM) CSV of a Chinese university in simplified characters: 序号/国家/地区/合作院校/签署日期/学费减免; "
        "是/否/部分/blank; 2015年9月1日, 2018.3 (month), ISO",
        rows,
        notes=[
            "部分 (partial) counts as a waiver: true; blank: null",
            "2018.3 is year.month: 2018-03",
            "Chinese names go in ja (CJK script)",
        ],
        totals=[{"scope": "all", "unit": "institutions", "value": 15, "text": "合计,,15所"}],
    )
