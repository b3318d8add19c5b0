"""Quality of the question generator against human questions on SQuAD-format data.

For every human question, the answer-aware generator is asked for a question about the first
human answer at its offset; the output is scored against the human question with corpus BLEU-4
(sacrebleu, lowercased, 13a tokenizer, one reference) and mean ROUGE-L F1 (rouge-score with
stemming, reported x100). Answer coverage is the share of human questions whose human answer
(any of them) the full ``generate`` pass also chose as an answer (token F1 >= 0.5).

Usage: python bench/generator_quality.py ../shared/data/squad_dev_sample.json [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
import string
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quizapp.generator import answers_of_draft, ask, draft_bank

_PUNCTUATION = set(string.punctuation)


def normalised_tokens(text: str) -> list[str]:
    """SQuAD's answer normalisation: lowercase, no punctuation or articles, split on spaces."""
    text = "".join(ch for ch in text.lower() if ch not in _PUNCTUATION)
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return text.split()


def token_f1(candidate: str, reference: str) -> float:
    """SQuAD token-overlap F1 between two answers."""
    got, want = normalised_tokens(candidate), normalised_tokens(reference)
    common = sum((Counter(got) & Counter(want)).values())
    if not got or not want or common == 0:
        return 0.0
    precision, recall = common / len(got), common / len(want)
    return 2 * precision * recall / (precision + recall)


def covered(human_answers: Iterable[str], generated_answers: list[str]) -> bool:
    """Whether any generated answer matches any human answer with token F1 >= 0.5."""
    return any(
        token_f1(generated, human) >= 0.5
        for human in human_answers
        for generated in generated_answers
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="SQuAD-format JSON list of paragraphs")
    parser.add_argument("--show", type=int, default=0, help="print N generated/human pairs")
    args = parser.parse_args(argv)

    import sacrebleu
    from rouge_score import rouge_scorer

    paragraphs = json.loads(args.data.read_text(encoding="utf-8"))
    hypotheses: list[str] = []
    references: list[str] = []
    covered_count = 0
    started = time.perf_counter()
    for paragraph in paragraphs:
        context = paragraph["context"]
        generated = answers_of_draft(draft_bank(context, title=paragraph.get("title", "")))
        for qa in paragraph["qas"]:
            first = qa["answers"][0]
            hypotheses.append(ask(context, first["text"], first["answer_start"]))
            references.append(qa["question"])
            if covered((a["text"] for a in qa["answers"]), generated):
                covered_count += 1
    elapsed = time.perf_counter() - started

    bleu = sacrebleu.corpus_bleu(hypotheses, [references], lowercase=True)
    scorer = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=True)
    rouge = sum(
        scorer.score(reference, hypothesis)["rougeL"].fmeasure
        for hypothesis, reference in zip(hypotheses, references, strict=True)
    ) / max(len(hypotheses), 1)
    for hypothesis, reference in list(zip(hypotheses, references, strict=True))[: args.show]:
        print(f"  gen: {hypothesis}\n  ref: {reference}\n")
    print(f"questions: {len(hypotheses)}")
    print(f"BLEU-4: {bleu.score:.2f}")
    print(f"ROUGE-L F1 (x100): {100 * rouge:.2f}")
    print(f"answer coverage: {100 * covered_count / max(len(hypotheses), 1):.1f}%")
    print(f"seconds: {elapsed:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
