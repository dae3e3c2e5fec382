"""The blind corpus's CSV documents (b03 database export, b08 multi-line quoted cells)."""

from __future__ import annotations

import csv
import io
from typing import Any

from blind_data import DOCS, PARTNERS, manifest_entry, row, total, truth

# (id, level, home unit, partner unit, signed ISO or "NULL"/"", expiry, status, waiver 1/0/"")
B03 = [
    ("cn-pku", "大学間", "", "", "2005-04-01", "2015-03-31", "終了", "0"),
    ("cn-pku", "大学間", "", "", "2015-04-01", "2030-03-31", "有効", "1"),
    ("kr-snu", "大学間", "", "", "2011-09-01", "2026-08-31", "有効", "1"),
    ("kr-yonsei", "大学間", "", "", "2016-03-15", "2026-03-14", "有効", "1"),
    ("th-mahidol", "大学間", "", "", "NULL", "2027-03-31", "有効", ""),
    ("vn-vnuhn", "大学間", "", "", "2018-10-01", "2028-09-30", "有効", "0"),
    ("vn-vnuhcm", "大学間", "", "", "2019-01-10", "2024-01-09", "終了", "0"),
    ("us-miamioh", "大学間", "", "", "2012-06-20", "2027-06-19", "有効", "1"),
    ("us-umiami", "部局間", "医学部", "Miller School of Medicine", "2020-02-03", "2025-02-02",
     "有効", ""),
    ("de-hd", "大学間", "", "", "2014-11-11", "2029-11-10", "有効", "1"),
    ("fr-sorb", "部局間", "文学部", "Faculté des Lettres", "2017-05-02", "2022-05-01", "終了",
     "0"),
    ("ca-ubc", "大学間", "", "", "2021-07-01", "2026-06-30", "有効", "1"),
    ("au-monash", "部局間", "教育学研究科", "Faculty of Education", "2016-08-08", "2026-08-07",
     "有効", "0"),
    ("au-uq", "大学間", "", "", "", "", "有効", "1"),
    ("nz-uoa", "部局間", "教育学研究科", "Faculty of Education and Social Work", "2023-01-16",
     "2028-01-15", "有効", ""),
    ("mx-unam", "大学間", "", "", "2010-03-29", "2025-03-28", "有効", "0"),
    ("?", "大学間", "", "", "2022-10-14", "2027-10-13", "有効", "0"),
    ("br-usp", "部局間", "医学部", "Faculdade de Medicina", "2019-12-12", "2024-12-11", "有効",
     "0"),
]

B03_JA = {"us-miamioh": "マイアミ大学", "us-umiami": "マイアミ大学"}


def b03() -> tuple[str, dict[str, Any]]:
    name = "b03-mino-db.csv"
    head = ["agreement_id", "協定区分", "学内部局", "相手機関名", "相手機関名_英", "相手部局",
            "国コード", "締結日", "有効期限", "状態", "授業料不徴収", "更新日時"]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(head)
    rows = []
    lost = []
    for n, (pid, kind, unit, punit, signed, expiry, status, waiver) in enumerate(B03, start=2):
        if pid == "?":  # the names were lost to an encoding slip on the way into the database
            w.writerow([f"AGR{1000 + n * 7:05d}", kind, unit, "?????????", "", punit, "MN",
                        signed, expiry, status, waiver, "2025-03-31 17:02:11"])
            lost.append({"level": "university", "locator": {"row": n}, "partner_id": None,
                         "text": "?????????"})
            continue
        country, ja, en = PARTNERS[pid]
        ja = B03_JA.get(pid, ja)
        w.writerow([f"AGR{1000 + n * 7:05d}", kind, unit, ja, en, punit, country, signed,
                    expiry or "NULL", status, waiver, "2025-03-31 17:02:11"])
        dept = kind == "部局間"
        rows.append(row("mino", pid, {"row": n}, layout="dept-db-export" if dept else "db-export",
                        ja=ja, en=en, signed=signed if signed[:1] == "2" else None,
                        signed_printed=signed or None,
                        waiver={"1": True, "0": False}.get(waiver),
                        level="department" if dept else "university", home_unit=unit or None,
                        partner_unit=punit or None, status=status,
                        valid_until=expiry or None))
    (DOCS / name).write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    rec = truth(name, "csv", "mino", title="美濃大学 協定データベース書き出し",
                as_of="2025-03-31", language="bi", rows=rows,
                shape="database export: UTF-8 with BOM, CRLF, an ID column, ISO dates, a "
                      "validity column (有効期限, not a signing date), status 有効/終了 (ended "
                      "agreements are still rows), 1/0 waiver, NULL literals, ISO country "
                      "codes, both levels in one table, two partners printed マイアミ大学; one "
                      "row whose names were lost to an encoding slip (?????????, no English "
                      "name): unreadable, not a row",
                damage=["null_literal", "unreadable"], unreadable=lost)
    entry = manifest_entry(name, "mino", "美濃大学 協定データベース書き出し", "2025-03-31",
                           "2025-03-31 17:02:11", ["ja", "en"],
                           "named in the title given with the file")
    return entry, rec


# (level, unit, country, id, en printed in the cell, native, date, signed, note)
B08 = [
    ("大学間", "", "大韓民国", "kr-snu", "Seoul National University", "서울대학교",
     "2018/4/1", "2018-04-01", "授業料不徴収"),
    ("大学間", "", "中華人民共和国", "cn-pku", "Peking University", "北京大學", "H30.10.1",
     "2018-10-01", ""),
    ("大学間", "", "台湾", "tw-ntu", "National Taiwan University", "國立臺灣大學", "03/04/2021",
     None, "授業料不徴収"),
    ("大学間", "", "インドネシア共和国", "id-ui", "Universitas Indonesia", "Universitas Indonesia",
     "2014/11/20", "2014-11-20", ""),
    ("大学間", "", "タイ王国", "th-mahidol", "Mahidol University", "มหาวิทยาลัยมหิดล",
     "2009/2/27", "2009-02-27", "授業料不徴収"),
    ("部局間", "医学部", "タイ王国", "th-chula", "Chulalongkorn University",
     "จุฬาลงกรณ์มหาวิทยาลัย", "2016/6/30", "2016-06-30", "相手部局：Faculty of Medicine"),
    ("部局間", "医学部", "ドイツ連邦共和国", "de-lmu", "LMU München",
     "Ludwig-Maximilians-Universität München", "R3.9.1", "2021-09-01",
     "相手部局：Medizinische Fakultät"),
    ("部局間", "看護学部", "アメリカ合衆国", "us-ucb", "University of California, Berkeley",
     "University of California, Berkeley", "2013/3/1", "2013-03-01",
     "相手部局：School of Public Health"),
    ("部局間", "看護学部", "オーストラリア連邦", "au-monash", "Monash University",
     "Monash University", "", None, "相手部局：Faculty of Medicine, Nursing and Health Sciences"),
    ("部局間", "大学院医学系研究科", "ロシア連邦", "ru-msu", "Lomonosov Moscow State University",
     "Московский государственный университет имени М. В. Ломоносова", "2012/10/5",
     "2012-10-05", "相手部局：Faculty of Fundamental Medicine"),
]


def b08() -> tuple[str, dict[str, Any]]:
    name = "b08-izumo.csv"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["出雲医療大学 国際交流協定一覧（令和5年4月1日現在）"])
    w.writerow(["区分", "本学部局", "国名", "協定校名\n（英語名）", "原語表記", "締結年月日",
                "備考"])
    rows = []
    for n, (kind, unit, country, pid, en, native, date, signed, note) in enumerate(B08, start=3):
        ja = PARTNERS[pid][1]
        w.writerow([kind, unit, country, f"{ja}\n{en}", native, date, note])
        dept = kind == "部局間"
        punit = note.removeprefix("相手部局：") if note.startswith("相手部局") else None
        rows.append(row("izumo", pid, {"row": n}, layout="dept-multiline" if dept else "multiline",
                        ja=ja, en=en, signed=signed, signed_printed=date or None,
                        waiver=True if note == "授業料不徴収" else None,
                        level="department" if dept else "university", home_unit=unit or None,
                        partner_unit=punit, native_name=native))
    w.writerow(["計", "", "", f"{len(B08)}件", "", "", ""])
    (DOCS / name).write_text(buf.getvalue(), encoding="utf-8")
    rec = truth(name, "csv", "izumo", title="出雲医療大学 国際交流協定一覧", as_of="2023-04-01",
                language="bi", rows=rows,
                stated_totals=[total("document", "agreements", len(B08), f"計,,,{len(B08)}件")],
                shape="a title record before the header; quoted cells that hold a newline "
                      "(ja name, then en name; a header cell too); a column with the name in "
                      "its own script (Hangul, traditional Chinese, Thai, Cyrillic); dates "
                      "2018/4/1, H30.10.1, R3.9.1 and one ambiguous 03/04/2021 (truth null); "
                      "備考 holding the waiver or the partner's faculty",
                damage=["ambiguous_date", "multiline_cells"])
    entry = manifest_entry(name, "izumo", "出雲医療大学 国際交流協定一覧", "2023-04-01",
                           "令和5年4月1日現在", ["ja", "en"], "printed in the first record")
    return entry, rec
