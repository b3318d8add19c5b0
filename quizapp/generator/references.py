"""What a third-person pronoun stands for, so that a question can name it instead.

A question is read away from the article, so "Who forced him from his kingdom?" says less than
"Who forced Ethelred from his kingdom?". People writing reading questions replace such pronouns
with the name they refer to; this module does the same with the cheap rules that news and
encyclopedia prose supports: "he"/"she" (and their other cases) refer to the person who is the
subject of the sentence so far or of the sentence before, else to the last person named;
"it"/"they" refer to the subject of the sentence before when it agrees in number and is not a
person. Anything less sure is left alone. The result is stored on the parse
(``doc.user_data``), keyed by token index, and read by the wh-rules when they print tokens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

USER_DATA_KEY = "quizapp_referents"
PERSONAL = {
    "he": "subject",
    "him": "object",
    "his": "possessive",
    "she": "subject",
    "her": "object",
    "hers": "possessive",
}
NEUTER = {"it": "subject", "its": "possessive"}
PLURAL = {"they": "subject", "them": "object", "their": "possessive"}
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Verbs that take an extraposed "it" ("it is certain that ..."), which refers to nothing.
EXTRAPOSING_VERBS = frozenset({"be", "seem", "appear", "take", "become", "remain", "make"})
# Entity types whose words are names, capitalised wherever they stand.
NAMED_ENTITY_TYPES = frozenset(
    {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
)
# A referent longer than this is a description, not a name worth repeating.
MAX_REFERENT_WORDS = 6


def referent_texts(doc: Doc) -> dict[int, str]:
    """Token index -> the words that replace it (possessives end in "'s")."""
    found: dict[int, str] = {}
    sentences = list(doc.sents)
    for number, sentence in enumerate(sentences):
        previous = sentences[number - 1] if number else None
        for token in sentence:
            lowered = token.lower_
            if token.pos_ != "PRON" or token.tag_ not in ("PRP", "PRP$"):
                continue
            referent: str | None = None
            if lowered in PERSONAL:
                if lowered == "her" and token.tag_ == "PRP$":
                    case = "possessive"
                else:
                    case = PERSONAL[lowered]
                referent = _person(token, sentence, previous)
            elif lowered in NEUTER or lowered in PLURAL:
                if token.tag_ == "PRP$" or token.dep_ not in SUBJECT_DEPS:
                    continue  # "its"/"their" mostly point inside their own sentence
                if lowered == "it" and _extraposed(token):
                    continue
                case = "subject"
                referent = _thing(token, sentence, previous, plural=lowered == "they")
            else:
                continue
            if referent is None:
                continue
            found[token.i] = possessive(referent) if case == "possessive" else referent
    return found


def possessive(name: str) -> str:
    """ "Genghis Khan" -> "Genghis Khan's"; "the Normans" -> "the Normans'"."""
    return name + "'" if name.endswith("s") and not name.endswith("ss") else name + "'s"


def _person(pronoun: Token, sentence: Span, previous: Span | None) -> str | None:
    doc = pronoun.doc
    people = [
        e for e in doc.ents if e.label_ == "PERSON" and e.end <= pronoun.i and e.root.tag_ != "NNPS"
    ]
    if not people:
        return None
    in_sentence = [e for e in people if e.start >= sentence.start]
    subjects = [e for e in in_sentence if e.root.dep_ in SUBJECT_DEPS]
    if subjects:
        chosen = subjects[0]
    elif in_sentence:
        return None  # a person named in the sentence but not as its subject: ambiguous
    elif previous is not None:
        before = [e for e in people if e.start >= previous.start and e.root.dep_ in SUBJECT_DEPS]
        if not before or before[0].root.head != previous.root:
            return None
        chosen = before[0]
    else:
        return None
    if pronoun.tag_ == "PRP$" or pronoun.dep_ not in SUBJECT_DEPS:
        # "his" or "him" in a clause whose subject is the same person reads best unchanged
        clause = _clause_verb(pronoun)
        if clause is not None and any(
            c.dep_ in SUBJECT_DEPS and (c.lower_ in PERSONAL or c.ent_type_ == "PERSON")
            for c in clause.children
        ):
            return None
    return _fullest_name(chosen)


def _clause_verb(token: Token) -> Token | None:
    """The nearest verb above ``token`` that has a subject of its own."""
    node = token.head
    while node.head != node:
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECT_DEPS for c in node.children):
            return node
        node = node.head
    return node if node.pos_ in ("VERB", "AUX") else None


def _fullest_name(entity: Span) -> str:
    """The longest way the article names the person of ``entity`` ("Genghis Khan" for "Khan")."""
    name = _name(entity)
    last = name.split()[-1].casefold() if name.split() else ""
    best = name
    for other in entity.doc.ents:
        if other.label_ != "PERSON":
            continue
        text = _name(other)
        words = text.split()
        if words and words[-1].casefold() == last and len(text) > len(best) and len(words) <= 4:
            best = text
    return best


def _name(entity: Span) -> str:
    text = entity.text
    for ending in ("'s", "’s"):
        text = text.removesuffix(ending)
    return text.strip()


def _thing(pronoun: Token, sentence: Span, previous: Span | None, *, plural: bool) -> str | None:
    # the subject of the pronoun's own sentence when it comes first ("The panel said it ..."),
    # else the subject of the sentence before
    own = [c for c in sentence.root.children if c.dep_ in SUBJECT_DEPS and c.i < pronoun.i]
    # "Soon after the Normans began to enter Italy, they entered ...": the subject of a
    # leading clause of the same sentence
    leading = [
        t
        for t in sentence
        if t.i < pronoun.i
        and t.dep_ in SUBJECT_DEPS
        and t.pos_ in ("NOUN", "PROPN")
        and pronoun.i not in {d.i for d in t.subtree}
    ]
    if own and own[0] != pronoun and pronoun.i not in {t.i for t in own[0].subtree}:
        head = own[0]
    elif not own and leading and pronoun.head == sentence.root:
        head = leading[-1]
    elif previous is not None and pronoun.i == _first_subject_index(sentence):
        subjects = [c for c in previous.root.children if c.dep_ in SUBJECT_DEPS]
        if not subjects:
            return None
        head = subjects[0]
    else:
        return None
    if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ == "PERSON":
        return None
    is_plural = head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children)
    if is_plural != plural:
        return None
    words = [
        t
        for t in head.subtree
        if (t.i <= head.i and t.dep_ in ("det", "amod", "compound", "nummod", "poss", "case"))
        or t == head
    ]
    if not words or len(words) > MAX_REFERENT_WORDS or any(t.pos_ == "PRON" for t in words):
        return None
    text = " ".join(t.text for t in words).replace(" 's", "'s").replace(" ’s", "’s")
    return lowered_if_opening(text, words[0])


def _first_subject_index(sentence: Span) -> int:
    subjects = [c for c in sentence.root.children if c.dep_ in SUBJECT_DEPS]
    return subjects[0].i if subjects else -1


def _extraposed(pronoun: Token) -> bool:
    """ "It is certain that ...", "it took years to ...": a dummy subject."""
    head = pronoun.head
    if pronoun.dep_ not in SUBJECT_DEPS:
        return pronoun.dep_ == "expl"
    if head.lemma_ in EXTRAPOSING_VERBS:
        return True
    return any(c.dep_ in ("ccomp", "xcomp") and c.i > pronoun.i for c in head.children)


def attach_referents(doc: Doc) -> Doc:
    """Store :func:`referent_texts` on ``doc`` for the wh-rules to use; returns ``doc``."""
    doc.user_data[USER_DATA_KEY] = referent_texts(doc)
    return doc


def keeps_capital(token: Token) -> bool:
    """Whether ``token`` is written with a capital anywhere in a sentence: a name, "I", a word
    of a named entity ("Republican leaders"), or a pronoun replaced by its referent."""
    return (
        token.pos_ == "PROPN"
        or token.text == "I"
        or (token.ent_type_ in NAMED_ENTITY_TYPES and token.pos_ != "DET")
        or surface(token) != token.text
    )


def lowered_if_opening(text: str, first: Token) -> str:
    """``text`` with its first letter lowered when it has a capital only because ``first``
    opened the sentence (after an opening quotation mark too)."""
    opens = all(t.is_punct for t in first.doc[first.sent.start : first.i])
    if not opens or keeps_capital(first):
        return text
    return text[:1].lower() + text[1:]


def surface(token: Token) -> str:
    """The text a question prints for ``token``: its referent when one was attached."""
    referents = token.doc.user_data.get(USER_DATA_KEY)
    if referents:
        replacement = referents.get(token.i)
        if replacement is not None:
            return str(replacement)
    return str(token.text)
