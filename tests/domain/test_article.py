"""Tests for splitting articles into paragraphs and sentences, quote lookup and named spans."""

from __future__ import annotations

import pytest

from quizapp.domain.article import Article

TALKS = """Turkey, Egypt kick off diplomatic talks in Cairo to mend relations
Source: Iran Press TV, Wednesday, 05 May 2021

Turkey and Egypt have kicked off a diplomatic rapprochement after years of political \
estrangement, with a Turkish delegation arriving in the Egyptian capital, Cairo, for talks.

The diplomatic consultations will be led by Turkish Deputy Foreign Affairs Minister and \
Ambassador Sedat Onal and his Egyptian counterpart, Hamdi Sanad Loza, according to the \
Egyptian Foreign Ministry.

The development came after Turkish Foreign Minister Mevlut Cavusoglu said last month that \
Ankara had made \u201cdiplomatic contact\u201d with Cairo. He said the channel would be \
pursued.

Sisi is also opposed to Turkey's claims in the eastern Mediterranean.

Following the coup, Turkish President Recep Tayyip Erdogan refused to accept President \
Abdel Fattah el-Sisi.

Egypt's Foreign Minister Sameh Shoukry said there was "a great deal of mistrust."

Turkey deployed military troops to Libya in early January 2020 to support the UN-backed \
government.
"""


@pytest.fixture
def talks() -> Article:
    return Article(TALKS)


def test_sentences_are_numbered_in_document_order(talks: Article) -> None:
    assert [s.id for s in talks.sentences] == [f"s{n}" for n in range(1, 11)]
    assert talks.sentences[0].text.startswith("Turkey, Egypt kick off")
    assert talks.sentences[1].text == "Source: Iran Press TV, Wednesday, 05 May 2021"
    assert talks.sentences[5].text == "He said the channel would be pursued."


def test_offsets_point_into_the_original_text(talks: Article) -> None:
    for sentence in talks.sentences:
        assert TALKS[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


def test_paragraphs_split_on_blank_lines(talks: Article) -> None:
    assert len(talks.paragraphs) == 8
    assert [s.paragraph for s in talks.sentences] == [0, 0, 1, 2, 3, 3, 4, 5, 6, 7]
    assert talks.paragraphs[3].text.startswith("The development came")


def test_headline_lines_are_sentences_but_wrapped_prose_is_not_split() -> None:
    wrapped = Article("The talks were led by Ambassador\nSedat Onal and his counterpart.\n")
    assert [s.text for s in wrapped.sentences] == [
        "The talks were led by Ambassador\nSedat Onal and his counterpart."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He met Mr. Smith in the U.S. on Jan. 5 at 3.5 p.m. and left. Then he slept.",
            ["He met Mr. Smith in the U.S. on Jan. 5 at 3.5 p.m. and left.", "Then he slept."],
        ),
        ('J. K. Rowling said "Go." Then she left!', ['J. K. Rowling said "Go."', "Then she left!"]),
        ('"Why?" he asked. It cost $2.5 million.', ['"Why?" he asked.', "It cost $2.5 million."]),
        ("They flew to the U.S. The talks began.", ["They flew to the U.S.", "The talks began."]),
        (
            "Dr. No. 5 was there. Apple Inc. The end.",
            ["Dr. No. 5 was there.", "Apple Inc.", "The end."],
        ),
        (
            "\u201cWords are not enough.\u201d He left.",
            ["\u201cWords are not enough.\u201d", "He left."],
        ),
        ("Troops left... Then calm returned.", ["Troops left...", "Then calm returned."]),
        ("- first point\n- second point", ["- first point", "- second point"]),
    ],
)
def test_sentence_splitting_of_news_text(text: str, expected: list[str]) -> None:
    assert [s.text for s in Article(text).sentences] == expected


@pytest.mark.parametrize(
    "quote",
    [
        "arriving in the Egyptian capital, Cairo, for talks",
        "ARRIVING   in the egyptian\ncapital, cairo, for talks",
        '"diplomatic contact"',
        "\u2018a great deal of mistrust.\u2019".replace("\u2018", '"').replace("\u2019", '"'),
    ],
)
def test_locate_ignores_case_spacing_and_quote_style(talks: Article, quote: str) -> None:
    span = talks.locate(quote)
    assert span is not None
    start, end = span
    found = " ".join(TALKS[start:end].split()).casefold()
    assert found.replace("\u201c", '"').replace("\u201d", '"') == " ".join(quote.split()).casefold()


def test_locate_returns_none_for_text_not_in_the_article(talks: Article) -> None:
    assert talks.locate("Alexandria") is None
    assert talks.locate("   ") is None


def test_sentences_between_and_for_quote(talks: Article) -> None:
    start, end = talks.locate("Cairo. He said") or (0, 0)
    assert [s.id for s in talks.sentences_between(start, end)] == ["s5", "s6"]
    assert [s.id for s in talks.sentences_for_quote("early January 2020")] == ["s10"]
    assert talks.sentences_for_quote("not in the article") == []


def test_sentence_lookup(talks: Article) -> None:
    assert talks.sentence("s10").text.startswith("Turkey deployed")
    sentence_at = talks.sentence_at(talks.sentence("s3").start + 5)
    assert sentence_at is not None and sentence_at.id == "s3"
    with pytest.raises(KeyError):
        talks.sentence("s99")


def test_named_spans_find_people_and_places(talks: Article) -> None:
    spans = talks.named_spans()
    for name in [
        "Turkey",
        "Egypt",
        "Cairo",
        "Sedat Onal",
        "Hamdi Sanad Loza",
        "Mevlut Cavusoglu",
        "Ankara",
        "Recep Tayyip Erdogan",
        "Abdel Fattah el-Sisi",
        "Sisi",
        "Sameh Shoukry",
        "Libya",
        "UN",
    ]:
        assert name in spans
    assert len(spans) == len(set(spans))


def test_named_spans_skip_ordinary_sentence_openers(talks: Article) -> None:
    spans = talks.named_spans()
    for word in ["The", "He", "Following", "Source", "Turkey's", "Egypt's"]:
        assert word not in spans
    assert "Foreign Minister Sameh Shoukry" in spans  # the possessive ends "Egypt"
