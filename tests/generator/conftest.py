"""Fixtures for generator tests: the shared spaCy pipeline and the sample article."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from quizapp.generator import load_pipeline
from quizapp.generator.reading import read_article

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
SAMPLE_ARTICLE = ARTICLES / "turkey-egypt-talks-2021.txt"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="session")
def sample_article_text() -> str:
    return read_article(SAMPLE_ARTICLE).text


@pytest.fixture(scope="session")
def sample_raw_text() -> str:
    """The sample article as a file holds it: title line, source line, then paragraphs."""
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")
