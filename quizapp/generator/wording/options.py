"""Choice questions: the key among distractors of the same kind, in a seeded, unbiased order."""

from __future__ import annotations

import random
from collections.abc import Sequence

from quizapp.generator.model import Drafted


def closest_in_length(key: str, pool: Sequence[str], count: int) -> list[str]:
    """The ``count`` texts of ``pool`` nearest to ``key`` in length: length gives nothing away."""
    unique: list[str] = []
    for text in pool:
        if text.casefold() != key.casefold() and text.casefold() not in (
            u.casefold() for u in unique
        ):
            unique.append(text)
    return sorted(unique, key=lambda text: (abs(len(text) - len(key)), text))[:count]


def choice_question(
    *,
    kind: str,
    skill: str,
    prompt: str,
    key: str,
    distractors: Sequence[str],
    sentence: int,
    evidence: str,
    seed: int,
    accepted: Sequence[str] = (),
) -> Drafted:
    """A multiple-choice draft with the key at a position drawn from the seed."""
    rng = random.Random(f"{seed}:{prompt}")
    choices: list[dict[str, object]] = [{"text": key, "correct": True}]
    choices += [{"text": text, "correct": False} for text in distractors]
    rng.shuffle(choices)
    entry: dict[str, object] = {
        "type": "multiple_choice",
        "skill": skill,
        "prompt": prompt,
        "choices": choices,
    }
    if evidence:
        entry["evidence"] = evidence
    return Drafted(
        kind=kind,
        skill=skill,
        entry=entry,
        sentence=sentence,
        key=key,
        accepted=tuple(accepted),
        distractors=tuple(distractors),
    )
