"""Main idea on real parses: a compressed key and minor, narrow and twisted options."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quizapp.generator.analysis import analyse
from quizapp.generator.kinds import KindContext, kind_named
from quizapp.generator.kinds.main_idea import (
    MAX_KEPT,
    MINOR,
    compressed,
    loose_end,
    points_back,
)
from quizapp.generator.model import ArticleAnalysis, Drafted
from quizapp.generator.references import attach_referents
from quizapp.generator.wording.summary import content_lemmas, core

BRIDGE = (
    "The city council of Harwick has voted to close the Old Mill bridge to cars, after "
    "engineers found deep cracks in its supports on Monday.\n\n"
    "The decision, which follows months of debate, means drivers will face a detour of about "
    "4 miles, council leader Maria Lendl said.\n\n"
    "Lendl said the bridge would reopen to cyclists and walkers in the spring.\n\n"
    "Shopkeepers on Mill Street fear that fewer customers will reach their shops.\n\n"
    "Tom Ashby, who runs a bakery near the bridge, has started a petition against the closure.\n\n"
    "The bridge was built in 1884 and carried a railway until the 1960s.\n\n"
    "Engineers from Deller Consulting will repair the supports next year.\n\n"
    "Local schools have changed their bus routes."
)
MARATHON = (
    "Anna Berg has won the Harwick marathon for the third time, beating a field of 300 runners "
    "on Sunday.\n\n"
    "Berg finished in just over two hours, well ahead of last year's winner, Jonas Falk.\n\n"
    "Falk said the heat had slowed him down in the final miles.\n\n"
    "Organisers praised the volunteers who handed out water along the route.\n\n"
    "Jonas Falk has promised to return next year.\n\n"
    "The race, now in its tenth year, raised money for the town's hospital.\n\n"
    "A new course through the park, opened in May, was used for the first time.\n\n"
    "Berg thanked her coach, Ruth Adler."
)
FOOTPATH = (
    "\u201cMind the puddles!\u201d the guide shouts as the walkers set off.\n\n"
    "Rain drums on the roof of the little shelter at the top of the lane.\n\n"
    "The Harwick council has opened a new footpath across the hills for walkers and cyclists, "
    "after ten years of planning and a long dispute with the landowners.\n\n"
    "The footpath follows an old railway line for twelve miles.\n\n"
    "Council leader Maria Lendl said the footpath had cost less than a new road.\n\n"
    "Farmers along the route worried that walkers would leave gates open.\n\n"
    "Tom Ashby, who keeps sheep near the footpath, has put up new signs.\n\n"
    "The shelter was built by volunteers in 1990.\n\n"
    "Cyclists from Deller will ride the footpath in a race next month.\n\n"
    "Local schools have planned walks on the footpath."
)
CONTEXT = KindContext(seed=0, types=frozenset({"multiple_choice"}))


def _analysis(nlp: Language, text: str, title: str) -> ArticleAnalysis:
    return analyse(attach_referents(nlp(text)), title)


def _draft(analysis: ArticleAnalysis) -> Drafted:
    (drafted,) = kind_named("main_idea").propose(analysis, CONTEXT)
    return drafted


@pytest.fixture(scope="module")
def bridge(nlp: Language) -> ArticleAnalysis:
    return _analysis(nlp, BRIDGE, "Harwick closes bridge to cars")


def test_the_key_is_the_lead_compressed_not_copied(bridge: ArticleAnalysis) -> None:
    drafted = _draft(bridge)
    assert drafted.prompt == "Which statement best sums up the article?"
    assert drafted.key == "The city council of Harwick has voted to close the Old Mill bridge."
    assert drafted.sentence == 0 and drafted.skill == "main_idea"
    kept = content_lemmas(t for t in bridge.sentences[0] if t.text in drafted.key)
    assert len(kept) <= MAX_KEPT * len(content_lemmas(bridge.sentences[0]))


def test_wrong_options_are_a_minor_detail_and_a_narrow_fact(bridge: ArticleAnalysis) -> None:
    drafted = _draft(bridge)
    minor, narrow, _ = drafted.distractors
    sources = drafted.option_sentences[1:]
    assert bridge.importance[sources[0]] < MINOR <= bridge.importance[sources[1]]
    assert narrow == "The bridge would reopen to cyclists and walkers."
    assert minor.endswith(".") and minor != drafted.key
    # each from its own sentence, none that sentence copied
    assert len(set(drafted.option_sentences)) == 4
    for option, index in zip(drafted.distractors, sources, strict=False):
        assert option.rstrip(".") != bridge.sentences[index].text.strip().rstrip(".")


def test_the_twisted_option_gives_the_main_event_to_another_actor(nlp: Language) -> None:
    drafted = _draft(_analysis(nlp, MARATHON, "Berg wins again"))
    assert drafted.key == "Anna Berg has won the Harwick marathon for the third time."
    assert drafted.distractors[-1] == "Jonas Falk has won the Harwick marathon for the third time."
    choices = drafted.entry["choices"]
    assert isinstance(choices, list)
    assert drafted.key in [choice["text"] for choice in choices]


def test_an_article_with_no_statement_to_sum_it_up_gets_no_question(nlp: Language) -> None:
    quotes = (
        "\u201cWe will not close the bridge,\u201d said Lendl.\n\n"
        "\u201cIt is safe,\u201d she added.\n\n"
        "\u201cAsk the engineers,\u201d said Ashby."
    )
    analysis = _analysis(nlp, quotes, "Bridge stays open")
    assert list(kind_named("main_idea").propose(analysis, CONTEXT)) == []


def test_the_kind_needs_multiple_choice(bridge: ArticleAnalysis) -> None:
    context = KindContext(seed=0, types=frozenset({"short_answer"}))
    assert list(kind_named("main_idea").propose(bridge, context)) == []


def test_a_feature_states_its_point_after_its_opening_scene(nlp: Language) -> None:
    analysis = _analysis(nlp, FOOTPATH, "A new footpath")
    drafted = _draft(analysis)
    # not the quote, not the rain on the shelter: the sentence that says what happened
    assert drafted.key == "The Harwick council has opened a new footpath across the hills."
    assert "footpath" in analysis.sentences[drafted.sentence].text


@pytest.mark.parametrize(
    "sentence",
    [
        "Norway is to become the first country in Europe to ban petrol cars from its cities.",
        "There is little reason to expect prices to fall this winter.",
        "The way rivers carry sand has puzzled engineers for decades.",
        "Those figures have risen from a few hundred to many thousands.",
        "The farm grows apples, pears, plums and cherries.",
        # a comparison without what it is compared with
        "Organic bread has more of the vitamins found in whole grain than white bread, a new "
        "study says.",
        "The new stadium is bigger than the old one, which was built in 1950.",
        # "the same" without its "as": it points back to another sentence
        "The students of the camp school share the same teachers.",
        # an object that says nothing once its relative clause is cut
        "The regional council has approved a plan that would close three rural schools by the "
        "summer.",
        # "the systems" of nobody once the word budget cuts the "of" phrase
        "The National Agency for Rural Water Supply has gained direct access to the systems "
        "of Google and Facebook.",
    ],
)
def test_a_summary_that_waits_for_what_was_cut_is_refused(nlp: Language, sentence: str) -> None:
    clause = core(next(iter(nlp(sentence).sents)), 0, budget=14)
    assert clause is not None and loose_end(clause) is not None, clause


def test_a_summary_that_says_its_piece_is_kept(nlp: Language) -> None:
    text = "Engineers from Deller Consulting will repair the cracked supports next year."
    clause = core(next(iter(nlp(text).sents)), 0, budget=14)
    assert clause is not None and loose_end(clause) is None


def test_a_near_copy_of_the_lead_is_kept_when_every_shorter_form_is_a_stub(
    nlp: Language,
) -> None:
    text = (
        "The city of Ouarzazate in Morocco is home to one of the largest solar plants in the "
        "world.\n\nEngineers finished the first phase in 2015.\n\nThe plant was paid for by the "
        "World Bank.\n\nMorocco wants more of its electricity from renewable sources.\n\n"
        "Officials say the project will reduce the country's dependence on imported oil."
    )
    analysis = _analysis(nlp, text, "Solar power in Morocco")
    clause = compressed(analysis, 0)
    # "The city is home to ..." would leave the student asking which city
    assert clause is not None and clause.text.startswith("The city of Ouarzazate is home to")
    assert len(clause.lemmas) > MAX_KEPT * len(content_lemmas(analysis.sentences[0]))


def test_a_later_summary_that_points_back_is_no_main_idea(nlp: Language) -> None:
    text = (
        "Rain drums on the roof of the shelter.\n\n"
        "The guide checks the map before the walk.\n\n"
        "The new tests of the footpath show that the shelter leaks in heavy rain.\n\n"
        "The guide will repair the shelter before the winter."
    )
    analysis = _analysis(nlp, text, "The shelter")
    later = core(analysis.sentences[3], 3, budget=14)
    assert later is not None and points_back(later, analysis)


def test_after_but_the_joined_clause_states_the_point(nlp: Language) -> None:
    text = (
        "The new mayor of Harwick has won thousands of votes in the northern villages, but the "
        "town council faces a long fight with the government over its budget.\n\n"
        "The mayor opened a bakery on Mill Street in 2010.\n\n"
        "The council meets on Mondays."
    )
    analysis = _analysis(nlp, text, "Harwick's budget")
    clause = compressed(analysis, 0)
    assert clause is not None and clause.text.startswith("The town council faces a long fight")


def test_a_round_amount_of_things_is_kept(nlp: Language) -> None:
    sentence = next(iter(nlp("The farm has sold thousands of apples to schools this year.").sents))
    clause = core(sentence, 0, budget=14)
    # "has sold of apples" or no clause at all would lose what the farm did
    assert clause is not None and "thousands of apples" in clause.text
