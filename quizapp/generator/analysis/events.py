"""Dated events: sentences that say in which year something happened, in the article's order."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from quizapp.generator.model import DatedEvent

if TYPE_CHECKING:
    from spacy.tokens import Span

YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def dated_events(sentences: Sequence[Span]) -> list[DatedEvent]:
    """One event per sentence that carries exactly one year (two years make its order unclear)."""
    found: list[DatedEvent] = []
    for index, sentence in enumerate(sentences):
        dates = [e for e in sentence.ents if e.label_ == "DATE" and YEAR.search(e.text)]
        years = {int(YEAR.search(e.text)[0]) for e in dates}  # type: ignore[index]
        if len(years) == 1:
            found.append(DatedEvent(years.pop(), index, dates[0].text))
    return found
