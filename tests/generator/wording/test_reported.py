"""Quotes restated as claims on real parses: person, agreement, tense, and what is refused."""

from __future__ import annotations

from spacy.language import Language

from quizapp.generator.references import attach_referents
from quizapp.generator.wording.reported import Claim, Speaker, claim_of

NURSE = Speaker(surname="Adeyemi", pronoun="she", side="")
SPOKESMAN = Speaker(surname="Marsh", pronoun="he", side="the Red Cross")


def _claim(nlp: Language, sentence: str, said: str, speaker: Speaker, **kw: bool) -> Claim | None:
    doc = attach_referents(nlp(sentence))
    start = sentence.index(said)
    span = doc.char_span(start, start + len(said), alignment_mode="contract")
    assert span is not None
    return claim_of(span, speaker, **kw)


def test_i_becomes_the_speaker_and_the_verb_agrees(nlp: Language) -> None:
    said = "I\u2019m worried that the ward will run out of beds"
    claim = _claim(nlp, f"\u201c{said},\u201d said Grace Adeyemi, a nurse.", said, NURSE)
    assert claim is not None
    assert claim.statement == "She is worried that the ward will run out of beds."
    assert claim.reported == "she was worried that the ward would run out of beds"
    assert claim.shifted


def test_we_becomes_the_group_the_speaker_speaks_for(nlp: Language) -> None:
    said = "We have sent two hundred volunteers to the flooded towns"
    sentence = f"\u201c{said},\u201d said Red Cross spokesman Paul Marsh."
    claim = _claim(nlp, sentence, said, SPOKESMAN)
    assert claim is not None
    assert claim.statement == "The Red Cross has sent two hundred volunteers to the flooded towns."


def test_a_we_with_no_group_is_not_restated(nlp: Language) -> None:
    said = "We have sent two hundred volunteers to the flooded towns"
    sentence = f"\u201c{said},\u201d said Paul Marsh."
    assert _claim(nlp, sentence, said, Speaker("Marsh", "he", "")) is None


def test_a_second_clause_and_an_aside_are_dropped(nlp: Language) -> None:
    said = (
        "The river, which burst its banks on Monday, has flooded three villages, but the "
        "roads are open again"
    )
    claim = _claim(nlp, f"\u201c{said},\u201d said Paul Marsh.", said, SPOKESMAN)
    assert claim is not None
    assert claim.statement == "The river has flooded three villages."
    assert not claim.shifted and not claim.copied


def test_a_question_a_you_or_a_pronoun_pointing_outside_is_refused(nlp: Language) -> None:
    for said in (
        "Who would build houses on a flood plain?",
        "You cannot stop a river with sandbags alone",
        "It will help the town to rebuild the school before winter",
    ):
        sentence = f"\u201c{said},\u201d said Paul Marsh."
        assert _claim(nlp, sentence, said, SPOKESMAN) is None, said


def test_an_it_that_stands_for_the_clause_after_it_is_kept(nlp: Language) -> None:
    said = "It is clear that the town needs a new flood wall"
    claim = _claim(nlp, f"\u201c{said},\u201d said Paul Marsh.", said, SPOKESMAN)
    assert claim is not None
    assert claim.reported == "it was clear that the town needed a new flood wall"


def test_reported_speech_keeps_the_speakers_he_and_moves_no_subjunctive(nlp: Language) -> None:
    said = "he had ordered that every school stay closed until Friday"
    sentence = f"The mayor, Paul Marsh, said {said}."
    claim = _claim(nlp, sentence, said, SPOKESMAN, direct=False)
    assert claim is not None
    assert claim.reported == "he had ordered that every school stay closed until Friday"
    assert claim.shifted  # "he" is the speaker: a "who said" would give him away


def test_of_two_clauses_joined_by_a_comma_the_first_is_the_claim(nlp: Language) -> None:
    said = "Sandbags are not enough, they must be backed by a proper wall"
    claim = _claim(nlp, f"\u201c{said},\u201d said Paul Marsh.", said, SPOKESMAN)
    assert claim is not None
    assert claim.statement == "Sandbags are not enough."


def test_a_reported_he_deeper_in_the_claim_is_not_taken_for_the_speaker(nlp: Language) -> None:
    said = "everyone was eager to hear what he had to say about the floods"
    sentence = f"Paul Marsh said {said}."
    assert _claim(nlp, sentence, said, SPOKESMAN, direct=False) is None


def test_a_quote_that_starts_inside_a_subordinate_clause_is_refused(nlp: Language) -> None:
    said = "Every time we build a wall, the river finds a new way round it"
    sentence = f"\u201c{said},\u201d said Paul Marsh."
    assert _claim(nlp, sentence, said, SPOKESMAN) is None
