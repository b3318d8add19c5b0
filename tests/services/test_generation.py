"""The generation use case: drafts that validate, failures that do not stop other articles,
and reviews that keep, edit and drop questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.banks import dump_bank, load_bank_text
from quizapp.domain.questions import MultipleChoice
from quizapp.errors import BankInvalid, QuizappError
from quizapp.services.generation import (
    DraftOptions,
    GeneratedBank,
    GenerationFailure,
    bank_text_from_draft,
    generate_from_paths,
    generate_from_upload,
    propose_question,
    selection_window,
    valid_bank_from_draft,
)

BANK = Path(__file__).resolve().parents[2] / "question_banks" / "turkey-egypt-talks-2021.yaml"
SAMPLE = (
    Path(__file__).resolve().parent.parent / "data" / "articles" / "turkey-egypt-talks-2021.txt"
)


def test_paths_give_valid_banks_and_clear_failures(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    progress: list[int] = []
    results = generate_from_paths(
        [SAMPLE, empty, tmp_path / "missing.md"], on_progress=lambda: progress.append(1)
    )
    assert len(progress) == 3
    generated, empty_result, missing = results
    assert isinstance(generated, GeneratedBank)
    bank = load_bank_text(generated.yaml_text)
    assert bank.title.startswith("Turkey, Egypt")
    assert bank.source.publisher == "Iran Press TV"
    assert 5 <= generated.question_count <= 12
    assert isinstance(empty_result, GenerationFailure) and "is empty" in empty_result.message
    assert isinstance(missing, GenerationFailure) and "cannot be read" in missing.message


def test_seed_makes_the_draft_repeatable() -> None:
    options = DraftOptions(seed=11)
    first = generate_from_paths([SAMPLE], options)[0]
    second = generate_from_paths([SAMPLE], options)[0]
    assert isinstance(first, GeneratedBank) and isinstance(second, GeneratedBank)
    assert first.yaml_text == second.yaml_text


def test_pasted_text_uses_its_first_line_as_title() -> None:
    draft = generate_from_upload(text=SAMPLE.read_text(encoding="utf-8"))
    assert draft.bank.title.startswith("Turkey, Egypt kick off")
    with pytest.raises(QuizappError, match="Paste an article"):
        generate_from_upload(text="   ")


def test_a_title_given_separately_replaces_the_pasted_headline() -> None:
    article = SAMPLE.read_text(encoding="utf-8")
    headline = article.partition("\n")[0]
    draft = generate_from_upload(text=article, title="Week 3: talks in Cairo")
    assert draft.bank.title == "Week 3: talks in Cairo"
    assert headline not in draft.bank.article
    # Text that opens with a sentence keeps it: only a headline gives way to the title.
    body = article[article.index("Turkey and Egypt have kicked off") :]
    kept = generate_from_upload(text=body, title="Week 3")
    assert kept.bank.article.startswith("Turkey and Egypt have kicked off")


def test_questions_that_share_an_id_and_prompt_still_vary_the_key_place() -> None:
    """Every bank's main-idea question has the same id and prompt; its key must still move."""
    places = set()
    for n in range(12):
        draft = {
            "schema": 1,
            "id": f"bank-{n}",
            "title": f"Article {n}",
            "article": f"Statement {n} one. Statement {n} two. Statement {n} three.",
            "questions": [
                {
                    "id": "main-idea",
                    "type": "multiple_choice",
                    "skill": "main_idea",
                    "prompt": "Which statement best sums up the article?",
                    "choices": [
                        {"text": f"Statement {n} one.", "correct": True},
                        {"text": f"Statement {n} two.", "correct": False},
                        {"text": f"Statement {n} three.", "correct": False},
                        {"text": f"Statement {n} four.", "correct": False},
                    ],
                }
            ],
        }
        [question] = bank_text_from_draft(draft).bank.questions
        assert isinstance(question, MultipleChoice)
        places.add([c.correct for c in question.choices].index(True))
    assert len(places) >= 3, places


def test_propose_question() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    start = text.index("Sedat Onal")
    assert propose_question(text, "Sedat Onal", start) == (
        "Who will lead the diplomatic consultations?"
    )


def test_asking_in_a_long_article_reads_only_the_paragraphs_around_the_selection() -> None:
    sample = SAMPLE.read_text(encoding="utf-8")
    filler = "\n\n".join(f"Paragraph {n} says nothing of the talks at all." for n in range(900))
    text = f"{filler}\n\n{sample}\n\n{filler}"  # about 90,000 characters
    start = text.index("Sedat Onal")
    window_start, window_end = selection_window(text, start, len("Sedat Onal"))
    assert window_end - window_start <= 4_000
    assert text[window_start:window_end].count("\n\n") >= 2
    assert text[window_start - 2 : window_start] == "\n\n"  # whole paragraphs
    assert sample in text[window_start:window_end]  # the nearest ones first, on both sides
    assert propose_question(text, "Sedat Onal", start) == (
        "Who will lead the diplomatic consultations?"
    )
    # One paragraph longer than the window is cut around the selection, at spaces.
    long_paragraph = "word " * 3_000 + "Sedat Onal led the talks. " + "word " * 3_000
    at = long_paragraph.index("Sedat Onal")
    cut_start, cut_end = selection_window(long_paragraph, at, 10)
    assert cut_start <= at < at + 10 <= cut_end and cut_end - cut_start <= 4_010
    assert long_paragraph[cut_start - 1] == " " and long_paragraph[cut_end] == " "


def test_a_question_the_schema_refuses_is_dropped_with_its_reason_and_the_bank_kept() -> None:
    article = "Turkey and Egypt have kicked off talks in Cairo."
    good = {
        "id": "where",
        "type": "short_answer",
        "prompt": "Where are the talks?",
        "answers": ["Cairo"],
    }
    # evidence that is not in the article: the schema refuses this question, not the bank
    bad = {
        "id": "who",
        "type": "short_answer",
        "prompt": "Who kicked off talks?",
        "answers": ["Turkey and Egypt"],
        "evidence": "words the article never says",
    }
    draft = {
        "schema": 1,
        "id": "talks",
        "title": "Talks",
        "article": article,
        "questions": [good, bad],
    }
    result = valid_bank_from_draft(draft, "talks.txt")
    assert [q.id for q in result.bank.questions] == ["where"]
    assert len(result.dropped) == 1 and result.dropped[0].startswith("who:")
    with pytest.raises(BankInvalid):
        load_bank_text(dump_bank(draft), source_name="x")  # the whole draft would fail


def test_an_article_over_spacys_own_limit_fails_with_a_reason_not_a_crash(
    tmp_path: Path,
) -> None:
    body = "The talks went on. " * 52_700  # over 1,000,000 characters, spaCy's own limit
    with pytest.raises(QuizappError, match="a draft takes at most 100,000"):
        generate_from_upload(data=f"Long\n\n{body}".encode(), filename="long.txt")
    path = tmp_path / "long.txt"
    path.write_text(f"Long\n\n{body}", encoding="utf-8")
    (result,) = generate_from_paths([path])
    assert isinstance(result, GenerationFailure) and "at most 100,000" in result.message
