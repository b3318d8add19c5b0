"""What quizapp's Moodle XML writer and reader agree on beyond Moodle's own format: the tags
that carry quizapp's skill and type (Moodle keeps tags), the tag that marks a cloze prompt, and
the ordering grading type closest to quizapp's pair-wise credit.
"""

from __future__ import annotations

SKILL_TAG = "quizapp-skill:"
TYPE_TAG = "quizapp-type:"
PROMPT_TAG = "quizapp-cloze-prompt"
# quizapp's pair-wise ordering credit is closest to this grading type of qtype_ordering.
ORDERING_GRADING = "RELATIVE_ALL_PREVIOUS_AND_NEXT"
