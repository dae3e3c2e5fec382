"""Write the blind corpus: ``python tests/blind/make_blind.py`` (documents/ and truth/).

Every document is hand-made by one function (see README.md); the output is deterministic
except for the PDFs' and workbooks' embedded creation times.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from blind_data import DOCS, save
from make_blind_csv import b03, b08
from make_blind_html import b01, b02, b11
from make_blind_pdf import b05, b07
from make_blind_text import b06, b09
from make_blind_xlsx import b04, b10

MAKERS = [b01, b02, b03, b04, b05, b06, b07, b08, b09, b10, b11]
HEADER = ("# The blind corpus (tests/blind/make_blind.py): hand-made documents kyotei has never\n"
          "# seen, named with no sections, so their layouts must be found. Generated: do not edit."
          "\n\n")


def main() -> int:
    DOCS.mkdir(parents=True, exist_ok=True)
    entries = []
    for make in MAKERS:
        entry, record = make()
        save(record)
        entries.append(entry)
        print(f"{record['document']:24} {len(record['rows']):3} rows  {record['layouts']}")
    (DOCS / "sources.toml").write_text(HEADER + "\n".join(entries), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
