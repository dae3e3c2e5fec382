"""``kyotei sources detect`` and ``kyotei add``: a list into the manifest without hand-written
line ranges."""

from __future__ import annotations

import tomllib
from pathlib import Path

from typer.testing import CliRunner

from kyotei.cli import app
from kyotei.loaders.manifest import load_manifest

LIST = (
    "Partner Institutions\n"
    "Country/Region,Institution,Date signed\n"
    "Norway,University of Bergen,2014-09-01\n"
    "Norway,University of Oslo,2016-03-15\n"
    "Chile,Universidad de Chile,2019-11-20\n"
)
MANIFEST = '''[[document]]
file = "first.txt"
title = "A first list"
publisher.status = "unidentified"
'''


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "sources.toml").write_text(MANIFEST, encoding="utf-8")
    (folder / "first.txt").write_text("大学間協定\n中国\n北京大学 2010.4.1\n", encoding="utf-8")
    return folder


def test_detect_prints_an_entry_that_reads_as_toml(tmp_path: Path) -> None:
    path = tmp_path / "partners.csv"
    path.write_text(LIST, encoding="utf-8")
    out = CliRunner().invoke(app, ["sources", "detect", str(path)])
    assert out.exit_code == 0, out.output
    assert "# kyotei sources detect partners.csv: 3 partner rows" in out.output
    entry = tomllib.loads(out.output)["document"][0]
    assert entry == {"file": "partners.csv", "title": "partners", "languages": ["en"],
                     "publisher": {"status": "unidentified"}}


def test_add_copies_the_file_and_appends_a_valid_entry(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    path = tmp_path / "partners.csv"
    path.write_text(LIST, encoding="utf-8")
    out = CliRunner().invoke(app, [
        "add", str(path), "--publisher-en", "Example College", "--as-of", "2025-04-01",
        "--title", "Partner Institutions", "--sources", str(folder / "sources.toml")])
    assert out.exit_code == 0, out.output
    assert (folder / "partners.csv").read_text(encoding="utf-8") == LIST
    added = load_manifest(folder / "sources.toml")[-1]
    assert (added.file, added.title, added.publisher_en, added.publisher_status,
            str(added.as_of)) == ("partners.csv", "Partner Institutions", "Example College",
                                  "stated", "2025-04-01")
    again = CliRunner().invoke(app, ["add", str(path), "--sources",
                                     str(folder / "sources.toml")])
    assert again.exit_code == 2 and "names partners.csv already" in again.output


def test_add_refuses_a_bad_date_and_changes_nothing(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    path = tmp_path / "partners.csv"
    path.write_text(LIST, encoding="utf-8")
    out = CliRunner().invoke(app, ["add", str(path), "--as-of", "April 2025", "--sources",
                                   str(folder / "sources.toml")])
    assert out.exit_code == 2 and "is not a date" in out.output
    assert (folder / "sources.toml").read_text(encoding="utf-8") == MANIFEST
    assert not (folder / "partners.csv").exists()
