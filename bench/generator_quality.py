"""Quality of the question generator against human questions on SQuAD-format data.

For every human question, the answer-aware generator is asked for a question about the first
human answer at its offset; the output is scored against the human question with corpus BLEU-4
(sacrebleu, lowercased, 13a tokenizer, one reference) and mean ROUGE-L F1 (rouge-score with
stemming, reported x100). Answer coverage is the share of human questions whose human answer
(any of them) the full ``generate`` pass also chose as an answer (token F1 >= 0.5).

Usage: python bench/generator_quality.py ../shared/data/squad_dev_sample.json [--show N]
       [--offset N] [--every N] [--limit N] [--no-coverage] [--dump pairs.json]

``--offset``/``--every``/``--limit`` score a fixed slice of the human questions (counted in file
order; ``--every 20`` takes one in twenty, so every article of a large sample is in the slice);
``--no-coverage`` skips the full drafting pass the coverage figure needs; ``--dump`` writes each
human question beside the generated one, its answer and its sentence, to compare them.
"""

from __future__ import annotations

import argparse
import json
import re
import string
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

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


def sliced(
    paragraphs: list[dict[str, Any]], offset: int, limit: int, every: int = 1
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Each paragraph with its human questions in the slice: counting all questions in file
    order, every ``every``-th from number ``offset`` on, at most ``limit`` (0: no limit)."""
    taken = 0
    number = 0
    for paragraph in paragraphs:
        chosen = []
        for qa in paragraph["qas"]:
            if (
                number >= offset
                and (number - offset) % every == 0
                and not (limit and taken >= limit)
            ):
                chosen.append(qa)
                taken += 1
            number += 1
        if chosen:
            yield paragraph, chosen


def sentence_of(context: str, offset: int) -> str:
    """The sentence of ``context`` around ``offset``, cut at full stops (for reading only)."""
    start = max(context.rfind(". ", 0, offset) + 2, 0) if ". " in context[:offset] else 0
    end = context.find(". ", offset)
    return context[start : end + 1 if end >= 0 else len(context)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="SQuAD-format JSON list of paragraphs")
    parser.add_argument("--show", type=int, default=0, help="print N generated/human pairs")
    parser.add_argument("--offset", type=int, default=0, help="skip the first N human questions")
    parser.add_argument("--limit", type=int, default=0, help="score at most N human questions")
    parser.add_argument("--every", type=int, default=1, help="take every N-th human question")
    parser.add_argument(
        "--no-coverage", action="store_true", help="skip drafting banks for answer coverage"
    )
    parser.add_argument("--dump", type=Path, help="write the pairs to this JSON file")
    args = parser.parse_args(argv)

    import sacrebleu
    from rouge_score import rouge_scorer

    paragraphs = json.loads(args.data.read_text(encoding="utf-8"))
    hypotheses: list[str] = []
    references: list[str] = []
    pairs: list[dict[str, str]] = []
    covered_count = 0
    started = time.perf_counter()
    for paragraph, questions in sliced(paragraphs, args.offset, args.limit, args.every):
        context = paragraph["context"]
        generated = (
            []
            if args.no_coverage
            else answers_of_draft(draft_bank(context, title=paragraph.get("title", "")))
        )
        for qa in questions:
            first = qa["answers"][0]
            hypothesis = ask(context, first["text"], first["answer_start"])
            hypotheses.append(hypothesis)
            references.append(qa["question"])
            pairs.append(
                {
                    "generated": hypothesis,
                    "human": qa["question"],
                    "answer": first["text"],
                    "sentence": sentence_of(context, first["answer_start"]),
                }
            )
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
    if not args.no_coverage:
        print(f"answer coverage: {100 * covered_count / max(len(hypotheses), 1):.1f}%")
    if args.dump:
        args.dump.write_text(json.dumps(pairs, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"seconds: {elapsed:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
