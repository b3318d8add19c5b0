"""Drafting question banks from articles: the use case behind ``quizapp generate`` and the
teacher's "new draft" page.

The generator returns a plain dict; this module writes it as YAML and checks it with the bank
validator before anyone sees it, so a draft is always a bank that loads. Several articles are
parsed in one pass; an article that cannot be read or drafted becomes a failure with a message
while the others still produce banks.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from quizapp.banks import dump_bank, load_bank_text
from quizapp.domain.quiz import Bank
from quizapp.errors import BankInvalid, InvalidInput, Issue, QuizappError
from quizapp.generator import (
    DEFAULT_MAX_QUESTIONS,
    DRAFTED_TYPES,
    ArticleText,
    DraftOptions,
    ask,
    draft_banks,
)
from quizapp.generator.reading import (
    MAX_ARTICLE_CHARS as MAX_ARTICLE_CHARS,
)
from quizapp.generator.reading import (
    ArticleUnreadable,
    article_from_bytes,
    read_article,
    too_long_message,
)

CHOICE_TYPES = ("multiple_choice", "multi_select")
# How the review page marks each right choice of a multi-select question.
RIGHT_MARK = "* "


@dataclass(frozen=True)
class GeneratedBank:
    """A drafted bank: its YAML text, the bank it loads to, and where its article came from."""

    name: str
    yaml_text: str
    bank: Bank
    dropped: tuple[str, ...] = ()  # questions the bank schema refused, with the reason

    @property
    def question_count(self) -> int:
        return len(self.bank.questions)


@dataclass(frozen=True)
class GenerationFailure:
    """An article that produced no bank, with a message a person can act on."""

    name: str
    message: str


GenerationResult = GeneratedBank | GenerationFailure

__all__ = [
    "DEFAULT_MAX_QUESTIONS",
    "DraftOptions",
    "GeneratedBank",
    "GenerationFailure",
    "apply_review",
    "article_from_upload",
    "draft_article",
    "generate_from_articles",
    "generate_from_paths",
    "generate_from_upload",
    "propose_question",
    "review_items",
]


def _spread_choices(question: dict[str, object]) -> None:
    """Put a choice question's choices in an order drawn from its id and prompt.

    The generator and the review page list the right choice first; a quiz that keeps the
    written order would show the key there, question after question. The order is seeded, so
    the same draft is always written the same way. The seed takes the choices' texts too:
    kinds such as the main idea give every bank the same id and prompt, and a seed of those
    alone put their key at one place in every bank.
    """
    choices = question.get("choices")
    if question.get("type") in CHOICE_TYPES and isinstance(choices, list):
        shuffled = list(choices)  # the caller's draft stays as it was
        texts = "|".join(str(c.get("text", "") if isinstance(c, dict) else c) for c in choices)
        seed = f"{question.get('id', '')}:{question.get('prompt', '')}:{texts}"
        random.Random(seed).shuffle(shuffled)
        question["choices"] = shuffled


def no_questions_message(name: str, options: DraftOptions) -> str:
    """Why an article gave no bank when the generator found nothing it trusted to ask."""
    if options.types != DRAFTED_TYPES:
        return (
            f"{name}: no question of the types asked for ({', '.join(sorted(options.types))}) "
            "could be drafted from this article; choose more types, or write the questions "
            "yourself."
        )
    return (
        f"{name}: no question could be drafted that would pass its checks; the article may be "
        "too short or have too little to ask about. Try a longer article, or write the "
        "questions yourself."
    )


def bank_text_from_draft(draft: Mapping[str, object], name: str = "<draft>") -> GeneratedBank:
    """The YAML text of a draft dict, validated (raises BankInvalid if the draft is wrong)."""
    questions = draft.get("questions")
    if isinstance(questions, list):
        spread = [dict(question) for question in questions]
        for question in spread:
            _spread_choices(question)
        draft = {**draft, "questions": spread}
    text = dump_bank(draft)
    bank = load_bank_text(text, source_name=name)
    return GeneratedBank(name=name, yaml_text=text, bank=bank)


def valid_bank_from_draft(draft: Mapping[str, object], name: str = "<draft>") -> GeneratedBank:
    """The draft as a valid bank: a question the bank schema refuses is dropped with its reason,
    so one faulty question never costs the article its bank."""
    try:
        return bank_text_from_draft(draft, name)
    except BankInvalid:
        pass
    questions = draft.get("questions")
    kept: list[object] = []
    dropped: list[str] = []
    for question in questions if isinstance(questions, list) else []:
        try:
            bank_text_from_draft({**draft, "questions": [question]}, name)
        except BankInvalid as error:
            label = question.get("id", "?") if isinstance(question, dict) else "?"
            dropped.append(f"{label}: {error}")
        else:
            kept.append(question)
    result = bank_text_from_draft({**draft, "questions": kept}, name)
    return replace(result, dropped=tuple(dropped))


def generate_from_articles(
    articles: Sequence[ArticleText],
    options: DraftOptions | None = None,
    *,
    on_progress: Callable[[], None] | None = None,
) -> Iterator[GenerationResult]:
    """One result per article, in order; drafts are parsed together in one spaCy pass. An
    article longer than :data:`MAX_ARTICLE_CHARS` fails with a reason instead of being parsed
    (time and memory grow with the length; spaCy refuses 1,000,000 characters outright)."""
    options = options or DraftOptions()
    usable = [a for a in articles if a.text.strip() and len(a.text) <= MAX_ARTICLE_CHARS]
    drafts = draft_banks(usable, options)
    for article in articles:
        name = article.name or article.title
        if not article.text.strip():
            yield GenerationFailure(name, f"{name}: the article is empty.")
        elif len(article.text) > MAX_ARTICLE_CHARS:
            yield GenerationFailure(name, too_long_message(name, len(article.text)))
        else:
            draft = next(drafts)
            if not draft.get("questions"):
                yield GenerationFailure(name, no_questions_message(name, options))
                continue
            try:
                yield valid_bank_from_draft(draft, name)
            except BankInvalid as error:
                # a generator bug must not cost the teacher the other articles
                yield GenerationFailure(name, f"{name}: the draft did not validate: {error}")
        if on_progress is not None:
            on_progress()


def generate_from_paths(
    paths: Sequence[Path],
    options: DraftOptions | None = None,
    *,
    on_progress: Callable[[], None] | None = None,
) -> list[GenerationResult]:
    """Read each file and draft a bank for each readable one (results in the paths' order)."""
    results: dict[int, GenerationResult] = {}
    readable: list[tuple[int, ArticleText]] = []
    for index, path in enumerate(paths):
        try:
            readable.append((index, read_article(path)))
        except ArticleUnreadable as error:
            results[index] = GenerationFailure(str(path), str(error))
            if on_progress is not None:
                on_progress()
    generated = generate_from_articles(
        [article for _, article in readable], options, on_progress=on_progress
    )
    for (index, _article), result in zip(readable, generated, strict=True):
        results[index] = result
    return [results[index] for index in range(len(paths))]


def article_from_upload(
    *, text: str = "", title: str = "", data: bytes = b"", filename: str = ""
) -> ArticleText:
    """The article of pasted text or a file, ready to draft (ArticleUnreadable says why not).

    Pasted text's first line is its title; with ``title`` given, a first line that reads as a
    headline is dropped in its favour, any other is text. Reading is bounded by the readers'
    own caps, so it is quick; the drafting itself is what runs outside the request.
    """
    if data and filename:
        article = article_from_bytes(data, filename)
    elif text.strip():
        from quizapp.generator.reading import article_from_text

        if title.strip() and not _starts_with_headline(text):
            article = article_from_text(f"{title.strip()}\n\n{text}", name="pasted text")
        else:
            article = article_from_text(text, name="pasted text")
    else:
        raise ArticleUnreadable("Paste an article or choose a file to upload.")
    if title.strip():
        article = replace(article, title=title.strip())
    if len(article.text) > MAX_ARTICLE_CHARS:
        raise ArticleUnreadable(too_long_message(article.name or "The article", len(article.text)))
    return article


def draft_article(article: ArticleText, options: DraftOptions | None = None) -> GeneratedBank:
    """The draft of one article; a QuizappError with the reason when it yields no bank."""
    result = next(generate_from_articles([article], options))
    if isinstance(result, GenerationFailure):
        raise QuizappError(result.message)
    return result


def generate_from_upload(
    *,
    text: str = "",
    title: str = "",
    data: bytes = b"",
    filename: str = "",
    options: DraftOptions | None = None,
) -> GeneratedBank:
    """A draft from pasted text or a file, read and drafted in this process."""
    article = article_from_upload(text=text, title=title, data=data, filename=filename)
    return draft_article(article, options)


WARM_UP_ARTICLE = ArticleText(
    title="A warm-up",
    text="Ada Lovelace wrote the first published program in 1843. She worked with Charles "
    "Babbage in London, who had designed the Analytical Engine.",
    name="warm-up",
)


def warm_up() -> None:
    """Load everything drafting loads on first use (the spaCy pipeline, the fitted models), so
    that the first real draft of a process is as quick as the next."""
    next(generate_from_articles([WARM_UP_ARTICLE]))


HEADLINE_MAX_CHARS = 200


def _starts_with_headline(text: str) -> bool:
    """Whether pasted text opens with a headline: a short line of its own, not a sentence."""
    first, _, rest = text.strip().partition("\n")
    first = first.strip().lstrip("#").strip()
    return bool(rest.strip()) and len(first) <= HEADLINE_MAX_CHARS and not first.endswith(".")


# What a question for a selection reads of the article: its paragraph and the ones around it.
ASK_CONTEXT_CHARS = 4_000
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def propose_question(context: str, answer: str, answer_start: int) -> str:
    """A question about ``context`` whose answer is the selected ``answer``.

    Only the paragraphs around the selection are parsed (up to :data:`ASK_CONTEXT_CHARS`), so
    asking stays a few sentences' work in the request however long the article is.
    """
    start, end = selection_window(context, answer_start, len(answer))
    return ask(context[start:end], answer, answer_start - start)


def selection_window(context: str, at: int, length: int) -> tuple[int, int]:
    """The bounds of the whole paragraphs around ``context[at:at + length]`` that fit in
    :data:`ASK_CONTEXT_CHARS`, nearest first (one paragraph longer than that is cut around
    the selection, at spaces)."""
    if len(context) <= ASK_CONTEXT_CHARS:
        return 0, len(context)
    at = min(max(at, 0), len(context))
    bounds = [0, *(m.end() for m in PARAGRAPH_BREAK.finditer(context)), len(context)]
    paragraphs = list(itertools.pairwise(bounds))
    first = next(i for i, (_, stop) in enumerate(paragraphs) if at < stop or stop == len(context))
    last = next(
        (i for i, (_, stop) in enumerate(paragraphs) if at + length <= stop), len(paragraphs) - 1
    )
    start, end = paragraphs[first][0], paragraphs[last][1]
    if end - start > ASK_CONTEXT_CHARS:
        half = ASK_CONTEXT_CHARS // 2
        start = context.rfind(" ", 0, max(at - half, 0) + 1) + 1
        end = context.find(" ", min(at + length + half, len(context)))
        return start, len(context) if end < 0 else end
    before, after = first - 1, last + 1
    while before >= 0 or after < len(paragraphs):
        if before >= 0 and end - paragraphs[before][0] <= ASK_CONTEXT_CHARS:
            start = paragraphs[before][0]
            before -= 1
        else:
            before = -1
        if after < len(paragraphs) and paragraphs[after][1] - start <= ASK_CONTEXT_CHARS:
            end = paragraphs[after][1]
            after += 1
        else:
            after = len(paragraphs)
    return start, end


# --- reviewing a draft ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewItem:
    """One drafted question as the review page shows it: the editable parts as plain text.

    ``answer_lines`` means, per type: multiple choice, the choices with the correct one first;
    short answer, the accepted answers; ordering, the items in the right order; true/false,
    "true" or "false"; numeric, the value; cloze, the text with its [[blanks]]; evidence, the
    supporting quote.
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


@dataclass(frozen=True)
class QuestionReview:
    """The teacher's decision on one drafted question; ``blanks`` maps a cloze blank's id to
    its accepted answers, one per line."""

    keep: bool
    prompt: str = ""
    answer_lines: str = ""
    blanks: Mapping[str, str] = field(default_factory=dict)


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
}
# The page's field (its id prefix) that holds each part of a question.
PAGE_FIELDS = {"prompt": "prompt", "blanks": "question"}


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
        """The id prefix of the page element to jump to: "prompt", "answers" or "question"."""
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


def _draft_data(yaml_text: str) -> dict[str, object]:
    """The draft's data, once it is a valid bank (BankInvalid with every issue otherwise): the
    draft travels through the teacher's browser, so its shape is never taken on trust."""
    from quizapp.banks.loading import load_yaml_text

    loaded = load_yaml_text(yaml_text, "<draft>")
    if loaded.fatal or not isinstance(loaded.data, dict):
        raise BankInvalid(loaded.issues)
    load_bank_text(yaml_text, source_name="<draft>")
    data: dict[str, object] = loaded.data
    return data


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def draft_bank(yaml_text: str) -> Bank | None:
    """The draft as a bank, or ``None`` while the teacher's edits leave it invalid."""
    try:
        return load_bank_text(yaml_text, source_name="<draft>")
    except BankInvalid:
        return None


def review_items(
    yaml_text: str, reviews: Mapping[str, QuestionReview] | None = None
) -> list[ReviewItem]:
    """The questions of a draft as the review page lists them; with ``reviews`` (a save that
    failed), each shows the teacher's edits instead, so nothing typed is lost."""
    items = _draft_items(yaml_text)
    if reviews is None:
        return items
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
            )
        )
    return edited


def _draft_items(yaml_text: str) -> list[ReviewItem]:
    items: list[ReviewItem] = []
    questions = _draft_data(yaml_text).get("questions") or []
    assert isinstance(questions, list)
    for question in questions:
        kind = str(question.get("type", ""))
        lines: list[str]
        if kind in CHOICE_TYPES:
            choices = [c if isinstance(c, dict) else {"text": c} for c in question["choices"]]
            ordered = sorted(choices, key=lambda c: not c.get("correct", False))
            # one right choice is the first line; several are each marked with a star
            marked = kind == "multi_select"
            lines = [
                f"{RIGHT_MARK if marked and c.get('correct') else ''}{c['text']}" for c in ordered
            ]
        elif kind == "short_answer":
            lines = [str(a["text"] if isinstance(a, dict) else a) for a in question["answers"]]
        elif kind == "ordering":
            lines = [str(i["text"] if isinstance(i, dict) else i) for i in question["items"]]
        elif kind == "true_false":
            lines = ["true" if question.get("answer") else "false"]
        elif kind == "numeric":
            lines = [str(question.get("answer", ""))]
        elif kind == "cloze":
            lines = [str(question.get("text", ""))]
        else:
            evidence = question.get("evidence", "")
            lines = [str(e) for e in evidence] if isinstance(evidence, list) else [str(evidence)]
        evidence = question.get("evidence", "")
        items.append(
            ReviewItem(
                id=str(question.get("id", "")),
                type=kind,
                prompt=str(question.get("prompt", "")),
                answer_lines="\n".join(lines),
                confidence=str(question.get("confidence", "")),
                evidence=" … ".join(evidence) if isinstance(evidence, list) else str(evidence),
                blanks=_blank_lines(question) if kind == "cloze" else (),
            )
        )
    return items


def _blank_lines(question: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    blanks = question.get("blanks")
    if not isinstance(blanks, Mapping):
        return ()
    lines = []
    for blank_id, answers in blanks.items():
        listed = answers if isinstance(answers, list) else [answers]
        lines.append((str(blank_id), "\n".join(str(a) for a in listed)))
    return tuple(lines)


def _apply(question: dict[str, object], review: QuestionReview) -> None:
    kind = question.get("type")
    if review.prompt.strip():
        question["prompt"] = review.prompt.strip()
    blanks = question.get("blanks")
    if kind == "cloze" and isinstance(blanks, dict):
        for blank_id, answers in review.blanks.items():
            if blank_id in blanks:
                blanks[blank_id] = _lines(answers)
    lines = _lines(review.answer_lines)
    if not lines:
        return
    if kind in CHOICE_TYPES:
        question["choices"] = _edited_choices(question, lines)
        _spread_choices(question)
    elif kind == "short_answer":
        question["answers"] = lines
    elif kind == "ordering":
        question["items"] = lines
    elif kind == "true_false":
        question["answer"] = lines[0].casefold() in ("true", "yes", "t", "1")
    elif kind == "numeric":
        question["answer"] = lines[0]
    elif kind == "cloze":
        question["text"] = " ".join(lines)
    elif kind == "evidence":
        question["evidence"] = lines if len(lines) > 1 else lines[0]


def _edited_choices(question: Mapping[str, object], lines: list[str]) -> list[object]:
    """The choices of the edited answer lines: for multiple choice the first line is right, for
    multi-select each line marked with a star; a choice kept as it was keeps its feedback."""
    before = question.get("choices")
    feedback = {
        str(c.get("text")): c["feedback"]
        for c in (before if isinstance(before, list) else [])
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


def apply_review(yaml_text: str, reviews: Mapping[str, QuestionReview]) -> str:
    """The draft with the teacher's edits applied and dropped questions removed, as YAML.

    Raises :class:`ReviewInvalid` naming the question and the part of it when an edit breaks
    the bank, and InvalidInput when no question is kept.
    """
    data = _draft_data(yaml_text)
    questions = data.get("questions") or []
    assert isinstance(questions, list)
    numbers = {str(q.get("id")): n for n, q in enumerate(questions, start=1)}
    kept: list[dict[str, object]] = []
    for question in questions:
        review = reviews.get(str(question.get("id")), QuestionReview(keep=False))
        if not review.keep:
            continue
        _apply(question, review)
        kept.append(question)
    if not kept:
        raise InvalidInput("Keep at least one question to save a bank.")
    data["questions"] = kept
    text = dump_bank(data)
    try:
        load_bank_text(text, source_name="<reviewed draft>")
    except BankInvalid as error:
        raise ReviewInvalid(_place_issues(text, error.issues, kept, numbers)) from None
    return text


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
