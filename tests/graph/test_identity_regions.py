"""A resolved country takes the region its document prints beside it (regroup_regions)."""

from __future__ import annotations

from test_identity_helpers import BILINGUAL, LIST, rec, record_at, resolve, results

from kyotei.graph.identity.country import CLEAN, TABLE, SectionQuality, regroup_regions
from kyotei.graph.model.records import AgreementRecord, Basis, Level, PartyName, SourceSpan


def record(line: int, country: str, region: str, country_basis: Basis,
           region_basis: Basis, document: str = "d.txt") -> AgreementRecord:
    return AgreementRecord(
        document=document, level=Level.DEPARTMENT, partner=PartyName(f"甲{line}大学"),
        source=SourceSpan(document, line, f"甲{line}大学"), section="s",
        country=country, country_basis=country_basis, region=region, region_basis=region_basis,
    )


def test_carried_region_follows_the_resolved_country() -> None:
    evidence = record(1, "GB", "europe", Basis.PRINTED, Basis.PRINTED)
    moved = record(2, "GB", "asia", Basis.RESOLVED, Basis.CARRIED)
    out = regroup_regions([evidence, moved])
    assert out[1].region == "europe" and out[1].region_basis is Basis.DOCUMENT
    assert [r.rule for r in out[1].repairs] == ["identity.region-regrouped"]
    assert out[0] == evidence


def test_printed_region_and_other_documents_are_left_alone() -> None:
    evidence = record(1, "TH", "asia", Basis.PRINTED, Basis.PRINTED)
    printed = record(2, "TH", "europe", Basis.RESOLVED, Basis.PRINTED)
    elsewhere = record(3, "TH", "europe", Basis.RESOLVED, Basis.CARRIED, document="other.txt")
    not_resolved = record(4, "TH", "europe", Basis.CARRIED, Basis.CARRIED)
    out = regroup_regions([evidence, printed, elsewhere, not_resolved])
    assert [r.region for r in out] == ["asia", "europe", "europe", "europe"]


def test_a_heading_country_in_a_damaged_section_does_not_overrule_a_printed_one() -> None:
    """Issue 11: a country read from a heading is evidence like any other."""
    # The university list is damaged: one item stands under a heading kyotei could not read
    # (its country was reset to none), so its headings are not clean evidence any more.
    under_known = rec(LIST, 10, "ナントカ工科大学", country="SE")  # heading: Sweden
    after_unknown = rec(LIST, 12, "カントカ大学")  # under an unknown heading: no country
    printed = rec(BILINGUAL, 5, "ナントカ工科大学", country="FI")  # printed on its own row
    records = [under_known, after_unknown, printed]
    quality = SectionQuality(results(records), records)
    assert quality.rank(under_known) == TABLE
    assert quality.rank(printed) == CLEAN
    resolution = resolve(records)
    assert record_at(resolution, "list.txt", 10).country == "FI"  # the printed country wins

