"""Explicit cause, effect and contrast: "because", "due to", "as a result (of)", "amid", "led
to", "resulted in", "caused", a causal "since" or "after", "despite", "but".

Most relations sit inside one sentence; a sentence opening "As a result," takes its reason from
the sentence before."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from quizapp.generator.model import Relation

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Two-word prepositions of cause, by their first word and second word.
CAUSE_PREPOSITIONS = {("because", "of"), ("due", "to"), ("thanks", "to"), ("owing", "to")}
CONTRAST_MARKERS = frozenset({"despite", "although", "though"})
# Verbs of an "after" clause that mark a time, never a trigger.
TIME_ONLY_VERBS = frozenset(
    {"end", "finish", "begin", "start", "return", "arrive", "leave", "close", "open", "graduate"}
)
# Verbs whose subject causes their object: "Food shortages led to civil unrest".
EFFECT_VERBS = {"lead": "to", "result": "in"}
# What "amid" introduces when it gives a reason, not a scene ("amid scenes of jubilation").
AMID_REASONS = frozenset(
    {
        "fear",
        "concern",
        "worry",
        "protest",
        "criticism",
        "pressure",
        "uncertainty",
        "tension",
        "crisis",
        "speculation",
        "allegation",
        "claim",
        "demand",
        "shortage",
        "outcry",
        "row",
        "controversy",
        "threat",
        "warning",
    }
)


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


def _temporal_since(mark: Token) -> bool:
    """ "since 2010", "ever since she signed", "has grown since ...": a time, not a reason.
    A causal "since" ("since it has not been translated, ...") leaves its main clause without
    a perfect tense."""
    clause = mark.head
    if any(t.ent_type_ in ("DATE", "TIME") for t in clause.subtree):
        return True
    before = mark.doc[mark.i - 1].lower_ if mark.i > 0 else ""
    if before == "ever" or any(c.lower_ == "ever" for c in clause.children):
        return True
    main = clause.head
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in main.children)


def _causer(verb: Token) -> list[Token]:
    """The subject of a causing verb; for "a crisis that has led to ...", the noun the
    relative clause hangs on, without the clause."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects:
        return []
    subject = subjects[0]
    if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        noun = verb.head
        cut = {t.i for t in verb.subtree}
        tokens = [t for t in noun.subtree if t.i not in cut]
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        return tokens
    if subject.pos_ == "PRON":
        return []  # "she led ...": a pronoun is no cause to ask about
    return list(subject.subtree)


def _other_subject(clause: Token, main: Token) -> bool:
    """ "UK Uncut turned to Starbucks after an investigation found ...": a later event with a
    subject of its own is a trigger; "he moved after he graduated" is only a time."""
    if clause.lemma_ in TIME_ONLY_VERBS:
        return False  # "after the hearing had ended": a time, whatever the subject
    mine = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    theirs = [c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not mine or not theirs or mine[0].pos_ == "PRON":
        return False
    return mine[0].lemma_.casefold() != theirs[0].lemma_.casefold()


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
                if lower == "since" and _temporal_since(token):
                    continue  # "since 2010", "has grown since she signed": time, not cause
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
            elif (
                lower == "result"
                and index > 0
                and token.i == sentence.start + 2
                and sentence.doc[token.i - 2].lower_ == "as"
                and nxt is not None
                and nxt.text == ","
            ):
                # "As a result, coal was used ...": the reason is the sentence before
                outcome = [t for t in sentence.root.subtree if t.i > nxt.i]
                previous = sentences[index - 1]
                if outcome:
                    found.append(
                        Relation(
                            "cause",
                            "as a result",
                            index,
                            previous,
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
                token.lemma_ in EFFECT_VERBS
                and nxt is not None
                and nxt.lower_ == EFFECT_VERBS[token.lemma_]
                and token.pos_ == "VERB"
                and not any(c.dep_ == "dobj" for c in token.children)  # "she led the team to"
            ):
                cause = _causer(token)
                objects = [c for c in nxt.children if c.dep_ == "pobj"]
                if cause and objects:
                    marker = "led to" if token.lemma_ == "lead" else "resulted in"
                    found.append(
                        Relation(
                            "cause",
                            marker,
                            index,
                            _span(sentence, cause),
                            _span(sentence, list(objects[0].subtree)),
                        )
                    )
            elif (
                token.lemma_ == "cause"
                and token.pos_ == "VERB"
                # a passive ("is caused by") puts the cause after the verb: not read here
                and not any(c.dep_ == "auxpass" for c in token.children)
            ):
                cause = _causer(token)
                effect = [c for c in token.children if c.dep_ in ("ccomp", "dobj")]
                if cause and effect:
                    found.append(
                        Relation(
                            "cause",
                            # "caused him to withdraw" explains a clause; "caused controversy"
                            # names an effect
                            "caused to" if effect[0].dep_ == "ccomp" else "caused",
                            index,
                            _span(sentence, cause),
                            _span(sentence, list(effect[0].subtree)),
                        )
                    )
            elif lower == "after" and token.dep_ == "mark" and token.head.dep_ == "advcl":
                clause = token.head
                main = clause.head
                if _other_subject(clause, main):
                    reason = [t for t in clause.subtree if t.i != token.i]
                    outcome = _clause_without(main, clause)
                    if reason and outcome:
                        found.append(
                            Relation(
                                "cause",
                                "after",
                                index,
                                _span(sentence, reason),
                                _span(sentence, outcome),
                            )
                        )
            elif lower == "amid" and token.dep_ == "prep":
                objects = [c for c in token.children if c.dep_ == "pobj"]
                if objects and objects[0].lemma_.casefold() in AMID_REASONS:
                    verb = token.head
                    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
                        verb = verb.head
                    outcome = _clause_without(verb, token)
                    if outcome:
                        found.append(
                            Relation(
                                "cause",
                                "amid",
                                index,
                                _span(sentence, list(objects[0].subtree)),
                                _span(sentence, outcome),
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
