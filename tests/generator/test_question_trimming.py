"""Trimming a worded question to the modifiers people keep, on real parses."""

from __future__ import annotations

import json

from spacy.language import Language

from quizapp.generator.answer_aware import answer_span
from quizapp.generator.question_trimming import (
    FEATURES,
    WEIGHTS_FILE,
    candidate_modifiers,
    keep_probability,
    trimmed,
)

TEXT = (
    "The Intergovernmental Panel on Climate Change was established in 1988 by two United "
    "Nations organizations, at least in part, and it meets every year."
)


def test_the_shipped_weights_name_exactly_the_features() -> None:
    saved = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert set(saved["weights"]) == set(FEATURES)
    assert 0.5 < saved["held_out_auc"] <= 1.0


def test_modifiers_that_hold_the_answer_are_never_candidates(nlp: Language) -> None:
    doc = nlp(TEXT)
    answer = answer_span(doc, "two United Nations organizations", TEXT.index("two"))
    roots = list(candidate_modifiers(answer))
    assert roots and all(
        not set(t.i for t in r.subtree) & set(range(answer.start, answer.end)) for r in roots
    )
    assert all(0.0 < keep_probability(root, answer) < 1.0 for root in roots)


def test_an_aside_people_drop_is_taken_out_whole(nlp: Language) -> None:
    doc = nlp(TEXT)
    answer = answer_span(doc, "two United Nations organizations", TEXT.index("two"))
    question = "Who established the Intergovernmental Panel on Climate Change, at least?"
    assert trimmed(question, answer) == (
        "Who established the Intergovernmental Panel on Climate Change?"
    )


def test_a_question_is_never_cut_below_four_words(nlp: Language) -> None:
    doc = nlp(TEXT)
    answer = answer_span(doc, "two United Nations organizations", TEXT.index("two"))
    assert trimmed("Who, at least?", answer) == "Who, at least?"
