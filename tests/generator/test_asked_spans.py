"""The fitted asked-span confidence: named features of real parses and the shipped weights."""

from __future__ import annotations

import json

from spacy.language import Language

from quizapp.generator.asked_spans import (
    FEATURES,
    WEIGHTS_FILE,
    asked_probability,
    candidate_spans,
    feature_values,
)

TEXT = (
    "The Normans conquered England in 1066 under William the Conqueror. "
    "The conquest changed the language of the country that the Normans ruled."
)


def test_the_shipped_weights_name_exactly_the_features() -> None:
    saved = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert set(saved["weights"]) == set(FEATURES)
    assert 0.5 < saved["held_out_auc"] <= 1.0


def test_features_describe_the_span(nlp: Language) -> None:
    doc = nlp(TEXT)
    spans = {span.text: span for span in candidate_spans(doc)}
    year = feature_values(spans["1066"])
    assert year["entity_date"] == 1.0 and year["has_digit"] == 1.0
    assert year["after_preposition"] == 1.0 and year["first_sentence"] == 1.0
    assert feature_values(spans["The Normans"])["subject"] == 1.0
    assert "that" not in spans  # a pronoun alone is never a candidate


def test_a_date_is_likelier_asked_than_a_plain_repeated_phrase(nlp: Language) -> None:
    doc = nlp(TEXT)
    spans = {span.text: span for span in candidate_spans(doc)}
    year, country = asked_probability(spans["1066"]), asked_probability(spans["the country"])
    assert 0.0 < country < year < 1.0
