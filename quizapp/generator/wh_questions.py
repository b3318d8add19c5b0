"""The name the question kinds import the wh-question rule by; the rules themselves live in
``quizapp.generator.wording`` (``wording.wh_question`` is their entry)."""

from quizapp.generator.wording.wh_question import question_for

__all__ = ["question_for"]
