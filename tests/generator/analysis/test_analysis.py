"""The analyse pass on real parses: importance, mention chains, quotes, relations, events."""

from __future__ import annotations

from spacy.language import Language

from quizapp.generator.analysis import analyse
from quizapp.generator.model import ArticleAnalysis
from quizapp.generator.references import attach_referents

STORY = (
    "The controversial auction of a Banksy mural was dramatically halted just moments before it "
    "was due to go under the hammer in Miami. "
    "Auctioneer Frederic Thut refused to divulge the identity of the seller. "
    "\u201cOne of our two demands was that it does not sell, so we are halfway there,\u201d said "
    "Alan Strickland, a Haringey councillor. "
    "Thut said that the piece had been withdrawn by its owners. "
    "The mural was removed in 2013 because the owners wanted to sell it. "
    "The artist first painted in Bristol in 1998. "
    "Prices rose due to strong demand from collectors."
)


def _analysis(
    nlp: Language, text: str = STORY, title: str = "Banksy mural auction halted"
) -> ArticleAnalysis:
    return analyse(attach_referents(nlp(text)), title)


def test_the_lead_and_the_title_make_a_sentence_important(nlp: Language) -> None:
    analysis = _analysis(nlp)
    assert analysis.importance[0] == 1.0
    assert analysis.importance[0] > analysis.importance[5]
    assert analysis.main_sentence == 0


def test_a_surname_is_tied_to_the_full_name(nlp: Language) -> None:
    analysis = _analysis(nlp)
    chain = analysis.chain_of("Thut")
    assert chain is not None and chain.full == "Frederic Thut"
    assert "Thut" in chain.short_forms
    assert chain.sentences == (1, 3)
    assert "Frederic Thut" in [c.full for c in analysis.people()]


def test_quotes_and_reported_speech_have_their_speakers(nlp: Language) -> None:
    analysis = _analysis(nlp)
    by_speaker = {q.speaker: q for q in analysis.quotes}
    direct = by_speaker["Alan Strickland"]
    assert direct.direct and direct.content.startswith("One of our two demands")
    reported = by_speaker["Frederic Thut"]
    assert not reported.direct and reported.content == "the piece had been withdrawn by its owners"


def test_because_and_due_to_are_causes(nlp: Language) -> None:
    analysis = _analysis(nlp)
    causes = {r.marker: r for r in analysis.relations if r.kind == "cause"}
    assert causes["because"].reason.text == "the owners wanted to sell it"
    assert "removed" in causes["because"].outcome.text
    assert causes["due to"].reason.text == "strong demand from collectors"


def test_dated_events_carry_their_year(nlp: Language) -> None:
    analysis = _analysis(nlp)
    assert [(e.year, e.sentence) for e in analysis.events] == [(2013, 4), (1998, 5)]


def test_a_speaker_is_introduced_with_their_role_and_the_group_they_speak_for(
    nlp: Language,
) -> None:
    text = (
        "Oxfam spokesman Colin Roche said that food prices would keep rising this year. "
        "\u201cThe poorest families will be hit first,\u201d said Jan Lundqvist, a scientist at "
        "the Stockholm institute."
    )
    quotes = {q.speaker: q for q in _analysis(nlp, text, "Food prices").quotes}
    roche = quotes["Colin Roche"]
    assert roche.introduced == "Oxfam spokesman Colin Roche"
    assert roche.side == "Oxfam"
    assert roche.claim is not None and roche.claim.text.startswith("food prices would")
    lundqvist = quotes["Jan Lundqvist"]
    assert lundqvist.introduced == "Jan Lundqvist, a scientist at the Stockholm institute,"
    assert lundqvist.direct and lundqvist.verb == "say"


def test_causal_and_temporal_since_and_after_are_told_apart(nlp: Language) -> None:
    text = (
        "Since the road was closed, the buses took a longer route. "
        "The museum has grown since it opened in a small house. "
        "The mayor resigned after an inquiry revealed the missing funds. "
        "The mayor left the hall after the meeting had ended."
    )
    causes = [r for r in _analysis(nlp, text, "Town news").relations if r.kind == "cause"]
    assert [(r.marker, r.sentence) for r in causes] == [("since", 0), ("after", 2)]


def test_effect_verbs_and_a_relative_clause_name_their_cause(nlp: Language) -> None:
    text = (
        "The drought caused a sharp rise in food prices. "
        "It was a long crisis that has led to record levels of debt. "
        "She led the team to its first title."
    )
    causes = {r.marker: r for r in _analysis(nlp, text, "Drought").relations}
    assert causes["caused"].reason.text == "The drought"
    assert causes["caused"].outcome.text == "a sharp rise in food prices"
    assert causes["led to"].reason.text == "a long crisis"
    assert causes["led to"].outcome.text == "record levels of debt"
    assert [r.sentence for r in causes.values() if r.marker == "led to"] == [1]


def test_the_most_important_third_of_sentences_ranks_high(nlp: Language) -> None:
    text = "\n\n".join(f"A dog called {name} slept by the door." for name in "ABCDEFGH")
    analysis = analyse(attach_referents(nlp(text)), "Dogs")
    # a long feature: its lead outweighs everything, so only it passes a fixed floor of 0.4
    analysis.importance = [1.0, 0.2, 0.1, 0.3, 0.25, 0.05, 0.15, 0.12]
    ranked = [i for i in range(8) if analysis.ranks_high(i)]
    # a third of eight sentences, rounded up: the lead and the two next most central
    assert ranked == [0, 3, 4]
