"""The written-response kind on a real parse: "Why ...? Explain in your own words.", with the
article's reason as the model answer, a rubric, and only when the teacher asks for the type."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quizapp.banks import schema
from quizapp.generator.analysis import analyse
from quizapp.generator.kinds import KindContext, kind_named
from quizapp.generator.model import ArticleAnalysis
from quizapp.generator.pipeline import run
from quizapp.generator.references import attach_referents
from quizapp.generator.request import ArticleText, DraftOptions
from tests.generator.kinds.test_teacher_kinds import STORY

ASKED = KindContext(seed=0, types=frozenset({"multiple_choice", "written_response"}))


@pytest.fixture(scope="module")
def analysis(nlp: Language) -> ArticleAnalysis:
    return analyse(attach_referents(nlp(STORY)), "Vegetarian future for the world")


def test_it_asks_why_with_the_reason_as_the_model_answer(analysis: ArticleAnalysis) -> None:
    (drafted,) = kind_named("written_response").propose(analysis, ASKED)
    entry = drafted.entry
    assert entry["type"] == "written_response" and drafted.skill == "cause_effect"
    assert entry["prompt"] == (
        "Why did farmers in India stop planting rice? Explain in your own words, using the article."
    )
    assert entry["model_answer"] == "Because the monsoon rains failed again."
    assert entry["evidence"] == (
        "Farmers in India stopped planting rice because the monsoon rains failed again."
    )
    rubric = entry["rubric"]
    assert isinstance(rubric, list)
    assert [c["id"] for c in rubric] == ["reason", "detail", "own-words"]
    assert (
        rubric[0]["text"] == "Gives the article's reason: because the monsoon rains failed again."
    )


def test_its_entry_is_a_valid_bank_question(analysis: ArticleAnalysis) -> None:
    (drafted,) = kind_named("written_response").propose(analysis, ASKED)
    spec = schema.WrittenResponseSpec.model_validate({"id": "why-rice", **drafted.entry})
    assert sum(c.points for c in spec.rubric) == 4 and spec.points == 2


def test_it_drafts_only_on_request(analysis: ArticleAnalysis) -> None:
    kind = kind_named("written_response")
    assert not kind.default
    unasked = KindContext(seed=0, types=frozenset({"multiple_choice", "short_answer"}))
    assert list(kind.propose(analysis, unasked)) == []


def test_an_effect_or_a_quoted_reason_gives_no_question(nlp: Language) -> None:
    text = (
        "Food shortages in 2008 led to civil unrest in 28 countries. "
        "\u201cWe left because the wells ran dry,\u201d said Amina Bello, a farmer."
    )
    found = analyse(attach_referents(nlp(text)), "Food and unrest")
    # The analysis finds both relations; the kind asks about neither.
    assert {r.marker for r in found.relations if r.kind == "cause"} >= {"led to", "because"}
    assert list(kind_named("written_response").propose(found, ASKED)) == []


def test_a_drafted_written_response_passes_the_checks_into_the_bank(nlp: Language) -> None:
    # an article whose stated cause is its main point
    text = (
        "Farmers in India stopped planting rice this year because the monsoon rains failed "
        "again. Many of them now grow millet, which needs far less water. The government "
        "promised to buy the millet at a fixed price until 2030."
    )
    report = run(
        nlp(text),
        ArticleText("Farmers change their crops", text),
        DraftOptions(types=frozenset({"written_response"})),
    )
    assert [d.kind for d in report.kept] == ["written_response"]
    assert report.kept[0].prompt.endswith("Explain in your own words, using the article.")
