"""Name keys for identity resolution: which printed names can denote one institution.

A Japanese institution name is folded into its *identity key* in stages; each stage is a
rule with a name, so that a merge can say which rules it needed:

1. ``typography``: NFKC, one middle dot, then every space and middle dot removed and the
   text case-folded (``甲地質大学 (乙市)`` = ``甲地質大学(乙市)``);
2. ``script-variant``: traditional, simplified and Japanese shinjitai kanji folded to one
   form from OpenCC's data (學/学, 汉/漢), and the few words OpenCC cannot know (a kanji
   name and its katakana exonym, 内蒙古/内モンゴル), each with its source: see
   :mod:`kyotei.graph.identity.variants`;
3. ``kana-variant``: the long-vowel mark ー dropped and small kana written full size
   (``チュラロンコーン`` = ``チュラロンコン``): transliterations of one foreign name differ
   in exactly these marks;
4. ``abbreviation``: the university ending of the name (大学, 大学校, 大學, or the
   abbreviation 大 alone) written 大学 (``甲大`` = ``甲大学校``).

OCR slips (the katakana ー エ ロ カ read for the kanji 一 工 口 力) are *not* folded into the
key: a name with one is another key. :attr:`JaName.slip_key` folds them, and the resolver
joins two names on it only with evidence (both printed, in one country: rule ``name.ocr``);
otherwise the pair is a candidate for curation (``candidate.ocr-slip``).

What is *kept* in the key: bracketed qualifiers at the end of a name (``(瀋陽)``, ``(武漢)``,
``(シアトル)``, ``「ラ・サピエンツァ」``, ``(UCL)``) disambiguate homonyms and stay part of
identity; campus names (``…ボンベイ校``) and every other word. What is *removed*: former names
``(旧:…)``, which become alternative labels.

English names (:func:`en_key`) are compared case-folded, without accents, punctuation,
spaces or a leading article.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from kyotei.graph.identity.variants import WordVariant as ScriptVariant
from kyotei.graph.identity.variants import fold_characters, word_variants
from kyotei.graph.model.text import OCR_SLIPS, UNIVERSITY_ENDING, fold_key

__all__ = [
    "STAGES",
    "JaName",
    "NameRules",
    "ScriptVariant",
    "en_key",
    "parse_ja",
    "typographic",
    "unit_key",
]

STAGES = ("typography", "script-variant", "kana-variant", "abbreviation")

_SPACE_OR_DOT = re.compile(r"[\s・]+")
_SLIP_FOLD = str.maketrans({kana: kanji for kana, kanji in OCR_SLIPS})
_SMALL_KANA = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")
_LONG_VOWEL = "ー"
_FORMER = re.compile(r"\s*[(（]\s*旧\s*[:：]\s*(?P<name>[^()（）]*?)\s*[)）]")
_TRAILING_QUALIFIER = re.compile(r"\s*(?:\([^()]*\)|「[^「」]*」|『[^『』]*』)\s*$")
_UNIVERSITY_END = re.compile(f"(?:{UNIVERSITY_ENDING.pattern})$")
_ABBREVIATED = re.compile(r"(?<![学學])大$")
_EN_PUNCT = re.compile(r"[^0-9a-z]+")
_EN_ARTICLE = re.compile(r"^the\s+")


@dataclass(frozen=True, slots=True)
class NameRules:
    """Rule data for the ``script-variant`` stage (the rest of the stages are fixed rules).

    ``NameRules()`` folds nothing (to show what the stage does); :meth:`standard` is the
    rule identity uses: the override words, then OpenCC's character fold.
    """

    variants: tuple[ScriptVariant, ...] = ()
    fold: bool = False

    @classmethod
    def standard(cls) -> NameRules:
        """The override words of :mod:`kyotei.graph.identity.variants` and its character fold."""
        return cls(word_variants(), fold=True)

    def apply(self, text: str) -> str:
        for row in self.variants:
            text = text.replace(typographic(row.variant), typographic(row.canonical))
        return fold_characters(text) if self.fold else text

    def used(self, text: str) -> list[ScriptVariant]:
        """The override words that occur in ``text`` (typographically folded)."""
        folded = typographic(text)
        return [row for row in self.variants if typographic(row.variant) in folded]


def typographic(text: str) -> str:
    """Stage 1: NFKC, middle dots unified, spaces and dots removed, case-folded."""
    return fold_key(text, _SPACE_OR_DOT)


def _kana(text: str) -> str:
    return text.replace(_LONG_VOWEL, "").translate(_SMALL_KANA)


def _ending(core: str) -> str:
    return _UNIVERSITY_END.sub("大学", core)


@dataclass(frozen=True, slots=True)
class JaName:
    """A Japanese institution name taken apart for identity."""

    printed: str
    core: str  # without former names and trailing qualifiers
    qualifiers: tuple[str, ...]  # trailing bracket groups, as printed (kept in the key)
    former: tuple[str, ...]  # former names (旧:…), alternative labels
    core_keys: tuple[str, ...]  # the core's key after each stage of STAGES
    keys: tuple[str, ...]  # the whole key (core and qualifiers) after each stage
    slip_key: str = ""  # the key with the OCR slips of OCR_SLIPS read as kanji

    @property
    def key(self) -> str:
        return self.keys[-1]

    @property
    def base_key(self) -> str:
        """The key without its qualifiers (to find a homonym that dropped them)."""
        return self.core_keys[-1]

    @property
    def abbreviated(self) -> bool:
        return _ABBREVIATED.search(typographic(self.core)) is not None

    def rules_to(self, other: JaName, rules: NameRules) -> list[str]:
        """The stages needed to make this key equal to ``other``'s ([] if the keys differ).

        A stage is needed when the keys differ with that stage left out.
        """
        if self.key != other.key or self.printed == other.printed:
            return []
        needed = [
            stage
            for stage in STAGES
            if parse_ja(self.printed, rules, skip=stage).key
            != parse_ja(other.printed, rules, skip=stage).key
        ]
        if needed:
            return needed
        # several rules would each suffice: name the first stage at which the keys agree
        first = next(i for i in range(len(STAGES)) if self.keys[i] == other.keys[i])
        return [STAGES[first]]


def _stage_keys(
    core: str,
    rules: NameRules,
    *,
    ending: bool = False,
    skip: str | None = None,
    slips: bool = False,
) -> list[str]:
    steps = {
        "typography": (lambda text: typographic(text).translate(_SLIP_FOLD))
        if slips
        else typographic,
        "script-variant": rules.apply,
        "kana-variant": _kana,
        "abbreviation": _ending if ending else (lambda text: text),
    }
    keys: list[str] = []
    text = core
    for stage in STAGES:
        if stage != skip:
            text = steps[stage](text)
        elif stage == "typography":
            text = unicodedata.normalize("NFKC", text).casefold()
        keys.append(text)
    return keys


_PARSED: dict[tuple[str, str | None], JaName] = {}  # parse_ja's answers under _PARSED_RULES
_PARSED_RULES: list[NameRules] = []
_PARSED_MAX = 1 << 19


def parse_ja(name: str, rules: NameRules, *, skip: str | None = None) -> JaName:
    """Take a Japanese institution name apart and compute its key at every stage.

    The answers are kept (a name recurs in every record that prints it) for the rules last
    asked with; other rules start afresh.

    >>> rules = NameRules()
    >>> parse_ja("ナントカ大", rules).key == parse_ja("ナントカ大学校", rules).key
    True
    >>> parse_ja("ナントカ大学 (東京)", rules).key == parse_ja("ナントカ大学", rules).key
    False
    >>> parse_ja("ナントカ大学(旧:ナントカ工業大学)", rules).former
    ('ナントカ工業大学',)
    >>> a, b = parse_ja("ナントカエ科大学", rules), parse_ja("ナントカ工科大学", rules)
    >>> a.key == b.key, a.slip_key == b.slip_key
    (False, True)
    """
    if not _PARSED_RULES or (_PARSED_RULES[0] is not rules and _PARSED_RULES[0] != rules):
        _PARSED.clear()
        _PARSED_RULES[:] = [rules]
    found = _PARSED.get((name, skip))
    if found is None:
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        found = _PARSED[(name, skip)] = _parse_ja(name, rules, skip)
    return found


def _parse_ja(name: str, rules: NameRules, skip: str | None) -> JaName:
    former = tuple(m.group("name") for m in _FORMER.finditer(name))
    core = _FORMER.sub("", name).strip()
    qualifiers: list[str] = []
    while True:
        match = _TRAILING_QUALIFIER.search(core)
        if not match or match.start() == 0:
            break
        qualifiers.insert(0, match.group(0).strip())
        core = core[: match.start()].rstrip()
    core_keys = _stage_keys(core, rules, ending=True, skip=skip)
    qualifier_keys = [_stage_keys(q, rules, skip=skip) for q in qualifiers]
    keys = tuple(core_keys[i] + "".join(q[i] for q in qualifier_keys) for i in range(len(STAGES)))
    slip_key = _stage_keys(core, rules, ending=True, slips=True)[-1] + "".join(
        _stage_keys(q, rules, slips=True)[-1] for q in qualifiers
    )
    return JaName(name, core, tuple(qualifiers), former, tuple(core_keys), keys, slip_key)


def unit_key(name: str, rules: NameRules) -> str:
    """The key of a unit (faculty, institute) name: every stage but the university ending.

    >>> unit_key("工学研究科 ・ 工学部", NameRules()) == unit_key("工学研究科・工学部", NameRules())
    True
    """
    return _stage_keys(name, rules)[-1]


@lru_cache(maxsize=1 << 18)  # a name is printed many times
def en_key(name: str) -> str:
    """The comparison key of an English name.

    >>> en_key("The University of Zürich") == en_key("University of Zurich")
    True
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ")
    text = _EN_ARTICLE.sub("", text.strip())
    return _EN_PUNCT.sub("", text)
