"""Cloze, true/false and evidence questions made from single sentences, drafted only when a
teacher asks for those types: they test recall of one sentence, so a default bank leaves them
to the kinds above."""

from __future__ import annotations

import random
from collections.abc import Iterator

from quizapp.generator import statements
from quizapp.generator.kinds.registry import KindContext, register
from quizapp.generator.model import ArticleAnalysis, Drafted

SKILL_OF_TYPE = {"cloze": "detail", "true_false": "detail", "evidence": "inference"}


def _drafted(analysis: ArticleAnalysis, draft: statements.SentenceDraft) -> Drafted:
    starts = [s.start for s in analysis.sentences]
    index = starts.index(draft.sentence.start) if draft.sentence.start in starts else 0
    entry = dict(draft.data)
    entry["skill"] = SKILL_OF_TYPE[draft.kind]
    key = ""
    if draft.kind == "cloze":
        blanks = entry.get("blanks", {})
        assert isinstance(blanks, dict)
        key = next((str(values[0]) for values in blanks.values()), "")
    drafted = Drafted(
        kind=f"sentence_{draft.kind}",
        skill=SKILL_OF_TYPE[draft.kind],
        entry=entry,
        sentence=index,
        key=key or str(entry.get("prompt", "")),
    )
    drafted.features["wording"] = draft.confidence
    return drafted


@register(
    "sentence_cloze",
    skill="detail",
    share=1.0,
    default=False,
    description="A sentence with a key word blanked.",
)
def cloze(analysis: ArticleAnalysis, context: KindContext) -> Iterator[Drafted]:
    if "cloze" in context.types:
        for draft in statements.cloze_drafts(analysis.doc):
            yield _drafted(analysis, draft)


@register(
    "sentence_true_false",
    skill="detail",
    share=1.0,
    default=False,
    description="Is this sentence true?",
)
def true_false(analysis: ArticleAnalysis, context: KindContext) -> Iterator[Drafted]:
    if "true_false" in context.types:
        rng = random.Random(context.seed)
        for draft in statements.true_false_drafts(analysis.doc, analysis.entities, rng):
            yield _drafted(analysis, draft)


@register(
    "sentence_evidence",
    skill="inference",
    share=1.0,
    default=False,
    description="Which sentence supports a claim?",
)
def evidence(analysis: ArticleAnalysis, context: KindContext) -> Iterator[Drafted]:
    if "evidence" in context.types:
        for draft in statements.evidence_drafts(analysis.doc, analysis.title):
            yield _drafted(analysis, draft)
