"""Shortening a question's clause to the length people write: optional parts (asides, adverbial
clauses, coordinated extras, phrases narrowing a noun or the verb) are left out in a fixed order,
farthest from the answer first, and a participle left at the end gets its short complement back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


# Words a question keeps besides its wh-phrase before optional parts are pruned; human
# reading questions rarely run past a dozen words, and the words they drop are asides.
QUESTION_WORD_BUDGET = 14


# Kinds of optional part, pruned in this order: asides on nouns, adverbial clauses and
# loose modifiers, coordinated extras, phrases that narrow a noun, phrases that narrow the verb.
PRUNE_RANKS = (
    frozenset({"relcl", "acl", "appos"}),
    frozenset({"advcl", "npadvmod", "parataxis", "advmod"}),
    frozenset({"prep:verb"}),
    frozenset({"conj"}),
    frozenset({"prep:noun"}),
)


def _prune_kind(token: Token) -> str:
    if token.dep_ == "prep":
        if token.lower_ == "of" and token.head.pos_ in ("NOUN", "PROPN"):
            return "kept"  # "the withdrawal of Turkish troops": the noun needs its complement
        if token.head.pos_ == "ADJ":
            return "kept"  # "proportional to the mass", "ascribed to gravity": needed too
        return "prep:noun" if token.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON") else "prep:verb"
    if token.dep_ == "advmod" and (token.head.pos_ not in ("VERB", "AUX") or token.tag_ == "FW"):
        return "kept"  # "more forceful", "de facto": the adverb is part of the meaning
    return token.dep_


def completes_ranking(token: Token) -> bool:
    """ "the first country in Europe to introduce ...": after "first", "only" or a superlative
    the rest of the phrase says what the ranking is about; so it does after "one of" ("one
    of 22 states that prohibit ...")."""
    if token.dep_ not in ("acl", "relcl", "prep"):
        return False
    noun = token.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NUM":
        return True
    return any(
        c.lower_ in ("first", "last", "only") or c.tag_ == "JJS" or c.ent_type_ == "ORDINAL"
        for c in noun.children
    )


def pruned(tokens: list[Token], keep: set[int], budget: int = QUESTION_WORD_BUDGET) -> list[Token]:
    """``tokens`` with optional parts left out until at most ``budget`` words remain besides
    ``keep`` (the answer), the parts farthest from the answer going first."""
    present = {t.i for t in tokens}

    def words() -> int:
        return sum(1 for t in tokens if t.i in present and t.i not in keep and not t.is_punct)

    if words() <= budget or not keep:
        return tokens
    protected: set[int] = set(keep)
    for index in keep:
        node = tokens[0].doc[index]
        while node.head != node:
            protected.add(node.i)
            node = node.head
        protected.add(node.i)
    anchor = min(keep)
    for rank in PRUNE_RANKS:
        units = [
            t
            for t in tokens
            if t.i in present
            and t.i not in protected
            and _prune_kind(t) in rank
            and not any(d.i in protected for d in t.subtree)
            and not completes_ranking(t)
        ]
        units.sort(key=lambda t: -abs(t.i - anchor))
        for unit in units:
            if words() <= budget:
                return _with_complement(tokens, present, keep)
            if unit.i not in present:
                continue
            span = {d.i for d in unit.subtree}
            present -= span
            doc = unit.doc
            # the comma or conjunction that joined the part goes with it
            before = unit.left_edge.i - 1
            while before >= 0 and before in present and doc[before].dep_ in ("cc", "punct"):
                if doc[before].text in (")", '"'):
                    break
                present.discard(before)
                before -= 1
    return _with_complement(tokens, present, keep)


# The longest complement given back to a participle that would otherwise end a question.
COMPLEMENT_WORDS = 6


def _with_complement(tokens: list[Token], present: set[int], keep: set[int]) -> list[Token]:
    """The ``present`` tokens, with a short part pruned from the right of the last word given
    back when that word is a participle: "wrote to Nature calling [for changes]" must not end
    on "calling", nor "could be ascribed [to gravity]" on "ascribed"."""
    kept = [t for t in tokens if t.i in present]
    words = [t for t in kept if not t.is_punct and t.i not in keep]
    last = words[-1] if words else None
    if last is not None and last.tag_ in ("VBG", "VBN"):
        lost = [c for c in last.rights if c.i not in present and c.i not in keep]
        if (
            lost
            and not any(d.i in keep for d in lost[0].subtree)
            and len(list(lost[0].subtree)) <= COMPLEMENT_WORDS
        ):
            present = present | {d.i for d in lost[0].subtree}
            kept = [t for t in tokens if t.i in present]
    return kept
