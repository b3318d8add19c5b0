"""What the article offers as answers: its entities, with the other names each one goes by.

An answer is a span of the parse with a display text, an entity type and aliases a student may
write instead: a person's surname alone or without a title ("Onal" for "Ambassador Sedat Onal"),
a date without its qualifier ("January 2020" for "early January 2020"), and a description the
article puts in apposition ("the Egyptian capital" for "Cairo"). Descriptions in apposition also
let a later mention ("held in the Egyptian capital") stand for the entity it names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quizapp.domain.text import read_written_date, without_titles
from quizapp.generator import word_lists
from quizapp.generator.distractors import normalised
from quizapp.generator.wording.clause_parts import constituent_of
from quizapp.generator.wording.word_sets import PERSON_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Entity types that make answers a reader can check in the text.
ANSWER_LABELS = frozenset(
    {
        "PERSON",
        "GPE",
        "LOC",
        "FAC",
        "ORG",
        "NORP",
        "DATE",
        "TIME",
        "CARDINAL",
        "MONEY",
        "PERCENT",
        "QUANTITY",
        "EVENT",
    }
)
# Dates relative to the day of writing say little to a reader a year later.
RELATIVE_DATE_WORDS = frozenset(
    {
        "today",
        "yesterday",
        "tomorrow",
        "last",
        "next",
        "this",
        "ago",
        "recent",
        "recently",
        "week",
        "weekend",
        "now",
        "currently",
        "earlier",
        "later",
        "past",
    }
)


@dataclass(frozen=True)
class Answer:
    """A span of the article that a question can ask for."""

    span: Span
    text: str
    label: str
    aliases: tuple[str, ...] = field(default=())

    @property
    def sentence(self) -> Span:
        return self.span.sent


def clean_entity_text(text: str) -> str:
    """An entity's text without a leading article or possessive ending."""
    text = re.sub(r"(’s|'s)$", "", text.strip())
    return text


def person_aliases(name: str) -> list[str]:
    """Shorter forms of a person's name a reader may write: without titles, the surname."""
    words = without_titles(name, titles=word_lists.TITLES).split()
    forms = [" ".join(words)]
    if len(words) >= 2:
        forms.append(words[-1])
    return [form for form in forms if form != name]


def date_aliases(text: str) -> list[str]:
    """A qualified date also answered without its qualifier ("early January 2020")."""
    shape = read_written_date(text)
    if shape is None or not shape.qualifier:
        return []
    return [text[len(shape.qualifier) :].strip()]


def is_relative_date(span: Span) -> bool:
    """Whether a DATE entity depends on when the article was written ("last month")."""
    words = {t.lower_ for t in span}
    return bool(words & RELATIVE_DATE_WORDS) or span.text in word_lists.WEEKDAYS


def appositions(doc: Doc) -> dict[str, Span]:
    """Descriptions in apposition to a named entity, keyed by their normalised text.

    "the Egyptian capital, Cairo" maps "the Egyptian capital" to the span "Cairo".
    """
    found: dict[str, Span] = {}
    # the parser sometimes misses "the Egyptian capital, Cairo,": the comma pattern catches it
    chunk_ending = {chunk.end: chunk for chunk in doc.noun_chunks}
    for entity in doc.ents:
        before = chunk_ending.get(entity.start - 1)
        if (
            entity.label_ in ("GPE", "LOC", "PERSON", "FAC")
            and before is not None
            and doc[entity.start - 1].text == ","
            and before[0].lower_ == "the"
            and before.root.pos_ == "NOUN"
            # "In the meantime, Morocco ...": an opening phrase, not a description
            and not (before.start >= 1 and doc[before.start - 1].is_sent_start)
            and not any(e.label_ not in ("NORP", "ORDINAL") for e in before.ents)
        ):
            found.setdefault(before.text, entity)
    for entity in doc.ents:
        if entity.label_ not in ("GPE", "LOC", "PERSON", "ORG", "FAC"):
            continue
        root = entity.root
        partner = None
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            partner = root.head
        else:
            for child in root.children:
                if child.dep_ == "appos" and child.pos_ == "NOUN":
                    partner = child
        if partner is None:
            continue
        tokens = [t for t in partner.subtree if t.i not in range(entity.start, entity.end)]
        tokens = [t for t in tokens if not t.is_punct and t.i <= partner.i]
        if tokens and tokens[0].lower_ == "the":
            description = " ".join(t.text for t in tokens)
            found.setdefault(description, entity)
    return found


def article_entities(doc: Doc) -> dict[str, list[str]]:
    """The article's distinct entity names by type, the fullest form of each person first."""
    by_label: dict[str, list[str]] = {}
    for entity in doc.ents:
        if entity.label_ == "DATE" and is_relative_date(entity):
            continue
        text = clean_entity_text(entity.text)
        if not text or not re.search(r"\w", text):
            continue
        names = by_label.setdefault(entity.label_, [])
        if entity.label_ == "PERSON":
            surname = text.split()[-1].casefold()
            same = [n for n in names if n.split()[-1].casefold() == surname]
            if same:
                if len(text) > len(same[0]):
                    names[names.index(same[0])] = text
                continue
        if normalised(text) not in {normalised(n) for n in names}:
            names.append(text)
    return by_label


def full_person_name(short: str, entities: dict[str, list[str]]) -> str:
    """The fullest form the article uses for a person mentioned by surname ("Sisi")."""
    surname = short.split()[-1].casefold()
    for name in entities.get("PERSON", []):
        if name.split()[-1].casefold() == surname or name.casefold().endswith(surname):
            return name if len(name) >= len(short) else short
    return short


def answers_in(doc: Doc, entities: dict[str, list[str]]) -> Iterator[Answer]:
    """Every entity of the article worth asking about, plus descriptions standing for one."""
    described = appositions(doc)
    for entity in doc.ents:
        if entity.label_ not in ANSWER_LABELS:
            continue
        if (
            entity.label_ == "DATE"
            and is_relative_date(entity)
            and entity.text not in (word_lists.WEEKDAYS)
        ):
            continue
        text = clean_entity_text(entity.text)
        aliases: list[str] = []
        label = entity.label_
        span = entity
        if label == "PERSON":
            merged = _coordinated_people(entity)
            if merged is not None:
                span, text, aliases = merged
            else:
                text = full_person_name(text, entities) if len(text.split()) == 1 else text
                aliases = person_aliases(text)
        elif label == "DATE":
            aliases = date_aliases(text)
        for description, described_entity in described.items():
            if described_entity.text == entity.text:
                aliases.append(description)
        yield Answer(span, text, label, tuple(dict.fromkeys(aliases)))
    by_key = {normalised(text): named for text, named in described.items()}
    for chunk in doc.noun_chunks:
        named = by_key.get(normalised(chunk.text))
        if named is None or chunk.start == named.start or chunk.root.dep_ == "appos":
            continue
        if any(t.i in range(named.start, named.end) for t in chunk):
            continue
        # "held in the Egyptian capital": the description stands for the place it names
        yield Answer(chunk, named.text, named.label_, (chunk.text,))


def _coordinated_people(entity: Span) -> tuple[Span, str, list[str]] | None:
    """Two people named together in one role ("led by A and his counterpart, B")."""
    constituent, _nested = constituent_of(entity)
    if constituent.dep_ not in ("agent", "nsubj", "nsubjpass", "dobj", "prep"):
        return None
    doc = entity.doc
    tokens = range(constituent.left_edge.i, constituent.right_edge.i + 1)
    people = [e for e in doc.ents if e.label_ == "PERSON" and e.start in tokens]
    if len(people) < 2 or people[0].start != entity.start:
        return None
    if people[0].root.dep_ == "appos":
        # "his friend and rival, Jamukha, and his protector, Toghrul": each name answers for
        # its own description
        return None
    between = doc[people[0].end : people[1].start]
    if not any(t.dep_ == "cc" for t in between):
        return None  # "Donald Trump's former campaign chairman Paul Manafort" is one person
    named = {t.i for person in people[:3] for t in person}
    for item in list_items(people[0].root):
        # "launched Lovell, Jack Swigert and Fred Haise": a name the NER missed would be left
        # out of the answer; a description ("his counterpart, Loza", "the Minister") is not
        missed = (
            item.pos_ == "PROPN" and item.i not in named and item.lemma_.lower() not in PERSON_NOUNS
        )
        if missed:
            return None
    names = [clean_entity_text(p.text) for p in people[:3]]
    text = " and ".join(names)
    surnames = " and ".join(name.split()[-1] for name in names)
    span = doc[people[0].start : people[-1].end]
    return span, text, [surnames]


def first_list_item(token: Token) -> Token:
    """The head of the first item of the list ``token`` belongs to (``token`` when none)."""
    first = token
    # "Lovell, Jack Swigert and Fred Haise": the parser may take a list item for an apposition
    while first.dep_ in ("conj", "appos") and first.head.i < first.i:
        first = first.head
    return first


def list_items(token: Token) -> list[Token]:
    """The heads of the items of the coordination ``token`` belongs to, in order."""
    items = [first_list_item(token)]
    for item in items:
        items.extend(c for c in item.children if c.dep_ == "conj")
    return sorted(items, key=lambda t: t.i)


def listed_with(answer: Span) -> list[str]:
    """Names of the answer's kind that the article lists together with it, wherever it names
    it: in "signed by the Royal Society, the French Academy and the Irish Academy" each is as
    right as the others. (The parser may read list items as appositions, so the whole phrase
    of the first item is searched.)"""
    key = normalised(clean_entity_text(answer.text))
    doc = answer.doc
    found: list[str] = []
    for entity in doc.ents:
        if normalised(clean_entity_text(entity.text)) != key:
            continue
        phrase = {t.i for t in first_list_item(entity.root).subtree}
        if not any(doc[i].dep_ == "cc" for i in phrase):
            continue
        found.extend(
            clean_entity_text(other.text)
            for other in doc.ents
            if other.label_ == entity.label_
            and other.root.i in phrase
            and normalised(clean_entity_text(other.text)) != key
        )
    return found
