"""Fit which modifiers of a sentence human questions keep, on SQuAD training paragraphs.

For every human question, each modifier of the answer's sentence (see
``quizapp/generator/question_trimming.py``) counts as kept when at least half of its content
words appear in the question. A fifth of the articles (by a hash of the title, as in
``confidence_fit.py``) is held out; the AUC there is printed, and ``--write`` saves the weights
the package ships (``quizapp/generator/question_trimming.json``).

Usage: python bench/trimming_fit.py ../shared/data/squad_train_sample.json [--write]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from confidence_fit import fit_and_report, held_out

from quizapp.errors import InvalidInput
from quizapp.generator import load_pipeline
from quizapp.generator.answer_aware import answer_span
from quizapp.generator.question_trimming import FEATURES, WEIGHTS_FILE, candidate_modifiers
from quizapp.generator.question_trimming import feature_values as modifier_values


def kept(root_words: list[str], question: str) -> int:
    words = set(re.findall(r"[a-z0-9]+", question.casefold()))
    content = [w for w in root_words if w]
    return int(bool(content) and sum(w in words for w in content) * 2 >= len(content))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("data", type=Path)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    paragraphs = json.loads(args.data.read_text(encoding="utf-8"))
    names = list(FEATURES)
    rows: dict[bool, list[list[float]]] = {True: [], False: []}
    labels: dict[bool, list[int]] = {True: [], False: []}
    nlp = load_pipeline()
    for paragraph, doc in zip(paragraphs, nlp.pipe(p["context"] for p in paragraphs), strict=True):
        part = held_out(paragraph.get("title", ""))
        for qa in paragraph["qas"]:
            first = qa["answers"][0]
            try:
                answer = answer_span(doc, first["text"], first["answer_start"])
            except InvalidInput:
                continue
            for root in candidate_modifiers(answer):
                words = [
                    t.lower_ for t in root.subtree if (t.is_alpha and not t.is_stop) or t.like_num
                ]
                values = modifier_values(root, answer)
                rows[part].append([values[name] for name in names])
                labels[part].append(kept(words, qa["question"]))
    fit_and_report(
        rows,
        labels,
        names,
        counted="modifiers",
        positive="kept",
        weights_file=WEIGHTS_FILE,
        write=args.write,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
