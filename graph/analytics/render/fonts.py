"""Finding a font that draws Japanese, for the report's figures.

matplotlib lists the fonts it knows in a cache written the first time it runs; a font
installed after that (``apt-get install fonts-noto-cjk`` after the first plot) is missing
from the list although the system has it. So when the list has no CJK family, the fonts that
fontconfig says cover Japanese (``fc-list :lang=ja``) are added to matplotlib's list for this
process, and the search runs again.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from functools import cache
from pathlib import Path

from matplotlib import font_manager

log = logging.getLogger(__name__)

#: Families tried in this order (sans-serif first: the figures' labels are short).
CJK_FAMILIES = ("Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "IPAGothic", "TakaoGothic",
                "VL Gothic", "Source Han Sans JP", "Droid Sans Fallback", "Noto Serif CJK JP",
                "IPAexMincho", "IPAMincho")


def _known() -> set[str]:
    return {f.name for f in font_manager.fontManager.ttflist}


def fontconfig_japanese_files() -> list[Path]:
    """Font files fontconfig says cover Japanese, sans-serif first; [] without fontconfig."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        listed = subprocess.run([fc_list, "--format", "%{file}\n", ":lang=ja"],  # noqa: S603
                                capture_output=True, text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        log.info("fc-list could not list Japanese fonts: %s", exc)
        return []
    files = sorted({Path(line) for line in listed.splitlines() if line.strip()},
                   key=lambda p: ("Sans" not in p.name, "Mono" in p.name, p.name))
    return [p for p in files if p.suffix.lower() in (".ttf", ".otf", ".ttc")]


@cache
def cjk_family() -> str | None:
    """The name of an installed font family that covers Japanese, or None."""
    found = next((family for family in CJK_FAMILIES if family in _known()), None)
    if found is not None:
        return found
    before = _known()
    for path in fontconfig_japanese_files():
        try:
            font_manager.fontManager.addfont(str(path))
        except (OSError, RuntimeError, ValueError) as exc:
            log.info("could not add font %s: %s", path, exc)
    added = _known() - before
    if added:
        log.info("matplotlib's font list was older than the fonts; added from fontconfig: %s",
                 ", ".join(sorted(added)))
    return next((family for family in CJK_FAMILIES if family in _known()),
                min(added) if added else None)


__all__ = ["CJK_FAMILIES", "cjk_family", "fontconfig_japanese_files"]
