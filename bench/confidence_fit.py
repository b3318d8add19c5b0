"""Fit the asked-span confidence on SQuAD training paragraphs and report its held-out AUC.

Every entity and noun phrase of a paragraph is a candidate; it counts as asked when a human
answer matches it (token F1 >= 0.5). Articles are split by title: about a fifth are held out
and never fitted on. A logistic regression (numpy, L2-regularised, gradient descent) is fitted
on the rest; the AUC on the held-out articles is printed, and with ``--write`` the weights are
saved to ``quizapp/generator/asked_spans.json``, which the generator ships.

Usage: python bench/confidence_fit.py ../shared/data/squad_train_sample.json [--write]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generator_quality import token_f1

from quizapp.generator import load_pipeline
from quizapp.generator.asked_spans import FEATURES, WEIGHTS_FILE, candidate_spans, feature_values

HELD_OUT_SHARE = 0.2
L2 = 1e-3
STEPS = 3000
RATE = 0.5


def held_out(title: str) -> bool:
    """A fixed fifth of the articles, chosen by a hash of the title."""
    digest = hashlib.sha256(title.encode("utf-8")).digest()
    return digest[0] < 256 * HELD_OUT_SHARE


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Area under the ROC curve: the chance a random positive outscores a random negative."""
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    # ties share their mean rank
    for value in np.unique(scores):
        tied = scores == value
        ranks[tied] = ranks[tied].mean()
    positives = labels.sum()
    negatives = len(labels) - positives
    return float(
        (ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives)
    )


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Weights and intercept of a logistic regression on standardised features."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / scale
    weights = np.zeros(z.shape[1])
    intercept = 0.0
    for _ in range(STEPS):
        predicted = 1 / (1 + np.exp(-(z @ weights + intercept)))
        error = predicted - y
        weights -= RATE * (z.T @ error / len(y) + L2 * weights)
        intercept -= RATE * error.mean()
    # back to the raw features' scale, so the package applies them without the means
    raw_weights = weights / scale
    return raw_weights, float(intercept - (raw_weights * mean).sum()), mean, scale


def fit_and_report(
    rows: dict[bool, list[list[float]]],
    labels: dict[bool, list[int]],
    names: list[str],
    *,
    counted: str,
    positive: str,
    weights_file: Path,
    write: bool,
) -> None:
    """Fit on the rows not held out, print both AUCs and the weights, and save them if asked.

    ``rows`` and ``labels`` are keyed by whether the article is held out; ``counted`` names the
    rows ("candidates") and ``positive`` what a label of 1 means ("asked").
    """
    x_fit, y_fit = np.array(rows[False]), np.array(labels[False])
    x_test, y_test = np.array(rows[True]), np.array(labels[True])
    weights, intercept, _, _ = fit(x_fit, y_fit)
    fitted_auc = auc(x_fit @ weights + intercept, y_fit)
    held_auc = auc(x_test @ weights + intercept, y_test)
    print(
        f"{counted}: {len(y_fit)} fitted ({y_fit.mean():.1%} {positive}), "
        f"{len(y_test)} held out ({y_test.mean():.1%} {positive})"
    )
    print(f"AUC on the fitted articles: {fitted_auc:.3f}")
    print(f"AUC on held-out articles: {held_auc:.3f}")
    for name, weight in sorted(zip(names, weights, strict=True), key=lambda p: -abs(p[1])):
        print(f"  {name:24} {weight:+.3f}")
    if write:
        saved = {
            "fitted_on": "SQuAD v1.1 training sample, articles not held out",
            "held_out_auc": round(held_auc, 3),
            "intercept": round(intercept, 4),
            "weights": {n: round(float(w), 4) for n, w in zip(names, weights, strict=True)},
        }
        weights_file.write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")
        print(f"weights written to {weights_file.name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("data", type=Path, help="SQuAD-format JSON list of paragraphs")
    parser.add_argument("--write", action="store_true", help="save the fitted weights")
    args = parser.parse_args(argv)
    paragraphs = json.loads(args.data.read_text(encoding="utf-8"))
    names = list(FEATURES)
    rows: dict[bool, list[list[float]]] = {True: [], False: []}
    labels: dict[bool, list[int]] = {True: [], False: []}
    nlp = load_pipeline()
    docs = nlp.pipe(p["context"] for p in paragraphs)
    for paragraph, doc in zip(paragraphs, docs, strict=True):
        answers = [a["text"] for qa in paragraph["qas"] for a in qa["answers"]]
        part = held_out(paragraph.get("title", ""))
        for span in candidate_spans(doc):
            values = feature_values(span)
            rows[part].append([values[name] for name in names])
            labels[part].append(int(any(token_f1(span.text, a) >= 0.5 for a in answers)))
    fit_and_report(
        rows,
        labels,
        names,
        counted="candidates",
        positive="asked",
        weights_file=WEIGHTS_FILE,
        write=args.write,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
