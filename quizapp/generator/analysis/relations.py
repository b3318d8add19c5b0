"""Explicit cause, effect and contrast inside one sentence: "because", "due to", "as a result
of", "led to", "so that", "despite", "but"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from quizapp.generator.model import Relation

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Two-word prepositions of cause, by their first word and second word.
CAUSE_PREPOSITIONS = {("because", "of"), ("due", "to"), ("thanks", "to"), ("owing", "to")}
CONTRAST_MARKERS = frozenset({"despite", "although", "though"})


def _span(sentence: Span, tokens: list[Token]) -> Span:
    doc = sentence.doc
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    return doc[start:end]


def _clause_without(head: Token, removed: Token) -> list[Token]:
    """The clause of ``head`` without the subtree of ``removed`` and its punctuation."""
    cut = {t.i for t in removed.subtree}
    return [
        t
        for t in head.subtree
        if t.i not in cut and not (t.is_punct and t.i in (head.sent.end - 1,))
    ]


def relations_in(sentences: Sequence[Span]) -> list[Relation]:
    found: list[Relation] = []
    for index, sentence in enumerate(sentences):
        for token in sentence:
            lower = token.lower_
            nxt = sentence.doc[token.i + 1] if token.i + 1 < sentence.end else None
            if (
                lower in ("because", "since")
                and token.dep_ == "mark"
                and token.head.dep_ == "advcl"
            ):
                if lower == "since" and any(t.ent_type_ == "DATE" for t in token.head.subtree):
                    continue  # "since 2010" is time, not cause
                clause = token.head
                reason = [t for t in clause.subtree if t.i != token.i]
                outcome = _clause_without(clause.head, clause)
                if reason and outcome:
                    found.append(
                        Relation(
                            "cause", lower, index, _span(sentence, reason), _span(sentence, outcome)
                        )
                    )
            elif nxt is not None and (lower, nxt.lower_) in CAUSE_PREPOSITIONS:
                objects = [c for c in nxt.children if c.dep_ == "pobj"] or [
                    c for c in token.children if c.dep_ == "pobj"
                ]
                if not objects:
                    continue
                reason = list(objects[0].subtree)
                attached = token.head
                outcome = _clause_without(
                    attached if attached.pos_ in ("VERB", "AUX") else attached.head, token
                )
                if reason and outcome:
                    found.append(
                        Relation(
                            "cause",
                            f"{lower} {nxt.lower_}",
                            index,
                            _span(sentence, reason),
                            _span(sentence, outcome),
                        )
                    )
            elif lower == "result" and token.i >= 2 and sentence.doc[token.i - 2].lower_ == "as":
                if nxt is not None and nxt.lower_ == "of":
                    objects = [c for c in nxt.children if c.dep_ == "pobj"]
                    if objects:
                        reason = list(objects[0].subtree)
                        verb = token.head.head if token.head.pos_ == "ADP" else token.head
                        outcome = [
                            t
                            for t in verb.subtree
                            if t.i not in {x.i for x in reason}
                            and t.i not in range(token.i - 2, nxt.i + 1)
                        ]
                        if outcome:
                            found.append(
                                Relation(
                                    "cause",
                                    "as a result of",
                                    index,
                                    _span(sentence, reason),
                                    _span(sentence, outcome),
                                )
                            )
            elif (
                token.lemma_ == "lead"
                and nxt is not None
                and nxt.lower_ == "to"
                and token.pos_ == "VERB"
            ):
                subjects = [c for c in token.children if c.dep_ == "nsubj"]
                objects = [c for c in nxt.children if c.dep_ == "pobj"]
                if subjects and objects:
                    found.append(
                        Relation(
                            "cause",
                            "led to",
                            index,
                            _span(sentence, list(subjects[0].subtree)),
                            _span(sentence, list(objects[0].subtree)),
                        )
                    )
            elif lower in CONTRAST_MARKERS and token.head is not token:
                part = token.head if lower != "despite" else token
                tokens = [t for t in part.subtree if t.i != token.i]
                if lower == "despite":
                    objects = [c for c in token.children if c.dep_ == "pobj"]
                    tokens = list(objects[0].subtree) if objects else []
                if tokens:
                    main = part.head if part.head is not part else part
                    outcome = _clause_without(main, part)
                    if outcome:
                        found.append(
                            Relation(
                                "contrast",
                                lower,
                                index,
                                _span(sentence, tokens),
                                _span(sentence, outcome),
                            )
                        )
    return found
