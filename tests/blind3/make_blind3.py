"""Write the third blind corpus: ``python tests/blind3/make_blind3.py``.

Writes ``documents/`` (the twelve documents and ``sources.toml``, with no sections) and
``truth/<doc>.truth.json``. See README.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from blind3_data import HOMES  # noqa: E402
from make_blind3_csv import d01_asama, d02_asama_tsv  # noqa: E402
from make_blind3_html import d03_kitakami, d04_kitakami_acc, d05_lahntal  # noqa: E402
from make_blind3_pdf import d08_naruto  # noqa: E402
from make_blind3_pdf_text import d09_hanbit, d10_naruto_ocr  # noqa: E402
from make_blind3_text import d11_naruto_dept, d12_kitakami_wiki  # noqa: E402
from make_blind3_xlsx import d06_tenryu, d07_tenryu_dept  # noqa: E402

MAKERS = [
    d01_asama,
    d02_asama_tsv,
    d03_kitakami,
    d04_kitakami_acc,
    d05_lahntal,
    d06_tenryu,
    d07_tenryu_dept,
    d08_naruto,
    d09_hanbit,
    d10_naruto_ocr,
    d11_naruto_dept,
    d12_kitakami_wiki,
]

HOME_OF = {
    "浅間大学": "asama",
    "北上学院大学": "kitakami",
    "天竜大学": "tenryu",
    "鳴門海洋大学": "naruto",
    "Hanbit National University": "hanbit",
    "Hochschule Lahntal": "lahntal",
}

AS_OF_TEXT = {
    "d01-asama.csv": "令和6年5月1日現在",
    "d02-asama-dept.tsv": "2024年5月1日現在",
    "d03-kitakami.html": "2024年10月1日現在",
    "d04-kitakami-dept.html": "2024年10月1日現在",
    "d05-lahntal-partner.html": "Stand: 1. März 2024",
    "d06-tenryu.xlsx": "令和6年4月1日現在",
    "d07-tenryu-dept.xlsx": "令和6年4月1日現在",
    "d08-naruto.pdf": "2024年4月1日現在",
    "d09-hanbit-en.pdf": "as of March 4, 2024",
    "d10-naruto-2017-ocr.pdf": "平成２９年４月１日現在",
    "d11-naruto-dept.txt": "令和6年4月1日現在",
    "d12-kitakami-wiki.txt": "最終更新: 2024-10-01",
}
LANGS = {"ja": ["ja"], "en": ["en"], "bi": ["ja", "en"], "de": ["de"]}


def _toml(truths: list[dict[str, Any]]) -> str:
    out = [
        "# The third blind corpus (tests/blind3/make_blind3.py): hand-made documents kyotei",
        "# has never seen, named with no sections. Generated: do not edit.",
        "",
    ]
    for t in truths:
        key = HOME_OF[t["home"]["ja"] or t["home"]["en"]]
        hja, hen, cc = HOMES[key]
        langs = ", ".join(f'"{x}"' for x in LANGS[t["language"]])
        out += [
            "[[document]]",
            f'file = "{t["document"]}"',
            f'title = "{t["title"]}"',
            f"as_of = {t['as_of']}",
            f'as_of_text = "{AS_OF_TEXT[t["document"]]}"',
            f"languages = [{langs}]",
            "",
            "[document.publisher]",
            'status = "stated"',
        ]
        if hja:
            out.append(f'ja = "{hja}"')
        out += [f'en = "{hen}"', f'country = "{cc}"', 'note = "printed in the document"', ""]
    return "\n".join(out)


def main() -> None:
    docs = HERE / "documents"
    tdir = HERE / "truth"
    docs.mkdir(exist_ok=True)
    tdir.mkdir(exist_ok=True)
    truths = [make(docs) for make in MAKERS]
    for t in truths:
        (tdir / f"{t['document']}.truth.json").write_text(
            json.dumps(t, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
    (docs / "sources.toml").write_text(_toml(truths), encoding="utf-8")
    n = sum(len(t["rows"]) for t in truths)
    print(f"{len(truths)} documents, {n} truth rows")


if __name__ == "__main__":
    main()
