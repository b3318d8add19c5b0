"""Vocabulary in context, on real sentences parsed by the real pipeline."""

from __future__ import annotations

import math
import re

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from quizapp.banks.validation import validate_text
from quizapp.banks.writing import dump_bank
from quizapp.generator.analysis import analyse
from quizapp.generator.emit import bank_dict
from quizapp.generator.kinds import KindContext, kind_named
from quizapp.generator.kinds.vocabulary import (
    MAX_SENSES,
    defined_in_article,
    fitting_sense,
    vocabulary_questions,
)
from quizapp.generator.lexicon import lexicon
from quizapp.generator.lexicon.glosses import as_option, gloss_stems, names_the_word, transparent
from quizapp.generator.pipeline import run
from quizapp.generator.request import ArticleText, DraftOptions
from quizapp.generator.selection import STRETCH

TALKS = (
    "After years of hostility, the two governments announced a rapprochement in March.\n\n"
    "Diplomats described the first round of talks as cordial, although several delegates "
    "voiced scepticism about the timetable.\n\n"
    "Protesters outside the embassy denounced the deal, and police reported an act of arson "
    "near the harbour.\n\n"
    "Analysts said the agreement could bolster trade and ease the scarcity of fuel in the "
    "impoverished border towns.\n\n"
    "The ministers pledged to reconvene in the autumn, and both sides vowed to curb the "
    "smuggling that had fuelled the feud."
)


@pytest.fixture(scope="module")
def talks(nlp: Language) -> Doc:
    return nlp(TALKS)


def test_a_rare_word_is_asked_with_its_paragraph_and_the_sense_it_has(talks: Doc) -> None:
    [question] = [q for q in vocabulary_questions(talks) if q.lemma == "rapprochement"]
    assert question.prompt == "In paragraph 1, what does the word 'rapprochement' mean?"
    assert question.key == "The reestablishing of cordial relations"
    assert len(set(question.distractors)) == 3 and question.key not in question.distractors


def test_wrong_options_are_meanings_of_the_articles_other_rare_words(talks: Doc) -> None:
    [question] = [q for q in vocabulary_questions(talks) if q.lemma == "rapprochement"]
    words = lexicon()
    meanings = {
        as_option(sense.definition, "n")
        for lemma in ("arson", "smuggling", "scepticism", "scarcity", "hostility", "feud")
        for entry in [words.entry(lemma, "n")]
        if entry is not None
        for sense in entry.senses
    }
    assert set(question.distractors) <= meanings
    # none is made of the asked sentence's words, so none could be read into it
    sentence = {w.lemma_.casefold()[:5] for w in question.sentence if w.is_alpha}
    for wrong in question.distractors:
        assert not gloss_stems([wrong]) & sentence, wrong


def test_a_word_with_no_plausible_wrong_options_is_not_asked(nlp: Language) -> None:
    # alone, the sentence has no other rare words to offer: three dictionary strays would
    # make the key the only meaning that fits a diplomatic story
    lone = nlp("After years of hostility, the two governments announced a rapprochement.")
    assert [q for q in vocabulary_questions(lone) if q.lemma == "rapprochement"] == []


def test_the_sense_that_fits_the_sentence_is_the_key(nlp: Language) -> None:
    doc = nlp("The grant will bolster morale and strengthen support among the nurses.")
    entry = lexicon().entry("bolster", "v")
    assert entry is not None
    token = next(t for t in doc if t.lower_ == "bolster")
    sense = fitting_sense(entry, token, lexicon())
    assert sense is not None and as_option(sense.definition, "v") == "To support and strengthen"


def test_a_word_whose_sense_the_sentence_does_not_show_is_not_asked(nlp: Language) -> None:
    doc = nlp("They will bolster it.")
    entry = lexicon().entry("bolster", "v")
    assert entry is not None
    token = next(t for t in doc if t.lower_ == "bolster")
    assert fitting_sense(entry, token, lexicon()) is None


def test_a_word_of_many_senses_is_not_asked_on_a_chance_match(nlp: Language) -> None:
    # an example sentence of one of its six senses shares "movie" and "audience" with this one
    doc = nlp("The new movie did not excite audiences in the cinemas of the north.")
    entry = lexicon().entry("excite", "v")
    assert entry is not None and len(entry.senses) > MAX_SENSES
    token = next(t for t in doc if t.lower_ == "excite")
    assert fitting_sense(entry, token, lexicon()) is None


def test_verbs_are_offered_as_to_phrases() -> None:
    assert as_option("report or maintain", "v") == "To report or maintain"
    assert as_option("abandon hope; give up hope; lose heart", "v") == "To abandon hope"
    assert as_option("(law) malicious burning to destroy property", "n") == (
        "Malicious burning to destroy property"
    )
    assert as_option("close observation of a group (usually by the police)", "n") == (
        "Close observation of a group"
    )


def test_a_participle_used_as_an_adjective_is_not_asked_as_a_verb(nlp: Language) -> None:
    doc = nlp(TALKS.replace("the first round of talks", "the enthralling first round of talks"))
    assert not [q for q in vocabulary_questions(doc) if q.lemma == "enthral"]
    assert all(not q.key.startswith("To ") for q in vocabulary_questions(doc) if q.pos != "v")


def test_words_that_read_themselves_are_not_asked() -> None:
    assert transparent("joyous") and transparent("avoidance") and transparent("earner")
    assert not transparent("rapprochement") and not transparent("arson")
    assert names_the_word("not deterred", "undeterred")
    assert names_the_word(
        "a neurobiologist who specializes in the study of the brain", "neuroscientist"
    )
    assert not names_the_word("malicious burning to destroy property", "arson")


def test_a_term_the_article_explains_is_not_asked(nlp: Language) -> None:
    doc = nlp("The farm uses a method called aquaculture to raise tilapia in tanks.")
    token = next(t for t in doc if t.lower_ == "aquaculture")
    assert defined_in_article(token)
    doc = nlp("Police reported an act of arson near the harbour.")
    assert not defined_in_article(next(t for t in doc if t.lower_ == "arson"))


def test_common_words_and_names_are_not_asked(nlp: Language) -> None:
    text = "The president said the economy grew last year. Mr Thornbury visited Ipswich."
    assert list(vocabulary_questions(nlp(text))) == []


def test_a_noun_the_tagger_may_call_a_verb_is_not_given_the_verbs_meaning(nlp: Language) -> None:
    text = "But auctioneer Frederic Thut, the owner of the art house, refused to comment."
    keys = {q.key for q in vocabulary_questions(nlp(text))}
    assert "To sell at an auction" not in keys


def test_the_same_seed_gives_the_same_options(talks: Doc) -> None:
    first = [q.distractors for q in vocabulary_questions(talks, seed=3)]
    assert first and first == [q.distractors for q in vocabulary_questions(talks, seed=3)]


def test_the_registered_kind_drafts_a_valid_vocabulary_question(nlp: Language) -> None:
    article = ArticleText("Rivals make up", TALKS)
    report = run(nlp(TALKS), article, DraftOptions())
    vocabulary = [d for d in report.kept if d.kind == "vocabulary"]
    # its share of a bank of ten is one; a short article's bank may stretch it to twice that
    assert 1 <= len(vocabulary) <= STRETCH * math.ceil(kind_named("vocabulary").share * 10)
    assert len({d.key for d in vocabulary}) == len(vocabulary)
    for drafted in vocabulary:
        assert drafted.skill == "vocabulary" and drafted.entry["skill"] == "vocabulary"
        prompt = r"In paragraph \d+, what does the word '[a-z-]+' mean\?"
        assert re.fullmatch(prompt, drafted.prompt)
        choices = drafted.entry["choices"]
        assert isinstance(choices, list)
        assert [c["text"] for c in choices if c["correct"]] == [drafted.key]
        assert len({c["text"] for c in choices}) == 4
    bank = bank_dict(article.title, article.text, {}, report.kept)
    assert validate_text(dump_bank(bank)) == []


def test_the_kind_needs_multiple_choice(talks: Doc) -> None:
    analysis = analyse(talks, "Rivals make up")
    context = KindContext(seed=0, types=frozenset({"short_answer"}))
    assert list(kind_named("vocabulary").propose(analysis, context)) == []
    context = KindContext(seed=0, types=frozenset({"multiple_choice"}))
    keys = {drafted.key for drafted in kind_named("vocabulary").propose(analysis, context)}
    assert "The reestablishing of cordial relations" in keys


def test_a_meaning_that_opens_on_a_verb_only_meets_meanings_alike() -> None:
    from quizapp.generator.kinds.vocabulary import opening_form

    assert opening_form("Changing to a lighter colour") == "action"
    assert opening_form("A squeeze with the fingers") == "thing"
    assert opening_form("Kings and queens as a group") == "thing"  # "Kings" is no verb
