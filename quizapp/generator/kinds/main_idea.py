"""Main idea: "Which statement best sums up the article?", keyed by the main claim, with
true-but-minor details as the wrong options."""

from __future__ import annotations

from collections.abc import Iterator

from quizapp.generator.kinds.registry import KindContext, register
from quizapp.generator.model import ArticleAnalysis, Drafted
from quizapp.generator.wording.clauses import overlap, statement
from quizapp.generator.wording.options import choice_question

MAX_KEY_WORDS = 40
MIN_KEY_WORDS = 8  # a shorter sentence is a detail, not what the article is about
PROMPT = "Which statement best sums up the article?"


def minor_statements(analysis: ArticleAnalysis, key: str, main: int) -> list[tuple[int, str]]:
    """Statements from later, less important sentences that share little with the key."""
    found: list[tuple[float, int, str]] = []
    for index, sentence in enumerate(analysis.sentences):
        if index <= main + 1 or analysis.importance[index] > 0.8:
            continue
        text = statement(sentence)
        if text is None or overlap(text, key) > 0.4 or not 6 <= len(text.split()) <= 30:
            continue
        # names and numbers in a wrong option could give another question's answer away
        named = sum(1 for entity in sentence.ents if entity.text in text)
        found.append((analysis.importance[index] + 0.2 * named, index, text))
    return [(index, text) for _, index, text in sorted(found)]


def main_claim(analysis: ArticleAnalysis) -> tuple[int, str] | None:
    """The main sentence's statement, or else that of the most important of the lead sentences
    that makes one."""
    lead = sorted(range(min(4, len(analysis.sentences))), key=lambda i: -analysis.importance[i])
    for index in [analysis.main_sentence, *lead]:
        key = statement(analysis.sentences[index])
        if key is not None and MIN_KEY_WORDS <= len(key.split()) <= MAX_KEY_WORDS:
            return index, key
    return None


@register(
    "main_idea",
    skill="main_idea",
    share=0.1,
    description="The best summary of the article among true but minor details.",
)
def propose(analysis: ArticleAnalysis, context: KindContext) -> Iterator[Drafted]:
    if "multiple_choice" not in context.types or not analysis.sentences:
        return
    found = main_claim(analysis)
    if found is None:
        return
    main, key = found
    pool = minor_statements(analysis, key, main)
    lengthwise = sorted(pool[:8], key=lambda pair: abs(len(pair[1]) - len(key)))[:3]
    if len(lengthwise) < 3:
        return
    drafted = choice_question(
        kind="main_idea",
        skill="main_idea",
        prompt=PROMPT,
        key=key,
        distractors=[text for _, text in lengthwise],
        sentence=main,
        evidence="",
        seed=context.seed,
    )
    drafted.option_sentences = (main, *(index for index, _ in lengthwise))
    yield drafted
