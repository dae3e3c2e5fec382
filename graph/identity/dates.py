"""One agreement printed with two signing dates.

After identity resolution, two records of one document name the same agreement when they
have the same level, the same home unit and the same partner (resolved institution and
unit). When their printed dates differ, the conflict is reported with both lines and
settled by rule ``date.clean-section-wins`` when exactly one date stands in an undamaged
section (the others in a damaged table): that date is the agreement's, and the other
records carry it with a repair naming the rule. Otherwise it is left open, and the builder
makes one agreement per stated date (decision 0019: two printings that state different
signing dates are a renewal or a second agreement, not one agreement read twice).

A date printed to the month only (``signed_in_month``, ``YYYY-MM``) agrees with every day
in that month: a month and one day inside it are no conflict, and the month's records take
that day with a repair (rule ``date.day-within-month``), so the agreement keeps the day
whichever printing comes first. A day is never replaced by a month: a clean section that
states only a month settles months, never a conflict that involves a day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace

from kyotei.graph.identity.model import Conflict, InstitutionRef, Place
from kyotei.graph.identity.names import typographic
from kyotei.graph.model.records import AgreementRecord, Repair

RULE = "date.clean-section-wins"
WITHIN_MONTH = "date.day-within-month"
_MONTH_LENGTH = len("YYYY-MM")


def stated(record: AgreementRecord) -> str | None:
    """The signing date the record states, in ISO 8601 to its precision (day or month)."""
    if record.signed_on is not None:
        return record.signed_on.isoformat()
    return record.signed_in_month


def _agree(a: str, b: str) -> bool:
    """Two stated dates agree: the same, or a month and a day inside it."""
    short, long = sorted((a, b), key=len)
    return a == b or (len(short) == _MONTH_LENGTH < len(long) and long[:_MONTH_LENGTH] == short)


def _with_date(record: AgreementRecord, value: str, repair: Repair) -> AgreementRecord:
    """The record dated ``value`` (a day, or a month when ``value`` is ``YYYY-MM``)."""
    if len(value) == _MONTH_LENGTH:
        return replace(record, signed_on=None, signed_in_month=value,
                       repairs=(*record.repairs, repair))
    return replace(record, signed_on=dt.date.fromisoformat(value), signed_in_month=None,
                   repairs=(*record.repairs, repair))


def date_conflicts(
    records: Sequence[AgreementRecord],
    refs: Sequence[InstitutionRef],
    is_clean: Callable[[AgreementRecord], bool],
) -> tuple[list[AgreementRecord], list[Conflict]]:
    """Find agreements printed with two dates; settle those a clean section decides."""
    groups: dict[tuple[str, str, str, InstitutionRef, str], list[int]] = defaultdict(list)
    for i, (record, ref) in enumerate(zip(records, refs, strict=True)):
        unit = typographic(record.partner.unit_ja or record.partner.unit_en or "")
        home = typographic(record.home_unit_ja or "")
        groups[(record.document, record.level.value, home, ref, unit)].append(i)
    out = list(records)
    conflicts: list[Conflict] = []
    for (_doc, _level, _home, ref, _unit), members in sorted(groups.items(), key=lambda g: g[1]):
        dated = [i for i in members if stated(records[i]) is not None]
        values = tuple(sorted({v for i in dated if (v := stated(records[i])) is not None}))
        if len(values) < 2:
            continue
        places = tuple(
            Place(records[i].document, records[i].source.line, records[i].source.text)
            for i in dated
        )
        days = [v for v in values if len(v) > _MONTH_LENGTH]
        if len(days) == 1 and all(_agree(days[0], v) for v in values):
            _refine(out, dated, days[0], places)
            continue
        subject = records[members[0]].source.text
        clean = {stated(records[i]) for i in dated if is_clean(records[i])}
        winner = next(iter(clean)) if len(clean) == 1 else None
        if winner is not None and (len(winner) > _MONTH_LENGTH or not days):
            for i in dated:
                if stated(records[i]) != winner:
                    repair = Repair(
                        RULE,
                        f"printed here with {stated(records[i])}, but with {winner} in an "
                        "undamaged section: the clean section wins",
                        tuple(p.line for p in places),
                    )
                    out[i] = _with_date(records[i], winner, repair)
            detail = (
                f"one agreement printed with {len(values)} dates; {winner} stands in the "
                "clean section"
            )
            conflicts.append(
                Conflict(
                    "agreement.two-dates", "settled", RULE, subject, detail, places, (ref,), values
                )
            )
        else:
            detail = (
                f"the same parties printed with {len(values)} dates and no clean section to "
                "decide: one agreement per date (decision 0019), left for curation"
            )
            conflicts.append(
                Conflict(
                    "agreement.two-dates",
                    "open",
                    "date.undecided",
                    subject,
                    detail,
                    places,
                    (ref,),
                    values,
                )
            )
    return out, conflicts


def _refine(out: list[AgreementRecord], dated: list[int], day: str,
            places: tuple[Place, ...]) -> None:
    """The records that state only the month of ``day`` take ``day`` (no conflict)."""
    for i in dated:
        if out[i].signed_on is None:
            repair = Repair(
                WITHIN_MONTH,
                f"printed here with the month {out[i].signed_in_month} only; the same agreement "
                f"is printed with {day}, a day in that month: the day is kept",
                tuple(p.line for p in places),
            )
            out[i] = _with_date(out[i], day, repair)
