"""Questions whose answer is not a noun phrase: a verb phrase ("What did X do?", "What happened
to X?"), a reason or purpose ("Why ...?"), and a name a naming verb gives ("What is the name
of X?").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizapp.generator import inflection
from quizapp.generator.wording.clause_parts import (
    AUXILIARY_DEPS,
    host_clause,
    plural_subject,
    short_subject,
    subject_head,
    subject_of,
    told_in_past,
)
from quizapp.generator.wording.do_support import in_situ, inverted_question
from quizapp.generator.wording.realisation import (
    WhQuestion,
    lowered_subject,
    object_form,
    question_text,
    token_texts,
)
from quizapp.generator.wording.word_sets import NAMING_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def name_question(answer: Span, verb: Token, constituent: Token) -> WhQuestion | None:
    """ "What is the name of X?" for the name that a passive naming verb gives X."""
    if constituent.dep_ != "oprd" or verb.lemma_.lower() not in NAMING_VERBS or verb.tag_ != "VBN":
        return None
    subject = short_subject(subject_of(verb))
    if not subject or any(t.i in range(answer.start, answer.end) for t in subject):
        return None
    passive = [c for c in verb.children if c.dep_ == "auxpass"]
    past = (passive and passive[0].tag_ == "VBD") or (
        not passive and verb.dep_ in ("acl", "relcl") and told_in_past(answer)
    )
    be = "was" if past else "is"
    pieces = ["what", be, "the name of", *object_form(subject)]
    return WhQuestion(question_text(pieces), "what", "inverted", tuple(t.i for t in answer))


# Openings of an answer that gives a reason or a purpose, which "why" asks for.
REASON_OPENINGS = (
    ("in", "an", "attempt", "to"),
    ("in", "an", "effort", "to"),
    ("for", "fear", "of"),
    ("in", "order", "to"),
    ("so", "as", "to"),
    ("so", "that"),
    ("because",),
    ("due", "to"),
    ("owing", "to"),
    ("to",),
)


# Words that say the phrase after them is a cause or a purpose, when a selection starts after
# them ("due to [the expendable nature of the worker]"); a possessive or article may follow.
REASON_LEADS = (
    ("due", "to"),
    ("owing", "to"),
    ("because", "of"),
    ("for", "fear", "of"),
    ("in", "order", "to"),
    ("so", "as", "to"),
    ("in", "an", "attempt", "to"),
    ("in", "an", "effort", "to"),
)


def reason_question(answer: Span) -> WhQuestion | None:
    """ "Why ...?" for an answer that is a purpose or a cause ("to avoid trivialization"), or
    the words a cause's opening introduces ("due to [its electronegativity]")."""
    widened = _with_reason_lead(answer)
    if widened is not None:
        built = reason_question(widened)
        if built is not None:
            return built
    words = [t.lower_ for t in answer[:4]]
    opening = next(
        (o for o in REASON_OPENINGS if tuple(words[: len(o)]) == o and len(answer) > len(o)),
        None,
    )
    if opening is None:
        return None
    after = answer[len(opening)]
    if opening == ("to",) and (after.tag_ != "VB" or after.dep_ != "advcl"):
        return None  # "to" + noun is a direction; "to" + verb as a complement is no purpose
    top = answer.root
    while top.head != top and top.head.i in range(answer.start, answer.end):
        top = top.head
    verb = top.head
    if top.dep_ not in ("advcl", "prep", "acl", "xcomp") or verb == top:
        return None
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    verb = host_clause(verb)
    if not subject_of(verb):
        return None
    removed = {t.i for t in top.subtree} | {t.i for t in answer}
    built = inverted_question(answer, "why", verb, top, "absorb", removed)
    return WhQuestion(built.text, "why", "reason", built.replaced)


def _with_reason_lead(answer: Span) -> Span | None:
    """``answer`` with the cause's or purpose's opening just before it, when there is one."""
    doc = answer.doc
    start = answer.start
    while start > answer.sent.start and doc[start - 1].dep_ in ("poss", "det"):
        start -= 1
    before = [t.lower_ for t in doc[max(answer.sent.start, start - 4) : start]]
    for lead in REASON_LEADS:
        if tuple(before[-len(lead) :]) == lead:
            return doc[start - len(lead) : answer.end]
    return None


def predicate_question(answer: Span) -> WhQuestion:
    """ "What did X do?" for an answer that is the verb phrase itself.

    A passive predicate asks "What happened to X?"; a gerund beside a main verb ("fell from
    his horse while hunting") asks what the main verb's subject was doing.
    """
    verb = answer.root
    subject = subject_of(verb)
    borrowed = False
    if (
        not subject
        and verb.dep_ in ("advcl", "pcomp", "xcomp")
        and verb.head.pos_
        in (
            "VERB",
            "AUX",
        )
    ):
        subject = subject_of(verb.head)
        borrowed = True
    if not subject:
        return in_situ(answer, "what", verb)
    replaced = tuple(t.i for t in answer)
    context = _predicate_context(answer)
    plural = plural_subject(subject_head(subject))
    auxiliaries = [c for c in verb.children if c.dep_ in AUXILIARY_DEPS and c.tag_ != "TO"]
    if any(c.dep_ == "auxpass" for c in auxiliaries):
        tense = auxiliaries[0]
        happen = (
            "happened"
            if tense.tag_ in ("VBD", "VBN") or tense.lower_ in ("was", "were")
            else ("happens")
        )
        if tense.lemma_ not in ("be", "get"):
            happen = f"{tense.lower_} happen"  # "will be grounded" -> "will happen"
        pieces = ["what", happen, "to", *object_form(subject)]
        return WhQuestion(question_text([*pieces, *context]), "what", "predicate", replaced)
    if borrowed and verb.tag_ == "VBG" and not auxiliaries:
        past = verb.head.tag_ == "VBD" or any(
            c.lower_ in ("was", "were", "had") for c in verb.head.children
        )
        be = ("were" if plural else "was") if past else ("are" if plural else "is")
        pieces = ["what", be, *lowered_subject(subject), "doing"]
        return WhQuestion(question_text([*pieces, *context]), "what", "predicate", replaced)
    if auxiliaries and auxiliaries[0].lemma_ != "be":
        front = [auxiliaries[0].lower_]
    else:
        tag = verb.head.tag_ if borrowed else verb.tag_
        front = [inflection.do_support(tag, plural_subject=plural)]
    pieces = ["what", *front, *lowered_subject(subject), "do"]
    return WhQuestion(question_text([*pieces, *context]), "what", "predicate", replaced)


def _predicate_context(answer: Span) -> list[str]:
    """Short phrases on the answer's verb outside the answer ("in light of the landing"),
    which say when or why the asked-for thing happened."""
    verb = answer.root
    inside = set(range(answer.start, answer.end))
    words: list[str] = []
    for child in verb.children:
        if child.i < answer.end or child.dep_ not in ("prep", "npadvmod"):
            continue
        tokens = list(child.subtree)
        if any(t.i in inside for t in tokens) or len(tokens) > PREDICATE_CONTEXT_TOKENS:
            continue
        words.extend(token_texts(t for t in tokens if not t.is_punct))
    return words


# A phrase longer than this is left off a "What did X do?" question.
PREDICATE_CONTEXT_TOKENS = 6
