"""Other calendars and conventions (decision 0027): 民國 and Buddhist-era years, a year beyond
the document's time refused, Korean dates, the order a document states for its dates.
Invented prints only."""

from __future__ import annotations

import datetime as dt

import pytest

from kyotei.loaders.fields.dates import find_date, parse_date
from kyotei.loaders.fields.printed_dates import order_stated, stated_order, written_in

AS_OF = dt.date(2023, 6, 1)


@pytest.mark.parametrize(("text", "iso"), [
    ("2014년 5월 3일", "2014-05-03"),
    ("2014년 5월", "2014-05"),
    ("2014 년 11 월 30 일", "2014-11-30"),
    ("2016.02.29.", "2016-02-29"),
    ("2016. 2. 9.", "2016-02-09"),
    ("民國104年6月3日", "2015-06-03"),
    ("民国104年6月", "2015-06"),
    ("中華民國99年12月1日", "2010-12-01"),
])
def test_forms_read_in_any_document(text: str, iso: str) -> None:
    assert parse_date(text).iso == iso


def test_a_trailing_full_stop_closes_only_a_dotted_date() -> None:
    assert parse_date("2016/02/09.").remainder == "."
    assert parse_date("2016.02.09.").remainder == ""


def test_a_bare_roc_year_is_read_only_where_the_document_declares_the_calendar() -> None:
    assert parse_date("104.06.03").date is None
    assert find_date("某某大學 104.06.03") is None
    for declared in ({"country": "TW"}, {"said": "資料日期：民國112年6月1日"}):
        with written_in(["zh"], as_of=AS_OF, **declared):  # type: ignore[arg-type]
            assert parse_date("104.06.03").iso == "2015-06-03"
            assert parse_date("98/11/20").iso == "2009-11-20"
            found = find_date("某某大學 104.06.03")
            assert found is not None and found.iso == "2015-06-03" and found.era == "民國"
            assert parse_date("2015/10/8").iso == "2015-10-08"  # four digits: western
            assert parse_date("130.01.01").date is None  # 2041: beyond the document's time
            assert parse_date("15.04.01").date is None  # 1926, or a western 2015: not guessed
    with written_in(["zh-Hant"], as_of=AS_OF):
        assert parse_date("104.06.03").iso == "2015-06-03"
    with written_in(["zh"], country="CN", as_of=AS_OF):
        assert parse_date("104.06.03").date is None


def test_a_buddhist_era_year_is_converted_only_where_the_document_declares_it() -> None:
    refused = parse_date("25/02/2561")
    assert refused.date is None and "beyond the document's time" in (refused.reason or "")
    with written_in(["en", "th"], as_of=AS_OF):
        assert parse_date("25/02/2561").iso == "2018-02-25"
        assert parse_date("05/02/2561").iso == "2018-02-05"  # a Buddhist-era date: day first
        assert parse_date("3 ก.ค. 2560").iso == "2017-07-03"
        assert parse_date("3 กรกฎาคม 2560").iso == "2017-07-03"
        assert parse_date("2018-02-25").iso == "2018-02-25"  # a western year stays western
    with written_in(["en"], country="TH", as_of=AS_OF):
        assert parse_date("25/02/2561").iso == "2018-02-25"
    with written_in(["en"], said="Data as of 1 June B.E. 2566", as_of=AS_OF):
        assert parse_date("25/02/2561").iso == "2018-02-25"


def test_a_year_beyond_the_documents_time_is_refused() -> None:
    with written_in(["en"], as_of=AS_OF):
        assert parse_date("2033-03-01").iso == "2033-03-01"  # within the margin
        assert parse_date("2034-03-01").date is None
        assert parse_date("1 March 2561").date is None
        found = find_date("Some University 2561.3.1")
        assert found is not None and found.date is None


@pytest.mark.parametrize(("texts", "order"), [
    (["All dates are DD/MM/YYYY."], True),
    (["Datum: TT.MM.JJJJ"], True),
    (["format MM/DD/YYYY"], False),
    (["14/05/2016", "02/03/2017"], True),
    (["05/14/2016", "02/03/2017"], False),
    (["02/03/2017", "04/05/2018"], None),
    (["14/05/2016", "05/14/2016"], None),
    (["2016/05/14", "an 8-page 10/12 report"], None),
])
def test_the_order_a_document_settles(texts: list[str], order: bool | None) -> None:
    assert stated_order(texts) is order


def test_the_settled_order_reads_ambiguous_dates_and_outlasts_a_reader_entering_languages() -> None:
    assert parse_date("02/03/2017").date is None
    with order_stated(["Dates are shown as DD/MM/YYYY"]), written_in(["en"]):
        assert parse_date("02/03/2017").iso == "2017-03-02"
    with order_stated(["14/05/2016"]), written_in(["en"]):
        assert parse_date("02/03/2017").iso == "2017-03-02"
    with order_stated(["02/03/2017"]), written_in(["en"]):
        assert parse_date("02/03/2017").date is None


def test_a_date_in_a_bracket_that_says_the_agreement_ended_is_not_its_date() -> None:
    found = find_date("모모대학교 — 2012년 3월 5일 (2022년 2월 협정 종료)")
    assert found is not None and found.iso == "2012-03-05"
    found = find_date("Some University 2012.3.5 (terminated 2022.2.28)")
    assert found is not None and found.iso == "2012-03-05"
    found = find_date("Some University 2012.3.5 (renewed 2017.3.5)")
    assert found is not None and found.iso == "2017-03-05"  # unchanged: the layouts decide
