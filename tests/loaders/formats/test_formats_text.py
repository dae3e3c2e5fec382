"""The text reader: physical lines, line numbers, form feeds, encodings, folding."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import outline, read_error

from kyotei.loaders.document import Format, Line
from kyotei.loaders.errors import SourceFileError
from kyotei.loaders.formats import read_document
from kyotei.loaders.formats.text import read_text
from kyotei.loaders.manifest import read_source_lines

SOURCES = Path(__file__).resolve().parents[3] / "data" / "sources"

# Kangxi radicals ⼤ (U+2F24) and ⽂ (U+2F42), the CJK radical ⻄ (U+2EC4), full-width ASCII
# and the hyphenation point ‧ (U+2027), as PDF extraction leaves them.
TEXT = (
    "協定校一覧\r\n"
    "中国\n"
    "サンプル⼤学 ⽂学部 ＡＢＣ\n"
    "\f⻄見本大学‧本校\n"
    "page end\f\n"
    "\n"
    "last line\n"
)


def test_lines_pages_and_folding(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    doc = read_document(path)
    assert doc.format is Format.TEXT and doc.encoding == "utf-8" and doc.notes == ()
    assert outline(doc) == [
        (1, "l1", "協定校一覧"),
        (1, "l2", "中国"),
        (1, "l3", "サンプル⼤学 ⽂学部 ＡＢＣ"),
        (2, "l4", "\f⻄見本大学‧本校"),
        (2, "l5", "page end\f"),
        (3, "l6", ""),
        (3, "l7", "last line"),
    ]
    lines = list(doc.lines())
    assert [line.folded for line in lines[2:5]] == [
        "サンプル大学 文学部 ABC", "西見本大学・本校", "page end"]
    assert [line.page_break for line in lines] == [False, False, False, True, True, False, False]
    assert [line.locator.line for line in lines] == list(range(1, 8))


def test_line_numbers_match_the_manifest_reader_on_the_shipped_documents() -> None:
    for path in sorted(SOURCES.glob("*.txt")):
        lines = list(read_text(path).lines())
        assert [line.verbatim for line in lines] == read_source_lines(path)
        assert [str(line.locator) for line in lines] == [
            f"l{n}" for n in range(1, len(lines) + 1)]


@pytest.mark.parametrize(("encoding", "expected"), [
    ("utf-8-sig", "utf-8-sig"), ("cp932", "cp932"), ("utf-16", "utf-16")])
def test_encodings_are_detected(tmp_path: Path, encoding: str, expected: str) -> None:
    path = tmp_path / "list.txt"
    text = "国名 大学名\n中国 サンプル大学 ①\nアメリカ合衆国 Example University\n"
    if encoding != "cp932":
        text = text.replace(" ①", "")
    path.write_bytes(text.encode(encoding))
    doc = read_document(path)
    assert doc.encoding == expected
    assert [line.verbatim for line in doc.lines()] == text.splitlines()
    if encoding == "cp932":
        assert doc.notes == ("not UTF-8: encoding detected as cp932",)


def test_empty_file_is_one_empty_page(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    doc = read_document(path)
    assert [(part.number, part.blocks) for part in doc.parts] == [(1, ())]


def test_missing_and_binary_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match="file not found"):
        read_document(tmp_path / "absent.txt")
    binary = tmp_path / "image.txt"
    error = read_error(binary, b"abc\n\x00\x01\x02")
    assert (error.file, error.line) == (str(binary), 2)
    assert "binary" in error.reason


def test_a_line_holds_only_its_own_text(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("\u3000中国　\n", encoding="utf-8")
    (line,) = read_document(path).lines()
    assert isinstance(line, Line)
    assert (line.verbatim, line.folded) == ("\u3000中国\u3000", " 中国 ")


def test_short_shift_jis_text_is_read_as_cp932_and_the_doubt_is_noted(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes("大学".encode("cp932"))
    doc = read_document(path)
    assert (doc.encoding, [line.verbatim for line in doc.lines()]) == ("cp932", ["大学"])
    (note,) = doc.notes
    assert note.startswith("not UTF-8: encoding detected as cp932 (equally plausible: ")
    assert "big5" in note
