"""Reviewing a draft: what the review page shows of it, and applying the teacher's decisions.

A draft (``services.generation``) is YAML that travels with the review form, so a review needs
no server-side state and its shape is never taken on trust. :func:`review_page` lays a draft
out for the page: the article with each question's source sentences marked, and every question
with its editable parts as plain text, a read-only preview as the student will see it, and its
position. :func:`apply_review` turns the teacher's decisions (keep or drop, edited wording and
answers, a written response's model answer and rubric, a new order) into the bank's YAML, or
raises :class:`ReviewInvalid` with every problem placed on its question and field, in words a
teacher reads; :func:`add_question` adds a question for a selected piece of the article.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

import sqlalchemy.orm as so

from quizapp.banks import append_question, dump_bank, load_bank_text
from quizapp.banks.formats.base import unique_slug
from quizapp.db.models import BankVersion, User
from quizapp.domain.quiz import Bank
from quizapp.errors import BankInvalid, InvalidInput, Issue
from quizapp.services import banks as bank_service
from quizapp.services.generation import CHOICE_TYPES, spread_choices

# How the review page marks each right choice of a multi-select question.
RIGHT_MARK = "* "
# A blank in a cloze question's text.
BLANK = re.compile(r"\[\[([^\[\]]+)\]\]")
# Rubric rows the page offers beyond a written response's criteria, for adding one.
SPARE_CRITERIA = 1
MAX_CRITERIA = 20


@dataclass(frozen=True)
class CriterionLine:
    """One rubric row of a written response as the page shows it: its text and its points,
    as typed (a row left without text is dropped on save)."""

    text: str
    points: str


@dataclass(frozen=True)
class QuestionPreview:
    """A question as the student will see it, its right answer marked for the teacher.

    ``choices`` are (text, right) for choice and true/false questions; ``items`` an ordering
    question's items in the right order; ``pieces`` a cloze text as (text, "") and
    (``""``, the blank's accepted answers); ``answers`` what a typed answer may be.
    """

    kind: str
    prompt: str
    choices: tuple[tuple[str, bool], ...] = ()
    several: bool = False
    items: tuple[str, ...] = ()
    pieces: tuple[tuple[str, str], ...] = ()
    answers: tuple[str, ...] = ()
    model_answer: str = ""
    criteria: tuple[CriterionLine, ...] = ()


@dataclass(frozen=True)
class ReviewItem:
    """One drafted question as the review page shows it: the editable parts as plain text.

    ``answer_lines`` means, per type: multiple choice, the choices with the correct one first;
    short answer, the accepted answers; ordering, the items in the right order; true/false,
    "true" or "false"; numeric, the value; cloze, the text with its [[blanks]]; evidence, the
    supporting quote; written response, nothing (its model answer and rubric have fields of
    their own). ``position`` is its place in the quiz as the page shows it (as typed, after a
    failed save); ``sentence_ids`` the article sentences it was drafted from.
    """

    id: str
    type: str
    prompt: str
    answer_lines: str
    confidence: str
    evidence: str
    keep: bool = True
    # A cloze question's blanks: (blank id, its accepted answers one per line), in text order.
    blanks: tuple[tuple[str, str], ...] = ()
    position: str = ""
    sentence_ids: tuple[str, ...] = ()
    model_answer: str = ""
    criteria: tuple[CriterionLine, ...] = ()

    @property
    def criterion_rows(self) -> tuple[CriterionLine, ...]:
        """The rubric rows of the page: the criteria and a spare empty row to add one."""
        if self.type != "written_response":
            return ()
        spare = 0 if self.criteria and not self.criteria[-1].text.strip() else SPARE_CRITERIA
        return (*self.criteria, *([CriterionLine("", "1")] * spare))[:MAX_CRITERIA]

    @property
    def preview(self) -> QuestionPreview:
        """The question as the boxes now say it, shown as the student will see it."""
        lines = _lines(self.answer_lines)
        preview = QuestionPreview(kind=self.type, prompt=self.prompt)
        if self.type == "multiple_choice":
            return replace(preview, choices=tuple((t, n == 0) for n, t in enumerate(lines)))
        if self.type == "multi_select":
            star = RIGHT_MARK.strip()
            marked = tuple((t.removeprefix(star).strip(), t.startswith(star)) for t in lines)
            return replace(preview, choices=marked, several=True)
        if self.type == "true_false":
            right = bool(lines) and _is_true(lines[0])
            return replace(preview, choices=(("True", right), ("False", not right)))
        if self.type == "ordering":
            return replace(preview, items=tuple(lines))
        if self.type == "cloze":
            return replace(preview, pieces=_cloze_pieces(" ".join(lines), dict(self.blanks)))
        if self.type == "written_response":
            criteria = tuple(c for c in self.criteria if c.text.strip())
            return replace(preview, model_answer=self.model_answer, criteria=criteria)
        return replace(preview, answers=tuple(lines))


@dataclass(frozen=True)
class ArticlePiece:
    """A piece of the article's text, in order: a source sentence carries its id and the
    questions drafted from it; the text between marked sentences carries neither."""

    text: str
    sentence_id: str = ""
    question_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewPage:
    """A draft laid out for its review page: the article in pieces (their texts joined are the
    article's text exactly, so a selection's offset is the bank's) and the questions in order."""

    title: str
    article: tuple[ArticlePiece, ...]
    items: tuple[ReviewItem, ...]


@dataclass(frozen=True)
class QuestionReview:
    """The teacher's decision on one drafted question, as typed.

    ``blanks`` maps a cloze blank's id to its accepted answers, one per line; ``position`` is
    the place asked for ("" keeps it); ``model_answer`` and ``criteria`` are a written
    response's (None leaves them as drafted).
    """

    keep: bool
    prompt: str = ""
    answer_lines: str = ""
    blanks: Mapping[str, str] = field(default_factory=dict)
    position: str = ""
    model_answer: str | None = None
    criteria: tuple[CriterionLine, ...] | None = None


# What the review page calls each edited part of a question, with the noun for one and many.
FIELD_WORDS: dict[str, tuple[str, str, str]] = {
    "prompt": ("question", "question", "questions"),
    "choices": ("choices", "choice", "choices"),
    "answers": ("accepted answers", "accepted answer", "accepted answers"),
    "items": ("items to put in order", "item", "items"),
    "answer": ("answer", "answer", "answers"),
    "text": ("text with blanks", "blank", "blanks"),
    "blanks": ("answers of the blanks", "answer", "answers"),
    "evidence": ("evidence", "quote", "quotes"),
    "model_answer": ("model answer", "model answer", "model answers"),
    "rubric": ("rubric", "criterion", "criteria"),
    "position": ("position", "position", "positions"),
}
# The page's field (its id prefix) that holds each part of a question.
PAGE_FIELDS = {
    "prompt": "prompt",
    "blanks": "question",
    "model_answer": "model",
    "rubric": "rubric",
    "position": "position",
}


@dataclass(frozen=True)
class ReviewProblem:
    """A problem an edit made, placed on the question (1-based, as the page numbers them)."""

    question_id: str
    number: int
    prompt: str
    part: str  # the key of the question in the bank format ("choices"), "" for the bank itself
    message: str  # in the page's words: "needs at least 2 choices, found 1"

    @property
    def field_words(self) -> str:
        return FIELD_WORDS.get(self.part, (self.part, "", ""))[0]

    @property
    def page_field(self) -> str:
        """The id prefix of the page element to jump to: "prompt", "answers", "rubric"…"""
        return PAGE_FIELDS.get(self.part, "answers")

    def format(self) -> str:
        if not self.question_id:
            return f"The bank: {self.message}."
        where = f"Question {self.number} (“{self.prompt}”)"
        return f"{where}, {self.field_words}: {self.message}."


class ReviewInvalid(InvalidInput):
    """The teacher's edits break the draft; every problem, placed on its question and part."""

    def __init__(self, problems: Sequence[ReviewProblem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(problem.format() for problem in self.problems))


def _draft_data(yaml_text: str) -> tuple[dict[str, object], Bank]:
    """The draft's data and bank, once it is a valid bank (BankInvalid with every issue
    otherwise): the draft travels through the teacher's browser."""
    from quizapp.banks.loading import load_yaml_text

    loaded = load_yaml_text(yaml_text, "<draft>")
    if loaded.fatal or not isinstance(loaded.data, dict):
        raise BankInvalid(loaded.issues)
    bank = load_bank_text(yaml_text, source_name="<draft>")
    data: dict[str, object] = loaded.data
    return data, bank


def _questions(data: Mapping[str, object]) -> list[dict[str, object]]:
    questions = data.get("questions") or []
    assert isinstance(questions, list)  # the draft loaded as a bank
    return questions


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def _is_true(line: str) -> bool:
    return line.casefold() in ("true", "yes", "t", "1")


def _cloze_pieces(text: str, blanks: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    pieces: list[tuple[str, str]] = []
    at = 0
    for match in BLANK.finditer(text):
        pieces.append((text[at : match.start()], ""))
        answers = " / ".join(_lines(blanks.get(match[1], ""))) or "?"
        pieces.append(("", answers))
        at = match.end()
    pieces.append((text[at:], ""))
    return tuple(piece for piece in pieces if piece != ("", ""))


# --- the page ---------------------------------------------------------------------------------


def review_page(yaml_text: str, reviews: Mapping[str, QuestionReview] | None = None) -> ReviewPage:
    """The draft laid out for review (BankInvalid when it is no bank); with ``reviews`` (a save
    that failed, or a question added), each question shows the teacher's edits instead and the
    questions stand in the order asked for, so nothing typed is lost."""
    data, bank = _draft_data(yaml_text)
    items = [_item(question, bank) for question in _questions(data)]
    if reviews is not None:
        items = _edited(items, reviews)
    return ReviewPage(title=bank.title, article=_article_pieces(bank, items), items=tuple(items))


def _item(question: Mapping[str, object], bank: Bank) -> ReviewItem:
    kind = str(question.get("type", ""))
    lines: list[str]
    if kind in CHOICE_TYPES:
        choices = [c if isinstance(c, dict) else {"text": c} for c in _listed(question, "choices")]
        ordered = sorted(choices, key=lambda c: not c.get("correct", False))
        # one right choice is the first line; several are each marked with a star
        marked = kind == "multi_select"
        lines = [f"{RIGHT_MARK if marked and c.get('correct') else ''}{c['text']}" for c in ordered]
    elif kind in ("short_answer", "ordering"):
        key = "answers" if kind == "short_answer" else "items"
        lines = [str(a["text"] if isinstance(a, dict) else a) for a in _listed(question, key)]
    elif kind == "true_false":
        lines = ["true" if question.get("answer") else "false"]
    elif kind == "numeric":
        lines = [str(question.get("answer", ""))]
    elif kind == "cloze":
        lines = [str(question.get("text", ""))]
    elif kind == "written_response":
        lines = []
    else:
        lines = _quotes(question)
    question_id = str(question.get("id", ""))
    domain = bank.question(question_id)
    wanted = domain.evidence_sentence_ids(bank.parsed_article)
    return ReviewItem(
        id=question_id,
        type=kind,
        prompt=str(question.get("prompt", "")),
        answer_lines="\n".join(lines),
        confidence=str(question.get("confidence", "")),
        evidence=" … ".join(_quotes(question)),
        blanks=_blank_lines(question) if kind == "cloze" else (),
        sentence_ids=tuple(s.id for s in bank.parsed_article.sentences if s.id in wanted),
        model_answer=str(question.get("model_answer", "")),
        criteria=tuple(
            CriterionLine(str(c.get("text", "")), _points_text(c.get("points", 1)))
            for c in _listed(question, "rubric")
            if isinstance(c, dict)
        ),
    )


def _listed(question: Mapping[str, object], key: str) -> list[object]:
    value = question.get(key)
    return value if isinstance(value, list) else []


def _quotes(question: Mapping[str, object]) -> list[str]:
    evidence = question.get("evidence", "")
    return [str(e) for e in evidence] if isinstance(evidence, list) else [str(evidence)]


def _points_text(points: object) -> str:
    return format(Decimal(str(points)).normalize(), "f")


def _blank_lines(question: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    blanks = question.get("blanks")
    if not isinstance(blanks, Mapping):
        return ()
    lines = []
    for blank_id, answers in blanks.items():
        listed = answers if isinstance(answers, list) else [answers]
        lines.append((str(blank_id), "\n".join(str(a) for a in listed)))
    return tuple(lines)


def _edited(items: Sequence[ReviewItem], reviews: Mapping[str, QuestionReview]) -> list[ReviewItem]:
    edited = []
    for item in items:
        review = reviews.get(item.id)
        if review is None:
            edited.append(item)
            continue
        blanks = tuple((bid, review.blanks.get(bid, answers)) for bid, answers in item.blanks)
        edited.append(
            replace(
                item,
                keep=review.keep,
                prompt=review.prompt,
                answer_lines=review.answer_lines,
                blanks=blanks,
                position=review.position,
                model_answer=item.model_answer
                if review.model_answer is None
                else review.model_answer,
                criteria=item.criteria if review.criteria is None else review.criteria,
            )
        )
    order, problems = _order([item.id for item in edited], reviews)
    if problems:  # the positions stay as typed, beside their messages
        return edited
    by_id = {item.id: item for item in edited}
    return [replace(by_id[qid], position="") for qid in order]


def _article_pieces(bank: Bank, items: Sequence[ReviewItem]) -> tuple[ArticlePiece, ...]:
    text = bank.parsed_article.text
    asked: dict[str, list[str]] = {}
    for item in items:
        for sentence_id in item.sentence_ids:
            asked.setdefault(sentence_id, []).append(item.id)
    pieces: list[ArticlePiece] = []
    at = 0
    for sentence in bank.parsed_article.sentences:
        if sentence.id not in asked:
            continue
        if sentence.start > at:
            pieces.append(ArticlePiece(text[at : sentence.start]))
        marked = text[sentence.start : sentence.end]
        pieces.append(ArticlePiece(marked, sentence.id, tuple(asked[sentence.id])))
        at = sentence.end
    if at < len(text):
        pieces.append(ArticlePiece(text[at:]))
    return tuple(pieces)


# --- the order --------------------------------------------------------------------------------


def _order(
    ids: Sequence[str], reviews: Mapping[str, QuestionReview]
) -> tuple[list[str], list[tuple[str, str]]]:
    """The questions in the order the teacher asked for, and (question id, message) for each
    position that is no place in the quiz.

    A question given another position goes there and the others keep their order around it,
    as when one moves a card: so a page without JavaScript needs only the one number changed.
    """
    count = len(ids)
    wanted: dict[str, int] = {}
    problems: list[tuple[str, str]] = []
    for number, question_id in enumerate(ids, start=1):
        typed = (reviews.get(question_id) or QuestionReview(keep=False)).position.strip()
        if not typed:
            continue
        if not typed.isdigit() or not 1 <= int(typed) <= count:
            problems.append((question_id, f"give a whole number from 1 to {count}, not “{typed}”"))
        elif int(typed) != number:
            wanted[question_id] = int(typed)
    slots: list[str | None] = [None] * count
    for question_id in sorted(wanted, key=lambda qid: (wanted[qid], ids.index(qid))):
        free = [n for n in range(count) if slots[n] is None]
        slots[min(free, key=lambda n: (abs(n - (wanted[question_id] - 1)), n))] = question_id
    rest = iter(qid for qid in ids if qid not in wanted)
    return [slot if slot is not None else next(rest) for slot in slots], problems


# --- applying a review ------------------------------------------------------------------------


def apply_review(yaml_text: str, reviews: Mapping[str, QuestionReview]) -> str:
    """The draft with the teacher's edits applied, in the order asked for and dropped questions
    removed, as YAML.

    Raises :class:`ReviewInvalid` naming the question and the part of it when an edit breaks
    the bank, and InvalidInput when no question is kept.
    """
    data, _bank = _draft_data(yaml_text)
    questions = {str(q.get("id")): q for q in _questions(data)}
    order, misplaced = _order(list(questions), reviews)
    if misplaced:
        order = list(questions)
    numbers = {question_id: n for n, question_id in enumerate(order, start=1)}
    prompts = {
        qid: (reviews.get(qid) or QuestionReview(keep=False)).prompt.strip()
        or str(questions[qid].get("prompt", ""))
        for qid in order
    }
    problems = [
        ReviewProblem(qid, numbers[qid], prompts[qid], "position", message)
        for qid, message in misplaced
    ]
    kept: list[dict[str, object]] = []
    for question_id in order:
        question = questions[question_id]
        review = reviews.get(question_id, QuestionReview(keep=False))
        if not review.keep:
            continue
        number, prompt = numbers[question_id], prompts[question_id]
        for part, message in _apply(question, review):
            problems.append(ReviewProblem(question_id, number, prompt, part, message))
        kept.append(question)
    if not kept and not problems:
        raise InvalidInput("Keep at least one question to save a bank.")
    data["questions"] = kept
    text = dump_bank(data)
    try:
        load_bank_text(text, source_name="<reviewed draft>")
    except BankInvalid as error:
        problems.extend(_place_issues(text, error.issues, kept, numbers))
    if problems:
        raise ReviewInvalid(problems)
    return text


def save_review(
    session: so.Session, teacher: User, yaml_text: str, reviews: Mapping[str, QuestionReview]
) -> BankVersion:
    """Apply the review (:func:`apply_review`) and store the result as a new bank of the
    teacher's, which can then be assigned like any other."""
    text = apply_review(yaml_text, reviews)
    return bank_service.save_bank_text(session, text, user=teacher)


def reviewed_bank(yaml_text: str, reviews: Mapping[str, QuestionReview]) -> Bank:
    """The bank the review would save, for previewing it as a student before saving."""
    return load_bank_text(apply_review(yaml_text, reviews), source_name="<reviewed draft>")


def add_question(yaml_text: str, *, prompt: str, answer: str, answer_start: int | None) -> str:
    """The draft with a short-answer question added at its end, whose answer is the selected
    words of the article (``banks.span_question``); InvalidInput says what to change."""
    _data, bank = _draft_data(yaml_text)
    question = bank_service.span_question(
        bank, prompt=prompt, answer=answer, answer_start=answer_start
    )
    text = append_question(yaml_text, question)
    load_bank_text(text, source_name="<draft>")  # BankInvalid names what the question lacks
    return text


def _apply(question: dict[str, object], review: QuestionReview) -> list[tuple[str, str]]:
    """Apply one question's edits; (part, message) for each edit that cannot be read."""
    kind = question.get("type")
    if review.prompt.strip():
        question["prompt"] = review.prompt.strip()
    blanks = question.get("blanks")
    if kind == "cloze" and isinstance(blanks, dict):
        for blank_id, answers in review.blanks.items():
            if blank_id in blanks:
                blanks[blank_id] = _lines(answers)
    if kind == "written_response":
        return _apply_written(question, review)
    lines = _lines(review.answer_lines)
    if not lines:
        return []
    if kind in CHOICE_TYPES:
        question["choices"] = _edited_choices(question, lines)
        spread_choices(question)
    elif kind == "short_answer":
        question["answers"] = lines
    elif kind == "ordering":
        question["items"] = lines
    elif kind == "true_false":
        question["answer"] = _is_true(lines[0])
    elif kind == "numeric":
        question["answer"] = lines[0]
    elif kind == "cloze":
        question["text"] = " ".join(lines)
    elif kind == "evidence":
        question["evidence"] = lines if len(lines) > 1 else lines[0]
    return []


def _apply_written(question: dict[str, object], review: QuestionReview) -> list[tuple[str, str]]:
    """A written response's model answer and rubric; a row without text is a criterion removed,
    a new row a criterion added (its id made from its words, as marks are stored by id)."""
    if review.model_answer is not None:
        question["model_answer"] = " ".join(review.model_answer.split())
        if not question["model_answer"]:
            del question["model_answer"]
    if review.criteria is None:
        return []
    before = [c for c in _listed(question, "rubric") if isinstance(c, dict)]
    taken = {str(c.get("id")) for c in before}
    rubric: list[dict[str, object]] = []
    problems: list[tuple[str, str]] = []
    for number, line in enumerate(review.criteria, start=1):
        text = " ".join(line.text.split())
        if not text:
            continue
        try:
            points = Decimal(line.points.strip() or "1")
        except InvalidOperation:
            points = Decimal(0)
        if not points.is_finite() or points <= 0:
            problems.append(
                ("rubric", f"give criterion {number} points above 0, not “{line.points.strip()}”")
            )
            continue
        old = before[number - 1] if number <= len(before) else None
        criterion_id = (
            str(old["id"]) if old is not None else unique_slug(text, f"criterion-{number}", taken)
        )
        rubric.append({"id": criterion_id, "text": text, "points": points})
    if rubric:
        question["rubric"] = rubric
    else:
        question.pop("rubric", None)
    return problems


def _edited_choices(question: Mapping[str, object], lines: list[str]) -> list[object]:
    """The choices of the edited answer lines: for multiple choice the first line is right, for
    multi-select each line marked with a star; a choice kept as it was keeps its feedback."""
    feedback = {
        str(c.get("text")): c["feedback"]
        for c in _listed(question, "choices")
        if isinstance(c, dict) and "feedback" in c
    }
    star = RIGHT_MARK.strip()
    choices: list[object] = []
    for number, line in enumerate(lines):
        if question.get("type") == "multi_select":
            right, text = line.startswith(star), line.removeprefix(star).strip()
        else:
            right, text = number == 0, line
        choice: dict[str, object] = {"text": text}
        if right:
            choice["correct"] = True
        if text in feedback:
            choice["feedback"] = feedback[text]
        choices.append(choice if len(choice) > 1 else text)
    return choices


QUESTION_START = re.compile(r"^  - id: *(\S+)")
QUESTION_KEY = re.compile(r"^    ([a-z_]+):")
ITEMS_WORD = re.compile(r"\b(items?)\b")


def _place_issues(
    text: str,
    issues: Sequence[Issue],
    kept: Sequence[Mapping[str, object]],
    numbers: Mapping[str, int],
) -> list[ReviewProblem]:
    """Each issue of the reviewed text on the question and the part of it its line falls in.

    ``dump_bank`` writes every question as ``  - id: …`` with its keys four spaces in, so the
    question is the last such start above the line, and the part the last key above it.
    """
    lines = text.split("\n")
    prompts = {str(q.get("id")): str(q.get("prompt", "")) for q in kept}
    problems = []
    for issue in issues:
        question_id, part = "", ""
        for line in reversed(lines[: max(issue.line, 1)]):
            if not part and (key := QUESTION_KEY.match(line)):
                part = key[1]
            if start := QUESTION_START.match(line):
                question_id = start[1].strip("'\"")
                break
        if not question_id:
            part = ""
        problems.append(
            ReviewProblem(
                question_id=question_id,
                number=numbers.get(question_id, 0),
                prompt=prompts.get(question_id, ""),
                part=part,
                message=_in_page_words(issue.message, part),
            )
        )
    return problems


def _in_page_words(message: str, part: str) -> str:
    """The validator's "items" become the part's own noun: "needs at least 2 choices"."""
    words = FIELD_WORDS.get(part)
    if words is None:
        return message
    _, one, many = words
    return ITEMS_WORD.sub(lambda m: one if m[1] == "item" else many, message)
