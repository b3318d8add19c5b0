"""The registries of the passes: kinds by name with their shares, named checks, named features."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quizapp.generator.analysis import analyse
from quizapp.generator.checks import all_checks, check_named, problems_of
from quizapp.generator.kinds import UnknownKind, all_kinds, kind_named
from quizapp.generator.model import Drafted
from quizapp.generator.pipeline import run
from quizapp.generator.references import attach_referents
from quizapp.generator.request import ArticleText, DraftOptions
from quizapp.generator.scoring import FEATURES, WEIGHTS, score

TEXT = (
    "Leading water scientists have issued one of the sternest warnings yet about global food "
    "supplies, saying the world may have to switch almost completely to a vegetarian diet by 2050. "
    "Humans derive about 20% of their protein from animal-based products now. "
    "Oxfam has forecast that the price spike will have a devastating impact in poor countries. "
    "Prices rose because the harvest failed in the United States."
)


def test_every_default_kind_is_registered_with_a_skill_and_a_share() -> None:
    names = {kind.name for kind in all_kinds() if kind.default}
    assert {
        "main_idea",
        "key_fact",
        "cause_effect",
        "speaker_view",
        "true_statement",
        "sequence",
    } <= names
    for kind in all_kinds():
        assert 0 < kind.share <= 1 and kind.skill and kind.description


def test_an_unknown_kind_lists_the_valid_ones() -> None:
    with pytest.raises(UnknownKind) as caught:
        kind_named("main_ideas")
    assert "main_idea" in str(caught.value) and "key_fact" in str(caught.value)


def test_checks_are_listed_and_an_unknown_one_is_refused() -> None:
    names = [c.name for c in all_checks()]
    assert {"answerable", "not-in-question", "not-in-title", "important", "grammatical"} <= set(
        names
    )
    assert check_named("grammatical").description
    with pytest.raises(ValueError, match="valid checks"):
        check_named("grammar")


def _drafted(prompt: str, key: str, sentence: int = 0) -> Drafted:
    return Drafted(
        kind="key_fact",
        skill="detail",
        entry={"type": "short_answer", "prompt": prompt, "answers": [key]},
        sentence=sentence,
        key=key,
    )


def test_a_check_switched_off_is_not_run(nlp: Language) -> None:
    analysis = analyse(attach_referents(nlp(TEXT)), "Water and food")
    drafted = _drafted("Who has forecast that Oxfam will suffer", "Oxfam", 2)
    problems = problems_of(drafted, analysis)
    assert any(p.startswith("grammatical:") for p in problems)
    assert any(p.startswith("not-in-question:") for p in problems)
    assert not any(
        p.startswith("grammatical:")
        for p in problems_of(drafted, analysis, disabled={"grammatical"})
    )
    with pytest.raises(ValueError, match="valid checks"):
        problems_of(drafted, analysis, disabled={"grammar"})


def test_a_bare_shell_noun_is_a_vague_reference_unless_the_article_is_about_it(
    nlp: Language,
) -> None:
    analysis = analyse(attach_referents(nlp(TEXT)), "Water and food")
    vague = _drafted("What percentage of protein is the average?", "about 20%", 1)
    assert any(p.startswith("no-bare-shell-noun:") for p in problems_of(vague, analysis))
    named = _drafted("What percentage of their protein do humans derive from meat?", "20%", 1)
    assert not any(p.startswith("no-bare-shell-noun:") for p in problems_of(named, analysis))
    # in an article about one report, "the report" is that report
    about = analyse(attach_referents(nlp(TEXT)), "A report on water")
    report = _drafted("What did the report forecast for 2050?", "a vegetarian diet", 0)
    assert not any(p.startswith("no-bare-shell-noun:") for p in problems_of(report, about))


def test_the_score_is_the_weighted_features(nlp: Language) -> None:
    analysis = analyse(attach_referents(nlp(TEXT)), "Water and food")
    lead = _drafted("What has Oxfam forecast about the price spike?", "a devastating impact", 0)
    minor = _drafted("What has Oxfam forecast about the price spike?", "a devastating impact", 3)
    assert set(WEIGHTS) <= set(FEATURES)
    assert score(lead, analysis) > score(minor, analysis)
    assert set(lead.features) >= set(WEIGHTS)
    assert 0 <= score(lead, analysis) <= 1


def test_a_run_keeps_checked_questions_and_says_why_others_went(nlp: Language) -> None:
    article = ArticleText("Water and food", TEXT)
    report = run(nlp(TEXT), article, DraftOptions())
    for drafted in report.kept:
        assert not problems_of(
            drafted, report.analysis, [d for d in report.kept if d is not drafted]
        )
    for drafted in report.refused:
        assert drafted.problems
