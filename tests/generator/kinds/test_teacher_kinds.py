"""Each teacher's kind on a real parse: what it asks, its key, and its options."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quizapp.generator.analysis import analyse
from quizapp.generator.checks import check_named
from quizapp.generator.kinds import KindContext, kind_named
from quizapp.generator.model import ArticleAnalysis, Drafted
from quizapp.generator.references import attach_referents
from quizapp.generator.wording.clauses import statement
from quizapp.generator.wording.options import choice_question

STORY = (
    "Leading water scientists have issued one of the sternest warnings yet about global food "
    "supplies, saying the world may have to switch to a vegetarian diet by 2050. "
    "Prices for staples such as corn and wheat have risen nearly 50% on international markets. "
    "\u201cThere will not be enough water available on current croplands to produce food for the "
    "expected population,\u201d said Jan Lundqvist, a scientist at the Stockholm institute. "
    "Oxfam spokesman Colin Roche said that food shortages would hit the poorest countries first. "
    "Farmers in India stopped planting rice because the monsoon rains failed again. "
    "Conference chair Anna Berg warned that governments were not ready. "
    "Lundqvist first published the warning in 1998. "
    "More than 18 million people are already facing serious food shortages across the Sahel. "
    "The report is being released at the start of the annual world water conference in Stockholm. "
    "Nine hundred million people still go hungry around the world each year."
)
CONTEXT = KindContext(seed=0, types=frozenset({"multiple_choice", "short_answer", "ordering"}))


@pytest.fixture(scope="module")
def analysis(nlp: Language) -> ArticleAnalysis:
    return analyse(attach_referents(nlp(STORY)), "Vegetarian future for the world")


def _drafts(kind: str, analysis: ArticleAnalysis) -> list[Drafted]:
    return list(kind_named(kind).propose(analysis, CONTEXT))


def _options(drafted: Drafted) -> list[str]:
    choices = drafted.entry["choices"]
    assert isinstance(choices, list)
    return [str(choice["text"]) for choice in choices]


def test_cause_and_effect_asks_why_and_is_keyed_by_the_reason(nlp: Language) -> None:
    text = STORY.replace("stopped planting rice", "left their villages")
    analysis = analyse(attach_referents(nlp(text)), "Vegetarian future for the world")
    (drafted,) = _drafts("cause_effect", analysis)
    assert drafted.prompt == "Why did farmers in India leave their villages?"
    assert drafted.key == "Because the monsoon rains failed again"
    assert all(d.startswith("Because ") for d in drafted.distractors)
    assert drafted.skill == "cause_effect"


def test_a_why_question_keeps_every_verb_the_reason_explains(analysis: ArticleAnalysis) -> None:
    # "stopped planting rice": a question on "plant" alone would ask the opposite
    (drafted,) = _drafts("cause_effect", analysis)
    assert drafted.prompt == "Why did farmers in India stop planting rice?"


def test_statements_are_shortened_main_clauses(nlp: Language) -> None:
    doc = attach_referents(
        nlp(
            "Auctioneer Frederic Thut, the owner of the art house, announced that the piece "
            "had been withdrawn."
        )
    )
    assert statement(next(iter(doc.sents))) == "The piece had been withdrawn."
    quoted = attach_referents(nlp("\u201cWe are halfway there,\u201d said Alan Strickland."))
    assert statement(next(iter(quoted.sents))) is None


def test_a_check_alone_refuses_a_key_the_title_gives(analysis: ArticleAnalysis) -> None:
    drafted = Drafted(
        kind="key_fact",
        skill="detail",
        entry={"type": "short_answer", "prompt": "What kind of diet may the world need?"},
        sentence=0,
        key="vegetarian",
    )
    assert "title" in str(check_named("not-in-title").run(drafted, analysis, []))
    drafted.key = "2050"
    assert check_named("not-in-title").run(drafted, analysis, []) is None


def test_two_questions_never_share_a_meaning_among_their_options(
    analysis: ArticleAnalysis,
) -> None:
    def meaning(word: str, key: str, wrong: list[str], sentence: int) -> Drafted:
        return choice_question(
            kind="vocabulary",
            skill="vocabulary",
            prompt=f"In paragraph 1, what does the word '{word}' mean?",
            key=key,
            distractors=wrong,
            sentence=sentence,
            evidence="",
            seed=0,
        )

    staples = meaning(
        "staples",
        "Foods that most people eat often",
        ["A small metal fastener", "Water stored for a dry season", "A tax on imported food"],
        1,
    )
    # its key is the other's wrong option: side by side, each gives the other away
    croplands = meaning(
        "croplands",
        "Land used for growing crops",
        ["Foods that most people eat often", "A market for grain", "A dry river bed"],
        2,
    )
    check = check_named("not-given-by-another")
    assert "option of another question" in str(check.run(croplands, analysis, [staples]))
    croplands.distractors = ("A tax on imports", "A market for grain", "A dry river bed")
    assert check.run(croplands, analysis, [staples]) is None


def test_the_important_check_refuses_a_minor_sentence(analysis: ArticleAnalysis) -> None:
    minor = min(range(len(analysis.sentences)), key=lambda i: analysis.importance[i])
    drafted = Drafted(
        kind="key_fact", skill="detail", entry={"prompt": "x?"}, sentence=minor, key="x"
    )
    assert analysis.importance[minor] < 0.3
    assert "minor detail" in str(check_named("important").run(drafted, analysis, []))


def test_a_share_is_never_misread_as_all_or_none() -> None:
    from quizapp.generator.kinds.true_statement import nearest_first

    # "100% of those women" for "60%" is a sweeping claim, not a careless reader's slip
    assert nearest_first("PERCENT", "60%", ["100%", "0%", "45%", "70%"]) == ["70%", "45%"]
