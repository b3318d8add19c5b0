"""The common nouns that name a person ("architects", "fans", "pharmacist"), read from the list
``person_nouns.txt`` built from Open English Wordnet with the lexicon
(``python -m quizapp.generator.lexicon.build``): the entity recogniser labels names, not the
nouns people are called by, and "who" asks for either.
"""

from __future__ import annotations

import functools
from pathlib import Path

PERSON_NOUNS_FILE = Path(__file__).resolve().parent / "person_nouns.txt"


@functools.lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    """The listed nouns (lemmas, lower case)."""
    lines = PERSON_NOUNS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def names_a_person(lemma: str) -> bool:
    """Whether the noun ``lemma`` is one people are called by ("architect", "fan")."""
    return lemma.casefold() in person_nouns()
