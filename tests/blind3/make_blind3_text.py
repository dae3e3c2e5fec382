"""The text documents of the third blind corpus (one function per document)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from blind3_data import row, total, truth

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"


def d11_naruto_dept(out: Path) -> dict[str, Any]:
    """Department agreements as a memo: `■水産学部（4件）` headings by level block
    (【学部間】【研究科間】【センター間】), circled-number items, the country in parentheses
    after the name, `締結` after the date and `（…更新）` renewals, `授業料：相互免除/徴収`."""
    doc = "d11-naruto-dept.txt"
    blocks: list[tuple[str, list[tuple[str, int, list[tuple[Any, ...]]]]]] = [
        (
            "学部間協定",
            [
                (
                    "水産学部",
                    4,
                    [
                        ('b3:tw-ncku', '国立成功大学', '台湾', '海洋科学院', '2013年10月28日',
                         '2013-10-28', '（2018年10月28日更新）', '相互免除'),
                        ('b3:my-um', 'マラヤ大学', 'マレーシア', '理学部', '2017年11月13日',
                         '2017-11-13', '', '徴収'),
                        ('b3:ca-mcgill', 'マギル大学', 'カナダ', '農業環境科学部', '2016年5月9日',
                         '2016-05-09', '（2021年5月9日更新）', '相互免除'),
                        ('b3:br-usp', 'サンパウロ大学', 'ブラジル', '海洋研究所', '2018年9月10日',
                         '2018-09-10', '', '徴収'),
                    ],
                ),
                (
                    "工学部",
                    2,
                    [
                        ('b3:cn-neu', '東北大学', '中国', '機械工程与自動化学院', '2018年12月3日',
                         '2018-12-03', '', '相互免除'),
                        ('b3:vn-hust', 'ハノイ工科大学', 'ベトナム', '機械工学部', '2019年8月5日',
                         '2019-08-05', '', '徴収'),
                    ],
                ),
            ],
        ),
        (
            "研究科間協定",
            [
                (
                    "海洋科学研究科",
                    3,
                    [
                        ('b3:au-uq', 'クイーンズランド大学', 'オーストラリア', '生物科学部',
                         '2008年7月7日', '2008-07-07', '（2013年、2018年、2023年更新）',
                         '相互免除'),
                        ('b3:kr-snu', 'ソウル大学校', '韓国', '農業生命科学大学', '令和3年4月1日',
                         '2021-04-01', '', '相互免除'),
                        ('b3:fr-sorbonne', 'ソルボンヌ大学', 'フランス', '海洋生物学研究所',
                         '2022年度', None, '', '徴収'),
                    ],
                ),
            ],
        ),
        (
            "センター間協定",
            [
                (
                    "水産資源研究センター",
                    2,
                    [
                        ('b3:th-chula', 'チュラロンコン大学', 'タイ', '水産研究所', '2014年2月3日',
                         '2014-02-03', '', '相互免除'),
                        ('b3:id-ui', 'インドネシア大学', 'インドネシア', '海洋研究センター',
                         '2019年4月1日', '2019-04-01', '', ''),
                    ],
                ),
            ],
        ),
    ]
    lines = ["鳴門海洋大学　部局間交流協定一覧", "（令和6年4月1日現在　国際交流課作成）", ""]
    rows: list[dict[str, Any]] = []
    totals = []
    wmap = {"相互免除": True, "徴収": False, "": None}
    for bname, units in blocks:
        lines.append(f"【{bname}】")
        for unit, n, items in units:
            lines.append(f"■{unit}（{n}件）")
            totals.append(total(f"unit:{unit}", "agreements", n, f"■{unit}（{n}件）"))
            for k, (pid, ja, cn, punit, sp, sd, ren, wv) in enumerate(items):
                tail = f"　授業料：{wv}" if wv else ""
                lines.append(f"　{CIRCLED[k]} {ja}（{cn}）{punit}　{sp}締結{ren}{tail}")
                rows.append(
                    row(
                        "naruto",
                        pid,
                        {"line": len(lines)},
                        layout="circled-memo",
                        ja=ja,
                        signed=sd,
                        signed_printed=sp,
                        waiver=wmap[wv],
                        level="department",
                        home_unit=unit,
                        partner_unit=punit,
                        renewed=ren or None,
                        agreement_level=bname.replace("協定", ""),
                    )
                )
            lines.append("")
    lines.append("以上　計11件")
    lines.append("※授業料欄の記載がないものは協議中。")
    (out / doc).write_text("\n".join(lines) + "\n", encoding="utf-8")
    totals.append(total("department", "agreements", 11, "以上　計11件"))
    return truth(
        doc,
        "text",
        "naruto",
        rows,
        title="鳴門海洋大学 部局間交流協定一覧",
        as_of="2024-04-01",
        language="ja",
        layouts=["circled-memo"],
        shape="a memo: 【学部間協定】【研究科間協定】【センター間協定】 blocks, `■水産学部（4件）` "
        "unit headings, items `① 国立成功大学（台湾）海洋科学院　2013年10月28日締結"
        "（2018年10月28日更新）　授業料：相互免除`; the country in parentheses after the name, "
        "the partner unit glued after it; `令和3年4月1日`, `2022年度`; renewals in parentheses",
        damage=[],
        stated_totals=totals,
        notes=[
            "東北大学（中国） is the Chinese one.",
            "A renewal is not the signing date.",
            "No 授業料 text: null (the footnote says it is under discussion).",
        ],
    )


def d12_kitakami_wiki(out: Path) -> dict[str, Any]:
    """A Markdown table pasted from an internal wiki: `**bold**` names, `<br>` in cells,
    `~~struck~~` ended agreements, ISO dates, `✔` waiver, an escaped pipe."""
    doc = "d12-kitakami-wiki.txt"
    data = [
        ('b3:cn-zju', '浙江大学', 'Zhejiang University', '中国', '2009-11-02', True, False),
        ('b3:kr-korea', '高麗大学校', 'Korea University', '韓国', '2012-05-21', True, False),
        ('b3:tw-ntu', '国立台湾大学', 'National Taiwan University', '台湾', '2015-03-09', True,
         False),
        ('b3:hk-hku', '香港大学', 'The University of Hong Kong', '香港', '2014-07-01', False,
         False),
        ('b3:th-mahidol', 'マヒドン大学', 'Mahidol University', 'タイ', '2007-08-20', False, True),
        ('b3:in-iisc', 'インド理科大学院', 'Indian Institute of Science', 'インド', '2017-11-01',
         False, False),
        ('b3:us-ucb', 'カリフォルニア大学バークレー校', 'University of California, Berkeley',
         'アメリカ', '2006-04-01', False, False),
        ('b3:ca-toronto', 'トロント大学', 'University of Toronto', 'カナダ', '2018-04-01', False,
         False),
        ('b3:gb-ed', 'エディンバラ大学', 'University of Edinburgh', 'イギリス', '2015-09-14', True,
         False),
        ('b3:at-wien', 'ウィーン大学', 'University of Vienna', 'オーストリア', '2012-06-04', True,
         False),
        ('b3:es-usal', 'サラマンカ大学', 'Universidad de Salamanca', 'スペイン', '2019-02-11',
         True, False),
        ('b3:mx-unam', 'メキシコ国立自治大学', 'UNAM', 'メキシコ', '2022-03-30', True, False),
    ]
    lines = [
        "# 協定校一覧（大学間）",
        "",
        "最終更新: 2024-10-01 by 国際交流課 / 公開前の確認用",
        "",
        "| No | 国・地域 | 協定校 | 締結日 | 不徴収 |",
        "|---:|---|---|---|:-:|",
    ]
    rows: list[dict[str, Any]] = []
    for i, (pid, ja, en, cn, sd, wv, ended) in enumerate(data, 1):
        name = f"**{ja}**<br>{en}"
        if ended:
            name = f"~~{name}~~（2023年3月終了）"
        lines.append(f"| {i} | {cn} | {name} | {sd} | {'✔' if wv else ''} |")
        extra: dict[str, Any] = {"status": "終了"} if ended else {}
        rows.append(
            row(
                "kitakami",
                pid,
                {"line": len(lines)},
                layout="markdown-table",
                ja=ja,
                en=en,
                signed=sd,
                signed_printed=sd,
                waiver=wv,
                **extra,
            )
        )
    lines += [
        "",
        "- ✔ = 授業料不徴収",
        "- 取り消し線は終了した協定（記録として残す）",
        "- 部局間協定は [部局間協定 \\| 一覧](./dept) を参照",
        "",
    ]
    (out / doc).write_text("\n".join(lines), encoding="utf-8")
    return truth(
        doc,
        "text",
        "kitakami",
        rows,
        title="協定校一覧（大学間）",
        as_of="2024-10-01",
        language="bi",
        layouts=["markdown-table"],
        shape="a Markdown pipe table from an internal wiki: `|---:|` alignment row, names "
        "`**北京大学**<br>Peking University`, ISO dates, ✔ waiver with a bullet legend, an "
        "ended agreement struck through `~~…~~（2023年3月終了）`, a link with an escaped pipe",
        damage=["markup"],
        notes=[
            "The struck-through row is an ended agreement: a row (the wiki keeps it 'as a "
            "record'), status 終了.",
            "✔ marks a waiver; unmarked rows false.",
        ],
    )
