"""What default banks cover: how many questions, of which types and skills, and whether each bank
asks for the main idea, mixes skills, and asks about a cause or a view when the article has one.

Every article of the folder (``*.txt``, ``*.md``, ``*.html``; or the files given) is drafted with
the default options through the generator's passes, and the kept questions are counted. An
article "has a cause" when the analysis found an explicit cause relation in it, and "has a
quote" when it found a quote of a person it names. ``--refused`` adds the refusals counted by
kind and reason (the first words of each reason), to see which checks and floors keep a bank
short; ``--show`` prints every kept question with its key and options.

Usage: python bench/bank_coverage.py FOLDER_OR_FILES... [--only 01-30] [--refused] [--show]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizapp.generator import DraftOptions, load_pipeline  # noqa: E402
from quizapp.generator.pipeline import DraftReport, run  # noqa: E402
from quizapp.generator.reading import read_article  # noqa: E402

SUFFIXES = (".txt", ".md", ".html")
# Kinds that ask about a stated cause, or about what somebody said.
CAUSE_KINDS = frozenset({"cause_effect"})
VIEW_KINDS = frozenset({"speaker_view", "who_said"})
MIN_SKILLS = 3


def article_paths(given: list[Path], only: str) -> list[Path]:
    paths: list[Path] = []
    for path in given:
        if path.is_dir():
            paths += sorted(p for p in path.iterdir() if p.suffix in SUFFIXES)
        else:
            paths.append(path)
    if only:
        low, high = (int(part) for part in only.split("-"))
        numbered = [(re.match(r"\d+", p.name), p) for p in paths]
        paths = [p for match, p in numbered if match and low <= int(match[0]) <= high]
    return paths


def has_view(report: DraftReport) -> bool:
    people = {chain.full for chain in report.analysis.people()}
    return any(
        (chain := report.analysis.chain_of(quote.speaker)) is not None and chain.full in people
        for quote in report.analysis.quotes
    )


def has_cause(report: DraftReport) -> bool:
    return any(relation.kind == "cause" for relation in report.analysis.relations)


def reason_head(problem: str) -> str:
    """A refusal reason without its particulars ("score: 0.51 is below 0.62" -> "score")."""
    name, _, reason = problem.partition(": ")
    if name == "score":
        return "score below the floor"
    reason = re.sub(r"'[^']*'|\"[^\"]*\"|\(.*\)|\d[\d.]*", "…", reason)
    return f"{name}: {reason}"


def show(name: str, report: DraftReport) -> None:
    print(f"\n== {name}: {len(report.kept)} questions")
    for drafted in report.kept:
        entry = drafted.entry
        print(f"- [{drafted.kind}/{drafted.skill} {drafted.score:.2f}] {drafted.prompt}")
        if entry.get("type") == "ordering":
            for item in entry.get("items", []):  # type: ignore[attr-defined]
                print(f"    > {item}")
            continue
        print(f"    key: {drafted.key}")
        for option in drafted.distractors:
            print(f"    x {option}")
        if drafted.accepted:
            print(f"    also: {', '.join(drafted.accepted)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", type=Path, nargs="+")
    parser.add_argument("--only", default="", help="a range of article numbers, e.g. 01-30")
    parser.add_argument("--refused", action="store_true", help="count refusals by reason")
    parser.add_argument("--show", action="store_true", help="print every kept question")
    args = parser.parse_args(argv)

    paths = article_paths(args.paths, args.only)
    if not paths:
        parser.error("no article files found")
    articles = [read_article(path) for path in paths]
    nlp = load_pipeline()
    options = DraftOptions()
    started = time.perf_counter()
    reports = [
        run(doc, article, options)
        for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True)
    ]
    seconds = time.perf_counter() - started

    sizes = [len(report.kept) for report in reports]
    types: Counter[str] = Counter()
    skills: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    refused: Counter[tuple[str, str]] = Counter()
    main_idea = mixed = cause_due = cause_met = view_due = view_met = either_due = either_met = 0
    for path, report in zip(paths, reports, strict=True):
        bank_kinds = {d.kind for d in report.kept}
        bank_skills = {d.skill for d in report.kept}
        types.update(str(d.entry.get("type")) for d in report.kept)
        skills.update(d.skill for d in report.kept)
        kinds.update(d.kind for d in report.kept)
        main_idea += "main_idea" in bank_kinds
        mixed += len(bank_skills) >= MIN_SKILLS
        cause, view = has_cause(report), has_view(report)
        asked_cause, asked_view = bool(bank_kinds & CAUSE_KINDS), bool(bank_kinds & VIEW_KINDS)
        cause_due += cause
        cause_met += cause and asked_cause
        view_due += view
        view_met += view and asked_view
        either_due += cause or view
        either_met += (cause and asked_cause) or (view and asked_view)
        for drafted in report.refused:
            for problem in drafted.problems[:1]:
                refused[(drafted.kind, reason_head(problem))] += 1
        if args.show:
            show(path.name, report)

    count = len(reports)
    print(f"articles: {count}")
    print(f"banks drafted: {sum(1 for size in sizes if size)}")
    print(
        f"questions per bank: mean {statistics.mean(sizes):.1f}, min {min(sizes)}, "
        f"max {max(sizes)}, total {sum(sizes)}"
    )
    print("types: " + ", ".join(f"{name} {n}" for name, n in types.most_common()))
    print("skills: " + ", ".join(f"{name} {n}" for name, n in skills.most_common()))
    print("kinds: " + ", ".join(f"{name} {n}" for name, n in kinds.most_common()))
    print(f"banks with main idea: {main_idea}/{count}")
    print(f"banks with >= {MIN_SKILLS} skills: {mixed}/{count}")
    print(f"banks with cause/effect when the article states a cause: {cause_met}/{cause_due}")
    print(f"banks with speaker's view when the article quotes someone: {view_met}/{view_due}")
    print(f"banks with cause or view when the article has either: {either_met}/{either_due}")
    print(f"parse and draft: {seconds:.1f} s for {count} articles")
    if args.refused:
        print("refused (first reason, by kind):")
        for (kind, reason), number in sorted(refused.items(), key=lambda item: -item[1]):
            print(f"  {number:4d}  {kind}: {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
