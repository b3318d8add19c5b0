"""Filters that keep doubtful drafts out of a bank, on real parses of news-style sentences."""

from __future__ import annotations

import random
from typing import Any

import pytest
from spacy.language import Language

from quizapp.generator import draft_bank
from quizapp.generator.answers import Answer
from quizapp.generator.distractors import options_for, organisation_kind, sane_entity
from quizapp.generator.drafting import broken_sentence, part_of_list, question_problems
from quizapp.generator.statements import cloze_drafts, evidence_drafts, true_false_drafts


def _answer(nlp: Language, sentence: str, text: str, label: str) -> Answer:
    doc = nlp(sentence)
    start = sentence.index(text)
    span = doc.char_span(start, start + len(text))
    assert span is not None
    return Answer(span, text, label)


def test_one_item_of_a_list_is_not_an_answer(nlp: Language) -> None:
    sentence = "Turkey and Egypt have restored diplomatic relations."
    assert part_of_list(_answer(nlp, sentence, "Turkey", "GPE"))
    assert part_of_list(_answer(nlp, sentence, "Egypt", "GPE"))
    assert not part_of_list(_answer(nlp, "Turkey sent troops to Libya.", "Turkey", "GPE"))


def test_fragments_are_broken_sentences(nlp: Language) -> None:
    fragment = next(nlp("Tigers in the national park, more than ever.").sents)
    whole = next(nlp("Tigers live in the national park.").sents)
    assert broken_sentence(fragment)
    assert not broken_sentence(whole)


@pytest.mark.parametrize(
    ("text", "label", "sane"),
    [
        ("Federal Aviation Administration", "ORG", True),
        ("MW", "ORG", False),  # a unit taken for an organisation
        ("argon", "ORG", False),  # a common noun taken for a name
        ("Nepal", "PERSON", False),  # a country taken for a person
        ("the Flerov Lab", "PERSON", False),
        ("4G", "CARDINAL", False),
        ("Sedat Onal", "PERSON", True),
    ],
)
def test_entity_sanity(text: str, label: str, sane: bool) -> None:
    assert sane_entity(text, label) is sane


def test_organisations_get_distractors_of_their_own_kind() -> None:
    entities = {
        "ORG": ["the Senate Committee on Homeland Security", "Edinburgh University", "Reuters"]
    }
    options = options_for("Kyoto University", "ORG", entities, random.Random(0))
    assert options and all(organisation_kind(o) == "research" for o in options)
    # a name that says nothing of its kind gets no multiple-choice options at all
    assert options_for("Masen", "ORG", entities, random.Random(0)) == []


def test_an_option_the_question_names_is_not_offered() -> None:
    entities = {"PERSON": ["Ed Royce", "Steve Chabot", "Eliot Engel", "William Sullivan"]}
    options = options_for(
        "Aung San Suu Kyi",
        "PERSON",
        entities,
        random.Random(0),
        prompt="Who did Chairman Ed Royce call on to be more forceful?",
    )
    assert "Ed Royce" not in options and len(options) == 3


@pytest.mark.parametrize(
    ("prompt", "problem"),
    [
        ("Where is what the most advanced renewable energy program?", "a wh-word left inside"),
        ("Where does the proliferation pose a threat WASHINGTON —?", "a dash aside or a dateline"),
        ("What may the fourth element be a noble gas, like?", "a dangling word after a comma"),
        ("By what year will the plants help provide half with?", "two prepositions"),
        ("How many likely reason is that the age is set at 15?", "a number without what"),
        ("What did the employee use eight of her days?", "does not fit the answer"),
    ],
)
def test_new_question_filters(nlp: Language, prompt: str, problem: str) -> None:
    label = "DATE" if "employee" in prompt else "GPE"
    answer = _answer(nlp, "Solar power grew in Morocco in 2014.", "Morocco", label)
    assert any(problem in found for found in question_problems(prompt, answer))


def test_true_false_swaps_leave_fixed_phrases_alone(nlp: Language) -> None:
    doc = nlp(
        "Sanctions against the Myanmar military were approved by the Senate on Monday. "
        "Many refugees have fled from Myanmar to Bangladesh in recent years."
    )
    entities = {"GPE": ["Myanmar", "Bangladesh", "Thailand"]}
    for seed in range(6):
        for draft in true_false_drafts(doc, entities, random.Random(seed)):
            assert "the Thailand military" not in str(draft.data["prompt"])
            assert "the Bangladesh military" not in str(draft.data["prompt"])


def test_cloze_never_blanks_both_sides_of_an_and(nlp: Language) -> None:
    doc = nlp("Turkey and Egypt have kicked off talks in Cairo after years of estrangement.")
    for draft in cloze_drafts(doc):
        blanks: dict[str, Any] = draft.data["blanks"]  # type: ignore[assignment]
        answers = {values[0] for values in blanks.values()}
        assert not {"Turkey", "Egypt"} <= answers


def test_evidence_claims_do_not_restate_their_sentence(nlp: Language) -> None:
    doc = nlp(
        "Many have fled to neighboring Bangladesh. "
        "Officials in Dhaka said on Tuesday that the border camps, which now hold more than "
        "600,000 people, would need international help within weeks."
    )
    prompts = [str(d.data["prompt"]) for d in evidence_drafts(doc, "Refugees in Bangladesh")]
    assert "Which sentence shows that many have fled to neighboring Bangladesh?" not in prompts


def test_a_news_article_still_gives_a_reasonable_bank() -> None:
    paragraph = (
        "The city of Ouarzazate in Morocco is home to one of the largest solar plants in the "
        "world. Engineers finished the first phase, called Noor 1, in November 2015. The plant "
        "cost about 600 million dollars and was paid for by the World Bank. Morocco wants to "
        "produce 42% of its electricity from renewable sources by 2020. Officials say the "
        "project will reduce the country's dependence on imported oil. The second phase is "
        "expected to open in 2017 and will store energy for up to eight hours. Spain has "
        "prohibited new solar projects because of a lack of interconnectors. Talks with Tunisia "
        "are ongoing, and energy exports to Europe remain a key goal for the government. "
    )
    bank = draft_bank(paragraph * 1, title="Morocco's solar ambitions")
    assert len(bank["questions"]) >= 5  # type: ignore[arg-type]
