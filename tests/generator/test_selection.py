"""Selecting a bank: a floor per kind, the best of every kind first, and a kind past its share
only when the others cannot fill the bank."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quizapp.generator.analysis import analyse
from quizapp.generator.model import ArticleAnalysis, Drafted
from quizapp.generator.references import attach_referents
from quizapp.generator.selection import STRETCH, floor_of, select
from quizapp.generator.wording.options import choice_question

PLACES = ["harbour", "market", "station", "library", "stadium", "museum", "bridge", "school"]
STORY = " ".join(f"The old {place} closed last winter after a long dispute." for place in PLACES)


@pytest.fixture(scope="module")
def analysis(nlp: Language) -> ArticleAnalysis:
    return analyse(attach_referents(nlp(STORY)), "A winter of closures")


def _why(number: int, score: float) -> Drafted:
    place = PLACES[number]
    drafted = choice_question(
        kind="cause_effect",
        skill="cause_effect",
        prompt=f"Why did the old {place} close last winter?",
        key=f"Because of a dispute over the {place} rent",
        distractors=[f"Because of {word} at the {place}" for word in ("floods", "fires", "thefts")],
        sentence=number,
        evidence="",
        seed=0,
    )
    drafted.score = score
    return drafted


def test_a_question_below_its_kinds_floor_is_left_out_with_the_reason(
    analysis: ArticleAnalysis,
) -> None:
    weak = _why(0, floor_of("cause_effect") - 0.01)
    kept, refused = select([weak], analysis, 10, disabled_checks=("important",))
    assert kept == []
    assert refused == [weak] and "below" in weak.problems[0] and "cause_effect" in weak.problems[0]


def test_a_kind_goes_past_its_share_only_up_to_the_stretch(analysis: ArticleAnalysis) -> None:
    drafts = [_why(n, 0.8) for n in range(8)]
    kept, _ = select(drafts, analysis, 10, disabled_checks=("important",))
    share_cap = 2  # a fifth of ten questions
    assert len(kept) == STRETCH * share_cap
    assert [d.sentence for d in kept] == sorted(d.sentence for d in kept)


def test_the_best_of_every_kind_comes_before_more_of_one(analysis: ArticleAnalysis) -> None:
    who = choice_question(
        kind="who_said",
        skill="detail",
        prompt="According to the article, who said that the old library had closed too early?",
        key="Anna Berg",
        distractors=["Colin Roche", "Jan Lundqvist"],
        sentence=3,
        evidence="",
        seed=0,
    )
    who.score = floor_of("who_said") + 0.01  # weaker than every why-question, still kept
    drafts = [_why(n, 0.8) for n in (0, 1, 2, 4)]
    kept, _ = select([*drafts, who], analysis, 2, disabled_checks=("important", "answerable"))
    assert len(kept) == 2
    assert {d.kind for d in kept} == {"cause_effect", "who_said"}
