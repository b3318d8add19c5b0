"""Questions built from whole sentences: true/false, cloze, ordering of events, evidence.

These reuse the parse the wh-questions use. True/false statements swap one entity for another of
the same kind from the same article (so the false version is plausible); cloze texts blank key
spans on token boundaries; ordering items are the article's dated events with their dates taken
out; evidence questions restate a main claim and ask which sentence supports it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizapp.domain.text import read_written_date
from quizapp.generator.answers import clean_entity_text, date_aliases, is_relative_date
from quizapp.generator.distractors import (
    location_class,
    names_same_thing,
    organisation_kind,
    sane_entity,
)
from quizapp.generator.references import keeps_capital, surface
from quizapp.generator.wording.clause_parts import clause_tokens, constituent_of
from quizapp.generator.wording.realisation import QUOTE_MARKS, quotes_in, token_texts
from quizapp.generator.wording.word_sets import STATIC_PREPOSITIONS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# organisations and nationalities are left out: swapped inside a fixed phrase ("the first
# Asian country") they give statements no reader can judge
SWAPPABLE_LABELS = ("PERSON", "GPE", "DATE")
BLANK_NAMES = {
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "DATE": "date",
    "ORG": "organisation",
    "NORP": "group",
    "CARDINAL": "number",
    "QUANTITY": "amount",
    "MONEY": "amount",
    "PERCENT": "percentage",
    "EVENT": "event",
}
PRONOUNS = frozenset(
    {
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "him",
        "her",
        "them",
        "us",
        "his",
        "its",
        "their",
        "our",
        "this",
        "these",
        "those",
    }
)


# Openings that tie a sentence to the one before it.
DISCOURSE_OPENING = re.compile(
    r"\s*(that is|in other words|however|thus|therefore|hence|instead|also|likewise|similarly)\b",
    re.IGNORECASE,
)
# Modals that turn a reported clause into an opinion or a guess.
OPINION_MODALS = frozenset({"should", "could", "might", "may", "must", "ought"})
# Verbs that report speech or thought; their sentence's claim is the clause they report.
REPORTING_VERBS = frozenset(
    {"say", "tell", "announce", "report", "state", "add", "warn", "claim", "believe", "note"}
)


@dataclass(frozen=True)
class SentenceDraft:
    """A draft question built from a sentence, before it becomes a bank entry."""

    kind: str
    data: dict[str, object]
    sentence: Span
    confidence: float


def usable_sentence(sentence: Span, *, max_words: int = 35) -> bool:
    """A sentence that stands on its own: no quotation, no opening pronoun, not too long."""
    words = [t for t in sentence if not t.is_punct]
    if not 6 <= len(words) <= max_words or broken_sentence(sentence):
        return False
    if DATELINE.match(sentence.text) or attribution_only(sentence):
        return False
    if quotes_in(sentence) or sentence.text.rstrip().endswith((":", "?")):
        # quotations, sentences that introduce a list and the article's own questions state no
        # fact to check
        return False
    return sentence[0].lower_ not in PRONOUNS


# Dependencies that make a word a clause or an argument of one.
CLAUSE_DEPS = frozenset(
    {"ROOT", "acl", "relcl", "advcl", "acomp", "xcomp", "ccomp", "conj", "nsubj", "dobj"}
)


def broken_sentence(sentence: Span) -> bool:
    """A sentence whose parse cannot carry a question: no finite verb, a fragment, or a
    question of the article's own ("Should those in their 50s come in at 8am?")."""
    finite = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in sentence)
    root = sentence.root
    words = [t for t in sentence if not t.is_space]
    ends = bool(words) and words[-1].text in (".", "!", '"', "'", "”", "’", ")")
    # a bare verb in mid-sentence with neither subject nor auxiliary is no imperative but a
    # parse that went wrong ("... to re-certify the deal begins ...": root "certify")
    lost = (
        root.tag_ == "VB"
        and root.i != sentence.start
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in root.children)
    )
    # a hyphen parsed as a verb or a predicate ("re - certify", "co - chair") split a word
    # into two clauses; as part of a noun ("vice - president") it does no harm
    split_word = any(
        t.text == "-" and (t.pos_ in ("VERB", "AUX") or t.dep_ in CLAUSE_DEPS) for t in sentence
    )
    return (
        not finite
        or root.pos_ not in ("VERB", "AUX")
        or not ends
        or lost
        or split_word
        or _cut_at_an_abbreviation(sentence)
    )


def _cut_at_an_abbreviation(sentence: Span) -> bool:
    """Whether the sentence was split at an abbreviation's full stop ("sent to Washington,
    D.C. | with a strong advocate"): it or the piece after it opens in lower case."""
    doc = sentence.doc
    words = [t for t in sentence if not (t.is_space or t.is_punct)]
    following = next((t for t in doc[sentence.end :] if not (t.is_space or t.is_punct)), None)
    return any(
        token is not None and token.is_alpha and token.is_lower and token.is_sent_start
        for token in (words[0] if words else None, following)
    )


# "WASHINGTON — The court ...": the place and agency a report was filed from, not its story.
DATELINE = re.compile(r"\s*[A-Z][A-Z .,]{2,}\s*[—–-]")
# Verbs whose sentence can be no more than who said the quotation before it.
ATTRIBUTING_VERBS = frozenset({"say", "tell", "add", "write"})


def attribution_only(sentence: Span) -> bool:
    """ "Chabot told VOA in a statement.": the tail of a quotation, with nothing said in it."""
    root = sentence.root
    return root.lemma_.lower() in ATTRIBUTING_VERBS and not any(
        c.dep_ in ("ccomp", "xcomp", "advcl") for c in root.children
    )


def sentence_text(sentence: Span) -> str:
    return sentence.text.strip()


def true_false_drafts(
    doc: Doc, entities: dict[str, list[str]], rng: random.Random
) -> list[SentenceDraft]:
    """One true or false statement per usable sentence with an entity worth swapping."""
    drafts: list[SentenceDraft] = []
    for sentence in doc.sents:
        if not usable_sentence(sentence):
            continue
        present = {normalised_key(e.text) for e in sentence.ents}
        swaps: list[tuple[Span, str]] = []
        for entity in sentence.ents:
            if entity.label_ not in SWAPPABLE_LABELS or inside_fixed_phrase(entity):
                continue
            if entity.label_ == "DATE" and (
                is_relative_date(entity) or not read_written_date(entity.text)
            ):
                continue
            original = clean_entity_text(entity.text)
            if not sane_entity(original, entity.label_):
                continue  # "Torque" as a person: the statement would swap a thing for a name
            for other in entities.get(entity.label_, []):
                if normalised_key(other) in present or names_same_thing(other, original):
                    continue
                if not sane_entity(other, entity.label_):
                    continue  # "antiparallel" as a person
                if other.isupper() != original.isupper():
                    continue  # "workers in US": an abbreviation reads differently from a name
                if takes_article(other, doc) != (
                    entity.start > 0 and doc[entity.start - 1].lower_ == "the"
                ):
                    continue  # "in the US" cannot become "in Japan" by swapping words alone
                if entity.label_ == "GPE" and (
                    not location_class(original)
                    or location_class(other) != location_class(original)
                ):
                    continue  # only a known city for a city, a known country for a country
                if entity.label_ == "DATE" and (
                    (shape := read_written_date(other)) is None
                    or shape.parts != read_written_date(original).parts  # type: ignore[union-attr]
                ):
                    continue
                swaps.append((entity, other))
        if not swaps:
            continue
        text = sentence_text(sentence)
        evidence = text
        if rng.random() < 0.5:
            entity, replacement = swaps[rng.randrange(len(swaps))]
            start = entity.start_char - sentence.start_char
            original = clean_entity_text(entity.text)
            end = start + len(original)
            statement = text[:start] + replacement + text[end:]
            answer = False
            explanation = f"The article says {original}, not {replacement}."
        else:
            statement, answer = text, True
            explanation = "The article says so."
        data: dict[str, object] = {
            "type": "true_false",
            "skill": "detail",
            "prompt": statement,
            "answer": answer,
            "evidence": evidence,
            "explanation": explanation,
        }
        drafts.append(SentenceDraft("true_false", data, sentence, 0.62 + 0.05 * (not answer)))
    return drafts


def inside_fixed_phrase(entity: Span) -> bool:
    """An entity that only modifies a noun ("the Myanmar military", "Japanese scientists"):
    swapping it changes a name or a phrase, not a fact a reader can check."""
    root = entity.root
    return root.dep_ in ("compound", "amod", "nmod") or entity.label_ == "NORP"


def takes_article(name: str, doc: Doc) -> bool:
    """Whether the article writes ``name`` after "the" ("the US")."""
    return f"the {name.casefold()}" in doc.text.casefold() and not name.casefold().startswith(
        "the "
    )


def restates(claim: str, sentence: Span, *, ceiling: float = 0.75) -> bool:
    """Whether a claim keeps most of its sentence's words (so it can be found by matching)."""
    claim_words = re.findall(r"\w+", claim.casefold())
    sentence_words = re.findall(r"\w+", sentence.text.casefold())
    return len(claim_words) > ceiling * len(sentence_words)


def in_brackets(span: Span) -> bool:
    """An entity alone in brackets is an abbreviation of the words before it ("(Masen)")."""
    doc = span.doc
    return (
        span.start > 0
        and span.end < len(doc)
        and (doc[span.start - 1].text == "(" and doc[span.end].text == ")")
    )


def _finite(verb: Token) -> bool:
    return verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD")
        for c in verb.children
    )


def _coordinated(span: Span, other: Span) -> bool:
    left, right = span.root, other.root
    return (left.dep_ == "conj" and left.head == right) or (
        right.dep_ == "conj" and right.head == left
    )


def normalised_key(text: str) -> str:
    return re.sub(r"[^\w]+", " ", clean_entity_text(text).casefold()).strip()


def cloze_drafts(doc: Doc) -> list[SentenceDraft]:
    """Sentences with one or two key entities blanked; the rest of the sentence stays."""
    drafts: list[SentenceDraft] = []
    for sentence in doc.sents:
        if not usable_sentence(sentence, max_words=30):
            continue
        spans = [
            e
            for e in sentence.ents
            if e.label_ in BLANK_NAMES
            and not (
                e.label_ == "DATE" and (is_relative_date(e) or read_written_date(e.text) is None)
            )
            and sane_entity(clean_entity_text(e.text), e.label_)
            and e.root.pos_ != "PRON"
            and e.label_ != "NORP"
            and e.root.dep_ != "amod"
            and not in_brackets(e)
            and e.text.casefold() != "one"  # "one of 22 states", "one major problem"
            # "the two people" counts people named before: no fact to fill in
            and not (e.label_ == "CARDINAL" and e.start > 0 and doc[e.start - 1].lower_ == "the")
        ]
        # two blanks joined by "and" could be filled either way round: only the first stays
        spans = [
            span
            for index, span in enumerate(spans)
            if not any(_coordinated(span, other) for other in spans[:index])
        ][:2]
        if not spans:
            continue
        content = [t for t in sentence if not (t.is_punct or t.is_stop)]
        blanked = sum(len(s) for s in spans)
        if len(content) - blanked < 4:
            continue  # a blank must not be the sentence's only content
        text = sentence_text(sentence)
        pieces: list[str] = []
        cursor = 0
        blanks: dict[str, list[str]] = {}
        for span in spans:
            start = span.start_char - sentence.start_char
            answer = clean_entity_text(span.text)
            end = start + len(answer)
            name = blank_name(span)
            if name in blanks:
                name = f"{name}-2"
            pieces.append(text[cursor:start])
            pieces.append(f"[[{name}]]")
            cursor = end
            blanks[name] = [answer, *date_aliases(answer)]
        pieces.append(text[cursor:])
        data: dict[str, object] = {
            "type": "cloze",
            "skill": "detail",
            "prompt": "Fill in the blanks.",
            "text": "".join(pieces),
            "blanks": blanks,
            "evidence": text,
        }
        score = 0.6 + 0.05 * (spans[0].label_ in ("PERSON", "GPE", "DATE"))
        drafts.append(SentenceDraft("cloze", data, sentence, score))
    return drafts


# Prepositions after which a name is a place whatever the NER thinks of it.
PLACE_PREPOSITIONS = STATIC_PREPOSITIONS | {"from", "across"}


def blank_name(span: Span) -> str:
    """The hint a blank gives: its kind when the name itself shows it ("Cairo" is a place,
    "the Foreign Ministry" an organisation), else just "name", so that a label the NER got
    wrong ("Newton" as a place) never misleads the student."""
    text = clean_entity_text(span.text)
    if span.label_ in ("GPE", "LOC", "FAC"):
        doc = span.doc
        after_place_word = span.start > 0 and doc[span.start - 1].lower_ in PLACE_PREPOSITIONS
        return "place" if location_class(text) or after_place_word else "name"
    if span.label_ == "ORG":
        return "organisation" if organisation_kind(text) or text.isupper() else "name"
    return BLANK_NAMES[span.label_]


def declarative(tokens: Sequence[Token]) -> str:
    """Tokens of a clause written as a sentence with a capital and a full stop."""
    text = " ".join(token_texts(tokens))
    text = re.sub(r"\s+([,.;:!?%)\]}]|'s\b|n't\b|’s\b)", r"\1", text)
    text = re.sub(r"([(\[{$])\s+", r"\1", text)
    text = re.sub(r"(,\s*)+$", "", text).strip(" ,;:")
    text = re.sub(r",\s*,", ",", text)
    # trailing commas and dashes, and an apostrophe left on its own by a dropped word ("Rus '")
    text = re.sub(r"(\s+['’])?[\s,;:–—-]*$", "", text.rstrip("."))
    return text[:1].upper() + text[1:] + "."


def event_text(date: Span) -> str | None:
    """The event a date belongs to, without the date: the noun it modifies or its clause."""
    head = date.root
    date_ids = {t.i for t in date}
    if head.dep_ in ("nummod", "compound", "amod", "npadvmod") and head.head.pos_ == "NOUN":
        noun = head.head
        tokens = [
            t
            for t in noun.subtree
            if (t.i not in date_ids and t.dep_ != "poss") or (t.dep_ == "poss")
        ]
        tokens = [t for t in tokens if t.i not in date_ids]
        if tokens and tokens[0].lower_ in ("since", "after", "before", "in"):
            tokens = tokens[1:]
        # "the 2011 uprising" names an event; "the IPCC report" alone does not say which
        return declarative(tokens) if 5 <= len(tokens) <= 18 and _stands_alone(tokens) else None
    constituent, _nested = constituent_of(date)
    verb = constituent.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    removed = {t.i for t in constituent.subtree} | date_ids
    if constituent.dep_ in ("prep",) or constituent.i in date_ids:
        removed.add(constituent.i)
    # the parser sometimes hangs a date's preposition on the verb as a marker
    removed.update(c.i for c in verb.children if c.dep_ == "mark" and c.i == date.start - 1)
    tokens = [t for t in clause_tokens(verb, set()) if t.i not in removed]
    if verb.dep_ not in ("ROOT", "conj"):
        return None
    kept = {t.i for t in tokens}
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.i in kept for c in verb.children):
        return None  # "Left Messina with a large fleet": whose event is it?
    if any(c.dep_ in COMPLEMENT_DEPS and c.i not in kept for c in verb.children):
        return None  # "The mission and Christmas provided.": the event lost what it is
    if not _stands_alone(tokens):
        return None  # "He invited ...": nobody away from the sentence before
    return declarative(tokens) if 4 <= len(tokens) <= 20 else None


def _stands_alone(tokens: Sequence[Token]) -> bool:
    """Whether an event's words mean something away from their sentence: no pronoun that
    no name replaced, no quotation mark left open."""
    return not any(
        (t.lower_ in PRONOUNS and t.pos_ == "PRON" and surface(t) == t.text)
        or t.text in QUOTE_MARKS
        for t in tokens
    )


# Dependents a verb's event is incomplete without.
COMPLEMENT_DEPS = frozenset({"dobj", "attr", "acomp", "oprd", "ccomp", "xcomp"})


def ordering_draft(doc: Doc) -> SentenceDraft | None:
    """Put the article's dated events in order (three or four events with distinct dates)."""
    events: dict[tuple[int, int, int], tuple[str, Span]] = {}
    for entity in doc.ents:
        if entity.label_ != "DATE" or is_relative_date(entity):
            continue
        shape = read_written_date(entity.text)
        if shape is None or shape.year is None:
            continue
        key = (shape.year, -1 if shape.month is None else shape.month, shape.day or 0)
        text = event_text(entity)
        if text is None or key in events:
            continue
        if any(text == other for other, _ in events.values()):
            continue
        events[key] = (text, entity.sent)
    if len(events) < 3:
        return None
    chosen = sorted(events.items())[-4:]
    items = [text for _key, (text, _sentence) in chosen]
    evidence = [sentence_text(sentence) for _key, (_text, sentence) in chosen]
    data: dict[str, object] = {
        "type": "ordering",
        "skill": "sequence",
        "prompt": "Put these events in the order in which they happened.",
        "items": items,
        "evidence": list(dict.fromkeys(evidence)),
    }
    return SentenceDraft("ordering", data, chosen[0][1][1], 0.7)


def evidence_drafts(doc: Doc, title: str, limit: int = 2) -> list[SentenceDraft]:
    """ "Which sentence shows that ...?" for the article's main claims."""
    title_words = {w.casefold() for w in re.findall(r"[A-Za-z]{4,}", title)}
    scored: list[tuple[float, Span, str]] = []
    for index, sentence in enumerate(doc.sents):
        if not usable_sentence(sentence, max_words=40):
            continue
        root = sentence.root
        if root.pos_ not in ("VERB", "AUX") or not sentence.ents:
            continue
        reported = [c for c in root.children if c.dep_ == "ccomp"]
        if root.lemma_ in REPORTING_VERBS and reported:
            # "..., lawmakers told VOA": the claim is what was said, not that it was said
            root = reported[0]
        if not _finite(root):
            continue  # "giving conservationists hope ...": a participle makes no claim
        if DISCOURSE_OPENING.match(sentence.text):
            continue  # "That is, ...", "However, ...": the claim leans on the sentence before
        tokens = [t for t in clause_tokens(root, set()) if t.text not in QUOTE_MARKS]
        if not 5 <= len(tokens) <= 24:
            continue
        kept = {t.i for t in tokens}
        if tokens[-1] == root or any(
            c.dep_ in ("acl", "relcl") and c.i not in kept for c in tokens[-1].children
        ):
            # "the state is most commonly divided [...]", "will have regulations [governing
            # drones]": the claim lost its point
            continue
        claim = declarative(tokens).rstrip(".")
        if restates(claim, sentence):
            continue  # a claim that repeats its sentence is found by matching words
        if (
            tokens[0].tag_ == "VBG"
            or any(t.lower_ in PRONOUNS and t.pos_ == "PRON" for t in tokens)
            or any(t.lower_ in OPINION_MODALS and t.head == root for t in tokens)
            or re.search(r"\b(your|whatever)\b", claim.casefold())
        ):
            # a claim about "you" or "we" is a remark, not a fact of the article; one about
            # "it" or "they" means nothing away from the sentence before; what someone says
            # "should" happen is their opinion, not the article's claim
            continue
        if not keeps_capital(tokens[0]):
            claim = claim[:1].lower() + claim[1:]  # the claim continues "Which sentence shows that"
        overlap = len({t.lemma_.casefold() for t in sentence} & title_words)
        score = 1.0 / (1 + index) + 0.3 * overlap
        scored.append((score, sentence, claim))
    scored.sort(key=lambda item: -item[0])
    drafts: list[SentenceDraft] = []
    for score, sentence, claim in scored[:limit]:
        data: dict[str, object] = {
            "type": "evidence",
            "skill": "main_idea",
            "prompt": f"Which sentence shows that {claim}?",
            "evidence": sentence_text(sentence),
        }
        drafts.append(SentenceDraft("evidence", data, sentence, min(0.8, 0.6 + score / 5)))
    return drafts
