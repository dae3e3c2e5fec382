"""g03 (CSV, two exported blocks with their columns in different orders): Altamira."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from blind6_data import PARTNERS, doc, row

TITLE = "Universidad de Altamira – Convenios internacionales vigentes"
AS_OF = ("2024-01-31", "Fecha de exportación: 31/01/2024")

# block 1: País;Universidad socia;Fecha de firma;Vigencia
B1 = [
    ("Alemania", "b6:de-freiburg", "12 de marzo de 2018", "2018-03-12", "5 años"),
    ("Suiza", "b6:ch-fribourg", "4 de junio de 2019", "2019-06-04", "5 años"),
    ("México", "b6:mx-unam", "23/10/2014", "2014-10-23", "indefinida"),
    ("Argentina", "b6:ar-uba", "marzo de 2016", "2016-03", "4 años"),
    ("Colombia", "b6:co-andes", "7 de febrero de 2017", "2017-02-07", "5 años"),
    ("Chile", "b6:cl-uandes", "15/09/2020", "2020-09-15", "5 años"),
    ("Japón", "b6:jp-tohoku", "1 de abril de 2013", "2013-04-01", "indefinida"),
    ("Austria", "b6:at-tuwien", "3/05/2019", "2019-05-03", "5 años"),
    ("Italia", "b6:it-bologna", "19 de noviembre de 2015", "2015-11-19", "indefinida"),
]
# block 2: Universidad socia;Fecha de firma;País;Plazas;Exención de matrícula
B2 = [
    ("b6:pt-porto", "Portugal", "2 de diciembre de 2014", "2014-12-02", "4", "Sí", True),
    ("b6:de-kit", "Alemania", "11 de enero de 2021", "2021-01-11", "2", "Sí", True),
    ("b6:fr-lyon1", "Francia", "28/02/2018", "2018-02-28", "3", "No", False),
    ("b6:nl-wur", "Países Bajos", "junio de 2022", "2022-06", "2", "Sí", True),
    ("b6:ca-laval", "Canadá", "9 de octubre de 2017", "2017-10-09", "2", "No", False),
    ("b6:ar-uba", "Argentina", "20 de agosto de 2018", "2018-08-20", "5", "Sí", True),
    ("b6:kr-kaist", "Corea del Sur", "14 de mayo de 2019", "2019-05-14", "2", "Sí", True),
]
SHIFTED = "b6:ca-laval"  # its record has an empty cell first: every cell one to the right


def g03(out: Path) -> dict:
    recs: list[list[str]] = [
        [TITLE],
        [AS_OF[1]],
        [],
        ["CONVENIOS MARCO DE COOPERACIÓN ACADÉMICA"],
        ["País", "Universidad socia", "Fecha de firma", "Vigencia"],
    ]
    rows = []
    for pais, pid, dp, signed, vig in B1:
        name = PARTNERS[pid][1]["es"]
        recs.append([pais, name, dp, vig])
        rows.append(
            row(
                "altamira",
                pid,
                {"row": len(recs)},
                signed,
                dp,
                "two-blocks-csv",
                en=name,
                agreement_type="Convenio marco",
            )
        )
    recs += [
        ["Total convenios marco: 9"],
        [],
        ["CONVENIOS DE MOVILIDAD ESTUDIANTIL"],
        ["Universidad socia", "Fecha de firma", "País", "Plazas", "Exención de matrícula"],
    ]
    for pid, pais, dp, signed, plazas, ex, waiver in B2:
        name = PARTNERS[pid][1]["es"]
        rec = [name, dp, pais, plazas, ex]
        damage = []
        if pid == SHIFTED:
            rec = ["", *rec]
            damage = ["shifted"]
        recs.append(rec)
        rows.append(
            row(
                "altamira",
                pid,
                {"row": len(recs)},
                signed,
                dp,
                "two-blocks-csv",
                en=name,
                waiver=waiver,
                damage=damage,
                agreement_type="Convenio de movilidad",
            )
        )
    recs.append(["Total convenios de movilidad: 8"])
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(recs)
    (out / "g03-altamira.csv").write_bytes(buf.getvalue().encode("utf-8"))
    return doc(
        "g03-altamira.csv",
        "csv",
        "altamira",
        "es",
        TITLE,
        AS_OF[0],
        AS_OF[1],
        "two-blocks-csv",
        "semicolon CSV exported in two blocks, each with its own title and header, the "
        "columns in another order: `País;Universidad socia;Fecha de firma;Vigencia`, then "
        "`Universidad socia;Fecha de firma;País;Plazas;Exención de matrícula`; Spanish "
        "dates `12 de marzo de 2018`, `marzo de 2016`, day-first `3/05/2019`",
        rows,
        damage=["shifted"],
        totals=[
            {
                "scope": "CONVENIOS MARCO DE COOPERACIÓN ACADÉMICA",
                "text": "Total convenios marco: 9",
                "unit": "agreements",
                "value": 9,
            },
            {
                "scope": "CONVENIOS DE MOVILIDAD ESTUDIANTIL",
                "text": "Total convenios de movilidad: 8",
                "unit": "agreements",
                "value": 8,
            },
        ],
        notes=[
            "Universidad de Friburgo twice: Alemania (Freiburg im Breisgau) and Suiza "
            "(Fribourg); Universidad de los Andes twice: Colombia and Chile (namesakes)",
            "Universidad de Buenos Aires in both blocks: two agreements, two rows",
            "block 1 has no waiver column: null; block 2 Sí/No",
            "Laval's record begins with an empty cell (shifted right by one), read as a "
            "person reads it",
            "slash dates are day-first (Spanish; 23/10/2014, 28/02/2018 in the same columns)",
            "`Total convenios marco: 9` right; `Total convenios de movilidad: 8` wrong (7)",
        ],
    )
