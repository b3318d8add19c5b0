"""Writing a question's words out: the built question with how it was made (``WhQuestion``),
token texts kept together where the text writes them together, pronoun and capital forms for a
moved subject, the spacing and punctuation of the finished question, whether a question
gives its answer away, and where a sentence quotes somebody (an apostrophe and a scare-quoted
phrase do not).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizapp.generator.references import lowered_if_opening, surface

if TYPE_CHECKING:
    from spacy.tokens import Token


QUOTE_MARKS = frozenset({'"', "“", "”", "‘", "’", "''", "``"})
SINGLE_QUOTES = frozenset({"’", "'"})
# A possessive or elided apostrophe inside a text ("the world’s", "workers’ pay", "don’t"):
# the same character as a closing single quote, but no quotation.
APOSTROPHE = re.compile(r"(?<=\w)[’'](?=\w)|(?<=[sS])[’'](?=\s|[,.;:?!]|$)")


def quotes_in(tokens: Iterable[Token]) -> bool:
    """Whether the tokens hold a quotation. A lone "’" after a plural ("workers’") is its
    possessive, unless an opening single quote earlier makes it the quote's end."""
    opened = False
    for token in tokens:
        if token.text == "‘" or (token.text == "'" and token.whitespace_ == ""):
            opened = True
        if token.text not in QUOTE_MARKS:
            continue
        if token.text in SINGLE_QUOTES and not opened and _possessive(token):
            continue
        return True
    return False


# The longest quotation that still reads as the article's own words in quote marks: a
# scare-quoted word, a name or a coined phrase ("an “atlas of the brain”"), not speech.
MAX_SCARE_QUOTE = 5


def quoted_spans(tokens: Iterable[Token]) -> list[tuple[int, int]] | None:
    """The (first, last) token indices between each pair of quote marks, double or single
    (an apostrophe is none), or None when the marks do not pair up (a quotation running on
    from another sentence)."""
    tokens = list(tokens)
    marks = [t.i for t in tokens if t.text in ('"', "“", "”", "''", "``")]
    if len(marks) % 2:
        return None
    spans = [(a + 1, b - 1) for a, b in zip(marks[::2], marks[1::2], strict=True)]
    opening: int | None = None
    for token in tokens:
        if token.text == "‘":
            if opening is not None:
                return None
            opening = token.i
        elif token.text == "’" and not (opening is None and _possessive(token)):
            if opening is None:
                return None
            spans.append((opening + 1, token.i - 1))
            opening = None
    return None if opening is not None else sorted(spans)


def scare_quotes_only(tokens: Iterable[Token], answer: Iterable[Token]) -> bool:
    """Whether the only quotations in ``tokens`` are short ones, none of them holding the
    answer: the sentence is still the article's own statement of a fact."""
    spans = quoted_spans(tokens)
    if spans is None:
        return False
    answer_at = {t.i for t in answer}
    return all(
        last - first + 1 <= MAX_SCARE_QUOTE and not answer_at & set(range(first - 1, last + 2))
        for first, last in spans
    )


def balanced_quotes(text: str) -> bool:
    """Whether every quote mark of a worded question is closed ("an “atlas” of ...")."""
    bare = APOSTROPHE.sub("", text)
    return (
        bare.count("“") == bare.count("”")
        and bare.count("‘") == bare.count("’")
        and bare.count('"') % 2 == 0
    )


def _possessive(token: Token) -> bool:
    if token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return before.whitespace_ == "" and before.text[-1:] in "sS"


@dataclass(frozen=True)
class WhQuestion:
    """A question made from one sentence, with how it was made (used to score it later)."""

    text: str
    wh: str
    pattern: str  # subject | inverted | agent | apposition | in_situ
    # the tokens the question removed in favour of the wh-phrase (answer and its partners)
    replaced: tuple[int, ...]


def lowered_subject(tokens: Sequence[Token]) -> list[str]:
    texts = token_texts(tokens)
    if texts:
        texts[0] = lowered_if_opening(texts[0], tokens[0])
    return texts


def question_text(pieces: Iterable[str]) -> str:
    text = " ".join(p for p in pieces if p)
    text = re.sub(r"\s+([,.;:!?%)\]}]|'s\b|n't\b|’s\b)", r"\1", text)
    text = re.sub(r"([(\[{$])\s+", r"\1", text)
    text = re.sub(
        r"\s*-\s*(?=\w)", lambda m: "-" if m.group(0).strip() == "-" else m.group(0), text
    )
    text = re.sub(r"(,\s*)+(?=[,?])", "", text)
    text = re.sub(r",\s*\?", "?", text)
    text = re.sub(r"^\s*[,;:]\s*", "", text)
    # the wh-phrase took the place of a subject an aside followed ("What, built in 1900, was")
    text = re.sub(OPENING_WH_COMMA, r"\1 ", text)
    text = re.sub(r"\s+(and|or|but)\s*\?$", "?", text)
    text = re.sub(r"(?<=s)\s+'(?=\s|$)", "'", text)  # "Genghis ' death" -> "Genghis' death"
    text = re.sub(r"\s{2,}", " ", text).strip()
    text = text.rstrip(" ,;:.")
    text = re.sub(r"(\s+(and|or|but|,))+$", "", text).rstrip(" ,;:.")
    # a preposition left at the end belongs to what comes before it, not after a comma
    text = re.sub(STRANDED_AFTER_COMMA, r" \1", text) + "?"
    return text[:1].upper() + text[1:]


OPENING_WH_COMMA = re.compile(
    r"^((?:what|who|which)(?: \w+)?|how (?:many|much)(?: \w+)?),\s+", re.I
)
STRANDED_AFTER_COMMA = re.compile(
    r",\s+(with|in|on|at|to|for|of|from|by|about|along|against|into|over)$"
)


# Dashes set words apart even when the text writes them without spaces ("San Diego–at").
DASHES = frozenset({"–", "—"})


def token_texts(tokens: Iterable[Token]) -> list[str]:
    """Token texts, with words the text writes together kept together ("democratically-elected",
    "£7m", "U.S.-led")."""
    words = QuestionWords()
    for token in tokens:
        words.add_token(token)
    return list(words)


# Determiners that point at something the sentence before named.
POINTING_DETERMINERS = frozenset({"this", "these"})


class QuestionWords(list[str]):
    """The words of a question being built. Tokens added one by one stay written together
    when the text writes them together ("£7m", "southern-most"); plain words are appended."""

    last_token: Token | None = None

    def add_token(self, token: Token) -> None:
        if token.text in QUOTE_MARKS or token.is_space:
            return
        text = surface(token)
        if token.dep_ == "det" and token.lower_ in POINTING_DETERMINERS and text == token.text:
            text = "the"  # "this problem" points into the article the question is read without
        previous = self.last_token
        self.last_token = token
        if previous is None or not self:
            super().append(text)
        elif previous.i + 1 == token.i and _written_together(previous, token):
            self[-1] += text
        elif (
            previous.i + 2 == token.i
            and token.doc[previous.i + 1].text == "-"
            and _written_together(previous, token.doc[previous.i + 1])
            and not token.doc[previous.i + 1].whitespace_
        ):
            self[-1] += "-" + text  # the hyphen of "southern-most" was left out with punctuation
        else:
            super().append(text)

    def append(self, word: str, /) -> None:
        self.last_token = None
        super().append(word)

    def extend(self, words: Iterable[str], /) -> None:
        self.last_token = None
        super().extend(words)


def _written_together(previous: Token, token: Token) -> bool:
    return not previous.whitespace_ and not {previous.text, token.text} & DASHES


# Object pronouns and the form they take as the subject of a question ("them" -> "they").
SUBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they", "us": "we", "me": "I"}


def subject_form(tokens: Sequence[Token]) -> list[str]:
    """A borrowed subject's words as a subject: "allowing them to stay" -> "they"."""
    texts = lowered_subject(tokens)
    if len(tokens) == 1 and texts and texts[0].lower() in SUBJECT_PRONOUNS:
        return [SUBJECT_PRONOUNS[texts[0].lower()]]
    return texts


# Subject pronouns and the form they take after a verb or preposition.
OBJECT_PRONOUNS = {"he": "him", "she": "her", "they": "them", "we": "us", "i": "me"}


def object_form(tokens: Sequence[Token]) -> list[str]:
    """A subject's words as they read after a verb or a preposition ("he" -> "him")."""
    texts = lowered_subject(tokens)
    if len(tokens) == 1 and texts and texts[0].lower() in OBJECT_PRONOUNS:
        return [OBJECT_PRONOUNS[texts[0].lower()]]
    return texts


def mentions_answer(question: str, answer: str) -> bool:
    """Whether ``question`` contains the words of ``answer`` (whole words, any case)."""
    words = re.findall(r"\w+", answer)
    if not words:
        return False
    pattern = r"(?<!\w)" + r"\W+".join(re.escape(w) for w in words) + r"(?!\w)"
    return re.search(pattern, question, re.IGNORECASE) is not None


def without_answer(question: str, answer: str) -> str:
    """``question`` with the words of ``answer`` taken out, with the commas or brackets that
    set them apart ("a delegation, Cairo, for talks" -> "a delegation for talks")."""
    words = re.findall(r"\w+", answer)
    if not words:
        return question
    name = r"\W+".join(re.escape(w) for w in words)
    text = re.sub(rf",\s*(?<!\w){name}(?!\w)\s*,", "", question, flags=re.IGNORECASE)
    text = re.sub(rf"\(\s*(?<!\w){name}(?!\w)\s*\)", "", text, flags=re.IGNORECASE)
    text = re.sub(rf"(?<!\w){name}(?!\w)('s|')?", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+([,.?;:])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()
    text = re.sub(r",\s*([?.])$", r"\1", text)
    return text[:1].upper() + text[1:]
