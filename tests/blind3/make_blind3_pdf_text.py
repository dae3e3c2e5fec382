"""The unruled PDF documents of the third blind corpus (text lists; locators read back)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from blind3_data import row, total, truth
from make_blind3_pdf import FONT, _find, _lines
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def d09_hanbit(out: Path) -> dict[str, Any]:
    """A Korean university's English list: unruled columns, Korean date style
    `2015. 03. 02.`, an Agreement type column, Tuition `Waived` / `Paid`, a wrapped name."""
    doc = "d09-hanbit-en.pdf"
    data = [
        ('Japan', 'b3:jp-kyoto', 'Kyoto University', '2008. 05. 12.', '2008-05-12',
         'Student Exchange', 'Waived'),
        ('Japan', 'b3:jp-waseda', 'Waseda University', '2012. 09. 01.', '2012-09-01',
         'Student Exchange', 'Waived'),
        ('Japan', 'b3:jp-tohoku', 'Tohoku University', '2016. 03. 02.', '2016-03-02',
         'General (MOU)', '-'),
        ('China', 'b3:cn-neu', 'Northeastern University', '2014. 11. 20.', '2014-11-20',
         'Student Exchange', 'Paid'),
        ('China', 'b3:cn-pku', 'Peking University', '2010. 04. 01.', '2010-04-01',
         'Student Exchange', 'Waived'),
        ('Taiwan', 'b3:tw-ntu', 'National Taiwan University', '2013. 06. 17.', '2013-06-17',
         'Student Exchange', 'Waived'),
        ('Taiwan', 'b3:tw-ncu', 'National Central University', '2019. 02. 25.', '2019-02-25',
         'Student Exchange', 'Waived'),
        ('Vietnam', 'b3:vn-hust', 'Hanoi University of Science and Technology', '2017. 08. 07.',
         '2017-08-07', 'Student Exchange', 'Paid'),
        ('Malaysia', 'b3:my-um', 'Universiti Malaya', '2021. 01. 11.', '2021-01-11',
         'General (MOU)', '-'),
        ('Thailand', 'b3:th-mahidol', 'Mahidol University', '2015. 10. 05.', '2015-10-05',
         'Student Exchange', 'Waived'),
        ('U.S.A.', 'b3:us-wustl', 'Washington University in St. Louis', '2011. 03. 28.',
         '2011-03-28', 'Student Exchange', 'Paid'),
        ('U.S.A.', 'b3:us-purdue', 'Purdue University', '2018. 07. 16.', '2018-07-16',
         'Student Exchange', 'Waived'),
        ('Germany', 'b3:de-tum', 'Technische Universität München', '2009. 12. 14.', '2009-12-14',
         'Student Exchange', 'Waived'),
        ('Sweden', 'b3:se-lund', 'Lund University', '2020. 05. 04.', '2020-05-04',
         'Student Exchange', 'Waived'),
    ]
    pw, ph = A4
    c = canvas.Canvas(str(out / doc), pagesize=A4)
    c.setFont("Helvetica-Bold", 13)
    c.drawString(50, ph - 60, "HANBIT NATIONAL UNIVERSITY")
    c.setFont("Helvetica", 10)
    c.drawString(
        50,
        ph - 76,
        "Office of International Affairs  |  List of Sister Institutions (as of March 4, 2024)",
    )
    xs = [50, 75, 135, 330, 410, 510]
    y = ph - 110
    c.setFont("Helvetica-Bold", 8.5)
    titles = ["No.", "Country", "Institution", "Date Signed", "Agreement", "Tuition"]
    for x, t in zip(xs, titles, strict=True):
        c.drawString(x, y, t)
    c.setFont("Helvetica", 8.5)
    for i, (cn, _pid, name, sp, _sd, kind, tu) in enumerate(data, 1):
        y -= 16
        first = name
        rest = ""
        if len(name) > 34:  # wraps in its column
            cut = name.rfind(" ", 0, 34)
            first, rest = name[:cut], name[cut + 1 :]
        for x, t in zip(xs, [str(i), cn, first, sp, kind, tu], strict=True):
            c.drawString(x, y, t)
        if rest:
            y -= 11
            c.drawString(xs[2], y, rest)
    c.drawString(
        50,
        y - 24,
        "Tuition: Waived = tuition exemption under reciprocal exchange; "
        "Paid = students pay host tuition; - = no student exchange.",
    )
    c.drawString(50, y - 38, "Total 14 institutions in 9 countries")
    c.drawCentredString(pw / 2, 30, "- 1 -")
    c.showPage()
    c.save()
    lines = _lines(out / doc)
    rows = []
    for i, (cn, pid, name, sp, sd, kind, tu) in enumerate(data, 1):
        loc = _find(lines, f"{i} {cn} {name.split()[0]}")
        rows.append(
            row(
                "hanbit",
                pid,
                loc,
                layout="korean-en-list",
                en=name,
                signed=sd,
                signed_printed=sp,
                waiver={"Waived": True, "Paid": False}.get(tu),
                agreement_type=kind,
                damage=["wrap"] if len(name) > 34 else [],
            )
        )
    return truth(
        doc,
        "pdf",
        "hanbit",
        rows,
        title="List of Sister Institutions",
        as_of="2024-03-04",
        language="en",
        layouts=["korean-en-list"],
        shape="a Korean university's English list: unruled columns No. / Country / Institution "
        "/ Date Signed / Agreement / Tuition; Korean date style `2015. 03. 02.`; Japanese "
        "partners (the home is not Japanese); `Universiti Malaya`, `Technische Universität "
        "München`; Tuition Waived / Paid / -",
        damage=["wrap"],
        stated_totals=[
            total("all", "institutions", 14, "Total 14 institutions in 9 countries"),
            total("all", "countries", 9, "Total 14 institutions in 9 countries"),
        ],
        notes=[
            "`-` in Tuition means no student exchange (General MOU): waiver null.",
            "Tohoku University here is the Japanese one (Sendai).",
        ],
    )


def d10_naruto_ocr(out: Path) -> dict[str, Any]:
    """An older list scanned and OCR'd: the text layer has full-width digits, O for 0, l for
    1, 〇 for the ○ mark, dropped characters; one line is unreadable."""
    doc = "d10-naruto-2017-ocr.pdf"
    # (pid, printed line name, clean ja, country, printed date, date, mark, damage)
    data = [
        ('b3:cn-pku', '北京大学', '北京大学', '中国', '2OO7.5.15', '2007-05-15', '〇', ['ocr_O0']),
        ('b3:cn-fudan', '復旦大学', '復旦大学', '中国', '２０１１．９．１', '2011-09-01', '',
         ['fullwidth']),
        ('b3:kr-snu', 'ソウル大字校', 'ソウル大学校', '韓国', '2009.3.2', '2009-03-02', '〇',
         ['ocr_slip']),
        ('b3:kr-yonsei', '延世大学校', '延世大学校', '韓国', '2015.7.l', '2015-07-01', '〇',
         ['ocr_l1']),
        ('b3:th-chula', 'チュラロコン大学', 'チュラロンコン大学', 'タイ', '2006.l.16',
         '2006-01-16', '〇', ['dropped_char', 'ocr_l1']),
        ('b3:id-ugm', 'ガジャマダ大学', 'ガジャマダ大学', 'インドネシア', '2O12.2.2O',
         '2012-02-20', '〇', ['ocr_O0']),
        ('b3:sg-nus', 'シンガポール国立大学', 'シンガポール国立大学', 'シンガポール', '2010.4.1',
         '2010-04-01', '', []),
        ('b3:us-uw', 'ワシントン大学', 'ワシントン大学', 'アメリカ', '2004.6.1O', '2004-06-10', '',
         ['ocr_O0']),
        ('b3:gb-ed', 'エディンバラ大学', 'エディンバラ大学', 'イギリス', '２０１５．９．１',
         '2015-09-01', '○', ['fullwidth']),
        ('b3:nl-uu', 'ユトレヒ大学', 'ユトレヒト大学', 'オランダ', '2014.4.1', '2014-04-01', '〇',
         ['dropped_char']),
        ('b3:it-bo', 'ボローニャ大学', 'ボローニャ大学', 'イタリア', '2O16.1l.7', '2016-11-07',
         '〇', ['ocr_O0', 'ocr_l1']),
        ('b3:au-monash', 'モナシュ大学', 'モナシュ大学', 'オーストラリア', '2013.8.26',
         '2013-08-26', '', []),
        ('b3:nz-otago', 'オタゴ大学', 'オタゴ大学', 'ニュージーランド', '2O17.3.22', '2017-03-22',
         '〇', ['ocr_O0']),
    ]
    pw, ph = A4
    c = canvas.Canvas(str(out / doc), pagesize=A4)
    c.setFont(FONT, 13)
    c.drawString(60, ph - 70, "鳴門海洋大学 大学間交流協定校一覧")
    c.setFont(FONT, 10)
    c.drawString(60, ph - 90, "平成２９年４月１日現在　　　〇印：授業料不徴収")
    y = ph - 125
    c.drawString(60, y, "国・地域")
    c.drawString(170, y, "協定校名")
    c.drawString(360, y, "締結日")
    c.drawString(450, y, "不徴収")
    unreadable_after = "b3:sg-nus"
    for pid, pname, _ja, cn, sp, _sd, mark, _dmg in data:
        y -= 20
        c.drawString(60, y, cn)
        c.drawString(170, y, pname)
        c.drawString(360, y, sp)
        c.drawString(460, y, mark)
        if pid == unreadable_after:
            y -= 20
            c.drawString(60, y, "ﾌｨﾘ・・ン")
            c.drawString(170, y, "■■ﾞ■大■")
            c.drawString(360, y, "2O1?.?.l")
    c.drawString(60, y - 30, "計　１４校")
    c.drawCentredString(pw / 2, 40, "- 1 -")
    c.showPage()
    c.save()
    lines = _lines(out / doc)
    rows = []
    for pid, pname, ja, cn, sp, sd, mark, dmg in data:
        loc = _find(lines, f"{cn} {pname}")
        rows.append(
            row(
                "naruto",
                pid,
                loc,
                layout="ocr-text-list",
                ja=ja,
                printed_ja=pname,
                signed=sd,
                signed_printed=sp,
                waiver=bool(mark),
                damage=dmg,
            )
        )
    bad = _find(lines, "■■")
    return truth(
        doc,
        "pdf",
        "naruto",
        rows,
        title="鳴門海洋大学 大学間交流協定校一覧（平成29年4月1日現在）",
        as_of="2017-04-01",
        language="ja",
        layouts=["ocr-text-list"],
        shape="a scanned list's OCR text layer: unruled columns 国・地域 / 協定校名 / 締結日 / "
        "不徴収; the legend `〇印：授業料不徴収` on the as-of line; marks 〇 (U+3007) and once ○",
        damage=["ocr_O0", "ocr_l1", "fullwidth", "dropped_char", "ocr_slip", "unreadable"],
        unreadable=[{"level": "university", "locator": bad, "partner_id": None, "text": "■■ﾞ■大■"}],
        stated_totals=[total("university", "institutions", 14, "計　１４校")],
        notes=[
            "OCR slips in dates are read as a person reads them: 2OO7.5.15 = 2007-05-15, "
            "2015.7.l = 2015-07-01, 2O16.1l.7 = 2016-11-07.",
            "〇 (U+3007) is the legend's mark; the one ○ (U+25CB) is the same mark.",
            "Names with a dropped or slipped character keep the clean name in `ja` and the "
            "print in `printed_ja`.",
            "計 14校 counts the unreadable row: 13 readable rows + 1 = 14 (right).",
        ],
    )
