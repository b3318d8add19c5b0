"""Speed of the question generator against spaCy's own parse of the same text (the floor).

For the sample article and each news article of the news sample, the script times (best of
``--repeat`` runs, pipeline already loaded) spaCy alone parsing the text, and the whole draft
(the same parse plus every rule, distractor and filter), then prints both and their ratio. It
ends with the peak memory of the process (``resource.getrusage``) and of Python allocations
during one draft of every article (``tracemalloc``).

Usage: python bench/generator_speed.py [--repeat N]
       (paths default to ../shared relative to the repository)
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizapp.generator import ArticleText, draft_bank, load_pipeline  # noqa: E402
from quizapp.generator.reading import read_article  # noqa: E402

SHARED = ROOT.parent / "shared"


def best_time(action: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds (the least disturbed by other work)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def articles(sample: Path, news: Path) -> list[ArticleText]:
    found = [read_article(sample)]
    for story in json.loads(news.read_text(encoding="utf-8")):
        found.append(ArticleText(title=story["title"], text=story["context"], name=story["id"]))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sample", type=Path, default=SHARED / "articles" / "turkey-egypt-talks-2021.txt"
    )
    parser.add_argument("--news", type=Path, default=SHARED / "data" / "news_mcq_dev_sample.json")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    load_started = time.perf_counter()
    nlp = load_pipeline()
    print(f"pipeline load: {time.perf_counter() - load_started:.2f} s")
    stories = articles(args.sample, args.news)
    # warm both paths once so that first-call costs (caches, lazy imports) are not measured
    nlp(stories[0].text)
    draft_bank(stories[0].text, title=stories[0].title)

    total_parse = total_draft = 0.0
    print(f"{'article':<28} {'words':>6} {'parse ms':>9} {'draft ms':>9} {'ratio':>6}")
    for story in stories:
        words = len(story.text.split())
        parse = best_time(lambda s=story: nlp(s.text), args.repeat)
        draft = best_time(lambda s=story: draft_bank(s.text, title=s.title), args.repeat)
        total_parse += parse
        total_draft += draft
        name = (story.name or story.title)[-28:]
        print(
            f"{name:<28} {words:>6} {parse * 1000:>9.1f} {draft * 1000:>9.1f} {draft / parse:>6.2f}"
        )
    print(f"total parse: {total_parse:.3f} s")
    print(f"total draft: {total_draft:.3f} s")
    print(f"draft / parse ratio: {total_draft / total_parse:.2f}")

    tracemalloc.start()
    for story in stories:
        draft_bank(story.text, title=story.title)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak Python allocations while drafting: {peak / 1e6:.1f} MB")
    # ru_maxrss is in kilobytes on Linux
    print(
        f"peak resident memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
