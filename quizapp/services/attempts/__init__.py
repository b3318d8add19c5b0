"""Taking a quiz: starting or resuming an attempt, saving answers, checking, submitting, grading.

One module per job: ``grading``, ``shuffling`` (the layout), ``access`` (ownership, enrolment
and deadlines), ``starting``, ``saving``, ``submitting`` and ``page`` (what the attempt page
shows); this package exports what the rest of quizapp uses.

Every function takes the acting user and the time explicitly. The rules that keep answers safe
live here: a save is committed before it returns and carries the client's sequence number, so a
late save never overwrites a newer answer (per question, the highest sequence number wins);
submitting is exactly-once (the attempt row is locked and its state checked inside the write
transaction, so a double click, two tabs or a retry all find it already submitted); a time limit
or a closing date is enforced here, with a grace period for saves in flight, and an attempt past
its deadline is submitted with its last saved answers, stamped at the deadline. Question and
choice order is drawn once per attempt and stored in ``Attempt.layout``, so reloads keep it.
``grade_attempt`` is the one grading function and ``record_grades`` the one way grades are
stored, with the teacher's score overrides applied (the teacher's regrade reuses both), and
``attempt_view`` decides, question by question, what the person looking may see: no correct
answer, explanation or evidence leaves the server before the feedback timing allows it.
Options reach the page under per-attempt names (``services.page_ids``), never the bank's ids,
and :func:`save_page_answers` maps them back, so stored responses keep the bank's ids.
"""

from __future__ import annotations

from quizapp.services.attempts.access import (
    DEFAULT_GRACE,
    NO_LONGER_ENROLLED,
    NOT_YOURS,
    TIME_IS_UP,
    effective_deadline,
    is_overdue,
    require_student,
    student_assignment,
    submit_overdue,
)
from quizapp.services.attempts.grading import (
    AcceptedText,
    GradedAttempt,
    accepts_alternative_answers,
    grade_attempt,
    grade_question,
    with_overrides,
)
from quizapp.services.attempts.marks import (
    overrides_for,
    record_grades,
    responses_and_overrides,
)
from quizapp.services.attempts.page import (
    AttemptView,
    BankParts,
    Feedback,
    QuestionView,
    SentenceView,
    attempt_view,
    bank_parts,
    evidence_sentence_ids,
    score_visible,
)
from quizapp.services.attempts.saving import (
    MAX_SEQ,
    MAX_VALUE_CHARS,
    SaveResult,
    save_page_answers,
    save_responses,
)
from quizapp.services.attempts.shuffling import (
    build_layout,
)
from quizapp.services.attempts.starting import (
    start_or_resume,
)
from quizapp.services.attempts.submitting import (
    check_question,
    submit_attempt,
)

__all__ = [
    "DEFAULT_GRACE",
    "MAX_SEQ",
    "MAX_VALUE_CHARS",
    "NOT_YOURS",
    "NO_LONGER_ENROLLED",
    "TIME_IS_UP",
    "AcceptedText",
    "AttemptView",
    "BankParts",
    "Feedback",
    "GradedAttempt",
    "QuestionView",
    "SaveResult",
    "SentenceView",
    "accepts_alternative_answers",
    "attempt_view",
    "bank_parts",
    "build_layout",
    "check_question",
    "effective_deadline",
    "evidence_sentence_ids",
    "grade_attempt",
    "grade_question",
    "is_overdue",
    "overrides_for",
    "record_grades",
    "require_student",
    "responses_and_overrides",
    "save_page_answers",
    "save_responses",
    "score_visible",
    "start_or_resume",
    "student_assignment",
    "submit_attempt",
    "submit_overdue",
    "with_overrides",
]
