"""The scoring pass's fitted feature: how likely people are to ask about a question's key."""

from __future__ import annotations

from spacy.language import Language

from quizapp.generator.analysis import analyse
from quizapp.generator.model import Drafted
from quizapp.generator.scoring import NOT_A_SPAN, WEIGHTS, asked_by_people

TEXT = (
    "The Normans conquered England in 1066 under William the Conqueror. "
    "The conquest changed the language of the country that the Normans ruled."
)


def _drafted(key: str, sentence: int) -> Drafted:
    entry: dict[str, object] = {"type": "short_answer", "prompt": "?", "answers": [key]}
    return Drafted(kind="key_fact", skill="detail", entry=entry, sentence=sentence, key=key)


def test_a_key_people_ask_about_scores_above_a_plain_phrase(nlp: Language) -> None:
    analysis = analyse(nlp(TEXT), "The Norman conquest")
    year = asked_by_people(_drafted("1066", 0), analysis)
    country = asked_by_people(_drafted("the country", 1), analysis)
    assert 0.0 < country < year <= 1.0
    assert WEIGHTS["asked_by_people"] > 0


def test_a_key_that_is_no_words_of_the_article_is_neutral(nlp: Language) -> None:
    analysis = analyse(nlp(TEXT), "The Norman conquest")
    assert asked_by_people(_drafted("A change of rulers", 0), analysis) == NOT_A_SPAN
