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
