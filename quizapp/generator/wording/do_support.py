"""The clause-order question forms: fronting the wh-phrase and inverting the subject with the
first auxiliary, or adding "do" in the verb's tense ("Turkey deployed troops in January" ->
"When did Turkey deploy troops?"); a wh-word fronted with the rest left in place; and the
in-place fallback that only swaps the answer for the wh-phrase.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizapp.generator import inflection
from quizapp.generator.wording.clause_parts import (
    AUXILIARY_DEPS,
    clause_above,
    clause_tokens,
    participial_adjunct,
    plural_subject,
    short_adjunct,
    short_subject,
    subject_head,
    subject_of,
)
from quizapp.generator.wording.pruning import pruned
from quizapp.generator.wording.realisation import (
    QuestionWords,
    WhQuestion,
    lowered_subject,
    question_text,
    subject_form,
    token_texts,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def stranded_question(answer: Span, wh: str, verb: Token) -> WhQuestion:
    """Front the wh-word and leave everything else of the clause where it was.

    An answer that is one item of a list or the name beside a description takes the list or
    the description with it, so that no "X and" or "his brother," is left hanging.
    """
    question = inverted_question(answer, wh, verb, answer.root, "strand", _gap_of(answer))
    return WhQuestion(question.text, wh, "stranded", question.replaced)


def _gap_of(answer: Span) -> set[int]:
    """The tokens a stranded question leaves out: the answer, its list or its description."""
    gap = {t.i for t in answer}
    node = answer.root
    while node.dep_ == "conj" and node.head != node and node.head.i < node.i:
        node = node.head
    if node != answer.root:
        gap.update(t.i for t in node.subtree)
    else:
        for child in node.children:
            if child.dep_ in ("conj", "cc") or (child.dep_ == "punct" and child.i > node.i):
                gap.update(t.i for t in child.subtree)
    return gap


def inverted_question(
    answer: Span,
    wh: str,
    verb: Token,
    constituent: Token,
    preposition_mode: str,
    removed_tokens: set[int] | None = None,
) -> WhQuestion:
    removed = removed_tokens or {t.i for t in constituent.subtree}
    front = wh
    if constituent.dep_ in ("prep", "agent", "dative") and constituent.i < answer.start:
        if preposition_mode == "strand":
            removed.discard(constituent.i)
        elif preposition_mode == "pied":
            front = constituent.text + " " + wh
    subject = short_subject([t for t in subject_of(verb) if t.i not in removed])
    subject_ids = {t.i for t in subject_of(verb)}
    clause = [t for t in pruned(clause_tokens(verb, removed), removed) if t.i not in removed]
    # an infinitive's "to" is no auxiliary to front: "used drones to block agents" asks
    # "What did criminals block?", the tense coming from the verb that governs the infinitive
    infinitive = [t for t in clause if t.tag_ == "TO" and t.dep_ == "aux" and t.head == verb]
    clause = [t for t in clause if t not in infinitive]
    tense = verb.tag_
    if infinitive and verb.head != verb and verb.head.pos_ in ("VERB", "AUX"):
        tense = verb.head.tag_
    adjunct = participial_adjunct(verb)
    if adjunct:
        tense = _governing_tense(verb)  # "..., racking up 487 yards": the tense of "blew out"
    auxiliaries = [t for t in clause if t.dep_ in AUXILIARY_DEPS and t.head == verb]
    body: list[Token] = []
    moved_to_end: list[Token] = []
    first_subject = min(subject_ids) if subject_ids else verb.i
    for token in clause:
        if token.i in subject_ids:
            continue
        if token.i < first_subject and token.dep_ not in AUXILIARY_DEPS and token.dep_ != "neg":
            # a leading adjunct ("In 2011, ...") cannot stay between the wh-word and the
            # inverted auxiliary; short ones move to the end, long ones are left out.
            if short_adjunct(token, verb):
                moved_to_end.append(token)
            continue
        body.append(token)
    plural = bool(subject) and plural_subject(subject_head(subject))
    if verb.i in subject_ids:
        return in_situ(answer, wh, verb)
    pieces = QuestionWords([front])
    if subject and infinitive:
        subject_words = subject_form(subject)
    else:
        subject_words = lowered_subject(subject) if subject else []
    if auxiliaries:
        first = auxiliaries[0]
        pieces.append(_finite(first, tense, plural) if infinitive else first.text.lower())
        pieces.extend(subject_words)
        pieces.extend(token_texts(t for t in body if t != first))
    elif verb.lemma_ == "be":
        pieces.append(_finite(verb, tense, plural) if infinitive else verb.text.lower())
        pieces.extend(subject_words)
        pieces.extend(token_texts(t for t in body if t != verb))
    elif not subject:
        return in_situ(answer, wh, verb)
    elif (
        verb.tag_ in ("VBN", "VBG")
        and verb.dep_ in ("acl", "relcl", "advcl", "amod")
        and not adjunct
    ):
        be = "were" if plural else "was"
        pieces.append(be)
        pieces.extend(lowered_subject(subject))
        pieces.extend(token_texts(body))
    else:
        pieces.append(inflection.do_support(tense, plural_subject=plural))
        pieces.extend(subject_words)
        for token in body:
            if token == verb:
                pieces.append(verb.lemma_.lower() if verb.lemma_ != "-PRON-" else verb.text)
            else:
                pieces.add_token(token)
    pieces.extend(lowered_subject(moved_to_end))
    return WhQuestion(question_text(pieces), wh, "inverted", tuple(sorted(removed)))


def _governing_tense(verb: Token) -> str:
    """The tag of the finite verb a chain of participles and coordinated verbs hangs from."""
    node = verb
    while node.tag_ in ("VBG", "VBN") and node.dep_ in ("advcl", "conj") and node.head != node:
        node = node.head
    return node.tag_


def _finite(auxiliary: Token, tense: str, plural: bool) -> str:
    """The finite form of an infinitive's "be" or "have" in the tense of the verb above it."""
    lemma = auxiliary.lemma_.lower()
    past = tense in ("VBD", "VBN")
    if lemma == "be":
        return ("were" if plural else "was") if past else ("are" if plural else "is")
    if lemma == "have":
        return "had" if past else ("have" if plural else "has")
    return auxiliary.text.lower()


# Dependents of a verb that open a clause as an adjunct ("In addition, ...", "At standard
# pressure, ...").
ADJUNCT_DEPS = frozenset({"prep", "advmod", "npadvmod", "advcl", "intj"})


def leading_adjuncts(verb: Token, replaced: set[int]) -> set[int]:
    """Tokens of the adjuncts set off by a comma before the wh-phrase of an in-place question:
    with the wh-word first they are left out, as people asking leave them out."""
    first = min(replaced)
    found: set[int] = set()
    for child in verb.children:
        if child.i >= first or child.dep_ not in ADJUNCT_DEPS:
            continue
        subtree = {t.i for t in child.subtree}
        after = child.right_edge.i + 1
        if subtree & replaced or after >= first or verb.doc[after].text != ",":
            continue
        found |= subtree | {after}
    return found


def in_situ(answer: Span, wh: str, verb: Token) -> WhQuestion:
    """Fallback: the clause as it stands with the answer replaced by the wh-phrase."""
    replaced = {t.i for t in answer}
    # "how many astronauts" in place of "two" swallows the noun that follows it
    doc = answer.doc
    for word in wh.split()[1:]:
        following = answer.end + len([i for i in replaced if i >= answer.end])
        if following < len(doc) and doc[following].text == word and wh.split()[0] != word:
            replaced.add(following)
    tokens = clause_tokens(verb, replaced) if verb.pos_ in ("VERB", "AUX") else list(answer.sent)
    opening = leading_adjuncts(verb, replaced)
    pieces = QuestionWords()
    placed = False
    for token in tokens:
        if token.i in opening:
            continue
        if token.i in replaced:
            if not placed:
                pieces.append(wh)
                placed = True
            continue
        pieces.add_token(token)
    if not placed:
        pieces.insert(0, wh)
    if len(pieces) < 3 and verb.head != verb:
        # the answer is the whole clause: ask it in the clause above it instead
        return in_situ(answer, wh, clause_above(verb))
    return WhQuestion(question_text(pieces), wh, "in_situ", tuple(sorted(replaced)))
