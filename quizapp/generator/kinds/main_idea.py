"""Main idea: "Which statement best sums up the article?", keyed by a summary of its point.

The key is the skeleton of the sentence that states the main claim (the lead, as the analysis
picks it): who did what, compressed (no dates, numbers, attributions, asides or subordinate
clauses) so that it keeps at most :data:`MAX_KEPT` of that sentence's content words and is no
copy of it. The wrong options take the same form and are wrong as summaries in the ways a
careless reader gets a main idea wrong: a true but minor detail (an unimportant sentence), a
single secondary fact (too narrow), and a twisted one: another of the article's actors doing
what the key says, or the main actor doing what another sentence says of somebody else. An
article that yields no such key, or no such option of each sort, gets no main-idea question.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizapp.generator.kinds.registry import KindContext, register
from quizapp.generator.model import ArticleAnalysis, Drafted
from quizapp.generator.wording.options import choice_question
from quizapp.generator.wording.summary import (
    Clause,
    agrees,
    content_lemmas,
    core,
    joined_parts,
    plural,
    predicate_part,
    subject_part,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

PROMPT = "Which statement best sums up the article?"
# The largest share of its sentence's content words the key may keep: more is a copy.
MAX_KEPT = 0.6
# Word budgets tried in turn: the fullest statement that is still no copy of its sentence.
KEY_BUDGETS = (14, 11, 8)
# A lead sentence this important (to the main sentence's 1) states the article's point too.
STATES_THE_POINT = 0.8
OPTION_BUDGET = 16
LEAD_SENTENCES = 3
# Sentences below this importance are the article's details; above it, its main facts.
MINOR = 0.4
# A wrong option sharing more of the key's content words than this says the same thing.
MAX_ALIKE = 0.5
# How far a wrong option's length may stray from the key's, as a share of the key's.
LENGTH_SLACK = 0.6
# A twisted option's borrowed predicate needs this many words to say something ("gathered"
# alone says nothing about anyone).
MIN_PREDICATE_WORDS = 3
SWAPPABLE_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@dataclass(frozen=True)
class Option:
    text: str
    sentences: tuple[int, ...]


def shared(first: frozenset[str], second: frozenset[str]) -> float:
    return len(first & second) / len(first) if first else 1.0


def words_of(text: str) -> frozenset[str]:
    """The longer words of an option, to tell whether two options say the same thing."""
    return frozenset(w for w in re.findall(r"[a-z]+", text.casefold()) if len(w) > 3)


def clauses_of(analysis: ArticleAnalysis, budget: int) -> dict[int, Clause]:
    found: dict[int, Clause] = {}
    for index, sentence in enumerate(analysis.sentences):
        clause = core(sentence, index, budget=budget)
        if clause is not None:
            found[index] = clause
    return found


def main_clause(analysis: ArticleAnalysis) -> Clause | None:
    """The main claim compressed: of the main sentence, else of a lead sentence nearly as
    important, into a statement that is no copy of it. None when neither compresses so: a
    sentence of the article's details is no summary of it."""
    lead = [
        index
        for index in range(min(LEAD_SENTENCES, len(analysis.sentences)))
        if analysis.importance[index] >= STATES_THE_POINT
    ]
    for index in dict.fromkeys([analysis.main_sentence, *lead]):
        whole = content_lemmas(analysis.sentences[index])
        for budget in KEY_BUDGETS:
            clause = core(analysis.sentences[index], index, budget=budget)
            if clause is None or len(clause.lemmas) < 2:
                break
            if len(clause.lemmas) <= MAX_KEPT * len(whole):
                return clause
    return None


def as_option(clause: Clause) -> Option:
    return Option(clause.text + ".", (clause.sentence,))


def details(
    analysis: ArticleAnalysis, clauses: dict[int, Clause], main: Clause, *, minor: bool
) -> list[Option]:
    """Facts of the article other than the main claim: true, but not what it is about. Narrow
    ones come from the article's other main facts (importance at least :data:`MINOR`, or the
    more important half when it has none), minor ones from the rest."""
    others = sorted(
        (
            clause
            for index, clause in clauses.items()
            if index != main.sentence
            and shared(clause.lemmas, main.lemmas) <= MAX_ALIKE
            # a sentence with nothing to drop would be an option copied from the article
            and len(clause.lemmas) < len(content_lemmas(analysis.sentences[index]))
        ),
        key=lambda clause: -analysis.importance[clause.sentence],
    )
    main_facts = [c for c in others if analysis.importance[c.sentence] >= MINOR]
    if not main_facts:
        main_facts = others[: len(others) // 2]
    chosen = [c for c in others if c not in main_facts] if minor else main_facts
    return [as_option(clause) for clause in chosen]


def swapped_actors(analysis: ArticleAnalysis, main: Clause) -> list[Option]:
    """Another actor of the article (of the main actor's kind) doing what the key says."""
    actor = " ".join(t.text for t in subject_part(main))
    own = analysis.chain_of(actor.removeprefix("The ").removeprefix("the "))
    if own is None or own.label not in SWAPPABLE_LABELS or plural(main.subject):
        return []
    predicate = predicate_part(main)
    options: list[Option] = []
    for chain in analysis.chains:
        if chain is own or chain.label != own.label or chain.count < 2:
            continue
        if main.sentence in chain.sentences or chain.full.casefold() in actor.casefold():
            continue  # an actor of the same sentence may share in what it says
        text = named(analysis, chain.full) + " " + joined_parts([], predicate).strip()
        options.append(Option(text.rstrip() + ".", chain.sentences[:1]))
    return options


def named(analysis: ArticleAnalysis, name: str) -> str:
    """A name as the article writes it at the start of a sentence ("The Guardian")."""
    if re.search(rf"\bthe {re.escape(name)}\b", analysis.doc.text, flags=re.IGNORECASE):
        return "The " + name
    return name


def named_label(analysis: ArticleAnalysis, tokens: Sequence[Token]) -> str | None:
    """The entity label of a subject that is a name of the article's mention chains."""
    text = " ".join(t.text for t in tokens)
    chain = analysis.chain_of(re.sub(r"^(the|The) ", "", text))
    return chain.label if chain is not None and chain.label in SWAPPABLE_LABELS else None


def borrowed_predicates(
    analysis: ArticleAnalysis, clauses: dict[int, Clause], main: Clause
) -> list[Option]:
    """The main actor doing what another sentence says of somebody else."""
    actor = subject_part(main)
    label = named_label(analysis, actor)
    if label is None:
        return []  # a thing doing what a person did reads as nonsense, not as a misreading
    actor_lemmas = content_lemmas(actor)
    actor_text = " ".join(t.text for t in actor).casefold()
    mentioned = {
        index
        for chain in analysis.chains
        if any(form.casefold() in actor_text for form in (chain.full, *chain.short_forms))
        for index in chain.sentences
    }
    options: list[Option] = []
    for index, clause in clauses.items():
        if index == main.sentence or index in mentioned:
            continue
        other_actor = content_lemmas(subject_part(clause))
        if not other_actor or other_actor & actor_lemmas:
            continue
        if named_label(analysis, subject_part(clause)) != label:
            continue
        predicate = predicate_part(clause)
        if len(predicate) < MIN_PREDICATE_WORDS or any(
            t.pos_ in ("PRON", "NUM") for t in predicate
        ):
            continue  # "... his family" would read back to the wrong person
        if not agrees(main.subject, predicate):
            continue
        options.append(Option(joined_parts(actor, predicate) + ".", (index,)))
    return options


def closest(options: Sequence[Option], key: str, taken: Sequence[Option]) -> Option | None:
    """The option nearest the key in length, within the slack, unlike those already taken
    (two options from one sentence, or saying one thing, would pair off against the rest)."""
    used = {index for option in taken for index in option.sentences}
    said = [words_of(option.text) for option in taken]
    fitting = [
        option
        for option in options
        if abs(len(option.text) - len(key)) <= LENGTH_SLACK * len(key)
        and not used & set(option.sentences)
        and all(shared(words_of(option.text), other) <= MAX_ALIKE for other in said)
    ]
    return min(fitting, key=lambda o: abs(len(o.text) - len(key)), default=None)


@register(
    "main_idea",
    skill="main_idea",
    share=0.1,
    description="The best summary of the article among minor, narrow and twisted ones.",
)
def propose(analysis: ArticleAnalysis, context: KindContext) -> Iterator[Drafted]:
    if "multiple_choice" not in context.types or not analysis.sentences:
        return
    main = main_clause(analysis)
    if main is None:
        return
    key = main.text + "."
    clauses = clauses_of(analysis, OPTION_BUDGET)
    chosen: list[Option] = []
    minor = details(analysis, clauses, main, minor=True)
    for pool in (
        minor,
        details(analysis, clauses, main, minor=False),
        # with no actor to twist, a second minor detail: plainly not the main idea
        swapped_actors(analysis, main) or borrowed_predicates(analysis, clauses, main) or minor,
    ):
        option = closest(pool, key, chosen)
        if option is None:
            return  # fewer rather than weak: each wrong option has its own job
        chosen.append(option)
    drafted = choice_question(
        kind="main_idea",
        skill="main_idea",
        prompt=PROMPT,
        key=key,
        distractors=[option.text for option in chosen],
        sentence=main.sentence,
        evidence="",
        seed=context.seed,
    )
    drafted.option_sentences = tuple(
        dict.fromkeys([main.sentence, *(i for o in chosen for i in o.sentences)])
    )
    yield drafted
