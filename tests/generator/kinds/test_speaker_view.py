"""The speaker's-view kinds on real parses: "What does X say about Y?" and "Who said that ...?"."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quizapp.generator.analysis import analyse
from quizapp.generator.kinds import KindContext, kind_named
from quizapp.generator.model import ArticleAnalysis, Drafted
from quizapp.generator.references import attach_referents

BRIDGE = (
    "The city council has approved a plan to close the old harbour bridge to cars next spring. "
    "\u201cThe bridge is no longer safe for heavy traffic,\u201d said Maria Okafor, the "
    "council\u2019s chief engineer. "
    "Transport campaigner Tom Reyes said that cyclists would finally get a safe route across "
    "the river. "
    "\u201cI don\u2019t want my customers to lose their parking,\u201d said Ben Holt, who runs a "
    "bakery near the bridge. "
    "He has run the bakery for twenty years. "
    "\u201cClosing the bridge will make the old town much quieter,\u201d Reyes said. "
    "Holt warned that small shops on the east bank could lose a third of their trade."
)
CONTEXT = KindContext(seed=0, types=frozenset({"multiple_choice", "short_answer"}))


@pytest.fixture(scope="module")
def analysis(nlp: Language) -> ArticleAnalysis:
    return analyse(attach_referents(nlp(BRIDGE)), "Harbour bridge to close to cars")


def _drafts(kind: str, analysis: ArticleAnalysis) -> dict[str, Drafted]:
    return {d.key: d for d in kind_named(kind).propose(analysis, CONTEXT)}


def test_a_view_names_the_speaker_with_their_role_and_a_topic_another_option_shares(
    analysis: ArticleAnalysis,
) -> None:
    drafted = _drafts("speaker_view", analysis)["The bridge is no longer safe for heavy traffic."]
    assert drafted.prompt == (
        "What does Maria Okafor, the council\u2019s chief engineer, say about the bridge?"
    )
    assert "Closing the bridge will make the old town much quieter." in drafted.distractors
    assert drafted.skill == "detail" and drafted.entry["type"] == "multiple_choice"


def test_a_views_key_is_restated_in_the_third_person_with_the_verb_agreeing(
    analysis: ArticleAnalysis,
) -> None:
    drafted = _drafts("speaker_view", analysis)
    key = "He does not want his customers to lose their parking."
    assert key in drafted  # "I don't want my customers": "he", because the article says so
    assert drafted[key].prompt.startswith("Which of the following does Ben Holt say")
    # the wrong options are the other speakers' claims, never another of his own
    assert "Small shops on the east bank could lose a third of their trade." not in (
        drafted[key].distractors
    )
    assert len(drafted[key].distractors) >= 2


def test_a_role_before_the_name_is_lower_cased_inside_the_question(
    analysis: ArticleAnalysis,
) -> None:
    prompts = [d.prompt for d in _drafts("speaker_view", analysis).values()]
    assert any("does transport campaigner Tom Reyes say" in p for p in prompts)


def test_who_said_rewords_the_quote_in_reported_speech(analysis: ArticleAnalysis) -> None:
    drafted = _drafts("who_said", analysis)["Maria Okafor"]
    assert drafted.prompt == (
        "According to the article, who said that the bridge was no longer safe for heavy traffic?"
    )
    assert drafted.accepted == ("Okafor",)
    assert set(drafted.distractors) == {"Tom Reyes", "Ben Holt"}


def test_who_said_leaves_out_a_quote_its_words_would_give_away(
    analysis: ArticleAnalysis,
) -> None:
    prompts = [d.prompt for d in _drafts("who_said", analysis).values()]
    # "he did not want his customers ..." says it is a man; a reported clause unchanged is
    # a copy of the article
    assert not any("customers" in p for p in prompts)
    assert not any("small shops" in p for p in prompts)


def test_an_article_with_one_voice_has_no_view_question(nlp: Language) -> None:
    text = (
        "The city council has approved a plan to close the old harbour bridge to cars. "
        "\u201cThe bridge is no longer safe for heavy traffic,\u201d said Maria Okafor, the "
        "council\u2019s chief engineer. "
        "Work on a new crossing will start in the summer."
    )
    alone = analyse(attach_referents(nlp(text)), "Harbour bridge to close")
    assert alone.quotes
    assert _drafts("speaker_view", alone) == {}
