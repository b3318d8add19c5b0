"""The pure rules of quizapp: articles, question types, grading, feedback timing and quiz totals.

Everything under ``quizapp.domain`` is plain Python (standard library plus ``quizapp.errors``):
no Flask, SQL or YAML. ``article`` splits an article into paragraphs and sentences,
``grading`` holds the grade value objects, ``questions`` the question types and their registry,
``behaviours`` when feedback may be shown, and ``quiz`` the bank and quiz-level arithmetic.
"""
