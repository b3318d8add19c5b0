"""Adding a short-answer question whose answer is words of the article (a selected span).

The span's sentence becomes the evidence and the question gets a readable id, free in its bank;
the rest of the bank's YAML is kept as the teacher wrote it.
"""

from __future__ import annotations

import re

import sqlalchemy.orm as so

from quizapp.banks import append_question
from quizapp.db.models import Bank, BankVersion, User
from quizapp.domain.quiz import Bank as DomainBank
from quizapp.errors import Forbidden, InvalidInput, NotFound
from quizapp.services.banks.cache import load_version_bank
from quizapp.services.banks.versions import newest_version, save_bank_text

MAX_PROMPT_LENGTH = 500


def add_question_for_span(
    session: so.Session,
    teacher: User,
    bank_id: int,
    *,
    prompt: str,
    answer: str,
    answer_start: int | None = None,
) -> BankVersion:
    """Add a short-answer question whose answer is a span of the article (``span_question``),
    as a new version. The rest of the bank's YAML is kept as the teacher wrote it."""
    bank = session.get(Bank, bank_id)
    # Another teacher's bank is not even visible; a shared one is, but changes in its file.
    if bank is None or bank.owner_id not in (None, teacher.id):
        raise NotFound("There is no such question bank.")
    if bank.owner_id is None:
        raise Forbidden(
            f"The bank {bank.slug!r} is shared from the question_banks folder; change its file, "
            "or save a copy under a new id."
        )
    latest = newest_version(session, bank.id)
    if latest is None:
        raise NotFound(f"The bank {bank.slug!r} has no saved version yet.")
    question = span_question(
        load_version_bank(latest), prompt=prompt, answer=answer, answer_start=answer_start
    )
    return save_bank_text(
        session, append_question(latest.yaml_text, question), user=teacher, bank_slug=bank.slug
    )


def span_question(
    bank: DomainBank, *, prompt: str, answer: str, answer_start: int | None = None
) -> dict[str, object]:
    """A short-answer question of ``bank`` whose answer is a span of its article, as bank data.

    The span is found at ``answer_start`` when the text there matches (a selection in the page),
    else wherever the answer first occurs; its sentence becomes the evidence. InvalidInput says
    what to change when the prompt or the answer cannot make a question.
    """
    prompt, answer = " ".join(prompt.split()), " ".join(answer.split())
    if not prompt or len(prompt) > MAX_PROMPT_LENGTH:
        raise InvalidInput(f"Write a question of 1 to {MAX_PROMPT_LENGTH} characters.")
    if not answer:
        raise InvalidInput("Give the answer: select or type words of the article.")
    article = bank.parsed_article
    start = answer_start
    if start is None or " ".join(article.text[start : start + len(answer)].split()) != answer:
        span = article.locate(answer)
        if span is None:
            raise InvalidInput(
                f"{answer!r} is not in the article: the answer must be words of the article, "
                "copied exactly."
            )
        start = span[0]
    sentence = article.sentence_at(start)
    return {
        "id": _free_question_id(prompt, {q.id for q in bank.questions}),
        "type": "short_answer",
        "skill": "detail",
        "prompt": prompt,
        "answers": [answer],
        "evidence": sentence.text if sentence is not None else answer,
    }


def _free_question_id(prompt: str, taken: set[str]) -> str:
    """A readable id from the prompt's first words ("who-will-lead-the"), unique in the bank."""
    words = re.findall(r"[a-z0-9]+", prompt.casefold())[:5] or ["question"]
    base = "-".join(words)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
