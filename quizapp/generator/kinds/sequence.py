"""Sequence: put dated events in order, only where the article gives each one its year; the
years are taken out of the items so the order must come from the reading."""

from __future__ import annotations

import re
from collections.abc import Iterator

from quizapp.generator.kinds.registry import KindContext, register
from quizapp.generator.model import ArticleAnalysis, Drafted
from quizapp.generator.wording.clauses import statement

PROMPT = "Put these events in the order in which they happened, the earliest first."
YEAR_PHRASE = re.compile(
    r",?\s*\b(in|by|since|from|until|during|of)?\s*(early|late|mid-?)?\s*"
    r"((January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
    r"(\d{1,2}\s+)?(1[5-9]\d\d|20\d\d)s?\b,?",
    re.IGNORECASE,
)
MAX_ITEMS = 4


def undated(text: str) -> str | None:
    without = YEAR_PHRASE.sub("", text).strip()
    without = re.sub(r"\s+([,.])", r"\1", without)
    without = re.sub(r"\s{2,}", " ", without)
    if re.search(r"\d{4}", without) or len(without.split()) < 5:
        return None
    return without[:1].upper() + without[1:]


@register(
    "sequence",
    skill="sequence",
    share=0.1,
    description="Order events the article dates by year.",
)
def propose(analysis: ArticleAnalysis, context: KindContext) -> Iterator[Drafted]:
    if "ordering" not in context.types:
        return
    by_year: dict[int, tuple[int, str]] = {}
    for event in analysis.events:
        if event.year in by_year:
            continue
        text = statement(analysis.sentences[event.sentence])
        if text is None or not re.search(rf"\b(in|In) {re.escape(event.date_text)}\b", text):
            continue  # only "in 2013" comes out cleanly; other dates carry the clause with them
        item = undated(text)
        if item is None or not 6 <= len(item.split()) <= 22:
            continue
        by_year[event.year] = (event.sentence, item)
    if len(by_year) < 3:
        return
    years = sorted(by_year)
    if len(years) > MAX_ITEMS:
        # the most important events, kept in order
        keep = sorted(years, key=lambda y: -analysis.importance[by_year[y][0]])[:MAX_ITEMS]
        years = sorted(keep)
    items = [by_year[year][1] for year in years]
    sentence = by_year[years[0]][0]
    yield Drafted(
        kind="sequence",
        skill="sequence",
        entry={"type": "ordering", "skill": "sequence", "prompt": PROMPT, "items": items},
        sentence=sentence,
        key=" > ".join(items),
    )
