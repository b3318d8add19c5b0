"""A quote restated as a claim in the third person, the way a teacher reports it.

“I don’t want to rent,” said Jenna Gavin -> "She does not want to rent." for "What does Jenna
Gavin say about renting?", and "she did not want to rent" after "Who said that ...?". The main
clause is kept and shortened (asides and a second clause dropped), "I" becomes the speaker and
"we" the group they speak for, the verb agrees with its new subject, and after "said" the tenses
move back. A claim that cannot be restated safely (a question, "you", a "we" with no group, a
pronoun that points outside the quote) gives ``None``: fewer rather than weak.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizapp.generator.inflection import simple_past, third_person_singular
from quizapp.generator.references import keeps_capital, possessive, surface
from quizapp.generator.wording.clauses import OPENING_CONNECTIVES, _aside_tokens

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

MIN_CLAIM_WORDS = 4  # "Words are not enough." is a view worth asking about
MAX_CLAIM_WORDS = 22
SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")
QUOTE_AND_LIST_MARKS = frozenset({'"', "“", "”", "‘", ":", "(", ")"})
# Words after which the claim is the speaker's talk to a listener, not a claim to report.
UNREPORTABLE = frozenset({"you", "your", "yours", "yourself", "myself", "ourselves", "mine"})
FIRST_SINGULAR = frozenset({"i", "me", "my"})
FIRST_PLURAL = frozenset({"we", "us", "our", "ours"})
VAGUE_SUBJECTS = frozenset({"it", "they", "this", "that", "these", "those", "he", "she"})
SPEAKER_FORMS = {"he": frozenset({"he", "him", "his"}), "she": frozenset({"she", "her", "hers"})}
POINTING = frozenset({"he", "she", "him", "her", "his", "they", "them", "their", "it", "its"})
# Present forms agreeing with "I" or "we" -> the form agreeing with a singular third person.
AGREEING = {"am": "is", "'m": "is", "’m": "is", "are": "is", "'re": "is", "’re": "is"}
AGREEING |= {"have": "has", "'ve": "has", "’ve": "has", "do": "does", "were": "was"}
# Tense moved back after "said" ("will" -> "would").
BACKSHIFT = {
    "is": "was",
    "am": "was",
    "are": "were",
    "has": "had",
    "have": "had",
    "do": "did",
    "does": "did",
    "will": "would",
    "wo": "would",
    "can": "could",
    "ca": "could",
    "may": "might",
    "shall": "should",
}
# Verbs taking an "it" that stands for the clause after them ("it is clear that ...").
EXTRAPOSING = frozenset({"be", "seem", "appear", "take", "become", "remain"})
MANDATIVE = frozenset({"order", "demand", "insist", "ask", "require", "urge", "recommend"})
CONTRACTED = {"'s", "’s", "'re", "’re", "'m", "’m", "'ve", "’ve", "'ll", "’ll"}
CONTRACTED_BE = {"'s": "is", "’s": "is", "'re": "are", "’re": "are", "'m": "am", "’m": "am"}
CONTRACTED_OTHER = {"'ve": "have", "’ve": "have", "'ll": "will", "’ll": "will"}


@dataclass(frozen=True)
class Claim:
    """A quote restated: as an option (present tense) and after "Who said that" (tense back)."""

    statement: str  # "She does not want to rent."
    reported: str  # "she did not want to rent" (to follow "said that")
    words: tuple[Token, ...]  # the quote's tokens the claim keeps, for choosing its topic
    shifted: bool  # "I" or "we" was turned into the speaker: a "who said" would name them
    copied: bool  # the reported form is the article's own words


@dataclass(frozen=True)
class Speaker:
    """Who "I" and "we" stand for in a quote."""

    surname: str
    pronoun: str  # "he", "she", or "" when the article never says
    side: str  # the group "we" means, or ""


def first_sentence(span: Span) -> list[Token]:
    """The span's tokens up to its first full stop (a quote may run over several sentences)."""
    tokens: list[Token] = []
    for token in span:
        tokens.append(token)
        if token.text in (".", "!", "?", ";") and token.i < span.end - 1:
            break
    return tokens


def _root(tokens: list[Token]) -> Token | None:
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head == t]
    roots = [t for t in roots if not t.is_punct]
    return roots[0] if roots else None


def _kept(root: Token, tokens: list[Token]) -> list[Token]:
    """The root's clause without asides and without a second clause joined by "and"/"but"."""
    inside = {t.i for t in tokens}
    removed = _aside_tokens(root)
    for child in root.children:
        joined = child.dep_ == "conj" and any(c.dep_ in SUBJECTS for c in child.children)
        if joined or (child.dep_ == "advcl" and child.i > root.i and child.left_edge.is_punct):
            removed |= {t.i for t in child.subtree}
            removed |= {c.i for c in root.children if c.dep_ == "cc" and c.i < child.i}
    kept = [t for t in root.subtree if t.i in inside and t.i not in removed]
    while kept and (kept[0].is_punct or kept[0].lower_ in OPENING_CONNECTIVES):
        kept = kept[1:]
    while kept and (kept[-1].is_punct or kept[-1].dep_ == "cc"):
        kept = kept[:-1]
    return kept


def _finite_of(subject: Token) -> list[Token]:
    """The tensed words that agree with ``subject``: its verb's auxiliaries, or the verb."""
    verb = subject.head
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i > subject.i]
    if auxiliaries:
        return auxiliaries[:1]
    return [verb] if verb.tag_ in ("VBP", "VBZ", "VBD") else []


def _agreeing(token: Token) -> str:
    lowered = token.lower_
    if lowered in AGREEING:
        return AGREEING[lowered]
    if token.tag_ == "VBP" and token.pos_ == "VERB":
        return third_person_singular(token.lemma_.casefold())
    return token.text


def _backshifted(token: Token, text: str) -> str:
    lowered = text.casefold().strip()
    if lowered in BACKSHIFT:
        return BACKSHIFT[lowered]
    if token.lower_ in CONTRACTED_BE or token.lower_ in CONTRACTED_OTHER:
        base = CONTRACTED_BE.get(token.lower_) or CONTRACTED_OTHER[token.lower_]
        if token.lower_ in ("'s", "’s") and token.lemma_ == "have":
            base = "has"
        return BACKSHIFT.get(base, base)
    if token.tag_ in ("VBZ", "VBP") and token.pos_ == "VERB":
        return simple_past(token.lemma_.casefold())
    return text


def _subject_or_its_owner(token: Token, root: Token) -> bool:
    """``token`` is the subject of the claim's verb, or the owner in it ("his gallery")."""
    subject = next((c for c in root.children if c.dep_ in SUBJECTS), None)
    if subject is None:
        return False
    return token.i == subject.i or (token.dep_ == "poss" and token.head.i == subject.i)


def _subjunctive(verb: Token) -> bool:
    """ "ordered that flags fly at half-mast": a verb whose tense does not move back."""
    clause = verb if verb.dep_ not in ("aux", "auxpass") else verb.head
    return clause.dep_ == "ccomp" and clause.head.lemma_ in MANDATIVE


def _extraposed(token: Token) -> bool:
    """ "It is possible that ...": an "it" that refers to nothing."""
    head = token.head
    return token.dep_ == "expl" or (
        token.lower_ == "it"
        and head.lemma_ in EXTRAPOSING
        and any(c.dep_ in ("ccomp", "xcomp") and c.i > token.i for c in head.children)
    )


def claim_of(span: Span, speaker: Speaker, *, direct: bool = True) -> Claim | None:
    """The quote in ``span`` restated in the third person, or None when that is not safe.

    In reported speech (``direct`` false) "he" or "she" of the speaker's gender is the speaker:
    "Thut said he would keep the collector's name private"."""
    tokens = first_sentence(span)
    if any(t.text == "?" for t in tokens):
        return None
    root = _root(tokens)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return None  # a phrase, not a claim ("tour de force")
    if root.dep_ in ("advcl", "relcl", "acl", "npadvmod") or (
        tokens[0].lower_ == "every" and len(tokens) > 1 and tokens[1].lower_ == "time"
    ):
        return None  # "Every time we come up with ...": the quote cut a sentence in two
    if not any(c.dep_ in SUBJECTS for c in root.children):
        return None
    spliced = [
        c
        for c in root.children
        if c.dep_ == "ccomp" and c.i < root.i and any(g.dep_ in SUBJECTS for g in c.children)
    ]
    if spliced and root.doc[spliced[0].right_edge.i + 1].text == ",":
        root = spliced[0]  # "Words are not enough, they must be matched by deeds": the first
    kept = _kept(root, tokens)
    if root not in kept or not any(c.dep_ in SUBJECTS and c in kept for c in root.children):
        return None  # the clause's verb or subject sat in an aside
    if kept[0].tag_ in ("WDT", "WP", "WP$", "WRB", "IN") or any(
        c.dep_ == "mark" and c in kept for c in root.children
    ):
        return None  # "whose first interest is ...", "if people sign up": a part of a sentence
    if any(t.text in QUOTE_AND_LIST_MARKS for t in kept):
        return None  # a quote inside the quote, or a list it announces
    if any(t.lower_ in UNREPORTABLE for t in kept):
        return None
    if not speaker.pronoun and sum(t.lower_ in FIRST_SINGULAR for t in kept) > 1:
        return None  # "Holt does not want Holt's customers ...": the name twice reads badly
    replaced: dict[int, str] = {}
    shifted = False
    for token in kept:
        lowered = token.lower_
        if lowered in FIRST_SINGULAR:
            shifted = True
            if lowered == "my":
                replaced[token.i] = (
                    {"he": "his", "she": "her"}[speaker.pronoun]
                    if speaker.pronoun
                    else possessive(speaker.surname)
                )
            elif lowered == "me":
                replaced[token.i] = (
                    {"he": "him", "she": "her"}[speaker.pronoun]
                    if speaker.pronoun
                    else speaker.surname
                )
            else:
                replaced[token.i] = speaker.pronoun or speaker.surname
        elif (
            not direct
            and speaker.pronoun
            and lowered in SPEAKER_FORMS[speaker.pronoun]
            and _subject_or_its_owner(token, root)
        ):
            # "Thut said he would ...", "... that his gallery had ...": the speaker, already in
            # the third person, kept as it is; a "he" deeper down may be anyone
            shifted = True
            replaced[token.i] = token.text
            continue
        elif lowered in FIRST_PLURAL:
            if not speaker.side:
                return None  # "we" with no group named: whom it means is a guess
            shifted = True
            replaced[token.i] = possessive(speaker.side) if lowered == "our" else speaker.side
        else:
            continue
        if token.dep_ in ("nsubj", "nsubjpass"):
            for verb in _finite_of(token):
                if verb.i in {t.i for t in kept}:
                    replaced[verb.i] = _agreeing(verb)
    subject = next(c for c in root.children if c.dep_ in SUBJECTS)
    if subject.lower_ in VAGUE_SUBJECTS and subject.i not in replaced and not _extraposed(subject):
        # only the clause's own subject is named: the rules that name pronouns read the article
        # around a quote, and inside one "he" is as often someone else
        named = surface(subject)
        before = [t for t in kept if t.i < subject.i and t.pos_ in ("NOUN", "PROPN")]
        if named == subject.text and not before:
            return None  # "It will enable ...": what "it" is lies outside the quote
        replaced[subject.i] = (
            speaker.pronoun if speaker.pronoun and named.endswith(speaker.surname) else named
        )
    for number, token in enumerate(kept):
        if token.i in replaced or token.lower_ not in POINTING or token.pos_ not in ("PRON", "DET"):
            continue
        if _extraposed(token) or any(t.pos_ in ("NOUN", "PROPN") for t in kept[:number]):
            continue
        return None  # "she might send him flowers": who "she" is lies outside the quote
    statement_text = _joined(kept, replaced)
    reported_text = _joined(
        kept,
        {
            **replaced,
            **{
                t.i: _backshifted(t, replaced.get(t.i, t.text))
                for t in kept
                if t.tag_ in ("VBZ", "VBP", "MD") and not _subjunctive(t)
            },
        },
    )
    if not MIN_CLAIM_WORDS <= len(statement_text.split()) <= MAX_CLAIM_WORDS:
        return None
    original = "".join(t.text_with_ws for t in kept).strip()
    return Claim(
        statement=_capitalised(statement_text) + ".",
        reported=_opening_lowered(reported_text, kept[0]),
        words=tuple(kept),
        shifted=shifted,
        copied=reported_text.casefold() == original.casefold(),
    )


def _joined(tokens: list[Token], replaced: dict[int, str]) -> str:
    text = ""
    previous: Token | None = None
    for token in tokens:
        if previous is not None and not previous.whitespace_ and token.i != previous.i + 1:
            text += " "  # the aside between the two words took their space with it
        previous = token
        word = replaced.get(token.i, token.text)
        if word != token.text and token.lower_ in CONTRACTED:
            text = text.rstrip() + " "  # "I’m" -> "she is": the contraction becomes a word
        if token.lower_ in ("n't", "n’t") and text.rstrip().endswith(("is", "has", "does")):
            text = text.rstrip() + " "
            word = "not"  # "doesn’t" reads as "does not" in a report
        text += word + token.whitespace_
    text = re.sub(r"\s+([,.;!%])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip(" ,;")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _opening_lowered(text: str, first: Token) -> str:
    """A claim to follow "that": lower-case unless it opens with a name."""
    if keeps_capital(first) or text[:1] != first.text[:1]:
        return text  # a name, or a word put in for "I"
    return text[:1].lower() + text[1:]
