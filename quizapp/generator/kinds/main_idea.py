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
from quizapp.generator.references import surface
from quizapp.generator.wording.options import choice_question
from quizapp.generator.wording.summary import (
    Clause,
    agrees,
    content_lemmas,
    coordinated_roots,
    core,
    joined_parts,
    plural,
    predicate_part,
    subject_part,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PROMPT = "Which statement best sums up the article?"
# The largest share of its sentence's content words the key may keep: more is a copy.
MAX_KEPT = 0.6
# ...unless every shorter form leaves something waiting: then a fuller one up to this share,
# since a near-copy of the lead needs a small edit where a stub is thrown away.
MAX_KEPT_WHOLE = 0.8
# Word budgets tried in turn: the fullest statement that is still no copy of its sentence.
KEY_BUDGETS = (14, 11, 8)
# A lead sentence this important (to the main sentence's 1) states the article's point too.
STATES_THE_POINT = 0.8
OPTION_BUDGET = 16
LEAD_SENTENCES = 3
# Opening sentences searched for the point when the lead states none, and the importance one
# needs to state it.
OPENING_SENTENCES = 8
STATES_A_LATER_POINT = 0.5
# A key must say this much: "Singerer has joined FemAle" is a detail, "The guide shouts as the
# walkers" an opening scene, "BB King was minded" a stub.
MIN_SUMMARY_LEMMAS = 4
# Sentences below this importance are the article's details; above it, its main facts.
MINOR = 0.4
# A wrong option sharing more of the key's content words than this says the same thing.
MAX_ALIKE = 0.5
# How far a wrong option's length may stray from the key's, as a share of the key's, and at
# least this many characters (a short key, "Nelson Mandela has died.", still has options).
LENGTH_SLACK = 0.6
MIN_LENGTH_SLACK = 25
# A twisted option's borrowed predicate needs this many words to say something ("gathered"
# alone says nothing about anyone).
MIN_PREDICATE_WORDS = 3
SWAPPABLE_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Words that make a noun phrase wait for the clause after it ("the first country to ...").
RANKING_WORDS = frozenset({"first", "last", "only", "next"})
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# Nouns that say nothing without the clause that tells which one ("the way clouds form").
GENERIC_NOUNS = frozenset({"way", "extent", "reason", "thing", "fact", "one", "kind", "sort"})


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
        if clause is not None and not loose_end(clause):
            found[index] = clause
    return found


def _infinitive_or_that(verb: Token) -> bool:
    return any(
        (c.dep_ == "aux" and c.tag_ == "TO") or (c.dep_ == "mark" and c.lower_ == "that")
        for c in verb.children
    )


def loose_end(clause: Clause) -> str | None:
    """What the compression cut that the kept words still wait for, or None when the clause
    says what it says on its own. A summary that stops at "the first country in Europe",
    "little reason", "make sure", "the same", "shows in bright colours ... can be linked" (its
    "how" cut), or that says "that" or "those estimates" pointing back, is no statement a
    student can weigh."""
    kept = {t.i for t in clause.tokens}
    doc = clause.verb.doc
    subject = {t.i for t in clause.subject.subtree}
    if clause.tokens and clause.tokens[0].i not in subject:
        return f"it opens on {clause.tokens[0].text!r}, before its subject, without a comma"
    if clause.subject.pos_ in ("DET", "PRON", "NUM") and surface(clause.subject) == (
        clause.subject.text
    ):
        return f"its subject {clause.subject.text!r} names nobody"
    for first, second in zip(clause.tokens, clause.tokens[1:], strict=False):
        between = doc[first.i + 1 : second.i]
        if len(between) and all(t.text in (",", ";", ":") for t in between):
            return "a list lost the commas between its items"
    if clause.verb.lemma_ == "do" and not any(
        c.dep_ in ("dobj", "ccomp", "xcomp") for c in clause.verb.children
    ):
        return "'do' stands for a verb of another sentence"
    ranked = any(t.lower_ in RANKING_WORDS or t.tag_ == "JJS" for t in clause.tokens)
    for token in clause.tokens:
        if token.lower_ in DEMONSTRATIVES and token.tag_ == "DT":
            return f"{token.text!r} points back to another sentence"
        if token.lower_ == "same" and not any(
            t.lower_ == "as" and t.i > token.i for t in clause.tokens
        ):
            return "'the same' points back, or lost its 'as'"
        if (token.tag_ in ("JJR", "RBR") or token.lower_ in ("more", "less", "fewer")) and any(
            t.lower_ == "than" and t.i not in kept for t in token.subtree
        ):
            return f"{token.text!r} lost what it is compared with"
        for child in token.children:
            if child.i in kept:
                continue
            if child.tag_ in ("WRB", "WP"):
                return f"the {child.text!r} of {token.text!r} was cut"
            if token.lower_ in GENERIC_NOUNS and child.dep_ in ("relcl", "acl"):
                return f"{token.text!r} lost the clause that tells which"
            if child.i < token.i:
                continue
            if (
                token.pos_ in ("NOUN", "ADJ")
                and child.dep_ in ("acl", "ccomp", "xcomp")
                and (token.pos_ == "ADJ" or _infinitive_or_that(child))
            ):
                return f"{token.text!r} lost the clause it needs"
            if token.lower_ in ("same", "such") and child.lower_ == "as":
                return f"{token.text!r} lost its comparison"
            if (
                token.pos_ == "NOUN"
                and token.dep_ in ("dobj", "pobj", "attr", "nsubj", "nsubjpass")
                and child.dep_ == "prep"
                and child.lower_ == "of"
                and any(c.lower_ in ("the", "no") and c.dep_ == "det" for c in token.children)
            ):
                return f"{token.text!r} lost the 'of' that tells whose or what"
            if (
                token.pos_ == "NOUN"
                and token.dep_ in ("dobj", "attr")
                and child.dep_ in ("relcl", "acl")
                and not any(
                    c.i in kept and c.dep_ in ("amod", "compound", "poss", "nmod", "prep")
                    for c in token.children
                )
                and any(c.lower_ in ("a", "an") for c in token.children)
            ):
                return f"'a {token.text}' lost the clause that says what it is"
            if ranked and child.dep_ == "advcl" and _infinitive_or_that(child):
                return f"a ranking lost what it ranks by ({child.text!r})"
    return None


def compressed(analysis: ArticleAnalysis, index: int) -> Clause | None:
    """Sentence ``index`` compressed into the fullest statement that is no copy of it: of its
    main clause, or of a clause joined to it. After "but" the joined clause comes first: "X,
    but Y" makes its point in Y."""
    sentence = analysis.sentences[index]
    joined = coordinated_roots(sentence)
    contrasted = any(c.dep_ == "cc" and c.lower_ in ("but", "yet") for c in sentence.root.children)
    roots = [*joined, sentence.root] if contrasted else [sentence.root, *joined]
    for root in roots:
        clause = _compressed_clause(sentence, index, root)
        if clause is not None:
            return clause
    return None


def _compressed_clause(sentence: Span, index: int, root: Token) -> Clause | None:
    whole = content_lemmas(sentence)
    fuller: Clause | None = None
    for budget in KEY_BUDGETS:
        clause = core(sentence, index, budget=budget, root=root)
        if clause is None or len(clause.lemmas) < 2:
            break
        if loose_end(clause):
            break  # a smaller budget cuts more, never what a larger one left waiting
        if len(clause.lemmas) <= MAX_KEPT * len(whole):
            return clause
        if (
            fuller is None
            and len(clause.lemmas) <= MAX_KEPT_WHOLE * len(whole)
            and len(clause.lemmas) >= MIN_SUMMARY_LEMMAS
        ):
            fuller = clause
    return fuller


def points_back(clause: Clause, analysis: ArticleAnalysis) -> bool:
    """Whether the clause names a thing only as "the tests", "the venue": a plain definite
    noun that an earlier sentence introduced. A summary from later in the article reads as
    vague once that sentence is not beside it."""
    earlier = {
        t.lemma_.casefold() for s in analysis.sentences[: clause.sentence] for t in s if t.is_alpha
    }
    kept = {t.i for t in clause.tokens}
    for token in clause.tokens:
        if token.pos_ != "NOUN" or token.lemma_.casefold() not in earlier:
            continue
        modifiers = [c for c in token.children if c.i in kept]
        if [c.lower_ for c in modifiers] == ["the"]:
            return True
    return False


def main_clauses(analysis: ArticleAnalysis) -> Iterator[Clause]:
    """The main claim compressed, best first: of the main sentence, of a lead sentence nearly
    as important, then of the important opening sentences that speak of the article's topic
    (a feature opens on a scene or a quote and states its point a few sentences in). A
    sentence of the article's details is no summary of it."""
    count = len(analysis.sentences)
    lead = [
        index
        for index in range(min(LEAD_SENTENCES, count))
        if analysis.importance[index] >= STATES_THE_POINT
    ]
    later = sorted(
        (
            index
            for index in range(min(OPENING_SENTENCES, count))
            if analysis.importance[index] >= STATES_A_LATER_POINT
        ),
        key=lambda index: -analysis.importance[index],
    )
    first = {analysis.main_sentence, *lead}
    for index in dict.fromkeys([analysis.main_sentence, *lead, *later]):
        clause = compressed(analysis, index)
        if clause is None or len(clause.lemmas) < MIN_SUMMARY_LEMMAS:
            continue  # "BB King was minded.": too little left to sum anything up
        if index not in first and (
            not clause.lemmas & analysis.topic_words or points_back(clause, analysis)
        ):
            continue  # an important sentence about something else, or pointing back
        yield clause


def as_option(clause: Clause) -> Option:
    return Option(clause.text + ".", (clause.sentence,))


def actor_of(clause: Clause) -> str:
    """Who the clause is about, as a student reads it (a pronoun named)."""
    return joined_parts(subject_part(clause), []).strip().casefold().removeprefix("the ")


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
            # the key's own subject doing something else is another side of the main idea
            and actor_of(clause) != actor_of(main)
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
        if abs(len(option.text) - len(key)) <= max(LENGTH_SLACK * len(key), MIN_LENGTH_SLACK)
        and not used & set(option.sentences)
        and all(shared(words_of(option.text), other) <= MAX_ALIKE for other in said)
    ]
    return min(fitting, key=lambda o: abs(len(o.text) - len(key)), default=None)


def with_options(
    analysis: ArticleAnalysis, clauses: dict[int, Clause], main: Clause, context: KindContext
) -> Drafted | None:
    """The question keyed by ``main``, or None when the article lacks an option of each sort.
    Each slot has its own sort first; when the article has none of it left, the next sort
    still makes a wrong summary (a second minor detail is plainly not the main idea)."""
    key = main.text + "."
    minor = details(analysis, clauses, main, minor=True)
    narrow = details(analysis, clauses, main, minor=False)
    twisted = swapped_actors(analysis, main) or borrowed_predicates(analysis, clauses, main)
    chosen: list[Option] = []
    for pools in ((minor, narrow), (narrow, minor), (twisted, minor, narrow)):
        option = next(
            (found for pool in pools if (found := closest(pool, key, chosen)) is not None), None
        )
        if option is None:
            return None  # fewer rather than weak: each wrong option has its own job
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
    return drafted


@register(
    "main_idea",
    skill="main_idea",
    share=0.1,
    description="The best summary of the article among minor, narrow and twisted ones.",
)
def propose(analysis: ArticleAnalysis, context: KindContext) -> Iterator[Drafted]:
    if "multiple_choice" not in context.types or not analysis.sentences:
        return
    clauses = clauses_of(analysis, OPTION_BUDGET)
    for main in main_clauses(analysis):
        drafted = with_options(analysis, clauses, main, context)
        if drafted is not None:
            yield drafted
            return
