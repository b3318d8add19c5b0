"""The teacher's marking tables: (key, answer, expected credit) for every class of answer.

Each row of ``tests/data/marking/short_answers.csv`` is one short-answer question about the
article beside it, with one key, graded the way a bank about that article grades it: the
article's names and the acronyms it defines are known, and a row may switch one leniency off.
The same table drives ``quizapp try`` in ``tests/test_cli.py``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path

import pytest

from quizapp.banks.convert import article_acronyms, article_entities, edit_distance
from quizapp.domain.article import Article
from quizapp.domain.questions import Answer, Leniency, ShortAnswer

MARKING = Path(__file__).resolve().parents[2] / "data" / "marking"
ARTICLE = Article((MARKING / "article.txt").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Row:
    """One teacher judgement: the class it tests, the key, the answer and its credit."""

    kind: str
    key: str
    answer: str
    credit: Fraction
    switched_off: str

    @property
    def label(self) -> str:
        off = f" [{self.switched_off} off]" if self.switched_off else ""
        return f"{self.kind}: {self.answer!r} for {self.key!r}{off}"


def marking_rows() -> list[Row]:
    with (MARKING / "short_answers.csv").open(encoding="utf-8", newline="") as table:
        return [
            Row(
                line["class"],
                line["key"],
                line["answer"],
                Fraction(line["credit"]),
                line["switched_off"],
            )
            for line in csv.DictReader(table)
        ]


ROWS = marking_rows()


def question_for(row: Row) -> ShortAnswer:
    leniency = Leniency()
    if row.switched_off:
        leniency = replace(leniency, **{row.switched_off: False})
    return ShortAnswer(
        id="q",
        prompt="?",
        answers=(Answer(row.key),),
        leniency=leniency,
        distinct_entities=article_entities(ARTICLE),
        defined_acronyms=article_acronyms(ARTICLE),
        edit_distance=edit_distance,
    )


def test_the_table_covers_every_class_both_ways() -> None:
    classes = {row.kind for row in ROWS}
    assert classes == {
        "qualifier",
        "hedge",
        "preposition",
        "acronym",
        "per_cent",
        "name_form",
        "name_list",
        "entity_guard",
        "typo_on_values",
        "date_precision",
    }
    for kind in classes - {"typo_on_values"}:
        credits = {row.credit for row in ROWS if row.kind == kind}
        assert credits == {0, 1}, kind
    switches = {row.switched_off for row in ROWS} - {""}
    assert switches == {
        "qualifiers",
        "prepositions",
        "acronyms",
        "per_cent",
        "name_forms",
        "name_sets",
        "typos",
    }


@pytest.mark.parametrize("row", ROWS, ids=[row.label for row in ROWS])
def test_marked_as_the_teacher_marks(row: Row) -> None:
    assert question_for(row).grade({"answer": row.answer}).fraction == row.credit


@pytest.mark.parametrize(
    "row", [row for row in ROWS if row.switched_off], ids=lambda row: row.label
)
def test_each_switched_off_row_is_accepted_with_the_leniency_on(row: Row) -> None:
    """So that a switch-off row fails for the switch, not for another reason."""
    on = question_for(replace(row, switched_off=""))
    assert on.grade({"answer": row.answer}).fraction == 1
