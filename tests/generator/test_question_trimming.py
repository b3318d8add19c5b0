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


def test_an_aside_left_hanging_after_a_comma_at_the_end_is_dropped(nlp: Language) -> None:
    text = "The radio network will carry the final across the country, with Dana Cole on air."
    doc = nlp(text)
    answer = answer_span(doc, "across the country", text.index("across"))
    question = "Where will the radio network carry the final, with Dana Cole on air?"
    assert trimmed(question, answer) == "Where will the radio network carry the final?"


def test_a_date_or_a_list_item_after_the_last_comma_stays(nlp: Language) -> None:
    text = "The club moved its ground to the harbour, in 1965."
    doc = nlp(text)
    answer = answer_span(doc, "the harbour", text.index("the harbour"))
    question = "What did the club move its ground to, in 1965?"
    assert trimmed(question, answer) == question
    listed = "The club signed Ames, Berg and Cole."
    doc = nlp(listed)
    answer = answer_span(doc, "Ames", listed.index("Ames"))
    question = "Other than Berg and Cole, who else did the club sign, and when?"
    assert trimmed(question, answer) == question
