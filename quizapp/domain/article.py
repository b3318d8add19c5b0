"""An article as the quiz sees it: paragraphs, sentences with stable ids, and quote lookup.

``Article(text)`` splits news text deterministically into paragraphs (separated by blank lines)
and sentences numbered "s1".."sN" in document order, each with character offsets into the
original text, so that evidence can be highlighted exactly. ``locate`` finds a quote while
ignoring case, runs of whitespace and curly-versus-straight quotes; ``named_spans`` lists the
capitalised, name-like spans that short-answer grading treats as distinct entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that end with a period but (almost) never end a sentence: a name always follows.
_TITLES = _word_set(
    "mr mrs ms messrs dr prof sr jr st gen col lt sgt capt cmdr adm maj gov sen rep rev hon "
    "pres supt insp det cpl pvt fr mt ft vs"
)
# Abbreviations that stay inside a sentence when a number follows ("Jan. 5", "No. 3").
_BEFORE_NUMBER = _word_set(
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vol vols p pp art fig ch sec"
)
# Abbreviations that often end a sentence too ("Apple Inc. The ..."); they end one only before a
# word that typically opens a sentence.
_COMPANY = _word_set("inc ltd corp co bros plc llc etc")
_SENTENCE_OPENERS = _word_set(
    "the a an he she it they we i you his her its their our this that these those there "
    "but and or so yet in on at after before when while if as since some many most "
    "however meanwhile according officials one two"
)
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")  # "U.S" of "U.S.", "a.m" of "a.m."
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s)")
_CLOSERS = "\"'\u201d\u2019)]"
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*(?:\n[ \t\r\f\v]*)+")

# Characters that quote lookup treats as the same (typographic quotes and dashes).
_LOOKALIKES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)

# Lower-case words allowed inside a name ("Bank of England", "Ludwig van Beethoven").
_NAME_CONNECTORS = _word_set("of de van von bin bint al da du del della der den la le y")
# Words that head a name as a title; the name proper follows the last of them.
_NAME_TITLES = _word_set(
    "president minister ambassador secretary king queen prince princess sheikh mr mrs ms dr "
    "prof sir lord lady senator governor mayor chancellor judge justice colonel captain "
    "lieutenant sergeant commander admiral director spokesman spokeswoman spokesperson "
    "chairman chairwoman pope bishop reverend emperor dictator leader premier envoy"
)
# Words that only qualify a title ("Secretary General", "Deputy Minister").
_TITLE_MODIFIERS = _word_set("deputy vice general chief foreign affairs prime interior")
_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")


@dataclass(frozen=True)
class Paragraph:
    """A block of text between blank lines; ``start``/``end`` are offsets into the article."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """One sentence: id "s<n>", offsets into the article (end exclusive), text, paragraph index."""

    id: str
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class Article:
    """An article's text with its paragraphs and sentences, computed once on first use."""

    text: str

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The blocks of text separated by blank lines, trimmed, in order."""
        found: list[Paragraph] = []
        position = 0
        breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(self.text)]
        for break_start, break_end in [*breaks, (len(self.text), len(self.text))]:
            start, end = _trim(self.text, position, break_start)
            if start < end:
                found.append(Paragraph(len(found), start, end, self.text[start:end]))
            position = break_end
        return tuple(found)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence, numbered "s1".."sN" across the whole article."""
        found: list[Sentence] = []
        for paragraph in self.paragraphs:
            for segment_start, segment_end in _paragraph_segments(self.text, paragraph):
                for start, end in _split_segment(self.text, segment_start, segment_end):
                    sentence_id = f"s{len(found) + 1}"
                    found.append(
                        Sentence(sentence_id, start, end, self.text[start:end], paragraph.index)
                    )
        return tuple(found)

    def sentence(self, sentence_id: str) -> Sentence:
        """The sentence with this id; KeyError when the article has no such sentence."""
        return self._sentences_by_id[sentence_id]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing the character at ``offset``, if any."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    def sentences_between(self, start: int, end: int) -> list[Sentence]:
        """The sentences that overlap the span [start, end)."""
        return [s for s in self.sentences if s.start < end and start < s.end]

    def locate(self, quote: str) -> tuple[int, int] | None:
        """Offsets (start, end) of the first occurrence of ``quote``, or None.

        Case, runs of whitespace (including line breaks) and typographic versus straight
        quotes and dashes are ignored, because teachers retype quotes from the article.
        """
        wanted, _ = _searchable(quote.strip())
        if not wanted:
            return None
        position = self._searchable_text[0].find(wanted)
        if position < 0:
            return None
        origins = self._searchable_text[1]
        return origins[position], origins[position + len(wanted) - 1] + 1

    def sentences_for_quote(self, quote: str) -> list[Sentence]:
        """The sentences a quote falls in (empty when the quote is not in the article)."""
        span = self.locate(quote)
        return [] if span is None else self.sentences_between(*span)

    def named_spans(self) -> tuple[str, ...]:
        """Capitalised, name-like spans ("Sedat Onal", "Cairo"), each once, in order of appearance.

        A simple heuristic, not named-entity recognition: runs of capitalised words (with
        connectors such as "of" inside), cut at punctuation and possessives. A capitalised word
        opening a sentence counts only if the article also capitalises it mid-sentence, so
        "The" and "Diplomats" are left out while "Turkey" stays. A run headed by titles
        ("Turkish President Recep Tayyip Erdogan") also yields the name after the last title.
        """
        runs_per_sentence = [_capitalised_runs(sentence.text) for sentence in self.sentences]
        mid_sentence_words = {
            name
            for runs in runs_per_sentence
            for run in runs
            for position, word in run
            for name in [word, *word.split("-")[1:]]
            if position > 0 and name[:1].isupper()
        }
        spans: dict[str, None] = {}
        for runs in runs_per_sentence:
            for run in runs:
                words = [word for _, word in run]
                if run[0][0] == 0 and words[0] not in mid_sentence_words:
                    words = words[1:]
                for span in _name_spans(words):
                    spans.setdefault(span, None)
        return tuple(spans)

    @cached_property
    def _sentences_by_id(self) -> dict[str, Sentence]:
        return {sentence.id: sentence for sentence in self.sentences}

    @cached_property
    def _searchable_text(self) -> tuple[str, list[int]]:
        return _searchable(self.text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _searchable(text: str) -> tuple[str, list[int]]:
    """Text folded for quote search, with the original offset of every folded character."""
    folded: list[str] = []
    origins: list[int] = []
    previous_space = True
    for offset, char in enumerate(text):
        if char.isspace():
            if not previous_space:
                folded.append(" ")
                origins.append(offset)
            previous_space = True
            continue
        previous_space = False
        for piece in char.translate(_LOOKALIKES).lower():
            folded.append(piece)
            origins.append(offset)
    while folded and folded[-1] == " ":
        folded.pop()
        origins.pop()
    return "".join(folded), origins


def _ends_sentence(line: str) -> bool:
    return line.rstrip().rstrip(_CLOSERS).endswith((".", "!", "?", "\u2026", ":"))


def _paragraph_segments(text: str, paragraph: Paragraph) -> list[tuple[int, int]]:
    """Stretches of a paragraph inside which only punctuation can end a sentence.

    A single line break is a space in wrapped prose, but ends a sentence in a headline,
    a byline or a list. A paragraph counts as prose when its last line ends like a sentence.
    """
    lines: list[tuple[int, int]] = []
    position = paragraph.start
    for line in paragraph.text.split("\n"):
        start, end = _trim(text, position, position + len(line))
        if start < end:
            lines.append((start, end))
        position += len(line) + 1
    prose = _ends_sentence(text[lines[-1][0] : lines[-1][1]])
    segments: list[tuple[int, int]] = []
    for start, end in lines:
        joins_previous = prose and segments and not _BULLET.match(text[start:end])
        if joins_previous:
            segments[-1] = (segments[-1][0], end)
        else:
            segments.append((start, end))
    return segments


def _split_segment(text: str, start: int, end: int) -> list[tuple[int, int]]:
    segment = text[start:end]
    pieces: list[tuple[int, int]] = []
    piece_start = 0
    for match in _SENTENCE_END.finditer(segment):
        following = segment[match.end() :].lstrip()
        if not following or not _ends_here(segment[piece_start : match.start()], match, following):
            continue
        pieces.append((start + piece_start, start + match.end()))
        piece_start = len(segment) - len(following)
    pieces.append((start + piece_start, end))
    return pieces


def _ends_here(before: str, punctuation: re.Match[str], following: str) -> bool:
    """Whether the punctuation in ``punctuation`` ends a sentence, given the text around it."""
    first = following[0]
    if first.islower():
        return False
    if not (first.isupper() or first.isdigit() or first in "\"'\u201c\u2018([\u00ab"):
        return False
    if punctuation.group().rstrip(_CLOSERS) != ".":
        return True
    words = before.split()
    word = words[-1].lstrip(_CLOSERS + "\u201c\u2018(") if words else ""
    lowered = word.lower()
    next_word = re.sub(r"\W+$", "", following.split()[0].lstrip("\"'\u201c\u2018(")).lower()
    if lowered in _TITLES:
        return False
    if len(word) == 1 and word.isupper():  # an initial: "George W. Bush"
        return False
    if lowered in _BEFORE_NUMBER and first.isdigit():
        return False
    if _DOTTED_ACRONYM.match(word) or lowered in _COMPANY:
        return next_word in _SENTENCE_OPENERS
    return True


def _capitalised_runs(sentence: str) -> list[list[tuple[int, str]]]:
    """Runs of name-like words in a sentence, as (word position in sentence, word) pairs."""
    runs: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    previous_end = -1
    for position, match in enumerate(_WORD.finditer(sentence)):
        word, cut_after = _name_word(match.group())
        adjacent = previous_end >= 0 and sentence[previous_end : match.start()].isspace()
        name_like = word[:1].isupper() or bool(re.match(r"^[a-z]{1,3}-[A-Z]", word))
        if name_like and word != "I":
            if not adjacent:
                _close_run(runs, current)
                current = []
            current.append((position, word))
        elif word in _NAME_CONNECTORS and current and adjacent:
            current.append((position, word))
        else:
            _close_run(runs, current)
            current = []
        previous_end = match.end()
        if cut_after:
            _close_run(runs, current)
            current = []
            previous_end = -1
    _close_run(runs, current)
    return runs


def _close_run(runs: list[list[tuple[int, str]]], run: list[tuple[int, str]]) -> None:
    while run and run[-1][1] in _NAME_CONNECTORS:
        run.pop()
    if run:
        runs.append(list(run))


def _name_word(token: str) -> tuple[str, bool]:
    """The word a token contributes to a name, and whether the name must end after it."""
    word = token.rstrip(".")
    if _DOTTED_ACRONYM.match(word):
        return token, False  # "U.S." keeps its periods
    cut_after = word != token and word.lower() not in _TITLES and len(word) > 1
    if word.endswith(("'s", "\u2019s")):
        word, cut_after = word[:-2], True  # "Egypt's Foreign Minister": Egypt ends there
    word = word.rstrip("'\u2019")
    if "-" in word and not word.rsplit("-", 1)[1][:1].isupper():
        word, cut_after = word.split("-", 1)[0], True  # "NATO-backed" names NATO
    return word, cut_after


def _name_spans(words: list[str]) -> list[str]:
    while words and words[0] in _NAME_CONNECTORS:
        words = words[1:]
    if not words:
        return []
    spans = [" ".join(words)]
    titled = [i for i, word in enumerate(words) if word.lower() in _NAME_TITLES]
    if titled:
        name_start = titled[-1] + 1
        while name_start < len(words) and words[name_start].lower() in _TITLE_MODIFIERS:
            name_start += 1
        if name_start < len(words):
            spans.append(" ".join(words[name_start:]))
    return spans
