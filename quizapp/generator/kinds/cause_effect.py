"""Cause and effect: "Why did ...?" from an explicit "because", "due to", "as a result of" or
"led to", keyed by the reason the article gives; the wrong options are other things the article
says, put the same way, so only a reader who followed the link picks the key."""

from __future__ import annotations

from collections.abc import Iterator

from quizapp.generator.kinds.registry import KindContext, register
from quizapp.generator.model import ArticleAnalysis, Drafted, Relation
from quizapp.generator.wh_questions import question_for
from quizapp.generator.wording.clauses import lowered_opening, overlap, phrase, statement
from quizapp.generator.wording.options import choice_question, closest_in_length

NOUN_MARKERS = frozenset({"because of", "due to", "thanks to", "owing to", "as a result of"})
MAX_REASON_WORDS = 22


_lowered = lowered_opening


def reason_key(relation: Relation) -> str:
    """The reason as an answer: "Because ..." for a clause, "Because of ..." for a noun phrase."""
    text = phrase(relation.reason).rstrip(".")
    opener = "Because of" if relation.marker in NOUN_MARKERS else "Because"
    return f"{opener} {_lowered(text)}"


def clause_pool(analysis: ArticleAnalysis, relation: Relation, key: str) -> list[str]:
    """Other statements of the article in the key's form ("Because ...")."""
    found: list[str] = []
    for index, sentence in enumerate(analysis.sentences):
        if index == relation.sentence:
            continue
        text = statement(sentence)
        if text is None or len(text.split()) > MAX_REASON_WORDS or overlap(text, key) > 0.3:
            continue
        found.append(f"Because {_lowered(text.rstrip('.'))}")
    return found


def noun_pool(analysis: ArticleAnalysis, relation: Relation, key: str) -> list[str]:
    """Noun phrases of other sentences in the key's form ("Because of ...")."""
    found: list[str] = []
    for index, sentence in enumerate(analysis.sentences):
        if index == relation.sentence or analysis.importance[index] < 0.3:
            continue
        for chunk in sentence.noun_chunks:
            if len(chunk) < 3 or chunk.root.dep_ not in ("nsubj", "dobj", "nsubjpass"):
                continue
            if any(t.pos_ in ("PRON", "PROPN") or t.ent_type_ for t in chunk):
                continue  # a name or a number is not a reason of the same kind
            text = phrase(chunk)
            if overlap(text, key) > 0.3:
                continue
            found.append(f"Because of {_lowered(text)}")
    return found


def why_question(analysis: ArticleAnalysis, relation: Relation) -> str | None:
    doc = analysis.doc
    if relation.marker == "led to":
        effect = phrase(relation.outcome)
        return f"According to the article, what led to {_lowered(effect)}?"
    first = relation.reason.start - len(relation.marker.split())
    if first < relation.reason.sent.start:
        return None
    span = doc[first : relation.reason.end]
    if span[0].lower_ not in ("because", "due", "owing", "thanks", "as", "since"):
        return None
    if span[0].lower_ in ("as", "thanks", "since"):
        return None  # the wh-rules know "because", "due to" and "owing to"
    built = question_for(span)
    if built.pattern != "reason" or not built.text.startswith("Why "):
        return None
    # the question must keep the verb the reason explains ("stopped planting", not "plant")
    verb = relation.reason.root.head  # the verb whose clause the reason is attached to
    while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
        verb = verb.head
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "ccomp") and chain[-1].head is not chain[-1]:
        chain.append(chain[-1].head)  # "stopped planting": both verbs carry the meaning
    asked = [word.casefold() for word in built.text.split()[1:]]
    for link in chain:
        stem = link.lemma_.casefold()[:4]
        if not any(word.startswith(stem) for word in asked):
            return None
    return built.text


@register(
    "cause_effect",
    skill="cause_effect",
    share=0.2,
    description='"Why did ...?" keyed by the reason the article states.',
)
def propose(analysis: ArticleAnalysis, context: KindContext) -> Iterator[Drafted]:
    if "multiple_choice" not in context.types:
        return
    for relation in analysis.relations:
        if (
            relation.kind != "cause"
            or relation.marker == "led to"
            or len(relation.reason) > MAX_REASON_WORDS
        ):
            continue
        if any(t.lower_ in ("but", ";", "—", "–") for t in relation.reason):
            continue  # the parser joined two clauses into the reason
        if any(t.text in '"“”' for t in analysis.sentences[relation.sentence]):
            continue  # a quoted reason is the speaker's, asked by the speaker's-view kind
        prompt = why_question(analysis, relation)
        if prompt is None:
            continue
        if relation.marker == "led to":
            key = phrase(relation.reason)
            key = key[:1].upper() + key[1:]
            pool = [
                p.removeprefix("Because of ").capitalize()
                for p in noun_pool(analysis, relation, key)
            ]
        else:
            key = reason_key(relation)
            pool = (
                noun_pool(analysis, relation, key)
                if relation.marker in NOUN_MARKERS
                else clause_pool(analysis, relation, key)
            )
        wrong = closest_in_length(key, pool, 3)
        if len(wrong) < 3:
            continue
        drafted = choice_question(
            kind="cause_effect",
            skill="cause_effect",
            prompt=prompt,
            key=key,
            distractors=wrong,
            sentence=relation.sentence,
            evidence=analysis.sentences[relation.sentence].text.strip(),
            seed=context.seed,
        )
        yield drafted
