"""The CSV/TSV reader: encodings, dialects, record numbers, trimmed columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import grid, read_error

from kyotei.loaders.document import Format
from kyotei.loaders.errors import SourceFileError
from kyotei.loaders.formats import read_document

ROWS = [
    ["国・地域", "大学名", "締結日"],
    ["中国", "サンプル大学", "2001.4.1"],
    ["アメリカ合衆国", "Example University, Main Campus", "1999/5/31"],
]
EXPECTED = [
    [("国・地域", "r1 c1", None), ("大学名", "r1 c2", None), ("締結日", "r1 c3", None)],
    [("中国", "r2 c1", None), ("サンプル大学", "r2 c2", None), ("2001.4.1", "r2 c3", None)],
    [("アメリカ合衆国", "r3 c1", None), ("Example University, Main Campus", "r3 c2", None),
     ("1999/5/31", "r3 c3", None)],
]


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    def field(text: str) -> str:
        return f'"{text}"' if delimiter in text else text
    return "".join(delimiter.join(field(t) for t in row) + "\r\n" for row in rows)


@pytest.mark.parametrize(("name", "encoding", "delimiter", "detected"), [
    ("utf8.csv", "utf-8", ",", "utf-8"),
    ("bom.csv", "utf-8-sig", ",", "utf-8-sig"),
    ("sjis.csv", "cp932", ",", "cp932"),
    ("list.tsv", "utf-8", "\t", "utf-8"),
    ("semicolon.csv", "utf-8", ";", "utf-8"),
])
def test_each_encoding_and_dialect_gives_the_same_table(
    tmp_path: Path, name: str, encoding: str, delimiter: str, detected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(_csv(ROWS, delimiter).encode(encoding))
    doc = read_document(path)
    assert (doc.format, doc.encoding) == (Format.CSV, detected)
    (table,) = doc.tables()
    assert grid(table) == EXPECTED
    assert str(table.locator) == "table"


def test_cp932_extensions_decode(tmp_path: Path) -> None:
    path = tmp_path / "sjis.csv"
    path.write_bytes("番号,大学名\n①,㈱サンプル研究所\nⅡ,見本大学\n".encode("cp932"))
    doc = read_document(path)
    assert doc.encoding == "cp932"
    assert [row.texts for row in doc.rows()] == [
        ["番号", "大学名"], ["①", "㈱サンプル研究所"], ["Ⅱ", "見本大学"]]
    assert [cell.folded for cell in next(doc.tables()).rows[1]] == ["1", "(株)サンプル研究所"]


def test_blank_records_keep_their_numbers_and_blank_edge_columns_go(tmp_path: Path) -> None:
    path = tmp_path / "gaps.csv"
    path.write_text(
        ",国,大学,,\n,,,,\n\n,中国,\"サンプル\n大学\",,\n", encoding="utf-8")
    (table,) = read_document(path).tables()
    assert grid(table) == [
        [("国", "r1 c2", None), ("大学", "r1 c3", None)],
        [("中国", "r4 c2", None), ("サンプル\n大学", "r4 c3", None)],
    ]


def test_an_empty_csv_has_no_table(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"\r\n,,\r\n")
    doc = read_document(path)
    assert list(doc.tables()) == [] and len(doc.parts) == 1


def test_an_unterminated_quote_runs_to_the_end_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text('a,b\n"c,d\n', encoding="utf-8")
    assert [row.texts for row in read_document(path).rows()] == [["a", "b"], ["c,d\n"]]


def test_undecodable_csv_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    assert read_error(path, b"a,b\n\x00\x00\x00").file == str(path)


def test_a_single_column_file_falls_back_to_comma_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("サンプル大学\n見本大学\n", encoding="utf-8")
    doc = read_document(path)
    assert [row.texts for row in doc.rows()] == [["サンプル大学"], ["見本大学"]]
    assert doc.notes == ("CSV dialect not recognised; read as comma-separated",)


def test_a_short_cp932_file_charset_normalizer_cannot_guess_is_read_as_cp932(
        tmp_path: Path) -> None:
    # a few kanji-dense lines with traditional forms: charset-normalizer returns no guess;
    # cp932, the first Japanese encoding that decodes every byte, reads it (with a note)
    text = ("No.,国名,大学名,締結年月日\r\n1,中国,見本大学◎,2012.12.7\r\n"
            "2,韓国,試験大学校◎,2011.3.12\r\n3,台湾,國立標本大學,1989.4.15\r\n"
            "4,台湾,国立模範大学◎,2000.7.5\r\n")
    path = tmp_path / "sjis.csv"
    path.write_bytes(text.encode("cp932"))
    doc = read_document(path)
    assert doc.encoding == "cp932"
    assert [row.texts for row in doc.rows()][3] == ["3", "台湾", "國立標本大學", "1989.4.15"]
    assert doc.notes[0].startswith("not UTF-8 and no guess from charset-normalizer: read as "
                                   "cp932")


def test_bytes_no_japanese_encoding_decodes_still_fail(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"a,b\n\x81\x20\x85\x7f\xfd\xfe\xff" * 3)
    with pytest.raises(SourceFileError, match=r"character encoding|cannot decode"):
        read_document(path)
