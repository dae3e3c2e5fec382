"""The door: choosing a reader by content and extension, and refusing what it cannot read."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from kyotei.loaders.document import Format
from kyotei.loaders.errors import LoaderError, SourceFileError
from kyotei.loaders.formats import READERS, detect_format, read_document


@pytest.mark.parametrize(("name", "head", "expected"), [
    ("list.pdf", b"%PDF-1.4", Format.PDF),
    ("list.txt", b"\xef\xbb\xbf%PDF-1.4", Format.PDF),
    ("list.csv", b"a,b", Format.CSV),
    ("list.TSV", b"a\tb", Format.CSV),
    ("list.htm", b"<p>x</p>", Format.HTML),
    ("list.txt", b"<html><body>", Format.TEXT),
    ("list", b"  <!-- c -->\n<html>", Format.HTML),
    ("list.dat", b"line one\n", Format.TEXT),
])
def test_detect_format(name: str, head: bytes, expected: Format) -> None:
    assert detect_format(Path(name), head) is expected


def test_every_format_has_a_reader() -> None:
    assert set(READERS) == set(Format)


def test_legacy_xls_and_other_zips_are_refused_with_a_reason(tmp_path: Path) -> None:
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    with pytest.raises(SourceFileError, match=r"legacy binary Office file \(\.xls, \.doc\)"):
        read_document(xls)
    archive = tmp_path / "bundle.xlsx"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "no workbook here")
    with pytest.raises(SourceFileError, match="a ZIP archive that is not an XLSX workbook"):
        read_document(archive)
    with pytest.raises(SourceFileError, match="is a directory"):
        read_document(tmp_path)


def test_errors_are_loader_errors_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "list.pdf"
    path.write_text("not a pdf", encoding="utf-8")
    with pytest.raises(LoaderError) as err:
        read_document(path)
    assert str(err.value) == f"{path}: named .pdf but not a PDF"


def test_a_page_without_text_is_an_empty_part_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    canvas = Canvas(str(path), invariant=1)
    canvas.rect(100, 100, 200, 200, fill=1)
    canvas.showPage()
    canvas.save()
    doc = read_document(path)
    assert [(part.number, part.blocks) for part in doc.parts] == [(1, ())]
    assert doc.notes == ("p1: no text (a scanned image?)",)
