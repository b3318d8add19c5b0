"""How likely a reader is to ask about a span: a small logistic model over named features.

The weights in ``asked_spans.json`` were fitted on which spans of SQuAD training paragraphs
people wrote questions about (``bench/confidence_fit.py`` fits them and reports the separation
on held-out articles). Each feature is a named function of a spaCy span, 0..1 or a small count,
so the scoring pass can show why one candidate beats another. Applying the model needs only
the standard library.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.generator.lexicon.frequency import zipf

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

WEIGHTS_FILE = Path(__file__).resolve().parent / "asked_spans.json"
SpanFeature = Callable[["Span"], float]
FEATURES: dict[str, SpanFeature] = {}
ENTITY_GROUPS = {
    "person": {"PERSON"},
    "organisation": {"ORG"},
    "place": {"GPE", "LOC", "FAC"},
    "date": {"DATE", "TIME"},
    "number": {"CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL"},
    "group": {"NORP"},
    "other_entity": {"EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT"},
}
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
OBJECTS = {"dobj", "attr", "oprd", "dative"}


def span_feature(name: str) -> Callable[[SpanFeature], SpanFeature]:
    """Register the decorated function as the feature ``name``."""

    def decorate(function: SpanFeature) -> SpanFeature:
        FEATURES[name] = function
        return function

    return decorate


def _entity_feature(group: str, labels: set[str]) -> SpanFeature:
    def value(span: Span) -> float:
        return 1.0 if span.label_ in labels else 0.0

    value.__doc__ = f"1 for a {group} entity."
    return value


for _group, _labels in ENTITY_GROUPS.items():
    span_feature(f"entity_{_group}")(_entity_feature(_group, _labels))


@span_feature("plain_phrase")
def plain_phrase(span: Span) -> float:
    """1 for a noun phrase that is no named entity."""
    return 0.0 if span.label_ else 1.0


@span_feature("length")
def length(span: Span) -> float:
    """The span's length in words, on a log scale (1 word: 0, 8 words: about 2)."""
    return math.log(len(span))


@span_feature("long")
def long(span: Span) -> float:
    """1 for a span longer than six words, which people seldom select."""
    return 1.0 if len(span) > 6 else 0.0


@span_feature("proper_noun")
def proper_noun(span: Span) -> float:
    return 1.0 if any(token.pos_ == "PROPN" for token in span) else 0.0


@span_feature("has_digit")
def has_digit(span: Span) -> float:
    return 1.0 if any(ch.isdigit() for ch in span.text) else 0.0


@span_feature("subject")
def subject(span: Span) -> float:
    return 1.0 if span.root.dep_ in SUBJECTS else 0.0


@span_feature("object")
def object_(span: Span) -> float:
    return 1.0 if span.root.dep_ in OBJECTS else 0.0


@span_feature("after_preposition")
def after_preposition(span: Span) -> float:
    """1 when a preposition governs the span ("in 1066", "by the Normans")."""
    return 1.0 if span.root.dep_ == "pobj" else 0.0


@span_feature("first_sentence")
def first_sentence(span: Span) -> float:
    return 1.0 if span.sent.start == 0 else 0.0


@span_feature("place_in_sentence")
def place_in_sentence(span: Span) -> float:
    """Where the span starts in its sentence, 0 at the start and 1 at the end."""
    sentence = span.sent
    return (span.start - sentence.start) / max(len(sentence), 1)


@span_feature("sentence_length")
def sentence_length(span: Span) -> float:
    """The sentence's length in tens of words."""
    return len(span.sent) / 10


@span_feature("recurring")
def recurring(span: Span) -> float:
    """1 when the span's head word appears elsewhere in the text (a topic, often not asked)."""
    head = span.root.lemma_.casefold()
    return 1.0 if sum(token.lemma_.casefold() == head for token in span.doc) > 1 else 0.0


@span_feature("rare_head")
def rare_head(span: Span) -> float:
    """How rare the head word is (0 for "the", about 0.7 for a rare word)."""
    return max(0.0, 7.0 - zipf(span.root.lower_)) / 7.0


@span_feature("in_brackets")
def in_brackets(span: Span) -> float:
    doc = span.doc
    before = doc[span.start - 1].text if span.start > 0 else ""
    after = doc[span.end].text if span.end < len(doc) else ""
    return 1.0 if before == "(" or after == ")" else 0.0


def candidate_spans(doc: Doc) -> Iterator[Span]:
    """Every entity and noun phrase of ``doc`` once, without pronouns."""
    seen: set[tuple[int, int]] = set()
    for span in [*doc.ents, *doc.noun_chunks]:
        key = (span.start, span.end)
        if key in seen or all(token.pos_ in ("PRON", "DET", "PUNCT") for token in span):
            continue
        seen.add(key)
        yield span


def feature_values(span: Span) -> dict[str, float]:
    """The named features of ``span``."""
    return {name: function(span) for name, function in FEATURES.items()}


@functools.lru_cache(maxsize=1)
def fitted_weights(path: Path = WEIGHTS_FILE) -> tuple[dict[str, float], float]:
    """The fitted weight of each feature and the intercept."""
    loaded = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in loaded["weights"].items()}, float(loaded["intercept"])


def probability(values: dict[str, float]) -> float:
    """The fitted chance (0..1) that people ask about a span with these feature values."""
    weights, intercept = fitted_weights()
    logit = intercept + sum(weight * values.get(name, 0.0) for name, weight in weights.items())
    return 1.0 / (1.0 + math.exp(-logit))


def asked_probability(span: Span) -> float:
    """The fitted chance that people ask about ``span``."""
    return probability(feature_values(span))
