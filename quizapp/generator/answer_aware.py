"""Answer-aware question generation: the question whose answer is a given span of a text.

This is what a teacher uses after selecting words in the article ("ask about this"), and what the
quality benchmark measures against human questions. It runs the generator's own passes on the
selection: the text is parsed and analysed once (kept in a small cache, because a teacher or the
benchmark usually asks several questions about one text), the wording pass proposes questions in
order of preference, each trimmed to the modifiers a person asking it would keep, and the first
one that passes the named checks is asked.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from quizapp.errors import InvalidInput
from quizapp.generator.analysis import analyse
from quizapp.generator.checks import problems_of
from quizapp.generator.language_model import load_pipeline
from quizapp.generator.model import ArticleAnalysis, Drafted
from quizapp.generator.question_trimming import trimmed
from quizapp.generator.references import attach_referents
from quizapp.generator.wording.descriptions import identity_question
from quizapp.generator.wording.realisation import mentions_answer, without_answer
from quizapp.generator.wording.selected_span import set_apart_from_partners, with_fallback
from quizapp.generator.wording.wh_question import question_for

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# The teacher chose the span, so how much its sentence matters to the article is theirs to say.
ASK_DISABLED_CHECKS = ("important",)


@functools.lru_cache(maxsize=32)
def analysed(text: str) -> ArticleAnalysis:
    """The parse and analysis of ``text``; repeated questions about one text reuse them."""
    return analyse(attach_referents(load_pipeline()(text)), "")


def parsed(text: str) -> Doc:
    """The parse of ``text`` (with pronoun referents attached)."""
    return analysed(text).doc


def answer_span(doc: Doc, answer: str, answer_start: int) -> Span:
    """The tokens of ``answer`` at ``answer_start``, kept inside the sentence where it starts."""
    text = doc.text
    if not answer.strip():
        raise InvalidInput("Select some words of the text to ask about.")
    if (
        not 0 <= answer_start < len(text)
        or text[answer_start : answer_start + len(answer)] != answer
    ):
        found = text.find(answer)
        if found < 0:
            raise InvalidInput("The selected words are not in the text.")
        answer_start = found
    # leading/trailing spaces of a selection are not part of the answer
    stripped = answer.strip()
    answer_start += len(answer) - len(answer.lstrip())
    span = doc.char_span(answer_start, answer_start + len(stripped), alignment_mode="expand")
    if span is None or len(span) == 0:
        raise InvalidInput("The selected words are not in the text.")
    sentence = span[0].sent
    end = min(span.end, sentence.end)
    return doc[span.start : end]


# Words that open a noun phrase and mean nothing without the noun after them.
LEADING_DEPS = frozenset({"det", "poss", "predet"})


def with_its_determiners(span: Span) -> Span:
    """``span`` with the determiners and possessives of its noun that the selection left out:
    the wh-phrase takes the place of the whole noun phrase, so that "his" in "for his adaptation
    of the Mass" is not left behind ("... a replacement for his?")."""
    start = span.start
    doc = span.doc
    while (
        start > span.sent.start
        and doc[start - 1].dep_ in LEADING_DEPS
        and doc[start - 1].head.i in range(span.start, span.end)
    ):
        start -= 1
    if doc[start].dep_ == "poss":
        start = min(t.i for t in doc[start].subtree)  # "the city's" belongs with it
    return doc[start : span.end]


def ask(context: str, answer: str, answer_start: int) -> str:
    """One question about ``context`` whose answer is ``answer`` (found at ``answer_start``)."""
    analysis = analysed(context)
    span = with_its_determiners(answer_span(analysis.doc, answer, answer_start))
    candidates = [trimmed(text, span) for text in worded_questions(span)]
    sentence = _sentence_index(analysis, span)
    for text in candidates:
        if not problems_of(_as_draft(text, span, sentence), analysis, disabled=ASK_DISABLED_CHECKS):
            return text
    return candidates[0]


def worded_questions(span: Span) -> list[str]:
    """The questions the wording pass proposes for the answer ``span``, the preferred first.

    A name the text introduces by a description is asked through it ("Who was Edward's
    half-brother?"); otherwise the clause rules ask, one item of a list is set apart from the
    others ("Other than X, ..."), and a question that lost its clause is rebuilt. A question
    that gives the answer away comes after every one that does not, the last resort being the
    preferred one with the answer's words taken out.
    """
    built = question_for(span)
    identity = identity_question(span)
    preferred = [
        *([identity.text] if identity is not None else []),
        with_fallback(span, set_apart_from_partners(span, built)).text,
        with_fallback(span, built).text,
        with_fallback(span, identity_question(span, indefinite=True) or built).text,
    ]
    hidden = [text for text in preferred if not mentions_answer(text, span.text)]
    return list(dict.fromkeys([*hidden, without_answer(preferred[1], span.text)]))


def _sentence_index(analysis: ArticleAnalysis, span: Span) -> int:
    start = span[0].sent.start
    return next(
        (index for index, sentence in enumerate(analysis.sentences) if sentence.start == start), 0
    )


def _as_draft(question: str, span: Span, sentence: int) -> Drafted:
    """The asked question in the shape the named checks read."""
    entry: dict[str, object] = {"type": "short_answer", "prompt": question}
    return Drafted(
        kind="asked", skill="detail", entry=entry, sentence=sentence, key=span.text.strip()
    )
