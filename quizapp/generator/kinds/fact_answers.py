"""Which entities a key-fact question can fairly ask for: not one item of a list (several
answers would be right), not a phrase the parser may have hung on the wrong noun, not a number
glued into a word or pointing back, not the cut end of a title, not words after a break the
parser joins wrongly, not something the article only reports as a claim, and not a part of a
participle phrase that describes a noun.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizapp.generator.answers import Answer

if TYPE_CHECKING:
    from spacy.tokens import Token


def part_of_list(answer: Answer) -> bool:
    """Whether the answer is one item of a coordination ("Turkey" in "Turkey and Egypt"):
    a question about it would have several right answers."""
    if " and " in answer.text:
        return False  # the whole list is the answer
    root = answer.span.root
    inside = range(answer.span.start, answer.span.end)
    while root.dep_ == "appos" and root.head.i not in inside:
        root = root.head  # "his counterpart, Loza": the description is the list item
    if root.dep_ == "conj" and root.head.i not in inside:
        return True
    phrase = root.head
    if root.dep_ == "pobj" and (
        phrase.dep_ == "conj" or any(c.dep_ == "conj" for c in phrase.children)
    ):
        return True  # "made by the WMO, by UNEP, and by members": a list of phrases
    # "Universal, Warner Brothers, and Sony also run ...": the parser may give the verb two
    # subjects instead of a list
    doc = root.doc
    joined = answer.span.start > 0 and doc[answer.span.start - 1].lower_ in ("and", "or")
    if joined and any(
        c.dep_ == root.dep_ and c.i not in inside for c in root.head.children if c != root
    ):
        return True
    return any(c.dep_ == "conj" and c.i not in inside for c in root.children)


def ambiguous_attachment(answer: Answer) -> bool:
    """Whether the answer sits in a phrase after a comma that the parser hung on a noun other
    than the one before the comma ("the violence ... in Myanmar, also known as Burma")."""
    node = answer.span.root
    while node.head != node:
        if node.dep_ in ("acl", "relcl", "appos") and node.head.pos_ in ("NOUN", "PROPN"):
            start = node.left_edge.i
            doc = node.doc
            if start >= 2 and doc[start - 1].text == "," and doc[start - 2].i != node.head.i:
                near = doc[start - 2]
                if near.pos_ in ("NOUN", "PROPN") and near.head != node.head:
                    return True
        node = node.head
    return False


def refers_back(answer: Answer) -> bool:
    """ "six of which", "One likely reason": a number that points at something said before."""
    doc = answer.span.doc
    end = answer.span.end
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].tag_ in ("WDT", "PRP"):
        return True
    return answer.text.casefold() == "one" and answer.span.root.dep_ == "nummod"


def glued_modifier(answer: Answer) -> bool:
    """A number written into a compound word ("two-letter symbols") is no amount to ask for."""
    doc = answer.span.doc
    end = answer.span.end
    return end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_


# Verbs whose complement is somebody's claim, which the article does not assert.
CLAIMING_VERBS = frozenset(
    {"claim", "allege", "deny", "pretend", "suggest", "speculate", "insist", "rumour", "rumor"}
    # what people believe is no fact: "people think the top 1% own 59%" when they own 23%
    | {"believe", "think", "guess", "imagine", "assume", "perceive", "reckon"}
)


def only_claimed(answer: Answer) -> bool:
    """An answer inside what someone claims or denies ("tried to get them to claim that the
    effort focused only on Europe") or asks about ("whether ..."): asking for it would state
    the claim as a fact."""
    node = answer.span.root
    while node.head != node:
        if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() in CLAIMING_VERBS:
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in node.children):
            return True  # "investigating whether the campaign colluded with Russia"
        node = node.head
    return False


def inside_title(answer: Answer) -> bool:
    """The end of a title the NER cut short ("Half the [World Away]", "Bank of [England]")."""
    doc = answer.span.doc
    start = answer.span.start
    if start < 2 or doc[start - 1].text not in ("the", "of"):
        return False
    before = doc[start - 2]
    return before.is_title and not before.is_sent_start


def after_a_break(answer: Answer) -> bool:
    """An answer after a dash or semicolon that joins two statements in one sentence
    ("... aren't legal yet – only drones up to 25kg will be covered and the FAA points out
    ..."): the parser often joins the halves wrongly, and the question comes out garbled."""
    for token in answer.sentence:
        if token.i >= answer.span.start:
            return False
        if token.text in (";", "–", "—") and token.whitespace_:
            return True
    return False


def in_a_participle_phrase(answer: Answer) -> bool:
    """Whether the verb the answer belongs to is a bare participle: "the Hinduism practised by
    80% of Indians", "novels set 4,000 years ago in India". Such a phrase describes a noun
    rather than tells what happened, and the parser often gives it the wrong subject, so a
    question made of it ("Who set 4,000 years ago in India?") asks nothing the article says."""
    verb = answer.span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBG"):
        return True
    if _after_an_open_apposition(verb):
        return True
    return (
        verb.tag_ == "VBN"
        and verb.dep_ != "ROOT"
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        and any(c.dep_ == "nsubj" for c in verb.children)
    )


def _after_an_open_apposition(verb: Token) -> bool:
    """ "Lendl, the author of novels set in Harwick, ...": a verb straight after its subject's
    apposition, with no comma to close it, is the last noun's participle ("novels set"), not
    what the subject did."""
    doc = verb.doc
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        for apposition in (c for c in subject.children if c.dep_ == "appos"):
            end = max(t.i for t in apposition.subtree)
            if end + 1 == verb.i and doc[end].text != ",":
                return True
    return False
