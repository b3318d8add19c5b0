"""Wh-question rules on real parses: do-support, passives, copulas, relative clauses, wh-words."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quizapp.generator import ask
from quizapp.generator.inflection import do_support, simple_past, third_person_singular


def question(nlp: Language, sentence: str, answer: str) -> str:
    start = sentence.index(answer)
    return ask(sentence, answer, start)


@pytest.mark.parametrize(
    ("sentence", "answer", "expected"),
    [
        # do-support carries the past tense; the verb goes back to its lemma
        (
            "Turkey deployed military troops to Libya in early January 2020 to support the "
            "UN-backed government.",
            "early January 2020",
            "When did Turkey deploy military troops to Libya?",
        ),
        # a passive agent becomes the subject of an active question
        (
            "The diplomatic consultations will be led by Ambassador Sedat Onal, according to "
            "the Egyptian Foreign Ministry.",
            "Ambassador Sedat Onal",
            "Who will lead the diplomatic consultations?",
        ),
        # a subject answer keeps the word order; a plural verb agrees with "who"
        (
            "The presidents of the two countries have been sparring since 2013.",
            "The presidents of the two countries",
            "Who has been sparring since 2013?",
        ),
        # a place after a locative preposition becomes "where", the preposition goes too
        (
            "Political consultations would be held in Cairo on Wednesday.",
            "Cairo",
            "Where would political consultations be held on Wednesday?",
        ),
        # an auxiliary is fronted instead of do-support
        (
            "Cairo had previously conditioned the restoration of relations on the withdrawal "
            "of Turkish troops.",
            "the withdrawal of Turkish troops",
            "What had Cairo previously conditioned the restoration of relations on?",
        ),
        # a relative clause borrows the noun it modifies as its subject
        (
            "Libya descended into chaos in the aftermath of the 2011 NATO-backed uprising that "
            "ousted long-time dictator Muammar Gaddafi.",
            "Muammar Gaddafi",
            "Who did the 2011 NATO-backed uprising oust?",
        ),
        # an infinitive complement is asked through its governing verb
        (
            "Erdogan refused to accept Abdel Fattah el-Sisi as the legitimate president.",
            "Abdel Fattah el-Sisi",
            "Who did Erdogan refuse to accept as the legitimate president?",
        ),
        # a number modifying a noun asks "how many" with that noun
        (
            "The agency registered 122,000 commercial drones last year.",
            "122,000",
            "How many commercial drones did the agency register last year?",
        ),
    ],
)
def test_transformations(nlp: Language, sentence: str, answer: str, expected: str) -> None:
    assert question(nlp, sentence, answer) == expected


def test_apposition_partner_is_asked_through_its_description(nlp: Language) -> None:
    # "the Egyptian capital, Cairo": the name is asked for through the noun it stands beside
    sentence = "A Turkish delegation arrived in the Egyptian capital, Cairo, for talks."
    assert question(nlp, sentence, "Cairo") == "Which city was the Egyptian capital?"


def test_the_answer_never_stays_in_the_question(nlp: Language, sample_article_text: str) -> None:
    for answer in ("Sedat Onal", "early January 2020", "Muammar Gaddafi", "Tobruk"):
        start = sample_article_text.index(answer)
        assert answer not in ask(sample_article_text, answer, start)


def test_selection_with_wrong_offset_is_found_by_its_text(sample_article_text: str) -> None:
    # the browser may count offsets differently; the words themselves still locate the answer
    assert ask(sample_article_text, "early January 2020", 0) == (
        "When did Turkey deploy military troops to Libya?"
    )


def test_selection_outside_the_text_is_refused(sample_article_text: str) -> None:
    from quizapp.errors import InvalidInput

    with pytest.raises(InvalidInput, match="not in the text"):
        ask(sample_article_text, "Buenos Aires", 0)
    with pytest.raises(InvalidInput, match="Select some words"):
        ask(sample_article_text, "   ", 0)


@pytest.mark.parametrize(
    ("lemma", "third", "past"),
    [
        ("deploy", "deploys", "deployed"),
        ("lead", "leads", "led"),
        ("carry", "carries", "carried"),
        ("push", "pushes", "pushed"),
        ("write", "writes", "wrote"),
        ("move", "moves", "moved"),
    ],
)
def test_inflection(lemma: str, third: str, past: str) -> None:
    assert third_person_singular(lemma) == third
    assert simple_past(lemma) == past


def test_do_support_follows_the_tag() -> None:
    assert do_support("VBD", plural_subject=True) == "did"
    assert do_support("VBZ", plural_subject=False) == "does"
    assert do_support("VBP", plural_subject=True) == "do"


@pytest.mark.parametrize(
    ("sentence", "answer", "expected"),
    [
        # a participle describing a noun has no tense: the time is asked of the clause
        (
            "The agency will have rules governing the use of delivery drones by June 2026.",
            "June 2026",
            "By when will the agency have rules governing the use of delivery drones?",
        ),
        # an adjective keeps the phrase it needs ("proportional to ...")
        (
            "Further, the physicist Isaac Newton realized that the pull of gravity is "
            "proportional to the mass of the attracting body.",
            "Isaac Newton",
            "Who realized that the pull of gravity is proportional to the mass of the "
            "attracting body?",
        ),
        # only someone realizes, even when the NER takes the name for a place
        (
            "Further, Newton realized that the pull of gravity is proportional to the mass.",
            "Newton",
            "Who realized that the pull of gravity is proportional to the mass?",
        ),
        # a participle that would end the question keeps its short complement
        (
            "Early in the century, the physicist Isaac Newton determined that the acceleration "
            "of the Moon around the Earth could be ascribed to the same force of gravity.",
            "Isaac Newton",
            "Who determined that the acceleration of the Moon around the Earth could be "
            "ascribed to the same force of gravity?",
        ),
        # after "one of", the relative clause says which ones
        (
            "Oregon is one of 12 states that ban the practice on the basis of age.",
            "Oregon",
            "What is one of 12 states that ban the practice on the basis of age?",
        ),
        # ... and so has a to-infinitive that describes a noun
        (
            "Galileo designed a ramp on which stones were rolled down an incline to disprove "
            "the theory of motion early in the 17th century.",
            "early in the 17th century",
            "When were stones rolled down an incline to disprove the theory of motion?",
        ),
        # words the text writes together stay together
        (
            "In 2014, the retailer spent £7m on a television advert.",
            "2014",
            "When did the retailer spend £7m on a television advert?",
        ),
        # the one told something is asked for with "who", even when it is an organisation
        (
            "Senator Ruiz told Reuters in an interview after the vote.",
            "Reuters",
            "Who did Senator Ruiz tell in an interview after the vote?",
        ),
        # one item of a list: the others are named so that only the answer fits
        (
            "Charlie Craig and David Mullins went to a bakery in Lakewood to order a cake.",
            "David Mullins",
            "Other than Charlie Craig, who else went to a bakery in Lakewood to order a cake?",
        ),
        # a name introduced by a description is asked for through the description
        (
            "Edward the Confessor returned in 1041 at the invitation of his half-brother "
            "Harthacnut.",
            "Harthacnut",
            "Who was Edward the Confessor's half-brother?",
        ),
        # an adjective complement is asked with "how"
        (
            "Snow is very rare in the Southwest of the state.",
            "very rare",
            "How is snow in the Southwest of the state?",
        ),
        # a clause with little else keeps its purpose
        (
            "In closed systems, nonconservative forces act to change the internal energies of "
            "the system.",
            "nonconservative forces",
            "What acts to change the internal energies of the system?",
        ),
        # an infinitive's "to" is not fronted; the governing verb gives the tense
        (
            "Last year, criminals used small drones to block FBI agents from observing a "
            "hostage situation.",
            "FBI agents",
            "What did criminals use small drones to block from observing a hostage situation "
            "last year?",
        ),
        # a modifier inside a prepositional phrase fronts the whole phrase
        (
            "Southern California is home to many major business districts.",
            "business",
            "To what kind of districts is Southern California home?",
        ),
        # a stranded preposition does not follow a comma
        (
            "Southern California contains a Mediterranean climate, with infrequent rain and "
            "many sunny days.",
            "infrequent rain",
            "Other than many sunny days, what else does Southern California contain a "
            "Mediterranean climate with?",
        ),
    ],
)
def test_answer_aware_rules(nlp: Language, sentence: str, answer: str, expected: str) -> None:
    assert question(nlp, sentence, answer) == expected


def test_a_speaker_known_only_by_name_is_asked_through_the_description(nlp: Language) -> None:
    sentence = (
        "“We assign different store locations to each shopper,” says Laura, a 50-year-old "
        "mystery shopper from Leeds."
    )
    assert question(nlp, sentence, "Laura") == "Who is a 50-year-old mystery shopper from Leeds?"


def test_no_question_is_degenerate(sample_article_text: str) -> None:
    from quizapp.generator.answer_aware import parsed

    for entity in parsed(sample_article_text).ents:
        asked = ask(sample_article_text, entity.text, entity.start_char)
        assert len(asked.split()) >= 3, (entity.text, asked)
        assert asked.endswith("?")


def test_the_speaker_of_a_quotation_is_asked_with_what_was_said(nlp: Language) -> None:
    sentence = (
        "“The acquisition of cell site records was a Fourth Amendment search,” wrote Roberts."
    )
    assert question(nlp, sentence, "Roberts") == (
        "Who wrote that the acquisition of cell site records was a Fourth Amendment search?"
    )
