"""The date parser: exact readings, failures with reasons, and properties (hypothesis)."""

from __future__ import annotations

import datetime as dt
import itertools
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyotei.loaders.fields.date_cells import excel_serial_date, read_date_cell
from kyotei.loaders.fields.dates import Precision, find_date, find_dates, parse_date
from kyotei.loaders.fields.eras import ERAS, GREGORIAN_FROM, era_by_name, from_era, to_era

DAY, MONTH, YEAR = Precision.DAY, Precision.MONTH, Precision.YEAR

READ = [
    ("2015.4.1", "2015-04-01", DAY, "western", None),
    ("2015. 4. 1", "2015-04-01", DAY, "western", None),
    ("1980. 5.31", "1980-05-31", DAY, "western", None),
    ("2015/04/01", "2015-04-01", DAY, "western", None),
    ("2015-04-01", "2015-04-01", DAY, "western", None),
    ("2015年4月1日", "2015-04-01", DAY, "western", None),
    ("2015 年 4 月 1 日", "2015-04-01", DAY, "western", None),
    ("2015年4月", "2015-04-01", MONTH, "western", None),
    ("2015.4", "2015-04-01", MONTH, "western", None),
    ("2015年", "2015-01-01", YEAR, "western", None),
    ("2015", "2015-01-01", YEAR, "western", None),
    ("２０１５．４．１", "2015-04-01", DAY, "western", None),
    ("２０１５／０４／０１", "2015-04-01", DAY, "western", None),
    ("April 1, 2015", "2015-04-01", DAY, "english", None),
    ("April 1st, 2015", "2015-04-01", DAY, "english", None),
    ("1 Apr. 2015", "2015-04-01", DAY, "english", None),
    ("1-Apr-2015", "2015-04-01", DAY, "english", None),
    ("Sept. 30, 2001", "2001-09-30", DAY, "english", None),
    ("Apr 2015", "2015-04-01", MONTH, "english", None),
    ("MAY 2019", "2019-05-01", MONTH, "english", None),
    ("13/4/2015", "2015-04-13", DAY, "year-last", None),
    ("4/13/2015", "2015-04-13", DAY, "year-last", None),
    ("H27.4.1", "2015-04-01", DAY, "era", "平成"),
    ("Ｈ２７．４．１", "2015-04-01", DAY, "era", "平成"),
    ("H.27.4.1", "2015-04-01", DAY, "era", "平成"),
    ("平成２７年４月１日", "2015-04-01", DAY, "era", "平成"),
    ("平成 27 年 4 月 1 日", "2015-04-01", DAY, "era", "平成"),
    ("㍻27年4月1日", "2015-04-01", DAY, "era", "平成"),
    ("R元.5.1", "2019-05-01", DAY, "era", "令和"),
    ("令和元年5月1日", "2019-05-01", DAY, "era", "令和"),
    ("R1.5.1", "2019-05-01", DAY, "era", "令和"),
    ("S55.4.1", "1980-04-01", DAY, "era", "昭和"),
    ("S.55/4/1", "1980-04-01", DAY, "era", "昭和"),
    ("昭和64年1月7日", "1989-01-07", DAY, "era", "昭和"),
    ("平成元年1月8日", "1989-01-08", DAY, "era", "平成"),
    ("平成元年", "1989-01-08", YEAR, "era", "平成"),
    ("平成31年4月", "2019-04-01", MONTH, "era", "平成"),
    ("大正元年7月30日", "1912-07-30", DAY, "era", "大正"),
    ("T15.12.24", "1926-12-24", DAY, "era", "大正"),
    ("明治6年1月1日", "1873-01-01", DAY, "era", "明治"),
    ("2015(平成27)年4月1日", "2015-04-01", DAY, "western", "平成"),
    ("2015（平成２７）年４月１日", "2015-04-01", DAY, "western", "平成"),
    ("2019(令和元)年5月1日", "2019-05-01", DAY, "western", "令和"),
    ("平成27(2015)年4月1日", "2015-04-01", DAY, "era", "平成"),
]


@pytest.mark.parametrize(("text", "iso", "precision", "form", "era"), READ)
def test_reads(text: str, iso: str, precision: Precision, form: str, era: str | None) -> None:
    reading = parse_date(text)
    assert (reading.date, reading.precision, reading.form, reading.era, reading.reason) == (
        dt.date.fromisoformat(iso), precision, form, era, None,
    )
    assert reading.text == text.strip()
    assert reading.span == (0, len(text))


FAIL = [
    ("2015.2.30", "'2015.2.30': 2015-02 has no day 30"),
    ("2015.13.1", "'2015.13.1': month 13 does not exist"),
    ("2015年0月", "'2015年0月': month 0 does not exist"),
    ("平成31年5月1日",
     "'平成31年5月1日': 平成31年5月1日 is 2019-05-01, after the last day of 平成 (2019-04-30)"),
    ("平成31年5月",
     "'平成31年5月': 平成31年5月 is 2019-05, after the last day of 平成 (2019-04-30)"),
    ("昭和64年1月8日",
     "'昭和64年1月8日': 昭和64年1月8日 is 1989-01-08, after the last day of 昭和 (1989-01-07)"),
    ("明治45年7月30日",
     "'明治45年7月30日': 明治45年7月30日 is 1912-07-30, after the last day of 明治 (1912-07-29)"),
    ("H0.4.1", "'H0.4.1': 平成0年4月1日: era year 0 does not exist"),
    ("明治5年1月1日",
     "'明治5年1月1日': 明治5年1月1日 is a lunisolar-calendar date (before 1873-01-01): "
     "not converted"),
    ("15.4.1",
     "'15.4.1': a two-digit year without an era is not read (the century is not guessed)"),
    ("27年4月1日",
     "'27年4月1日': a two-digit year without an era is not read (the century is not guessed)"),
    ("2015年度", "'2015年度': a fiscal year (年度) is a period, not a date"),
    ("2015(平成28)年4月1日",
     "'2015(平成28)年4月1日': the year 2015 and the era year 平成28 disagree"),
    ("平成27(2016)年4月1日",
     "'平成27(2016)年4月1日': the era year 平成27 and the year 2016 disagree"),
    ("2019(平成31)年5月1日",
     "'2019(平成31)年5月1日': 平成31年5月1日 is 2019-05-01, after the last day of 平成 "
     "(2019-04-30)"),
    ("平成27年度", "'平成27年度': a fiscal year (年度) is a period, not a date"),
    ("1/4/2015", "'1/4/2015': day and month order unknown in a year-last date"),
    ("Feb 30, 2015", "'Feb 30, 2015': 2015-02 has no day 30"),
    ("", "empty: no date"),
    ("   ", "empty: no date"),
    ("H27", "'H27' is not a date in a known form"),
    ("未定", "'未定' is not a date in a known form"),
    ("締結 2015.4.1", "text before the date: '締結'"),
]


@pytest.mark.parametrize(("text", "reason"), FAIL)
def test_failures_say_why(text: str, reason: str) -> None:
    reading = parse_date(text)
    assert (reading.date, reading.precision, reading.reason) == (None, None, reason)


def test_day_first_decides_a_year_last_date() -> None:
    assert parse_date("1/4/2015", day_first=True).date == dt.date(2015, 4, 1)
    assert parse_date("1/4/2015", day_first=False).date == dt.date(2015, 1, 4)
    assert parse_date("13/4/2015", day_first=False).reason == "'13/4/2015': month 13 does not exist"


@pytest.mark.parametrize(
    ("text", "mark", "remainder"),
    [
        ("2015.4.1*", "*", "*"),
        ("2015.4.1 ※", "※", "※"),
        ("2015.4.1＊", "＊", "＊"),
        ("平成27年4月1日 (※)", "(※)", "(※)"),
        ("2015.4.1 (renewed)", "", "(renewed)"),
        ("2015.4.1～", "", "～"),
        ("2015-04-01T00:00:00", "", "T00:00:00"),
        ("2015.4.1", "", ""),
    ],
)
def test_what_follows_the_date_is_kept(text: str, mark: str, remainder: str) -> None:
    reading = parse_date(text)
    assert (reading.date, reading.mark, reading.remainder) == (dt.date(2015, 4, 1), mark, remainder)


def test_find_date_splits_a_name_from_its_date() -> None:
    line = "Some University of Somewhere   1980. 5.31 ※"
    reading = find_date(line)
    assert reading is not None
    assert (reading.date, reading.text, reading.mark) == (dt.date(1980, 5, 31), "1980. 5.31", "※")
    assert line[: reading.span[0]].rstrip() == "Some University of Somewhere"


def test_find_date_spans_are_in_the_original_text() -> None:
    line = "ナントカ大学　平成２７年４月１日＊"
    reading = find_date(line)
    assert reading is not None
    assert (reading.span, reading.text, reading.mark) == ((7, 16), "平成２７年４月１日", "＊")


def test_find_date_reports_an_impossible_date_in_a_line() -> None:
    reading = find_date("Some College 2015.2.30")
    assert reading is not None
    assert (reading.date, reading.span, reading.reason) == (
        None, (13, 22), "'2015.2.30': 2015-02 has no day 30",
    )


def test_find_date_ignores_cell_only_forms_and_numbers() -> None:
    assert find_date("第2キャンパス") is None
    assert find_date("Building 2015, room 12") is None
    assert find_date("Section 12.3.4") is None
    assert find_date("Mayfield College") is None


def test_find_dates_lists_every_date() -> None:
    found = find_dates("2015.4.1 renewed 2020年4月1日, ends Mar 2025")
    assert [(r.date, r.precision) for r in found] == [
        (dt.date(2015, 4, 1), DAY), (dt.date(2020, 4, 1), DAY), (dt.date(2025, 3, 1), MONTH),
    ]


def test_eras_convert_both_ways_at_the_boundaries() -> None:
    for era, following in itertools.pairwise(ERAS):
        assert era.end is not None
        assert following.start == era.end + dt.timedelta(days=1)
        assert to_era(era.end)[0] is era and to_era(following.start) == (following, 1)
    assert era_by_name("R") is era_by_name("令和")
    with pytest.raises(ValueError, match="before 1873-01-01"):
        to_era(dt.date(1872, 12, 31))


def test_excel_serials() -> None:
    assert excel_serial_date(1) == dt.date(1900, 1, 1)
    assert excel_serial_date(59) == dt.date(1900, 2, 28)
    assert excel_serial_date(61) == dt.date(1900, 3, 1)
    assert excel_serial_date(0, date1904=True) == dt.date(1904, 1, 1)
    assert read_date_cell(42095.0, numeric=True).date == dt.date(2015, 4, 1)
    assert read_date_cell(dt.date(2015, 4, 1)).form == "cell-date"
    assert read_date_cell("H27.4.1").date == dt.date(2015, 4, 1)
    assert read_date_cell(None).reason == "empty cell: no date"
    assert read_date_cell(True, numeric=True).reason == "a bool value is not a date: True"
    assert read_date_cell(60, numeric=True).reason == (
        "Excel serial 60 is 1900-02-29, a day that does not exist"
    )
    assert read_date_cell(0, numeric=True).reason == (
        "Excel serial 0 is outside the 1900 date system"
    )


# --- properties ----------------------------------------------------------------------

_MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]
_FULL_WIDTH = str.maketrans("0123456789./-", "０１２３４５６７８９．／－")

Format = Callable[[dt.date], str]
DAY_FORMATS: list[Format] = [
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"{d.year}. {d.month}. {d.day}",
    lambda d: f"{d.year}.{d.month:2d}.{d.day:2d}",
    lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",
    lambda d: f"{d.year}-{d.month:02d}-{d.day:02d}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{_MONTH_NAMES[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{d.day} {_MONTH_NAMES[d.month - 1][:3]}. {d.year}",
    lambda d: f"{d.year}.{d.month}.{d.day}".translate(_FULL_WIDTH),
    lambda d: f"{d.year}/{d.month}/{d.day}".translate(_FULL_WIDTH),
]
MONTH_FORMATS: list[Format] = [
    lambda d: f"{d.year}年{d.month}月",
    lambda d: f"{d.year}.{d.month}",
    lambda d: f"{_MONTH_NAMES[d.month - 1][:3]} {d.year}",
]
# a later year lies beyond any document's time (decision 0027: refused, tested apart)
western_dates = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2030, 12, 31))
era_dates = st.dates(min_value=GREGORIAN_FROM, max_value=dt.date(2030, 12, 31))


@given(western_dates, st.sampled_from(DAY_FORMATS), st.sampled_from(["", "*", " ※", "＊"]))
def test_any_date_in_any_format_round_trips(day: dt.date, form: Format, mark: str) -> None:
    text = form(day) + mark
    reading = parse_date(text)
    assert (reading.date, reading.precision, reading.mark) == (day, DAY, mark.strip())
    found = find_date("Some Partner University " + text)
    assert found is not None and found.date == day


@given(western_dates, st.sampled_from(MONTH_FORMATS))
def test_any_month_round_trips(day: dt.date, form: Format) -> None:
    reading = parse_date(form(day))
    assert (reading.date, reading.precision) == (day.replace(day=1), MONTH)


@given(era_dates, st.sampled_from(["kanji", "abbreviation", "both"]), st.booleans())
def test_era_dates_convert_both_ways(day: dt.date, form: str, gannen: bool) -> None:
    era, year = to_era(day)
    assert from_era(era, year, day.month, day.day) == day
    shown = "元" if year == 1 and gannen else str(year)
    if form == "kanji":
        text = f"{era.name}{shown}年{day.month}月{day.day}日"
    elif form == "abbreviation":
        text = f"{era.abbreviation}{shown}.{day.month}.{day.day}"
    else:
        text = f"{day.year}({era.name}{shown})年{day.month}月{day.day}日"
    reading = parse_date(text)
    assert (reading.date, reading.era, reading.precision) == (day, era.name, DAY)


@given(era_dates)
def test_an_era_date_outside_its_era_is_refused(day: dt.date) -> None:
    era, _ = to_era(day)
    for other in ERAS:
        if other is era or day.year < other.start.year:
            continue
        year = day.year - other.start.year + 1
        reading = parse_date(f"{other.name}{year}年{day.month}月{day.day}日")
        assert reading.date is None
        assert reading.reason is not None and other.name in reading.reason


def _has_digit_or_gannen(text: str) -> bool:
    folded = unicodedata.normalize("NFKC", text)
    return any(ch.isdigit() or ch == "元" for ch in folded)


@given(st.text().filter(lambda t: not _has_digit_or_gannen(t)))
def test_a_string_without_digits_never_yields_a_date(text: str) -> None:
    # 元 is the one digit-free year (平成元年), so it is left out with the digits.
    assert parse_date(text).date is None
    assert all(r.date is None for r in find_dates(text))


_JUNK = st.text(
    alphabet=st.sampled_from(list("0123456789０１２./-年月日元平成令和HRSM *※ ,AprMay\t\n"))
)


@settings(max_examples=300)
@given(st.one_of(st.text(), _JUNK), st.sampled_from([None, True, False]))
def test_junk_never_raises_and_spans_hold(text: str, day_first: bool | None) -> None:
    reading = parse_date(text, day_first=day_first)
    assert (reading.date is None) == (reading.reason is not None)
    for found in find_dates(text, day_first=day_first):
        assert text[found.span[0] : found.span[1]] == found.text
        assert (found.date is None) == (found.reason is not None)


@given(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(), st.text(), st.dates(),
        st.datetimes(),
    ),
    st.booleans(),
    st.booleans(),
)
def test_any_cell_value_never_raises(value: object, numeric: bool, date1904: bool) -> None:
    reading = read_date_cell(value, numeric=numeric, date1904=date1904)
    assert (reading.date is None) == (reading.reason is not None)
