"""The extra shapes used for a teacher's own selection: one item of a list names the others
("Other than X, what else ...?"), and a question too short to say anything is rebuilt from its
sentence, through who the person is or what they said.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizapp.generator.references import lowered_if_opening
from quizapp.generator.wording.descriptions import identity_question
from quizapp.generator.wording.do_support import in_situ
from quizapp.generator.wording.pruning import pruned
from quizapp.generator.wording.realisation import WhQuestion, question_text, token_texts
from quizapp.generator.wording.word_sets import REPORTING_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


# A list partner longer than this is too much to repeat in front of the question.
PARTNER_WORD_BUDGET = 6


def set_apart_from_partners(answer: Span, built: WhQuestion) -> WhQuestion:
    """ "Other than X, what else ...?" for one item of a list whose other items the question
    dropped.

    Without them the question has several right answers; naming the others leaves one. The
    drafting path asks about whole lists, so only a teacher's own selection goes through this.
    """
    partners = _list_partners(answer)
    if len(partners) != 1 or built.wh not in ("what", "which", "who", "whom"):
        return built
    words = [w for partner in partners for w in partner.split()]
    lowered = built.text.casefold()
    if len(words) > PARTNER_WORD_BUDGET or any(p.casefold() in lowered for p in partners):
        return built
    first, _, rest = built.text.partition(" ")
    if first.casefold() != built.wh:
        return built
    text = f"Other than {' and '.join(partners)}, {first.casefold()} else {rest}"
    return WhQuestion(text, built.wh, built.pattern, built.replaced)


def _list_partners(answer: Span) -> list[str]:
    """The other items of the list ``answer`` belongs to (none when it is not in one)."""
    root = answer.root
    if root.pos_ not in ("NOUN", "PROPN", "NUM"):
        return []
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    items = [first, *_conjuncts_after(first)]
    if len(items) < 2 or _joined_by_or(items):
        return []
    inside = set(range(answer.start, answer.end))
    partners: list[str] = []
    for item in items:
        if item.i in inside:
            continue
        # the item's name only: "Robert Watson in 1997" is named as "Robert Watson"
        nested = {
            t.i
            for c in item.children
            if c.dep_ in ("conj", "cc", "punct", "prep", "relcl", "acl", "appos")
            for t in c.subtree
        }
        tokens = [t for t in item.subtree if t.i not in nested and t.i not in inside]
        if not tokens or any(t.is_punct for t in tokens[1:-1]):
            return []
        partners.append(" ".join(token_texts(tokens)))
    return partners


def _joined_by_or(items: list[Token]) -> bool:
    """ "a stromule, or stroma-containing tubule", "huihui or Muslim medicine": items joined
    by "or" are other names of one thing, or choices, not members of a list."""
    return any(c.dep_ == "cc" and c.lower_ == "or" for item in items for c in item.children)


def _conjuncts_after(token: Token) -> list[Token]:
    found: list[Token] = []
    for child in token.children:
        if child.dep_ == "conj":
            found.append(child)
            found.extend(_conjuncts_after(child))
    return found


# A question shorter than this has lost its clause ("Who?") and is rebuilt from the sentence.
MINIMAL_QUESTION_WORDS = 3


def with_fallback(answer: Span, built: WhQuestion) -> WhQuestion:
    """``built``, or when it says too little, the answer's sentence with the answer replaced
    by the wh-word in its place ("... says what, a mystery shopper from ...?")."""
    if len(built.text.split()) <= MINIMAL_QUESTION_WORDS:
        # "Who said?": who the person is, or else what they said, makes the question
        described = identity_question(answer, indefinite=True) or _speaker_question(answer)
        if described is not None:
            return described
    if len(built.text.split()) >= MINIMAL_QUESTION_WORDS:
        return built
    root = answer.sent.root
    # in place, the answer's own noun stays beside it: "land how many astronauts"
    wh = " ".join(built.wh.split()[:2]) if built.wh.startswith("how ") else built.wh.split()[0]
    fallback = in_situ(answer, wh, root)
    if len(fallback.text.split()) <= len(built.text.split()):
        return built
    return fallback


# Words of the reported clause a "Who said that ...?" question keeps.
REPORTED_WORD_BUDGET = 12


def _speaker_question(answer: Span) -> WhQuestion | None:
    """ "Who said that the decision reflects a growing recognition?" for the speaker of a
    quotation, whose clause alone ("Who said?") says nothing."""
    root = answer.root
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_.lower() not in REPORTING_VERBS:
        return None
    reported = [c for c in verb.children if c.dep_ == "ccomp"]
    if not reported:
        return None
    clause = reported[0]
    tokens = [t for t in clause.subtree if t.dep_ != "mark" and not t.is_punct]
    tokens = pruned(tokens, set(), REPORTED_WORD_BUDGET) if tokens else tokens
    kept = {t.i for t in tokens}
    if tokens and (
        tokens[-1].tag_ in ("JJR", "RBR")
        or (
            tokens[-1].pos_ not in ("NOUN", "PROPN", "NUM", "PRON")
            and any(
                c.i > tokens[-1].i and c.i not in kept and not c.is_punct
                for c in tokens[-1].children
            )
        )
    ):
        return None  # "was a little more [like ...]": the words it needs were cut
    if len(tokens) > REPORTED_WORD_BUDGET:
        # a long quotation is cut after a noun, so that it ends on something said
        cut = [
            i for i, t in enumerate(tokens[:REPORTED_WORD_BUDGET]) if t.pos_ in ("NOUN", "PROPN")
        ]
        tokens = tokens[: cut[-1] + 1] if cut else []
    words = token_texts(tokens)
    if len(words) < 2:
        return None
    words[0] = lowered_if_opening(words[0], tokens[0])
    pieces = ["who", verb.text.lower(), "that", *words]
    return WhQuestion(question_text(pieces), "who", "reported", tuple(t.i for t in answer))
