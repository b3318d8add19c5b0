"""Main idea: "Which statement best sums up the article?", keyed by the main claim, with
true-but-minor details as the wrong options."""

from __future__ import annotations

from collections.abc import Iterator

from quizapp.generator.kinds.registry import KindContext, register
from quizapp.generator.model import ArticleAnalysis, Drafted
from quizapp.generator.wording.clauses import overlap, statement
from quizapp.generator.wording.options import choice_question

MIN_KEY_WORDS = 10  # a shorter sentence is a detail, not what the article is about
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
        found.append((analysis.importance[index], index, text))
    return [(index, text) for _, index, text in sorted(found)]


@register(
    "main_idea",
    skill="main_idea",
    share=0.1,
    description="The best summary of the article among true but minor details.",
)
def propose(analysis: ArticleAnalysis, context: KindContext) -> Iterator[Drafted]:
    if "multiple_choice" not in context.types or not analysis.sentences:
        return
    main = analysis.main_sentence
    key = statement(analysis.sentences[main])
    if key is None or not MIN_KEY_WORDS <= len(key.split()) <= 32:
        return
    pool = minor_statements(analysis, key, main)
    lengthwise = sorted(pool, key=lambda pair: abs(len(pair[1]) - len(key)))[:3]
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
