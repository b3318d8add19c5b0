"""Questions about an answer inside a noun phrase: a modifier asked as "what N", "whose N",
"how many N" or "what kind of N" ("a Mediterranean climate" -> "what climate"), a complement
asked through its noun ("the concept of inertia" -> "what concept"), and a prepositional phrase
fronted whole around the modified noun.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizapp.generator.wording.clause_parts import AUXILIARY_DEPS, SUBJECT_DEPS, asking_clause
from quizapp.generator.wording.do_support import inverted_question
from quizapp.generator.wording.realisation import WhQuestion, token_texts
from quizapp.generator.wording.subject_questions import subject_question
from quizapp.generator.wording.wh_choice import entity_label
from quizapp.generator.wording.word_sets import (
    LOCATIVE_PREPOSITIONS,
    NUMBER_LABELS,
    TEMPORAL_PREPOSITIONS,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def nested_question(
    answer: Span, wh: str, verb: Token, constituent: Token, preposition_mode: str
) -> WhQuestion:
    if constituent.dep_ in SUBJECT_DEPS:
        return subject_question(answer, wh, verb, constituent)
    host = asking_clause(verb, wh)
    if host != verb:
        # "designed to descend ... to land two astronauts": asked through the clause with a
        # subject, the infinitives staying in place
        if preposition_mode == "pied":
            preposition_mode = "strand"
        return inverted_question(answer, wh, host, constituent, preposition_mode)
    return inverted_question(answer, wh, verb, constituent, preposition_mode)


def inner_phrase_question(answer: Span, verb: Token) -> WhQuestion | None:
    """ "home to many major business districts" asked about "business": the prepositional
    phrase around the modified noun is fronted whole ("To what kind of districts ...?")."""
    noun = answer.root
    while noun.dep_ in MODIFIER_DEPS and noun.head != noun:
        noun = noun.head
    preposition = noun.head
    if noun == answer.root or noun.dep_ != "pobj" or preposition.dep_ != "prep":
        return None
    phrase = determiner_phrase(answer, preposition)
    if phrase is None or phrase.startswith("whose "):
        return None
    removed = {t.i for t in preposition.subtree}
    # "of" stays behind ("What kind of force does it allow the description of?")
    mode = "strand" if preposition.lower_ == "of" else "pied"
    built = inverted_question(answer, phrase, verb, preposition, mode, removed)
    return WhQuestion(built.text, built.wh, "determiner", built.replaced)


def _noun_head(constituent: Token) -> Token:
    if constituent.dep_ in ("prep", "agent"):
        objects = [c for c in constituent.children if c.dep_ == "pobj"]
        if objects:
            return objects[0]
    return constituent


MODIFIER_DEPS = frozenset({"amod", "compound", "nummod", "poss", "nmod", "npadvmod", "quantmod"})


def determiner_phrase(answer: Span, constituent: Token) -> str | None:
    """A wh-determiner phrase for an answer that modifies the constituent's head noun.

    "a Mediterranean climate" asked about "Mediterranean" becomes "what climate"; "Borte's
    marriage" asked about "Borte" becomes "whose marriage"; "eight years" -> "how many years".
    """
    head = _noun_head(constituent)
    if head.pos_ not in ("NOUN", "PROPN") or answer.end > head.i:
        return None
    if entity_label(answer) in ("DATE", "TIME"):
        return None  # "the 2013 ouster" is not "how many ouster"
    node = answer.root
    while node != head:
        if node.dep_ not in MODIFIER_DEPS and node.dep_ not in ("conj", "cc"):
            return None
        node = node.head
    words = [t for t in head.doc[answer.end : head.i + 1] if t.dep_ != "case" and not t.is_punct]
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and len(list(child.subtree)) <= 4:
            words.extend(child.subtree)
    text = " ".join(token_texts(words))
    if not text:
        return None
    if answer.root.dep_ == "poss":
        return "whose " + text
    label = entity_label(answer)
    if label in ("PERCENT", "MONEY"):
        return None  # "a 6% drop" is not "how many drop"
    if label in NUMBER_LABELS or answer.root.pos_ == "NUM":
        return "how many " + text
    if label == "PERSON":
        return "whose " + text
    if (
        not label
        and answer.root.dep_ in ("amod", "compound")
        and answer.root.pos_ in ("ADJ", "NOUN")
    ):
        return "what kind of " + text  # "a closed system" -> "what kind of system"
    return "what " + text


def noun_attached_preposition(answer: Span) -> bool:
    root = answer.root
    noun = root.head.head
    return (
        root.dep_ == "pobj"
        and root.head.dep_ == "prep"
        and root.head.lower_ in LOCATIVE_PREPOSITIONS | TEMPORAL_PREPOSITIONS
        and noun.pos_ == "NOUN"
        and noun.dep_ in ("dobj", "nsubj", "nsubjpass")
    )


COMPLEMENT_PREPOSITIONS = frozenset({"of", "in", "on", "for", "from", "about", "at", "by"})


def complement_phrase(answer: Span, constituent: Token) -> str | None:
    """ "what N" / "whose N" for an answer that completes the constituent's head noun.

    "the concept of inertia" asked about "inertia" becomes "what concept"; "the work of
    Galileo" asked about "Galileo" becomes "whose work".
    """
    head = constituent
    root = answer.root
    if (
        constituent.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr")
        or head.pos_ != "NOUN"
        or root.dep_ != "pobj"
        or root.head.dep_ != "prep"
        or root.head.head != head
        or root.head.lower_ not in COMPLEMENT_PREPOSITIONS
    ):
        return None
    verb = constituent.head
    if entity_label(answer) in NUMBER_LABELS or (
        verb.tag_ in ("VBG", "VBN") and not any(c.dep_ in AUXILIARY_DEPS for c in verb.children)
    ):
        return None  # a measure keeps "how many"; a bare participle has no clause to invert
    words = [t for t in head.lefts if t.dep_ in ("amod", "compound", "nummod")] + [head]
    if any(t.i in range(answer.start, answer.end) for t in words):
        return None
    text = " ".join(token_texts(words))
    if entity_label(answer) == "PERSON" and root.head.lower_ in ("of", "by"):
        return "whose " + text
    return "what " + text
