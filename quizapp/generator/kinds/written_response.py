"""Written response from an explicit reason of the article: "Why did ...? Explain in your own
words.", with the article's reason as the model answer and a three-line rubric.

It takes the cause relations the analysis found (``ArticleAnalysis.relations``) and words the
question as the cause-and-effect kind does (``why_question``), so the two never disagree on
what the article says; the reason, put as that kind's key, is the model answer. A teacher marks
the answer, so there are no options to draft. Only on request: the kind is not drafted in a
default bank, and proposes nothing unless the teacher asked for written responses.
"""

from __future__ import annotations

from collections.abc import Iterator

from quizapp.generator.kinds.cause_effect import (
    EFFECT_MARKERS,
    JOINING,
    MAX_REASON_WORDS,
    reason_key,
    why_question,
)
from quizapp.generator.kinds.registry import KindContext, register
from quizapp.generator.model import ArticleAnalysis, Drafted

TYPE_NAME = "written_response"
INSTRUCTION = "Explain in your own words, using the article."
# The weight of the question in the quiz: an explanation is worth more than a picked option.
POINTS = 2


def rubric(reason: str) -> list[dict[str, object]]:
    """What a teacher looks for in the answer: the article's reason, a detail, own words."""
    return [
        {
            "id": "reason",
            "text": f"Gives the article's reason: {reason[:1].lower()}{reason[1:]}.",
            "points": 2,
        },
        {"id": "detail", "text": "Supports it with a detail from the article.", "points": 1},
        {"id": "own-words", "text": "Explains in their own words, in full sentences.", "points": 1},
    ]


@register(
    TYPE_NAME,
    skill="cause_effect",
    share=0.1,
    default=False,
    description='"Why did ...? Explain in your own words." with the reason as the model answer.',
)
def propose(analysis: ArticleAnalysis, context: KindContext) -> Iterator[Drafted]:
    if TYPE_NAME not in context.types:
        return
    for relation in analysis.relations:
        if relation.kind != "cause" or relation.marker in EFFECT_MARKERS:
            continue  # "What happened as a result of ...?" asks for an effect, not a reason
        if len(relation.reason) > MAX_REASON_WORDS:
            continue
        if any(t.lower_ in JOINING for t in relation.reason):
            continue  # the parser joined two clauses into the reason
        sentence = analysis.sentences[relation.sentence]
        if any(t.text in '"“”' for t in sentence):
            continue  # a quoted reason is the speaker's view, not the article's
        question = why_question(relation, analysis)
        if question is None:
            continue
        reason = reason_key(relation)
        entry: dict[str, object] = {
            "type": TYPE_NAME,
            "skill": "cause_effect",
            "points": POINTS,
            "prompt": f"{question} {INSTRUCTION}",
            "model_answer": f"{reason}.",
            "rubric": rubric(reason),
            "evidence": sentence.text.strip(),
        }
        yield Drafted(
            kind=TYPE_NAME,
            skill="cause_effect",
            entry=entry,
            sentence=relation.sentence,
            key=reason,
        )
