"""Per-attempt names for the options on a quiz page, so the page cannot give the key away.

Stored responses, grading, regrading, exports and statistics all use the bank's stable ids
(choice ``a``, item ``b``, sentence ``s4``). Those follow the author's order, and authors (and
drafts) often put the right choice first, so a page that showed them would let a student answer
``a`` everywhere. The page names every option instead by an HMAC of the server's secret, the
attempt, the question and the stable id, cut to 16 url-safe characters: the names differ
between attempts, follow no order, and cannot be worked out without the secret. The server maps
them back to stable ids before it stores anything; a name it does not know is refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping

from quizapp.domain.questions import QuestionType
from quizapp.errors import InvalidInput

# Keeps these names apart from anything else signed with the same secret (sessions, CSRF).
_PURPOSE = b"quizapp: names of a quiz page's options\x00"
_NAME_BYTES = 12  # 96 bits: 16 base64url characters


class PageIds:
    """The page names of one attempt's options, and the way back to stable ids."""

    def __init__(self, secret: str | bytes, attempt_id: int) -> None:
        key = secret.encode() if isinstance(secret, str) else secret
        self._key = hmac.new(key, _PURPOSE + str(attempt_id).encode(), hashlib.sha256).digest()
        self._stable_by_name: dict[str, dict[str, str]] = {}

    def name(self, question_id: str, stable_id: str) -> str:
        """The page name of one option of one question."""
        message = f"{question_id}\x00{stable_id}".encode()
        # The one-shot digest: a page names some eighty options, and an HMAC object each cost
        # more than the hashing.
        digest = hmac.digest(self._key, message, "sha256")[:_NAME_BYTES]
        return base64.urlsafe_b64encode(digest).decode("ascii")

    def to_page(self, question: QuestionType, response: Mapping[str, str]) -> dict[str, str]:
        """A stored response (or a key) with its option ids replaced by page names."""
        return question.rename_options(response, lambda stable: self.name(question.id, stable))

    def from_page(self, question: QuestionType, fields: Mapping[str, str]) -> dict[str, str]:
        """Posted fields with page names replaced by stable ids; InvalidInput on a name the
        page of this attempt never showed (another attempt's, or made up)."""
        stable_by_name = self._stable_by_name.get(question.id)
        if stable_by_name is None:
            stable_by_name = {self.name(question.id, s): s for s in question.option_ids()}
            self._stable_by_name[question.id] = stable_by_name
        known = stable_by_name

        def stable(page_name: str) -> str:
            found = known.get(page_name)
            if found is None:
                raise InvalidInput(
                    f"Question {question.id!r} has no option {page_name[:40]!r} in this attempt;"
                    " reload the page and answer again."
                )
            return found

        return question.rename_options(fields, stable)
