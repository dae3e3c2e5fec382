"""Unit names and department headers: exact values."""

from __future__ import annotations

import pytest

from kyotei.loaders.fields.units import (
    DepartmentHeader,
    is_unit_name,
    parse_department_header,
    unit_ending,
)


@pytest.mark.parametrize(
    ("name", "ending"),
    [
        ("文芸学部", "学部"), ("農学研究科", "研究科"), ("防災研究所", "研究所"),
        ("人文社会学群", "学群"), ("理工学域", "学域"), ("生物学類", "学類"),
        ("情報学環", "学環"), ("人間環境学府", "学府"), ("大学院", "学院"),
        ("医学研究院", "研究院"),
        ("保健学教育部", "教育部"), ("国際交流センター", "センター"), ("研究推進機構", "機構"),
        ("歯学部附属病院", "病院"), ("附属図書館", "図書館"), ("教育学部附属学校", "附属"),
        ("ＸＸ学部", "学部"),
        ("Faculty of Letters", "Faculty of"), ("Graduate School of Law", "Graduate School of"),
        ("School of Nursing", "School of"), ("College of Forestry", "College of"),
        ("Institute for Advanced Study", "Institute for"),
        ("Centre for Asian Studies", "Centre for"),
        ("Department of History", "Department of"), ("Law School", "School"),
        ("Language Center", "Center"), ("University Hospital", "Hospital"),
    ],
)
def test_unit_names(name: str, ending: str) -> None:
    found = unit_ending(name)
    assert found is not None and found.text == ending
    assert is_unit_name(name)


@pytest.mark.parametrize(
    "name",
    ["ナントカ大学", "学部", "センター", "Some University", "School of", "Schooling Institute Ltd",
     "Boston-like College", "", "Faculty"],
)
def test_not_unit_names(name: str) -> None:
    assert unit_ending(name) is None


@pytest.mark.parametrize(
    ("line", "units", "count", "count_text"),
    [
        ("農学研究科・農学部 (12)", ("農学研究科", "農学部"), 12, "(12)"),
        ("理工学域（5件）", ("理工学域",), 5, "（5件）"),
        ("Faculty of Letters (7)", ("Faculty of Letters",), 7, "(7)"),
        ("Faculty of Letters (7 agreements)", ("Faculty of Letters",), 7, "(7 agreements)"),
        ("化学・生命科学研究科（計3件）", ("化学・生命科学研究科",), 3, "（計3件）"),
        ("文芸学部：12件", ("文芸学部",), 12, "：12件"),
        ("School of Nursing / University Hospital [2]",
         ("School of Nursing", "University Hospital"), 2, "[2]"),
        ("  人間環境学府　（３）  ", ("人間環境学府",), 3, "（３）"),
        ("国際交流センター (Total 1)", ("国際交流センター",), 1, "(Total 1)"),
        ("人文社会学群及び生物学類 (4)", ("人文社会学群", "生物学類"), 4, "(4)"),
        ("Faculty of Arts & Sciences (3)", ("Faculty of Arts & Sciences",), 3, "(3)"),
        ("Faculty of Letters & School of Nursing (5)",
         ("Faculty of Letters", "School of Nursing"), 5, "(5)"),
    ],
)
def test_department_headers(
    line: str, units: tuple[str, ...], count: int, count_text: str
) -> None:
    assert parse_department_header(line) == DepartmentHeader(units, count, count_text, line.strip())


@pytest.mark.parametrize(
    "line",
    [
        "ナントカ大学 (3)", "文芸学部 12", "文芸学部", "化学・ナントカ大学 (2)", "(3)", "",
        "Some University (7)",
    ],
)
def test_not_department_headers(line: str) -> None:
    assert parse_department_header(line) is None


def test_a_header_without_a_count_when_allowed() -> None:
    assert parse_department_header("文芸学部・農学研究科", require_count=False) == DepartmentHeader(
        ("文芸学部", "農学研究科"), None, "", "文芸学部・農学研究科"
    )
