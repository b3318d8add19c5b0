"""A speaker's view: "Who said that ...?" from a quote or reported speech, keyed by the
speaker's full name (the surname accepted), the other people of the article as the options."""

from __future__ import annotations

import re
from collections.abc import Iterator

from quizapp.generator.kinds.registry import KindContext, register
from quizapp.generator.model import ArticleAnalysis, Drafted, Quote
from quizapp.generator.wording.clauses import lowered_opening
from quizapp.generator.wording.options import choice_question

MAX_QUOTE_WORDS = 28
MAX_REPORTED_WORDS = 22  # "who said that ..." carries the clause inside a longer question


def quoted_part(quote: Quote) -> str | None:
    """The words to show: the first sentence of a long quote, short enough to read."""
    text = quote.content.strip()
    for stop in (". ", "? ", "! "):
        if stop in text:
            text = text.split(stop, 1)[0]
    words = text.split()
    if quote.direct and not text[:1].isupper():
        return None  # a fragment of a sentence, not what the speaker said
    if re.match(r"(And|But|So|Or|Which|That|This|These|Those)\b", text):
        return None  # it continues something said before, which the question does not show
    if not 8 <= len(words) <= (MAX_QUOTE_WORDS if quote.direct else MAX_REPORTED_WORDS):
        return None
    return text.rstrip(".,;: ")


def _who_prompt(quote: Quote, words: str) -> str:
    if quote.direct:
        return f"Who said: “{words}”?"
    return f"According to the article, who said that {lowered_opening(words)}?"


@register(
    "speaker_view",
    skill="detail",
    share=0.2,
    description='"Who said ...?" about a quote or a reported claim, keyed by the speaker.',
)
def propose(analysis: ArticleAnalysis, context: KindContext) -> Iterator[Drafted]:
    if "multiple_choice" not in context.types:
        return
    people = analysis.people()
    for quote in analysis.quotes:
        words = quoted_part(quote)
        if words is None:
            continue
        speaker = analysis.chain_of(quote.speaker)
        if speaker is None or speaker not in people:
            continue
        if any(
            form.casefold() in words.casefold() for form in (speaker.full, *speaker.short_forms)
        ):
            continue  # the quote names its speaker
        mine = {w.casefold()[:6] for w in speaker.full.split()}
        others = [
            c.full
            for c in people
            if c is not speaker and not mine & {w.casefold()[:6] for w in c.full.split()}
        ]
        speakers = {q.speaker for q in analysis.quotes}
        others.sort(key=lambda name: (name not in speakers, analysis.chain_of(name).sentences[0]))  # type: ignore[union-attr]
        if len(others) < 2:
            continue
        yield choice_question(
            kind="speaker_view",
            skill="detail",
            prompt=_who_prompt(quote, words),
            key=speaker.full,
            distractors=others[:3],
            sentence=quote.sentence,
            evidence=analysis.sentences[quote.sentence].text.strip(),
            seed=context.seed,
            accepted=speaker.short_forms,
        )
