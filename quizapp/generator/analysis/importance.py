"""Which sentences matter: the news lead, overlap with the title, recurring entities, centrality."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from quizapp.generator.model import MentionChain

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# How much each signal weighs in a sentence's importance (they sum to 1).
WEIGHTS = {"lead": 0.35, "title": 0.2, "entities": 0.2, "centrality": 0.25}
LEAD_BONUS = 0.25
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


def content_lemmas(tokens: Sequence[object] | Span) -> set[str]:
    return {
        t.lemma_.casefold()  # type: ignore[attr-defined]
        for t in tokens
        if t.pos_ in CONTENT_POS and not t.is_stop and len(t.text) > 2  # type: ignore[attr-defined]
    }


def lead_weight(index: int) -> float:
    """News puts its point first: the first sentence 1.0, then fading over the first few."""
    return max(0.0, 1.0 - 0.25 * index)


def sentence_importance(
    doc: Doc, sentences: Sequence[Span], title: str, chains: Sequence[MentionChain]
) -> list[float]:
    """Per sentence, 0..1 (the most important sentence 1)."""
    if not sentences:
        return []
    lemmas = [content_lemmas(s) for s in sentences]
    title_lemmas = {w.casefold() for w in title.split() if len(w) > 2}
    title_lemmas |= {w.rstrip("s") for w in title_lemmas}
    frequency: Counter[str] = Counter(w for words in lemmas for w in words)
    recurring = {c for c in chains if c.count >= 2}
    raw: list[float] = []
    for index, words in enumerate(lemmas):
        size = max(1, len(words))
        title_overlap = len(
            {w for w in words if w in title_lemmas or w.rstrip("s") in title_lemmas}
        )
        centrality = sum(frequency[w] - 1 for w in words) / size
        entity_hits = sum(1 for c in recurring if index in c.sentences)
        raw.append(
            WEIGHTS["lead"] * lead_weight(index)
            + WEIGHTS["title"] * min(1.0, title_overlap / 2)
            + WEIGHTS["entities"] * min(1.0, entity_hits / 2)
            + WEIGHTS["centrality"] * min(1.0, centrality / 2.5)
        )
        if len(sentences[index]) < 6:
            raw[-1] *= 0.5  # a fragment or a dateline says little
    top = max(raw) or 1.0
    return [round(value / top, 3) for value in raw]


def topic_words(doc: Doc, title: str) -> frozenset[str]:
    """The title's words and the nouns the article repeats most."""
    nouns = Counter(
        t.lemma_.casefold() for t in doc if t.pos_ in ("NOUN", "PROPN") and not t.is_stop
    )
    top = {word for word, count in nouns.most_common(6) if count >= 2}
    return frozenset(top | {w.casefold() for w in title.split() if len(w) > 3})


def main_sentence(sentences: Sequence[Span], importance: Sequence[float]) -> int:
    """The sentence that states the main claim: the most important of the first three that
    is a statement (not a quote, not a question)."""
    best, best_value = 0, -1.0
    for index, sentence in enumerate(sentences[:3]):
        text = sentence.text.strip()
        if text.endswith("?") or text[:1] in "\"“‘'" or len(sentence) < 12:
            continue
        # the lead states the story's point unless a later opening sentence clearly does
        value = importance[index] + (LEAD_BONUS if index == 0 else 0.0)
        if value > best_value:
            best, best_value = index, value
    return best
