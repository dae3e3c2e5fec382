"""OCR slips (ー エ ロ カ read for 一 工 口 力): joined only with evidence, else candidates."""

from __future__ import annotations

import pytest
from test_identity_helpers import LIST, rec, ref_at, resolve

from kyotei.graph.identity.names import NameRules, parse_ja

L = LIST.file


def _decisions(resolution, kind: str, rule: str) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return sorted(d.names for d in resolution.decisions if d.kind == kind and d.rule == rule)


@pytest.mark.parametrize(
    ("slip", "printed"),
    [("ナントカエ科大学", "ナントカ工科大学"), ("第ー医科大学", "第一医科大学"),
     ("ナントカ人ロ研究所", "ナントカ人口研究所"), ("ナントカ協カ大学", "ナントカ協力大学")],
)
def test_a_slip_is_another_key_with_the_same_slip_key(slip: str, printed: str) -> None:
    rules = NameRules.standard()
    a, b = parse_ja(slip, rules), parse_ja(printed, rules)
    assert a.key != b.key
    assert a.slip_key == b.slip_key


@pytest.mark.parametrize(
    ("slip", "printed"),
    [("ナントカエ科大学", "ナントカ工科大学"), ("第ー医科大学", "第一医科大学"),
     ("ナントカ協カ大学", "ナントカ協力大学")],
)
def test_printed_in_one_country_both_spellings_are_one_institution(
    slip: str, printed: str
) -> None:
    res = resolve([rec(LIST, 10, printed, country="ID"), rec(LIST, 200, slip, country="ID")])
    assert ref_at(res, L, 10) == ref_at(res, L, 200)
    [names] = _decisions(res, "merge", "name.ocr")
    assert set(names) == {printed, slip}


def test_without_a_country_the_pair_is_a_candidate_not_a_merge() -> None:
    res = resolve(
        [rec(LIST, 10, "ナントカ工科大学", country="ID"), rec(LIST, 200, "ナントカエ科大学")]
    )
    assert ref_at(res, L, 10) != ref_at(res, L, 200)
    assert _decisions(res, "merge", "name.ocr") == []
    [names] = _decisions(res, "candidate", "candidate.ocr-slip")
    assert set(names) == {"ナントカ工科大学", "ナントカエ科大学"}


def test_in_two_countries_the_pair_stays_apart_as_a_candidate() -> None:
    res = resolve(
        [rec(LIST, 10, "ナントカ工科大学", country="ID"),
         rec(LIST, 200, "ナントカエ科大学", country="MY")]
    )
    assert ref_at(res, L, 10) != ref_at(res, L, 200)
    assert len(_decisions(res, "candidate", "candidate.ocr-slip")) == 1


def test_names_that_differ_by_more_than_a_slip_are_not_candidates() -> None:
    res = resolve(
        [rec(LIST, 10, "ナントカ工科大学", country="ID"),
         rec(LIST, 200, "ナントカエ芸大学", country="ID")]
    )
    assert ref_at(res, L, 10) != ref_at(res, L, 200)
    assert _decisions(res, "candidate", "candidate.ocr-slip") == []
