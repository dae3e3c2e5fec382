"""Write the ISO 3166-1 alpha-2 → numeric table the query page's map needs, from pycountry.

world-atlas keys its country outlines by the ISO 3166-1 numeric code ("392"); the graph
gives countries by their alpha-2 code (skos:notation "JP"). The table is generated here from
pycountry (the maintained copy of the ISO 3166 data) and committed as JSON, so the page
needs nothing at run time. Run by install.sh: ``python3 country_codes.py country-codes.json``.
"""

from __future__ import annotations

import importlib.metadata
import json
import sys
from pathlib import Path

import pycountry


def table() -> dict[str, dict[str, str]]:
    """``{"JP": {"numeric": "392", "alpha3": "JPN", "name": "Japan"}, …}``, sorted."""
    return {
        country.alpha_2: {"numeric": country.numeric, "alpha3": country.alpha_3,
                          "name": country.name}
        for country in sorted(pycountry.countries, key=lambda c: c.alpha_2)
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write("usage: country_codes.py OUTPUT.json\n")
        return 2
    version = importlib.metadata.version("pycountry")
    data = {"source": f"pycountry {version} (ISO 3166-1)", "codes": table()}
    Path(argv[1]).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
