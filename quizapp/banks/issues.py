"""One problem found in a question bank, with the place in the file a teacher should look at.

Loading, schema validation and the content checks all report ``Issue`` values; they are
formatted the way compilers do (``FILE:LINE:COL: message``, 1-based) so that editors and
terminals can jump to them. ``quizapp.errors.BankInvalid`` carries a list of them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Issue:
    """A problem at ``path``:``line``:``column`` (1-based) described for a teacher."""

    path: str
    line: int
    column: int
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def __str__(self) -> str:
        return self.format()
