"""Select a bank from scored, checked questions: the best of every kind first (a mix of
skills), then the best within each kind's share, then, when the shares leave the bank short,
strong questions of any kind up to twice its share; never one below its kind's floor (fewer
rather than weak)."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

from quizapp.generator.checks import problems_of
from quizapp.generator.kinds import all_kinds
from quizapp.generator.model import ArticleAnalysis, Drafted
from quizapp.generator.scoring import KIND_PRIOR

# A question scoring below its kind's floor is left out even when the bank has room. The
# floors sit where each kind's drafts turn weak on the tuning articles: the kinds judged most
# reliable (main idea, "who said") keep the general floor; a key fact or a word picked out of
# the text needs more.
MIN_SCORE = 0.55
SCORE_FLOORS = {
    "key_fact": 0.62,
    "vocabulary": 0.62,
    "true_statement": 0.65,
    "speaker_view": 0.6,
    "cause_effect": 0.6,
    "sequence": 0.6,
    # drafted only when the teacher names the type, from a cause the article states; the
    # option features that weigh on other kinds' scores mean nothing for an open answer
    "written_response": 0.45,
}
# How far past its share a kind may go when the other kinds cannot fill the bank.
STRETCH = 2


def floor_of(kind: str) -> float:
    return SCORE_FLOORS.get(kind, MIN_SCORE)


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

    def offer(draft: Drafted, stretch: int = 1) -> None:
        if (
            draft in kept
            or len(kept) >= limit
            or taken.get(draft.kind, 0) >= stretch * caps.get(draft.kind, limit)
        ):
            return
        floor = floor_of(draft.kind)
        if draft.score < floor:
            draft.problems = [f"score: {draft.score:.2f} is below {floor} for {draft.kind}"]
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
    for stretch in (1, STRETCH):
        for draft in ranked:
            if draft not in refused:
                offer(draft, stretch)
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
