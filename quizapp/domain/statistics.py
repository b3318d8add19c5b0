"""Moodle's quiz statistics: per-question (item) and whole-quiz (test) figures, computed exactly.

The formulas are those of Moodle's statistics report (``core_question`` item calculator and
``quiz_statistics`` calculator): means over the ``s`` attempts used, variances and covariances in
the sample form ``/(s-1)``, the discrimination index and discriminative efficiency against the
*rest-of-test* mark ``Y = T - x``, the maximum covariance with both marginals sorted ascending
independently, effective weights over questions whose covariance with the total is not negative,
and the cumulant-based skewness and kurtosis. Sums are taken with ``Fraction`` so that the only
rounding is the final square root; results are percentages as floats (``None`` when Moodle shows
nothing), left unrounded: displays round them to two decimals as Moodle does.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

# Moodle's statistics table marks a question "dubious" below this discriminative efficiency (%).
DUBIOUS_EFFICIENCY = 15.0


@dataclass(frozen=True)
class ItemStatistics:
    """Moodle's per-question figures; every percentage is ``None`` when it is undefined."""

    question_id: str
    max_mark: Fraction
    attempts: int
    facility: float | None  # mean mark / max mark, %
    standard_deviation: float | None  # SD of the mark / max mark, %
    intended_weight: float | None  # max mark / quiz max, %
    discrimination_index: float | None  # correlation with the rest of the test, x100
    discriminative_efficiency: float | None  # covariance / the largest possible covariance, %
    effective_weight: float | None  # share of the total's spread, % (None: negative covariance)
    negative_covariance: bool

    @property
    def dubious(self) -> bool:
        """Moodle's flag: the question separates strong from weak students too little."""
        return (
            self.discriminative_efficiency is not None
            and self.discriminative_efficiency < DUBIOUS_EFFICIENCY
        )


@dataclass(frozen=True)
class QuizStatistics:
    """Moodle's whole-quiz figures over the chosen attempts.

    ``mean``, ``median``, ``standard_deviation`` and ``standard_error`` are percentages of the
    quiz's maximum mark; ``cic`` (Cronbach's alpha) and ``error_ratio`` are percentages;
    skewness and kurtosis have no unit.
    """

    attempts: int
    questions: int
    max_total: Fraction
    mean: float | None
    median: float | None
    standard_deviation: float | None
    skewness: float | None
    kurtosis: float | None
    cic: float | None
    error_ratio: float | None
    standard_error: float | None


def _mean(values: Sequence[Fraction]) -> Fraction:
    return sum(values, Fraction(0)) / len(values)


def _covariance(xs: Sequence[Fraction], ys: Sequence[Fraction]) -> Fraction:
    """Sample covariance ``Σ(x - x̄)(y - ȳ) / (s - 1)``; callers ensure ``s > 1``."""
    mean_x, mean_y = _mean(xs), _mean(ys)
    total = sum(((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)), Fraction(0))
    return total / (len(xs) - 1)


def _percent_of(value: Fraction | float, whole: Fraction) -> float | None:
    if whole == 0:
        return None
    if isinstance(value, Fraction):
        return float(100 * value / whole)  # exact until this one rounding
    return 100 * value / float(whole)


def _marks_by_question(
    marks: Sequence[Mapping[str, Fraction]], question_ids: Sequence[str]
) -> dict[str, list[Fraction]]:
    # A question missing from an attempt's marks was not answered: Moodle counts it as 0.
    return {
        qid: [Fraction(attempt.get(qid, Fraction(0))) for attempt in marks] for qid in question_ids
    }


def item_statistics(
    marks: Sequence[Mapping[str, Fraction]], max_marks: Mapping[str, Fraction]
) -> list[ItemStatistics]:
    """Per-question statistics, in the order of ``max_marks``.

    ``marks`` holds one mapping per attempt used (question id -> mark = fraction x points);
    ``max_marks`` maps each question of the quiz to its maximum mark.
    """
    question_ids = list(max_marks)
    s = len(marks)
    by_question = _marks_by_question(marks, question_ids)
    totals = [sum((by_question[q][a] for q in question_ids), Fraction(0)) for a in range(s)]
    quiz_max = sum((Fraction(m) for m in max_marks.values()), Fraction(0))

    covariance_with_total: dict[str, Fraction | None] = {
        qid: _covariance(by_question[qid], totals) if s > 1 else None for qid in question_ids
    }
    # Effective weights share out the spread of the total among the questions that add to it.
    root_sum = sum(
        math.sqrt(cov) for cov in covariance_with_total.values() if cov is not None and cov >= 0
    )

    results = []
    for qid in question_ids:
        max_mark = Fraction(max_marks[qid])
        xs = by_question[qid]
        rest = [total - x for total, x in zip(totals, xs, strict=True)]
        facility = _percent_of(_mean(xs), max_mark) if s else None
        sd = di = de = ew = None
        cov_total = covariance_with_total[qid]
        if s > 1:
            variance_x = _covariance(xs, xs)
            sd = _percent_of(math.sqrt(variance_x), max_mark)
            variance_rest = _covariance(rest, rest)
            cov_rest = _covariance(xs, rest)
            if variance_x != 0 and variance_rest != 0:
                di = 100 * float(cov_rest) / math.sqrt(variance_x * variance_rest)
            # The largest covariance these two marginal distributions allow: both sorted.
            covariance_max = _covariance(sorted(xs), sorted(rest))
            if covariance_max != 0:
                de = 100 * float(cov_rest / covariance_max)
            if cov_total is not None and cov_total >= 0 and root_sum > 0:
                ew = 100 * math.sqrt(cov_total) / root_sum
        results.append(
            ItemStatistics(
                question_id=qid,
                max_mark=max_mark,
                attempts=s,
                facility=facility,
                standard_deviation=sd,
                intended_weight=_percent_of(max_mark, quiz_max),
                discrimination_index=di,
                discriminative_efficiency=de,
                effective_weight=ew,
                negative_covariance=cov_total is not None and cov_total < 0,
            )
        )
    return results


def median(values: Sequence[Fraction]) -> Fraction:
    """The middle value, or the mean of the two middle values for an even count."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def quiz_statistics(
    marks: Sequence[Mapping[str, Fraction]], max_marks: Mapping[str, Fraction]
) -> QuizStatistics:
    """Whole-quiz statistics over the attempts in ``marks`` (see :func:`item_statistics`)."""
    question_ids = list(max_marks)
    s = len(marks)
    p = len(question_ids)
    max_total = sum((Fraction(m) for m in max_marks.values()), Fraction(0))
    by_question = _marks_by_question(marks, question_ids)
    totals = [sum((by_question[q][a] for q in question_ids), Fraction(0)) for a in range(s)]
    if s == 0:
        return QuizStatistics(0, p, max_total, None, None, None, None, None, None, None, None)

    mean_total = _mean(totals)
    deviations = [total - mean_total for total in totals]
    m2 = sum((d**2 for d in deviations), Fraction(0)) / s
    m3 = sum((d**3 for d in deviations), Fraction(0)) / s
    m4 = sum((d**4 for d in deviations), Fraction(0)) / s

    sd = skewness = kurtosis = cic = error_ratio = standard_error = None
    if s > 1:
        k2 = s * m2 / (s - 1)
        sd_marks = math.sqrt(k2)
        sd = _percent_of(sd_marks, max_total)
        if s > 2 and k2 != 0:
            k3 = s**2 * m3 / ((s - 1) * (s - 2))
            skewness = float(k3) / float(k2) ** 1.5
        if s > 3 and k2 != 0:
            k4 = s**2 * ((s + 1) * m4 - 3 * (s - 1) * m2**2) / ((s - 1) * (s - 2) * (s - 3))
            kurtosis = float(k4 / k2**2)
        if p > 1 and k2 != 0:
            item_variance_sum = sum(
                (_covariance(by_question[q], by_question[q]) for q in question_ids), Fraction(0)
            )
            alpha = Fraction(p, p - 1) * (1 - item_variance_sum / k2)
            cic = 100 * float(alpha)
            # Cronbach's alpha can be negative; its error ratio then exceeds 100 %.
            error_ratio = 100 * math.sqrt(max(0.0, 1 - float(alpha)))
            if sd is not None:
                standard_error = error_ratio * sd / 100

    return QuizStatistics(
        attempts=s,
        questions=p,
        max_total=max_total,
        mean=_percent_of(mean_total, max_total),
        median=_percent_of(median(totals), max_total),
        standard_deviation=sd,
        skewness=skewness,
        kurtosis=kurtosis,
        cic=cic,
        error_ratio=error_ratio,
        standard_error=standard_error,
    )
