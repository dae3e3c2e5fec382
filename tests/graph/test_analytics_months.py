"""A signing date printed to the month only counts in its year, and as dated."""

from __future__ import annotations

import pyoxigraph as ox

from kyotei.graph.analytics.facts import integrity, signed_per_year
from kyotei.graph.analytics.source import SparqlSource

BASE = "https://example.org/kyotei/id/"
DATA = f"""
@prefix kyotei: <https://w3id.org/kyotei/def#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{BASE}agreement/a> a kyotei:Agreement ; kyotei:signedOn "2015-04-01"^^xsd:date ;
    prov:wasDerivedFrom <{BASE}record/1> .
<{BASE}agreement/b> a kyotei:Agreement ; kyotei:signedInMonth "2015-07"^^xsd:gYearMonth ;
    prov:wasDerivedFrom <{BASE}record/2> .
<{BASE}agreement/c> a kyotei:Agreement ; kyotei:signedInMonth "1998-10"^^xsd:gYearMonth ;
    prov:wasDerivedFrom <{BASE}record/3> .
<{BASE}agreement/d> a kyotei:Agreement ; prov:wasDerivedFrom <{BASE}record/4> .
<{BASE}record/1> kyotei:sourceDocument <{BASE}document/list> .
<{BASE}record/2> kyotei:sourceDocument <{BASE}document/list> .
<{BASE}record/3> kyotei:sourceDocument <{BASE}document/list> .
<{BASE}record/4> kyotei:sourceDocument <{BASE}document/list> .
"""


def test_month_dated_agreements_count_in_their_year_and_as_dated() -> None:
    store = ox.Store()
    store.load(DATA.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    source = SparqlSource(store, base_iri=BASE)
    per_year = sorted((row.year, row.agreements) for row in signed_per_year(source))
    assert per_year == [(1998, 1), (2015, 2)]
    counted = integrity(source)
    assert (counted.agreements, counted.dated) == (4, 3)
