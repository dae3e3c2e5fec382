"""Country names in the languages a document declares (kyotei.graph.model.countries
document_languages; kyotei.loaders.load_document enters it). The partner names are invented."""

from __future__ import annotations

from pathlib import Path

from kyotei.graph.model.countries import (
    document_languages,
    lookup_country,
    resolve_country,
    split_countries,
)
from kyotei.graph.model.records import DocumentInfo
from kyotei.loaders import load_document


def test_a_declared_language_adds_its_cldr_and_iso_codes_names() -> None:
    assert lookup_country("Suiza") is None  # Spanish: not read in a ja/en document
    with document_languages(["es"]):
        assert lookup_country("Suiza") == "CH"  # CLDR es
        assert lookup_country("Estados Unidos") == "US"
        assert lookup_country("República Popular China") == "CN"  # iso-codes es (official)
        assert split_countries("Suiza Alemania") == ("CH", "DE")
        assert lookup_country("Japan") == "JP"  # en and ja are always read
    assert lookup_country("Suiza") is None  # only inside the block


def test_a_name_that_is_another_country_in_another_language_is_not_guessed() -> None:
    # Albanian "Nigeri" is Nigeria; Nama "Nigeri" is Niger: never read as either
    with document_languages(["sq"]):
        assert lookup_country("Nigeri") is None
        assert lookup_country("Zvicër") == "CH"
    with document_languages(["de"]):
        assert lookup_country("Kongo") is None  # Congo-Brazzaville or -Kinshasa
        assert resolve_country("Schweiz").status == "known"


def test_a_language_tag_with_a_region_and_an_unknown_tag() -> None:
    with document_languages(["pt-BR", "zz-unknown"]):
        assert lookup_country("Alemanha") == "DE"
        assert lookup_country("Estados Unidos") == "US"


def test_the_loader_reads_the_country_column_in_the_documents_language(tmp_path: Path) -> None:
    (tmp_path / "liste.csv").write_text(
        "Country,Institution,Date Signed\n"
        "Schweiz,Universität Mihonberg,2015-10-01\n"
        "Südkorea,Tameshi-Universität,2016-04-01\n",
        encoding="utf-8",
    )

    def countries(languages: tuple[str, ...]) -> list[str | None]:
        doc = DocumentInfo(file="liste.csv", title="t", as_of=None, as_of_text="",
                           languages=languages, publisher_status="unidentified")
        return [r.country for r in load_document(doc, tmp_path).agreements]

    assert countries(("de",)) == ["CH", "KR"]
    assert countries(("en",)) != ["CH", "KR"]
