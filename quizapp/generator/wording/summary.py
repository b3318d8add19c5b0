"""Compressed clauses for summary options: who did what, without the sentence's trimmings.

A summary option must not be a copied sentence. :func:`core` keeps a clause's skeleton (subject,
verb, objects and complements, each noun with its determiners and adjectives) and drops what a
summary leaves out: datelines and times, numbers, attributions ("X said", "according to Y"),
adverbial and relative clauses, appositions and bracketed asides. Optional parts (a verb's first
prepositional phrase, a noun's "of ..." phrase) are kept only while the clause stays within its
word budget. :func:`content_lemmas` and :func:`largest_overlap` measure how much of an option
one sentence of the article already says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizapp.generator.references import surface
from quizapp.generator.wording.realisation import quoted_spans, quotes_in, scare_quotes_only

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SAYING = frozenset(
    {"say", "tell", "add", "note", "explain", "announce", "report", "claim", "insist", "argue"}
)
SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})
OBJECTS = frozenset({"dobj", "attr", "oprd", "dative", "acomp"})
VERB_PARTS = frozenset({"aux", "auxpass", "neg", "prt"})
NOUN_PARTS = frozenset({"det", "poss", "compound", "amod", "nmod", "case", "predet"})
# Entities a summary leaves out: when and how much, not who or what.
DROPPED_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY"})
# Heads that say nothing without their "of" phrase ("one of the warnings", "part of a plan").
NEEDS_OF = frozenset(
    {"one", "some", "many", "most", "part", "number", "lot", "group", "kind", "type", "all"}
    # "millions of fans": a round amount says how many things there are, not a figure to drop
    | {"dozens", "hundreds", "thousands", "millions", "billions"}
)
# Prepositions that open an attribution or a time, never the event itself.
DROPPED_PREPOSITIONS = frozenset({"according", "since", "until", "during", "after", "before"})
# Phrases that link a sentence to the one before rather than say anything ("in fact",
# "in order to ...", "in addition").
LINKING_NOUNS = frozenset(
    {"fact", "order", "addition", "turn", "particular", "short", "general", "contrast", "sum"}
)
PERSONAL = frozenset({"he", "she", "him", "her", "his", "they", "them", "their"})
PRONOUNS = frozenset(
    {"he", "she", "him", "her", "his", "they", "them", "their", "it", "its", "this", "these"}
)
FIRST_AND_SECOND = frozenset({"i", "me", "my", "we", "us", "our", "you", "your"})
# Verbs that take a clause without "that" ("shows coal use is rising").
BARE_CLAUSE_VERBS = frozenset(
    {
        "say",
        "think",
        "believe",
        "mean",
        "show",
        "suggest",
        "claim",
        "hope",
        "know",
        "expect",
        "warn",
        "find",
        "feel",
        "fear",
        "predict",
        "argue",
        "insist",
        "reveal",
    }
)
TIME_NOUNS = frozenset({"moment", "minute", "hour", "day", "week", "month", "year", "time"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
CLOSING_QUOTES = ("”", '"')


@dataclass(frozen=True)
class Clause:
    """A compressed clause: its text (no final stop), its content lemmas, its subject."""

    text: str
    lemmas: frozenset[str]
    subject: Token
    verb: Token
    sentence: int
    tokens: tuple[Token, ...]

    @property
    def words(self) -> int:
        return len(self.text.split())


def content_lemmas(tokens: Iterable[Token]) -> frozenset[str]:
    """The lemmas of the content words among ``tokens``."""
    return frozenset(
        t.lemma_.casefold()
        for t in tokens
        if t.pos_ in CONTENT_POS and not t.is_stop and len(t.text) > 2
    )


def largest_overlap(lemmas: frozenset[str], sentences: Sequence[Span]) -> float:
    """The largest share of ``lemmas`` that any one sentence also has."""
    if not lemmas:
        return 1.0
    return max(len(lemmas & content_lemmas(s)) / len(lemmas) for s in sentences)


def _dropped(token: Token) -> bool:
    if token.lower_ in NEEDS_OF:  # "one of the warnings" is no number
        return False
    return token.ent_type_ in DROPPED_ENTITIES or token.pos_ == "NUM"


# An optional part: the index of the word it hangs from, and its words.
Optional = tuple[int, list["Token"]]


def _noun(noun: Token, keep: set[int], optional: list[Optional], *, counted: bool = False) -> bool:
    """Add ``noun`` and its determiners and adjectives; its "of" phrase when it needs one, else
    as an optional part. False when the noun is a number or a date. A ``counted`` noun keeps
    its number: "one of nine states" without it is "one of states"."""
    if _dropped(noun):
        return False
    keep.add(noun.i)
    for child in noun.children:
        kept_number = counted and child.dep_ == "nummod"
        if kept_number or (child.dep_ in NOUN_PARTS and not _dropped(child)):
            if child.dep_ in ("poss", "compound", "nmod"):
                _noun(child, keep, optional)  # with its own words ("the Old Mill bridge")
            else:
                keep.add(child.i)
                keep.update(
                    t.i for t in child.children if t.dep_ in ("advmod", "case") and t.i < noun.i
                )
        elif child.dep_ == "cc" and any(c.dep_ == "conj" for c in noun.children):
            keep.add(child.i)
        elif child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN"):
            _noun(child, keep, optional)
        elif child.dep_ == "prep" and child.lower_ not in DROPPED_PREPOSITIONS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if not objects:
                continue
            phrase: set[int] = {child.i}
            needed = noun.lower_ in NEEDS_OF and child.lower_ == "of"
            if not _noun(objects[0], phrase, optional, counted=needed):
                continue
            if needed:
                keep.update(phrase)
            else:
                optional.append((noun.i, [noun.doc[i] for i in sorted(phrase)]))
    return True


def _verb(verb: Token, keep: set[int], optional: list[Optional]) -> bool:
    """Add ``verb`` with its auxiliaries, subject, objects and complements."""
    keep.add(verb.i)
    for child in verb.children:
        dep = child.dep_
        if dep in VERB_PARTS:
            keep.add(child.i)
        elif dep in ("dobj", "npadvmod") and child.lemma_ in TIME_NOUNS:
            continue  # "halted just moments before": a time, parsed as an object
        elif dep in SUBJECTS or dep in ("dobj", "attr", "oprd", "dative"):
            if not _noun(child, keep, optional):
                return False
        elif dep == "acomp":
            keep.add(child.i)
            keep.update(t.i for t in child.children if t.dep_ == "advmod" and t.i < child.i)
            for grandchild in child.children:
                if grandchild.dep_ == "xcomp" and not _verb(grandchild, keep, optional):
                    return False
        elif dep in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            if dep == "ccomp":
                marks = [t for t in child.children if t.dep_ == "mark"]
                if any(t.lower_ != "that" for t in marks):
                    return False  # "refused to confirm if ...": the clause is no statement
                if not marks and verb.lemma_ not in BARE_CLAUSE_VERBS:
                    return False  # two clauses would run together without their link
                keep.update(t.i for t in marks)
            if not _verb(child, keep, optional):
                return False
        elif dep == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                keep.add(child.i)
                _noun(objects[0], keep, optional)
        elif dep == "prep" and child.lower_ not in DROPPED_PREPOSITIONS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            # a number in the phrase itself would be cut from it ("to 28 countries"); one in a
            # phrase further down only stops that phrase ("the biggest source [in five years]")
            if not objects or any(
                _dropped(t) for t in (objects[0], *objects[0].children) if t.dep_ != "prep"
            ):
                continue
            if objects[0].lemma_ in LINKING_NOUNS or any(c.dep_ == "pcomp" for c in child.children):
                continue  # "in fact", "because of": a link or a cause, not the event
            phrase: set[int] = {child.i}
            if _noun(objects[0], phrase, optional):
                optional.append((verb.i, [verb.doc[i] for i in sorted(phrase)]))
        elif dep == "advmod" and verb.lemma_ == "be" and not _has_complement(verb):
            # "is home to one of the largest plants": the parser's adverb is the complement
            keep.add(child.i)
            for grandchild in child.children:
                objects = [c for c in grandchild.children if c.dep_ == "pobj"]
                if grandchild.dep_ == "prep" and objects:
                    keep.add(grandchild.i)
                    if not _noun(objects[0], keep, optional):
                        return False
    return True


def _bounds(entity: Span) -> tuple[int, int]:
    return entity.start, entity.end


def _has_complement(verb: Token) -> bool:
    return any(c.dep_ in ("attr", "acomp", "xcomp", "ccomp", "prep") for c in verb.children)


def _joined(tokens: Sequence[Token]) -> str:
    text = ""
    previous: Token | None = None
    for number, token in enumerate(tokens):
        if previous is not None and not previous.whitespace_ and token.i != previous.i + 1:
            text += " "
        word = surface(token) if number == 0 else token.text
        text += word + token.whitespace_
        previous = token
    text = re.sub(r"\s+([,.;:!?%])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:.")


def _finite(verb: Token) -> bool:
    if verb.tag_ in FINITE_TAGS:
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in verb.children)


def core(
    sentence: Span, index: int, *, budget: int = 12, root: Token | None = None
) -> Clause | None:
    """The skeleton of ``sentence``'s main clause (or of the clause of ``root``, one of its
    coordinated verbs) within ``budget`` words, or None when it does not make a statement a
    student can read alone (a quote, a question, no subject, a pronoun that names nobody)."""
    text = sentence.text.strip()
    if text.endswith("?") or (quotes_in(sentence) and not scare_quotes_only(sentence, ())):
        return None  # a question, or somebody's words; a scare-quoted name may stay
    root = root or sentence.root
    if root.lemma_ in SAYING:  # "X said the piece had been withdrawn": keep what was said
        root = next((c for c in root.children if c.dep_ == "ccomp"), root)
    subject = next((c for c in root.children if c.dep_ in SUBJECTS), None)
    if subject is None or root.pos_ not in ("VERB", "AUX") or not _finite(root):
        return None
    if subject.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "DET"):
        return None  # a misparse ("Temperature rises ... will be" with "rises" a verb)
    if subject.i > root.i:
        return None  # "At stake is the hope ...": cut, an inverted clause opens on its verb
    keep: set[int] = set()
    optional: list[Optional] = []
    if not _verb(root, keep, optional):
        return None
    # "of" phrases first (they name what a noun is of), each only once the word it hangs from
    # is kept, while the clause stays within its budget
    optional.sort(key=lambda part: (part[1][0].lower_ != "of", part[0]))
    grown = True
    while grown:
        grown = False
        for head, part in optional:
            if head in keep and part[0].i not in keep and len(keep) + len(part) <= budget:
                keep.update(t.i for t in part)
                grown = True
                break
    doc = sentence.doc
    for entity in doc.ents:  # a name is kept whole ("Arts Council England")
        if entity.label_ not in DROPPED_ENTITIES and any(
            i in keep for i in range(*_bounds(entity))
        ):
            keep.update(range(*_bounds(entity)))
    for first, last in quoted_spans(sentence) or ():
        if any(first <= i <= last for i in keep):  # a quoted phrase stays whole, marks and all
            keep.update(range(first - 1, last + 2))
    tokens = [doc[i] for i in sorted(keep) if sentence.start <= i < sentence.end]
    while (
        tokens
        and tokens[-1].dep_ in ("cc", "prep", "det", "punct", "mark")
        and tokens[-1].text not in CLOSING_QUOTES  # the end of a kept quoted phrase
    ):
        tokens = tokens[:-1]
    if tokens and (tokens[-1].pos_ == "AUX" or tokens[-1].tag_ in ("WDT", "WP", "WP$", "POS")):
        return None  # "whose home crowd is": the clause lost its end
    if any(t.tag_ == "WP$" or (t.tag_ in ("WDT", "WP") and t.dep_ != "nsubj") for t in tokens):
        return None  # a relative clause's remains
    if [t.lower_ for t in tokens[-2:]] == ["in", "order"]:
        tokens = tokens[:-2]  # "in order" without its "to ..."
    kept = {t.i for t in tokens}
    for token in tokens:
        glued = doc[token.i - 1] if token.i > 0 else None
        if (
            glued is not None
            and glued.i not in kept
            and not glued.whitespace_
            and (glued.is_alpha or glued.like_num)
        ):
            return None  # a glued word lost its front ("100m" leaving "m subscribers")
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if (
            after is not None
            and not token.whitespace_
            and after.i not in kept
            and after.text not in (",", ".", ";", ":", "!", "?", "'", "’", *CLOSING_QUOTES)
        ):
            return None  # a glued word was cut ("in-depth", "41-slide")
        if token.pos_ in ("PRON", "DET") and any(
            c.dep_ in ("acl", "relcl") and c.i not in kept for c in token.children
        ):
            return None  # "the end of those" without "projected"
        if token.tag_ == "NN" and any(
            c.dep_ in ("det", "nummod", "poss") and c.i not in kept for c in token.children
        ):
            return None  # "one mayor thinks" would read "mayor thinks"
    if any(t.i != root.i and t.head.i not in kept for t in tokens):
        return None  # a word whose head was dropped hangs loose ("the authenticity a slide")
    if any(t.lower_ == "than" for t in tokens) and not any(
        t.tag_ in ("JJR", "RBR") for t in tokens
    ):
        return None  # "consumes water than a diet": the comparative was dropped
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "mark"):
        tokens = tokens[1:]
    if len(tokens) < 4 or len(tokens) > budget + 2:
        return None
    for number, token in enumerate(tokens):
        if token.lower_ in FIRST_AND_SECOND:
            return None  # somebody's words, not the article's
        # a pronoun after the start reads back to a name the clause may have lost
        if token.lower_ in PRONOUNS and (number > 0 or surface(token) == token.text):
            before = tokens[:number]
            if token.lower_ in ("they", "them", "their"):
                if not any(t.tag_ in ("NNS", "NNPS") for t in before):
                    return None  # "on the parched grass they stretch": who?
            elif token.lower_ in PERSONAL:
                if not any(t.ent_type_ == "PERSON" for t in before):
                    return None
            elif not any(t.pos_ in ("NOUN", "PROPN") for t in before):
                return None
    if any(t.text in "()[]—–" or t.text.endswith("-") for t in tokens):
        return None
    joined = _joined(tokens)
    if not joined:
        return None
    return Clause(
        joined[:1].upper() + joined[1:],
        content_lemmas(tokens),
        subject,
        root,
        index,
        tuple(tokens),
    )


def fused(first: str, second: Clause) -> str:
    """Two clauses as one summary sentence: "A, and b."."""
    opening = second.tokens[0]
    named = opening.pos_ == "PROPN" or opening.ent_type_ or opening.text == "I"
    text = second.text if named else second.text[:1].lower() + second.text[1:]
    return f"{first}, and {text}."


def subject_part(clause: Clause) -> list[Token]:
    """The clause's kept words that make up its subject."""
    inside = {t.i for t in clause.subject.subtree}
    return [t for t in clause.tokens if t.i in inside]


def predicate_part(clause: Clause) -> list[Token]:
    """The clause's kept words after its subject: what it says the subject did or is."""
    inside = {t.i for t in clause.subject.subtree}
    return [t for t in clause.tokens if t.i not in inside and t.i > clause.subject.i]


def plural(subject: Token) -> bool:
    return subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)


def agrees(subject: Token, predicate: Sequence[Token]) -> bool:
    """Whether ``predicate``'s finite verb agrees in number with ``subject``."""
    finite = next((t for t in predicate if t.tag_ in FINITE_TAGS), None)
    if finite is None:
        return False
    many = plural(subject)
    if finite.tag_ == "VBZ":
        return not many
    if finite.tag_ == "VBP":
        return many
    if finite.lower_ in ("was", "were"):
        return (finite.lower_ == "were") == many
    return True


def joined_parts(subject: Sequence[Token], predicate: Sequence[Token]) -> str:
    text = _joined(list(subject)) + " " + " ".join(t.text for t in predicate)
    text = re.sub(r"\s+([,.;:!?%])", r"\1", text)
    text = re.sub(r"\s+(’s|'s|n’t|n't)\b", r"\1", text)
    return text[:1].upper() + text[1:]


def coordinated_roots(sentence: Span) -> list[Token]:
    """The verbs of the clauses joined to the sentence's main clause that have their own
    subject ("..., but she is at the centre of a debate"): news often puts its point there."""
    root = sentence.root
    return [
        child
        for child in root.children
        if child.dep_ == "conj"
        and child.pos_ in ("VERB", "AUX")
        and any(c.dep_ in SUBJECTS for c in child.children)
    ]
