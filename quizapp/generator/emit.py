"""The emit pass: the bank dict in the YAML shape (schema 1), with unique ids and confidences,
and :func:`answers_of_draft`, which reads the answers back out of that shape.

The services layer validates each question through the bank schema and drops one that fails,
with its reason; the article's bank is always emitted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from quizapp.generator.model import Drafted


def slug(text: str, *, limit: int = 60) -> str:
    """A bank or question id: lower-case words joined by hyphens."""
    result = ""
    for word in re.findall(r"[a-z0-9]+", text.casefold()):
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > limit:
            break
        result = candidate
    return result or "article"


def bank_dict(
    title: str, text: str, source: Mapping[str, str], drafts: Iterable[Drafted]
) -> dict[str, object]:
    questions: list[dict[str, object]] = []
    used: set[str] = set()
    for draft in drafts:
        shown = (
            str(draft.entry.get("text", "")) if draft.entry.get("type") == "cloze" else draft.prompt
        )
        base = slug(" ".join(shown.replace("[[", " ").replace("]]", " ").split()[:6]), limit=40)
        question_id, number = base, 2
        while question_id in used:
            question_id, number = f"{base}-{number}", number + 1
        used.add(question_id)
        entry: dict[str, object] = {"id": question_id, **draft.entry, "confidence": draft.score}
        questions.append(entry)
    bank: dict[str, object] = {"schema": 1, "id": slug(title), "title": title}
    kept_source = {key: value for key, value in source.items() if value}
    if kept_source:
        bank["source"] = kept_source
    bank["article"] = text
    bank["questions"] = questions
    return bank


def answers_of_draft(bank: Mapping[str, object]) -> list[str]:
    """The answers a draft bank's questions ask for (for coverage figures)."""
    found: list[str] = []
    questions = bank.get("questions", [])
    assert isinstance(questions, list)
    for question in questions:
        kind = question.get("type")
        if kind == "multiple_choice":
            found += [c["text"] for c in question["choices"] if isinstance(c, dict)]
        elif kind == "short_answer":
            found.append(str(question["answers"][0]))
        elif kind == "numeric":
            found.append(str(question["answer"]))
        elif kind == "cloze":
            found += [str(values[0]) for values in question["blanks"].values()]
    return found
