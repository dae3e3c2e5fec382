"""Country and region aggregates: concentration (shares, Herfindahl index) and growth per year."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from kyotei.graph.analytics.facts import UNKNOWN, Document, Labels, PlaceCount, YearCountRow
from kyotei.graph.analytics.model import Concentration, DecadeCount, Growth, Share, YearCount

PRECISION = 6
ALL = "all"


class RegionResolver:
    """The region an agreement counts under: its own (the document lists it there), else the
    region its country is most often listed under in the graph, else none."""

    def __init__(self, country_region: dict[str, str]) -> None:
        self.country_region = country_region

    def resolve(self, country: str | None, region: str | None) -> tuple[str | None, str]:
        if region is not None:
            return region, "listed"
        if country is not None and country in self.country_region:
            return self.country_region[country], "country"
        return None, "none"


def _shares(counts: Counter[str | None], labels: Labels) -> tuple[list[Share], int, float | None]:
    known = {k: n for k, n in counts.items() if k is not None and n > 0}
    total = sum(known.values())
    rows = []
    for iri, n in known.items():
        rows.append(Share(key=labels.code.get(iri, labels.label(iri)), iri=iri,
                          label=labels.label(iri), agreements=n,
                          share=round(n / total, PRECISION)))
    rows.sort(key=lambda s: (-s.agreements, s.key))
    hhi = round(sum((n / total) ** 2 for n in known.values()), PRECISION) if total else None
    return rows, counts.get(None, 0), hhi


def _effective(hhi: float | None) -> float | None:
    return round(1 / hhi, PRECISION - 2) if hhi else None


def concentration(scope: str, places: Iterable[PlaceCount], labels: Labels,
                  regions: RegionResolver) -> Concentration:
    by_country: Counter[str | None] = Counter()
    by_region: Counter[str | None] = Counter()
    basis: Counter[str] = Counter()
    for place in places:
        region, how = regions.resolve(place.country, place.region)
        by_country[place.country] += place.agreements
        by_region[region] += place.agreements
        basis[how] += place.agreements
    countries, countries_unknown, hhi_country = _shares(by_country, labels)
    region_rows, regions_unknown, hhi_region = _shares(by_region, labels)
    return Concentration(
        scope=scope, agreements=sum(by_country.values()), by_country=countries,
        by_region=region_rows, countries_unknown=countries_unknown,
        regions_unknown=regions_unknown, hhi_country=hhi_country, hhi_region=hhi_region,
        effective_countries=_effective(hhi_country), effective_regions=_effective(hhi_region),
        region_basis=dict(sorted(basis.items())))


def concentrations(places: list[PlaceCount], documents: list[Document], labels: Labels,
                   regions: RegionResolver) -> list[Concentration]:
    """One for all documents together, then one per document (oldest first)."""
    result = [concentration(ALL, places, labels, regions)]
    by_document: dict[str, list[PlaceCount]] = defaultdict(list)
    for place in places:
        by_document[place.document].append(place)
    for document in documents:
        mine = by_document.get(document.iri)
        if mine:
            result.append(concentration(document.identifier, mine, labels, regions))
    return result


def _region_key(region: str | None, labels: Labels) -> str:
    if region is None:
        return str(UNKNOWN)
    return str(labels.code.get(region) or labels.label(region))


def growth(rows: list[YearCountRow], undated: int, documents: list[Document], labels: Labels,
           regions: RegionResolver) -> Growth:
    per_year: dict[int, Counter[str]] = defaultdict(Counter)
    region_totals: Counter[str] = Counter()
    region_iri: dict[str, str] = {}
    doc_ids = {d.iri: d.identifier for d in documents}
    dated_documents: set[str] = set()
    members = 0
    for row in rows:
        region, _ = regions.resolve(row.country, row.region)
        key = _region_key(region, labels)
        if region is not None:
            region_iri[key] = region
        per_year[row.year][key] += row.agreements
        region_totals[key] += row.agreements
        dated_documents.add(doc_ids.get(row.document, row.document))
        members += row.agreements if row.member else 0
    years: list[YearCount] = []
    decades: dict[int, Counter[str]] = defaultdict(Counter)
    cumulative = 0
    if per_year:
        for year in range(min(per_year), max(per_year) + 1):
            counts = per_year.get(year, Counter())
            cumulative += sum(counts.values())
            years.append(YearCount(year=year, agreements=sum(counts.values()),
                                   cumulative=cumulative, by_region=dict(sorted(counts.items()))))
            decades[year // 10 * 10].update(counts)
    region_rows = [
        Share(key=k, iri=region_iri.get(k),
              label=labels.label(region_iri[k]) if k in region_iri else UNKNOWN,
              agreements=n, share=round(n / cumulative, PRECISION))
        for k, n in sorted(region_totals.items(), key=lambda kv: (-kv[1], kv[0]))]
    return Growth(
        dated=cumulative, undated=undated, umbrella_members=members,
        first_year=min(per_year) if per_year else None,
        last_year=max(per_year) if per_year else None,
        as_of=max((d.as_of for d in documents
                   if d.identifier in dated_documents and d.as_of), default=None),
        documents=sorted(dated_documents), regions=region_rows, years=years,
        decades=[DecadeCount(decade=d, agreements=sum(c.values()),
                             by_region=dict(sorted(c.items())))
                 for d, c in sorted(decades.items())])


__all__ = ["ALL", "RegionResolver", "concentration", "concentrations", "growth"]
