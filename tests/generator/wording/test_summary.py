"""Compressed clauses for summary options, on real parses of real sentences."""

from __future__ import annotations

from spacy.language import Language

from quizapp.generator.references import attach_referents
from quizapp.generator.wording.summary import content_lemmas, core, largest_overlap


def _core(nlp: Language, text: str, budget: int = 12) -> str | None:
    doc = attach_referents(nlp(text))
    clause = core(next(iter(doc.sents)), 0, budget=budget)
    return clause.text if clause else None


def test_a_clause_loses_its_dates_numbers_attribution_and_asides(nlp: Language) -> None:
    text = (
        "The decision, which follows months of debate, means drivers will face a detour of "
        "about 4 miles, council leader Maria Lendl said on Monday."
    )
    assert _core(nlp, text) == "The decision means drivers will face a detour"


def test_the_number_of_one_of_n_things_is_kept(nlp: Language) -> None:
    # without it, "one of nine states" is "one of states"
    text = "Colorado is one of nine states that allow people to grow the plant at home."
    assert _core(nlp, text) == "Colorado is one of nine states"


def test_what_was_said_is_kept_without_who_said_it(nlp: Language) -> None:
    text = "Lendl said the bridge would reopen to cyclists and walkers in the spring."
    assert _core(nlp, text) == "The bridge would reopen to cyclists and walkers"


def test_names_are_kept_whole_and_optional_phrases_fit_the_budget(nlp: Language) -> None:
    text = "Engineers from Deller Consulting will repair the cracked supports next year."
    assert _core(nlp, text) == "Engineers from Deller Consulting will repair the cracked supports"
    assert _core(nlp, text, budget=5) == "Engineers will repair the cracked supports"


def test_quotes_questions_and_first_person_words_make_no_clause(nlp: Language) -> None:
    assert _core(nlp, "\u201cWe will rebuild the bridge,\u201d said Lendl.") is None
    assert _core(nlp, "Will the bridge ever reopen to cars?") is None
    assert _core(nlp, "We have changed our bus routes for the term.") is None


def test_a_clause_whose_link_was_cut_is_refused(nlp: Language) -> None:
    # "refused to confirm if ..." without its "if" clause would say nothing
    text = "The company refused to confirm if it had anything to do with the closure."
    assert _core(nlp, text) is None


def test_overlap_is_the_largest_share_one_sentence_holds(nlp: Language) -> None:
    doc = nlp("The bridge will close to cars. Drivers will face a long detour.")
    sentences = list(doc.sents)
    lemmas = content_lemmas(sentences[0]) | content_lemmas(sentences[1])
    assert 0.3 < largest_overlap(lemmas, sentences) < 0.7
    assert largest_overlap(content_lemmas(sentences[0]), sentences) == 1.0


def test_a_scare_quoted_phrase_is_kept_whole_with_its_marks(nlp: Language) -> None:
    sentence = next(
        iter(
            nlp(
                "Scientists have built an “atlas of the brain” that shows where the meanings "
                "of words are stored."
            ).sents
        )
    )
    clause = core(sentence, 0, budget=14)
    assert clause is not None and clause.text == "Scientists have built an “atlas of the brain”"


def test_a_number_glued_to_its_unit_is_not_cut_from_it(nlp: Language) -> None:
    text = "Leaked papers suggest that the firm is aiming to reach 100m subscribers by 2020."
    clause = core(next(iter(nlp(text).sents)), 0, budget=14)
    # "... to reach m subscribers" would be the remains of "100m"
    assert clause is None or " m " not in f" {clause.text} "
