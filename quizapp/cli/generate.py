"""The command that drafts a question bank from each article file."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="A .yaml file (one article) or a folder (default: next to each article).",
)
@click.option("--max-questions", default=12, show_default=True, type=click.IntRange(1, 100))
@click.option(
    "--types",
    default="",
    help="Comma-separated question types to draft (default: all but written_response, which is "
    "drafted only when named).",
)
@click.option("--seed", default=0, show_default=True, type=int, help="Same seed, same draft.")
def generate(
    articles: tuple[Path, ...], output: Path | None, max_questions: int, types: str, seed: int
) -> None:
    """Draft a question bank from each ARTICLE (.txt, .md, .html, .docx, .pdf)."""
    from tqdm import tqdm

    from quizapp.generator import DRAFTED_TYPES, QUESTION_TYPES, DraftOptions
    from quizapp.services.generation import GeneratedBank, generate_from_paths

    chosen = {t.strip() for t in types.split(",") if t.strip()} or set(DRAFTED_TYPES)
    if unknown := sorted(chosen - set(QUESTION_TYPES)):
        raise click.UsageError(
            f"Unknown type(s) {', '.join(unknown)}; use {', '.join(QUESTION_TYPES)}."
        )
    single_file = output is not None and output.suffix in (".yaml", ".yml")
    if single_file and len(articles) > 1:
        raise click.UsageError("-o names one file; give a folder for several articles.")
    options = DraftOptions(max_questions=max_questions, types=frozenset(chosen), seed=seed)
    with tqdm(total=len(articles), unit="article", file=sys.stderr, leave=False) as progress:
        results = generate_from_paths(list(articles), options, on_progress=progress.update)
    written = 0
    for path, result in zip(articles, results, strict=True):
        if not isinstance(result, GeneratedBank):
            click.echo(result.message, err=True)
            continue
        if single_file:
            target = output
        elif output is not None:
            target = output / f"{result.bank.id}.yaml"
        else:
            target = path.with_suffix(".yaml")
        assert target is not None
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(result.yaml_text, encoding="utf-8")
        written += 1
        click.echo(f"{target}: {result.question_count} question(s)")
    click.echo(f"{written} of {len(articles)} article(s) drafted.", err=written < len(articles))
    sys.exit(0 if written == len(articles) else 1)


COMMANDS = [generate]
