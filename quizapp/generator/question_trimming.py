"""Trim a worded question to the words a person would keep: a learned choice of modifiers.

A question built from its sentence keeps every modifier of the clause ("What was the panel
established in 1988 by two United Nations organizations, endorsed by ...?"); people asking the
same question keep few ("What established the IPCC?"). Each modifier of the sentence (a
prepositional phrase, an apposition, a clause, ...) that the question repeats word for word is
weighed by a logistic model fitted on which modifiers human questions keep in SQuAD training
paragraphs (``bench/trimming_fit.py``; weights in ``question_trimming.json``); those people
would most likely drop are taken out, whole, so the question stays grammatical. A modifier
left hanging after a comma at the very end of the question goes too (see
``without_trailing_aside``).
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

WEIGHTS_FILE = Path(__file__).resolve().parent / "question_trimming.json"
# Modifiers the model weighs; a subject, object or verb is never taken out.
MODIFIERS = ("prep", "appos", "advcl", "acl", "relcl", "npadvmod", "advmod", "conj", "amod")
# A modifier is taken out when the fitted chance that people keep it is below this (chosen on
# the held-out training articles: higher values cut words people keep).
KEEP_BELOW = 0.1
MIN_WORDS = 4
ModifierFeature = Callable[["Token", "Span"], float]
FEATURES: dict[str, ModifierFeature] = {}


def modifier_feature(name: str) -> Callable[[ModifierFeature], ModifierFeature]:
    """Register the decorated function as the feature ``name`` of a modifier and the answer."""

    def decorate(function: ModifierFeature) -> ModifierFeature:
        FEATURES[name] = function
        return function

    return decorate


def _dependency_feature(label: str) -> ModifierFeature:
    def value(root: Token, answer: Span) -> float:
        return 1.0 if root.dep_ == label else 0.0

    return value


for _label in MODIFIERS:
    modifier_feature(f"dep_{_label}")(_dependency_feature(_label))


def _tokens(root: Token) -> list[Token]:
    return list(root.subtree)


@modifier_feature("length")
def length(root: Token, answer: Span) -> float:
    return math.log(len(_tokens(root)))


@modifier_feature("distance")
def distance(root: Token, answer: Span) -> float:
    """Words between the modifier and the answer, in tens."""
    tokens = _tokens(root)
    if tokens[-1].i < answer.start:
        return (answer.start - tokens[-1].i) / 10
    return max(0, tokens[0].i - answer.end) / 10


@modifier_feature("before_answer")
def before_answer(root: Token, answer: Span) -> float:
    return 1.0 if root.i < answer.start else 0.0


@modifier_feature("sibling_of_answer")
def sibling_of_answer(root: Token, answer: Span) -> float:
    """1 when the modifier and the answer hang from the same word."""
    return 1.0 if root.head == answer.root.head else 0.0


@modifier_feature("modifies_answer_path")
def modifies_answer_path(root: Token, answer: Span) -> float:
    """1 when the modifier hangs from a word above the answer (its verb, its clause)."""
    return 1.0 if root.head in list(answer.root.ancestors) else 0.0


@modifier_feature("has_entity")
def has_entity(root: Token, answer: Span) -> float:
    return 1.0 if any(t.ent_type_ for t in _tokens(root)) else 0.0


@modifier_feature("has_date")
def has_date(root: Token, answer: Span) -> float:
    return 1.0 if any(t.ent_type_ in ("DATE", "TIME") for t in _tokens(root)) else 0.0


@modifier_feature("has_digit")
def has_digit(root: Token, answer: Span) -> float:
    return 1.0 if any(t.like_num for t in _tokens(root)) else 0.0


@modifier_feature("after_comma")
def after_comma(root: Token, answer: Span) -> float:
    """1 for a modifier set off by a comma or a bracket (an aside)."""
    first = _tokens(root)[0]
    return 1.0 if first.i > 0 and first.nbor(-1).text in (",", "(", "–", "—") else 0.0


def candidate_modifiers(answer: Span) -> Iterator[Token]:
    """Roots of the sentence's modifiers that neither hold nor are held by the answer."""
    answer_tokens = set(range(answer.start, answer.end))
    for token in answer.sent:
        if token.dep_ not in MODIFIERS:
            continue
        covered = {t.i for t in token.subtree}
        if covered & answer_tokens or token in answer.root.ancestors:
            continue
        yield token


def feature_values(root: Token, answer: Span) -> dict[str, float]:
    return {name: function(root, answer) for name, function in FEATURES.items()}


@functools.lru_cache(maxsize=1)
def fitted_weights(path: Path = WEIGHTS_FILE) -> tuple[dict[str, float], float]:
    loaded = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in loaded["weights"].items()}, float(loaded["intercept"])


def keep_probability(root: Token, answer: Span) -> float:
    """The fitted chance that a person asking about ``answer`` keeps this modifier."""
    weights, intercept = fitted_weights()
    values = feature_values(root, answer)
    logit = intercept + sum(weights[name] * values.get(name, 0.0) for name in weights)
    return 1.0 / (1.0 + math.exp(-logit))


def _subtree_text(root: Token) -> str:
    tokens = _tokens(root)
    return root.doc[tokens[0].i : tokens[-1].i + 1].text


def trimmed(question: str, answer: Span) -> str:
    """``question`` without the modifiers people asking about ``answer`` would leave out."""
    result = question
    for root in sorted(candidate_modifiers(answer), key=lambda t: -len(list(t.subtree))):
        text = _subtree_text(root)
        if len(text.split()) < 2:
            continue  # a single word ("previously") often carries the point; keep it
        pattern = re.compile(r",?\s*" + re.escape(text) + r"(?=[\s,?]|$)")
        if not pattern.search(result) or keep_probability(root, answer) >= KEEP_BELOW:
            continue
        shorter = pattern.sub("", result, count=1)
        shorter = re.sub(r"\s+([,?])", r"\1", re.sub(r"\s{2,}", " ", shorter)).strip()
        shorter = re.sub(r",\s*\?$", "?", shorter)
        if len(shorter.split()) >= MIN_WORDS:
            result = shorter
    return without_trailing_aside(result, answer)


TRAILING_ASIDE = re.compile(r"(?P<question>.+),\s+(?P<aside>[^,]+)\?")


def without_trailing_aside(question: str, answer: Span) -> str:
    """``question`` without a modifier of the sentence left hanging after a comma at its end
    ("Where will the network carry the game, with Kevin Harlan?").

    People asking put an aside like this in about one question in sixteen, the wording pass in
    one in six; set off at the end it reads as an afterthought. Only a whole modifier of the
    sentence that holds no part of the answer goes, never a list's last item or a date.
    """
    match = TRAILING_ASIDE.fullmatch(question)
    if match is None or len(match["question"].split()) < MIN_WORDS:
        return question
    aside = match["aside"].split()
    if aside[0].casefold() in ("and", "or", "but", "nor"):
        return question
    for root in candidate_modifiers(answer):
        if root.dep_ == "conj" or has_date(root, answer):
            continue  # a date says which event is meant ("renamed, in 1965"): people keep it
        words = [t.text for t in _tokens(root) if not t.is_punct]
        if words and words[0].casefold() == aside[0].casefold() and len(aside) <= len(words):
            return match["question"] + "?"
    return question
