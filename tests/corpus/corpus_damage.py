"""The damage real extraction makes, drawn per row with the document's probabilities.

String damage (OCR slips, stray spaces, compatibility characters) changes the printed
names here; layout damage (wrapped, split, doubled, shifted, unreadable rows, an empty date)
is recorded in ``row.damage`` for the renderer, which knows lines and cells. Every kind
drawn is in the row's truth, so a reader's miss can be traced to the damage that caused it.
"""

from __future__ import annotations

import random

from corpus_model import Doc

OCR_SLIPS = {
    "ー": "一",
    "一": "ー",
    "工": "エ",
    "エ": "工",
    "口": "ロ",
    "ロ": "口",
    "力": "カ",
    "カ": "力",
}
# Kangxi radicals and other compatibility characters PDF extraction gives for common kanji;
# NFKC maps the radicals back, not U+2027 (HYPHENATION POINT), which stands for ・.
COMPAT = {"大": "⼤", "工": "⼯", "立": "⽴", "人": "⼈", "文": "⽂", "山": "⼭", "子": "⼦",
          "女": "⼥", "高": "⾼", "金": "⾦", "長": "⾧", "・": "‧"}  # fmt: skip
GARBAGE = "〓■□◆"

# Which layout damage each format can show.
LAYOUT_DAMAGE = {
    "txt": ("wrap", "doubled", "unreadable", "empty_date"),
    "pdf": ("wrap", "doubled", "unreadable", "empty_date"),
    "csv": ("split", "doubled", "shifted", "unreadable", "empty_date"),
    "xlsx": ("split", "doubled", "shifted", "unreadable", "empty_date"),
    "html": ("doubled", "unreadable", "empty_date"),
}
PROFILES = {
    "clean": {},
    "light": {"ocr_slip": 0.04, "stray_space": 0.04, "compat": 0.08, "wrap": 0.04,
              "split": 0.03, "doubled": 0.02, "shifted": 0.02, "unreadable": 0.03,
              "empty_date": 0.04},
    "heavy": {"ocr_slip": 0.1, "stray_space": 0.08, "compat": 0.2, "wrap": 0.08,
              "split": 0.06, "doubled": 0.04, "shifted": 0.05, "unreadable": 0.05,
              "empty_date": 0.06},
}  # fmt: skip
DOCUMENT_DAMAGE = ("page_furniture", "repeated_header", "lost_header")


def probabilities(fmt: str, profile: str) -> dict[str, float]:
    """The row-level probabilities this document's format can show."""
    base = PROFILES[profile]
    allowed = {"ocr_slip", "stray_space", "compat", *LAYOUT_DAMAGE[fmt]}
    return {k: v for k, v in base.items() if k in allowed}


def ocr_slip(text: str, rng: random.Random) -> str | None:
    spots = [i for i, ch in enumerate(text) if ch in OCR_SLIPS]
    if not spots:
        return None
    i = rng.choice(spots)
    return text[:i] + OCR_SLIPS[text[i]] + text[i + 1 :]


def stray_space(text: str, rng: random.Random) -> str | None:
    if len(text) < 4:
        return None
    i = rng.randrange(2, len(text) - 1)
    if text[i - 1] == " " or text[i] == " ":
        return None
    return text[:i] + rng.choice((" ", "　", "  ")) + text[i:]


def compat(text: str, rng: random.Random) -> str | None:
    changed = "".join(COMPAT.get(ch, ch) if rng.random() < 0.7 else ch for ch in text)
    return changed if changed != text else None


def garbage(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(GARBAGE) for _ in range(length))


def damage_rows(doc: Doc, rng: random.Random) -> None:
    """Draw each row's damage with the document's probabilities."""
    p = doc.probabilities
    rows = doc.rows
    for index, row in enumerate(rows):
        for kind, fn in (("ocr_slip", ocr_slip), ("stray_space", stray_space), ("compat", compat)):
            if rng.random() >= p.get(kind, 0.0):
                continue
            if row.printed_ja:
                new = fn(row.printed_ja, rng)
                if new:
                    row.printed_ja = new
                    row.damage.append(kind)
            elif row.printed_en and kind == "stray_space":
                new = fn(row.printed_en, rng)
                if new:
                    row.printed_en = new
                    row.damage.append(kind)
        last = index == len(rows) - 1
        for kind in ("wrap", "split", "doubled", "shifted", "empty_date"):
            if rng.random() < p.get(kind, 0.0) and not (last and kind in ("wrap", "split")):
                row.damage.append(kind)
        if "empty_date" in row.damage:
            row.date, row.date_text, row.date_truth = None, "", None
        if rng.random() < p.get("unreadable", 0.0) and index > 0:
            row.unreadable = True
            row.damage = ["unreadable"]
            row.garbage = garbage(rng, rng.randint(6, 14))
        row.doubled = "doubled" in row.damage
