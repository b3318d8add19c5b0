"""Rules of the wording pass that ``ask()`` brings out, each on real parses of sentences written
for the test: the question a person would write for the selected words, grammatical and with
the answer's own words left out."""

from __future__ import annotations

import pytest

from quizapp.generator import ask
from quizapp.generator.wording.person_nouns import names_a_person


def _asked(text: str, answer: str) -> str:
    return ask(text, answer, text.index(answer))


@pytest.mark.parametrize(
    ("text", "answer", "question"),
    [
        (
            "The Rovers crushed the Wanderers in the final, racking up 487 yards.",
            "487",
            "How many yards did the Rovers rack up?",
        ),
        (
            "The council closed the library last year, citing the cost of repairs.",
            "the cost of repairs",
            "What did the council cite?",
        ),
    ],
)
def test_a_trailing_participle_is_asked_with_the_subject_and_tense_of_its_clause(
    text: str, answer: str, question: str
) -> None:
    assert _asked(text, answer) == question


def test_a_participle_after_there_is_borrows_no_subject() -> None:
    text = "There were many teachers in the town, ranging from young graduates to retired monks."
    question = _asked(text, "retired monks")
    assert not question.lower().startswith(("what do there", "who do there", "what did there"))


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        (
            "He did not mean the hymn as a replacement for his adaptation of the old Mass.",
            "adaptation of the old Mass",
        ),
        ("The guide spoke of the spin of the unpaired electrons in the gas.", "unpaired electrons"),
    ],
)
def test_a_determiner_left_out_of_the_selection_goes_with_it(text: str, answer: str) -> None:
    question = _asked(text, answer)
    assert not question.endswith(("his?", "the?")), question
    assert " the in " not in question and " his in " not in question, question


def test_one_item_of_an_and_list_is_set_apart_from_the_others() -> None:
    text = "The club signed Ames and Berg in the spring."
    assert _asked(text, "Berg") == "Other than Ames, who else did the club sign in the spring?"


def test_another_name_joined_by_or_is_no_list_partner() -> None:
    text = "The membranes form a stromule, or stroma-filled tube, that reaches out into the cell."
    question = _asked(text, "stroma-filled tube")
    assert not question.startswith("Other than"), question


@pytest.mark.parametrize(
    ("text", "answer", "question"),
    [
        ("Prices fell because of the glut of oil.", "the glut of oil", "Why did prices fall?"),
        (
            "Competition among workers drives down wages due to the low cost of hiring.",
            "the low cost of hiring",
            "Why does competition among workers drive down wages?",
        ),
        (
            "The council raised taxes in an effort to repair the roads.",
            "in an effort to repair the roads",
            "Why did the council raise taxes?",
        ),
        (
            "The coach dropped football in an attempt to put lessons first.",
            "put lessons first",
            "Why did the coach drop football?",
        ),
    ],
)
def test_a_cause_or_purpose_is_asked_with_why_even_without_its_opening_words(
    text: str, answer: str, question: str
) -> None:
    assert _asked(text, answer) == question


@pytest.mark.parametrize(
    ("text", "answer", "question"),
    [
        ("Two local architects designed the new library.", "Two local architects", "Who"),
        ("Only pharmacists may supply these medicines to the public.", "Only pharmacists", "Who"),
        ("The new library is a large glass building.", "a large glass building", "What"),
    ],
)
def test_a_noun_people_are_called_by_is_asked_with_who_when_it_acts(
    text: str, answer: str, question: str
) -> None:
    assert _asked(text, answer).split()[0] == question


def test_the_person_noun_list_names_people_and_not_things() -> None:
    assert all(names_a_person(noun) for noun in ("architect", "pharmacist", "teacher"))
    assert not any(names_a_person(noun) for noun in ("building", "club", "machine"))


def test_a_participle_after_a_compound_tense_is_not_given_a_simple_one() -> None:
    text = (
        "The artist has condemned the dealers before, speaking out ahead of a 2011 auction "
        "in New York."
    )
    question = _asked(text, "2011")
    assert not question.lower().startswith(("what year does", "when does")), question
