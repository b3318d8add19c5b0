"""Reading numbers written in digits or words: "twenty one", "1.5 million", "a hundred".

Texts given to ``read_number``, ``canonical_numbers`` and ``mentions_number`` are already
normalised (``normalise.normalise``): lower case, hyphens turned into spaces, thousands
separators removed. ``parse_number`` reads an answer as a teacher typed it, ``number_in`` finds
the first number in a text as it is written (for writing other numbers the same way), and
``spelled_number`` writes a small number in words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from quizapp.domain.text.normalise import LEADING_ARTICLES, fold


def _numbered(words: str, start: int, step: int = 1) -> dict[str, int]:
    return {word: start + step * index for index, word in enumerate(words.split())}


_UNITS = _numbered("one two three four five six seven eight nine", 1)
_TEENS = _numbered(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen", 10
)
_TENS = _numbered("twenty thirty forty fifty sixty seventy eighty ninety", 20, step=10)
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_ORDINALS = {
    "first": "one",
    "second": "two",
    "third": "three",
    "fifth": "five",
    "eighth": "eight",
    "ninth": "nine",
    "twelfth": "twelve",
}
_DIGITS = re.compile(r"^\d+(?:\.\d+)?$")

# Which kinds of number word may follow which ("twenty one", "one hundred and five").
_FOLLOWERS: dict[str | None, frozenset[str]] = {
    None: frozenset({"unit", "teen", "tens", "zero", "a", "digits", "hundred", "scale"}),
    "a": frozenset({"hundred", "scale"}),
    "digits": frozenset({"hundred", "scale"}),
    "unit": frozenset({"hundred", "scale"}),
    "teen": frozenset({"hundred", "scale"}),
    "tens": frozenset({"unit", "scale"}),
    "hundred": frozenset({"unit", "teen", "tens", "and", "scale"}),
    "scale": frozenset({"unit", "teen", "tens", "and"}),
    "and": frozenset({"unit", "teen", "tens"}),
    "zero": frozenset(),
}


def _cardinal_of_ordinal(word: str) -> str | None:
    if word in _ORDINALS:
        return _ORDINALS[word]
    if word.endswith("ieth") and word[:-4] + "y" in _TENS:
        return word[:-4] + "y"
    if word.endswith("th") and (word[:-2] in _UNITS or word[:-2] in _TEENS):
        return word[:-2]
    if word.endswith("th") and (word[:-2] == "hundred" or word[:-2] in _SCALES):
        return word[:-2]
    return None


def _word_kind(word: str) -> tuple[str, Decimal] | None:
    if word in _UNITS:
        return "unit", Decimal(_UNITS[word])
    if word in _TEENS:
        return "teen", Decimal(_TEENS[word])
    if word in _TENS:
        return "tens", Decimal(_TENS[word])
    if word == "hundred":
        return "hundred", Decimal(100)
    if word in _SCALES:
        return "scale", Decimal(_SCALES[word])
    if word == "zero":
        return "zero", Decimal(0)
    if word in ("a", "and"):
        return word, Decimal(0)
    if _DIGITS.match(word):
        return "digits", Decimal(word)
    return None


def read_number(words: Sequence[str], start: int = 0) -> tuple[Decimal, bool, int] | None:
    """The number written at ``words[start:]``: (value, is it an ordinal, index after it).

    Reads digits ("2.5"), words ("twenty one", "a hundred", "one hundred and five"), digits
    with a scale ("1.5 million") and ordinals ("twenty first"). Words must already be
    normalised (lower case, hyphens turned into spaces).
    """
    total = Decimal(0)
    current = Decimal(0)
    last: str | None = None
    smallest_scale: Decimal | None = None
    best: tuple[Decimal, bool, int] | None = None
    index = start
    while index < len(words):
        word = words[index]
        cardinal = _cardinal_of_ordinal(word)
        kind = _word_kind(cardinal or word)
        if kind is None or kind[0] not in _FOLLOWERS[last]:
            break
        name, value = kind
        if name == "scale" and smallest_scale is not None and value >= smallest_scale:
            break
        if name in ("unit", "teen", "tens", "digits"):
            current += value
        elif name == "a":
            current = Decimal(1)
        elif name == "hundred":
            current = (current or Decimal(1)) * 100
        elif name == "scale":
            total += (current or Decimal(1)) * value
            current = Decimal(0)
            smallest_scale = value
        last = name
        index += 1
        if name not in ("a", "and"):
            best = (total + current, cardinal is not None, index)
        if cardinal is not None:
            break
    return best


def _number_text(value: Decimal, ordinal: bool) -> str:
    text = format(value.normalize(), "f")
    if not ordinal:
        return text
    whole = int(value)
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(whole % 10, "th")
    return f"{whole}{'th' if 11 <= whole % 100 <= 13 else suffix}"


def canonical_numbers(normalised: str) -> str:
    """Every number in a normalised text written in digits: "twenty one" -> "21", "2.0" -> "2"."""
    words = normalised.split()
    out: list[str] = []
    index = 0
    while index < len(words):
        found = read_number(words, index)
        if found is None:
            out.append(words[index])
            index += 1
            continue
        value, ordinal, index = found
        out.append(_number_text(value, ordinal))
    return " ".join(out)


def mentions_number(normalised: str) -> bool:
    """Whether a normalised text has digits or number words (typo tolerance stays off then)."""
    if any(char.isdigit() for char in normalised):
        return True
    for word in normalised.split():
        kind = _word_kind(_cardinal_of_ordinal(word) or word)
        if kind is not None and kind[0] not in ("a", "and"):
            return True
    return False


def parse_number(text: str) -> tuple[Decimal, str] | None:
    """A number at the start of ``text`` and the unit text after it ("1,500 km" -> 1500, "km").

    Accepts digits with thousands separators and decimals, number words ("eight years"), and a
    leading minus sign. None when no number starts the text or more digits follow it.
    """
    stripped = unicodedata.normalize("NFKC", text).strip()
    sign = Decimal(1)
    lowered = stripped.casefold()
    if lowered.startswith(("-", "\u2212")):
        sign, stripped = Decimal(-1), stripped[1:]
    elif lowered.startswith("minus "):
        sign, stripped = Decimal(-1), stripped[6:]
    elif lowered.startswith("+"):
        stripped = stripped[1:]
    if stripped.startswith("."):
        stripped = "0" + stripped
    words = fold(stripped).split()
    while words and words[0] in LEADING_ARTICLES - {"a"}:
        words = words[1:]
    found = read_number(words)
    if found is None or found[1]:
        return None
    value, _, end = found
    unit = " ".join(words[end:])
    if any(char.isdigit() for char in unit):
        return None
    return sign * value, unit


_DIGIT_RUN = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class NumberInText:
    """The first number a text writes ("about 1,500 km"), with the text before and after it
    and its digits as written ("1,500"; "" when it is written in words)."""

    value: Decimal
    before: str
    after: str
    digits: str


def number_in(text: str) -> NumberInText | None:
    """The first number written in ``text``, in digits or else in words ("eight years")."""
    match = _DIGIT_RUN.search(text)
    if match:
        value = Decimal(match.group().replace(",", ""))
        return NumberInText(value, text[: match.start()], text[match.end() :], match.group())
    words = text.split()
    folded = [word.casefold() for word in words]
    for index in range(len(words)):
        found = read_number(folded, index)
        if found is not None and not found[1]:
            value, _, end = found
            return NumberInText(value, " ".join(words[:index]), " ".join(words[end:]), "")
    return None


_SPELLED = {value: word for table in (_UNITS, _TEENS, _TENS) for word, value in table.items()}


def spelled_number(value: int) -> str | None:
    """``value`` in words, for 0 to 99 ("seven", "forty two"); None outside that range."""
    if value == 0:
        return "zero"
    if not 0 < value < 100:
        return None
    if value in _SPELLED:
        return _SPELLED[value]
    return f"{_SPELLED[value - value % 10]} {_SPELLED[value % 10]}"
