"""Mention chains: the full name at first mention, and the later short forms tied to it
("Frederic Thut" ... "Thut"; "the World Health Organization (WHO)" ... "WHO")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from quizapp.domain.text import without_titles
from quizapp.generator import word_lists
from quizapp.generator.model import MentionChain

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

CHAIN_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT"})


def clean_name(text: str) -> str:
    text = re.sub(r"(’s|'s|’|')$", "", text.strip())
    return re.sub(r"^the\s+", "", text, flags=re.IGNORECASE).strip()


def acronym(name: str) -> str:
    """ "World Health Organization" -> "WHO" (the capitals of its words)."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def mention_chains(doc: Doc, sentences: Sequence[Span]) -> list[MentionChain]:
    """One chain per person or named thing, in order of first mention."""
    starts = [s.start for s in sentences]

    def sentence_of(token_index: int) -> int:
        low, high = 0, len(starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if starts[middle] <= token_index:
                low = middle
            else:
                high = middle - 1
        return low

    chains: list[dict[str, object]] = []
    for entity in doc.ents:
        if entity.label_ not in CHAIN_LABELS:
            continue
        text = clean_name(entity.text)
        if not text or not re.search(r"[A-Za-z]", text):
            continue
        index = sentence_of(entity.start)
        chain = _matching_chain(chains, text, entity.label_)
        if chain is None:
            chains.append(
                {"label": entity.label_, "full": text, "forms": {text}, "sentences": [index]}
            )
            continue
        forms = chain["forms"]
        assert isinstance(forms, set)
        forms.add(text)
        sentence_list = chain["sentences"]
        assert isinstance(sentence_list, list)
        if index not in sentence_list:
            sentence_list.append(index)
        full = str(chain["full"])
        if chain["label"] == "PERSON" and len(
            without_titles(text, titles=word_lists.TITLES).split()
        ) > len(without_titles(full, titles=word_lists.TITLES).split()):
            chain["full"] = text  # a later, fuller mention ("Mr Thut" before "Frederic Thut")
    # a surname the NER missed ("Thut said ...") still belongs to its person
    for chain in chains:
        if chain["label"] != "PERSON":
            continue
        surname = without_titles(str(chain["full"]), titles=word_lists.TITLES).split()[-1]
        sentence_list = chain["sentences"]
        assert isinstance(sentence_list, list)
        for token in doc:
            if token.text == surname and token.pos_ == "PROPN" and not token.ent_type_:
                index = sentence_of(token.i)
                if index not in sentence_list:
                    sentence_list.append(index)
    result: list[MentionChain] = []
    for chain in chains:
        full = str(chain["full"])
        forms = chain["forms"]
        sentence_list = chain["sentences"]
        assert isinstance(forms, set) and isinstance(sentence_list, list)
        short = set(forms) - {full}
        if chain["label"] == "PERSON":
            plain = without_titles(full, titles=word_lists.TITLES)
            if plain != full:
                short.add(plain)
            if len(plain.split()) >= 2:
                short.add(plain.split()[-1])
        elif len(full.split()) >= 2:
            letters = acronym(full)
            if len(letters) >= 2 and re.search(rf"\b{re.escape(letters)}\b", doc.text):
                short.add(letters)
        result.append(
            MentionChain(
                label=str(chain["label"]),
                full=full,
                short_forms=tuple(sorted(short, key=lambda s: (-len(s), s))),
                sentences=tuple(sorted(sentence_list)),
            )
        )
    return result


def _matching_chain(
    chains: list[dict[str, object]], text: str, label: str
) -> dict[str, object] | None:
    folded = text.casefold()
    plain = without_titles(text, titles=word_lists.TITLES).casefold()
    for chain in chains:
        forms = chain["forms"]
        assert isinstance(forms, set)
        folded_forms = {f.casefold() for f in forms}
        if folded in folded_forms:
            return chain
        if label == "PERSON" and chain["label"] == "PERSON":
            surname = plain.split()[-1]
            if any(
                without_titles(f, titles=word_lists.TITLES).split()[-1] == surname
                for f in folded_forms
            ):
                return chain
        long_forms = [f for f in forms if len(f.split()) >= 2]
        if "PERSON" not in (label, chain["label"]) and any(
            folded == acronym(f).casefold() for f in long_forms
        ):
            return chain
    return None
