"""Folding text into the form two answers are compared in, and the small word lists that go with it.

Everything here is pure and deterministic: accents removed, case folded, punctuation turned
into spaces (keeping decimal points and dropping thousands separators inside numbers), leading
articles dropped. Grading and the generator compare texts through ``normalise`` so that both
agree on what "the same text" means.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter plus accents.
_UNDECOMPOSABLE = str.maketrans(
    {"ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE"}
    | {"œ": "oe", "Œ": "OE", "ß": "ss", "þ": "th", "Þ": "Th"}
)
_APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4"
LEADING_ARTICLES = frozenset({"a", "an", "the"})
# Prepositions that only place an answer ("in 2013", "on Tuesday", "from Turkey"); words that
# change the value ("before", "after", "by", "until") are deliberately not here.
LEADING_PREPOSITIONS = frozenset({"in", "on", "at", "during", "from", "inside"})

# Qualifiers and hedges that soften a value without naming another one, longest first so that
# "more than" wins over "more". Each maps to the word it is compared as ("around" = "about").
QUALIFIERS: dict[str, str] = {
    "the beginning of": "early",
    "the start of": "early",
    "the end of": "late",
    "the middle of": "mid",
    "beginning of": "early",
    "start of": "early",
    "end of": "late",
    "middle of": "mid",
    "early": "early",
    "mid": "mid",
    "late": "late",
    "about": "about",
    "around": "about",
    "roughly": "about",
    "approximately": "about",
    "approx": "about",
    "almost": "nearly",
    "nearly": "nearly",
    "some": "about",
    "circa": "about",
    "up to": "up to",
    "as many as": "up to",
    "as much as": "up to",
    "more than": "more than",
    "over": "more than",
    "at least": "at least",
    "less than": "less than",
    "fewer than": "less than",
    "under": "less than",
    "just over": "more than",
    "just under": "less than",
}
# The qualifiers that only soften a value: "about 3,000" claims no more than "3,000" does,
# while "late January" or "more than 200" claim something the plain value does not.
HEDGES = frozenset({"about", "nearly"})
_QUALIFIER_PATTERN = re.compile(
    r"^(?P<qualifier>"
    + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
    + r")\b[\s.-]*(?P<rest>\S.*)$"
)
# "per cent", "percent" and "pct" after a number or a space, "%" anywhere ("20percent" too).
_PER_CENT = re.compile(r"\s*(?:%|(?<![a-z])(?:per\s*cent|pct)\b)", re.IGNORECASE)
_DOTTED_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}(?![A-Za-z])|\b(?:[A-Za-z]\.)+[A-Za-z]\b")
_SPACED_CAPITALS = re.compile(r"\b[A-Z](?:[ .]+[A-Z]\b)+")


def strip_diacritics(text: str) -> str:
    """Remove accents: "Önal" -> "Onal", "Çavuşoğlu" -> "Cavusoglu"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped)


def fold(text: str, *, case_sensitive: bool = False) -> str:
    """NFKC, no accents, case folded, punctuation turned into spaces; spacing left alone.

    Decimal points and thousands separators inside numbers survive ("2.5", "1,000" -> "1000"),
    apostrophes vanish ("Egypt's" -> "egypts"), and ``*`` is kept for wildcard answers.
    """
    text = strip_diacritics(unicodedata.normalize("NFKC", text))
    if not case_sensitive:
        text = text.casefold()
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    kept: list[str] = []
    for position, char in enumerate(text):
        if char.isalnum() or char.isspace() or char == "*":
            kept.append(char)
        elif char in _APOSTROPHES:
            continue
        elif (
            char == "."
            and text[position - 1 : position].isdigit()
            and text[position + 1 : position + 2].isdigit()
        ):
            kept.append(char)
        else:
            kept.append(" ")
    return "".join(kept)


def drop_leading(words: list[str], droppable: frozenset[str]) -> list[str]:
    """``words`` without the leading ones in ``droppable``, always keeping the last word."""
    while len(words) > 1 and words[0].casefold() in droppable:
        words = words[1:]
    return words


def normalise(text: str, *, case_sensitive: bool = False) -> str:
    """The form two answers are compared in: "  The Sedat  Önal!" -> "sedat onal"."""
    words = drop_leading(fold(text, case_sensitive=case_sensitive).split(), LEADING_ARTICLES)
    return " ".join(words)


def without_preposition(normalised: str) -> str:
    """A normalised text without a leading place preposition and article: "in the city" -> "city".

    Returns the text unchanged when it does not open with one of ``LEADING_PREPOSITIONS``.
    """
    words = normalised.split()
    if len(words) < 2 or words[0] not in LEADING_PREPOSITIONS:
        return normalised
    return " ".join(drop_leading(words[1:], LEADING_ARTICLES))


def split_qualifier(text: str) -> tuple[str, str]:
    """A leading qualifier or hedge and the value after it, both as written.

    "early January 2020" -> ("early", "January 2020"); "up to 20%" -> ("up to", "20%");
    "mid-2019" -> ("mid", "2019"). The qualifier comes back in its compared form (``QUALIFIERS``:
    "around" -> "about"), or "" with the text unchanged when there is none.
    """
    stripped = " ".join(text.split())
    match = _QUALIFIER_PATTERN.match(stripped.casefold())
    if match is None:
        return "", text
    rest = stripped[match.start("rest") :]
    return QUALIFIERS[match["qualifier"]], rest


def spell_per_cent(text: str, spelling: str = " percent") -> str:
    """Every per cent spelling written one way: "20 per cent", "20%", "20 pct" -> "20 percent".

    ``spelling="%"`` gives "20%", which ``normalise`` folds to "20", as it does a typed "20%".
    """
    return _PER_CENT.sub(spelling, text)


def join_acronyms(text: str) -> str:
    """Acronyms written with dots or spaces closed up: "N.A.T.O." and "N A T O" -> "NATO".

    Only upper-case letters are closed up when spaced, so "a b" in a sentence is left alone.
    """
    text = _DOTTED_ACRONYM.sub(lambda m: m.group().replace(".", ""), text)
    return _SPACED_CAPITALS.sub(lambda m: re.sub(r"[ .]", "", m.group()), text)
