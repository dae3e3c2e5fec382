"""The sources manifest reader and the loader errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kyotei.graph.model.records import Level
from kyotei.loaders.errors import LoaderError, ManifestError, SourceFileError
from kyotei.loaders.manifest import KNOWN_LAYOUTS, load_manifest, read_source_lines

SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources"

GOOD = '''# a test manifest
[[document]]
file = "a.txt"
title = "A list"
as_of = 2020-04-01
as_of_text = "2020年4月1日現在"
languages = ["ja"]
publisher.status = "curated"
publisher.ja = "ナントカ大学"
publisher.country = "JP"
level_note = "why"

[[document.section]]
heading = "大学間協定"
layout = "university-list"
level = "university"
start_line = 1
end_line = 3
'''


def _write(tmp_path: Path, manifest: str, lines: int = 3) -> Path:
    (tmp_path / "a.txt").write_text("".join(f"line {n}\n" for n in range(1, lines + 1)),
                                    encoding="utf-8")
    path = tmp_path / "sources.toml"
    path.write_text(manifest, encoding="utf-8")
    return path


def _line_of(manifest: str, starts: str) -> int:
    return next(i for i, line in enumerate(manifest.split("\n"), 1) if line.startswith(starts))


def test_real_manifest() -> None:
    docs = load_manifest(SOURCES / "sources.toml")
    assert [d.file for d in docs] == ["000_1653739df7b8e744.txt", "001_2fb9447d554a3c8c.txt"]
    bilingual, tohoku = docs
    assert bilingual.as_of == dt.date(2023, 9, 1)
    assert bilingual.as_of_text == "2023.09.01現在"
    assert bilingual.publisher_status == "unidentified"
    assert bilingual.publisher_ja is None
    assert bilingual.languages == ("ja", "en")
    assert [(s.layout, s.level, s.start_line, s.end_line) for s in bilingual.sections] == [
        ("bilingual-list", Level.DEPARTMENT, 1, 160)
    ]
    assert tohoku.publisher_status == "curated"
    assert (tohoku.publisher_ja, tohoku.publisher_en, tohoku.publisher_country) == (
        "東北大学", "Tohoku University", "JP"
    )
    assert "does not print its publisher" in tohoku.publisher_note
    assert [(s.heading, s.layout, s.level) for s in tohoku.sections] == [
        ("大学間協定", "university-list", Level.UNIVERSITY),
        ("部局間協定", "department-table", Level.DEPARTMENT),
    ]
    assert {s.layout for d in docs for s in d.sections} <= set(KNOWN_LAYOUTS)


def test_good_manifest(tmp_path: Path) -> None:
    [doc] = load_manifest(_write(tmp_path, GOOD))
    assert doc.title == "A list"
    assert doc.as_of == dt.date(2020, 4, 1)
    assert doc.publisher_ja == "ナントカ大学"
    assert doc.level_note == "why"
    assert doc.key == "a"


@pytest.mark.parametrize(
    ("change", "blamed", "reason"),
    [
        (('title = "A list"\n', ""), 'file = "a.txt"', "'title' is missing"),
        (('layout = "university-list"', 'layout = "tabular"'), "layout =", "unknown layout"),
        (("as_of = 2020-04-01", 'as_of = "2020-13-01"'), "as_of =", "not a date"),
        (('level = "university"', 'level = "faculty"'), "level =", "level must be"),
        (("end_line = 3", "end_line = 9"), "end_line =", "outside 1-3"),
        (("start_line = 1", "start_line = 0"), "start_line =", "outside 1-3"),
        (('file = "a.txt"', 'file = "missing.txt"'), 'file = "missing.txt"', "not found"),
        (('publisher.status = "curated"', 'publisher.status = "guessed"'),
         "publisher.status", "publisher.status must be"),
        (('languages = ["ja"]', "languages = [1]"), "languages =", "languages"),
        (('level_note = "why"', 'level_note = "why"\nnotes = "x"'), "notes =", "unknown field"),
    ],
)
def test_bad_manifest_names_file_line_and_reason(
    tmp_path: Path, change: tuple[str, str], blamed: str, reason: str
) -> None:
    text = GOOD.replace(*change)
    assert text != GOOD
    path = _write(tmp_path, text)
    with pytest.raises(ManifestError) as caught:
        load_manifest(path)
    err = caught.value
    assert err.file == str(path)
    assert err.line == _line_of(text, blamed)
    assert reason in err.reason
    assert str(err) == f"{path}:{err.line}: {err.reason}"


def test_toml_syntax_error_carries_its_line(tmp_path: Path) -> None:
    text = GOOD.replace('title = "A list"', "title = A list")
    with pytest.raises(ManifestError) as caught:
        load_manifest(_write(tmp_path, text))
    assert caught.value.line == _line_of(text, "title =")
    assert "invalid TOML" in caught.value.reason


def test_second_document_is_blamed_not_the_first(tmp_path: Path) -> None:
    second = GOOD.split("\n", 1)[1].replace('as_of = 2020-04-01', 'as_of = "soon"')
    text = GOOD + "\n" + second.replace('file = "a.txt"', 'file = "b.txt"')
    (tmp_path / "b.txt").write_text("x\n", encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        load_manifest(_write(tmp_path, text))
    lines = text.split("\n")
    assert lines[caught.value.line - 1] == 'as_of = "soon"'
    assert caught.value.line > _line_of(text, 'file = "b.txt"')


def test_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(ManifestError) as caught:
        load_manifest(tmp_path / "nope.toml")
    assert caught.value.line is None
    assert str(caught.value) == f"{tmp_path / 'nope.toml'}: manifest not found"


def test_read_source_lines_counts_like_an_editor(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes("一\r\n二\x0c続き\n\n四".encode())
    assert read_source_lines(path) == ["一", "二\x0c続き", "", "四"]
    assert len(read_source_lines(SOURCES / "000_1653739df7b8e744.txt")) == 160
    # the last line has no newline: `wc -l` says 531, the file has 532 lines
    assert len(read_source_lines(SOURCES / "001_2fb9447d554a3c8c.txt")) == 532


def test_source_file_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\nok\n\xff\xfe broken\n")
    with pytest.raises(SourceFileError) as caught:
        read_source_lines(bad)
    assert (caught.value.file, caught.value.line) == (str(bad), 3)
    assert "not UTF-8" in caught.value.reason
    with pytest.raises(SourceFileError) as missing:
        read_source_lines(tmp_path / "none.txt")
    assert missing.value.line is None
    assert isinstance(missing.value, LoaderError)


def test_manifest_blames_an_undecodable_source(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    (tmp_path / "a.txt").write_bytes(b"\x80\n")
    with pytest.raises(SourceFileError):
        load_manifest(path)


@pytest.mark.parametrize("outside", ["../outside.txt", "/etc/hostname"])
def test_a_file_outside_the_sources_folder_is_refused(tmp_path: Path, outside: str) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    (tmp_path / "outside.txt").write_text("line 1\nline 2\nline 3\n", encoding="utf-8")
    path = _write(folder, GOOD.replace('file = "a.txt"', f'file = "{outside}"'))
    with pytest.raises(ManifestError) as caught:
        load_manifest(path)
    assert f"source file {outside!r} is outside the sources folder" in str(caught.value)
    assert caught.value.line == 3
