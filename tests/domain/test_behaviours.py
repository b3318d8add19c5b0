"""Tests for feedback timing: when a student may see a question's feedback."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from quizapp.domain.behaviours import (
    FeedbackTiming,
    can_check,
    feedback_visible,
    response_editable,
)

NOW = datetime(2021, 5, 5, 12, 0, tzinfo=UTC)
BEFORE = NOW - timedelta(hours=1)
AFTER = NOW + timedelta(hours=1)


@pytest.mark.parametrize(
    ("timing", "checked", "submitted", "closes_at", "visible"),
    [
        (FeedbackTiming.IMMEDIATE, False, False, None, False),
        (FeedbackTiming.IMMEDIATE, True, False, None, True),
        (FeedbackTiming.IMMEDIATE, False, True, AFTER, True),
        (FeedbackTiming.AFTER_SUBMIT, True, False, None, False),
        (FeedbackTiming.AFTER_SUBMIT, False, True, AFTER, True),
        (FeedbackTiming.AFTER_CLOSE, False, True, AFTER, False),
        (FeedbackTiming.AFTER_CLOSE, False, True, BEFORE, True),
        (FeedbackTiming.AFTER_CLOSE, False, True, NOW, True),
        (FeedbackTiming.AFTER_CLOSE, True, False, BEFORE, False),
        (FeedbackTiming.AFTER_CLOSE, False, True, None, True),  # never closes: at submission
        (FeedbackTiming.AFTER_CLOSE, False, False, None, False),
    ],
)
def test_feedback_visible(
    timing: FeedbackTiming,
    checked: bool,
    submitted: bool,
    closes_at: datetime | None,
    visible: bool,
) -> None:
    shown = feedback_visible(
        timing,
        question_checked=checked,
        attempt_submitted=submitted,
        now=NOW,
        closes_at=closes_at,
    )
    assert shown is visible


def test_only_immediate_feedback_lets_students_check() -> None:
    assert [can_check(timing) for timing in FeedbackTiming] == [True, False, False]


@pytest.mark.parametrize(
    ("timing", "checked", "submitted", "editable"),
    [
        (FeedbackTiming.IMMEDIATE, False, False, True),
        (FeedbackTiming.IMMEDIATE, True, False, False),  # checked responses are frozen
        (FeedbackTiming.AFTER_SUBMIT, True, False, True),  # nothing to check: still editable
        (FeedbackTiming.AFTER_SUBMIT, False, True, False),
        (FeedbackTiming.AFTER_CLOSE, False, True, False),
    ],
)
def test_response_editable(
    timing: FeedbackTiming, checked: bool, submitted: bool, editable: bool
) -> None:
    result = response_editable(timing, question_checked=checked, attempt_submitted=submitted)
    assert result is editable


def test_timings_are_their_yaml_names() -> None:
    assert FeedbackTiming("after_close") is FeedbackTiming.AFTER_CLOSE
    assert [str(t) for t in FeedbackTiming] == ["immediate", "after_submit", "after_close"]
