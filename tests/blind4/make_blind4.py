# ruff: noqa: E501  (data tables and printed strings)
"""Write tests/blind4/documents/ (+ sources.toml, no sections) and truth/: python tests/blind4/make_blind4.py"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from blind4_data import HOMES  # noqa: E402
from make_blind4_bin import e03, e04, e09  # noqa: E402
from make_blind4_docs import e01, e02  # noqa: E402
from make_blind4_docs2 import e05, e06, e07  # noqa: E402
from make_blind4_pdf_text import e08  # noqa: E402

AS_OF_TEXT = {
    "e01": "mise à jour le 1er février 2024",
    "e02": "2024年3月1日",
    "e03": "2024年5月1日現在",
    "e04": "2024年5月1日現在",
    "e05": "２０２４年４月１日現在",
    "e06": "Mise à jour : 15/01/2024",
    "e07": "2024年4月1日現在",
    "e08": "截至2024年3月1日",
    "e09": "2024年5月1日現在",
}
HOME_OF = {
    "e01": "valmont",
    "e02": "jianghuai",
    "e03": "hokuso",
    "e04": "hokuso",
    "e05": "sanuki",
    "e06": "valmont",
    "e07": "sanuki",
    "e08": "jianghuai",
    "e09": "hokuso",
}


def sources(truths: list[dict]) -> str:
    out = [
        "# The fourth blind corpus (tests/blind4/make_blind4.py): hand-made documents kyotei",
        "# has never seen, named with no sections. Generated: do not edit.",
        "",
    ]
    for t in truths:
        key = t["document"][:3]
        h = HOMES[HOME_OF[key]]
        out += [
            "[[document]]",
            f'file = "{t["document"]}"',
            f'title = "{t["title"]}"',
            f"as_of = {t['as_of']}",
            f'as_of_text = "{AS_OF_TEXT[key]}"',
            f'languages = ["{t["language"]}"]',
            "",
            "[document.publisher]",
            'status = "stated"',
        ]
        if h["ja"]:
            out.append(f'ja = "{h["ja"]}"')
        out += [
            f'en = "{h["en"]}"',
            f'country = "{h["country"]}"',
            'note = "printed in the document"',
            "",
        ]
    return "\n".join(out)


def main() -> None:
    docs, tdir = HERE / "documents", HERE / "truth"
    docs.mkdir(exist_ok=True)
    tdir.mkdir(exist_ok=True)
    truths = [f(docs) for f in (e01, e02, e03, e04, e05, e06, e07, e08, e09)]
    for t in truths:
        (tdir / f"{t['document']}.truth.json").write_text(
            json.dumps(t, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
    (docs / "sources.toml").write_text(sources(truths), encoding="utf-8")
    print(sum(len(t["rows"]) for t in truths), "truth rows in", len(truths), "documents")


if __name__ == "__main__":
    main()
