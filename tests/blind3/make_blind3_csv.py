"""The CSV and TSV documents of the third blind corpus (one function per document)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from blind3_data import P, row, total, truth


def d01_asama(out: Path) -> dict[str, Any]:
    """Shift_JIS (cp932) export: level column (大学間/学部間/研究科間/センター間), 締結日 and a
    validity period, waiver 不徴収/徴収/相互免除, a doubled record, a wrong total."""
    doc = "d01-asama.csv"
    header = ["No.", "協定区分", "学内部局", "協定校名", "国・地域", "締結日", "協定期間", "授業料"]
    # (level word, unit, pid, printed name, country, signed printed, signed, period, waiver word)
    data = [
        ('大学間', '', 'b3:cn-pku', '北京大学', '中国', '2010年4月1日', '2010-04-01',
         '2020.4.1～2025.3.31', '不徴収'),
        ('大学間', '', 'b3:kr-korea', '高麗大学校', '韓国', '2012年10月1日', '2012-10-01',
         '2022.10.1～2027.9.30', '相互免除'),
        ('大学間', '', 'b3:tw-ncu', '国立中央大学', '台湾', '2016年3月15日', '2016-03-15',
         '2021.3.15～2026.3.14', '不徴収'),
        ('大学間', '', 'b3:kr-cau', '中央大学校', '韓国', '2018年6月1日', '2018-06-01',
         '2023.6.1～2028.5.31', '徴収'),
        ('大学間', '', 'b3:us-uw', 'ワシントン大学', 'アメリカ合衆国', '2009年9月1日',
         '2009-09-01', '', '徴収'),
        ('大学間', '', 'b3:us-wustl', 'ワシントン大学（セントルイス）', 'アメリカ合衆国', '', None,
         '2019.4.1～2024.3.31', '不徴収'),
        ('大学間', '', 'b3:th-chula', 'チュラロンコン大学', 'タイ', '2014年1月20日', '2014-01-20',
         '2019.1.20～2024.1.19', '相互免除'),
        ('大学間', '', 'b3:de-tum', 'ミュンヘン工科大学', 'ドイツ', '2017年7月3日', '2017-07-03',
         '', '不徴収'),
        ('学部間', '工学部', 'b3:vn-hust', 'ハノイ工科大学', 'ベトナム', '2019年2月1日',
         '2019-02-01', '2019.2.1～2024.1.31', '徴収'),
        ('学部間', '経済学部', 'b3:nl-uu', 'ユトレヒト大学', 'オランダ', '2020年9月1日',
         '2020-09-01', '', ''),
        ('研究科間', '理学研究科', 'b3:fi-hel', 'ヘルシンキ大学', 'フィンランド', '2015年5月11日',
         '2015-05-11', '2015.5.11～2020.5.10', '不徴収'),
        ('研究科間', '農学研究科', 'b3:id-ugm', 'ガジャマダ大学', 'インドネシア', '2021年11月30日',
         '2021-11-30', '', '徴収'),
        ('センター間', '国際教育センター', 'b3:au-monash', 'モナシュ大学', 'オーストラリア', '',
         None, '2018.4.1～2023.3.31', '不徴収'),
        ('センター間', '海洋研究センター', 'b3:nz-otago', 'オタゴ大学', 'ニュージーランド',
         '2022年3月1日', '2022-03-01', '', ''),
    ]
    waiver = {"不徴収": True, "相互免除": True, "徴収": False, "": None}
    records: list[list[str]] = [header]
    rows: list[dict[str, Any]] = []
    dups: list[dict[str, Any]] = []
    n = 0
    for lvl, unit, pid, name, cname, sp, sd, period, w in data:
        n += 1
        rec = [str(n), lvl, unit, name, cname, sp, period, w]
        records.append(rec)
        r = row(
            "asama",
            pid,
            {"row": len(records)},
            layout="sjis-level-table",
            ja=name,
            signed=sd,
            signed_printed=sp or None,
            waiver=waiver[w],
            level="university" if lvl == "大学間" else "department",
            home_unit=unit or None,
            valid=period or None,
            agreement_level=lvl,
        )
        rows.append(r)
        if pid == "b3:th-chula":  # the export printed this record twice
            records.append(list(rec))
            dups.append({"locator": {"row": len(records)}, "of": {"row": len(records) - 1}})
    records.append(["", "合計", "", "15件", "", "", "", ""])
    text = "\r\n".join(",".join(c for c in rec) for rec in records) + "\r\n"
    (out / doc).write_bytes(text.encode("cp932"))
    return truth(
        doc,
        "csv",
        "asama",
        rows,
        title="浅間大学 国際交流協定一覧（全学・部局）",
        as_of="2024-05-01",
        language="ja",
        layouts=["sjis-level-table"],
        shape="cp932 CSV, CRLF; a 協定区分 column (大学間/学部間/研究科間/センター間) with the "
        "home unit beside it; 締結日 and a 協定期間 validity range; "
        "waiver 不徴収/相互免除/徴収/blank",
        damage=["doubled", "wrong_total", "empty_date"],
        duplicates=dups,
        stated_totals=[total("all", "agreements", 15, "合計,15件")],
        notes=[
            "協定期間 is not a signing date: a row with a period and no 締結日 has signed null.",
            "相互免除 (mutual exemption) is a waiver; 徴収 is false; blank is null.",
            "The stated total 15件 counts the doubled チュラロンコン record: 14 agreements.",
        ],
    )


def d02_asama_tsv(out: Path) -> dict[str, Any]:
    """TSV (UTF-8): department agreements with 更新 (renewal) dates, fiscal years, English
    waiver words; a footnote line and a row the truth marks unreadable."""
    doc = "d02-asama-dept.tsv"
    header = [
        "部局名",
        "相手機関",
        "Partner institution",
        "相手部局",
        "国・地域",
        "締結",
        "更新",
        "Tuition",
    ]
    data = [
        ('工学部', 'b3:cn-sjtu', '上海交通大学', 'Shanghai Jiao Tong University',
         '機械与動力工程学院', '中国', '2013.10.1', '2013-10-01', '2018.10.1更新、2023.10.1更新',
         'Tuition waived'),
        ('工学部', 'b3:sg-nus', 'シンガポール国立大学', 'National University of Singapore',
         'College of Design and Engineering', 'シンガポール', '2023年度', None, '', 'Fee-paying'),
        ('工学部', 'b3:de-tud', 'ドレスデン工科大学', 'Technische Universität Dresden',
         'Fakultät Maschinenwesen', 'ドイツ', '2016.4.1', '2016-04-01', '2021.4.1更新',
         'Tuition waived'),
        ('理学研究科', 'b3:kr-snu', 'ソウル大学校', 'Seoul National University',
         'College of Natural Sciences', '韓国', '2011.12.5', '2011-12-05', '', 'Tuition waived'),
        ('理学研究科', 'b3:se-lund', 'ルンド大学', 'Lund University', 'Faculty of Science',
         'スウェーデン', '2019年度', None, '2024年度更新', 'Fee-paying'),
        ('経済学部', 'b3:gb-man', 'マンチェスター大学', 'The University of Manchester',
         'Alliance Manchester Business School', '英国', '2017.9.20', '2017-09-20', '',
         'Fee-paying'),
        ('経済学部', 'b3:tw-ntu', '国立台湾大学', 'National Taiwan University', '管理学院', '台湾',
         '2014.6.30', '2014-06-30', '2019.6.30更新', 'Tuition waived'),
        ('国際教育センター', 'b3:my-um', 'マラヤ大学', 'University of Malaya',
         'Faculty of Languages and Linguistics', 'マレーシア', '2020.1.15', '2020-01-15', '', ''),
        ('国際教育センター', 'b3:br-usp', 'サンパウロ大学', 'Universidade de São Paulo',
         'Faculdade de Educação', 'ブラジル', '2018.8.1', '2018-08-01', '', 'Fee-paying'),
        ('農学研究科', 'b3:th-mahidol', 'マヒドン大学', 'Mahidol University',
         'Faculty of Veterinary Science', 'タイ', '2012.3.1', '2012-03-01',
         '2017.3.1更新、2022.3.1更新', 'Tuition waived'),
        ('農学研究科', 'b3:cn-nju', '南京大学', 'Nanjing University', '生命科学学院', '中国',
         '2021.2.22', '2021-02-22', '', 'Fee-paying'),
    ]
    wv = {"Tuition waived": True, "Fee-paying": False, "": None}
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n")
    w.writerow(header)
    rows: list[dict[str, Any]] = []
    n = 1
    for i, (unit, pid, ja, en, punit, cname, sp, sd, ren, wa) in enumerate(data):
        if i == 6:  # a record whose cells were lost in the export
            w.writerow(["経済学部", "#N/A", "#N/A", "#N/A", "", "", "", ""])
            n += 1
            unread = [
                {"level": "department", "locator": {"row": n}, "partner_id": None, "text": "#N/A"}
            ]
        w.writerow([unit, ja, en, punit, cname, sp, ren, wa])
        n += 1
        rows.append(
            row(
                "asama",
                pid,
                {"row": n},
                layout="dept-renewal-tsv",
                ja=ja,
                en=en,
                signed=sd,
                signed_printed=sp,
                waiver=wv[wa],
                level="department",
                home_unit=unit,
                partner_unit=punit if not punit.isascii() else None,
                partner_unit_en=punit if punit.isascii() else None,
                renewed=ren or None,
            )
        )
    w.writerow(["※「年度」は締結した年度を示す（日付不明）。", "", "", "", "", "", "", ""])
    w.writerow(["※更新欄は協定の自動更新日であり、締結日ではない。", "", "", "", "", "", "", ""])
    (out / doc).write_text(buf.getvalue(), encoding="utf-8")
    return truth(
        doc,
        "csv",
        "asama",
        rows,
        title="浅間大学 部局間交流協定一覧",
        as_of="2024-05-01",
        language="bi",
        layouts=["dept-renewal-tsv"],
        shape="TSV, UTF-8, no BOM; 部局名 / 相手機関 / Partner institution / 相手部局 / 国・地域 / "
        "締結 / 更新 / Tuition; 締結 holds dates or a fiscal year (2023年度); 更新 holds renewal "
        "dates (2018.10.1更新、2023.10.1更新); Tuition `Tuition waived` / `Fee-paying` / "
        "blank; two "
        "※ footnote records",
        damage=["unreadable", "footnotes"],
        unreadable=unread,
        notes=[
            "A fiscal year (2023年度) is not a date: signed null.",
            "更新 dates are renewals, not the signing date.",
            "`Fee-paying` is false, `Tuition waived` true, blank null.",
        ],
    )


_ = P
