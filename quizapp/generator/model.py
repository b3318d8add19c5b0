"""The typed data handed from one generator pass to the next.

analyse -> :class:`ArticleAnalysis`; propose -> :class:`Candidate`; word -> :class:`Drafted`
(a bank entry plus what the checks and the scorer need to know about it). Nothing here knows
the bank schema beyond the plain dict each draft carries.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quizapp.generator.lexicon.frequency import zipf

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


PERSON_NAME = re.compile(r"[A-Z][\w'’.-]+(?: (?:[A-Z][\w'’.-]+|de|da|van|von|bin|al))+")
# Zipf frequencies: a word this common is no part of a name ("Labour", "Across"); a surname
# this rare is a name even when it is mentioned once.
COMMON_WORD = 4.5
# The share of an article's sentences that hold its main facts (a third), whatever their scaled
# importance.
TOP_SENTENCES = 0.33
RARE_SURNAME = 3.5
NOT_FIRST_NAMES = frozenset(
    {
        "across",
        "in",
        "at",
        "from",
        "with",
        "by",
        "for",
        "the",
        "after",
        "before",
        "during",
        "will",
        "can",
        "may",
        "mr",
        "ms",
        "mrs",
        "dr",
    }
)


@dataclass(frozen=True)
class MentionChain:
    """One person or thing: its full form at first mention and the short forms tied to it."""

    label: str
    full: str
    short_forms: tuple[str, ...]
    sentences: tuple[int, ...]  # indexes of the sentences that mention it

    @property
    def count(self) -> int:
        return len(self.sentences)


@dataclass(frozen=True)
class Quote:
    """Something a named speaker said, directly quoted or reported ("X said that ...")."""

    speaker: str  # the full name from the mention chain
    content: str  # the words said, without quotation marks
    sentence: int
    direct: bool
    claim: Span | None = None  # the tokens of ``content`` in the parse
    verb: str = "say"  # the lemma of the saying verb ("argue", "warn")
    introduced: str = ""  # the speaker as the article introduces them, with their role
    side: str = ""  # the group the speaker speaks for ("Oxfam"): whom their "we" means


@dataclass(frozen=True)
class Relation:
    """An explicit cause, effect or contrast in one sentence ("because", "due to", "but")."""

    kind: str  # "cause" or "contrast"
    marker: str  # the word that signals it
    sentence: int
    reason: Span  # the cause (or the contrasting clause), without its marker
    outcome: Span  # the clause the reason explains


@dataclass(frozen=True)
class DatedEvent:
    """A sentence that dates what it reports, with the year it falls in."""

    year: int
    sentence: int
    date_text: str


@dataclass
class ArticleAnalysis:
    """What the analyse pass found out about one parsed article."""

    doc: Doc
    title: str
    sentences: list[Span]
    importance: list[float]  # per sentence, 0..1, the lead and central sentences high
    chains: list[MentionChain]
    quotes: list[Quote]
    relations: list[Relation]
    events: list[DatedEvent]
    topic_words: frozenset[str]  # lemmas of the title and the most recurring nouns
    main_sentence: int  # the sentence that states the article's main claim
    entities: dict[str, list[str]] = field(default_factory=dict)  # label -> texts

    def ranks_high(self, index: int, share: float = TOP_SENTENCES) -> bool:
        """Whether sentence ``index`` is among the article's most important ``share`` of
        sentences. Importance is scaled to the top sentence, so a long feature whose lead
        outweighs the rest has few sentences over a fixed floor; its main facts still rank."""
        ranked = sorted(self.importance, reverse=True)
        if not ranked:
            return False
        cut = ranked[min(len(ranked) - 1, max(0, math.ceil(share * len(ranked)) - 1))]
        return self.importance[index] >= cut

    def rank_of(self, index: int) -> float:
        """Sentence ``index``'s rank by importance as 0..1: 1 for the most important, 0 for
        the least."""
        if len(self.importance) < 2:
            return 1.0
        below = sum(1 for value in self.importance if value < self.importance[index])
        return below / (len(self.importance) - 1)

    def chain_of(self, text: str) -> MentionChain | None:
        """The mention chain a name or short form belongs to."""
        folded = text.casefold()
        for chain in self.chains:
            if folded == chain.full.casefold() or folded in (
                s.casefold() for s in chain.short_forms
            ):
                return chain
        return None

    def people(self) -> list[MentionChain]:
        """The people named in full ("Alan Strickland"), not the parser's misreadings
        ("Across Greece")."""
        speakers = {quote.speaker for quote in self.quotes}
        return [
            chain
            for chain in self.chains
            if chain.label == "PERSON"
            and PERSON_NAME.fullmatch(chain.full)
            and chain.full.split()[0].casefold() not in NOT_FIRST_NAMES
            and not re.search(r"\d|’s\b|'s\b|\b[A-Z]{2,}\b", chain.full)  # "UK Uncut" is a group
            and (chain.full in speakers or zipf(chain.full.split()[-1].casefold()) < COMMON_WORD)
            # named twice (full name, then surname), quoted, or a rare surname: the parser's
            # misreadings of places and titles ("Cole Harbour", "Slave Labour") are none of these
            and (
                chain.count >= 2
                or chain.full in speakers
                or zipf(chain.full.split()[-1].casefold()) < RARE_SURNAME
            )
        ]


@dataclass
class Candidate:
    """Something worth asking about, proposed by one kind, before it is worded."""

    kind: str  # the registered kind that proposed it
    sentence: int  # the source sentence's index
    key: str  # the full form of the answer
    accepted: tuple[str, ...] = ()  # short forms also accepted
    payload: Mapping[str, object] = field(default_factory=dict)  # what the kind needs to word it


@dataclass
class Drafted:
    """A worded question: its bank entry, where it came from, and what it asks for."""

    kind: str
    skill: str
    entry: dict[str, object]  # the bank entry (no id, no confidence yet)
    sentence: int
    key: str
    accepted: tuple[str, ...] = ()
    distractors: tuple[str, ...] = ()
    # the sentences a statement question's options restate: two questions must not share one,
    # or one's true option would expose the other's false one
    option_sentences: tuple[int, ...] = ()
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def prompt(self) -> str:
        return str(self.entry.get("prompt", ""))
