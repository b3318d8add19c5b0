"""Cause and effect from an explicit relation of the article, asked two ways.

"Why did farmers in India stop planting rice?" is keyed by the reason ("Because the monsoon
rains failed again"); "What happened as a result of food shortages in 2008?" by the effect
("Civil unrest in 28 countries"). The question is built from the clause the reason explains:
its auxiliary, or a form of "do" carrying its tense, goes before the subject, so the question
keeps every verb of the clause. The wrong options are other things the article says, put the
same way, so only a reader who followed the link picks the key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

from quizapp.generator.inflection import do_support
from quizapp.generator.kinds.registry import KindContext, register
from quizapp.generator.lexicon import noun_file
from quizapp.generator.model import ArticleAnalysis, Drafted, Relation
from quizapp.generator.references import keeps_capital, surface
from quizapp.generator.wording.clauses import (
    _aside_tokens,
    lowered_opening,
    overlap,
    phrase,
    statement,
)
from quizapp.generator.wording.options import choice_question, closest_in_length
from quizapp.generator.wording.realisation import quotes_in, scare_quotes_only

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

NOUN_MARKERS = frozenset(
    {"because of", "due to", "thanks to", "owing to", "as a result of", "amid", "caused to"}
)
CLAUSE_MARKERS = frozenset({"because", "since", "after", "as a result"})
EFFECT_MARKERS = frozenset({"led to", "resulted in", "caused"})
MAX_REASON_WORDS = 22
# The first options of a pool are the likeliest (other reasons the article gives): the three
# nearest the key's length are taken from this many of them first.
PREFERRED = 6
QUESTION_OVERLAP = 0.25
VAGUE_MODIFIERS = frozenset({"same", "other", "such", "many", "much", "some", "own", "several"})
MAX_QUESTION_WORDS = 22
SUBJECTS = ("nsubj", "nsubjpass", "expl")
# A reason joined to another clause by one of these is two reasons, or none.
JOINING = frozenset({"but", ";", "—", "–"})
# A reason that only points back at an earlier sentence.
POINTERS = frozenset({"this", "these", "that", "those", "it"})
# Wordnet's files of nouns that name people, groups, places, times or things one can touch: no
# reason or effect ("because of world leaders", "as a result: Western nations").
CONCRETE_FILES = frozenset(
    {
        "noun.person",
        "noun.group",
        "noun.location",
        "noun.artifact",
        "noun.object",
        "noun.animal",
        "noun.plant",
        "noun.body",
        "noun.food",
        "noun.substance",
        "noun.time",
        "noun.quantity",
        "noun.shape",
        "noun.Tops",  # "food", "animal": the broadest words, things too
    }
)


def reason_key(relation: Relation) -> str:
    """The reason as an answer: "Because ..." for a clause, "Because of ..." for a noun phrase."""
    text = phrase(relation.reason).rstrip(".")
    if relation.marker == "as a result":  # the sentence before, shortened where it can be
        text = (statement(relation.reason) or text).rstrip(".")
    clause = relation.reason.root.pos_ in ("VERB", "AUX") or relation.marker == "as a result"
    opener = "Because" if clause and relation.marker not in NOUN_MARKERS else "Because of"
    if not clause and relation.reason[0].lower_ in POINTERS and len(relation.reason) > 1:
        # "because of this runaway consumption": the option stands alone, so "this" is "the"
        text = "the " + text.split(" ", 1)[1]
    return f"{opener} {_opening(text, relation.reason)}"


def _opening(text: str, source: Span) -> str:
    """``text`` (words of ``source``) to follow "Because": lower-cased unless its first word
    is a name."""
    first = next((t for t in source if not t.is_punct), None)
    if first is None or not text.startswith(first.text) or keeps_capital(first):
        return lowered_opening(text)
    return text[:1].lower() + text[1:]


def clause_pool(analysis: ArticleAnalysis, relation: Relation, key: str) -> list[str]:
    """Other statements of the article in the key's form ("Because ...")."""
    found: list[str] = []
    for index, sentence in enumerate(analysis.sentences):
        if index == relation.sentence or sentence.start == relation.reason.start:
            continue  # the key's own sentence, or the one "As a result" points back to
        text = statement(sentence)
        if text is None or len(text.split()) > MAX_REASON_WORDS or overlap(text, key) > 0.3:
            continue
        if re.search(r"\bbecause\b", text, re.IGNORECASE):
            continue  # "Because X because Y" reads as a slip
        found.append(f"Because {_opening(text.rstrip('.'), sentence)}")
    return found


def noun_phrases(analysis: ArticleAnalysis, relation: Relation, key: str) -> list[str]:
    """Noun phrases of other sentences of the kind a reason or an effect is: the other
    relations' reasons and effects first, then described things (no names, no numbers, no
    bare nouns, no agents)."""
    found: list[str] = []
    for other in analysis.relations:
        if other.sentence == relation.sentence or other.kind != "cause":
            continue
        for part in (other.reason, other.outcome):
            if (
                part.root.pos_ == "NOUN"
                and 2 <= len(part) <= 8
                and overlap(phrase(part), key) < 0.3
                and noun_file(part.root.lemma_) not in CONCRETE_FILES
            ):
                found.append(_opening(phrase(part), part))
    for index, sentence in enumerate(analysis.sentences):
        if index == relation.sentence:
            continue
        for chunk in sentence.noun_chunks:
            if len(chunk) < 2 or chunk.root.dep_ not in ("dobj", "pobj"):
                continue
            if any(t.pos_ in ("PRON", "PROPN") or t.ent_type_ for t in chunk):
                continue  # a name or a number is not a reason of the same kind
            if any(t.tag_ in ("JJR", "JJS") or t.lower_ in VAGUE_MODIFIERS for t in chunk):
                continue  # "much higher levels", "the same benefits": no event out of context
            if not any(t.pos_ == "ADJ" or t.dep_ in ("compound", "amod") for t in chunk):
                continue  # "the way": a bare noun says too little to be a reason or an effect
            if noun_file(chunk.root.lemma_) in CONCRETE_FILES:
                continue  # a reason or an effect is something that happens or holds
            text = phrase(chunk)
            if overlap(text, key) > 0.3 or any(overlap(text, f) > 0.5 for f in found):
                continue
            found.append(_opening(text, chunk))
    return found


def _stems(text: str) -> set[str]:
    """Content words cut to their first four letters: "spots" and "spot" are one word."""
    return {w[:4] for w in re.findall(r"[a-z]+", text.casefold()) if w not in STOP_WORDS}


def about_the_question(option: str, prompt: str) -> float:
    """Share of the option's content words the question has too."""
    mine = _stems(option) - {"beca"}  # "Because" opens every option
    return len(mine & _stems(prompt)) / len(mine) if mine else 0.0


def _host(verb: Token) -> Token:
    """The verb with a subject that ``verb`` belongs to ("continues to suffer")."""
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    while (
        not any(c.dep_ in SUBJECTS for c in verb.children)
        and verb.dep_ in ("xcomp", "acomp")
        and verb.head != verb
    ):
        verb = verb.head
    return verb


def _words(tokens: list[Token], *, opening: bool, base: Token | None = None) -> str:
    """The tokens as words of a question, pronouns named; ``base`` in its plain form (the
    form "do" takes: "did farmers stop")."""
    text = ""
    previous: Token | None = None
    for number, token in enumerate(tokens):
        if previous is not None and not previous.whitespace_ and token.i != previous.i + 1:
            text += " "  # a cut word took the space between its neighbours
        previous = token
        word = surface(token) if token.pos_ == "PRON" else token.text
        if base is not None and token.i == base.i:
            word = token.lemma_
        if number == 0 and opening and not keeps_capital(token) and word == token.text:
            word = word[:1].lower() + word[1:]
        text += word + token.whitespace_
    text = re.sub(r"\s+([,.;:!?%])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:")


def why_question(relation: Relation, analysis: ArticleAnalysis) -> str | None:
    """ "Why did <subject> <verb> ...?" from the clause the reason explains, or None when the
    clause has no subject of its own or the question would say less than it."""
    verb = relation.outcome.root
    tense: str | None = None
    if relation.marker == "caused to":
        cause_verb = verb.head  # "which had caused him to withdraw": the tense is the causing
        tense = "VBD" if any(c.tag_ == "VBD" for c in cause_verb.children) else cause_verb.tag_
    host = _host(verb)
    subjects = [c for c in host.children if c.dep_ in SUBJECTS]
    if not subjects or subjects[0].dep_ == "expl" or host.pos_ not in ("VERB", "AUX"):
        return None
    subject = list(subjects[0].subtree)
    if any(t.tag_ in ("WDT", "WP") for t in subject) or subject[0].lower_ in ("this", "that"):
        return None  # "which", "this": what it stands for lies outside the clause
    if len(subject) == 1 and subject[0].pos_ == "PRON" and surface(subject[0]) == subject[0].text:
        return None  # "Why did he ...?" with no name for "he"
    reason = {t.i for t in relation.reason}
    marker_start = relation.reason.start - len(relation.marker.split())
    reason |= set(range(max(marker_start, 0), relation.reason.start))
    cut = reason | {t.i for t in subjects[0].subtree} | _aside_tokens(host)
    for child in host.children:
        if child.dep_ in ("mark", "cc", "punct") or (
            child.dep_ == "conj" and any(c.dep_ in SUBJECTS for c in child.children)
        ):
            cut |= {t.i for t in child.subtree}
        elif child.dep_ in ("advcl", "advmod", "prep", "npadvmod") and child.i < subjects[0].i:
            cut |= {t.i for t in child.subtree}  # "Separately, ..." before the subject
        elif (
            child.dep_ == "advcl"
            and child.left_edge.i > 0
            and (host.doc[child.left_edge.i - 1].text == ",")
        ):
            cut |= {t.i for t in child.subtree}
    rest = [t for t in host.subtree if t.i not in cut and not t.is_punct]
    if any(t.dep_ == "neg" for t in rest) or any(t.text in '"“”' for t in rest):
        return None
    auxiliaries = [t for t in rest if t.head == host and t.dep_ in ("aux", "auxpass")]
    if tense is not None:  # "caused him to withdraw": "did ... withdraw"
        front = do_support(tense, plural_subject=False)
        rest = [t for t in rest if not (t.head == host and t.lower_ == "to")]
        body = _words(rest, opening=False, base=host)
    elif auxiliaries and auxiliaries[0].tag_ in ("VBD", "VBZ", "VBP", "MD"):
        front = auxiliaries[0].text.casefold()
        body = _words([t for t in rest if t != auxiliaries[0]], opening=False)
    elif host.lemma_ == "be":
        front = host.text.casefold()
        body = _words([t for t in rest if t != host], opening=False)
    elif host.tag_ in ("VBD", "VBZ", "VBP"):
        plural = subjects[0].tag_ in ("NNS", "NNPS")
        front = do_support(host.tag_, plural_subject=plural)
        body = _words(rest, opening=False, base=host)
    else:
        return None
    who = _words(subject, opening=True)
    question = f"Why {front} {who} {body}".strip()
    if len(question.split()) > MAX_QUESTION_WORDS or len(question.split()) < 4:
        return None
    return re.sub(r"\s+", " ", question) + "?"


def effect_question(relation: Relation) -> str | None:
    """ "What happened as a result of <cause>?" for "<cause> led to <effect>"."""
    cause = phrase(relation.reason)
    first = relation.reason[0]
    if first.pos_ in ("PRON", "DET") and first.lower_ not in ("the",):
        if first.lower_ in ("a", "an") and len(relation.reason) > 2:
            cause = "the " + cause.split(" ", 1)[1]  # "a crisis that has led" -> "the crisis"
        else:
            return None
    if len(cause.split()) < 2 or len(cause.split()) > 10:
        return None
    if sum(1 for t in relation.reason if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")) < 2:
        return None  # "the programme": which one, the question does not say
    verb = relation.reason.root.head
    auxiliaries = [c for c in verb.children if c.dep_ == "aux"]
    if auxiliaries and auxiliaries[0].lemma_ == "have" and auxiliaries[0].tag_ != "VBD":
        happened = "has happened"
    elif auxiliaries and auxiliaries[0].tag_ == "MD":
        happened = f"{auxiliaries[0].lower_} happen"
    elif verb.tag_ in ("VBZ", "VBP"):
        happened = "happens"
    else:
        happened = "happened"
    if not keeps_capital(first):
        cause = cause[:1].lower() + cause[1:]
    return f"What {happened} as a result of {cause}?"


@register(
    "cause_effect",
    skill="cause_effect",
    share=0.2,
    description='"Why did ...?" keyed by the reason, or "What happened as a result of ...?".',
)
def propose(analysis: ArticleAnalysis, context: KindContext) -> Iterator[Drafted]:
    if "multiple_choice" not in context.types:
        return
    for relation in analysis.relations:
        if relation.kind != "cause" or len(relation.reason) > MAX_REASON_WORDS:
            continue
        if any(t.lower_ in JOINING for t in relation.reason):
            continue  # the parser joined two clauses into the reason
        sentence = analysis.sentences[relation.sentence]
        if quotes_in(sentence) and not scare_quotes_only(sentence, relation.reason):
            continue  # a quoted reason is the speaker's, asked by the speaker's-view kinds
        if all(t.lower_ in POINTERS for t in relation.reason):
            continue  # "because of this": the reason is told elsewhere, in words not found here
        if relation.marker in EFFECT_MARKERS:
            prompt = effect_question(relation)
            key = phrase(relation.outcome).rstrip(".")
            key = key[:1].upper() + key[1:]
            pool = [p[:1].upper() + p[1:] for p in noun_phrases(analysis, relation, key)]
        else:
            prompt = why_question(relation, analysis)
            key = reason_key(relation)
            pool = (
                [f"Because of {p}" for p in noun_phrases(analysis, relation, key)]
                if relation.marker in NOUN_MARKERS
                else clause_pool(analysis, relation, key)
            )
        if prompt is None or len(key.split()) > MAX_REASON_WORDS + 2:
            continue
        # an option about the question's own things may well be a reason too
        pool = [p for p in pool if about_the_question(p, prompt) <= QUESTION_OVERLAP]
        wrong = closest_in_length(key, pool[:PREFERRED], 3)
        wrong += closest_in_length(key, [p for p in pool if p not in wrong], 3 - len(wrong))
        if len(wrong) < 3:
            continue
        yield choice_question(
            kind="cause_effect",
            skill="cause_effect",
            prompt=prompt,
            key=key,
            distractors=wrong,
            sentence=relation.sentence,
            evidence=analysis.sentences[relation.sentence].text.strip(),
            seed=context.seed,
        )
