"""Reviewing a draft: the page's view of each question, and applying keep, drop, edits,
positions and a written response's rubric, with problems placed on their question."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.banks import load_bank_text
from quizapp.domain.questions import MultipleChoice, MultiSelect
from quizapp.errors import InvalidInput
from quizapp.services.draft_review import (
    CriterionLine,
    QuestionReview,
    ReviewInvalid,
    ReviewItem,
    add_question,
    apply_review,
    review_page,
)
from quizapp.services.generation import generate_from_upload

BANK = Path(__file__).resolve().parents[2] / "question_banks" / "turkey-egypt-talks-2021.yaml"
SAMPLE = (
    Path(__file__).resolve().parent.parent / "data" / "articles" / "turkey-egypt-talks-2021.txt"
)


def _items(yaml_text: str, reviews: dict[str, QuestionReview] | None = None) -> list[ReviewItem]:
    return list(review_page(yaml_text, reviews).items)


def test_review_keeps_edits_and_drops() -> None:
    draft = generate_from_upload(text=SAMPLE.read_text(encoding="utf-8"))
    items = _items(draft.yaml_text)
    assert len(items) == draft.question_count
    first, second, *rest = items
    reviews = {
        first.id: QuestionReview(
            keep=True, prompt="An edited prompt?", answer_lines=first.answer_lines
        ),
        second.id: QuestionReview(keep=False),
        **{item.id: QuestionReview(keep=True) for item in rest},
    }
    text = apply_review(draft.yaml_text, reviews)
    bank = load_bank_text(text)
    assert [q.id for q in bank.questions] == [first.id, *(item.id for item in rest)]
    assert bank.questions[0].prompt == "An edited prompt?"


def test_review_edits_multiple_choice_options() -> None:
    draft = generate_from_upload(text=SAMPLE.read_text(encoding="utf-8"))
    choice = next(i for i in _items(draft.yaml_text) if i.type == "multiple_choice")
    text = apply_review(
        draft.yaml_text,
        {choice.id: QuestionReview(keep=True, answer_lines="Cairo\nAnkara\nTobruk\nTripoli")},
    )
    question = load_bank_text(text).question(choice.id)
    assert question.summarise(question.correct_response()) == "Cairo"
    assert isinstance(question, MultipleChoice)
    assert sorted(c.text for c in question.choices) == ["Ankara", "Cairo", "Tobruk", "Tripoli"]


def test_review_edits_which_choices_of_a_multi_select_question_are_right() -> None:
    text = BANK.read_text(encoding="utf-8")
    item = next(i for i in _items(text) if i.id == "talk-days")
    # the right ones come first, each with its star
    assert item.answer_lines == "* Wednesday\n* Thursday\nTuesday\nMonday"
    reviews = {i.id: QuestionReview(keep=True) for i in _items(text)}
    reviews[item.id] = QuestionReview(
        keep=True, answer_lines="* Wednesday\nThursday\nTuesday\nMonday\n*Friday"
    )
    question = load_bank_text(apply_review(text, reviews)).question(item.id)
    assert isinstance(question, MultiSelect)
    assert sorted(c.text for c in question.choices if c.correct) == ["Friday", "Wednesday"]
    assert sorted(c.text for c in question.choices) == [
        "Friday",
        "Monday",
        "Thursday",
        "Tuesday",
        "Wednesday",
    ]
    # a choice kept as it was keeps the feedback the teacher wrote for it
    tuesday = next(c for c in question.choices if c.text == "Tuesday")
    assert tuesday.feedback == "Tuesday is the day the talks were announced, not held."


def test_drafts_and_reviews_write_the_right_choice_at_varied_places() -> None:
    """A quiz that keeps the written order must not show the key at one place."""
    draft = generate_from_upload(text=SAMPLE.read_text(encoding="utf-8"))
    assert generate_from_upload(text=SAMPLE.read_text(encoding="utf-8")).yaml_text == (
        draft.yaml_text
    )  # seeded: the same article is drafted the same way
    choice_questions = [q for q in draft.bank.questions if isinstance(q, MultipleChoice)]
    assert len(choice_questions) >= 3
    drafted = {[c.correct for c in q.choices].index(True) for q in choice_questions}
    assert len(drafted) > 1, drafted
    # The review page lists the key first; the saved bank does not keep it there.
    edits = {
        q.id: QuestionReview(
            keep=True, answer_lines=f"Right {n}\nWrong one\nWrong two\nWrong three"
        )
        for n, q in enumerate(choice_questions)
    }
    reviewed = load_bank_text(apply_review(draft.yaml_text, edits))
    places = set()
    for question in reviewed.questions:
        assert isinstance(question, MultipleChoice)
        right = next(c for c in question.choices if c.correct)
        assert right.text.startswith("Right")
        places.add(question.choices.index(right))
    assert len(places) > 1, places


def test_review_refuses_an_empty_bank_and_a_broken_edit() -> None:
    draft = generate_from_upload(text=SAMPLE.read_text(encoding="utf-8"))
    with pytest.raises(InvalidInput, match="at least one"):
        apply_review(draft.yaml_text, {})
    item = next(i for i in _items(draft.yaml_text) if i.type == "multiple_choice")
    # a choice question with a single choice is not a bank a student can take
    with pytest.raises(ReviewInvalid) as raised:
        apply_review(draft.yaml_text, {item.id: QuestionReview(keep=True, answer_lines="Cairo")})
    [problem] = raised.value.problems
    number = [i.id for i in _items(draft.yaml_text)].index(item.id) + 1
    assert (problem.question_id, problem.number, problem.part) == (item.id, number, "choices")
    assert problem.format() == (
        f"Question {number} (“{item.prompt}”), choices: needs at least 2 choices, found 1."
    )


def test_cloze_answers_are_shown_and_edited_blank_by_blank() -> None:
    text = BANK.read_text(encoding="utf-8")
    cloze = next(i for i in _items(text) if i.type == "cloze")
    assert cloze.answer_lines.count("[[") == len(cloze.blanks) == 3
    assert ("eastern-city", "Tobruk") in cloze.blanks
    edited = {cloze.id: QuestionReview(keep=True, blanks={"eastern-city": "Tobruk\nTubruq"})}
    question = load_bank_text(apply_review(text, edited)).question(cloze.id)
    response = {**question.correct_response(), "eastern-city": "Tubruq"}
    assert question.grade(response).fraction == 1
    with pytest.raises(ReviewInvalid, match="answers of the blanks: needs at least 1 answer"):
        apply_review(text, {cloze.id: QuestionReview(keep=True, blanks={"dictator": " "})})


def test_a_failed_review_shows_every_edit_again() -> None:
    text = BANK.read_text(encoding="utf-8")
    first, second, *_ = _items(text)
    reviews = {
        first.id: QuestionReview(keep=False, prompt="Typed, then dropped", answer_lines="x"),
        second.id: QuestionReview(keep=True, prompt="Edited?", answer_lines="Only one"),
    }
    shown = {item.id: item for item in _items(text, reviews)}
    assert (shown[first.id].keep, shown[first.id].prompt) == (False, "Typed, then dropped")
    assert (shown[second.id].prompt, shown[second.id].answer_lines) == ("Edited?", "Only one")


def _keep_all(text: str) -> dict[str, QuestionReview]:
    return {item.id: QuestionReview(keep=True) for item in _items(text)}


def test_a_question_moved_to_another_position_goes_there_and_the_rest_keep_their_order() -> None:
    text = BANK.read_text(encoding="utf-8")
    ids = [item.id for item in _items(text)]
    reviews = _keep_all(text)
    reviews[ids[4]] = QuestionReview(keep=True, position="1")  # one number changed, no script
    reviews[ids[0]] = QuestionReview(keep=True, position="3")
    saved = [q.id for q in load_bank_text(apply_review(text, reviews)).questions]
    assert saved[:5] == [ids[4], ids[1], ids[0], ids[2], ids[3]]
    assert saved[5:] == ids[5:]
    # renumbered every card, as the page's script does: the order is the one asked for
    swapped = {qid: QuestionReview(keep=True, position=str(n)) for n, qid in enumerate(ids, 1)}
    swapped[ids[0]], swapped[ids[1]] = (
        QuestionReview(keep=True, position="2"),
        QuestionReview(keep=True, position="1"),
    )
    saved = [q.id for q in load_bank_text(apply_review(text, swapped)).questions]
    assert saved == [ids[1], ids[0], *ids[2:]]
    # a failed save shows the questions in the order asked for, numbered again
    shown = _items(text, {**swapped, ids[2]: QuestionReview(keep=True, answer_lines="x")})
    assert [item.id for item in shown][:3] == [ids[1], ids[0], ids[2]]
    assert {item.position for item in shown} == {""}


def test_a_position_that_is_no_place_is_refused_with_the_edits_kept() -> None:
    text = BANK.read_text(encoding="utf-8")
    ids = [item.id for item in _items(text)]
    reviews = _keep_all(text)
    reviews[ids[1]] = QuestionReview(keep=True, prompt="Edited prompt?", position="first")
    reviews[ids[2]] = QuestionReview(keep=True, position="99")
    with pytest.raises(ReviewInvalid) as raised:
        apply_review(text, reviews)
    messages = [problem.format() for problem in raised.value.problems]
    count = len(ids)
    assert messages == [
        f"Question 2 (“Edited prompt?”), position: give a whole number from 1 to {count}, "
        "not “first”.",
        f"Question 3 (“{_items(text)[2].prompt}”), position: give a whole number from 1 to "
        f"{count}, not “99”.",
    ]
    assert raised.value.problems[0].page_field == "position"
    shown = _items(text, reviews)
    assert [item.id for item in shown] == ids  # the order as it was, the typed values kept
    assert (shown[1].position, shown[1].prompt, shown[2].position) == (
        "first",
        "Edited prompt?",
        "99",
    )


def test_a_written_responses_model_answer_and_rubric_are_edited() -> None:
    text = BANK.read_text(encoding="utf-8")
    written = next(i for i in _items(text) if i.type == "written_response")
    assert written.model_answer.startswith("Egypt mistrusts Turkey")
    assert [(c.text[:9], c.points) for c in written.criteria] == [
        ("Gives the", "2"),
        ("Supports ", "2"),
        ("Writes in", "1"),
    ]
    assert written.criterion_rows[-1].text == ""  # a spare row to add a criterion
    criteria = (
        written.criteria[0],
        CriterionLine("Names two details from the article.", "1.5"),
        CriterionLine("", "1"),  # cleared: removed
        CriterionLine("Spells the names right.", "1"),  # added
    )
    reviews = _keep_all(text)
    reviews[written.id] = QuestionReview(
        keep=True, model_answer="Egypt distrusts Turkey.", criteria=criteria
    )
    question = load_bank_text(apply_review(text, reviews)).question(written.id)
    assert question.correct_response() == {"answer": "Egypt distrusts Turkey."}
    rubric = question.marking_criteria()
    assert [(c.id, c.text, str(c.points)) for c in rubric] == [
        ("reason", criteria[0].text, "2"),
        ("details", "Names two details from the article.", "3/2"),
        ("spells-the-names-right", "Spells the names right.", "1"),
    ]


def test_a_rubric_edit_that_breaks_is_named_in_plain_words() -> None:
    text = BANK.read_text(encoding="utf-8")
    written = next(i for i in _items(text) if i.type == "written_response")
    number = [i.id for i in _items(text)].index(written.id) + 1

    reviews = _keep_all(text)
    reviews[written.id] = QuestionReview(
        keep=True,
        prompt="Explain why.",
        model_answer="Kept as typed",
        criteria=(CriterionLine("Gives the reason.", "two"), CriterionLine("Uses details.", "-1")),
    )
    with pytest.raises(ReviewInvalid) as raised:
        apply_review(text, reviews)
    assert [p.format() for p in raised.value.problems] == [
        f"Question {number} (“Explain why.”), rubric: give criterion 1 points above 0, not “two”.",
        f"Question {number} (“Explain why.”), rubric: give criterion 2 points above 0, not “-1”.",
    ]
    assert raised.value.problems[0].page_field == "rubric"
    shown = next(i for i in _items(text, reviews) if i.id == written.id)
    assert shown.model_answer == "Kept as typed"
    assert [c.points for c in shown.criteria] == ["two", "-1"]


def test_each_question_knows_its_source_sentences_and_the_article_marks_them() -> None:
    text = BANK.read_text(encoding="utf-8")
    page = review_page(text)
    assert "".join(piece.text for piece in page.article) == load_bank_text(text).article
    host = next(item for item in page.items if item.id == "host-city")
    [sentence_id] = host.sentence_ids
    [mark] = [piece for piece in page.article if piece.sentence_id == sentence_id]
    assert "arriving in the Egyptian capital, Cairo, for talks" in mark.text
    assert "host-city" in mark.question_ids
    written = next(item for item in page.items if item.type == "written_response")
    assert len(written.sentence_ids) == 2  # drafted from two quotes


def test_the_preview_shows_the_question_as_the_boxes_say_it() -> None:
    text = BANK.read_text(encoding="utf-8")
    items = {item.id: item for item in _items(text)}
    host = items["host-city"].preview
    assert host.choices[0][1] and not any(right for _, right in host.choices[1:])
    days = items["talk-days"].preview
    assert days.several and sorted(t for t, right in days.choices if right) == [
        "Thursday",
        "Wednesday",
    ]
    cloze = items["libya-background"].preview
    assert ("", "Tobruk") in cloze.pieces and not any("[[" in t for t, _ in cloze.pieces)
    edited = _items(text, {"host-city": QuestionReview(keep=True, answer_lines="Ankara\nCairo")})
    assert next(i for i in edited if i.id == "host-city").preview.choices == (
        ("Ankara", True),
        ("Cairo", False),
    )


def test_a_question_for_selected_words_is_added_to_the_draft() -> None:
    text = BANK.read_text(encoding="utf-8")
    article = load_bank_text(text).article
    start = article.index("Sedat Onal")
    added = add_question(
        text, prompt="Who led the Turkish side?", answer="Sedat Onal", answer_start=start
    )
    bank = load_bank_text(added)
    question = bank.questions[-1]
    assert (question.type_name, question.prompt) == ("short_answer", "Who led the Turkish side?")
    assert question.correct_response() == {"answer": "Sedat Onal"}
    assert [i.id for i in _items(added)][-1] == question.id
    with pytest.raises(InvalidInput, match="is not in the article"):
        add_question(text, prompt="Who?", answer="Someone else", answer_start=None)
