"""Questions whose wh-phrase is the clause's subject: a subject answer keeps the clause's word
order with the verb agreeing with "who" or "what", and a passive agent becomes the active
subject ("was led by X" -> "Who led ...?").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizapp.generator import inflection
from quizapp.generator.wording.clause_parts import (
    AUXILIARY_DEPS,
    clause_tokens,
    plural_subject,
    subject_of,
)
from quizapp.generator.wording.do_support import in_situ
from quizapp.generator.wording.pruning import pruned
from quizapp.generator.wording.realisation import (
    QuestionWords,
    WhQuestion,
    lowered_subject,
    object_form,
    question_text,
    token_texts,
)
from quizapp.generator.wording.word_sets import DISCOURSE_ADVERBS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def _singular_verb(verb: Token) -> str:
    if verb.tag_ == "VBP":
        return inflection.third_person_singular(verb.lemma_.lower())
    return verb.text


def subject_question(answer: Span, wh: str, verb: Token, subject: Token) -> WhQuestion:
    if verb.tag_ in ("VBG", "VBN") and not any(c.dep_ in AUXILIARY_DEPS for c in verb.children):
        # an absolute clause ("with Cairo and Ankara backing rival sides") has no finite verb
        return in_situ(answer, wh, verb)
    removed = {t.i for t in subject.subtree}
    tokens = [t for t in pruned(clause_tokens(verb, removed), removed) if t.i not in removed]
    singular = wh in ("who", "what") or (
        wh.startswith(("which ", "what ")) and not wh.endswith("s")
    )
    pieces = QuestionWords([wh])
    agreed = False
    fronted: set[int] = set()
    leading: list[Token] = []
    if subject.i > verb.i:
        # "the main gap is Camp Pendleton" with the name as subject: the description before
        # the verb is what the question keeps ("What is the main gap ...?")
        for child in verb.children:
            if child.i < verb.i and child.dep_ in ("attr", "acomp", "nsubj", "dobj"):
                fronted.update(t.i for t in child.subtree)
        if fronted:
            moved = [t for t in tokens if t.i in fronted]
            tokens = [t for t in tokens if t.i not in fronted and t.i >= verb.i]
            tokens = tokens[:1] + moved + tokens[1:] if tokens and tokens[0] == verb else tokens
    for token in tokens:
        if (
            token.i < subject.i
            and token.pos_ not in ("AUX",)
            and token.dep_ != "neg"
            and token.i not in fronted
            and not (fronted and token.i >= verb.i)
        ):
            if token.i not in removed:
                leading.append(token)
            continue  # leading adjuncts before the subject read oddly after "Who"
        if not agreed and token.pos_ in ("AUX", "VERB") and token.i >= verb.i - 3:
            agreed = True
            if singular and plural_subject(subject):
                if token.dep_ in AUXILIARY_DEPS or (token == verb and token.pos_ == "AUX"):
                    pieces.append(inflection.singular_auxiliary(token.text))
                    continue
                if token == verb:
                    pieces.append(_singular_verb(token))
                    continue
        pieces.add_token(token)
    if len(pieces) < SHORT_QUESTION_WORDS and leading and _is_short_phrase(leading, verb):
        # "What acts?" says too little; a short leading adjunct goes to the end instead
        pieces.extend(lowered_subject(leading))
    return WhQuestion(question_text(pieces), wh, "subject", tuple(sorted(removed)))


# A subject question shorter than this takes back a short leading adjunct.
SHORT_QUESTION_WORDS = 6


def _is_short_phrase(tokens: list[Token], verb: Token) -> bool:
    words = [t for t in tokens if not t.is_punct]
    return (
        2 <= len(words) <= 6
        and all(t.dep_ != "advcl" for t in tokens)
        and any(t.dep_ in ("prep", "npadvmod") and t.head == verb for t in tokens)
    )


def agent_question(answer: Span, wh: str, verb: Token, agent: Token) -> WhQuestion:
    removed = {t.i for t in agent.subtree}
    subject = subject_of(verb)
    subject_ids = {t.i for t in subject}
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]
    passive_be = [c for c in auxiliaries if c.dep_ == "auxpass"]
    kept_aux = [c for c in auxiliaries if c.dep_ != "auxpass"]
    lemma = verb.lemma_.lower()
    if kept_aux:
        last = kept_aux[-1]
        if last.lemma_ == "have":
            form = verb.text
        elif last.lemma_ == "be":
            form = lemma + "ing"
        else:
            form = lemma
        aux_pieces = [
            inflection.singular_auxiliary(a.text) if i == 0 else a.text
            for i, a in enumerate(kept_aux)
        ]
    else:
        aux_pieces = []
        tense_source = passive_be[0].lower_ if passive_be else "was"
        if tense_source in ("is", "are", "'s", "am", "be"):
            form = inflection.third_person_singular(lemma)
        else:
            form = inflection.simple_past(lemma)
    excluded = removed | subject_ids | {a.i for a in auxiliaries} | {verb.i}
    rest = [t for t in pruned(clause_tokens(verb, removed), removed) if t.i not in excluded]
    rest = [
        t
        for t in rest
        if t.i > verb.i or (t.pos_ in ("ADV",) and t.lower_ not in DISCOURSE_ADVERBS)
    ]
    pieces = [wh, *aux_pieces, form, *object_form(subject), *token_texts(rest)]
    # without the passive's subject the active verb lacks its object ("Who endorsed through
    # Resolution 43/53?"): marked apart so that drafts leave it out
    pattern = "agent" if subject else "agent_without_object"
    return WhQuestion(question_text(pieces), wh, pattern, tuple(sorted(removed)))
