"""Drafting question banks from articles: the use case behind ``quizapp generate`` and the
teacher's "new draft" page.

The generator returns a plain dict; this module writes it as YAML and checks it with the bank
validator before anyone sees it, so a draft is always a bank that loads. Several articles are
parsed in one pass; an article that cannot be read or drafted becomes a failure with a message
while the others still produce banks. The teacher's review of a draft is
``services.draft_review``.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from quizapp.banks import dump_bank, load_bank_text
from quizapp.domain.quiz import Bank
from quizapp.errors import BankInvalid, QuizappError
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
    "article_from_upload",
    "draft_article",
    "generate_from_articles",
    "generate_from_paths",
    "generate_from_upload",
    "propose_question",
    "spread_choices",
]


def spread_choices(question: dict[str, object]) -> None:
    """Put a choice question's choices in an order drawn from its id and prompt.

    The generator and the review page (``services.draft_review``) list the right choice first;
    a quiz that keeps the written order would show the key there, question after question. The
    order is seeded, so the same draft is always written the same way. The seed takes the
    choices' texts too: kinds such as the main idea give every bank the same id and prompt, and
    a seed of those alone put their key at one place in every bank.
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
            spread_choices(question)
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
