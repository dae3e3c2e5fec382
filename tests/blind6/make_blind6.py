"""Write the sixth blind corpus: documents/ (+ sources.toml, no sections) and truth/.

python tests/blind6/make_blind6.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from blind6_data import HOMES  # noqa: E402
from make_blind6_de import g01, g02  # noqa: E402
from make_blind6_es import g03  # noqa: E402
from make_blind6_jp import g05, g06  # noqa: E402
from make_blind6_vn import g04  # noqa: E402

BUILDERS = (g01, g02, g03, g04, g05, g06)
HEADER = (
    "# The sixth blind corpus (tests/blind6/make_blind6.py): hand-made documents kyotei\n"
    "# has never seen, named with no sections. Generated: do not edit.\n"
)


def _toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def manifest(truths: list[dict]) -> str:
    out = [HEADER]
    for t in truths:
        home = next(k for k, h in HOMES.items() if h["en"] == t["home"]["en"])
        h = HOMES[home]
        out += [
            "[[document]]",
            f"file = {_toml_str(t['document'])}",
            f"title = {_toml_str(t['title'])}",
            f"as_of = {t['as_of']}",
            f"as_of_text = {_toml_str(t['as_of_text'])}",
            f"languages = [{_toml_str(t['language'])}]",
            "",
            "[document.publisher]",
            'status = "stated"',
            f"ja = {_toml_str(h['ja'])}",
            f"en = {_toml_str(h['en'])}",
            f"country = {_toml_str(h['country'])}",
            'note = "printed in the document"',
            "",
        ]
    return "\n".join(out)


def build(root: Path = HERE) -> list[dict]:
    docs, truth = root / "documents", root / "truth"
    docs.mkdir(parents=True, exist_ok=True)
    truth.mkdir(parents=True, exist_ok=True)
    truths = [b(docs) for b in BUILDERS]
    for t in truths:
        (truth / f"{t['document']}.truth.json").write_text(
            json.dumps(t, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
    (docs / "sources.toml").write_text(manifest(truths), encoding="utf-8")
    return truths


if __name__ == "__main__":
    ts = build()
    print(f"{len(ts)} documents, {sum(len(t['rows']) for t in ts)} truth rows")
