"""How a Wordnet definition reads to a student: as an answer option, and by its words.

A definition becomes an option by :func:`as_option` (its first clause, no dictionary asides,
a verb's as "To ..."). Its content words, cut to crude stems, tell whether two definitions say
alike (:func:`gloss_stems`, :func:`shares_stem`), whether one gives its word away
(:func:`names_the_word`: "joyous", "full of joy"), and whether a word reads itself, being a
plain derivative of a common one (:func:`transparent`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from quizapp.generator.lexicon import Sense
from quizapp.generator.lexicon.frequency import zipf

# A derived word whose base is this common reads itself ("joyous", "avoidance", "earner").
COMMON_BASE = 4.2
DERIVING_SUFFIXES = (
    "ness",
    "ment",
    "ance",
    "ence",
    "ation",
    "ion",
    "ous",
    "ful",
    "less",
    "ably",
    "ibly",
    "able",
    "ible",
    "ly",
    "er",
    "or",
    "ist",
    "ism",
    "ity",
    "al",
    "ive",
    "y",
)
# A definition ending on one of these needs an object the option does not give.
DANGLING = frozenset(
    {"to", "of", "for", "with", "in", "on", "at", "by", "from", "into", "up", "as", "or", "and"}
)
GLOSS_WORD = re.compile(r"[a-z]+")
# Words of a definition that say nothing about its meaning.
GLOSS_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "or",
        "and",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "be",
        "been",
        "being",
        "that",
        "which",
        "who",
        "whom",
        "this",
        "these",
        "those",
        "it",
        "its",
        "into",
        "something",
        "someone",
        "somebody",
        "one",
        "ones",
        "especially",
        "usually",
        "often",
        "very",
        "more",
        "most",
        "not",
        "no",
        "any",
        "some",
        "such",
        "their",
        "his",
        "her",
        "other",
        "make",
        "do",
        "have",
        "having",
        "become",
        "state",
        "act",
        "quality",
    ]
)


def as_option(definition: str, pos: str) -> str:
    """A definition as an answer option: its first clause, capitalised, no trailing full stop,
    a verb's meaning as "To ..." so that every option of a verb question reads alike."""
    # a leading register note ("(medicine) ...", "(often plural) ...") is no part of the meaning
    text = re.sub(r"^\([^)]*\)\s*", "", definition.strip())
    # a bracketed aside ("(usually by the police)") is a dictionary's, not a reader's, wording
    text = re.sub(r"\s*\([^)]*\)", "", text.split(";")[0]).strip().rstrip(".,:")
    if pos == "v" and not text.casefold().startswith("to "):
        text = "to " + text
    return text[:1].upper() + text[1:]


def stem(word: str) -> str:
    """A crude stem, so that "relations" in a definition meets "relation" in a sentence."""
    return word[:5]


def gloss_stems(texts: Iterable[str]) -> set[str]:
    """The content-word stems of definitions, examples and related words."""
    return {
        stem(word)
        for text in texts
        for word in GLOSS_WORD.findall(text.casefold())
        if word not in GLOSS_STOP and len(word) > 2
    }


def sense_stems(sense: Sense) -> set[str]:
    return gloss_stems([sense.definition, sense.example, *sense.synonyms, *sense.broader])


def shares_stem(word: str, lemma: str) -> bool:
    """Whether two words look like one root ("avoidance"/"avoiding", "aquaculture"/"aquatic",
    "joyous"/"joy")."""
    if len(word) >= 3 and (lemma.startswith(word) or word.startswith(lemma)):
        return True
    if len(word) >= 4 and word in lemma:  # "undeterred": "not deterred"; "metadata": "data"
        return True
    common = 0
    for first, second in zip(word, lemma, strict=False):
        if first != second:
            break
        common += 1
    return common >= 4 and min(len(word), len(lemma)) >= 5


def names_the_word(definition: str, lemma: str) -> bool:
    """Whether a definition gives the word away ("glaringly": "in a glaring manner")."""
    return any(
        shares_stem(word, lemma)
        for word in GLOSS_WORD.findall(definition.casefold())
        if word not in GLOSS_STOP
    )


def transparent(lemma: str) -> bool:
    """Whether the word is a plain derivative of a word every reader knows ("joyous")."""
    for word in {lemma, lemma.removeprefix("un")}:
        for suffix in DERIVING_SUFFIXES:
            if not word.endswith(suffix) or len(word) - len(suffix) < 3:
                continue
            base = word[: -len(suffix)]
            # "avoid-ance", "joy-ous", "nervous-ly": the base must be a word readers know
            for candidate in (base, base + "e", base[:-1]):
                if len(candidate) >= 3 and zipf(candidate) >= COMMON_BASE:
                    return True
    return False


def complete(definition: str) -> bool:
    """Whether a definition reads as a whole option ("give a certain color to" does not)."""
    words = GLOSS_WORD.findall(definition.casefold())
    return bool(words) and words[-1] not in DANGLING and not definition.endswith("…")
