"""Typographic folding shared by every place that compares printed names.

NFKC makes full-width letters, digits and brackets ASCII and half-width katakana full-width
(it also folds the half-width ``･`` into ``・``); the Latin middle dot ``·`` and the bullet
``•`` survive NFKC and are mapped to ``・`` explicitly. Nothing else changes: spacing, case
and OCR repairs are each caller's own step.

Three things the loaders and identity share live here once each:

- :func:`fold_key`, the matching key built on the folding (IRI names, country names and
  identity names differ only in what they leave out);
- :data:`UNIVERSITY_ENDING`, the endings of a Japanese university's name (the loaders split
  a partner name after one; identity writes each as 大学 in the key);
- :data:`OCR_SLIPS`, the katakana OCR reads for a kanji of the same shape (the loaders repair
  エ as 工 where a compound follows; identity folds every slip into a name's slip key).
"""

from __future__ import annotations

import re
import unicodedata

_MIDDLE_DOTS = str.maketrans({"\u00b7": "・", "\u2022": "・", "\uff65": "・"})
_SPACES = re.compile(r"\s+")

#: A Japanese university name's ending, longest first: 大学校, the traditional 大學, 大学 and
#: the abbreviation 大 alone.
UNIVERSITY_ENDING = re.compile("大学校|大學|大学|大")

#: OCR slips: katakana that OCR reads where a kanji of the same shape is printed (kana, kanji).
OCR_SLIPS = (("ー", "一"), ("エ", "工"), ("ロ", "口"), ("カ", "力"))


def fold_typography(text: str) -> str:
    """NFKC, and one middle dot ``・`` for ``·``, ``•`` and ``･``.

    >>> fold_typography("化学·材料 ＡＢＣ（本校）")
    '化学・材料 ABC(本校)'
    """
    return unicodedata.normalize("NFKC", text).translate(_MIDDLE_DOTS)


def fold_key(text: str, ignore: re.Pattern[str] = _SPACES) -> str:
    """A matching key: :func:`fold_typography`, case-folded, every match of ``ignore``
    (by default whitespace) removed.

    >>> fold_key("ＡＢＣ 大学"), fold_key("U. S. A.", re.compile(r"[\\s.]+"))
    ('abc大学', 'usa')
    """
    return ignore.sub("", fold_typography(text).casefold())
