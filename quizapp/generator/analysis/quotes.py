"""Quotes and reported speech with their speakers: '"...," said Alan Strickland' and
'Thut said that the piece had been withdrawn', each with the speaker as the article introduces
them ("Oxfam spokesman Colin Roche") and the group their "we" stands for."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from quizapp.generator.model import MentionChain, Quote
from quizapp.generator.references import keeps_capital

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

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


# Words of a role that say nothing about the person ("a 27-year-old").
MAX_ROLE_WORDS = 10
# ORG only: a place in a role ("a teacher from Leeds") says where someone is from, not whom
# their "we" means
SIDE_LABELS = frozenset({"ORG"})


def _premodifiers(name: Span) -> list[Token]:
    """ "Oxfam spokesman" of "Oxfam spokesman Colin Roche": the words that run up to the name
    and hang from it."""
    doc = name.doc
    words: list[Token] = []
    at = name.start - 1
    while at >= name.sent.start:
        token = doc[at]
        if token.dep_ != "compound" or token.pos_ not in ("NOUN", "PROPN"):
            break
        if token.ent_type_ == "PERSON" or token.text in name.text.split():
            break  # part of a name the parser split ("Van der" of "van der Hoeven")
        if token.head.i not in range(name.start, name.end) and token.head not in words:
            break
        words.insert(0, token)
        at -= 1
    return words


def _apposition(name: Span) -> Span | None:
    """ "a scientist at the Stockholm institute" of "Jan Lundqvist, a scientist at ...": the
    first apposition that is a description, not an age."""
    for child in name.root.children:
        if child.dep_ != "appos" or child.i < name.end or child.pos_ != "NOUN":
            continue
        tokens = [t for t in child.subtree if not (t.is_punct and t.i == child.right_edge.i)]
        if len(tokens) > MAX_ROLE_WORDS or any(t.text in "()—–;" for t in tokens):
            return None
        return name.doc[tokens[0].i : tokens[-1].i + 1]
    return None


def introductions(doc: Doc, chains: Sequence[MentionChain]) -> dict[str, tuple[str, str]]:
    """Full name -> (the person as the article introduces them, the group they speak for)."""
    found: dict[str, tuple[str, str]] = {}
    for entity in doc.ents:
        if entity.label_ != "PERSON":
            continue
        chain = next(
            (c for c in chains if c.label == "PERSON" and entity.text in (c.full, *c.short_forms)),
            None,
        )
        if chain is None or chain.full in found:
            continue
        before = _premodifiers(entity)
        after = _apposition(entity)
        if not before and after is None:
            continue
        role_tokens = [*before, *(after or [])]
        role_indexes = {t.i for t in role_tokens}
        side = next(
            (
                e.text
                for e in doc.ents
                if e.label_ in SIDE_LABELS and role_indexes & set(range(e.start, e.end))
            ),
            "",
        )
        if before:
            # "Transport campaigner Tom Reyes" goes mid-question: only names keep a capital
            words = [t.text if keeps_capital(t) else t.lower_ for t in before]
            introduced = " ".join([*words, chain.full])
        else:
            assert after is not None
            introduced = f"{chain.full}, {after.text},"
        found[chain.full] = (introduced, side)
    return found


def _claim_span(sentence: Span, start_char: int, end_char: int) -> Span | None:
    return sentence.doc.char_span(start_char, end_char, alignment_mode="contract")


def quotes_in(sentences: Sequence[Span], chains: Sequence[MentionChain]) -> list[Quote]:
    """Every attributed quote or reported claim, in article order."""
    found: list[Quote] = []
    last_person = ""
    people = [c for c in chains if c.label == "PERSON"]
    known = introductions(sentences[0].doc, chains) if sentences else {}

    def quote(
        speaker: str, text: str, index: int, direct: bool, claim: Span | None, verb: str
    ) -> None:
        introduced, side = known.get(speaker, (speaker, ""))
        found.append(Quote(speaker, text, index, direct, claim, verb, introduced, side))

    for index, sentence in enumerate(sentences):
        for verb in sentence:
            if verb.pos_ != "VERB" or verb.lemma_.casefold() not in SAYING_VERBS:
                continue
            speaker = _speaker(verb, sentence, chains, last_person)
            if speaker is None:
                continue
            quoted = QUOTED.search(sentence.text)
            if quoted:
                start = sentence.start_char + quoted.start(1)
                claim = _claim_span(sentence, start, start + len(quoted[1]))
                quote(speaker, quoted[1].strip(" ,."), index, True, claim, verb.lemma_)
                break
            clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            if clause is not None and clause.i > verb.i:
                tokens = [t for t in clause.subtree if t.i > verb.i]
                if tokens and tokens[0].lower_ == "that":
                    tokens = tokens[1:]
                text = "".join(t.text_with_ws for t in tokens).strip(" ,.")
                if len(tokens) >= 5 and not any(q in text for q in QUOTE_OPEN):
                    claim = sentence.doc[tokens[0].i : tokens[-1].i + 1]
                    quote(speaker, text, index, False, claim, verb.lemma_)
                    break
        for chain in people:
            if index in chain.sentences:
                last_person = chain.full
    return found
