"""Typographic folding shared by every place that compares printed names.

NFKC makes full-width letters, digits and brackets ASCII and half-width katakana full-width
(it also folds the half-width ``･`` into ``・``); the Latin middle dot ``·`` and the bullet
``•`` survive NFKC and are mapped to ``・`` explicitly. Nothing else changes: spacing, case
and OCR repairs are each caller's own step.
"""

from __future__ import annotations

import unicodedata

_MIDDLE_DOTS = str.maketrans({"\u00b7": "・", "\u2022": "・", "\uff65": "・"})


def fold_typography(text: str) -> str:
    """NFKC, and one middle dot ``・`` for ``·``, ``•`` and ``･``.

    >>> fold_typography("化学·材料 ＡＢＣ（本校）")
    '化学・材料 ABC(本校)'
    """
    return unicodedata.normalize("NFKC", text).translate(_MIDDLE_DOTS)
