"""The generator's passes end to end: parse -> analyse -> propose -> check -> score and select
-> emit. Reading a file is :mod:`quizapp.generator.reading`; each kind words its own questions.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quizapp.generator.analysis import analyse
from quizapp.generator.emit import bank_dict
from quizapp.generator.kinds import KindContext, all_kinds, kind_named
from quizapp.generator.language_model import load_pipeline
from quizapp.generator.model import ArticleAnalysis, Drafted
from quizapp.generator.references import attach_referents
from quizapp.generator.request import ArticleText, DraftOptions, default_title
from quizapp.generator.scoring import score
from quizapp.generator.selection import select

if TYPE_CHECKING:
    from spacy.tokens import Doc

LOG = logging.getLogger(__name__)
# The types the default kinds draft (not to be confused with request.DRAFTED_TYPES, the types
# asked for when none are named); asking for fewer brings in the single-sentence kinds.
DEFAULT_KIND_TYPES = frozenset({"multiple_choice", "short_answer", "numeric", "ordering"})


@dataclass
class DraftReport:
    """One article's run: the analysis, the kept questions and the refused ones with reasons."""

    analysis: ArticleAnalysis
    kept: list[Drafted]
    refused: list[Drafted] = field(default_factory=list)


def proposals(
    analysis: ArticleAnalysis, options: DraftOptions, kinds: Sequence[str] | None = None
) -> list[Drafted]:
    context = KindContext(seed=options.seed, types=options.types)
    if kinds:
        chosen = [kind_named(name) for name in kinds]
    elif options.types >= DEFAULT_KIND_TYPES:
        chosen = [kind for kind in all_kinds() if kind.default]
    else:  # the teacher chose types: every kind that drafts one of them
        chosen = all_kinds()
    drafts: list[Drafted] = []
    for kind in chosen:
        try:
            for drafted in kind.propose(analysis, context):
                drafted.score = score(drafted, analysis)
                drafts.append(drafted)
        except (IndexError, ValueError, KeyError) as error:
            # a rule that trips on an odd parse costs its kind, never the article
            LOG.warning("kind %s failed on %r: %s", kind.name, analysis.title, error)
    return drafts


def run(
    doc: Doc,
    article: ArticleText,
    options: DraftOptions,
    *,
    kinds: Sequence[str] | None = None,
    disabled_checks: Collection[str] = (),
) -> DraftReport:
    attach_referents(doc)
    analysis = analyse(doc, article.title)
    drafts = proposals(analysis, options, kinds)
    kept, refused = select(drafts, analysis, options.max_questions, disabled_checks=disabled_checks)
    return DraftReport(analysis, kept, refused)


def draft_from_doc(doc: Doc, article: ArticleText, options: DraftOptions) -> dict[str, object]:
    report = run(doc, article, options)
    return bank_dict(article.title, article.text, article.source, report.kept)


def draft_banks(
    articles: Sequence[ArticleText], options: DraftOptions | None = None
) -> Iterator[dict[str, object]]:
    """Draft banks for several articles, parsing them in one ``nlp.pipe`` pass."""
    options = options or DraftOptions()
    nlp = load_pipeline()
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        yield draft_from_doc(doc, article, options)


def draft_bank(
    text: str,
    *,
    title: str = "",
    source: dict[str, str] | None = None,
    options: DraftOptions | None = None,
) -> dict[str, object]:
    """The draft bank for one article's text."""
    article = ArticleText(title or default_title(text), text, dict(source or {}))
    return next(draft_banks([article], options))
