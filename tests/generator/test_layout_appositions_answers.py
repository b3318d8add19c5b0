"""Paragraph breaks in the parse, appositions asked through their noun, and questions that
never give their answer away, all on real spaCy parses."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quizapp.generator import ask, draft_bank
from quizapp.generator.answer_aware import parsed
from quizapp.generator.language_model import line_break_starts
from quizapp.generator.wording.realisation import mentions_answer, without_answer
from quizapp.generator.wording.wh_question import question_for

HEADER = (
    "Turkey, Egypt kick off diplomatic talks in Cairo to mend relations\n"
    "Source: Iran Press TV, Wednesday, 05 May 2021 (republished by GlobalSecurity.org)\n\n"
)


# 1. paragraph breaks and title lines end sentences


def test_title_and_source_lines_are_sentences_of_their_own(sample_raw_text: str) -> None:
    sentences = [s.text.strip() for s in parsed(sample_raw_text).sents]
    assert sentences[0] == "Turkey, Egypt kick off diplomatic talks in Cairo to mend relations"
    assert sentences[1].startswith("Source: Iran Press TV")
    assert sentences[1].endswith("(republished by GlobalSecurity.org)")
    assert sentences[2].startswith("Turkey and Egypt have kicked off")


def test_a_blank_line_always_ends_a_sentence(nlp: Language) -> None:
    text = "The delegation arrived on Tuesday\n\nTalks began on Wednesday in Cairo."
    starts = [s.start_char for s in nlp(text).sents]
    assert text.index("Talks") in starts


def test_a_hard_wrapped_paragraph_stays_one_sentence(nlp: Language) -> None:
    text = (
        "First paragraph ends here.\n\n"
        "The two countries have been at odds over several issues, including the\n"
        "conflict in Libya and maritime borders in the eastern Mediterranean Sea.\n"
    )
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert any(s.startswith("The two countries") and s.endswith("Sea.") for s in sentences)


def test_line_break_starts() -> None:
    text = "Title line\nSource: Agency, 2021\n\nBody one\ncontinues.\nNext line.\n\n\nLast."
    starts = line_break_starts(text)
    assert text.index("Source") in starts
    assert text.index("Body") in starts
    assert text.index("continues") not in starts
    assert text.index("Next") in starts
    assert text.index("Last") in starts


def test_the_source_line_does_not_leak_into_a_question(sample_raw_text: str) -> None:
    start = sample_raw_text.index("Turkey and Egypt have")
    question = ask(sample_raw_text, "Turkey and Egypt", start)
    assert "GlobalSecurity" not in question
    assert "May 2021" not in question
    assert "rapprochement" in question


def test_drafting_keeps_the_header_out_of_the_evidence(sample_raw_text: str) -> None:
    bank = draft_bank(sample_raw_text, title="Turkey and Egypt")
    questions = bank["questions"]
    assert isinstance(questions, list)
    for entry in questions:
        evidence = str(entry.get("evidence", ""))
        assert not ("GlobalSecurity" in evidence and "kicked off" in evidence)


# 2. an apposition is asked for through the noun phrase it names


def test_capital_apposition_in_the_article(sample_raw_text: str) -> None:
    start = sample_raw_text.index("capital, Cairo") + len("capital, ")
    assert ask(sample_raw_text, "Cairo", start) == "Which city is the Egyptian capital?"


@pytest.mark.parametrize(
    ("sentence", "answer", "expected"),
    [
        (
            "The talks were led by the Egyptian foreign minister, Sameh Shoukry, in Cairo.",
            "Sameh Shoukry",
            "Who was the Egyptian foreign minister?",
        ),
        (
            "The delegation flew to the Libyan port, Benghazi, last week.",
            "Benghazi",
            "Which city was the Libyan port?",
        ),
        (
            "Delegates met in Ankara, the Turkish capital, on Monday.",
            "Ankara",
            "Which city was the Turkish capital?",
        ),
    ],
)
def test_appositions_are_asked_through_their_noun(
    sentence: str, answer: str, expected: str
) -> None:
    assert ask(sentence, answer, sentence.index(answer)) == expected


def test_drafting_asks_appositions_through_their_noun(nlp: Language) -> None:
    text = "A Turkish delegation is arriving in the Egyptian capital, Cairo, for talks."
    doc = nlp(text)
    start = text.index("Cairo")
    span = doc.char_span(start, start + len("Cairo"))
    assert span is not None
    built = question_for(span, "GPE")
    assert built.text == "Which city is the Egyptian capital?"
    assert built.pattern == "identity"


def test_drafted_bank_asks_for_cairo_through_the_capital(sample_raw_text: str) -> None:
    bank = draft_bank(sample_raw_text, title="Turkey and Egypt")
    questions = bank["questions"]
    assert isinstance(questions, list)
    prompts = [str(entry["prompt"]) for entry in questions]
    assert not any("Turkish delegation, Cairo," in p for p in prompts)


# 3. the answer is never in its own question


def test_no_answer_is_given_away_in_the_article(sample_raw_text: str) -> None:
    doc = parsed(sample_raw_text)
    for entity in doc.ents:
        question = ask(sample_raw_text, entity.text, entity.start_char)
        assert not mentions_answer(question, entity.text), (entity.text, question)


def test_mentions_answer_matches_whole_words_in_any_case() -> None:
    assert mentions_answer("Where did the talks in cairo end?", "Cairo")
    assert mentions_answer("Who met Sedat  Onal?", "Sedat Onal")
    assert not mentions_answer("Where did the Cairene talks end?", "Cairo")
    assert not mentions_answer("What happened?", "")


def test_without_answer_takes_out_the_words_and_their_commas() -> None:
    question = "Where was a Turkish delegation, Cairo, for talks arriving?"
    assert without_answer(question, "Cairo") == "Where was a Turkish delegation for talks arriving?"
    assert without_answer("Who met cairo officials?", "Cairo") == "Who met officials?"
