"""Generate the measuring corpus: agreement lists of invented Japanese universities.

    python tests/corpus/generate.py --seed 11 --out tests/corpus

writes ``OUT/documents/`` (the documents and ``sources.toml``, a manifest with no sections)
and ``OUT/truth/<doc>.truth.json`` (every agreement row with its locator, the rows made
unreadable, the stated totals, the styles and damage drawn). Each document draws from its
own ``random.Random(f"{seed}:{id}")``, so one document's plan does not depend on another's.
See README.md for what the corpus holds and why.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_damage import damage_rows, probabilities
from corpus_model import Doc, Spec, plan
from corpus_render_html import render_html
from corpus_render_pdf import render_pdf
from corpus_render_text import as_of_text, render_csv, render_txt
from corpus_render_xlsx import render_xlsx

DEFAULT_SEED = 11
EXTENSIONS = {"txt": "txt", "csv": "csv", "html": "html", "xlsx": "xlsx", "pdf": "pdf"}
RENDERERS: dict[str, Callable[[Doc], bytes]] = {
    "txt": render_txt, "csv": render_csv, "html": render_html,
    "xlsx": render_xlsx, "pdf": render_pdf,
}  # fmt: skip
SPECS: tuple[Spec, ...] = (
    Spec("t01", "txt", "plain", ("grouped-list",), "ja", "light"),
    Spec("t02", "txt", "plain", ("grouped-list",), "bi", "heavy"),
    Spec("t03", "txt", "plain", ("table",), "bi", "light"),
    Spec("t04", "txt", "plain", ("dept-grouped",), "ja", "heavy"),
    Spec("t05", "txt", "plain", ("dept-table",), "ja", "light"),
    Spec("t06", "txt", "plain", ("grouped-list",), "en", "clean"),
    Spec("t07", "txt", "plain", ("grouped-list", "dept-grouped"), "ja", "heavy"),
    Spec("t08", "txt", "plain", ("table",), "ja", "clean"),
    Spec("c01", "csv", "utf-8", ("table",), "bi", "light"),
    Spec("c02", "csv", "utf-8-sig", ("table",), "ja", "heavy"),
    Spec("c03", "csv", "cp932", ("table",), "ja", "light"),
    Spec("c04", "csv", "tsv", ("table",), "en", "light"),
    Spec("c05", "csv", "utf-8", ("dept-table",), "ja", "heavy"),
    Spec("c06", "csv", "cp932", ("dept-table",), "ja", "clean"),
    Spec("c07", "csv", "utf-8", ("table",), "en", "clean"),
    Spec("h01", "html", "page", ("grouped-list",), "ja", "light"),
    Spec("h02", "html", "page", ("table",), "bi", "light"),
    Spec("h03", "html", "page", ("dept-table",), "ja", "heavy"),
    Spec("h04", "html", "page", ("grouped-list",), "en", "clean"),
    Spec("h05", "html", "page", ("table", "dept-table"), "ja", "light"),
    Spec("h06", "html", "page", ("dept-grouped",), "ja", "light"),
    Spec("h07", "html", "page", ("table",), "en", "heavy"),
    Spec("x01", "xlsx", "excel-dates", ("table",), "bi", "light"),
    Spec("x02", "xlsx", "excel-dates", ("table", "dept-table"), "ja", "heavy"),
    Spec("x03", "xlsx", "text-dates", ("table",), "en", "clean"),
    Spec("x04", "xlsx", "excel-dates", ("dept-table",), "ja", "light"),
    Spec("x05", "xlsx", "text-dates", ("table",), "ja", "heavy"),
    Spec("x06", "xlsx", "excel-dates", ("table",), "bi", "clean"),
    Spec("p01", "pdf", "ruled", ("table",), "bi", "light"),
    Spec("p02", "pdf", "text", ("grouped-list",), "ja", "light"),
    Spec("p03", "pdf", "ruled", ("dept-table",), "ja", "heavy"),
    Spec("p04", "pdf", "text", ("grouped-list",), "en", "clean"),
    Spec("p05", "pdf", "ruled", ("table",), "ja", "heavy"),
    Spec("p06", "pdf", "text", ("dept-grouped",), "ja", "light"),
    Spec("p07", "pdf", "ruled", ("table", "dept-table"), "bi", "light"),
)
CID_FONT_MARKS = ("*", "＊", "※", "○", "◎")  # the waiver marks the PDFs' CID font can draw
TITLES_JA = ("{h} 国際交流協定校一覧", "{h} 学術交流協定締結校", "{h} 海外協定校リスト")
TITLES_EN = ("{h}: International Partner Institutions", "{h} Partner Universities")


def document_furniture(spec: Spec, rng: random.Random) -> list[str]:
    """Document-level damage: page furniture, column titles repeated, header row lost."""
    odds = {"clean": (0.0, 0.0, 0.0), "light": (0.6, 0.3, 0.1), "heavy": (1.0, 0.8, 0.3)}[
        spec.damage
    ]
    kinds = ("page_furniture", "repeated_header", "lost_header")
    drawn = [k for k, p in zip(kinds, odds, strict=True) if rng.random() < p]
    allowed = {"txt": {"page_furniture", "repeated_header", "lost_header"},
               "pdf": {"repeated_header"}, "csv": {"repeated_header", "lost_header"},
               "xlsx": {"lost_header"}, "html": {"lost_header"}}[spec.fmt]  # fmt: skip
    if any(layout.endswith("list") or layout.endswith("grouped") for layout in spec.layouts):
        allowed.discard("lost_header")
    return [k for k in drawn if k in allowed]


def make_doc(spec: Spec, seed: int) -> Doc:
    rng = random.Random(f"{seed}:{spec.id}")  # noqa: S311 - reproducible test data
    chances = probabilities(spec.fmt, spec.damage)
    if spec.variant == "ruled":  # a ruled cell does not wrap into the next row
        chances.pop("wrap", None)
    doc = plan(spec, rng, chances)
    if spec.variant == "cp932":  # only characters Shift_JIS has
        doc.waiver_mark = rng.choice(("*", "＊", "※", "○", "◎"))
        doc.waiver_values = ("有", "無")
        doc.country_style = rng.choice(("ja", "ja-long"))
    if spec.fmt == "pdf" and doc.waiver_mark not in CID_FONT_MARKS:
        # The Adobe-Japan1 CID font has no ✓: the mark would not be drawn while the truth
        # says waiver. Chosen without the generator, so the rest is drawn as before.
        doc.waiver_mark = CID_FONT_MARKS[len(doc.home.key) % len(CID_FONT_MARKS)]
    if spec.variant == "cp932" or spec.fmt == "pdf":
        # Shift_JIS and the Adobe-Japan1 CID font lack 简体字 (清华, 复旦, 大连), and a CID
        # font maps a Kangxi radical back to its kanji: neither damage can be printed.
        doc.probabilities.pop("compat", None)
        for row in doc.rows:
            if row.name_ja is not None and not encodable(row.name_ja):
                row.name_ja = row.printed_ja = next(n for n in row.partner.ja if encodable(n))
    doc.furniture = document_furniture(spec, rng)
    damage_rows(doc, rng)
    titles = TITLES_EN if spec.language == "en" else TITLES_JA
    doc.title = rng.choice(titles).format(h=doc.home.en if spec.language == "en" else doc.home.ja)
    return doc


def encodable(text: str) -> bool:
    try:
        text.encode("cp932")
    except UnicodeEncodeError:
        return False
    return True


def file_name(spec: Spec, doc: Doc) -> str:
    return f"{spec.id}-{doc.home.key}.{EXTENSIONS[spec.fmt]}"


def truth(spec: Spec, doc: Doc, name: str) -> dict[str, Any]:
    rows = []
    excel_dates = spec.variant == "excel-dates" and doc.date_style != "month"
    for section in doc.sections:
        for row in section.rows:
            if row.unreadable:
                continue
            record = {**row.truth(doc.home), "layout": section.layout}
            if excel_dates and row.date is not None:  # an Excel date cell, not printed text
                record["signed_printed"] = None
                record["signed_excel_cell"] = True
            rows.append(record)
    return {
        "document": name,
        "format": spec.fmt,
        "variant": spec.variant,
        "layouts": list(spec.layouts),
        "language": spec.language,
        "home": {"ja": doc.home.ja, "en": doc.home.en},
        "title": doc.title,
        "as_of": doc.as_of.isoformat(),
        "styles": {
            "date": doc.date_style,
            "country": doc.country_style,
            "waiver": doc.waiver_style,
            "waiver_mark": doc.waiver_mark if doc.waiver_style == "mark" else None,
            "waiver_values": list(doc.waiver_values) if doc.waiver_style == "column" else None,
            "numbered": doc.numbered,
            "regions": doc.regions,
        },
        "damage": {
            "profile": spec.damage,
            "row_probabilities": doc.probabilities,
            "document": sorted(doc.furniture),
        },
        "rows": rows,
        "unreadable": [
            {"locator": r.locator, "text": r.garbage, "level": r.level, "partner_id": r.partner.id}
            for r in doc.rows
            if r.unreadable
        ],
        "duplicates": [
            {"locator": r.duplicate_locator, "of": r.locator}
            for r in doc.rows
            if r.doubled and r.duplicate_locator and not r.unreadable
        ],
        "stated_totals": doc.stated_totals,
    }


def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def manifest_entry(doc: Doc, name: str) -> str:
    languages = {"ja": '["ja"]', "en": '["en"]', "bi": '["ja", "en"]'}[doc.spec.language]
    return (
        f"[[document]]\nfile = {toml_string(name)}\ntitle = {toml_string(doc.title)}\n"
        f"as_of = {doc.as_of.isoformat()}\nas_of_text = {toml_string(as_of_text(doc))}\n"
        f"languages = {languages}\n\n"
        f'[document.publisher]\nstatus = "stated"\nja = {toml_string(doc.home.ja)}\n'
        f'en = {toml_string(doc.home.en)}\ncountry = "JP"\n'
        f"note = {toml_string('printed in the title and the running header')}\n"
    )


def generate(seed: int, out: Path) -> list[dict[str, Any]]:
    documents, truths = out / "documents", out / "truth"
    documents.mkdir(parents=True, exist_ok=True)
    truths.mkdir(parents=True, exist_ok=True)
    entries, summary = [], []
    for spec in SPECS:
        doc = make_doc(spec, seed)
        name = file_name(spec, doc)
        (documents / name).write_bytes(RENDERERS[spec.fmt](doc))
        record = truth(spec, doc, name)
        text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        (truths / f"{Path(name).stem}.truth.json").write_text(text, encoding="utf-8")
        entries.append(manifest_entry(doc, name))
        summary.append(record)
    header = (
        "# The measuring corpus (tests/corpus/generate.py): documents kyotei has never seen,\n"
        "# named with no sections, so their layouts must be found. Generated: do not edit.\n\n"
    )
    (documents / "sources.toml").write_text(header + "\n".join(entries), encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args(argv)
    summary = generate(args.seed, args.out)
    rows = sum(len(r["rows"]) for r in summary)
    bad = sum(len(r["unreadable"]) for r in summary)
    print(f"{len(summary)} documents, {rows} agreement rows, {bad} unreadable rows -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
