"""Vocabulary in context, on real sentences parsed by the real pipeline."""

from __future__ import annotations

import re

from spacy.language import Language

from quizapp.banks.validation import validate_text
from quizapp.banks.writing import dump_bank
from quizapp.generator.analysis import analyse
from quizapp.generator.drafting import ArticleText, DraftOptions
from quizapp.generator.emit import bank_dict
from quizapp.generator.kinds import KindContext, kind_named
from quizapp.generator.kinds.vocabulary import vocabulary_questions
from quizapp.generator.lexicon import lexicon
from quizapp.generator.pipeline import run

TALKS = (
    "Turkey and Egypt held talks in Cairo on Wednesday.\n\n"
    "The meeting was the first of its kind in eight years.\n\n"
    "After years of hostility, the two governments announced a rapprochement in March."
)


def test_a_rare_word_is_asked_with_its_paragraph_and_its_meaning(nlp: Language) -> None:
    questions = list(vocabulary_questions(nlp(TALKS)))
    [question] = [q for q in questions if q.lemma == "rapprochement"]
    assert question.prompt == "In paragraph 3, what does 'rapprochement' mean?"
    assert question.key == "The reestablishing of cordial relations"
    assert len(set(question.distractors)) == 3
    assert question.key not in question.distractors
    # no wrong option is another meaning of the word, or a meaning of a synonym
    meanings = {s.definition.casefold() for s in lexicon().entry("rapprochement", "n").senses}
    reconciliation = lexicon().entry("reconciliation", "n")
    if reconciliation is not None:
        meanings |= {s.definition.casefold() for s in reconciliation.senses}
    assert not {d.casefold() for d in question.distractors} & meanings


def test_the_sense_that_fits_the_sentence_is_the_key(nlp: Language) -> None:
    text = "The grant will bolster morale and strengthen support among the nurses."
    [question] = [q for q in vocabulary_questions(nlp(text)) if q.lemma == "bolster"]
    assert question.key == "Support and strengthen"
    assert "Add padding to" not in question.distractors


def test_a_word_whose_sense_the_sentence_does_not_show_is_not_asked(nlp: Language) -> None:
    assert not [
        q for q in vocabulary_questions(nlp("They will bolster it.")) if q.lemma == "bolster"
    ]


def test_common_words_and_names_are_not_asked(nlp: Language) -> None:
    text = "The president said the economy grew last year. Mr Thornbury visited Ipswich."
    assert list(vocabulary_questions(nlp(text))) == []


def test_a_noun_the_tagger_may_call_a_verb_is_not_given_the_verbs_meaning(nlp: Language) -> None:
    text = "But auctioneer Frederic Thut, the owner of the art house, refused to comment."
    keys = {q.key for q in vocabulary_questions(nlp(text))}
    assert "Sell at an auction" not in keys


def test_the_same_seed_gives_the_same_options(nlp: Language) -> None:
    doc = nlp(TALKS)
    first = [q.distractors for q in vocabulary_questions(doc, seed=3)]
    assert first == [q.distractors for q in vocabulary_questions(doc, seed=3)]
    assert first != [q.distractors for q in vocabulary_questions(doc, seed=4)]


def test_the_registered_kind_drafts_a_valid_vocabulary_question(
    nlp: Language, sample_article_text: str
) -> None:
    article = ArticleText("Turkey and Egypt hold talks", sample_article_text)
    report = run(nlp(sample_article_text), article, DraftOptions())
    vocabulary = [d for d in report.kept if d.kind == "vocabulary"]
    assert len(vocabulary) == 1  # the kind's share of a bank of ten
    [drafted] = vocabulary
    assert drafted.skill == "vocabulary" and drafted.entry["skill"] == "vocabulary"
    assert re.fullmatch(r"In paragraph \d+, what does '[a-z-]+' mean\?", drafted.prompt)
    choices = drafted.entry["choices"]
    assert isinstance(choices, list)
    assert [c["text"] for c in choices if c["correct"]] == [drafted.key]
    assert len({c["text"] for c in choices}) == 4
    bank = bank_dict(article.title, article.text, {}, report.kept)
    assert validate_text(dump_bank(bank)) == []


def test_the_kind_needs_multiple_choice(nlp: Language) -> None:
    analysis = analyse(nlp(TALKS), "Talks")
    context = KindContext(seed=0, types=frozenset({"short_answer"}))
    assert list(kind_named("vocabulary").propose(analysis, context)) == []
    context = KindContext(seed=0, types=frozenset({"multiple_choice"}))
    [drafted] = kind_named("vocabulary").propose(analysis, context)
    assert drafted.key == "The reestablishing of cordial relations"
