"""Signing dates of one agreement printed twice: days, months, and which may replace which."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from test_identity_helpers import BASE, LIST, rec, results

from kyotei.graph.build.dataset import build_dataset
from kyotei.graph.identity.dates import date_conflicts
from kyotei.graph.identity.model import InstitutionRef
from kyotei.graph.model.namespaces import KYOTEI
from kyotei.graph.model.records import AgreementRecord, Level, PartyName, SourceSpan

REF = InstitutionRef("US", "harvard")
DOC = "list.txt"


def _rec(line: int, day: dt.date | None = None, month: str | None = None) -> AgreementRecord:
    return AgreementRecord(
        document=DOC, level=Level.UNIVERSITY, partner=PartyName("ハーバード大学"),
        source=SourceSpan(DOC, line, "ハーバード大学"), section="大学間協定",
        signed_on=day, signed_in_month=month,
    )  # fmt: skip


def _run(
    *records: AgreementRecord, clean: tuple[int, ...] = ()
) -> tuple[list[AgreementRecord], list[str]]:
    out, conflicts = date_conflicts(
        records, [REF] * len(records), lambda r: r.source.line in clean
    )
    return out, [f"{c.status} {c.rule} {','.join(c.values)}" for c in conflicts]


def test_a_month_agrees_with_a_day_inside_it_and_takes_that_day() -> None:
    out, conflicts = _run(_rec(10, month="2010-07"), _rec(11, dt.date(2010, 7, 22)))
    assert conflicts == []
    assert [(r.signed_on, r.signed_in_month) for r in out] == [
        (dt.date(2010, 7, 22), None), (dt.date(2010, 7, 22), None)]
    assert [r.rule for r in out[0].repairs] == ["date.day-within-month"]
    assert out[1].repairs == ()


def test_a_month_and_a_day_outside_it_are_an_open_conflict() -> None:
    out, conflicts = _run(_rec(10, month="2010-08"), _rec(11, dt.date(2010, 7, 22)))
    assert conflicts == ["open date.undecided 2010-07-22,2010-08"]
    assert out[0].signed_in_month == "2010-08" and out[1].signed_on == dt.date(2010, 7, 22)


def test_a_clean_month_never_replaces_a_day() -> None:
    out, conflicts = _run(_rec(10, month="2010-08"), _rec(11, dt.date(2010, 7, 22)), clean=(10,))
    assert conflicts == ["open date.undecided 2010-07-22,2010-08"]
    assert out[1].signed_on == dt.date(2010, 7, 22) and out[1].signed_in_month is None


def test_a_clean_day_replaces_a_month_of_another_month() -> None:
    out, conflicts = _run(_rec(10, month="2010-08"), _rec(11, dt.date(2010, 7, 22)), clean=(11,))
    assert conflicts == ["settled date.clean-section-wins 2010-07-22,2010-08"]
    assert (out[0].signed_on, out[0].signed_in_month) == (dt.date(2010, 7, 22), None)


def test_two_months_settled_by_the_clean_one() -> None:
    out, conflicts = _run(_rec(10, month="2010-08"), _rec(11, month="2010-07"), clean=(11,))
    assert conflicts == ["settled date.clean-section-wins 2010-07,2010-08"]
    assert [r.signed_in_month for r in out] == ["2010-07", "2010-07"]


def test_two_days_in_one_month_are_still_a_conflict() -> None:
    _, conflicts = _run(_rec(10, dt.date(2010, 7, 2)), _rec(11, month="2010-07"),
                        _rec(12, dt.date(2010, 7, 22)))
    assert conflicts == ["open date.undecided 2010-07,2010-07-02,2010-07-22"]


def test_the_graph_states_a_month_as_a_month_and_never_beside_a_day() -> None:
    records = [
        replace(rec(LIST, 10, "見本大学", country="US"), signed_in_month="2010-07"),
        replace(rec(LIST, 11, "試験大学", country="US"), signed_in_month="2011-05"),
        rec(LIST, 12, "試験大学", country="US", signed=dt.date(2011, 5, 9)),
    ]
    dataset = build_dataset(results(records), base_iri=BASE).dataset
    dated = {}
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        if p in (KYOTEI.signedOn, KYOTEI.signedInMonth):
            dated.setdefault(s, set()).add((p, o))
    assert sorted(dated.values(), key=lambda v: sorted(map(str, v))) == [
        {(KYOTEI.signedInMonth, Literal("2010-07", datatype=XSD.gYearMonth))},
        {(KYOTEI.signedOn, Literal("2011-05-09", datatype=XSD.date))},
    ]
    assert all(isinstance(s, URIRef) for s in dated)
