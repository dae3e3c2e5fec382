"""The harness's matching rules: locators in any spelling, names in any normal form."""

from __future__ import annotations

from typing import Any

from corpus_match import field_checks, locator_matches, match_document, norm, parse_locator


def test_locators_parse_in_the_spellings_a_reader_may_choose() -> None:
    assert parse_locator("12", "txt") == {"line": 12}
    assert parse_locator("row 7", "csv") == {"row": 7}
    assert parse_locator("7", "csv") == {"row": 7}
    assert parse_locator("大学間協定!C12", "xlsx") == {"sheet": "大学間協定", "row": 12}
    assert parse_locator("大学間協定!20:20", "xlsx") == {"sheet": "大学間協定", "row": 20}
    assert parse_locator("'List A'!$C$7", "xlsx") == {"sheet": "List A", "row": 7}
    assert parse_locator("list9 item1", "html") == {"list": 9, "item": 1}
    assert parse_locator("page 2, table 1, row 5, col 3", "pdf") == {
        "page": 2,
        "table": 1,
        "row": 5,
    }
    assert parse_locator("p2/t1/r5", "pdf") == {"page": 2, "table": 1, "row": 5}
    assert parse_locator("table 1 row 4", "html") == {"table": 1, "row": 4}
    assert parse_locator("", "txt") == {}


def test_a_locator_matches_on_the_keys_both_sides_have() -> None:
    truth = {"page": 2, "table": 1, "row": 5}
    assert locator_matches({"page": 2, "row": 5}, truth)
    assert not locator_matches({"page": 1, "row": 5}, truth)
    assert not locator_matches({"page": 2}, truth)  # a page alone is not a row
    assert locator_matches({"line": 13}, {"line": 12, "lines": [12, 13]})  # a wrapped row
    assert not locator_matches({"line": 14}, {"line": 12, "lines": [12, 13]})


def test_names_compare_after_nfkc_and_without_spaces() -> None:
    assert norm("⼤連理⼯ ⼤学") == norm("大連理工大学")
    assert norm("ヴェネツィア‧カ・フォスカリ大学") == norm("ヴェネツィア・カ・フォスカリ大学")


def truth_row(**extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "level": "university", "home_unit": None, "country": "CN", "signed": "2015-04-01",
        "waiver": True, "layout": "grouped-list", "locator": {"line": 5},
        "partner": {"id": "cn-pku", "ja": "北京大学", "en": None,
                    "printed_ja": "北京 大学", "printed_en": None},
    }  # fmt: skip
    row.update(extra)
    return row


def test_rows_pair_by_locator_then_by_name_and_fields_are_scored() -> None:
    truth = {"format": "txt", "rows": [truth_row(), truth_row(
        locator={"line": 9}, country="KR", signed=None, waiver=False,
        partner={"id": "kr-snu", "ja": "ソウル大学校", "en": None,
                 "printed_ja": "ソウル大学校", "printed_en": None})]}  # fmt: skip
    extracted = [
        {"source_line": "5", "partner_institution_ja": "北京大学", "country": "CN",
         "signed_on": "2015-04-01", "tuition_waiver": "true", "level": "university"},
        {"source_line": "30", "partner_institution_ja": "ソウル大学校", "country": "KR",
         "signed_on": "2015-04-01", "tuition_waiver": "", "level": "university"},
        {"source_line": "31", "partner_institution_ja": "見出し", "country": "KR"},
    ]  # fmt: skip
    result = match_document(extracted, truth)
    assert [(r["source_line"], t["partner"]["id"]) for r, t in result.pairs] == [
        ("5", "cn-pku"), ("30", "kr-snu"),
    ]  # fmt: skip
    assert [r["source_line"] for r in result.spurious] == ["31"]
    assert field_checks(*result.pairs[0]) == {
        "name": True, "country": True, "date": True, "waiver": True, "home_unit": True,
        "partner_unit": True,
        "level": True,
    }  # fmt: skip
    checks = field_checks(*result.pairs[1])
    assert (checks["date"], checks["waiver"]) == (False, False)  # a date and a waiver invented


def test_a_locator_pairing_the_name_contradicts_is_paired_by_name() -> None:
    # each row's locator names the other truth row (a reader that numbered its lists
    # otherwise), whose name is clearly not the row's: the rows are paired by name
    truth = {"format": "html", "rows": [
        truth_row(locator={"list": 1, "item": 1}),
        truth_row(locator={"list": 2, "item": 1}, country="KR",
                  partner={"id": "kr-snu", "ja": "ソウル大学校", "en": None,
                           "printed_ja": "ソウル大学校", "printed_en": None}),
    ]}  # fmt: skip
    extracted = [
        {"source_locator": "list1 item1", "partner_institution_ja": "ソウル大学校"},
        {"source_locator": "list2 item1", "partner_institution_ja": "北京大学"},
    ]  # fmt: skip
    result = match_document(extracted, truth)
    assert sorted((r["partner_institution_ja"], t["partner"]["id"]) for r, t in result.pairs) == [
        ("ソウル大学校", "kr-snu"), ("北京大学", "cn-pku"),
    ]  # fmt: skip
    assert result.spurious == [] and result.missed == []


def test_a_name_too_unlike_every_row_is_not_paired_by_name() -> None:
    truth = {"format": "txt", "rows": [truth_row()]}
    extracted = [{"source_line": "40", "partner_institution_ja": "ソウル大学校", "country": "KR"}]
    result = match_document(extracted, truth)
    assert result.pairs == []
    assert [r["source_line"] for r in result.spurious] == ["40"]
    assert [t["partner"]["id"] for t in result.missed] == ["cn-pku"]


def test_a_missing_home_unit_is_wrong_when_the_truth_gives_one_language() -> None:
    truth = truth_row(level="department", home_unit={"ja": "文学部", "en": None})
    base = {"partner_institution_ja": "北京大学", "country": "CN", "signed_on": "2015-04-01",
            "tuition_waiver": "true", "level": "department"}  # fmt: skip
    assert field_checks({**base, "home_unit_ja": "文学部"}, truth)["home_unit"]
    assert not field_checks(base, truth)["home_unit"]  # none exported: not the truth's 文学部


def test_a_partner_unit_is_right_only_when_it_is_the_truths() -> None:
    truth = truth_row(partner_unit={"ja": None, "en": "Faculty of Law"})
    row = {"partner_institution_ja": "北京大学", "partner_unit_en": "Faculty of Law"}
    assert field_checks(row, truth)["partner_unit"]
    assert not field_checks({**row, "partner_unit_en": ""}, truth)["partner_unit"]
    assert not field_checks({**row, "partner_unit_en": "法学部"}, truth)["partner_unit"]
    # a home faculty read as the partner's: wrong where the truth has no partner unit
    assert not field_checks({**row, "partner_unit_ja": "理工学部"}, truth_row())["partner_unit"]


def test_a_label_another_row_prints_for_the_institution_is_its_name() -> None:
    from corpus_match import learn_names

    def partner(en: str) -> dict[str, Any]:
        return {"id": "de-x", "ja": None, "en": en, "printed_ja": None, "printed_en": en}

    here, there = truth_row(partner=partner("Universität Nantoka")), truth_row(
        partner=partner("Nantoka University"))  # fmt: skip
    row = {"partner_institution_ja": "", "partner_institution_en": "Nantoka University"}
    learn_names([])
    assert not field_checks(row, here)["name"]
    learn_names([{"rows": [here, there]}])
    assert field_checks(row, here)["name"]  # the label kyotei chose, printed by another row
    learn_names([])


def test_two_agreements_at_one_locator_pair_with_the_one_each_row_describes() -> None:
    home = {"ja": "工学部", "en": "Faculty of Engineering"}
    truth = {"format": "txt", "rows": [
        truth_row(level="department", home_unit=home, signed="2020-04-01"), truth_row()]}
    extracted = [  # the department row first, as the truth lists it
        {"source_line": "5", "partner_institution_ja": "北京大学", "country": "CN",
         "signed_on": "2020-04-01", "tuition_waiver": "true", "level": "department",
         "home_unit_ja": "工学部"},
        {"source_line": "5", "partner_institution_ja": "北京大学", "country": "CN",
         "signed_on": "2015-04-01", "tuition_waiver": "true", "level": "university"},
    ]  # fmt: skip
    matched = match_document(extracted, truth)
    assert len(matched.pairs) == 2 and not matched.missed and not matched.spurious
    for row, wanted in matched.pairs:
        assert all(field_checks(row, wanted).values()), (row, wanted)
