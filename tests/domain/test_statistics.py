"""Moodle's item and test statistics against figures worked out by hand.

The main example: five attempts at a three-question quiz, q1 and q2 worth 1 mark, q3 worth 2.

    attempt   q1  q2  q3   T   (T is the attempt total)
    a1         1   1   2   4
    a2         1   1   1   3
    a3         1   0   1   2
    a4         0   1   0   1
    a5         0   0   1   1

Mean T = 11/5 = 2.2; deviations d = 1.8, 0.8, -0.2, -1.2, -1.2; Σd² = 6.8, so the sample
variance k2 = 6.8/4 = 1.7. Item sample variances: q1 0.3, q2 0.3, q3 0.5 (sum 1.1).
Covariances with the total (sample form): q1 0.6, q2 0.35, q3 0.75 (they add up to k2).
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from quizapp.domain.statistics import (
    DUBIOUS_EFFICIENCY,
    ItemStatistics,
    item_statistics,
    median,
    quiz_statistics,
)

MAX_MARKS = {"q1": Fraction(1), "q2": Fraction(1), "q3": Fraction(2)}
COLUMNS = {"q1": [1, 1, 1, 0, 0], "q2": [1, 1, 0, 1, 0], "q3": [2, 1, 1, 0, 1]}
MARKS = [
    {qid: Fraction(column[attempt]) for qid, column in COLUMNS.items()} for attempt in range(5)
]


def by_id(items: list[ItemStatistics]) -> dict[str, ItemStatistics]:
    return {item.question_id: item for item in items}


def test_facility_sd_and_intended_weight() -> None:
    items = by_id(item_statistics(MARKS, MAX_MARKS))
    # q1: mean 3/5 of 1 mark; SD √0.3 of 1 mark.
    assert items["q1"].facility == pytest.approx(60.0)
    assert items["q1"].standard_deviation == pytest.approx(100 * math.sqrt(0.3))
    assert items["q1"].intended_weight == pytest.approx(25.0)
    # q3: mean 1 of 2 marks; SD √0.5 = 0.7071 of 2 marks = 35.36 %.
    assert items["q3"].facility == pytest.approx(50.0)
    assert items["q3"].standard_deviation == pytest.approx(35.3553, abs=1e-4)
    assert items["q3"].intended_weight == pytest.approx(50.0)


def test_discrimination_index_uses_the_rest_of_the_test() -> None:
    items = by_id(item_statistics(MARKS, MAX_MARKS))
    # q1: Y = T - x = 3, 2, 1, 1, 1; Cov(x, Y) = 1.2/4 = 0.3; Var(Y) = 3.2/4 = 0.8.
    # DI = 100 * 0.3 / √(0.3 * 0.8) = 61.237
    assert items["q1"].discrimination_index == pytest.approx(61.2372, abs=1e-4)
    # q2: Y = 3, 2, 2, 0, 1; Cov = 0.2/4 = 0.05; Var(Y) = 5.2/4 = 1.3 -> 5 / √0.39 = 8.006
    assert items["q2"].discrimination_index == pytest.approx(8.0064, abs=1e-4)
    # q3: Y = 2, 2, 1, 1, 0; Cov = 1.0/4 = 0.25; Var(Y) = 2.8/4 = 0.7 -> 25 / √0.35 = 42.258
    assert items["q3"].discrimination_index == pytest.approx(42.2577, abs=1e-4)


def test_discriminative_efficiency_sorts_both_marginals() -> None:
    items = by_id(item_statistics(MARKS, MAX_MARKS))
    # q1: sorted x 0,0,1,1,1 with sorted Y 1,1,1,2,3 gives the same 1.2: DE = 100 %.
    assert items["q1"].discriminative_efficiency == pytest.approx(100.0)
    # q2: sorted x 0,0,1,1,1 with sorted Y 0,1,2,2,3: CovMax = 2.2/4 = 0.55; 0.05/0.55 = 9.09 %.
    assert items["q2"].discriminative_efficiency == pytest.approx(100 / 11)
    # q3: sorted x 0,1,1,1,2 with sorted Y 0,1,1,2,2: CovMax = 2.0/4 = 0.5; 0.25/0.5 = 50 %.
    assert items["q3"].discriminative_efficiency == pytest.approx(50.0)


def test_dubious_flag_is_efficiency_below_fifteen() -> None:
    items = by_id(item_statistics(MARKS, MAX_MARKS))
    assert DUBIOUS_EFFICIENCY == 15.0
    assert items["q2"].dubious
    assert not items["q1"].dubious
    assert not items["q3"].dubious


def test_effective_weights_share_the_root_covariances() -> None:
    items = by_id(item_statistics(MARKS, MAX_MARKS))
    roots = {"q1": math.sqrt(0.6), "q2": math.sqrt(0.35), "q3": math.sqrt(0.75)}
    total = sum(roots.values())  # 0.774597 + 0.591608 + 0.866025 = 2.232230
    for qid, root in roots.items():
        assert items[qid].effective_weight == pytest.approx(100 * root / total)
    assert items["q1"].effective_weight == pytest.approx(34.7006, abs=1e-4)
    assert sum(item.effective_weight or 0 for item in items.values()) == pytest.approx(100.0)


def test_whole_quiz_statistics() -> None:
    stats = quiz_statistics(MARKS, MAX_MARKS)
    assert (stats.attempts, stats.questions, stats.max_total) == (5, 3, Fraction(4))
    assert stats.mean == pytest.approx(55.0)  # 2.2 of 4
    assert stats.median == pytest.approx(50.0)  # totals 1,1,2,3,4 -> 2 of 4
    assert stats.standard_deviation == pytest.approx(100 * math.sqrt(1.7) / 4)  # 32.596 %
    # m3 = Σd³/5 = 2.88/5 = 0.576; k3 = 25 * 0.576 / (4 * 3) = 1.2; skew = 1.2 / 1.7^1.5
    assert stats.skewness == pytest.approx(1.2 / 1.7**1.5)
    assert stats.skewness == pytest.approx(0.54139, abs=1e-5)
    # m2 = 1.36, m4 = 15.056/5 = 3.0112; k4 = 25 * (6 * 3.0112 - 12 * 1.36²) / 24 = -4.3
    assert stats.kurtosis == pytest.approx(-4.3 / 1.7**2)
    # CIC = 100 * 3/2 * (1 - 1.1/1.7) = 52.94 %; ER = 100 √(1 - 0.5294); SE = ER * SD / 100
    assert stats.cic == pytest.approx(150 * 0.6 / 1.7)
    assert stats.error_ratio == pytest.approx(100 * math.sqrt(1 - 0.9 / 1.7))
    assert stats.error_ratio == pytest.approx(68.5994, abs=1e-4)
    assert stats.standard_error == pytest.approx(22.3607, abs=1e-4)


def test_a_question_that_runs_against_the_total_has_no_effective_weight() -> None:
    # q2 is answered right only by the weakest students.
    marks = [
        {"q1": Fraction(1), "q2": Fraction(0), "q3": Fraction(1)},
        {"q1": Fraction(1), "q2": Fraction(0), "q3": Fraction(1)},
        {"q1": Fraction(0), "q2": Fraction(1), "q3": Fraction(0)},
    ]
    max_marks = {"q1": Fraction(1), "q2": Fraction(1), "q3": Fraction(1)}
    items = by_id(item_statistics(marks, max_marks))
    # T = 2, 2, 1; Cov(q2, T) = ((-1/3)(1/3) * 2 + (2/3)(-2/3)) / 2 = -1/3 < 0.
    assert items["q2"].negative_covariance
    assert items["q2"].effective_weight is None
    assert items["q2"].discrimination_index == pytest.approx(-100.0)
    assert items["q1"].effective_weight == pytest.approx(50.0)


def test_undefined_figures_are_none() -> None:
    one = [{"q1": Fraction(1), "q2": Fraction(0)}]
    max_marks = {"q1": Fraction(1), "q2": Fraction(1)}
    item = by_id(item_statistics(one, max_marks))["q1"]
    assert item.facility == pytest.approx(100.0)
    assert item.standard_deviation is None
    assert item.discrimination_index is None
    assert item.discriminative_efficiency is None
    assert not item.dubious
    stats = quiz_statistics(one, max_marks)
    assert stats.mean == pytest.approx(50.0)
    assert stats.standard_deviation is None
    assert stats.skewness is None and stats.kurtosis is None and stats.cic is None


def test_everyone_scoring_the_same_leaves_correlations_undefined() -> None:
    same = [{"q1": Fraction(1), "q2": Fraction(1)}] * 4
    max_marks = {"q1": Fraction(1), "q2": Fraction(1)}
    item = item_statistics(same, max_marks)[0]
    assert item.standard_deviation == 0.0
    assert item.discrimination_index is None
    assert item.discriminative_efficiency is None
    stats = quiz_statistics(same, max_marks)
    assert stats.standard_deviation == 0.0
    assert stats.skewness is None and stats.cic is None


def test_a_missing_answer_counts_as_zero() -> None:
    marks = [{"q1": Fraction(1)}, {"q1": Fraction(0), "q2": Fraction(1)}]
    max_marks = {"q1": Fraction(1), "q2": Fraction(1)}
    assert by_id(item_statistics(marks, max_marks))["q2"].facility == pytest.approx(50.0)


def test_no_attempts() -> None:
    stats = quiz_statistics([], {"q1": Fraction(1)})
    assert stats.attempts == 0 and stats.mean is None and stats.median is None
    assert item_statistics([], {"q1": Fraction(1)})[0].facility is None


@pytest.mark.parametrize(
    ("values", "expected"),
    [([Fraction(3)], Fraction(3)), ([4, 1, 3], 3), ([4, 1, 3, 2], Fraction(5, 2))],
)
def test_median(values: list[Fraction], expected: Fraction) -> None:
    assert median([Fraction(v) for v in values]) == expected
