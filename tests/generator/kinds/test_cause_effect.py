"""The cause-and-effect kind on real parses: why-questions with do-support and tense, effect
questions, and options of the key's own form."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quizapp.generator.analysis import analyse
from quizapp.generator.kinds import KindContext, kind_named
from quizapp.generator.model import ArticleAnalysis, Drafted
from quizapp.generator.references import attach_referents

FLOODS = (
    "Heavy floods in the spring led to food shortages across the northern provinces. "
    "Farmers in the valley stopped planting wheat because the fields stayed under water for "
    "months. "
    "The regional government opened six new grain stores after a report by the agriculture "
    "ministry found that stocks had fallen sharply. "
    "The price of bread doubled amid fears of a poor harvest. "
    "Many families moved to the cities in search of work. "
    "Aid agencies sent emergency supplies to the worst-hit villages. "
    "The national weather service has warned that the rainy season could start early next year. "
    "Local schools reopened in June once the water had drained away. "
    "As a result, thousands of children returned to their classrooms after three months at home. "
    "Teachers organised extra lessons for pupils who had fallen behind. "
    "Officials blamed the shortages on poor planning and a slow emergency response."
)
CONTEXT = KindContext(seed=0, types=frozenset({"multiple_choice"}))


@pytest.fixture(scope="module")
def drafted(nlp: Language) -> dict[str, Drafted]:
    analysis = analyse(attach_referents(nlp(FLOODS)), "Floods bring hunger to the north")
    return {d.prompt: d for d in kind_named("cause_effect").propose(analysis, CONTEXT)}


def test_why_takes_the_tense_in_did_and_keeps_the_verbs(drafted: dict[str, Drafted]) -> None:
    question = drafted["Why did farmers in the valley stop planting wheat?"]
    assert question.key == "Because the fields stayed under water for months"
    assert len(question.distractors) == 3
    assert all(d.startswith("Because ") and d[8].islower() for d in question.distractors)


def test_a_trigger_after_which_something_was_done_is_a_reason(
    drafted: dict[str, Drafted],
) -> None:
    question = drafted["Why did the regional government open six new grain stores?"]
    assert question.key.startswith("Because a report by the agriculture ministry found")


def test_a_reason_given_as_a_noun_is_keyed_because_of(drafted: dict[str, Drafted]) -> None:
    question = drafted["Why did the price of bread double?"]
    assert question.key == "Because of fears of a poor harvest"
    assert all(d.startswith("Because of ") for d in question.distractors)


def test_led_to_asks_for_the_effect(drafted: dict[str, Drafted]) -> None:
    question = drafted["What happened as a result of heavy floods in the spring?"]
    assert question.key == "Food shortages"
    assert not any(d.startswith("Because") for d in question.distractors)
    # something that happened, never people, places or things ("the worst-hit villages")
    for wrong in ("Emergency supplies", "The worst-hit villages", "New grain stores"):
        assert wrong not in question.distractors


def test_as_a_result_takes_its_reason_from_the_sentence_before(
    drafted: dict[str, Drafted],
) -> None:
    question = drafted[
        "Why did thousands of children return to their classrooms after three months at home?"
    ]
    assert question.key == "Because local schools reopened in June once the water had drained away"


def test_a_relation_the_question_cannot_name_is_not_asked(nlp: Language) -> None:
    # "it" has nothing to stand for, so "Why did it ...?" would be a vague question
    text = "It closed early because the storm was coming. The town was quiet for days."
    analysis: ArticleAnalysis = analyse(attach_referents(nlp(text)), "A storm")
    assert list(kind_named("cause_effect").propose(analysis, CONTEXT)) == []


def test_no_wrong_option_shares_the_questions_own_words(nlp: Language) -> None:
    text = (
        "Each city has more than one library because readers live far apart. "
        "Every single library in the city lends many different books. "
        "The council built a new sports hall in the north. "
        "Bus fares rose in March. "
        "Volunteers planted trees along the river. "
        "The museum opened a new wing for children."
    )
    analysis = analyse(attach_referents(nlp(text)), "City life")
    (question,) = kind_named("cause_effect").propose(analysis, CONTEXT)
    assert question.prompt == "Why does each city have more than one library?"
    # "every single library ... lends many books" is about the question's own libraries
    assert not any("library" in d for d in question.distractors)


def test_a_cause_the_question_cannot_pin_down_is_not_asked(nlp: Language) -> None:
    text = (
        "The programme led to a sharp rise in arrests. "
        "The new parking programme led to long queues at the station. "
        "Shoppers complained about the slow service in the market. "
        "The council promised a full review of the scheme. "
        "Drivers faced heavy fines and angry protests. "
        "Local traders reported a sudden drop in sales."
    )
    analysis = analyse(attach_referents(nlp(text)), "Parking")
    prompts = [d.prompt for d in kind_named("cause_effect").propose(analysis, CONTEXT)]
    # "the programme" alone: which one?
    assert prompts == ["What happened as a result of the new parking programme?"]


def test_a_reason_that_points_back_with_this_stands_alone(nlp: Language) -> None:
    text = (
        "Factories burned more coal than ever last year. "
        "Air quality fell in many cities because of this rapid growth in coal use. "
        "The government promised stricter checks on the worst polluters. "
        "Doctors reported a steady rise in asthma cases. "
        "Campaigners called for a complete ban on open fires. "
        "Schools kept pupils indoors during the worst days of heavy smog."
    )
    analysis = analyse(attach_referents(nlp(text)), "Smog")
    keys = [d.key for d in kind_named("cause_effect").propose(analysis, CONTEXT)]
    assert keys == ["Because of the rapid growth in coal use"]


def test_a_reason_that_is_only_a_pointer_is_not_asked(nlp: Language) -> None:
    # "because of this" alone: the reason is in another sentence, in other words
    text = (
        "Factories burned more coal than ever last year. "
        "Because of this, air quality fell sharply in many northern cities. "
        "The government promised stricter checks on the worst polluters. "
        "Doctors reported a steady rise in asthma cases. "
        "Campaigners called for a complete ban on open fires."
    )
    analysis = analyse(attach_referents(nlp(text)), "Smog")
    relations = [r for r in analysis.relations if [t.lower_ for t in r.reason] == ["this"]]
    assert relations, "the analysis should find the pointing reason"
    drafted = list(kind_named("cause_effect").propose(analysis, CONTEXT))
    assert all(d.key != "Because of this" for d in drafted)
