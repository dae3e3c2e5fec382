"""Held-out documents in HTML, CSV and text (hand-written; see README.md)."""

from __future__ import annotations

from pathlib import Path

from make_heldout import SAME, Doc, lines_with

PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>
<body>
<header><p>{site}</p></header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/intl/">International</a></li></ul></nav>
<main>
{body}
</main>
<footer><p>Copyright {site}</p></footer>
</body></html>
"""


def h01(folder: Path) -> Doc:
    """<h2> country headings, then a <dl>: <dt> partner (original script in brackets)."""
    d = Doc("h01-asagiri.html", "html", "asagiri", "ja", "朝霧大学 大学間交流協定校",
            "2024-04-01", "2024年4月1日現在", ["dl-list"],
            "dl/dt/dd per country heading; original script beside the Japanese name; "
            "abbreviation and city in brackets; waiver as a labelled dd")  # fmt: skip
    groups = [
        ("韓国", [("kr-snu", "ソウル大学校（서울대학교）", "2005年4月1日", "2005-04-01", True),
                  ("kr-korea", "高麗大学校（고려대학교）", "2011年10月20日", "2011-10-20", False)]),
        ("中国", [("cn-whu", "武漢大学（武汉大学）", "2009年6月15日", "2009-06-15", True)]),
        ("台湾", [("tw-ntu", "国立台湾大学（國立臺灣大學）", "2014年5月8日", "2014-05-08", False)]),
        ("アメリカ合衆国", [
            ("us-ucla", "カリフォルニア大学ロサンゼルス校（UCLA）", "2008年1月15日", "2008-01-15",
             False),
            ("us-uw", "ワシントン大学（シアトル）", "2012年3月1日", "2012-03-01", True)]),
        ("フランス", [("fr-sorbonne", "ソルボンヌ大学", "2010年4月", "2010-04", False)]),
        ("ポーランド", [("pl-uw", "ワルシャワ大学", "2019年10月1日", "2019-10-01", True)]),
    ]  # fmt: skip
    body = ["<h1>大学間交流協定校一覧</h1>", "<p>2024年4月1日現在</p>"]
    n = 0
    for country, rows in groups:
        body.append(f"<h2>{country}</h2>\n<dl>")
        for pid, printed, date, iso, waiver in rows:
            n += 1
            body.append(f"<dt>{printed}</dt>\n<dd>締結日：{date}</dd>\n"
                        f"<dd>授業料不徴収：{'あり' if waiver else 'なし'}</dd>")  # fmt: skip
            ja = printed
            if pid in ("kr-snu", "kr-korea", "cn-whu", "tw-ntu"):
                ja = printed.split("（")[0]  # the original script is not the Japanese name
            d.add(pid, {"dt": n}, signed=iso, printed_date=date, waiver=waiver,
                  ja=SAME, printed_ja=ja)  # fmt: skip
        body.append("</dl>")
    body.append("<p>合計 8校</p>")
    d.total("university", "institutions", 8, "合計 8校")
    d.notes.append("Original-script names in brackets are not part of the Japanese name; "
                   "an abbreviation or a city in brackets may stay (both forms accepted).")
    page = PAGE.format(lang="ja", title=d.title, site="朝霧大学 国際交流センター",
                       body="\n".join(body))  # fmt: skip
    (folder / d.name).write_text(page, encoding="utf-8")
    return d


def h02(folder: Path) -> Doc:
    """English page: region <h2>, country <h3>, partners as <div> cards."""
    d = Doc("h02-tokiwa.html", "html", "tokiwa", "en",
            "Tokiwa Gakuin University Partner Institutions",
            "2024-05-01", "As of May 1, 2024", ["cards"],
            "English page of a Japanese university; region then country headings; div cards "
            "with the date and the waiver in a meta line", languages=["en"])  # fmt: skip
    regions = [
        ("Asia", [("Singapore", [("sg-ntu", "Nanyang Technological University (NTU)",
                                  "12 March 2015", "2015-03-12", True)]),
                  ("Malaysia", [("my-um", "University of Malaya", "1 October 2013",
                                 "2013-10-01", False)]),
                  ("Philippines", [("ph-upd", "University of the Philippines Diliman",
                                    "April 2018", "2018-04", True)])]),
        ("Europe", [("United Kingdom", [
            ("gb-ed", "The University of Edinburgh", "1 September 2016", "2016-09-01", True),
            ("gb-soas", "SOAS University of London", "20 June 2019", "2019-06-20", False)]),
            ("Germany", [("de-lmu", "Ludwig-Maximilians-Universität München", "3 May 2010",
                          "2010-05-03", False)])]),
        ("North America", [("Canada", [("ca-ubc", "The University of British Columbia",
                                        "20 February 2019", "2019-02-20", False)])]),
        ("Oceania", [("New Zealand", [("nz-uoa", "The University of Auckland", "1 July 2017",
                                       "2017-07-01", True)])]),
    ]  # fmt: skip
    body = ["<h1>Partner Institutions</h1>", "<p>As of May 1, 2024</p>",
            "<p>Tuition waiver: exchange students pay no tuition at the host institution."
            "</p>"]  # fmt: skip
    n = 0
    for region, countries in regions:
        body.append(f"<h2>{region}</h2>")
        for country, rows in countries:
            body.append(f"<h3>{country}</h3>")
            for pid, name, date, iso, waiver in rows:
                n += 1
                fee = "Tuition waiver" if waiver else "Fee-paying"
                body.append(
                    f'<div class="partner-card">\n  <div class="partner-name">{name}</div>\n'
                    f'  <div class="partner-meta">Signed: {date} | Student exchange | {fee}'
                    "</div>\n</div>"
                )
                d.add(pid, {"card": n}, signed=iso, printed_date=date, waiver=waiver,
                      en=SAME, printed_en=name)  # fmt: skip
    page = PAGE.format(lang="en", title=d.title, site="Tokiwa Gakuin University",
                       body="\n".join(body))  # fmt: skip
    (folder / d.name).write_text(page, encoding="utf-8")
    return d


def h03(folder: Path) -> Doc:
    """<h3> country headings followed by <p> paragraphs whose lines are split by <br>."""
    d = Doc("h03-setsurei.html", "html", "setsurei", "ja", "雪嶺大学 学術交流協定校（大学間）",
            "2024-04-01", "2024年4月1日現在", ["p-br-lines"],
            "country <h3> then one <p> per country with <br>-separated lines; waiver mark ※ "
            "after the date, defined by a legend paragraph; formal country names")  # fmt: skip
    groups = [
        ("中華人民共和国", [("cn-pku", "北京大学", "2001年9月10日", "2001-09-10", True),
                            ("cn-sjtu", "上海交通大学", "2010年3月1日", "2010-03-01", False),
                            ("cn-nju", "南京大学", "2018年11月5日", "2018-11-05", True)]),
        ("大韓民国", [("kr-yonsei", "延世大学校", "1998年4月1日", "1998-04-01", True),
                      ("kr-pusan", "釜山大学校", "2016年7月1日", "2016-07-01", False)]),
        ("タイ王国", [("th-mahidol", "マヒドン大学", "2012年2月14日", "2012-02-14", False)]),
        ("ベトナム社会主義共和国", [("vn-vnu", "ベトナム国家大学ハノイ校", "2019年12月2日",
                                      "2019-12-02", False)]),
    ]  # fmt: skip
    body = ["<h2>学術交流協定校（大学間）</h2>", "<p>※印：授業料等不徴収協定校</p>"]
    n = 0
    for country, rows in groups:
        body.append(f"<h3>{country}</h3>")
        parts = []
        for pid, name, date, iso, waiver in rows:
            n += 1
            parts.append(f"{name}　{date}{'※' if waiver else ''}")
            d.add(pid, {"brline": n}, signed=iso, printed_date=date, waiver=waiver, ja=SAME)
        body.append("<p>" + "<br>\n".join(parts) + "</p>")
    body.append("<p>計 7校</p>")
    d.total("university", "institutions", 7, "計 7校")
    page = PAGE.format(lang="ja", title=d.title, site="雪嶺大学 国際交流課",
                       body="\n".join(body))  # fmt: skip
    (folder / d.name).write_text(page, encoding="utf-8")
    return d


def h04(folder: Path) -> Doc:
    """A table with the date first, extra columns (type, validity period, notes), an ended row."""
    d = Doc("h04-wakaba.html", "html", "wakaba", "ja", "若葉理科大学 大学間協定一覧",
            "2024-06-01", "2024年6月1日現在", ["reordered-table"],
            "table columns 締結日 / 協定校 / 国・地域 / 協定の種類 / 協定期間 / 備考; era dates "
            "R3.4.1 and 令和元年; a validity period that is not a signing date; a 失効 row; "
            "waiver only in the notes")  # fmt: skip
    rows = [
        ("R3.4.1", "2021-04-01", "de-tum", "ドイツ", "学生交流", "2021.4.1～2026.3.31", "", None),
        ("令和元年9月1日", "2019-09-01", "fr-unistra", "フランス", "学術交流・学生交流",
         "2019.9.1～2024.8.31", "授業料不徴収", True),
        ("平成28年6月1日", "2016-06-01", "se-lund", "スウェーデン", "学生交流",
         "2016.6.1～2021.5.31", "2021年5月31日失効", None),
        ("2014年1月20日", "2014-01-20", "fi-hel", "フィンランド", "学術交流", "―", "", None),
        ("", None, "it-polimi", "イタリア", "学生交流", "2020.4.1～2025.3.31", "", None),
        ("2017/10/3", "2017-10-03", "at-uni", "オーストリア", "学術交流", "", "", None),
        ("H30.2.28", "2018-02-28", "pl-uw", "ポーランド", "学生交流", "2018.2.28～2023.2.27",
         "授業料不徴収", True),
    ]  # fmt: skip
    out = ["<h1>大学間協定一覧</h1>", "<p>2024年6月1日現在</p>", "<table>",
           "<tr><th>締結日</th><th>協定校</th><th>国・地域</th><th>協定の種類</th>"
           "<th>協定期間</th><th>備考</th></tr>"]  # fmt: skip
    for i, (date, iso, pid, country, kind, period, note, waiver) in enumerate(rows, 2):
        name = __import__("heldout_data").PARTNERS[pid][1]
        out.append(f"<tr><td>{date}</td><td>{name}</td><td>{country}</td><td>{kind}</td>"
                   f"<td>{period}</td><td>{note}</td></tr>")  # fmt: skip
        d.add(pid, {"table": 1, "row": i}, signed=iso, printed_date=date or None,
              waiver=waiver, ja=SAME)  # fmt: skip
    out.append("</table>")
    d.notes += ["協定期間 is a validity period, not a signing date: a row with no 締結日 has "
                "signed null even when its period starts on a day.",
                "The waiver is stated only in 備考: true where it says 授業料不徴収, else null "
                "(not stated), never false.",
                "The 失効 (ended) row is listed, so it is an agreement of the list."]
    page = PAGE.format(lang="ja", title=d.title, site="若葉理科大学", body="\n".join(out))
    (folder / d.name).write_text(page, encoding="utf-8")
    return d


def c01(folder: Path) -> Doc:
    """English CSV, `;` delimiter, date first, country last, quoted multi-line cells, d/m dates."""
    d = Doc("c01-tokiwa.csv", "csv", "tokiwa", "en", "Tokiwa Gakuin University exchange partners",
            "2024-05-01", "May 2024", ["semicolon-table"],
            "semicolon CSV; columns Signed / Partner institution / Notes / Country; a partner "
            "cell with a line break; 01/04/2021-style dates whose day/month order the "
            "document does not settle; 2021-4-1", languages=["en"])  # fmt: skip
    records = [
        ("Signed", "Partner institution", "Notes", "Country"),
        ("01/04/2021", "Universidad de Salamanca\n(University of Salamanca)", "Student exchange",
         "Spain"),
        ("2021-4-1", "Universidad Nacional Autónoma de México (UNAM)", "", "Mexico"),
        ("2018-09-15", "Universidade de São Paulo", "Tuition waiver;\nrenewed 2023", "Brazil"),
        ("2019-11-20", "Boğaziçi University", "", "Turkey"),
        ("03/02/2016", "Cairo University", "", "Egypt"),
        ("2022-7-1", "University of Nairobi", "Tuition waiver", "Kenya"),
    ]  # fmt: skip
    truth = [("es-usal", None, "Universidad de Salamanca", None),
             ("mx-unam", "2021-04-01", "Universidad Nacional Autónoma de México (UNAM)", None),
             ("br-usp", "2018-09-15", None, True), ("tr-boun", "2019-11-20", None, None),
             ("eg-cu", None, None, None), ("ke-uon", "2022-07-01", None, True)]  # fmt: skip
    for i, (pid, iso, printed, waiver) in enumerate(truth, 2):
        d.add(pid, {"row": i}, signed=iso, printed_date=records[i - 1][0], waiver=waiver,
              en=SAME, printed_en=printed)  # fmt: skip
    d.notes += ["01/04/2021 and 03/02/2016: day/month order not settled by the document (no "
                "date with a day over 12 in that form): signed null — refusing is right, a "
                "guess in either order is wrong.",
                "Waiver true where Notes says 'Tuition waiver', else null (not stated)."]
    text = "\r\n".join(";".join(_q(c) for c in rec) for rec in records) + "\r\n"
    (folder / d.name).write_bytes(text.encode("utf-8"))
    return d


def _q(cell: str) -> str:
    return f'"{cell}"' if any(c in cell for c in ';\n"') else cell


def c02(folder: Path) -> Doc:
    """Shift_JIS CSV: half-width katakana, Excel serial dates, an update column, a bad total."""
    d = Doc("c02-wakaba.csv", "csv", "wakaba", "ja", "若葉理科大学 交流協定校（アジア）",
            "2024-06-01", "2024年6月1日", ["serial-dates"],
            "cp932 CSV; half-width katakana names and countries; 締結日 as Excel serial "
            "numbers; a 更新日 column (not the signing date); a stated total larger than the "
            "rows")  # fmt: skip
    rows = [
        ("kr-snu", "ｿｳﾙ大学校", "大韓民国", "2005-04-01", "2024-04-01"),
        ("kr-korea", "高麗大学校", "大韓民国", "2011-10-20", ""),
        ("tw-nccu", "国立政治大学", "台湾", "2013-06-03", "2023-06-03"),
        ("hk-cuhk", "香港中文大学", "香港", "2016-01-15", ""),
        ("my-um", "ﾏﾗﾔ大学", "ﾏﾚｰｼｱ", "2013-10-01", "2023-10-01"),
        ("id-ui", "ｲﾝﾄﾞﾈｼｱ大学", "ｲﾝﾄﾞﾈｼｱ", "2020-02-10", ""),
        ("mn-num", "モンゴル国立大学", "モンゴル", "2009-09-09", ""),
        ("in-iitb", "インド工科大学ボンベイ校", "インド", "", ""),
        ("ru-msu", "ﾓｽｸﾜ大学", "ロシア", "1995-05-25", ""),
    ]  # fmt: skip
    import datetime as dt

    def serial(iso: str) -> str:
        return str((dt.date.fromisoformat(iso) - dt.date(1899, 12, 30)).days) if iso else ""

    out = ["番号,協定校名,国名,締結日,更新日"]
    for i, (pid, name, country, iso, upd) in enumerate(rows, 1):
        out.append(f"{i},{name},{country},{serial(iso)},{serial(upd)}")
        # signed null: a CSV does not say which date system its serials count in (below)
        d.add(pid, {"row": i + 1}, signed=None, printed_date=serial(iso) or None,
              ja=SAME, printed_ja=name, damage=("halfwidth",) if "ｲ" in name or "ｿ" in name
              or "ﾏ" in name or "ﾓ" in name else ())  # fmt: skip
    d.notes.append("meant: " + ", ".join(f"{pid}={iso}" for pid, _n, _c, iso, _u in rows if iso))
    out.append("合計,10校,,,")
    d.total("university", "institutions", 10, "合計,10校")
    d.notes += ["締結日 holds Excel serial day numbers: 38443 is 2005-04-01 in Excel's 1900 "
                "date system but 2009-04-02 in its 1904 system, and a CSV does not say which "
                "the workbook used. Truth: signed null (refusing is right; a reading in either "
                "system is a guess). The dates the author meant are in the 'meant' list.",
                "The stated total (10) is one more than the 9 rows: kyotei must report it.",
                "No waiver information: waiver null."]
    (folder / d.name).write_bytes(("\r\n".join(out) + "\r\n").encode("cp932"))
    return d


def c03(folder: Path) -> Doc:
    """Department-level CSV: year-only dates, multi-line partner-unit cell, invisible chars."""
    d = Doc("c03-nankai.csv", "csv", "nankai", "ja", "南海文化大学 部局間協定一覧",
            "2024-04-01", "2024年4月1日", ["dept-csv"],
            "department-level CSV (UTF-8 BOM) 部局名 / 相手校 / 相手部局 / 国・地域 / 締結年 / "
            "協定の種類; year-only and month dates; zero-width space and NBSP inside names; a "
            "multi-line quoted cell")  # fmt: skip
    rows = [
        ("文学部", "de-hd", "ハイデル\u200bベルク大学", "哲学部", "ドイツ", "2015", None),
        ("文学部", "fr-sorbonne", "ソルボンヌ大学", "文学部", "フランス", "2011年10月", "2011-10"),
        ("経済学部", "gb-man", "マンチェスター\u00a0大学", "人文学部", "イギリス", "2018", None),
        ("経済学部", "kr-yonsei", "延世大学校", "商経大学", "韓国", "2009年4月1日", "2009-04-01"),
        ("理工学研究科", "ch-eth", "スイス連邦工科大学チューリッヒ校",
         "機械・プロセス工学科\n(D-MAVT)", "スイス", "2020", None),
    ]  # fmt: skip
    out = ["部局名,相手校,相手部局,国・地域,締結年,協定の種類"]
    for i, (unit, pid, name, punit, country, date, iso) in enumerate(rows, 2):
        kind = "学術交流" if i % 2 else "学生交流"
        out.append(",".join(_q(c) if "\n" in c else c
                            for c in (unit, name, punit, country, date, kind)))  # fmt: skip
        damage = ("invisible",) if ("\u200b" in name or "\u00a0" in name) else ()
        clean = name.replace("\u200b", "").replace("\u00a0", "")
        d.add(pid, {"row": i}, level="department", signed=iso, printed_date=date, ja=SAME,
              printed_ja=clean, home_unit=unit, partner_unit=punit, damage=damage)  # fmt: skip
    d.notes += ["A year alone (2015) is not recorded (docs/decisions/0008): signed null.",
                "Names with a zero-width space or NBSP: the truth name is the visible one; "
                "the NBSP between マンチェスター and 大学 is not a word space in Japanese."]
    (folder / d.name).write_bytes(("\ufeff" + "\r\n".join(out) + "\r\n").encode("utf-8"))
    return d


MOJIBAKE = "ã‚¦ã‚£ãƒ¼ãƒ³å¤§å­¦ã€€ã‚ªãƒ¼ã‚¹ãƒˆãƒªã‚¢ã€€2010å¹´4æœˆ1æ—¥"


def t01(folder: Path) -> Doc:
    """Department list as a PDF extractor gives it: some rows broken cell by cell."""
    d = Doc("t01-setsurei.txt", "txt", "setsurei", "ja", "雪嶺大学 部局間交流協定一覧",
            "2024-04-01", "令和6年4月1日現在", ["dept-units"],
            "unit headings with counts (one wrong); a unit whose rows were extracted cell by "
            "cell, one per line; kanji-numeral Shōwa dates; 令和元年; full-width digits; a "
            "mojibake row; a zero-width space in a name; a grand total that does not match")
    lines = ["雪嶺大学　部局間交流協定一覧", "令和6年4月1日現在", "※は授業料不徴収協定", "",
             "■工学研究科（4件）", "協定校　国・地域　締結日",
             "ミュンヘン工科大学　ドイツ　平成29年3月1日※",
             "ルンド大学　スウェーデン　令和元年5月20日",
             "ボアジチ大学　トルコ　昭和六十三年十月一日", "",
             "■農学部（2件）", "協定校", "国・地域", "締結日",
             "ナイロビ大学", "ケニア", "昭和五十五年五月三十一日",
             "マヒドン大学", "タイ", "平成２３年１１月７日※", "",
             "■文学研究科（2件）", "協定校　国・地域　締結日",
             "ハイデル\u200bベルク大学　ドイツ　2006年7月1日", MOJIBAKE, "", "合計　9件"]
    rows = [("ミュンヘン工科大学", "de-tum", "2017-03-01", True, "工学研究科"),
            ("ルンド大学", "se-lund", "2019-05-20", None, "工学研究科"),
            ("ボアジチ大学", "tr-boun", "1988-10-01", None, "工学研究科"),
            ("ナイロビ大学", "ke-uon", "1980-05-31", None, "農学部"),
            ("マヒドン大学", "th-mahidol", "2011-11-07", True, "農学部"),
            ("ハイデル\u200bベルク大学", "de-hd", "2006-07-01", None, "文学研究科")]
    for name, pid, iso, mark, unit in rows:
        n = lines_with(lines, name)
        loc: dict[str, object] = {"line": n} if "　" in lines[n - 1] else {"lines": [n, n + 2]}
        printed = lines[n - 1].split("　")[-1] if "lines" not in loc else lines[n + 1]
        d.add(pid, loc, level="department", signed=iso, printed_date=printed.rstrip("※"),
              waiver=True if mark else False, ja=SAME, home_unit=unit,
              damage=("invisible",) if "\u200b" in name else
              (("cell-lines",) if "lines" in loc else ()))  # fmt: skip
    d.bad({"line": lines.index(MOJIBAKE) + 1}, MOJIBAKE, level="department")
    d.total("工学研究科", "agreements", 4, "■工学研究科（4件）")
    d.total("農学部", "agreements", 2, "■農学部（2件）")
    d.total("文学研究科", "agreements", 2, "■文学研究科（2件）")
    d.total("department", "agreements", 9, "合計　9件")
    d.notes += ["Waiver: a legend defines ※, so an unmarked row is false.",
                "工学研究科 states 4 but lists 3; the grand total states 9 but the list has 8 "
                "(7 readable + 1 mojibake row): kyotei must report both differences.",
                "The mojibake row (UTF-8 read as cp1252) is unreadable: reported, never a row."]
    (folder / d.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


def t02(folder: Path) -> Doc:
    """English list: region, country, partner with dot leaders, original script, damage."""
    d = Doc("t02-asagiri.txt", "txt", "asagiri", "en", "Asagiri University Partner Institutions",
            "2024-04-01", "As of 1 April 2024", ["en-dot-leaders"],
            "English text list; REGION / country / indented partner with dot leaders and the "
            "date; original script in brackets; a year-only date; soft hyphens; a ligature "
            "(ﬁ); '*' waiver legend after the list; a wrong stated total", languages=["en"])
    entries = [
        ("ASIA", None), ("Republic of Korea", None),
        ("kr-snu", ("Seoul National University (서울대학교)", "1 April 2005", "2005-04-01", True)),
        ("kr-korea", ("Korea University (고려대학교)", "20 October 2011", "2011-10-20", False)),
        ("China", None),
        ("cn-whu", ("Wuhan University (武汉大学)", "15 June 2009", "2009-06-15", True)),
        ("Taiwan", None),
        ("tw-ntu", ("National Taiwan University (國立臺灣大學)", "8 May 2014", "2014-05-08",
                    False)),
        ("EUROPE", None), ("France", None),
        ("fr-sorbonne", ("Sorbonne Université", "2010", None, False)),
        ("Poland", None),
        ("pl-uw", ("University of Warsaw", "1 October 2019", "2019-10-01", True)),
        ("Finland", None),
        ("fi-hel", ("Uni\u00adversity of Hel\u00adsinki", "2021-4-1", "2021-04-01", False)),
        ("NORTH AMERICA", None), ("United States of America", None),
        ("us-ucla", ("University of California, Los Angeles (UCLA)", "15 January 2008",
                     "2008-01-15", False)),
        ("us-uw", ("University of Washington (Seattle)", "1 March 2012", "2012-03-01", True)),
        ("OCEANIA", None), ("Fiji", None),
        ("fj-usp", ("The University of the South Paci\ufb01c", "9 Jan. 2020", "2020-01-09",
                    False)),
    ]  # fmt: skip
    lines = ["Asagiri University", "Partner Institutions (University-level Agreements)",
             "As of 1 April 2024", ""]
    for key, row in entries:
        if row is None:
            lines.append(key if key.isupper() else "  " + key)
            continue
        name, date, iso, mark = row
        dots = "." * max(3, 52 - len(name))
        lines.append(f"    {name} {dots} {date}{' *' if mark else ''}")
        clean = name.replace("\u00ad", "").replace("\ufb01", "fi")
        if key in ("kr-snu", "kr-korea", "cn-whu", "tw-ntu"):
            clean = clean.rsplit(" (", 1)[0]
        damage = ("soft-hyphen",) if "\u00ad" in name else (("ligature",) if "\ufb01" in name
                                                             else ())  # fmt: skip
        d.add(key, {"line": len(lines)}, signed=iso, printed_date=date, waiver=mark, en=SAME,
              printed_en=clean, damage=damage)  # fmt: skip
    lines += ["", "* Tuition waiver (exchange students pay no tuition at the host institution)",
              "Total: 11 institutions in 8 countries/regions"]
    d.total("university", "institutions", 11, "Total: 11 institutions in 8 countries/regions")
    d.total("university", "countries", 8, "Total: 11 institutions in 8 countries/regions")
    d.notes += ["Sorbonne Université: a year alone (2010) is not recorded (decision 0008).",
                "The list has 10 institutions; the stated total says 11: kyotei must report it.",
                "The soft hyphens and the ﬁ ligature are not part of the name."]
    (folder / d.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


DOCUMENTS = (h01, h02, h03, h04, c01, c02, c03, t01, t02)
