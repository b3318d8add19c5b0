"""Choosing the wh-phrase that stands for an answer, from its entity type, its part of speech and
its role in the clause: who, what, when, what year, how long, where, which city, how many N,
how much, what percentage, what law; and whether a governing preposition goes with the wh-word,
is replaced by it, or stays behind.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from quizapp.generator import word_lists
from quizapp.generator.wording.clause_parts import constituent_of
from quizapp.generator.wording.person_nouns import names_a_person
from quizapp.generator.wording.word_sets import (
    ADDRESSING_VERBS,
    DURATION_UNITS,
    KIND_WORDS,
    LOCATION_LABELS,
    LOCATIVE_PREPOSITIONS,
    MINDFUL_VERBS,
    MOTION_VERBS,
    NAMED_KIND_LABELS,
    NUMBER_LABELS,
    PERSON_NOUNS,
    PIED_PIPED_PREPOSITIONS,
    PLACE_KINDS,
    PLACE_LABELS,
    STATIC_PREPOSITIONS,
    TEMPORAL_PREPOSITIONS,
    VAGUE_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def entity_label(span: Span) -> str:
    """The entity type covering most of ``span`` ("" when it holds no entity)."""
    counts: dict[str, int] = {}
    for token in span:
        if token.ent_type_:
            counts[token.ent_type_] = counts.get(token.ent_type_, 0) + 1
    if not counts:
        return ""
    label, count = max(counts.items(), key=lambda item: item[1])
    return label if count * 2 >= sum(1 for t in span if not t.is_punct) else ""


def _motion_verb(root: Token) -> bool:
    head = root.head.head if root.dep_ == "pobj" else root.head
    return head.lemma_.lower() in MOTION_VERBS


def _unlabelled_place(answer: Span, label: str) -> bool:
    """A short name the NER took for an organisation that reads as a place ("fled to
    Normandy"): no word of it says what kind of organisation it would be."""
    from quizapp.generator.distractors import organisation_kind

    return (
        label == "ORG"
        and answer.root.pos_ == "PROPN"
        and len(answer) <= 3
        and not organisation_kind(answer.text)
        and not answer.text.isupper()
        and not any(t.lower_ in KIND_WORDS for t in answer)
    )


def _location_noun(text: str) -> str:
    folded = text.casefold().removeprefix("the ")
    if folded in word_lists.COUNTRY_SET:
        return "country"
    if folded in word_lists.CITY_SET:
        return "city"
    return ""


# Prepositions after which a year is the time of the event ("When did ...?"): SQuAD's askers
# write "When" for them about three times in five.
YEAR_AS_TIME_PREPOSITIONS = frozenset({"in", "on", "at", "during", "until", "till", "from"})
# Roles in which a year modifies a noun ("the 1990 election"): asked as "What year".
YEAR_AS_NAME_DEPS = frozenset({"nummod", "compound", "amod", "poss", "nmod", "appos"})


def wh_phrase(answer: Span, label: str | None = None) -> tuple[str, str]:
    """The wh-phrase standing for ``answer`` and how it treats a governing preposition.

    The second item is "absorb" when the wh-word replaces the preposition too ("in Cairo" ->
    "where"), "pied" when the preposition travels with it ("since 2014" -> "since when"),
    and "strand" when it stays behind ("led to a strategy" -> "what did ... lead to").
    """
    root = answer.root
    label = entity_label(answer) if label is None else label
    preposition = root.head.lower_ if root.dep_ == "pobj" else ""
    mode = "pied" if preposition in PIED_PIPED_PREPOSITIONS else "strand"
    if root.head.dep_ == "agent":
        mode = "absorb"  # the agent becomes the subject: "by X" -> "who"
    if root.dep_ == "acomp" and root.pos_ == "ADJ":
        return "how", "absorb"  # "snow is very rare" -> "How is snow?"
    if root.dep_ == "prep" and root.i == answer.start and label not in NUMBER_LABELS:
        # a whole prepositional phrase: its preposition says whether it is a time or a place
        if label in ("DATE", "TIME"):
            return "when", "absorb"
        if root.lower_ in LOCATIVE_PREPOSITIONS - {"to", "into", "onto", "toward", "towards"}:
            return "where", "absorb"
    if is_year(answer, label):
        # people ask "When ..." for the time of an event ("in 1990"), "What year ..." for a
        # year that names something ("the 1990 election", "since 1990")
        if root.head.dep_ == "agent":
            return "what", "absorb"
        if preposition in YEAR_AS_TIME_PREPOSITIONS or (
            not preposition and root.dep_ not in YEAR_AS_NAME_DEPS
        ):
            return "when", "absorb"
        if not preposition or preposition in TEMPORAL_PREPOSITIONS:
            return "what year", "absorb"
        return "what year", mode
    if label in ("DATE", "TIME") and is_duration(answer, preposition):
        return "how long", "absorb"
    if label in ("DATE", "TIME"):
        if root.head.dep_ == "agent":
            return "what", "absorb"  # "fueled by eight years of hostility": a cause, not a time
        if not preposition or preposition in TEMPORAL_PREPOSITIONS:
            return "when", "absorb"
        return "when", mode
    if label in LOCATION_LABELS and preposition in LOCATIVE_PREPOSITIONS:
        return "where", "absorb"
    if _unlabelled_place(answer, label) and (
        preposition in STATIC_PREPOSITIONS
        or (preposition in LOCATIVE_PREPOSITIONS and _motion_verb(root))
    ):
        return "where", "absorb"
    if label in LOCATION_LABELS and preposition == "from":
        return "where", "strand"
    if names_someone(answer, label):
        return ("whom" if mode == "pied" else "who"), mode
    if label in ("CARDINAL", "QUANTITY") or (not label and root.pos_ == "NUM"):
        if root.dep_ == "nummod" and root.head.pos_ == "NOUN":
            return "how many " + root.head.text, mode
        units = [t for t in answer if t.pos_ == "NOUN"]
        if units:
            return "how many " + units[-1].text, mode
        return "how many", mode
    if label == "MONEY":
        return "how much", mode
    if label == "PERCENT":
        return "what percentage", mode
    if label in LOCATION_LABELS:
        noun = _location_noun(answer.text)
        if noun:
            return "which " + noun, mode
    kind = kind_noun(answer, label)
    if kind:
        return "what " + kind, mode
    return "what", mode


def kind_noun(answer: Span, label: str) -> str:
    """The noun saying what kind of thing ``answer`` is, when the answer spells it out.

    "Lorentz's Law" is a law, asked as "what law"; only closing words that name a kind of
    thing count, so that the question does not give away the rest of the answer.
    """
    root = answer.root
    if label not in NAMED_KIND_LABELS or root.pos_ not in ("NOUN", "PROPN") or len(answer) < 2:
        return ""
    if root.lower_ not in KIND_WORDS:
        return ""
    modifiers = [t for t in root.lefts if t.dep_ in ("amod", "compound", "poss", "nmod")]
    if not modifiers or any(t.i < answer.start for t in modifiers):
        return ""
    if root.lower_ in PERSON_NOUNS or root.lemma_.lower() in VAGUE_NOUNS:
        return ""
    return root.lower_ if root.pos_ == "PROPN" else root.text


def is_duration(answer: Span, preposition: str) -> bool:
    """A stretch of time ("for up to eight hours", "three days") rather than a point in it."""
    units = [t for t in answer if t.lemma_.lower() in DURATION_UNITS]
    if not units or any(YEAR.fullmatch(t.text) for t in answer):
        return False
    counted = any(t.like_num or t.lower_ in ("several", "many", "few") for t in answer)
    return (
        counted
        and (preposition in ("for", "") or preposition == "over")
        and (units[-1].tag_ == "NNS" or preposition == "for")
    )


YEAR = re.compile(r"(1[0-9]|20)\d\d")


def is_year(answer: Span, label: str) -> bool:
    """A bare year ("1191"), written as such or taken by the NER for a plain number."""
    text = answer.text.strip()
    if not YEAR.fullmatch(text) or answer.root.head.text in word_lists.MONTHS:
        return False  # "April 1191" is a month's date, asked with "when"
    if label == "DATE":
        return True
    preposition = answer.root.head.lower_ if answer.root.dep_ == "pobj" else ""
    return label in ("CARDINAL", "") and preposition in ("in", "since", "by", "until", "of")


def names_someone(answer: Span, label: str) -> bool:
    """Whether "who" asks for ``answer``: a person, a people, or a body acting as one."""
    root = answer.root
    if root.tag_ in ("WP", "WDT"):
        return False
    constituent, nested = constituent_of(answer)
    acting = not nested and constituent.dep_ in ("nsubj", "agent")
    # "told VOA", "briefed the committee": who is told something is someone
    addressed = (
        not nested
        and constituent.dep_ in ("dobj", "dative")
        and constituent.head.lemma_.lower() in ADDRESSING_VERBS
    )
    if (
        acting
        and root.pos_ == "PROPN"
        and constituent.head.lemma_.lower() in MINDFUL_VERBS
        and not _location_noun(answer.text)
    ):
        return True  # "Newton realized that ...": only someone realizes, whatever the NER says
    if root.pos_ in ("NOUN", "PROPN") and root.lemma_.lower() in PERSON_NOUNS:
        return not label or label in ("PERSON", "NORP", "ORG")
    if (
        acting
        and root.pos_ == "NOUN"
        and not label
        and constituent.head.lemma_ != "be"
        and names_a_person(root.lemma_)
    ):
        return True  # "architects designed it": a noun people are called by, doing something
    if label == "PERSON" or _group_of_people(root):
        return True
    if root.pos_ == "PROPN" and any(t.ent_type_ == "PERSON" and t.pos_ == "PROPN" for t in answer):
        return True  # "Subutai and Jebe": the NER knew one of the names
    if _short_form_of_a_person(answer):
        return True
    if acting and _named_then_pronoun(answer) and not _location_noun(answer.text):
        return True
    if label == "NORP":
        return root.pos_ in ("NOUN", "PROPN") and root.dep_ != "amod"
    if label == "ORG":
        # an organisation acts like a person ("Who verified ...?"); a park or a plan does not
        from quizapp.generator.distractors import organisation_kind

        return addressed or (
            acting and (bool(organisation_kind(answer.text)) or answer.text.isupper())
        )
    # a single capitalised name doing something, unknown to the NER ("Galileo constructed")
    return (
        not label
        and acting
        and root.tag_ == "NNP"
        and len(answer) <= 3
        and all(t.tag_ in ("NNP", "DT") for t in answer)
        and not any(ch.isdigit() for ch in answer.text)
    )


def _short_form_of_a_person(answer: Span) -> bool:
    """ "Carle" where the article named "Benjamin Carle" as a person: news writing calls people
    by their surname after the first mention, and the NER often misses (or mislabels) it then."""
    if len(answer) > 2 or not all(token.pos_ == "PROPN" for token in answer):
        return False
    words = [token.text for token in answer]
    return any(
        entity.label_ == "PERSON"
        and len(entity) > len(words)
        and [token.text for token in entity[-len(words) :]] == words
        for entity in answer.doc.ents
    )


def _group_of_people(root: Token) -> bool:
    """ "a unit of Turkish defenders", "a group of soldiers": a body of people."""
    return root.pos_ == "NOUN" and any(
        child.dep_ == "prep"
        and child.lower_ == "of"
        and any(o.dep_ == "pobj" and o.lemma_.lower() in PERSON_NOUNS for o in child.children)
        for child in root.children
    )


def _named_then_pronoun(answer: Span) -> bool:
    """A name followed in its own clause by "his" or "her" with no other person in between
    ("Chagatai was considered unstable due to his temper"): the name is a person's."""
    root = answer.root
    if root.pos_ != "PROPN" or root.tag_ == "NNPS" or answer.root.ent_type_ in ("NORP",):
        return False
    for token in answer.doc[answer.end : answer.sent.end]:
        if token.ent_type_ == "PERSON" or token.pos_ == "PROPN":
            return False
        if token.lower_ in ("his", "her", "he", "she", "him", "himself", "herself"):
            return True
    return False


def determiner_form(wh: str) -> str:
    return {"who": "whom", "when": "what time", "where": "what place"}.get(wh, wh)


def place_wh(head: Token, label: str) -> str:
    """ "which city" for a place described as a capital, "which place" for any other place."""
    kind = PLACE_KINDS.get(head.lemma_.lower()) or PLACE_KINDS.get(head.lower_)
    if kind is not None and label in PLACE_LABELS:
        return f"which {kind}"
    if label in PLACE_LABELS:
        return "which place"
    return "what"
