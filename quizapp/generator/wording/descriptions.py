"""Asking for a name through the description the text gives it ("his half-brother Harthacnut",
"the Egyptian capital, Cairo" -> "Who was Edward's half-brother?", "Which city is the Egyptian
capital?"), with the description read from titles, appositions and loose appositions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizapp.generator.references import lowered_if_opening, surface
from quizapp.generator.wording.clause_parts import SUBJECT_DEPS, loose_apposition, told_in_past
from quizapp.generator.wording.realisation import (
    QUOTE_MARKS,
    WhQuestion,
    question_text,
    token_texts,
)
from quizapp.generator.wording.wh_choice import entity_label, place_wh
from quizapp.generator.wording.word_sets import PERSON_NOUNS, VAGUE_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def described_by(answer: Span) -> Span | None:
    if not loose_apposition(answer.root):
        return None
    doc = answer.doc
    noun = doc[answer.root.left_edge.i - 2]
    return doc[noun.left_edge.i : noun.i + 1]


# Determiners that make a description pick out one thing ("his brother", "the capital").
DEFINITE_MARKERS = frozenset({"the", "his", "her", "its", "their", "this", "that"})


# A description longer than this is a clause of its own, not a name's title.
DESCRIPTION_WORD_BUDGET = 7


def identity_question(
    answer: Span, *, indefinite: bool = False, label: str | None = None
) -> WhQuestion | None:
    """ "Who was Edward's half-brother?" for a name that the text introduces by a description.

    "his half-brother Harthacnut" and "Tolui, Genghis Khan's youngest son" tell who someone is;
    people ask for the name through that description rather than through the rest of the clause.
    Only a definite description counts ("a son, Jochi" says too little to ask by) unless
    ``indefinite`` allows any ("Laura, a mystery shopper from Leeds").
    """
    root = answer.root
    if root.pos_ != "PROPN" or not (label or entity_label(answer)):
        return None
    description = _description_of(answer)
    if description is None:
        return None
    head = _description_head(description)
    if head.pos_ != "NOUN" or head.lemma_.lower() in VAGUE_NOUNS:
        return None
    first = description[0]
    # "deputy administrator for the FAA": a post in a named body is one person's too
    post = any(
        c.dep_ == "prep" and c.lower_ in ("of", "for", "at") and c.i in {t.i for t in description}
        for c in head.children
    )
    if not (
        first.lower_ in DEFINITE_MARKERS
        or first.dep_ == "poss"
        or any(t.dep_ == "poss" for t in description)
        or (post and first.lower_ not in ("a", "an", "one"))
        or indefinite
    ):
        return None
    words = [
        _owner_of(t, answer) if t.tag_ == "PRP$" and surface(t) == t.text else surface(t)
        for t in description
        if t.text not in QUOTE_MARKS
    ]
    if not words or len(question_text(words).split()) > DESCRIPTION_WORD_BUDGET:
        return None
    if sum(1 for t in description if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")) < 2:
        return None  # "the journal" alone could be any journal
    if any(w.lower() in ("his", "her", "its", "their") for w in words):
        return None  # "his brother" means nothing away from the text
    words[0] = lowered_if_opening(words[0], first)
    label = label or entity_label(answer)
    person = label in ("PERSON", "NORP") or head.lemma_.lower() in PERSON_NOUNS
    wh = "who" if person else place_wh(head, label)
    be = "was" if told_in_past(answer) else "is"
    return WhQuestion(question_text([wh, be, *words]), wh, "identity", tuple(t.i for t in answer))


def _owner_of(pronoun: Token, answer: Span) -> str:
    """ "his" in "Edward returned at the invitation of his half-brother" -> "Edward's": the
    subject of the clause, when it is a name; else the pronoun as it stands."""
    node = answer.root
    while node.head != node and not any(c.dep_ in SUBJECT_DEPS for c in node.children):
        node = node.head
    for child in node.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ == "PROPN":
            text = " ".join(token_texts(child.subtree))
            if len(text.split()) <= 4 and all(t.pos_ in ("PROPN", "DET") for t in child.subtree):
                return text + "'s" if not text.endswith("s") else text + "'"
    return pronoun.text


def _description_of(answer: Span) -> list[Token] | None:
    """The words that describe the name ``answer``: its title, or the noun it stands beside."""
    root = answer.root
    doc = answer.doc
    inside = set(range(answer.start, answer.end))
    if loose_apposition(root):
        # "arriving in the Egyptian capital, Cairo," with "Cairo" hung on the verb
        noun = doc[root.left_edge.i - 2]
        tokens = [
            t
            for t in doc[noun.left_edge.i : noun.i + 1]
            if t.text == "-" or (not t.is_punct and t.dep_ not in ("relcl", "acl", "appos"))
        ]
        return tokens or None
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < answer.start:
        described = root.head
        tokens = [
            t
            for t in described.subtree
            if t.i not in {d.i for d in root.subtree}
            and (t.text == "-" or not t.is_punct)
            and t.dep_ not in ("relcl", "acl", "appos")
        ]
        return tokens or None
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i > root.i:
            tokens = [t for t in child.subtree if t.text == "-" or not t.is_punct]
            return tokens or None
    title = [
        t
        for t in doc[root.left_edge.i : answer.start]
        if t.i not in inside and (t.text == "-" or not t.is_punct)
    ]
    if title and any(t.pos_ == "NOUN" and t.head.i in inside for t in title):
        return title
    return None


def _description_head(description: list[Token]) -> Token:
    ids = {t.i for t in description}
    heads = [t for t in description if t.head.i not in ids and t.pos_ in ("NOUN", "PROPN")]
    return heads[-1] if heads else description[-1]
