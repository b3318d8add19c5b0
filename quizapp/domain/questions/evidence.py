"""Evidence: pick the sentence of the article that supports a claim.

The prompt is the claim ("Which sentence shows that ...?"); the response names a sentence by
its id (``{"sentence": "s4"}``), with ids from ``Article(text).sentences``. Any sentence in
``accepted`` is right. ``sentence_texts`` (parallel to ``sentences``) lets the question
summarise a choice in words and find the sentence a quoted phrase belongs to.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar

from quizapp.domain.article import Article
from quizapp.domain.grading import Grade
from quizapp.domain.questions.base import (
    Display,
    QuestionType,
    Response,
    ViewOption,
    duplicates,
    field_text,
    loose,
    rename_value,
)
from quizapp.domain.questions.base import (
    # Re-exported: an evidence question's accepted sentences are found like any evidence.
    accepted_sentences as accepted_sentences,
)
from quizapp.errors import ResponseError


@dataclass(frozen=True, kw_only=True)
class Evidence(QuestionType):
    """Choose the sentence that shows the claim; ``accepted`` holds the right sentence ids."""

    type_name: ClassVar[str] = "evidence"
    answered_in_article: ClassVar[bool] = True

    sentences: tuple[str, ...]
    accepted: frozenset[str]
    sentence_texts: tuple[str, ...] = ()

    def expected_fields(self) -> Mapping[str, str]:
        return {"sentence": "sentence id"}

    def is_complete(self, response: Response) -> bool:
        return field_text(response, "sentence") in self.sentences

    def grade(self, response: Response) -> Grade:
        if not self.is_complete(response):
            return Grade.unanswered()
        chosen = field_text(response, "sentence")
        fraction = Fraction(1) if chosen in self.accepted else Fraction(0)
        return Grade.for_fraction(fraction, matched=self._describe(chosen))

    def correct_response(self) -> dict[str, str]:
        right = [s for s in self.sentences if s in self.accepted]
        return {"sentence": right[0]} if right else {}

    def summarise(self, response: Response) -> str:
        """The id and text, "s4: Turkey deployed ..." (the id alone if texts are unknown)."""
        if not self.is_complete(response):
            return ""
        return self._describe(field_text(response, "sentence"))

    def response_from_texts(self, texts: Sequence[str]) -> dict[str, str]:
        """A sentence id ("s4"), or a quote that occurs inside exactly one offered sentence."""
        text = " ".join(texts).strip()
        if not text:
            return {}
        if text.casefold() in self.sentences:
            return {"sentence": text.casefold()}
        wanted = loose(text)
        found = [
            sentence_id
            for sentence_id, sentence in zip(self.sentences, self.sentence_texts, strict=False)
            if wanted in loose(sentence)
        ]
        if len(found) != 1:
            problem = "is in none of the sentences" if not found else "is in several sentences"
            raise ResponseError(f"{text!r} {problem}; give a sentence id such as s1")
        return {"sentence": found[0]}

    def option_ids(self) -> tuple[str, ...]:
        return self.sentences

    def rename_options(self, response: Response, rename: Callable[[str], str]) -> dict[str, str]:
        return rename_value(response, "sentence", rename)

    def display(self, article: Article) -> Display:
        """The offered sentences in article order, each standing for itself in the article."""
        offered = set(self.sentences)
        return Display(
            options=tuple(
                ViewOption(s.id, s.text, sentence_id=s.id)
                for s in article.sentences
                if s.id in offered
            )
        )

    def evidence_sentence_ids(self, article: Article) -> frozenset[str]:
        return self.accepted

    def correct_answer_text(self, article: Article) -> str:
        """The accepted sentences' texts in article order, joined by " / "."""
        return " / ".join(
            " ".join(s.text.split()) for s in article.sentences if s.id in self.accepted
        )

    def plausible_wrong(self, article: Article, rng: random.Random) -> dict[str, str]:
        """Another offered sentence: the neighbour a hurried reader picks."""
        others = [s for s in self.sentences if s not in self.accepted]
        return {"sentence": rng.choice(others)} if others else self.correct_response()

    def _type_problems(self) -> list[str]:
        problems: list[str] = []
        if not self.sentences:
            problems.append("no sentences are offered")
        problems += [f"the sentence {s!r} is offered twice" for s in duplicates(self.sentences)]
        if not self.accepted:
            problems.append("no sentence is accepted as evidence")
        problems += [
            f"the accepted sentence {s!r} is not among those offered"
            for s in sorted(self.accepted - set(self.sentences))
        ]
        if self.sentence_texts and len(self.sentence_texts) != len(self.sentences):
            problems.append("sentence_texts must give one text per offered sentence")
        return problems

    def _describe(self, sentence_id: str) -> str:
        texts = dict(zip(self.sentences, self.sentence_texts, strict=False))
        text = " ".join(texts.get(sentence_id, "").split())
        return f"{sentence_id}: {text}" if text else sentence_id


def offered_sentences(article: Article) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every sentence of an article as (ids, texts), ready for ``Evidence``."""
    sentences = article.sentences
    return tuple(s.id for s in sentences), tuple(s.text for s in sentences)
