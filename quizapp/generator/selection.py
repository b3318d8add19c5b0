"""Select a bank from scored, checked questions: each kind within its share, the best first,
a mix of skills, and fewer rather than weak ones."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

from quizapp.generator.checks import problems_of
from quizapp.generator.kinds import all_kinds
from quizapp.generator.model import ArticleAnalysis, Drafted
from quizapp.generator.scoring import KIND_PRIOR

# A question scoring below this is left out even when the bank has room.
MIN_SCORE = 0.55


def select(
    drafts: Sequence[Drafted],
    analysis: ArticleAnalysis,
    limit: int,
    *,
    disabled_checks: Collection[str] = (),
) -> tuple[list[Drafted], list[Drafted]]:
    """(kept, refused): the kept ones in bank order; the refused carry their problems."""
    caps = {kind.name: max(1, math.ceil(kind.share * limit)) for kind in all_kinds()}
    kept: list[Drafted] = []
    refused: list[Drafted] = []
    taken: dict[str, int] = {}
    ranked = sorted(drafts, key=lambda d: -d.score)

    def offer(draft: Drafted) -> None:
        if (
            draft in kept
            or len(kept) >= limit
            or taken.get(draft.kind, 0) >= caps.get(draft.kind, limit)
        ):
            return
        if draft.score < MIN_SCORE:
            draft.problems = [f"score: {draft.score:.2f} is below {MIN_SCORE}"]
            refused.append(draft)
            return
        problems = problems_of(draft, analysis, kept, disabled=disabled_checks)
        if problems:
            draft.problems = problems
            refused.append(draft)
            return
        kept.append(draft)
        taken[draft.kind] = taken.get(draft.kind, 0) + 1

    # the best of every kind first, so that the bank mixes skills
    for kind in sorted(all_kinds(), key=lambda k: -KIND_PRIOR.get(k.name, 0.0)):
        for draft in ranked:
            if draft.kind == kind.name and draft not in refused:
                before = len(kept)
                offer(draft)
                if len(kept) > before:
                    break
    for draft in ranked:
        if draft not in refused:
            offer(draft)
    order = {kind.name: number for number, kind in enumerate(all_kinds())}
    kept.sort(
        key=lambda d: (
            d.kind != "main_idea",
            d.kind == "sequence",
            d.sentence,
            order.get(d.kind, 99),
        )
    )
    return kept, refused
