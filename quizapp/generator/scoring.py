"""Score a worded question from named features, each 0..1, with one weight per feature.

A feature is one registered function; the weights sit in :data:`WEIGHTS` so that a fitted
model can replace them without touching the features.
"""

from __future__ import annotations

from collections.abc import Callable

from quizapp.generator.asked_spans import asked_probability
from quizapp.generator.model import ArticleAnalysis, Drafted

Feature = Callable[[Drafted, ArticleAnalysis], float]
FEATURES: dict[str, Feature] = {}

# Kinds a teacher keeps most often get a higher prior.
KIND_PRIOR = {
    "main_idea": 1.0,
    "cause_effect": 0.9,
    "speaker_view": 0.85,
    "who_said": 0.8,
    "true_statement": 0.75,
    "sequence": 0.8,
    "key_fact": 0.6,
    "sentence_cloze": 0.6,
    "sentence_true_false": 0.6,
    "sentence_evidence": 0.6,
    "vocabulary": 0.7,
}
WEIGHTS: dict[str, float] = {
    "importance": 0.35,
    "kind_prior": 0.3,
    "wording": 0.15,
    "prompt_length": 0.1,
    "balanced_options": 0.1,
    "asked_by_people": 0.1,
}
# What "asked_by_people" gives a key that is no words of the article (a definition, a summary):
# about what it gives an average article span, so such kinds neither gain nor lose by it.
NOT_A_SPAN = 0.6


def feature(name: str) -> Callable[[Feature], Feature]:
    def decorate(function: Feature) -> Feature:
        FEATURES[name] = function
        return function

    return decorate


@feature("importance")
def importance(drafted: Drafted, analysis: ArticleAnalysis) -> float:
    """The sentence's importance as scaled to the top sentence, lifted towards its rank in
    the article where that is higher: a feature whose lead outweighs everything still has
    main facts, and a sentence is never worth less for its article being short."""
    if not analysis.importance:
        return 0.0
    scaled = analysis.importance[drafted.sentence]
    return max(scaled, (scaled + analysis.rank_of(drafted.sentence)) / 2)


@feature("kind_prior")
def kind_prior(drafted: Drafted, analysis: ArticleAnalysis) -> float:
    return KIND_PRIOR.get(drafted.kind, 0.5)


@feature("wording")
def wording(drafted: Drafted, analysis: ArticleAnalysis) -> float:
    """How sure the wording pass is of its question (kinds with a fixed prompt: 0.8)."""
    return drafted.features.get("wording", 0.8)


@feature("prompt_length")
def prompt_length(drafted: Drafted, analysis: ArticleAnalysis) -> float:
    words = len(drafted.prompt.split())
    return 1.0 if words <= 20 else max(0.0, 1.0 - (words - 20) / 15)


@feature("balanced_options")
def balanced_options(drafted: Drafted, analysis: ArticleAnalysis) -> float:
    """1 when the key is no longer or shorter than its distractors (length gives nothing away)."""
    if not drafted.distractors:
        return 1.0
    lengths = [len(d) for d in drafted.distractors]
    mean = sum(lengths) / len(lengths)
    return max(0.0, 1.0 - abs(len(drafted.key) - mean) / max(mean, 1.0))


@feature("asked_by_people")
def asked_by_people(drafted: Drafted, analysis: ArticleAnalysis) -> float:
    """How likely people are to ask about the key, by the model fitted on SQuAD spans."""
    sentence = analysis.sentences[drafted.sentence]
    at = sentence.text.find(drafted.key) if drafted.key else -1
    if at < 0:
        return NOT_A_SPAN
    start = sentence.start_char + at
    span = analysis.doc.char_span(start, start + len(drafted.key), alignment_mode="expand")
    if span is None or len(span) == 0:
        return NOT_A_SPAN
    # the entity with the same bounds carries the label the model weighs
    entity = next(
        (e for e in analysis.doc.ents if (e.start, e.end) == (span.start, span.end)), span
    )
    return min(1.0, 2 * asked_probability(entity))


def feature_values(drafted: Drafted, analysis: ArticleAnalysis) -> dict[str, float]:
    values = {name: function(drafted, analysis) for name, function in FEATURES.items()}
    drafted.features.update(values)
    return values


def score(drafted: Drafted, analysis: ArticleAnalysis) -> float:
    """The weighted sum of the features, 0..1."""
    values = feature_values(drafted, analysis)
    total = sum(WEIGHTS.values())
    return round(sum(WEIGHTS[name] * values.get(name, 0.0) for name in WEIGHTS) / total, 3)
