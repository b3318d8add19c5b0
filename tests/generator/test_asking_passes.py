"""ask() runs the generator's passes: analysis, wording, trimming and the named checks."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quizapp.generator import ask
from quizapp.generator.analysis import analyse
from quizapp.generator.answer_aware import analysed, answer_span, worded_questions
from quizapp.generator.checks import asks_up_front, problems_of
from quizapp.generator.model import Drafted
from quizapp.generator.question_trimming import trimmed
from quizapp.generator.references import attach_referents
from quizapp.generator.wording.realisation import question_text

TEXT = (
    "The harbour town of Millbay opened a tidal power station in 2019. "
    "The station, which cost 40 million pounds, supplies electricity to 9,000 homes. "
    "Its engineer, Priya Raman, said the turbines would last for thirty years."
)


def _question(prompt: str) -> Drafted:
    return Drafted(
        kind="key_fact",
        skill="detail",
        entry={"type": "short_answer", "prompt": prompt},
        sentence=0,
        key="Millbay",
    )


@pytest.mark.parametrize(
    ("prompt", "buried"),
    [
        ("Which town opened a tidal power station?", False),
        ("In what year did Millbay open a tidal power station?", False),
        ("Other than Millbay, which town opened a power station?", False),
        ("In paragraph 2, what does 'tidal' mean?", False),
        ("The harbour town of what opened a tidal power station?", True),
        ("Engineer of what station said the turbines would last?", True),
    ],
)
def test_a_question_word_buried_in_a_copied_clause_is_refused(
    nlp: Language, prompt: str, buried: bool
) -> None:
    analysis = analyse(attach_referents(nlp(TEXT)), "Tidal power")
    reason = asks_up_front(_question(prompt), analysis, [])
    assert (reason is not None) == buried


def test_the_analysis_is_made_once_per_text_and_shared_by_questions() -> None:
    first = analysed(TEXT)
    ask(TEXT, "2019", TEXT.index("2019"))
    assert analysed(TEXT) is first
    assert len(first.sentences) == 3
    assert first.sentences[0].text.startswith("The harbour town")


def _problems(question: str, answer: str) -> list[str]:
    draft = Drafted(
        kind="asked",
        skill="detail",
        entry={"type": "short_answer", "prompt": question},
        sentence=0,
        key=answer,
    )
    return problems_of(draft, analysed(TEXT), disabled=("important",))


def test_the_asked_question_is_the_first_proposed_one_that_passes_the_checks() -> None:
    for answer in ("2019", "9,000 homes", "Priya Raman", "thirty years", "40 million pounds"):
        span = answer_span(analysed(TEXT).doc, answer, TEXT.index(answer))
        question = ask(TEXT, answer, TEXT.index(answer))
        assert question.endswith("?")
        assert answer.casefold() not in question.casefold()
        trimmed_forms = [trimmed(form, span) for form in worded_questions(span)]
        passing = [form for form in trimmed_forms if not _problems(form, answer)]
        assert question == (passing[0] if passing else trimmed_forms[0])


def test_a_relative_clause_set_off_by_commas_leaves_the_subject() -> None:
    question = ask(TEXT, "9,000 homes", TEXT.index("9,000 homes"))
    assert question == "How many homes does the station supply electricity to?"


def test_the_wording_pass_offers_only_forms_that_hide_the_answer() -> None:
    text = "Ravi Mehta and Lena Park founded the bakery in a small village near Leeds."
    span = answer_span(analysed(text).doc, "Lena Park", text.index("Lena Park"))
    forms = worded_questions(span)
    assert forms == [
        "Other than Ravi Mehta, who else founded the bakery in a small village near Leeds?",
        "Who founded the bakery in a small village near Leeds?",
    ]
    assert all("Lena" not in form for form in forms)
    assert ask(text, "Lena Park", text.index("Lena Park")) in [trimmed(f, span) for f in forms]


@pytest.mark.parametrize(
    ("sentence", "answer", "expected"),
    [
        # an opening adjunct set off by a comma does not stay in front of the wh-word
        (
            "In addition, a new library opened on Friday near the river.",
            "a new library",
            "What opened on Friday near the river?",
        ),
        # "this proposal" points into a text the question is read without
        (
            "The council rejected this proposal in March.",
            "March",
            "When did the council reject the proposal?",
        ),
    ],
)
def test_wording_reads_away_from_the_article(sentence: str, answer: str, expected: str) -> None:
    assert ask(sentence, answer, sentence.index(answer)) == expected


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        (
            ["what", ",", "was", "formally", "a", "royal", "garden"],
            "What was formally a royal garden?",
        ),
        (["how", "many", "votes", ",", "were", "needed"], "How many votes were needed?"),
        (
            ["Other", "than", "Oslo", ",", "which", "city", "bid"],
            "Other than Oslo, which city bid?",
        ),
    ],
)
def test_a_wh_phrase_in_place_of_a_subject_takes_no_comma(pieces: list[str], expected: str) -> None:
    assert question_text(pieces) == expected
