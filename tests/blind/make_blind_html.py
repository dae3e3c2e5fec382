"""The blind corpus's HTML documents (b01 Word export, b02 English region page, b11 CJK table)."""

from __future__ import annotations

from typing import Any

from blind_data import DOCS, PARTNERS, manifest_entry, row, total, truth

WORD_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<title>{title}</title>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->
<style>
<!-- p.MsoNormal {{mso-style-parent:""; margin:0mm; font-size:10.5pt;}}
table.MsoTableGrid {{mso-style-name:表 (格子); border:solid windowtext 1.0pt;}} -->
</style>
</head>
<body lang=JA style='tab-interval:42.0pt;word-wrap:break-word'>
<div class=WordSection1>
"""

# (country, id, ja parts (span soup), en, printed date, signed, 備考, damage)
B01 = [
    ("中国", "cn-thu", ["清華", "大学"], "2005年4月", "2005-04", "授業料相互不徴収", []),
    ("中国", "cn-neu", ["東北大学", "（中国・瀋陽）"], "2012年10月", "2012-10", "", []),
    ("中国", "cn-fudan", ["復旦大", "学"], "2019年10月", "2019-10", "授業料相互不徴収", []),
    ("台湾", "tw-nthu", ["国立", "清華大学"], "2016年3月", "2016-03", "授業料相互不徴収", []),
    ("台湾", "tw-ntu", ["国立台湾", "大学"], "2010年11月", "2010-11", "", []),
    ("韓国", "kr-skku", ["成均館", "大学校"], "2008年7月", "2008-07", "", []),
    ("韓国", "kr-korea", ["高麗大学校"], "2018年2月", "2018-02",
     "2023年度より学生交流休止（2023年4月1日）", []),
    ("タイ", "th-chula", ["チュラロンコン", "大学"], "2014年6月", "2014-06", "授業料相互不徴収",
     []),
    ("インド", "in-iitb", ["インド工科大学", "ボンベイ校"], "2017年12月", "2017-12", "", []),
    ("インド", "in-iitd", ["インド工科大学", "デリー校"], "2020年1月", "2020-01", "", []),
    ("ドイツ", "de-tum", ["ミュンヘン&nbsp;", "工科大学"], "2011年5月", "2011-05",
     "授業料相互不徴収", ["stray_space"]),
    ("スウェーデン", "se-kth", ["スウェーデン王立", "工科大学"], "2015年9月", "2015-09", "", []),
    ("アメリカ合衆国", "us-neu", ["ノースイースタン大学"], "2013年8月", "2013-08", "", []),
    ("アメリカ合衆国", "us-uiuc", ["イリノイ大学", "アーバナ・シャンペーン校"], "2009年9月",
     "2009-09", "授業料相互不徴収", []),
]


def _soup(parts: list[str], lang: str = "JA") -> str:
    spans = []
    for i, p in enumerate(parts):
        font = "ＭＳ 明朝" if i % 2 == 0 else "ＭＳ ゴシック"
        spans.append(f"<span lang={lang} style='font-family:\"{font}\";mso-bidi-font-family:"
                     f"\"Times New Roman\"'>{p}</span>")
    return "".join(spans)


def b01() -> tuple[str, dict[str, Any]]:
    name = "b01-kirishima.htm"
    title = "霧島工科大学　大学間交流協定締結校一覧"
    out = [WORD_HEAD.format(title=title)]
    out.append("<table class=MsoTableGrid border=0 cellspacing=0 cellpadding=0 width=640>\n"
               "<tr><td><p class=MsoNormal align=center><b><span style='font-size:14.0pt'>"
               f"{title}</span></b><o:p></o:p></p>\n<p class=MsoNormal align=right><span>"
               "2024年4月1日現在</span><o:p></o:p></p></td></tr>\n<tr><td>\n")
    out.append("<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>\n"
               "<tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>"
               + "".join(f"<td><p class=MsoNormal align=center><b><span>{h}</span></b>"
                         "<o:p></o:p></p></td>"
                         for h in ("No.", "国・地域", "協定校名", "締結年月", "備考")) + "</tr>\n")
    rows = []
    counts: dict[str, int] = {}
    for c, *_ in B01:
        counts[c] = counts.get(c, 0) + 1
    seen: set[str] = set()
    for n, (country, pid, parts, date, signed, note, damage) in enumerate(B01, start=1):
        en = PARTNERS[pid][2]
        ja_clean = "".join(parts).replace("&nbsp;", "")
        ja_printed = "".join(parts).replace("&nbsp;", " ")
        cells = [f"<td><p class=MsoNormal align=center><span lang=EN-US>{n}</span>"
                 "<o:p></o:p></p></td>"]
        if country not in seen:
            seen.add(country)
            cells.append(f"<td rowspan={counts[country]} style='mso-yfti-cnfc:1'>"
                         f"<p class=MsoNormal><span>{country}</span><o:p></o:p></p></td>")
        cells.append(f"<td><p class=MsoNormal>{_soup(parts)}<o:p></o:p></p>\n"
                     f"<p class=MsoNormal><span lang=EN-US style='font-size:9.0pt'>{en}"
                     "</span><o:p></o:p></p></td>")
        cells.append(f"<td><p class=MsoNormal><span lang=EN-US>{date[:4]}</span><span>"
                     f"{date[4:]}</span><o:p></o:p></p></td>")
        cells.append(f"<td><p class=MsoNormal><span>{note or '&nbsp;'}</span><o:p></o:p></p>"
                     "</td>")
        out.append(f"<tr style='mso-yfti-irow:{n}'>" + "".join(cells) + "</tr>\n")
        rows.append(row("kirishima", pid, {"table": 2, "row": n + 1}, layout="word-table",
                        ja=ja_clean, en=en, printed_ja=ja_printed, signed=signed,
                        signed_printed=date, waiver="授業料" in note, damage=damage,
                        notes=note or None))
    out.append("<tr style='mso-yfti-lastrow:yes'><td colspan=5><p class=MsoNormal align=right>"
               f"<span>（計 {len(B01)}校）</span><o:p></o:p></p></td></tr>\n</table>\n")
    out.append("</td></tr>\n<tr><td><p class=MsoNormal><span style='font-size:9.0pt'>"
               "※備考欄に「授業料相互不徴収」とある協定校は、授業料不徴収協定を締結しています。"
               "</span><o:p></o:p></p></td></tr>\n</table>\n"
               "<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n</div>\n</body>\n</html>\n")
    (DOCS / name).write_text("".join(out), encoding="utf-8")
    rec = truth(name, "html", "kirishima", title=title.replace("　", " "), as_of="2024-04-01",
                language="bi", rows=rows,
                stated_totals=[total("university", "institutions", len(B01),
                                     f"（計 {len(B01)}校）")],
                shape="Word 'Save as Web Page' export: layout table holding the data table "
                      "(table 2), span soup, <o:p>, &nbsp;, rowspan countries, ja and en in two "
                      "<p> of one cell, month-only dates, waiver stated in the 備考 column",
                damage=["span_soup", "nested_table", "no_main"])
    entry = manifest_entry(name, "kirishima", title.replace("　", " "), "2024-04-01",
                           "2024年4月1日現在", ["ja", "en"], "printed in the title")
    return entry, rec


# region -> [(id, printed name, country printed, date text, signed, waiver mark)]
B02 = {
    "Asia": [
        ("cn-thu", "Tsinghua University", "China", "Since April 2005", "2005-04", True),
        ("cn-neu", "Northeastern University, Shenyang", "China", "Signed 12 October 2012",
         "2012-10-12", False),
        ("tw-nthu", "National Tsing Hua University", "Taiwan", "Signed 31 March 2016",
         "2016-03-31", True),
        ("tw-ntu", "National Taiwan University (NTU)", "Taiwan", "", None, False),
        ("sg-ntu", "Nanyang Technological University (NTU)", "Singapore", "Signed 1 July 2021",
         "2021-07-01", True),
        ("kr-skku", "Sungkyunkwan University (SKKU)", "Republic of Korea", "Since July 2008",
         "2008-07", False),
        ("th-chula", "Chulalongkorn University", "Thailand", "Signed 2 June 2014",
         "2014-06-02", True),
        ("in-iitb", "IIT Bombay", "India", "Signed 15 December 2017", "2017-12-15", False),
        ("in-iitd", "Indian Institute of Technology Delhi", "India", "Since January 2020",
         "2020-01", False),
        ("ru-msu", "Lomonosov Moscow State University", "Russia", "Signed 6 June 2013",
         "2013-06-06", False),
    ],
    "Europe": [
        ("de-tum", "Technische Universität München (TUM)", "Germany", "Signed 20 May 2011",
         "2011-05-20", True),
        ("de-lmu", "LMU Munich", "Germany", "Signed 3 March 2022", "2022-03-03", False),
        ("se-kth", "KTH Royal Institute of Technology", "Sweden", "Since September 2015",
         "2015-09", False),
        ("nl-tud", "TU Delft", "Netherlands", "Signed 30 November 2023", "2023-11-30", False),
        ("ru-msu", "Lomonosov Moscow State University", "Russia", "Signed 6 June 2013",
         "2013-06-06", False),
    ],
    "North America": [
        ("us-neu", "Northeastern University (Boston)", "USA", "Since August 2013", "2013-08",
         False),
        ("us-uiuc", "University of Illinois at Urbana-Champaign", "U.S.A.", "Since 2009", None,
         True),
        ("ca-uoft", "University of Toronto", "Canada", "Signed 14 February 2019", "2019-02-14",
         False),
    ],
}


def b02() -> tuple[str, dict[str, Any]]:
    name = "b02-kirishima-en.html"
    title = "Partner Universities | Kirishima Institute of Technology"
    out = ['<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
           f"<title>{title}</title></head>\n<body>\n<header><a href=\"/\">Kirishima Institute "
           "of Technology</a>\n<nav><ul><li><a href=\"/admissions\">Admissions</a></li><li>"
           "<a href=\"/research\">Research</a></li><li><a href=\"/global\">Global</a></li></ul>"
           "</nav></header>\n<main>\n<h1>Partner Universities</h1>\n<p>Kirishima Institute of "
           "Technology has concluded university-level exchange agreements with the following "
           "institutions (as of 1 April 2024).</p>\n<p>† Tuition waiver (student exchange "
           "without tuition fees at the host institution)</p>\n"]
    rows = []
    duplicates = []
    first_at: dict[str, dict[str, int]] = {}
    lst = 0
    for region, items in B02.items():
        lst += 1
        out.append(f'<h2 id="{region.lower().replace(" ", "-")}">{region}</h2>\n'
                   '<ul class="partner-list">\n')
        for i, (pid, printed, country, date, signed, waiver) in enumerate(items, start=1):
            mark = " †" if waiver else ""
            when = f' <span class="signed">{date}</span>' if date else ""
            out.append(f'  <li><a href="#" target="_blank">{printed}</a>{mark} '
                       f'<span class="country">({country})</span>{when}</li>\n')
            if pid in first_at:  # listed under two regions: one agreement printed twice
                duplicates.append({"locator": {"list": lst, "item": i}, "of": first_at[pid]})
                continue
            first_at[pid] = {"list": lst, "item": i}
            rows.append(row("kirishima", pid, {"list": lst, "item": i}, layout="region-list",
                            en=printed, signed=signed, signed_printed=date or None,
                            waiver=waiver))
        out.append("</ul>\n")
    out.append("<aside><h2>Related links</h2>\n<ul><li><a href=\"/global/outbound\">Study "
               "abroad programmes</a></li><li><a href=\"/global/fair\">Study Abroad Fair 2024"
               "</a></li><li><a href=\"/global/faculty\">Department-level agreements (PDF)</a>"
               "</li></ul></aside>\n</main>\n<footer><p>&copy; 2024 Kirishima Institute of "
               "Technology, Global Engagement Office</p>\n<ul><li><a href=\"/access\">Access"
               "</a></li><li><a href=\"/contact\">Contact</a></li></ul></footer>\n</body>\n"
               "</html>\n")
    (DOCS / name).write_text("".join(out), encoding="utf-8")
    rec = truth(name, "html", "kirishima", title="Partner Universities", as_of="2024-04-01",
                language="en", rows=rows,
                shape="English 'Partner Universities' page, <ul> per region heading, country "
                      "in parentheses, dates 'Signed 31 March 2016' / 'Since April 2005' / "
                      "'Since 2009' (year only: null), † waiver legend, one partner listed "
                      "under both Asia and Europe (truth duplicates), a 'Related links' <ul> "
                      "inside <main>, nav and footer",
                damage=["aside_list_in_main", "doubled"], duplicates=duplicates)
    entry = manifest_entry(name, "kirishima", "Partner Universities", "2024-04-01",
                           "as of 1 April 2024", ["en"], "printed in the page header")
    return entry, rec


# (country printed, id, ja name printed, native name, date, signed, kind)
B11 = [
    ("中国", "cn-pku", "北京大学", "北京大学", "2019年10月", "2019-10", "大学間"),
    ("中国", "cn-thu", "清華大学", "清华大学", "令和2年3月31日", "2020-03-31", "部局間（農学部）"),
    ("中国", "cn-zju", "浙江大学", "浙江大学", "平成28年6月1日", "2016-06-01", "大学間"),
    ("中国", "cn-neu", "東北大学", "东北大学", "2021年11月", "2021-11", "部局間（理工学部）"),
    ("韓国", "kr-snu", "ソウル大学校", "서울대학교", "2017年4月1日", "2017-04-01", "大学間"),
    ("韓国", "kr-yonsei", "延世大学校", "연세대학교", "令和元年9月1日", "2019-09-01", "大学間"),
    ("韓国", "kr-korea", "高麗大学校", "고려대학교", "2022年3月", "2022-03", "部局間（経済学部）"),
    ("台湾", "tw-ntu", "国立台湾大学", "國立臺灣大學", "平成30年12月20日", "2018-12-20", "大学間"),
    ("台湾", "tw-nthu", "国立清華大学", "國立清華大學", "2023年2月", "2023-02", "部局間（農学部）"),
    ("香港", "hk-hku", "香港大学", "香港大學", "2015年7月", "2015-07", "大学間"),
    ("香港", "hk-cuhk", "香港中文大学", "香港中文大學", "", None, "部局間（経済学部）"),
    ("モンゴル", "mn-num", "モンゴル国立大学", "Монгол Улсын Их Сургууль", "令和4年1月14日",
     "2022-01-14", "大学間"),
]


def b11() -> tuple[str, dict[str, Any]]:
    name = "b11-aso-asia.html"
    title = "阿蘇大学 アジア地域の協定校（原語表記付き）"
    counts: dict[str, int] = {}
    for c, *_ in B11:
        counts[c] = counts.get(c, 0) + 1
    out = ['<!DOCTYPE html>\n<html lang="ja">\n<head><meta charset="utf-8">'
           f"<title>{title}</title></head>\n<body>\n<div id=\"header\"><p>阿蘇大学 国際交流"
           "センター</p></div>\n<ul id=\"gnav\"><li>ホーム</li><li>留学する</li><li>協定校"
           "</li></ul>\n<main>\n<h1>アジア地域の協定校</h1>\n<p>令和6年4月1日現在。"
           "協定校名の原語表記を併記しています。</p>\n<table class=\"agreements\">\n<thead><tr>"
           "<th>国・地域</th><th>協定校名</th><th>原語表記</th><th>締結日</th><th>協定の種類"
           "</th></tr></thead>\n<tbody>\n"]
    rows = []
    seen: set[str] = set()
    for n, (country, pid, ja, native, date, signed, kind) in enumerate(B11, start=2):
        cells = []
        if country not in seen:
            seen.add(country)
            cells.append(f'<td rowspan="{counts[country]}">{country}</td>')
        cells += [f"<td>{ja}</td>", f"<td lang=\"{_lang(native)}\">{native}</td>",
                  f"<td>{date}</td>", f"<td>{kind}</td>"]
        out.append("<tr>" + "".join(cells) + "</tr>\n")
        dept = kind.startswith("部局間")
        rows.append(row("aso", pid, {"table": 1, "row": n},
                        layout="dept-mixed-table" if dept else "mixed-table", ja=ja,
                        signed=signed, signed_printed=date or None,
                        level="department" if dept else "university",
                        home_unit=kind[4:-1] if dept else None, native_name=native))
    out.append("</tbody>\n</table>\n<p>協定の種類：大学間＝大学間交流協定、部局間＝部局間"
               "交流協定（括弧内は本学の締結部局）</p>\n</main>\n<div id=\"footer\">"
               "<p>〒869-0000 熊本県阿蘇市… 阿蘇大学</p></div>\n</body>\n</html>\n")
    (DOCS / name).write_text("".join(out), encoding="utf-8")
    rec = truth(name, "html", "aso", title=title, as_of="2024-04-01", language="ja",
                rows=rows,
                shape="one table mixing university- and department-level rows (種類 column, "
                      "home unit in parentheses), Japanese name plus the name in its own "
                      "script (Hangul, traditional and simplified Chinese, Cyrillic)")
    entry = manifest_entry(name, "aso", title, "2024-04-01", "令和6年4月1日現在", ["ja"],
                           "printed in the page header")
    return entry, rec


def _lang(text: str) -> str:
    if any("\uac00" <= ch <= "\ud7a3" for ch in text):
        return "ko"
    if any("\u0400" <= ch <= "\u04ff" for ch in text):
        return "mn"
    return "zh"
