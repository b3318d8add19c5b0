"""The wh-rules on real parses of news-style sentences: references, wh-words, trimming."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quizapp.generator import ask
from quizapp.generator.references import referent_texts


def question(sentence: str, answer: str) -> str:
    return ask(sentence, answer, sentence.index(answer))


@pytest.mark.parametrize(
    ("sentence", "answer", "expected"),
    [
        # a purpose clause is asked with "why", through the clause it explains
        (
            "The city closed its schools to protect children from the heat.",
            "to protect children from the heat",
            "Why did the city close its schools?",
        ),
        # the year of an event is asked with "when", a year that dates a span with "what year"
        ("The bridge was completed in 1932.", "1932", "When was the bridge completed?"),
        (
            "The museum has been closed since 1990.",
            "1990",
            "Since what year has the museum been closed?",
        ),
        # a stretch of time is asked with "how long", the "for" going with it
        (
            "The plants will store energy for up to eight hours.",
            "up to eight hours",
            "How long will the plants store energy?",
        ),
        # an organisation doing something is a "who"
        (
            "The World Health Organization declared a pandemic in March 2020.",
            "The World Health Organization",
            "Who declared a pandemic in March 2020?",
        ),
        # a passive predicate as the answer asks what happened to the subject; a short phrase
        # after it says when
        (
            "The program was grounded after the accident.",
            "grounded",
            "What happened to the program after the accident?",
        ),
        # a gerund beside the main verb asks what the subject was doing
        ("The king fell from his horse while hunting.", "hunting", "What was the king doing?"),
        # an answer completing a noun keeps the noun: "the concept of X" -> "what concept"
        (
            "The concept of inertia can be generalized to rotating bodies.",
            "inertia",
            "What concept can be generalized to rotating bodies?",
        ),
        # a counted noun stays with "how many"
        (
            "The rangers counted 198 tigers in the park.",
            "198",
            "How many tigers did the rangers count in the park?",
        ),
        # the place of the object's event is the place of the clause
        (
            "The museum held a large exhibition in Paris last year.",
            "Paris",
            "Where did the museum hold a large exhibition last year?",
        ),
    ],
)
def test_wh_rules(nlp: Language, sentence: str, answer: str, expected: str) -> None:
    assert question(sentence, answer) == expected


def test_a_pronoun_becomes_the_person_it_names(nlp: Language) -> None:
    text = (
        "Maria Lopez founded the company in 1998. "
        "Two years later, she was forced out of her job by the board."
    )
    # "she" is the subject of the sentence, the person before is the previous subject;
    # "her" stays, as its clause names the same person
    assert question(text, "the board") == "Who forced Maria Lopez out of her job?"


def test_an_ambiguous_pronoun_is_left_alone(nlp: Language) -> None:
    doc = nlp("Maria Lopez met Peter Novak in Madrid on Monday. She thanked him for the visit.")
    referents = referent_texts(doc)
    she = next(t for t in doc if t.text == "She")
    him = next(t for t in doc if t.text == "him")
    assert referents.get(she.i) == "Maria Lopez"
    # "him" would need a second person, and the rules never guess one
    assert him.i not in referents


def test_a_dummy_it_is_not_resolved(nlp: Language) -> None:
    doc = nlp("The report was published in May. It is certain that prices will rise.")
    it = next(t for t in doc if t.text == "It")
    assert it.i not in referent_texts(doc)


def test_long_subjects_and_brackets_are_trimmed(nlp: Language) -> None:
    long_subject = (
        "The committee, which had met in secret for several months before the vote in the "
        "capital, approved the new budget for the regional hospitals and schools."
    )
    assert (
        question(long_subject, "the new budget for the regional hospitals and schools")
        == "What did the committee approve?"
    )
    bracketed = "The agency (founded in 1970) monitors air quality in the region."
    assert question(bracketed, "air quality") == "What does the agency monitor?"


def test_long_questions_lose_asides_far_from_the_answer(nlp: Language) -> None:
    sentence = (
        "The mayor said the new stadium, which will seat 40,000 fans and cost more than 300 "
        "million dollars to build over the next five years, would open in the spring of 2026 "
        "after a long delay caused by protests."
    )
    asked = question(sentence, "the spring of 2026")
    assert asked.startswith("When would the new stadium open")
    assert "40,000" not in asked and len(asked.split()) <= 15


@pytest.mark.parametrize(
    ("article", "answer", "wh"),
    [
        # the surname alone, after the article named the whole person
        (
            "The baker Jack Phillips declined the order. Later, Phillips appealed the decision "
            "to the Supreme Court.",
            "Phillips",
            "Who",
        ),
        (
            "Benjamin Carle lived for ten months on French goods. Carle invested in an old "
            "French moped to get around Paris.",
            "Carle",
            "Who",
        ),
    ],
)
def test_a_persons_surname_is_asked_with_who(
    nlp: Language, article: str, answer: str, wh: str
) -> None:
    start = article.rindex(answer)
    asked = ask(article, answer, start)
    assert asked.split()[0] == wh, asked
    assert answer not in asked
