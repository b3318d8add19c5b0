"""Quote marks on real parses: an apostrophe is no quotation, a scare-quoted phrase leaves the
sentence the article's own statement, speech does not."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quizapp.generator.wording.realisation import (
    balanced_quotes,
    quoted_spans,
    quotes_in,
    scare_quotes_only,
)


@pytest.mark.parametrize(
    "text",
    [
        "The workers’ union said the town’s plan had failed.",
        "The town's dance halls opened in 1956.",
        "The farmers' market opens on Saturdays.",
    ],
)
def test_an_apostrophe_is_no_quotation(nlp: Language, text: str) -> None:
    assert not quotes_in(nlp(text))


@pytest.mark.parametrize(
    "text",
    [
        "“We will not stop,” the union leader said.",
        'The minister said: "The border will stay open for the whole of the winter."',
        "He called the plan ‘a disaster’ on Monday.",
    ],
)
def test_speech_is_a_quotation(nlp: Language, text: str) -> None:
    assert quotes_in(nlp(text))


def test_a_scare_quoted_phrase_keeps_the_sentence_a_statement(nlp: Language) -> None:
    doc = nlp("Scientists in Leeds have built an “atlas of the brain” that maps words.")
    leeds = doc[2:3]
    atlas = doc[6:7]
    assert scare_quotes_only(doc[:], leeds)
    # the quoted words are somebody's coinage: never the answer
    assert not scare_quotes_only(doc[:], atlas)


def test_a_long_quotation_is_speech_even_in_a_reported_sentence(nlp: Language) -> None:
    doc = nlp("Lendl said the plan was “the best thing to happen to this town in years”.")
    assert not scare_quotes_only(doc[:], doc[0:1])


def test_a_question_must_close_its_quote_marks() -> None:
    assert balanced_quotes("What did scientists in Leeds call their “atlas of the brain”?")
    assert balanced_quotes("By what year may the world’s population have to change its diet?")
    assert not balanced_quotes("What ’m I leaving the programme for?")
    assert not balanced_quotes("Who said “the plan would fail?")


def test_single_quote_marks_pair_up_around_a_phrase(nlp: Language) -> None:
    doc = nlp("Many people ‘remember’ events that never happened, the workers’ union says.")
    spans = quoted_spans(doc[:])
    assert spans is not None and [doc[a : b + 1].text for a, b in spans] == ["remember"]
    assert scare_quotes_only(doc[:], doc[0:2])
