"""The entry of the wording rules: ``question_for`` picks the question's shape from where the
answer sits in the parse (an apposition, a reason, a predicate, a subject, an agent, a nested
modifier, a named thing, an argument of the verb) and hands it to the rule for that shape. The
rules read one parse and never call the pipeline again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizapp.generator.wording.clause_parts import (
    SUBJECT_DEPS,
    asking_clause,
    constituent_of,
    host_clause,
)
from quizapp.generator.wording.descriptions import described_by, identity_question
from quizapp.generator.wording.do_support import in_situ, inverted_question, stranded_question
from quizapp.generator.wording.noun_phrases import (
    complement_phrase,
    determiner_phrase,
    inner_phrase_question,
    nested_question,
    noun_attached_preposition,
)
from quizapp.generator.wording.predicates import name_question, predicate_question, reason_question
from quizapp.generator.wording.realisation import WhQuestion
from quizapp.generator.wording.subject_questions import agent_question, subject_question
from quizapp.generator.wording.wh_choice import determiner_form, entity_label, wh_phrase
from quizapp.generator.wording.word_sets import PIED_PIPED_PREPOSITIONS

if TYPE_CHECKING:
    from spacy.tokens import Span


def question_for(answer: Span, label: str | None = None) -> WhQuestion:
    """A wh-question about ``answer``, made from the clause of its sentence that governs it.

    ``label`` overrides the entity type read from the parse (an apposition such as "the
    Egyptian capital" stands for the place it names).
    """
    built = _question(answer, label)
    words = built.text.split()
    if (
        len(words) > 2
        and words[0] == "What"
        and built.wh.startswith("what ")
        and words[1] == built.wh.split()[-1]
        and words[1] in " ".join(words[2:])
    ):
        # "What airport is Mongolia's main airport named?": the kind is said already
        text = " ".join(["What", *words[2:]])
        return WhQuestion(text, "what", built.pattern, built.replaced)
    return built


def _question(answer: Span, label: str | None = None) -> WhQuestion:
    if answer.root.dep_ == "appos" and answer.root.head.i < answer.start:
        # "his counterpart Hamdi Sanad Loza", "the capital, Cairo": asked through the noun
        identity = identity_question(answer, label=label)
        if identity is not None:
            return identity
    described = described_by(answer)
    if described is not None:
        # "the Egyptian capital, Cairo": "Which city is the Egyptian capital?", or else ask
        # through the description the parser attached
        identity = identity_question(answer, label=label)
        if identity is not None:
            return identity
        return _question(described, label or entity_label(answer))
    reason = reason_question(answer)
    if reason is not None:
        return reason
    if answer.root.pos_ in ("VERB", "AUX") and answer.root.dep_ not in ("amod", "acl", "relcl"):
        return predicate_question(answer)
    constituent, nested = constituent_of(answer)
    wh, preposition_mode = wh_phrase(answer, label)
    if constituent.head == constituent:
        return in_situ(answer, wh, constituent)
    verb = constituent.head
    if nested and wh in ("when", "what year") and constituent.dep_ == "prep":
        # a date inside a temporal phrase ("in the aftermath of the 2011 uprising"):
        # asking "when" about the whole phrase keeps the question answerable.
        nested = False
        # "since when" reads naturally, "after when" does not
        pied = PIED_PIPED_PREPOSITIONS - {"after", "before", "during"}
        preposition_mode = "pied" if constituent.lower_ in pied else "absorb"
    if nested and wh in ("where", "when", "what year") and noun_attached_preposition(answer):
        # "held a press event on Capitol Hill": the place or time of the event is the place or
        # time of the clause, so the phrase leaves and the wh-word takes its role
        phrase_head = answer.root.head
        removed = {t.i for t in phrase_head.subtree}
        built = inverted_question(answer, wh, verb, phrase_head, "absorb", removed)
        return WhQuestion(built.text, built.wh, "noun_place", built.replaced)
    if nested:
        phrase = determiner_phrase(answer, constituent) or complement_phrase(answer, constituent)
        if phrase is None:
            if constituent.dep_ in SUBJECT_DEPS:
                return in_situ(answer, determiner_form(wh), verb)
            inner = inner_phrase_question(answer, verb)
            if inner is not None:
                return inner
            return stranded_question(answer, wh, verb)
        wh = phrase
        preposition_mode = "pied" if constituent.lower_ != "of" else "strand"
        built = nested_question(answer, wh, verb, constituent, preposition_mode)
        # marked apart: a modifier turned into "what X" is right less often than an argument
        return WhQuestion(built.text, built.wh, "determiner", built.replaced)
    elif (
        constituent.dep_ in SUBJECT_DEPS
        and wh in ("when", "what year")
        and any(c.dep_ in SUBJECT_DEPS and c != constituent for c in verb.children)
    ):
        # a date the parser took for a second subject ("had since 2014 been split"); the
        # preposition it took for a clause marker travels with the wh-word
        doc = answer.doc
        marker = doc[answer.start - 1] if answer.start > 0 else None
        removed = {t.i for t in constituent.subtree}
        if (
            marker is not None
            and marker.dep_ == "mark"
            and marker.lower_ in PIED_PIPED_PREPOSITIONS
        ):
            removed.add(marker.i)
            wh = f"{marker.lower_} {wh}"
        return inverted_question(answer, wh, verb, constituent, "absorb", removed)
    if constituent.dep_ in SUBJECT_DEPS:
        return subject_question(answer, wh, verb, constituent)
    if constituent.dep_ == "agent":
        return agent_question(answer, wh, verb, constituent)
    named = name_question(answer, verb, constituent)
    if named is not None:
        return named
    # an infinitive complement ("refused to accept X") is asked through its governing verb
    while (
        verb.dep_ == "xcomp"
        and verb.head != verb
        and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
    ):
        verb = verb.head
    host = asking_clause(verb, wh)
    if host != verb and host == host_clause(verb) and preposition_mode == "pied":
        # a subjectless gerund or participle ("based on successfully reducing X"): the question
        # is asked through the clause that has a subject, the small clause staying in place
        preposition_mode = "strand"
    if host != verb:
        built = inverted_question(answer, wh, host, constituent, preposition_mode)
        # marked apart: a time or place asked through another verb may not be that verb's
        return WhQuestion(built.text, built.wh, "hosted", built.replaced)
    return inverted_question(answer, wh, verb, constituent, preposition_mode)
