"""Layout "bilingual-list": golden test on an excerpt of 000_…, and the whole real file."""

from __future__ import annotations

import datetime as dt
import doctest
import re
from typing import Any

import pytest
from golden import FIXTURES, SOURCES, assert_records, load_excerpt

from kyotei.graph.model.records import (
    AgreementRecord,
    Basis,
    DocumentInfo,
    Level,
    LoadResult,
    SectionInfo,
    Severity,
)
from kyotei.loaders.layouts.bilingual import names as bilingual_names
from kyotei.loaders.layouts.bilingual.reader import load_bilingual_list
from kyotei.loaders.manifest import load_manifest, read_source_lines

HEADING = "相手機関 Partner Universities/Institutes"


def _doc(file: str) -> DocumentInfo:
    return DocumentInfo(file=file, title="t", as_of=dt.date(2023, 9, 1),
                        as_of_text="2023.09.01現在", languages=("ja", "en"),
                        publisher_status="unidentified")


def _load(lines: list[str], file: str = "bilingual_excerpt.txt") -> LoadResult:
    section = SectionInfo(HEADING, "bilingual-list", Level.DEPARTMENT, 1, len(lines))
    return load_bilingual_list(_doc(file), section, lines)


def _view(a: AgreementRecord) -> dict[str, Any]:
    p = a.partner
    return {
        "line": a.source.line, "text": a.source.text,
        "ja": (p.institution_ja, p.unit_ja), "en": (p.institution_en, p.unit_en),
        "country": (a.country, a.country_text), "region": (a.region, a.region_text),
        "umbrella": a.umbrella.line if a.umbrella else None,
        "also": [(s.line, s.text) for s in a.also_printed_at],
        "repairs": [r.description for r in a.repairs],
    }


def _row(line: int, text: str, ja: tuple[str, str | None], en: tuple[str, str | None],
         country: tuple[str, str], region: tuple[str, str], also: list[tuple[int, str]],
         umbrella: int | None = None, repairs: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"line": line, "text": text, "ja": ja, "en": en, "country": country,
            "region": region, "umbrella": umbrella, "also": also, "repairs": list(repairs)}


ASIA = ("asia", "アジア")
IN = ("IN", "インド")
ID = ("ID", "インドネシア")
CONSORTIUM_EN = ("Indonesian Academic Consortium ・School of Life Sciences and Technology, "
                 "Bandung Institute of Technology ・Graduate School, Universitas Gadjah Mada")
EXPECTED = [
    _row(3, "インド科学教育研究大学プネ校", ("インド科学教育研究大学プネ校", None),
         ("Indian Institutes of Science Education and Research Pune", None), IN, ASIA,
         [(4, "Indian Institutes of Science Education and Research Pune")]),
    _row(5, "インド科学教育研究大学ボパール校", ("インド科学教育研究大学ボパール校", None),
         ("Indian Institute of Science Education and Research Bhopal", None), IN, ASIA,
         [(6, "Indian Institute of Science Education and Research Bhopal")]),
    _row(7, "インド科学教育研究大学モハリ校", ("インド科学教育研究大学モハリ校", None),
         ("Indian Institute of Science Education and Research Mohali", None), IN, ASIA,
         [(8, "Indian Institute of Science Education and Research Mohali")]),
    _row(9, "インドエ科大学ハイデラバード校", ("インド工科大学ハイデラバード校", None),
         ("Indian Institute of Technology Hyderabad", None), IN, ASIA,
         [(10, "Indian Institute of Technology Hyderabad")],
         repairs=("エ read as 工 in 'インドエ科大学ハイデラバード校'",)),
    # one-line row, a consortium with two members (line 11)
    _row(11, "インドネシア学術コンソーシアム", ("インドネシア学術コンソーシアム", None),
         ("Indonesian Academic Consortium", None), ID, ASIA,
         [(11, "Indonesian Academic Consortium")]),
    _row(11, "バンドンエ科大学(生命科学技術学部)", ("バンドン工科大学", "生命科学技術学部"),
         ("Bandung Institute of Technology", "School of Life Sciences and Technology"), ID, ASIA,
         [(11, "School of Life Sciences and Technology, Bandung Institute of Technology")],
         umbrella=11, repairs=("エ read as 工 in 'バンドンエ科大学(生命科学技術学部)'",)),
    _row(11, "ガジャマダ大学(大学院)", ("ガジャマダ大学", "大学院"),
         ("Universitas Gadjah Mada", "Graduate School"), ID, ASIA,
         [(11, "Graduate School, Universitas Gadjah Mada")], umbrella=11),
    _row(14, "チュラロンコン大学 工学部", ("チュラロンコン大学", "工学部"),
         ("Chulalongkorn University", "Faculty of Engineering"), ("TH", "タイ"), ASIA,
         [(15, "Chulalongkorn University, Faculty of Engineering")]),
    _row(16, "チュラロンコン大学 理学部/石油 石油化学カレッジ",
         ("チュラロンコン大学", "理学部/石油 石油化学カレッジ"),
         ("Chulalongkorn University",
          "Faculty of Science / The Petroleum and Petrochemical College"), ("TH", "タイ"), ASIA,
         [(16, "Chulalongkorn University, Faculty of Science / The Petroleum and "
               "Petrochemical College")]),
    _row(20, "ブルネイ・ダルサラーム大学, 理学部", ("ブルネイ・ダルサラーム大学", "理学部"),
         ("Universiti Brunei Darussalam", "Faculty of Science"),
         ("BN", "ブルネイ・ダルサ ラーム国"), ASIA,
         [(20, "Universiti Brunei Darussalam, Faculty of Science")]),
    # unit-first English; the Japanese is cut after its first 大学
    _row(21, "ハノイ国家大学ナノ・エネルギーセンター",
         ("ハノイ国家大学", "ナノ・エネルギーセンター"),
         ("Vietnam National University, Hanoi", "Nano and Energy Center"), ("VN", "ベトナム"),
         ASIA, [(21, "Nano and Energy Center, Vietnam National University, Hanoi")]),
    _row(22, "ハノイ国家大学科学大学", ("ハノイ国家大学", "科学大学"),
         ("Vietnam National University, Hanoi", "University of Science"), ("VN", "ベトナム"),
         ASIA, [(22, "University of Science, Vietnam National University, Hanoi")]),
    _row(23, "アイントホーフェンエ科大学 生体医療工学部",
         ("アイントホーフェン工科大学", "生体医療工学部"),
         ("Eindhoven University of Technology", "Department of Biomedical Engineering"),
         ("NL", "オランダ"), ("europe", "ヨーロッパ"),
         [(24, "Eindhoven University of Technology, Department of Biomedical Engineering")],
         repairs=("エ read as 工 in 'アイントホーフェンエ科大学'",)),
]


@pytest.fixture(scope="module")
def excerpt() -> tuple[list[str], LoadResult]:
    return load_excerpt("bilingual_excerpt.txt", _load)


def test_golden_records(excerpt: tuple[list[str], LoadResult]) -> None:
    _, result = excerpt
    assert_records([_view(a) for a in result.agreements], EXPECTED)


def test_common_fields(excerpt: tuple[list[str], LoadResult]) -> None:
    lines, result = excerpt
    for a in result.agreements:
        assert a.document == "bilingual_excerpt.txt"
        assert a.level is Level.DEPARTMENT
        assert a.section == HEADING
        assert a.home_unit_ja is None
        assert (a.signed_on, a.tuition_waiver) == (None, None)
        assert a.country_basis is Basis.PRINTED
        assert a.region_basis is Basis.PRINTED
        assert a.source.line_text == lines[a.source.line - 1]
        assert a.source.text in a.source.line_text
        for other in a.also_printed_at:
            assert other.text in lines[other.line - 1]


def test_members_point_at_the_consortium(excerpt: tuple[list[str], LoadResult]) -> None:
    _, result = excerpt
    consortium, *members = [a for a in result.agreements if a.source.line == 11]
    assert consortium.umbrella is None
    assert [m.umbrella for m in members] == [consortium.source, consortium.source]
    assert CONSORTIUM_EN in consortium.source.line_text


def test_garbled_page_date_is_reported(excerpt: tuple[list[str], LoadResult]) -> None:
    _, result = excerpt
    [finding] = [f for f in result.findings if f.code == "bilingual.as-of-unreadable"]
    assert finding.lines == (18,)
    assert finding.severity is Severity.WARNING
    assert "2020.03.01岁[]上" in finding.text


def test_row_numbers_are_counted(excerpt: tuple[list[str], LoadResult]) -> None:
    _, result = excerpt
    [check] = result.checks
    assert (check.unit, check.stated, check.found, check.status) == ("partners", 67, 11,
                                                                      "mismatch")
    assert check.lines == (3, 5, 7, 9, 11, 14, 16, 20, 21, 22, 23)
    [gap] = [f for f in result.findings if f.code == "bilingual.row-number-gap"]
    assert gap.message.startswith("row numbers missing: 6, 7,")
    assert not [f for f in result.findings if f.severity is Severity.ERROR]


def test_repeated_row_number_and_missing_english() -> None:
    lines = read_source_lines(FIXTURES / "bilingual_excerpt.txt")[:8]
    lines[6] = lines[6].replace("3\t", "2\t", 1)  # row 3 printed as a second row 2
    del lines[3]  # row 1 loses its English line
    result = _load(lines)
    [check] = result.checks
    assert (check.stated, check.found) == (2, 3)
    codes = {f.code: f for f in result.findings}
    assert codes["bilingual.row-number-repeated"].lines == (4, 6)
    assert codes["bilingual.english-missing"].lines == (3,)
    first = result.agreements[0]
    assert first.partner.institution_en is None
    assert first.also_printed_at == ()


def test_unreadable_line_and_country_conflict() -> None:
    lines = read_source_lines(FIXTURES / "bilingual_excerpt.txt")[:4]
    lines[3] = lines[3].replace("India", "Italy")
    lines.append("ナントカ")
    result = _load(lines)
    codes = {f.code: f for f in result.findings}
    assert codes["bilingual.unreadable-line"].lines == (5,)
    assert codes["bilingual.country-conflict"].severity is Severity.ERROR
    assert result.agreements[0].country is None


def test_split_rules_doctests() -> None:
    failures, tried = doctest.testmod(bilingual_names)
    assert (tried > 0, failures) == (True, 0)


# --- the whole real file ---------------------------------------------------------------

@pytest.fixture(scope="module")
def real() -> tuple[list[str], LoadResult]:
    doc = load_manifest(SOURCES / "sources.toml")[0]
    lines = read_source_lines(SOURCES / doc.file)
    return lines, load_bilingual_list(doc, doc.sections[0], lines)


def test_real_file_rows(real: tuple[list[str], LoadResult]) -> None:
    lines, result = real
    [check] = result.checks
    assert (check.stated, check.found, check.status) == (87, 87, "ok")
    numbered = [n for n, line in enumerate(lines, 1) if re.match(r"\d+\t", line)]
    assert list(check.lines) == numbered
    rows = [a for a in result.agreements if a.umbrella is None]
    assert len(rows) == 87
    assert len(result.agreements) == 89  # + two consortium members
    assert all(a.country and a.region for a in result.agreements)
    assert not [f for f in result.findings if f.severity is Severity.ERROR]


def test_real_file_countries(real: tuple[list[str], LoadResult]) -> None:
    _, result = real
    by_line = {a.source.line: a for a in result.agreements if a.umbrella is None}
    assert (by_line[53].country, by_line[53].country_text) == ("TW", "台湾")  # Republic of China
    assert by_line[55].country == "TW"
    assert by_line[118].country == "NL"  # Netherland
    assert by_line[125].country == "NL"
    assert by_line[81].country == "BN"  # stray space
    assert (by_line[157].country, by_line[157].region) == ("US", "north-america")  # USA
    assert (by_line[100].region, by_line[106].region) == ("africa", "oceania")


def test_real_file_garbled_header(real: tuple[list[str], LoadResult]) -> None:
    _, result = real
    garbled = [f.lines for f in result.findings if f.code == "bilingual.as-of-unreadable"]
    assert garbled == [(68,)]


def test_ocr_repairs_only_touch_engineering_schools(real: tuple[list[str], LoadResult]) -> None:
    """Every エ → 工 repair stands on a row whose English names a technical school."""
    _, result = real
    repaired = [a for a in result.agreements if a.repairs]
    assert len(repaired) >= 15
    for a in repaired:
        english = " ".join(s.text for s in a.also_printed_at)
        # RWTH: Rheinisch-Westfälische Technische Hochschule
        assert re.search(r"Technolog|Teknologi|Politecnico|Technical|RWTH", english), english
        assert "工" in (a.partner.institution_ja or "")


def test_row_without_country_keeps_its_partner() -> None:
    lines = read_source_lines(FIXTURES / "bilingual_excerpt.txt")[:4]
    lines[2] = lines[2].replace("\tインド\t", "\t\t", 1)
    lines[3] = lines[3].replace("\tIndia\t", "\t\t", 1)
    result = _load(lines)
    [record] = result.agreements
    assert (record.country, record.country_basis, record.region) == (None, None, "asia")
    assert record.partner.institution_ja == "インド科学教育研究大学プネ校"
    [finding] = [f for f in result.findings if f.code == "bilingual.country-not-printed"]
    assert finding.lines == (3, 4)
