"""Key facts: who, what, when, where, how many, which, asked only about important sentences."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence

from quizapp.domain.text.normalise import split_qualifier
from quizapp.generator.answers import Answer
from quizapp.generator.kinds.fact_candidates import wh_candidates, wh_entry
from quizapp.generator.kinds.registry import KindContext, register
from quizapp.generator.model import ArticleAnalysis, Drafted, MentionChain
from quizapp.generator.wording.options import choice_question
from quizapp.generator.wording.person_nouns import names_a_person


def _choices(entry: dict[str, object]) -> list[object]:
    choices = entry.get("choices", [])
    return list(choices) if isinstance(choices, list) else []


def unqualified(key: str) -> list[str]:
    """ "more than 100,000" is also answered "100,000" (the shared qualifier rule)."""
    qualifier, bare = split_qualifier(key)
    return [bare] if qualifier and bare != key else []


WH_FOR_PEOPLE = ("Who", "Whom", "Whose", "To whom", "With whom", "By whom", "For whom", "From whom")
FRAGILE = (
    re.compile(r"\b(I|me|my|we|us|our|you|your)\b"),  # somebody's words, not the article's
    re.compile(r",\s+(a|an|the)\s[^,]*\?$"),  # an apposition cut from its noun
    re.compile(r"\.\s"),  # two sentences run together
    re.compile(r"^How (many|much) \w+ (and|or)\b"),  # the counted noun lost its verb
    re.compile(r"\b(a move|the way|the fact)\b"),
    re.compile(r"\bthe same\b(?![^?]*\bas\b)"),  # "the same proportion": the one named before
)


def fragile_wording(prompt: str, label: str) -> bool:
    """Wordings the wh-rules get wrong often enough that a teacher would not print them."""
    if any(pattern.search(prompt) for pattern in FRAGILE):
        return True
    if label == "PERSON" and not prompt.startswith(WH_FOR_PEOPLE):
        return True  # "What had been given the top job?" for a person
    if label in ("GPE", "LOC") and re.match(r"^What (do|does|did|is|was|has|had)\b", prompt):
        return True  # a place asked with a bare "What"
    return label == "ORG" and prompt.startswith("Who did")


def named_as_person(
    answer: Answer, chain: MentionChain | None, people: Sequence[MentionChain]
) -> bool:
    """Whether the answer is a person whatever its entity label: one of the people the
    article names, or called by a noun for a person ("FW de Klerk, the South African
    president")."""
    if chain is not None and chain in people:
        return True
    heads = (alias.split()[-1] for alias in answer.aliases if alias.split())
    return any(names_a_person(head) for head in heads)


# Below this importance a sentence's facts are details no teacher asks about, unless the
# sentence still ranks among the article's most important.
IMPORTANCE_FLOOR = 0.4
# A year or a firm's name is worth asking only in a sentence over that floor: elsewhere it is
# the year somebody was diagnosed or the company that made the survey.
MINOR_LABELS = frozenset({"DATE", "ORG"})


@register(
    "key_fact",
    skill="detail",
    share=0.4,
    description="A who/what/when/where/how-many question on an important sentence.",
)
def propose(analysis: ArticleAnalysis, context: KindContext) -> Iterator[Drafted]:
    rng = random.Random(context.seed)
    starts = [s.start for s in analysis.sentences]
    people = analysis.people()  # the named people, worked out once for every candidate
    for answer, prompt, confidence in wh_candidates(analysis.doc, analysis.entities):
        index = max(i for i, start in enumerate(starts) if start <= answer.span.start)
        if analysis.importance[index] < IMPORTANCE_FLOOR and (
            answer.label in MINOR_LABELS or not analysis.ranks_high(index)
        ):
            continue
        if fragile_wording(prompt, answer.label):
            continue
        built = wh_entry(answer, prompt, context, analysis.entities, rng)
        if built is None:
            continue
        _, entry = built
        entry["skill"] = "detail"
        chain = analysis.chain_of(answer.text)
        key = answer.text
        accepted = list(answer.aliases)
        if named_as_person(answer, chain, people) and not prompt.startswith(WH_FOR_PEOPLE):
            continue  # "What lifted the ban?" for a person the tagger took for a thing
        if chain is not None and chain.label == "PERSON" and chain in people:
            key = chain.full  # the full name, whatever form the sentence used
            accepted = [form for form in (*chain.short_forms, *accepted) if form != key]
            for choice in _choices(entry):
                if isinstance(choice, dict) and choice["correct"]:
                    choice["text"] = key
        accepted += [form for form in unqualified(key) if form not in accepted]
        # a surname is both a short form of the chain and the answer's own alias: listed once
        accepted = [form for form in dict.fromkeys(accepted) if form.casefold() != key.casefold()]
        if entry["type"] == "short_answer":
            entry["answers"] = list(dict.fromkeys([key, *accepted]))
        wrong = [
            str(c) if isinstance(c, str) else str(c["text"])
            for c in _choices(entry)
            if isinstance(c, str) or (isinstance(c, dict) and not c["correct"])
        ]
        if answer.label == "PERSON" and entry["type"] == "multiple_choice":
            # only people the article names, never a curated stranger
            mine = {w.casefold() for w in key.split()}
            wrong = [c.full for c in people if not mine & {w.casefold() for w in c.full.split()}][
                :3
            ]
            if len(wrong) < 2:
                continue
        if entry["type"] == "multiple_choice":
            placed = choice_question(
                kind="key_fact",
                skill="detail",
                prompt=prompt,
                key=key,
                distractors=wrong,
                sentence=index,
                evidence=str(entry.get("evidence", "")),
                seed=context.seed,
            )
            entry["choices"] = placed.entry["choices"]
        drafted = Drafted(
            kind="key_fact",
            skill="detail",
            entry=entry,
            sentence=index,
            key=key,
            accepted=tuple(accepted),
            distractors=tuple(wrong),
        )
        drafted.features["wording"] = confidence
        yield drafted
