"""The parts of the clause a question is made from: the dependent of a verb that holds the answer,
a clause's subject (borrowed from the noun or verb above when it has none), the clause a
question is asked through, and the clause's tokens without what a question leaves out (leading
subordinate clauses, attributions, discourse adverbs, brackets, long asides).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from quizapp.generator.wording.pruning import completes_ranking
from quizapp.generator.wording.word_sets import DISCOURSE_ADVERBS, HEDGING_ADVERBS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


AUXILIARY_DEPS = frozenset({"aux", "auxpass"})


def is_plural(token: Token) -> bool:
    """Whether a noun phrase headed by ``token`` is grammatically plural."""
    if token.tag_ in ("NNS", "NNPS"):
        return True
    return any(child.dep_ == "conj" for child in token.children) or "Plur" in token.morph.get(
        "Number", []
    )


def subject_of(verb: Token) -> list[Token]:
    """The subject tokens of ``verb``'s clause, borrowed from a governing noun or verb if absent."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.tag_ in ("WDT", "WP") and verb.dep_ in ("relcl", "acl"):
                return _noun_phrase_without(verb.head, verb)
            return list(child.subtree)
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return _noun_phrase_without(verb.head, verb)
    if verb.dep_ == "amod" and verb.tag_ in ("VBN", "VBG") and verb.head.pos_ in ("NOUN", "PROPN"):
        # "Californios (dissatisfied with taxes)": the participle describes the noun
        return [t for t in verb.head.lefts if t.dep_ in ("det", "amod", "compound")] + [verb.head]
    if verb.dep_ in ("conj", "xcomp") and verb.head != verb:
        return subject_of(verb.head)
    if participial_adjunct(verb):
        # "The Panthers blew out the Cardinals, racking up 487 yards": who racked them up is
        # the subject of the clause the participle hangs from
        return subject_of(verb.head)
    return []


def participial_adjunct(verb: Token) -> bool:
    """A subjectless "-ing" clause tacked onto a clause ("..., racking up 487 yards", or the
    second of two: "declaring X and banning Y") with no word of its own saying when or why
    ("after racking up" is a time, not the same doing), hung from a clause whose subject is
    someone or something ("there were ..., ranging from" lends no subject)."""
    while verb.tag_ == "VBG" and verb.dep_ == "conj" and verb.head.tag_ == "VBG":
        verb = verb.head
    return (
        verb.tag_ == "VBG"
        and verb.dep_ == "advcl"
        and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
        and not any(c.dep_ == "expl" for c in verb.head.children)
        and verb.head != verb
        # a simple tense only: "has condemned ..., speaking out" is no "did ... speak out"
        and verb.head.tag_ in ("VBD", "VBZ", "VBP")
        and not any(c.dep_ in AUXILIARY_DEPS for c in verb.head.children)
        and not any(c.dep_ in ("mark", "prep", "advmod") and c.i < verb.i for c in verb.children)
        and (verb.i == 0 or verb.doc[verb.i - 1].dep_ != "prep")
    )


def _noun_phrase_without(head: Token, clause: Token) -> list[Token]:
    """The noun phrase around ``head`` without the modifying clause ``clause``."""
    excluded = {t.i for t in clause.subtree}
    tokens = [t for t in head.subtree if t.i not in excluded]
    # a noun phrase reached through a preposition ("with a delegation arriving") stays short:
    # its own right-hand modifiers other than the head are dropped.
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    return tokens


def _is_discardable(child: Token, verb: Token, keep: set[int]) -> bool:
    """Whether a dependent of the clause's verb is left out of the question."""
    if any(t.i in keep for t in child.subtree):
        return False
    dep = child.dep_
    if loose_apposition(child):
        return True
    if dep in SUBJECT_DEPS and child.tag_ in ("WDT", "WP") and verb.dep_ in ("relcl", "acl"):
        return True  # the relative pronoun gives way to the noun it stands for
    if dep in ("mark", "cc", "preconj", "parataxis", "intj", "dep", "meta"):
        return True
    if dep == "conj" and child.pos_ in ("VERB", "AUX"):
        return True
    if dep == "advcl" and (child.i < verb.i or len(list(child.subtree)) > 4):
        return True
    if dep == "prep" and child.lower_ in ("according", "following", "amid"):
        return True
    if dep == "prep" and _refers_back(child):
        return True  # "because of this": the question is read without the sentence before
    if dep == "prep" and any(c.tag_ in ("WDT", "WP") for c in child.children):
        return True  # "on which": the relative clause's link to its noun, not a phrase of it
    if dep == "advmod" and child.lower_ in DISCOURSE_ADVERBS and child.i < verb.i:
        return True
    if dep == "advmod" and child.lower_ in HEDGING_ADVERBS:
        return True
    if dep == "npadvmod" and child.i < verb.i and child.head == verb:
        return False
    return dep == "ccomp" and child.i < verb.i


def _refers_back(phrase: Token) -> bool:
    """A prepositional phrase whose object is a bare "this", "that" or "these"."""
    objects = [t for t in phrase.subtree if t.dep_ == "pobj"]
    return (
        len(objects) == 1
        and objects[0].lower_ in ("this", "that", "these", "those")
        and (objects[0].tag_ == "DT")
    )


def constituent_of(answer: Span) -> tuple[Token, bool]:
    """The dependent of a verb that holds the answer, and whether the answer is nested in it.

    Nested means the answer only modifies the constituent ("2013" in "the 2013 ouster") rather
    than being it (or its object, apposition or coordination).
    """
    node = answer.root
    nested = False
    while node.head != node and node.head.pos_ not in ("VERB", "AUX"):
        if node.dep_ in ("appos", "conj") or (
            node.dep_ == "pobj"
            and node.head.dep_ in ("prep", "agent")
            and (node.head.head.pos_ in ("VERB", "AUX"))
        ):
            pass
        else:
            nested = True
        node = node.head
    return node, nested


def host_clause(verb: Token) -> Token:
    """``verb`` when its clause has a subject (its own or one it borrows), else the nearest
    verb above it that has one (``verb`` itself when none does)."""
    if subject_of(verb) or verb.dep_ == "ROOT":
        return verb
    node = verb.head
    while True:
        if node.pos_ in ("VERB", "AUX") and subject_of(node):
            return node
        if node.head == node:
            return verb
        node = node.head


def untensed_modifier(verb: Token) -> bool:
    """An -ing participle or a to-infinitive describing a noun ("regulations governing X",
    "an incline to disprove X"): it has no tense of its own."""
    to_infinitive = verb.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )
    return verb.dep_ == "acl" and (verb.tag_ == "VBG" or to_infinitive)


def asking_clause(verb: Token, wh: str) -> Token:
    """The verb a question about one of ``verb``'s phrases is asked through: the clause with
    a subject above a small clause, and for a time or place the clause around an untensed
    modifier ("will have regulations governing X by June 2016" -> "By when will ... have
    ...?"; "a fund established in 1989" keeps its own event)."""
    if untensed_modifier(verb) and wh.split()[-1] in ("when", "where", "year"):
        return clause_above(verb)
    return host_clause(verb)


def loose_apposition(token: Token) -> bool:
    """A name after a comma that the parser hung on the verb instead of the noun before it."""
    doc = token.doc
    return (
        token.dep_ == "npadvmod"
        and token.ent_type_ in ("GPE", "LOC", "PERSON", "FAC", "ORG")
        and token.i >= 2
        and doc[token.left_edge.i - 1].text == ","
        and doc[token.left_edge.i - 2].pos_ == "NOUN"
    )


def clause_tokens(verb: Token, keep: set[int]) -> list[Token]:
    """The verb's clause in sentence order, without the parts a question leaves out."""
    dropped: set[int] = set()
    purposes: list[Token] = []
    for child in verb.children:
        if _is_discardable(child, verb, keep):
            if _is_purpose(child, verb):
                purposes.append(child)
            dropped.update(t.i for t in child.subtree)
            if loose_apposition(child):
                dropped.add(child.left_edge.i - 1)
                after = child.right_edge.i + 1
                if after < len(child.doc) and child.doc[after].text == ",":
                    dropped.add(after)
    for token in verb.subtree:
        if token.i in dropped or any(t.i in keep for t in token.subtree):
            continue
        if token.dep_ == "appos" or (
            token.dep_ in ("relcl", "acl")
            and len(list(token.subtree)) > 6
            and not completes_ranking(token)
        ):
            dropped.update(t.i for t in token.subtree)
            # the commas around a dropped aside go with it
            for side in (token.left_edge.i - 1, token.right_edge.i + 1):
                if 0 <= side < len(token.doc) and token.doc[side].text == ",":
                    dropped.add(side)
    dropped.update(_parenthetical_tokens(verb, keep))
    tokens = [t for t in verb.subtree if t.i not in dropped]
    kept_words = sum(1 for t in tokens if t.i not in keep and not t.is_punct)
    if purposes and kept_words < SHORT_CLAUSE_WORDS:
        # "nonconservative forces act to change the energies": with little else left, the
        # purpose is what the question is about
        for purpose in purposes:
            dropped.difference_update(t.i for t in purpose.subtree)
        tokens = [t for t in verb.subtree if t.i not in dropped]
    return _trimmed(tokens)


# A clause with fewer words than this besides the answer keeps its purpose ("to change X").
SHORT_CLAUSE_WORDS = 5


def _is_purpose(child: Token, verb: Token) -> bool:
    """ "to" + verb after the clause's verb: what the action is for."""
    return (
        child.dep_ == "advcl"
        and child.i > verb.i
        and child.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
    )


def _trimmed(tokens: list[Token]) -> list[Token]:
    """``tokens`` without leading and trailing punctuation (a closing bracket stays)."""
    # the verb's own trailing and leading punctuation is noise in a question
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct and tokens[-1].text not in (")",):
        tokens.pop()
    return tokens


def _parenthetical_tokens(verb: Token, keep: set[int]) -> set[int]:
    """Tokens inside brackets (or dashes) in ``verb``'s clause that a question can do without.

    When the clause's own verb is inside the brackets only the brackets go; when the answer
    is, the words around it go with the brackets.
    """
    subtree = list(verb.subtree)
    found: set[int] = set()
    opened: int | None = None
    for position, token in enumerate(subtree):
        if token.text == "(" and opened is None:
            opened = position
        elif token.text == ")" and opened is not None:
            inside = subtree[opened : position + 1]
            ids = {t.i for t in inside}
            if verb.i in ids:
                found.update((inside[0].i, inside[-1].i))
            else:
                found.update(ids - keep)
            opened = None
    return found


# A subject longer than this loses its asides (relative clauses, appositions, brackets).
SUBJECT_WORD_BUDGET = 8


def short_subject(tokens: list[Token]) -> list[Token]:
    """A subject without the asides a question can do without: brackets always, relative
    clauses and appositions when they are set off by a comma or the subject is long ("the
    committee, which had met in secret for months, ..." -> "the committee")."""
    words = [t for t in tokens if not t.is_punct]
    long = len(words) > SUBJECT_WORD_BUDGET
    ids = {t.i for t in tokens}
    dropped: set[int] = set()
    for token in tokens:
        set_off = token.left_edge.i - 1 in ids and token.doc[token.left_edge.i - 1].text == ","
        if (
            (long or set_off)
            and token.dep_ in ("relcl", "acl", "appos")
            and token.head.i in ids
            and token.head.i < token.i
        ):
            dropped.update(t.i for t in token.subtree)
            for side in (token.left_edge.i - 1, token.right_edge.i + 1):
                if side in ids and token.doc[side].text in (",", "(", ")", "—", "–"):
                    dropped.add(side)
    depth = 0
    for token in tokens:
        if token.text == "(":
            depth += 1
        if depth:
            dropped.add(token.i)
        if token.text == ")":
            depth = max(0, depth - 1)
    kept = [t for t in tokens if t.i not in dropped]
    while kept and kept[-1].is_punct:
        kept.pop()
    return kept or tokens


def plural_subject(subject: Token) -> bool:
    """Whether the subject headed by ``subject`` takes a plural verb."""
    return is_plural(subject)


def short_adjunct(token: Token, verb: Token) -> bool:
    top = token
    while top.head != verb and top.head != top:
        top = top.head
    size = len(list(top.subtree))
    return top.dep_ in ("prep", "npadvmod") and 2 <= size <= 4


def subject_head(subject: Sequence[Token]) -> Token:
    ids = {t.i for t in subject}
    for token in subject:
        if token.head.i not in ids or token.head == token:
            return token
    return subject[0]


def clause_above(token: Token) -> Token:
    """The nearest verb above ``token`` (the sentence root when none is)."""
    node = token.head
    while node.pos_ not in ("VERB", "AUX") and node.head != node:
        node = node.head
    return node


def told_in_past(answer: Span) -> bool:
    """Whether the sentence around ``answer`` tells of the past (its main verb's tense)."""
    node = answer.root
    while node.head != node and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    tags = {node.tag_, *(c.tag_ for c in node.children if c.dep_ in AUXILIARY_DEPS)}
    return "VBD" in tags or (node.tag_ == "VBN" and not tags & {"VBZ", "VBP", "MD"})
