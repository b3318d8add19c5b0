"""When a student may see feedback (grade, right answer, evidence): the quiz's behaviour.

Question types decide *how* a response is graded; this module decides *when* the result is
revealed, like Moodle's behaviours. With ``immediate`` feedback the student may check each
question during the attempt; a checked question's response is frozen and its feedback shown.
With ``after_submit`` feedback appears once the attempt is submitted; with ``after_close``
once the attempt is submitted and the assignment has closed (or at submission, when the
assignment never closes). Datetimes are timezone-aware UTC.
"""

from __future__ import annotations

import enum
from datetime import datetime


class FeedbackTiming(enum.StrEnum):
    """When feedback is revealed to the student."""

    IMMEDIATE = "immediate"
    AFTER_SUBMIT = "after_submit"
    AFTER_CLOSE = "after_close"


def can_check(timing: FeedbackTiming) -> bool:
    """Whether a student may ask for one question's feedback before submitting."""
    return timing is FeedbackTiming.IMMEDIATE


def response_editable(
    timing: FeedbackTiming, *, question_checked: bool, attempt_submitted: bool
) -> bool:
    """Whether the student may still change a response: not after submitting, nor once checked."""
    if attempt_submitted:
        return False
    return not (can_check(timing) and question_checked)


def feedback_visible(
    timing: FeedbackTiming,
    *,
    question_checked: bool,
    attempt_submitted: bool,
    now: datetime,
    closes_at: datetime | None,
) -> bool:
    """Whether this question's feedback may be shown to the student now."""
    if timing is FeedbackTiming.IMMEDIATE:
        return question_checked or attempt_submitted
    if timing is FeedbackTiming.AFTER_SUBMIT:
        return attempt_submitted
    return attempt_submitted and (closes_at is None or now >= closes_at)
