"""The shipped lexicon of less common English words: their senses and how common they are.

``lexicon.json.gz`` is built from Open English Wordnet by :mod:`.build` (see ``NOTICE.md``
beside it for the attribution and licence). It holds single words between a frequency band's
limits, each with its parts of speech, Zipf frequency and up to six senses. :func:`lexicon`
loads it once per process. ``noun_kinds.json.gz``, built with it, holds for each commoner noun
only the lexicographer file of its first sense; :func:`noun_file` looks a noun up in both.
"""

from __future__ import annotations

import functools
import gzip
import json
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LEXICON_FILE = Path(__file__).resolve().parent / "lexicon.json.gz"
NOUN_KINDS_FILE = LEXICON_FILE.with_name("noun_kinds.json.gz")


@dataclass(frozen=True)
class Sense:
    """One meaning of a word: its Wordnet synset, definition, an example and related words."""

    synset: str
    definition: str
    example: str
    synonyms: tuple[str, ...]
    broader: tuple[str, ...]
    lexfile: str  # Wordnet's lexicographer file ("noun.act"): senses in different files are far


@dataclass(frozen=True)
class Entry:
    """A word in one part of speech ("n", "v", "a" or "r"): its frequency and its senses."""

    lemma: str
    pos: str
    zipf: float
    senses: tuple[Sense, ...]


class Lexicon:
    """Look-ups by word and part of speech, and words of similar frequency for distractors."""

    def __init__(self, words: dict[str, dict[str, Any]]) -> None:
        self._entries: dict[tuple[str, str], Entry] = {}
        by_pos: dict[str, list[Entry]] = {}
        for lemma, parts in words.items():
            for pos, (zipf, senses) in parts.items():
                entry = Entry(
                    lemma,
                    pos,
                    float(zipf),
                    tuple(
                        Sense(
                            s["id"],
                            s["def"],
                            s["ex"],
                            tuple(s["syn"]),
                            tuple(s["broad"]),
                            s["file"],
                        )
                        for s in senses
                    ),
                )
                self._entries[(lemma, pos)] = entry
                by_pos.setdefault(pos, []).append(entry)
        self._by_pos = {
            pos: sorted(entries, key=lambda e: e.zipf) for pos, entries in by_pos.items()
        }
        self._zipfs = {pos: [e.zipf for e in entries] for pos, entries in self._by_pos.items()}

    def __len__(self) -> int:
        return len(self._entries)

    def entry(self, lemma: str, pos: str) -> Entry | None:
        """The word ``lemma`` as part of speech ``pos``, or None when the lexicon lacks it."""
        return self._entries.get((lemma.casefold(), pos))

    def other_parts_of_speech(self, entry: Entry) -> list[str]:
        """The other parts of speech the lexicon knows ``entry``'s word as."""
        return [
            pos
            for pos in ("n", "v", "a", "r")
            if pos != entry.pos and (entry.lemma, pos) in self._entries
        ]

    def near_in_frequency(self, pos: str, zipf: float, spread: float) -> list[Entry]:
        """Words of part of speech ``pos`` whose frequency is within ``spread`` of ``zipf``."""
        zipfs = self._zipfs.get(pos, [])
        low, high = bisect_left(zipfs, zipf - spread), bisect_right(zipfs, zipf + spread)
        return self._by_pos[pos][low:high]


@functools.lru_cache(maxsize=1)
def lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    """The lexicon in ``path`` (the shipped one by default), loaded once."""
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return Lexicon(json.load(stream)["words"])


@functools.lru_cache(maxsize=1)
def common_noun_files(path: Path = NOUN_KINDS_FILE) -> dict[str, str]:
    """The lexicographer file of each commoner noun's first sense, loaded once."""
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        loaded: dict[str, str] = json.load(stream)
        return loaded


def noun_file(lemma: str) -> str | None:
    """Wordnet's lexicographer file ("noun.person", "noun.event") of the first sense of the noun
    ``lemma``, or None when Wordnet lacks the noun."""
    entry = lexicon().entry(lemma, "n")
    if entry is not None:
        return entry.senses[0].lexfile
    return common_noun_files().get(lemma.casefold())
