"""Key facts on a real parse: the full name as the key with its short form once, and the
wordings the kind leaves out."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quizapp.generator.analysis import analyse
from quizapp.generator.answers import answers_in
from quizapp.generator.kinds import KindContext, kind_named
from quizapp.generator.kinds.fact_answers import in_a_participle_phrase
from quizapp.generator.kinds.fact_candidates import question_problems
from quizapp.generator.kinds.key_fact import fragile_wording
from quizapp.generator.model import Drafted
from quizapp.generator.references import attach_referents

FOOTPATH = (
    "Maria Lendl has opened a new footpath across the Harwick hills for walkers and cyclists.\n\n"
    "Lendl, who has led the council since 2019, said the footpath cost less than a new road.\n\n"
    "Tom Ashby, a sheep farmer near the route, has put up new signs along the footpath.\n\n"
    "Ashby said walkers had left gates open on his farm in the summer.\n\n"
    "The footpath follows an old railway line across the Harwick hills for twelve miles."
)
CONTEXT = KindContext(seed=0, types=frozenset({"multiple_choice", "short_answer", "numeric"}))


def _key_facts(nlp: Language, text: str, title: str) -> list[Drafted]:
    analysis = analyse(attach_referents(nlp(text)), title)
    return list(kind_named("key_fact").propose(analysis, CONTEXT))


def test_a_person_is_keyed_by_the_full_name_with_the_surname_once(nlp: Language) -> None:
    analysis = analyse(attach_referents(nlp(FOOTPATH)), "Walking the hills")
    drafts = list(kind_named("key_fact").propose(analysis, CONTEXT))
    [opened] = [d for d in drafts if d.prompt.startswith("Who has opened")]
    assert opened.key == "Maria Lendl"
    assert opened.accepted == ("Lendl",)  # the chain's short form and the alias are one
    if opened.entry["type"] == "short_answer":
        assert opened.entry["answers"] == ["Maria Lendl", "Lendl"]


def test_a_question_that_points_back_with_the_same_is_left_out() -> None:
    assert fragile_wording("How much are the same proportion not paying?", "MONEY")
    assert not fragile_wording("Which town has the same mayor as Harwick?", "GPE")


def test_a_fact_beside_a_scare_quoted_phrase_is_asked(nlp: Language) -> None:
    text = (
        "The engineer Maria Lendl has built a “smart road” in Leeds that charges electric "
        "buses as they drive.\n\n"
        "The road was opened to buses in 2014.\n\n"
        "Lendl said the road could cut the city's bus fares.\n\n"
        "Other cities such as Boston and Berlin are building similar roads."
    )
    drafts = _key_facts(nlp, text, "A road that charges buses")
    # the quote marks hold the article's name for the thing, not somebody's words
    [built] = [d for d in drafts if d.sentence == 0]
    assert built.key == "Maria Lendl"
    assert built.prompt.startswith("Who has built")


def test_a_quoted_sentence_gives_no_key_fact(nlp: Language) -> None:
    text = (
        "“Maria Lendl has built the best road in Leeds,” the mayor said on Monday.\n\n"
        "The road was opened to buses in 2014.\n\n"
        "Other cities such as Boston and Berlin are building similar roads."
    )
    drafts = _key_facts(nlp, text, "A road that charges buses")
    assert all(d.sentence != 0 for d in drafts)


def test_when_is_not_asked_of_a_sentence_with_two_dates(nlp: Language) -> None:
    doc = nlp(
        "After the death of its founder in 2006, the Harwick bakery was sold to a French "
        "company in November 2013."
    )
    [founded] = [a for a in answers_in(doc, {}) if a.text == "2006"]
    problems = question_problems(
        "When was the Harwick bakery sold to a French company in November 2013?", founded
    )
    # the question keeps one date and asks for another: a student cannot tell which is meant
    assert "a second date makes 'when' ambiguous" in problems
    assert "a second date makes 'when' ambiguous" not in question_problems(
        "When was the Harwick bakery sold to a French company?", founded
    )


def test_a_person_the_tagger_calls_a_thing_is_not_asked_with_what(nlp: Language) -> None:
    text = (
        "FW Harwick, the town's president, lifted the ban on the market in 1990.\n\n"
        "The market had been closed since 1985.\n\n"
        "Traders from Deller and Alda came back within a week."
    )
    drafts = _key_facts(nlp, text, "The market reopens")
    assert not [d for d in drafts if d.prompt.startswith("What lifted")]


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        # the parser makes Lendl the subject of "set"; the novels are set, not Lendl
        (
            "Maria Lendl, the author of best-selling novels set 300 years ago in Harwick that "
            "retell old stories, said the town has changed.",
            "Maria Lendl",
        ),
        # "practised by 80%" describes the religion; no "By what percentage was ...?"
        ("The town also has a temple used by 80% of its people.", "80%"),
    ],
)
def test_no_question_is_made_of_a_participle_that_describes_a_noun(
    nlp: Language, text: str, asked: str
) -> None:
    doc = nlp(text)
    [answer] = [a for a in answers_in(doc, {}) if a.text == asked]
    assert in_a_participle_phrase(answer)


def test_a_verb_after_a_closed_apposition_is_what_its_subject_did(nlp: Language) -> None:
    doc = nlp("Maria Lendl, the author of two novels, opened a bookshop in Harwick in 2012.")
    [answer] = [a for a in answers_in(doc, {}) if a.text == "Maria Lendl"]
    assert not in_a_participle_phrase(answer)


def test_a_year_is_asked_only_in_a_sentence_over_the_floor(nlp: Language) -> None:
    text = "\n\n".join(
        [
            "Maria Lendl has opened a new footpath across the Harwick hills.",
            *(
                f"A dog called {name} slept by the door of the shelter."
                for name in ("Brix", "Corr")
            ),
            "Engineers in Leeds first planned the footpath in 2009.",
            *(f"A dog called {name} slept by the door." for name in ("Dunn", "Fenn", "Gorm")),
        ]
    )
    analysis = analyse(attach_referents(nlp(text)), "A new footpath")
    # the planning sentence ranks among the article's top third, but under the fixed floor
    analysis.importance = [1.0, 0.05, 0.05, 0.3, 0.2, 0.05, 0.05]
    assert analysis.ranks_high(3)
    years = [d for d in kind_named("key_fact").propose(analysis, CONTEXT) if d.key == "2009"]
    assert years == []
    analysis.importance[3] = 0.45
    years = [d for d in kind_named("key_fact").propose(analysis, CONTEXT) if d.key == "2009"]
    assert [d.sentence for d in years] == [3]
