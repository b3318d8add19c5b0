"""The content rules of a bank that no schema can express: unique question ids, one correct
choice (at least one for a multi-select), evidence found in the article (or none asked for when
the bank has no article), unique choices and ordering items, answers that give full credit, cloze
blanks matching the text, rubric criteria with their own ids, and each question type's own
``check()`` on the domain question built from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import TypeAdapter, ValidationError

from quizapp.banks import convert, schema
from quizapp.banks.issues import Issue
from quizapp.banks.loading import LoadedYaml, NodePath
from quizapp.banks.validation.base import Pass
from quizapp.domain.article import Article
from quizapp.domain.questions import QuestionType, QuestionTypeRegistry
from quizapp.errors import QuizappError

_QUESTION = TypeAdapter[convert.QuestionSpecs](schema.Question)
_QUOTE_SHOWN = 60


class ContentRules(Pass):
    """The content checks of one bank's questions, given one by one after the schema's."""

    def __init__(
        self, loaded: LoadedYaml, registry: QuestionTypeRegistry, issues: list[Issue]
    ) -> None:
        super().__init__(loaded, registry, issues)
        article_text = self.data.get("article", "")
        self.article = Article(article_text) if isinstance(article_text, str) else None
        # A bank from another system may come without its article; it then takes no evidence.
        self.has_article = self.article is None or bool(self.article.text.strip())
        self._entities: frozenset[str] | None = None
        # Domain questions built for their checks, by index, reused for the bank.
        self.built: dict[int, QuestionType] = {}

    @property
    def entities(self) -> frozenset[str]:
        if self._entities is None:
            assert self.article is not None
            self._entities = convert.article_entities(self.article)
        return self._entities

    def check_question_ids(self, questions: list[Any]) -> None:
        first_line: dict[str, int] = {}
        for index, raw in enumerate(questions):
            if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
                continue
            question_id = raw["id"]
            position = self.loaded.value_at(("questions", index, "id"))
            if question_id in first_line:
                self.add(
                    position,
                    f"duplicate question id '{question_id}' (already used on line "
                    f"{first_line[question_id]}); each question needs its own id",
                )
            else:
                first_line[question_id] = position.line

    def check_question(self, index: int, raw: Any) -> None:
        base: NodePath = ("questions", index)
        issues_before = len(self.issues)
        if isinstance(raw, dict) and not self.has_article:
            self._check_without_article(base, raw)
        elif isinstance(raw, dict):
            self._check_evidence(base, raw.get("evidence"))
        try:
            spec = _QUESTION.validate_python(raw)
        except ValidationError:
            return  # already reported by the whole-bank validation
        if isinstance(spec, schema.MultipleChoiceSpec | schema.MultiSelectSpec):
            self._check_choices(base, spec)
        elif isinstance(spec, schema.ShortAnswerSpec):
            self._check_credits((*base, "answers"), [a.credit for a in spec.answers])
        elif isinstance(spec, schema.NumericSpec):
            self._check_numeric(base, spec)
        elif isinstance(spec, schema.ClozeSpec):
            self._check_cloze(base, spec)
        elif isinstance(spec, schema.OrderingSpec):
            self._check_unique(base, "items", convert.choice_ids(spec.items), spec.items, "item")
        elif isinstance(spec, schema.WrittenResponseSpec):
            self._check_rubric(base, spec)
        if len(self.issues) == issues_before and self.article is not None:
            self._check_domain_rules(index, spec, self.article)

    def _check_without_article(self, base: NodePath, raw: dict[str, Any]) -> None:
        """In a bank without an article, evidence questions and quotes have nothing to point at."""
        name = f"question '{raw.get('id')}'" if isinstance(raw.get("id"), str) else "this question"
        if raw.get("type") == "evidence":
            self.add(
                self.loaded.value_at((*base, "type")),
                f"{name} is an evidence question, which needs the article, and this bank has "
                "none: add the article under 'article: |', or remove the question",
            )
        elif raw.get("evidence") is not None:
            self.add(
                self.loaded.key_at((*base, "evidence")),
                f"{name} quotes evidence, but this bank has no article to find it in: add the "
                "article under 'article: |', or remove 'evidence'",
            )

    def _check_evidence(self, base: NodePath, evidence: Any) -> None:
        """Each quote must be in the article (checked even when the question has other errors)."""
        quotes = evidence if isinstance(evidence, list) else [evidence]
        if self.article is None:
            return
        for number, quote in enumerate(quotes):
            if isinstance(quote, str) and quote.strip() and self.article.locate(quote) is None:
                shown = quote if len(quote) <= _QUOTE_SHOWN else quote[: _QUOTE_SHOWN - 1] + "…"
                self.add(
                    self.loaded.value_at((*base, "evidence", number)),
                    f'evidence not found in the article: "{shown}"; copy the words exactly '
                    "as the article has them",
                )

    def _check_choices(
        self, base: NodePath, spec: schema.MultipleChoiceSpec | schema.MultiSelectSpec
    ) -> None:
        choices_path = (*base, "choices")
        correct = [i for i, choice in enumerate(spec.choices) if choice.correct]
        if not correct:
            needs = "exactly one" if spec.type == "multiple_choice" else "at least one"
            self.add(
                self.loaded.value_at(choices_path),
                f"no choice is marked correct: a {spec.type} question needs {needs} choice "
                "with 'correct: true'",
            )
        elif spec.type == "multiple_choice" and len(correct) > 1:
            first, second = (spec.choices[i].text for i in correct[:2])
            self.add(
                self.loaded.value_at((*choices_path, correct[1])),
                f"'{second}' is marked correct as well as '{first}': a multiple_choice question "
                "needs exactly one correct choice (use multi_select for several)",
            )
        self._check_unique(
            base, "choices", convert.choice_ids(spec.choices), spec.choices, "choice"
        )

    def _check_rubric(self, base: NodePath, spec: schema.WrittenResponseSpec) -> None:
        """A rubric's criteria need their own ids: a teacher's marks are stored under them."""
        seen: set[str] = set()
        for index, criterion in enumerate(spec.rubric):
            if criterion.id in seen:
                self.add(
                    self.loaded.value_at((*base, "rubric", index, "id")),
                    f"duplicate criterion id '{criterion.id}' in the rubric of question "
                    f"'{spec.id}'; give each criterion its own id",
                )
            seen.add(criterion.id)

    def _check_unique(
        self,
        base: NodePath,
        key: str,
        ids: list[str],
        entries: Sequence[schema.ChoiceSpec | schema.OrderItemSpec],
        noun: str,
    ) -> None:
        """Ids and texts of choices or ordering items must differ (answers name them)."""
        seen_ids: set[str] = set()
        seen_texts: set[str] = set()
        for index, (entry_id, entry) in enumerate(zip(ids, entries, strict=True)):
            position = self.loaded.value_at((*base, key, index))
            text = " ".join(entry.text.casefold().split())
            if entry_id in seen_ids:
                self.add(
                    position,
                    f"duplicate {noun} id '{entry_id}' ({noun}s without an id are named a, b, "
                    "c... by position)",
                )
            elif text in seen_texts:
                self.add(position, f"the {noun} '{entry.text}' appears twice")
            seen_ids.add(entry_id)
            seen_texts.add(text)

    def _check_credits(self, path: NodePath, credits: Sequence[Any]) -> None:
        if credits and max(credits) < 1:
            self.add(
                self.loaded.value_at(path),
                "no answer gives full credit: at least one answer needs 'credit: 1' (the "
                "default) so that the question can be answered fully right",
            )

    def _check_numeric(self, base: NodePath, spec: schema.NumericSpec) -> None:
        if spec.answer is not None and spec.answers is not None:
            self.add(
                self.loaded.key_at((*base, "answers")),
                "give either 'answer' (with 'tolerance') or 'answers', not both",
            )
        elif spec.answer is None and spec.answers is None:
            self.add(self.loaded.value_at(base), "missing required key 'answer' (or 'answers')")
        elif spec.answers is not None:
            if spec.tolerance is not None:
                self.add(
                    self.loaded.key_at((*base, "tolerance")),
                    "'tolerance' goes with 'answer'; with 'answers', give each answer its own "
                    "tolerance",
                )
            self._check_credits((*base, "answers"), [a.credit for a in spec.answers])

    def _check_cloze(self, base: NodePath, spec: schema.ClozeSpec) -> None:
        text_position = self.loaded.value_at((*base, "text"))
        placeholders = convert.cloze_placeholders(spec.text)
        if not placeholders:
            self.add(
                text_position,
                "the cloze text has no blanks: write [[blank-id]] where each blank goes",
            )
        seen: set[str] = set()
        for name in placeholders:
            if name in seen:
                self.add(text_position, f"[[{name}]] appears twice in the text; use it once")
            elif name not in spec.blanks:
                known = ", ".join(spec.blanks)
                self.add(
                    text_position,
                    f"the text has [[{name}]] but 'blanks' has no '{name}' (blanks given: {known})",
                )
            seen.add(name)
        for name, answers in spec.blanks.items():
            blank_path = (*base, "blanks", name)
            if placeholders and name not in seen:
                self.add(
                    self.loaded.key_at(blank_path),
                    f"blank '{name}' is not used in the text; write [[{name}]] where it goes, "
                    "or remove it",
                )
            self._check_credits(blank_path, [a.credit for a in answers])

    def _check_domain_rules(
        self, index: int, spec: convert.QuestionSpecs, article: Article
    ) -> None:
        """The question type's own authoring rules, reported at the question."""
        position = self.loaded.value_at(("questions", index))
        try:
            question = convert.build_question(
                spec, article, registry=self.registry, entities=self.entities
            )
        except (QuizappError, ValueError, TypeError) as error:
            self.add(position, f"question '{spec.id}' cannot be built: {error}")
            return
        self.built[index] = question
        for problem in question.check():
            self.add(position, f"question '{spec.id}': {problem}")
