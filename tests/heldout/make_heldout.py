"""Write the held-out corpus: documents/, sources.toml and truth/ (see README.md).

    python tests/heldout/make_heldout.py

Hand-written documents (one function each, below and in heldout_docs2.py), not drawn from
tests/corpus's generator or renderers. The truth is written beside each document as it is
composed; for PDFs the line numbers are then looked up with plain pdfplumber (the n-th
non-empty line of the page's extract_text), never with kyotei.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from heldout_data import HOMES, PARTNERS  # noqa: E402

DOCS = HERE / "documents"
TRUTH = HERE / "truth"
SAME = object()  # the canonical name
# tests/corpus/corpus_match.py adds the names tests/corpus knows for an id; the prefix keeps
# the held-out truth's ids apart from that corpus's, so only the names written here count.
ID_PREFIX = "ho:"


@dataclass
class Doc:
    name: str
    fmt: str
    home: str
    language: str
    title: str
    as_of: str
    as_of_text: str
    layouts: list[str]
    what: str
    languages: list[str] = field(default_factory=lambda: ["ja"])
    rows: list[dict[str, Any]] = field(default_factory=list)
    unreadable: list[dict[str, Any]] = field(default_factory=list)
    stated_totals: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, pid: str, locator: dict[str, Any], *, layout: str | None = None,
            level: str = "university", signed: str | None = None,
            printed_date: str | None = None, waiver: bool | None = None,
            ja: Any = None, en: Any = None, printed_ja: str | None = None,
            printed_en: str | None = None, home_unit: str | None = None,
            partner_unit: str | None = None, damage: tuple[str, ...] = ()) -> None:  # fmt: skip
        """One agreement; ``ja``/``en`` SAME = the canonical name is printed, a str = printed so."""
        country, cja, cen, _native = PARTNERS[pid]
        ja_v = cja if ja is SAME else ja
        en_v = cen if en is SAME else en
        hja, hen = HOMES[self.home]
        self.rows.append({
            "level": level, "home": {"ja": hja, "en": hen},
            "home_unit": {"ja": home_unit, "en": None} if home_unit else None,
            "partner": {"id": ID_PREFIX + pid, "ja": ja_v, "en": en_v,
                        "printed_ja": printed_ja or ja_v, "printed_en": printed_en or en_v},
            "partner_unit": partner_unit, "country": country, "signed": signed,
            "signed_printed": printed_date, "waiver": waiver,
            "layout": layout or self.layouts[0], "damage": list(damage), "locator": locator,
        })  # fmt: skip

    def total(self, scope: str, unit: str, value: int, text: str) -> None:
        self.stated_totals.append({"scope": scope, "unit": unit, "value": value, "text": text})

    def bad(self, locator: dict[str, Any], text: str, level: str = "university") -> None:
        self.unreadable.append({"level": level, "locator": locator, "partner_id": None,
                                "text": text})  # fmt: skip

    def truth(self) -> dict[str, Any]:
        hja, hen = HOMES[self.home]
        return {
            "document": self.name, "format": self.fmt, "home": {"ja": hja, "en": hen},
            "language": self.language, "layouts": self.layouts, "title": self.title,
            "as_of": self.as_of, "what": self.what, "notes": self.notes,
            "rows": self.rows, "unreadable": self.unreadable, "duplicates": [],
            "stated_totals": self.stated_totals,
            "damage": {"profile": "hand", "document": sorted({d for r in self.rows
                                                              for d in r["damage"]})},
        }  # fmt: skip

    def manifest(self) -> str:
        hja, hen = HOMES[self.home]
        langs = ", ".join(f'"{x}"' for x in self.languages)
        return (
            f'[[document]]\nfile = "{self.name}"\ntitle = "{self.title}"\n'
            f'as_of = {self.as_of}\nas_of_text = "{self.as_of_text}"\nlanguages = [{langs}]\n\n'
            f'[document.publisher]\nstatus = "stated"\nja = "{hja}"\nen = "{hen}"\n'
            f'country = "JP"\nnote = "printed in the title"\n'
        )


def lines_with(text_lines: list[str], needle: str) -> int:
    """1-based index of the one line holding needle."""
    hits = [i for i, line in enumerate(text_lines, 1) if needle in line]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


def pdf_lines(path: Path, page: int) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        text = pdf.pages[page - 1].extract_text() or ""
    return [line for line in text.split("\n") if line.strip()]


def pdf_column_lines(path: Path, page: int, top: float, bottom: float, gutter: float) -> list[str]:
    """The page's non-empty lines in reading order when its text between ``top`` and
    ``bottom`` (points from the top) is set in two columns split at ``gutter``: the lines
    above, the left column, the right column, the lines below (docs/formats.md numbers a
    two-column page's lines so). Plain pdfplumber crops, never kyotei."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        p = pdf.pages[page - 1]
        boxes = [(0, 0, p.width, top), (0, top, gutter, bottom), (gutter, top, p.width, bottom),
                 (0, bottom, p.width, p.height)]
        texts = [p.crop(box).extract_text() or "" for box in boxes]
    return [line for text in texts for line in text.split("\n") if line.strip()]


def main() -> int:
    from heldout_docs1 import DOCUMENTS as FIRST
    from heldout_docs2 import DOCUMENTS as SECOND

    DOCS.mkdir(exist_ok=True)
    TRUTH.mkdir(exist_ok=True)
    entries = []
    for make in (*FIRST, *SECOND):
        doc = make(DOCS)
        entries.append(doc.manifest())
        (TRUTH / f"{Path(doc.name).stem}.truth.json").write_text(
            json.dumps(doc.truth(), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )
    head = "# The held-out corpus (tests/heldout/make_heldout.py): hand-written, no sections.\n\n"
    (DOCS / "sources.toml").write_text(head + "\n".join(entries), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
