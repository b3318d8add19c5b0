"""What every pass of the bank check shares: the loaded YAML and its data, the question types
it is checked against, and the one list of issues the passes add to, each placed on a node of the
file.
"""

from __future__ import annotations

from typing import Any

from quizapp.banks.issues import Issue
from quizapp.banks.loading import LoadedYaml, Position
from quizapp.domain.questions import QuestionTypeRegistry


class Pass:
    """One pass over a loaded bank; every pass of a check appends to the same ``issues``."""

    def __init__(
        self, loaded: LoadedYaml, registry: QuestionTypeRegistry, issues: list[Issue]
    ) -> None:
        self.loaded = loaded
        self.data: dict[str, Any] = loaded.data
        self.registry = registry
        self.issues = issues

    def add(self, position: Position, message: str) -> None:
        self.issues.append(self.loaded.issue(position, message))
