"""Quotes and reported speech with their speakers: '"...," said Alan Strickland' and
'Thut said that the piece had been withdrawn'."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from quizapp.generator.model import MentionChain, Quote

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SAYING_VERBS = frozenset(
    {
        "say",
        "tell",
        "add",
        "argue",
        "claim",
        "warn",
        "explain",
        "insist",
        "believe",
        "note",
        "suggest",
        "admit",
        "write",
        "state",
        "announce",
        "predict",
        "describe",
        "think",
        "conclude",
        "point",
    }
)
QUOTE_OPEN = '"“‘'
QUOTED = re.compile(r"[\"“]([^\"“”]{12,})[\"”]")


def _speaker(
    verb: Token, sentence: Span, chains: Sequence[MentionChain], previous: str
) -> str | None:
    """The full name of the verb's subject, when it is a person of a mention chain."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return None
    subject = subjects[0]
    if subject.lower_ in ("he", "she"):
        return previous or None
    words = " ".join(t.text for t in subject.subtree)
    for chain in chains:
        if chain.label != "PERSON":
            continue
        for form in (chain.full, *chain.short_forms):
            if re.search(rf"\b{re.escape(form)}\b", words):
                return chain.full
    return None


def quotes_in(sentences: Sequence[Span], chains: Sequence[MentionChain]) -> list[Quote]:
    """Every attributed quote or reported claim, in article order."""
    found: list[Quote] = []
    last_person = ""
    people = [c for c in chains if c.label == "PERSON"]
    for index, sentence in enumerate(sentences):
        for verb in sentence:
            if verb.pos_ != "VERB" or verb.lemma_.casefold() not in SAYING_VERBS:
                continue
            speaker = _speaker(verb, sentence, chains, last_person)
            if speaker is None:
                continue
            quoted = QUOTED.search(sentence.text)
            if quoted:
                found.append(Quote(speaker, quoted[1].strip(" ,."), index, direct=True))
                break
            clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            if clause is not None and clause.i > verb.i:
                tokens = [t for t in clause.subtree if t.i > verb.i]
                if tokens and tokens[0].lower_ == "that":
                    tokens = tokens[1:]
                text = "".join(t.text_with_ws for t in tokens).strip(" ,.")
                if len(tokens) >= 5 and not any(q in text for q in QUOTE_OPEN):
                    found.append(Quote(speaker, text, index, direct=False))
                    break
        for chain in people:
            if index in chain.sentences:
                last_person = chain.full
    return found
