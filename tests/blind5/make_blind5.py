"""Write the fifth blind corpus: documents/ (+ sources.toml) and truth/.

python tests/blind5/make_blind5.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from blind5_data import HOMES  # noqa: E402
from make_blind5_au import f07, f08  # noqa: E402
from make_blind5_jp import f05  # noqa: E402
from make_blind5_jp_box import f06  # noqa: E402
from make_blind5_kr import f01  # noqa: E402
from make_blind5_kr_dept import f10  # noqa: E402
from make_blind5_kr_sheet import f02  # noqa: E402
from make_blind5_th import f09  # noqa: E402
from make_blind5_tw import f03, f04  # noqa: E402

# document -> (home key, as_of_text, languages)
MANIFEST = {
    "f01-cheongnim.html": ("cheongnim", "2024년 3월 1일 기준", ["ko"]),
    "f02-cheongnim.xlsx": ("cheongnim", "2024. 3. 1. 기준", ["ko"]),
    "f03-nanying.csv": ("nanying", "更新日期：民國113年2月1日", ["zh"]),
    "f04-nanying-dept.pdf": ("nanying", "資料日期：民國113年2月1日", ["zh"]),
    "f05-wakasa.pdf": ("wakasa", "2024年4月1日現在", ["ja"]),
    "f06-wakasa-bukyoku.txt": ("wakasa", "２０２４年４月１日現在", ["ja"]),
    "f07-coralbay.html": ("coralbay", "Page last updated 4 March 2024", ["en"]),
    "f08-coralbay-crm.csv": ("coralbay", "Report generated 04/03/2024 09:12", ["en"]),
    "f09-maeping.xlsx": ("maeping", "ข้อมูล ณ วันที่ 1 มีนาคม 2567", ["en", "th"]),
    "f10-cheongnim-dept.txt": ("cheongnim", "(2024. 3. 1. 기준, 국제교류처)", ["ko"]),
}


def q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def main() -> None:
    docs = HERE / "documents"
    truth = HERE / "truth"
    docs.mkdir(exist_ok=True)
    truth.mkdir(exist_ok=True)
    for old in list(docs.iterdir()) + list(truth.iterdir()):
        old.unlink()
    truths = [f(docs) for f in (f01, f02, f03, f04, f05, f06, f07, f08, f09, f10)]
    toml = [
        "# The fifth blind corpus (tests/blind5/make_blind5.py): hand-made documents kyotei",
        "# has never seen, named with no sections. Generated: do not edit.",
        "",
    ]
    for t in truths:
        (truth / f"{t['document']}.truth.json").write_text(
            json.dumps(t, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        home, as_of_text, langs = MANIFEST[t["document"]]
        h = HOMES[home]
        native = h.get("ja") or h.get("zh") or h.get("ko") or h.get("th")
        toml += [
            "[[document]]",
            f"file = {q(t['document'])}",
            f"title = {q(t['title'])}",
            f"as_of = {t['as_of']}",
            f"as_of_text = {q(as_of_text)}",
            "languages = [" + ", ".join(q(x) for x in langs) + "]",
            "",
            "[document.publisher]",
            'status = "stated"',
        ]
        if native:
            toml.append(f"ja = {q(native)}")
        toml += [
            f"en = {q(h['en'])}",
            f"country = {q(h['country'])}",
            'note = "printed in the document"',
            "",
        ]
    (docs / "sources.toml").write_text("\n".join(toml), encoding="utf-8")
    n = sum(len(t["rows"]) for t in truths)
    print(
        f"{len(truths)} documents, {n} truth rows, "
        f"{sum(len(t['unreadable']) for t in truths)} unreadable, "
        f"{sum(len(t['duplicates']) for t in truths)} doubled"
    )


if __name__ == "__main__":
    main()
