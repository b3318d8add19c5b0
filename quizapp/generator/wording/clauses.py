"""Statements made from an article's clauses, shorter than the sentence they come from.

A summary option or a true statement should not be a copied sentence: the main clause is kept,
asides (appositions, bracketed and dashed parts, relative clauses after a comma, attributions)
are dropped, and a pronoun subject is replaced by the name it stands for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

from quizapp.generator.references import surface

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

ASIDE_DEPS = frozenset({"appos", "parataxis", "meta"})
OPENING_CONNECTIVES = frozenset(
    {"but", "and", "however", "meanwhile", "yet", "so", "also", "still"}
)
SAYING = frozenset({"say", "tell", "add", "note", "explain", "announce", "report"})


def _aside_tokens(root: Token) -> set[int]:
    """Token indexes of the asides under ``root``."""
    removed: set[int] = set()
    doc = root.doc
    for token in root.subtree:
        if token.i in removed:
            continue
        comma_before = token.left_edge.i > 0 and doc[token.left_edge.i - 1].text == ","
        if token.dep_ in ASIDE_DEPS or (token.dep_ in ("relcl", "acl", "advcl") and comma_before):
            removed |= {t.i for t in token.subtree}
            if comma_before:
                removed.add(token.left_edge.i - 1)
                after = token.right_edge.i + 1
                if after < len(doc) and doc[after].text == ",":
                    removed.add(after)
    # brackets and dashes
    depth = 0
    dashed = False
    for token in root.subtree:
        if token.text in ("(", "["):
            depth += 1
        if depth or dashed:
            removed.add(token.i)
        if token.text in (")", "]"):
            depth = max(0, depth - 1)
        if token.text in ("—", "–") or (token.text == "-" and token.whitespace_):
            removed.add(token.i)
            dashed = not dashed
    return removed


def _joined(tokens: Iterable[Token]) -> str:
    text = ""
    previous: Token | None = None
    for token in tokens:
        if previous is not None and not previous.whitespace_ and token.i != previous.i + 1:
            text += " "  # the comma that glued two words was dropped
        named = surface(token)
        glued = token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ in ("'s", "’s")
        said_already = named.removesuffix("'s").removesuffix("’s") in text
        if named != token.text and (glued or said_already or re.search(r"\w", text)):
            # only an opening pronoun is named: later ones read back to it
            named = token.text
        text += named + token.whitespace_
        previous = token
    text = re.sub(r"\s+([,.;:!?%])", r"\1", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;:")
    text = re.sub(r",\s*,", ",", text)
    return text


def statement(sentence: Span, *, root: Token | None = None) -> str | None:
    """The main clause of ``sentence`` as a short statement ending in a full stop, or None when
    it does not stand alone (a quote, a fragment, no finite verb)."""
    root = root or sentence.root
    if sentence.text.rstrip().endswith("?"):
        return None
    if any(t.text in '"“”' for t in sentence) or root.pos_ not in ("VERB", "AUX"):
        return None
    if root.lemma_ in SAYING:  # "X said the piece had been withdrawn": keep what was said
        said = next((c for c in root.children if c.dep_ == "ccomp"), None)
        if said is None:
            return None
        root = said
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children):
        return None
    removed = _aside_tokens(root)
    tokens = [t for t in root.subtree if t.i not in removed and t.i < sentence.end]
    while tokens and (
        tokens[0].is_punct or tokens[0].lower_ in OPENING_CONNECTIVES or tokens[0].lower_ == "that"
    ):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not _finite(root):
        return None
    opening = [t for t in root.subtree if t.i not in _aside_tokens(root)][:2]
    if opening and opening[0].tag_ in ("VBZ", "VBD", "VBP", "MD"):
        return None  # the subject was cut off ("Means one of ...")
    if len(opening) == 2 and opening[0].pos_ == "NOUN" and opening[1].text == ",":
        return None  # the start of a phrase was cut off ("Way, the mice learned")
    if tokens and tokens[0].tag_ in ("VBZ", "VBD", "VBP", "MD"):
        return None  # the subject was cut off ("Means one of ...")
    if len(tokens) > 1 and tokens[0].pos_ == "NOUN" and tokens[1].text == ",":
        return None  # the start of a phrase was cut off ("Way, the mice learned")
    if len(tokens) < 5 or any(_unresolved(t, tokens[:n]) for n, t in enumerate(tokens)):
        return None
    text = _joined(tokens)
    if not text:
        return None
    return text[:1].upper() + text[1:].rstrip(" .") + "."


def _finite(verb: Token) -> bool:
    """Whether the clause of ``verb`` has a tensed verb (not "novels set 4,000 years ago")."""
    if verb.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    return any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD")
        for c in verb.children
    )


def lowered_opening(text: str) -> str:
    """``text`` to follow "Because" or "that": its first word lower-cased unless it is a name."""
    first = text.split(" ", 1)[0]
    if first.casefold() in STOP_WORDS and first != "I":
        return text[:1].lower() + text[1:]
    return text  # a name, or a word that may be one, keeps its capital


VAGUE = frozenset(
    {"he", "she", "him", "her", "his", "they", "them", "their", "it", "its", "this", "these"}
)


def _unresolved(token: Token, before: list[Token]) -> bool:
    """A pronoun with no name attached and no noun before it in the statement: read alone, the
    statement would not say who."""
    if token.lower_ in FIRST_AND_SECOND:
        return True  # "we", "you": somebody's words, not the article's
    if token.lower_ not in VAGUE or token.pos_ not in ("PRON", "DET"):
        return False
    if surface(token) != token.text:
        return False
    if token.lower_ in PERSONAL:
        return not any(t.ent_type_ == "PERSON" for t in before)
    return not any(t.pos_ in ("NOUN", "PROPN") for t in before)


FIRST_AND_SECOND = frozenset({"i", "me", "my", "we", "us", "our", "you", "your"})
PERSONAL = frozenset({"he", "she", "him", "her", "his", "they", "them", "their"})


def phrase(span: Span) -> str:
    """A span as an option's text: its words with pronouns named, no edge punctuation."""
    return _joined(t for t in span if True)


def words_of(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.casefold()) if len(w) > 2}


def overlap(a: str, b: str) -> float:
    """Share of ``a``'s words that ``b`` also has."""
    first = words_of(a)
    return len(first & words_of(b)) / len(first) if first else 0.0
