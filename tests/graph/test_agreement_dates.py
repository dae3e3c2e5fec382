"""One agreement per (document, level, home, partner) — unless the printings state different
signing dates: then they are two agreements (a renewal), not one read twice (decision 0019)."""

from __future__ import annotations

import datetime as dt

from test_identity_helpers import BASE, LIST, rec, results

from kyotei.graph.build.dataset import build_dataset
from kyotei.graph.model.namespaces import KYOTEI, RDF


def _agreements(*records):  # type: ignore[no-untyped-def]
    built = build_dataset(results(list(records)), base_iri=BASE)
    nodes = {s for s, _, _, _ in built.dataset.quads((None, RDF.type, KYOTEI.Agreement, None))}
    dates = sorted(
        str(o) for s, p, o, _ in built.dataset.quads((None, KYOTEI.signedOn, None, None))
    )
    twice = [f for f in built.findings if f.code == "build.same-agreement-twice"]
    return len(nodes), built.agreements, dates, twice


def test_two_printings_with_different_stated_dates_are_two_agreements() -> None:
    count, counted, dates, twice = _agreements(
        rec(LIST, 10, "見本大学", country="CN", signed=dt.date(2005, 4, 1)),
        rec(LIST, 11, "見本大学", country="CN", signed=dt.date(2015, 4, 1)),
    )
    assert (count, counted, dates, twice) == (2, 2, ["2005-04-01", "2015-04-01"], [])


def test_the_same_date_printed_twice_is_one_agreement_with_the_finding() -> None:
    count, counted, dates, twice = _agreements(
        rec(LIST, 10, "見本大学", country="CN", signed=dt.date(2005, 4, 1)),
        rec(LIST, 11, "見本大学", country="CN", signed=dt.date(2005, 4, 1)),
    )
    assert (count, counted, dates, len(twice)) == (1, 1, ["2005-04-01"], 1)


def test_a_printing_without_a_date_is_the_same_agreement_again() -> None:
    count, _, dates, twice = _agreements(
        rec(LIST, 10, "見本大学", country="CN", signed=dt.date(2005, 4, 1)),
        rec(LIST, 11, "見本大学", country="CN"),
    )
    assert (count, dates, len(twice)) == (1, ["2005-04-01"], 1)


def test_a_third_printing_of_the_second_date_joins_the_second_agreement() -> None:
    count, _, dates, twice = _agreements(
        rec(LIST, 10, "見本大学", country="CN", signed=dt.date(2005, 4, 1)),
        rec(LIST, 11, "見本大学", country="CN", signed=dt.date(2015, 4, 1)),
        rec(LIST, 12, "見本大学", country="CN", signed=dt.date(2015, 4, 1)),
    )
    assert (count, dates, len(twice)) == (2, ["2005-04-01", "2015-04-01"], 1)
