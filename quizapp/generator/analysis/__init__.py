"""The analyse pass: what matters in a parsed article, who is who, who said what, and why.

:func:`analyse` runs each part once per article and returns one :class:`ArticleAnalysis`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizapp.generator.analysis.events import dated_events
from quizapp.generator.analysis.importance import main_sentence, sentence_importance, topic_words
from quizapp.generator.analysis.mentions import mention_chains
from quizapp.generator.analysis.quotes import quotes_in
from quizapp.generator.analysis.relations import relations_in
from quizapp.generator.answers import article_entities
from quizapp.generator.model import ArticleAnalysis

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["analyse"]


def analyse(doc: Doc, title: str) -> ArticleAnalysis:
    """Everything the kinds need to know about ``doc`` (an article titled ``title``)."""
    sentences = list(doc.sents)
    chains = mention_chains(doc, sentences)
    importance = sentence_importance(doc, sentences, title, chains)
    return ArticleAnalysis(
        doc=doc,
        title=title,
        sentences=sentences,
        importance=importance,
        chains=chains,
        quotes=quotes_in(sentences, chains),
        relations=relations_in(sentences),
        events=dated_events(sentences),
        topic_words=topic_words(doc, title),
        main_sentence=main_sentence(sentences, importance),
        entities=article_entities(doc),
    )
