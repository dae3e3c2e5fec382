"""A seeded generator of realistic synthetic agreement lists, as loader records.

Usage:  python benchmarks/generate.py TRIPLES [--seed N]     (prints what it made)

``generate(triples, seed)`` gives what the loaders would have read from many home
universities' lists (one document each, made as they are iterated, so that nobody need hold
them all; iterable again, the same documents each time): ``LoadResult`` objects whose
records go straight into ``kyotei.graph.build.dataset.build_store``. About 28 asserted
triples come out per agreement (as for the shipped sources), so 10k, 100k and 1M triples are
~360, ~3,600 and ~36,000 agreements. The lists have what real ones have: both levels; ~120
countries (real ISO codes, via pycountry); partners shared between home universities
(identity resolution has work to do) and printed in Japanese, in English or in both; home
faculties and partner faculties; missing dates and tuition waivers; countries carried from a
heading or a merged cell; the same agreement printed twice; a few repairs. Names are
synthetic (never a real institution's), so nothing here is a fact about the world.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Iterator

import pycountry

from kyotei.graph.model.records import (
    AgreementRecord,
    Basis,
    DocumentInfo,
    Level,
    LoadResult,
    PartyName,
    Repair,
    SourceSpan,
)
from kyotei.graph.model.regions import REGION_KEYS

TRIPLES_PER_AGREEMENT = 24  # ~28 per built agreement; some generated rows merge
AGREEMENTS_PER_HOME = 150
_KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"
_SYLLABLES = ("ka", "ri", "to", "mo", "sa", "na", "lu", "ve", "do", "ra", "ne", "si", "po", "ta")


def generate(triples: int, *, seed: int = 1) -> Generated:
    """Loader results whose build has about ``triples`` asserted triples."""
    return Generated(triples, seed)


class Generated:
    """The generated documents, made one at a time as they are iterated (never held here);
    iterable again (each pass makes the same documents again from the seed)."""

    def __init__(self, triples: int, seed: int) -> None:
        self.triples, self.seed = triples, seed

    def __iter__(self) -> Iterator[LoadResult]:
        return _documents(self.triples, self.seed)


def _documents(triples: int, seed: int) -> Iterator[LoadResult]:
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not cryptography
    agreements = agreements_for(triples)
    homes = max(1, agreements // AGREEMENTS_PER_HOME)
    countries = sorted(c.alpha_2 for c in pycountry.countries)
    countries = [c for c in rng.sample(countries, min(120, len(countries))) if c != "JP"]
    regions = {c: rng.choice(REGION_KEYS) for c in countries}
    partners = [_partner(rng, countries, i) for i in range(max(10, agreements // 3))]
    for h in range(homes):
        share = agreements // homes + (1 if h < agreements % homes else 0)
        yield _document(rng, h, share, partners, regions)


def agreements_for(triples: int) -> int:
    """How many agreement records :func:`generate` makes for ``triples``."""
    return max(1, triples // TRIPLES_PER_AGREEMENT)


def _name(rng: random.Random, parts: int) -> tuple[str, str]:
    en = "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()
    ja = "".join(rng.choice(_KANA) for _ in range(parts + 1))
    return ja, en


def _partner(rng: random.Random, countries: list[str], index: int) -> tuple[PartyName, str]:
    ja, en = _name(rng, rng.randint(2, 4))
    languages = rng.random()
    name = PartyName(
        institution_ja=f"{ja}大学" if languages < 0.85 else None,
        institution_en=f"University of {en} {index}" if languages > 0.25 else None,
    )
    return name, rng.choice(countries)


def _document(rng: random.Random, h: int, count: int,
              partners: list[tuple[PartyName, str]],
              regions: dict[str, str]) -> LoadResult:
    file = f"bench_{h:04d}.txt"
    ja, en = _name(rng, 3)
    doc = DocumentInfo(
        file=file, title=f"{ja}大学 国際交流協定一覧", as_of=dt.date(2023, 4, 1),
        as_of_text="2023.04.01現在", languages=("ja", "en"), publisher_status="stated",
        publisher_ja=f"{ja}大学", publisher_en=f"{en} University", publisher_country="JP",
    )
    faculties = [_name(rng, 2)[0] + "学部" for _ in range(rng.randint(3, 15))]
    records: list[AgreementRecord] = []
    for line in range(10, 10 + count):
        partner, country = rng.choice(partners)
        level = Level.UNIVERSITY if rng.random() < 0.45 else Level.DEPARTMENT
        text = partner.institution_ja or partner.institution_en or ""
        if level is Level.DEPARTMENT and rng.random() < 0.4:
            unit_ja, unit_en = _name(rng, 2)
            partner = PartyName(partner.institution_ja, partner.institution_en,
                                f"{unit_ja}学部", f"Faculty of {unit_en}")
        basis = rng.choice((Basis.PRINTED, Basis.HEADING, Basis.CARRIED))
        missing_country = rng.random() < 0.02  # a country the layout lost
        source = SourceSpan(file, line, text, f"{line} {text} {country}")
        home_unit = rng.choice(faculties) if level is Level.DEPARTMENT else None
        records.append(AgreementRecord(
            document=file, level=level, partner=partner, source=source,
            section="大学間協定" if level is Level.UNIVERSITY else f"{home_unit}({count})",
            home_unit_ja=home_unit,
            home_unit_source=SourceSpan(file, 5, home_unit) if home_unit else None,
            country=None if missing_country else country,
            country_text=None if missing_country else country,
            country_basis=None if missing_country else basis,
            region=None if missing_country else regions[country],
            region_text=None if missing_country else regions[country],
            region_basis=None if missing_country else Basis.PRINTED,
            signed_on=(dt.date(rng.randint(1980, 2023), rng.randint(1, 12), rng.randint(1, 28))
                       if rng.random() < 0.6 else None),
            tuition_waiver=rng.choice((True, False, None)),
            also_printed_at=(SourceSpan(file, line + count, text),) if rng.random() < 0.01
            else (),
            repairs=(Repair("bench.joined-line", "a name split over two lines was joined",
                            (line, line + 1)),) if rng.random() < 0.03 else (),
        ))
    return LoadResult(document=doc, agreements=records)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("triples", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    documents = records = 0
    for result in generate(args.triples, seed=args.seed):
        documents, records = documents + 1, records + len(result.agreements)
    sys.stdout.write(f"{documents} documents, {records} agreements\n")


if __name__ == "__main__":
    main()
