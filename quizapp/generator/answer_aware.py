"""Answer-aware question generation: the question whose answer is a given span of a text.

This is what a teacher uses after selecting words in the article ("ask about this"), and what the
quality benchmark measures against human questions. The context is parsed once and kept in a
small cache, because a teacher (or the benchmark) usually asks several questions about one text.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from quizapp.errors import InvalidInput
from quizapp.generator.language_model import load_pipeline
from quizapp.generator.question_trimming import trimmed
from quizapp.generator.references import attach_referents
from quizapp.generator.wording.descriptions import identity_question
from quizapp.generator.wording.realisation import mentions_answer, without_answer
from quizapp.generator.wording.selected_span import set_apart_from_partners, with_fallback
from quizapp.generator.wording.wh_question import question_for

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@functools.lru_cache(maxsize=32)
def parsed(text: str) -> Doc:
    """The parse of ``text``; repeated questions about one text reuse it."""
    return attach_referents(load_pipeline()(text))


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


def ask(context: str, answer: str, answer_start: int) -> str:
    """One question about ``context`` whose answer is ``answer`` (found at ``answer_start``),
    trimmed to the modifiers a person asking it would keep."""
    span = answer_span(parsed(context), answer, answer_start)
    return trimmed(worded_question(span), span)


def worded_question(span: Span) -> str:
    """The question the clause rules word for the answer ``span``.

    A name the text introduces by a description is asked through it ("Who was Edward's
    half-brother?"); otherwise the clause rules ask, one item of a list is set apart from the
    others ("Other than X, ..."), and a question that lost its clause is rebuilt.
    """
    identity = identity_question(span)
    if identity is not None and not mentions_answer(identity.text, span.text):
        return identity.text
    built = question_for(span)
    chosen = with_fallback(span, set_apart_from_partners(span, built)).text
    if not mentions_answer(chosen, span.text):
        return chosen
    # the answer must not be given away: the next form that leaves it out, or the chosen one
    # with the answer's words taken out
    candidates = [
        with_fallback(span, built).text,
        with_fallback(span, identity_question(span, indefinite=True) or built).text,
    ]
    for candidate in candidates:
        if not mentions_answer(candidate, span.text):
            return candidate
    return without_answer(chosen, span.text)
