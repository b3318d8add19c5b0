"""Vocabulary in context: "In paragraph 3, what does 'rapprochement' mean?".

Asked for less common words of the article (by wordfreq's Zipf scale) that the shipped lexicon
knows. The key is the sense that fits the sentence: the word's only sense in its part of
speech, or the sense whose definition, example and related words share clearly more with the
sentence than any other sense does; a word whose sense is not clear is not asked. The wrong
options are definitions of other words of the same part of speech and similar frequency, none
of them a synonym, none sharing a content word with the key, and at most one far sense of the
word itself (from another lexicographer file), so the key is right and the others are wrong.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizapp.generator.kinds.registry import KindContext, register
from quizapp.generator.lexicon import Entry, Lexicon, Sense, lexicon
from quizapp.generator.lexicon.frequency import zipf
from quizapp.generator.model import ArticleAnalysis, Drafted
from quizapp.generator.wording.options import choice_question

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SPACY_POS = {"NOUN": "n", "VERB": "v", "ADJ": "a", "ADV": "r"}
# Commoner words every reader knows; rarer ones are jargon not worth a reading question.
MAX_ZIPF = 3.6
MIN_ZIPF = 2.0
# A polysemous word is asked only when its best sense shares this many more words with the
# sentence than the next one does.
MIN_MARGIN = 2
FREQUENCY_SPREAD = 0.4
OPTIONS = 4
MIN_WORD_LENGTH = 5
# A longer definition is a paragraph, not an option a student can weigh against three others.
MAX_KEY_LENGTH = 90
MIN_OPTION_LENGTH = 12
# Penn tags each part of speech may carry, so that a noun the tagger called a verb
# ("auctioneer Frederic Thut") is not asked with the verb's meaning.
TAGS = {
    "n": frozenset({"NN", "NNS"}),
    "v": frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"}),
    "a": frozenset({"JJ", "JJR", "JJS"}),
    "r": frozenset({"RB", "RBR", "RBS"}),
}
# A definition ending on one of these needs an object the option does not give.
DANGLING = frozenset(
    {"to", "of", "for", "with", "in", "on", "at", "by", "from", "into", "up", "as"}
)
NOUN_DEPENDENCIES = frozenset({"compound", "nsubj", "nsubjpass", "dobj", "pobj", "appos"})
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
GLOSS_WORD = re.compile(r"[a-z]+")
# Words of a definition that say nothing about its meaning.
GLOSS_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "or",
        "and",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "be",
        "been",
        "being",
        "that",
        "which",
        "who",
        "whom",
        "this",
        "these",
        "those",
        "it",
        "its",
        "into",
        "something",
        "someone",
        "somebody",
        "one",
        "ones",
        "especially",
        "usually",
        "often",
        "very",
        "more",
        "most",
        "not",
        "no",
        "any",
        "some",
        "such",
        "their",
        "his",
        "her",
        "other",
        "make",
        "do",
        "have",
        "having",
        "become",
        "state",
        "act",
        "quality",
    ]
)


@dataclass(frozen=True)
class VocabularyQuestion:
    """One vocabulary question: the word as written, where it is, the key and wrong options."""

    word: str
    lemma: str
    pos: str
    paragraph: int  # 1-based, as a reader counts them
    sentence: Span
    sense: Sense
    distractors: tuple[str, ...]

    @property
    def prompt(self) -> str:
        return f"In paragraph {self.paragraph}, what does '{self.word}' mean?"

    @property
    def key(self) -> str:
        return as_option(self.sense.definition)


def as_option(definition: str) -> str:
    """A definition as an answer option: capitalised, without a trailing full stop."""
    # a leading register note ("(medicine) ...", "(often plural) ...") is no part of the meaning
    text = re.sub(r"^\([^)]*\)\s*", "", definition.strip()).rstrip(".;")
    return text[:1].upper() + text[1:]


def stem(word: str) -> str:
    """A crude stem, so that "relations" in a definition meets "relation" in a sentence."""
    return word[:5]


def gloss_stems(texts: Iterable[str]) -> set[str]:
    """The content-word stems of definitions, examples and related words."""
    return {
        stem(word)
        for text in texts
        for word in GLOSS_WORD.findall(text.casefold())
        if word not in GLOSS_STOP and len(word) > 2
    }


def sense_stems(sense: Sense) -> set[str]:
    return gloss_stems([sense.definition, sense.example, *sense.synonyms, *sense.broader])


def context_stems(token: Token) -> set[str]:
    """The content lemmas of the token's sentence and its neighbours, without the word itself."""
    sentence = token.sent
    doc = token.doc
    start = max(0, sentence.start - 20)
    end = min(len(doc), sentence.end + 20)
    return {
        stem(other.lemma_.casefold())
        for other in doc[start:end]
        if other.is_alpha and not other.is_stop and other.i != token.i and len(other) > 2
    } - {stem(token.lemma_.casefold())}


def names_the_word(definition: str, lemma: str) -> bool:
    """Whether a definition gives the word away ("glaringly": "in a glaring manner")."""
    return any(
        word in lemma or (len(word) >= 6 and word[:6] == lemma[:6])
        for word in GLOSS_WORD.findall(definition.casefold())
        if len(word) >= 5
    )


def complete(definition: str) -> bool:
    """Whether a definition reads as a whole option ("give a certain color to" does not)."""
    words = GLOSS_WORD.findall(definition.casefold())
    return bool(words) and words[-1] not in DANGLING and not definition.endswith("…")


def usable_key(sense: Sense, lemma: str) -> bool:
    text = sense.definition
    return len(text) <= MAX_KEY_LENGTH and complete(text) and not names_the_word(text, lemma)


def fitting_sense(entry: Entry, token: Token, words: Lexicon) -> Sense | None:
    """The sense of ``entry`` that fits the token's context, or None when it is not clear."""
    usable = [s for s in entry.senses if usable_key(s, entry.lemma)]
    context = context_stems(token)
    if len(entry.senses) == 1:
        if not usable:
            return None
        # a word that is also another part of speech ("intercepts") may be used in a sense the
        # lexicon lacks; its only sense must then show in the context
        if words.other_parts_of_speech(entry) and not sense_stems(usable[0]) & context:
            return None
        return usable[0]
    ranked = sorted(
        ((len(sense_stems(sense) & context), index) for index, sense in enumerate(entry.senses)),
        reverse=True,
    )
    (best, best_index), (second, _) = ranked[0], ranked[1]
    if best - second < MIN_MARGIN or entry.senses[best_index] not in usable:
        return None
    return entry.senses[best_index]


def paragraph_of(doc: Doc, char: int) -> int:
    """The 1-based paragraph (blocks split by a blank line) holding character ``char``."""
    return len(PARAGRAPH_BREAK.findall(doc.text, 0, char)) + 1


def distractor_definitions(
    entry: Entry,
    sense: Sense,
    article_lemmas: set[str],
    words: Lexicon,
    rng: random.Random,
) -> list[str]:
    """Three definitions that are surely wrong for the word in this sense."""
    key_stems = sense_stems(sense) | {stem(entry.lemma)}
    own_synsets = {s.synset for s in entry.senses}
    related = {entry.lemma, *sense.synonyms, *sense.broader}
    key_length = len(sense.definition)

    def surely_wrong(other: Sense, lemma: str) -> bool:
        text = other.definition
        return (
            other.synset not in own_synsets
            and not (gloss_stems([text]) & key_stems)
            and not ({lemma, *other.synonyms} & related)
            and lemma not in article_lemmas
            and max(MIN_OPTION_LENGTH, 0.6 * key_length) <= len(text) <= 1.6 * key_length + 10
            and complete(text)
            and not text.startswith(("(", "of ", "a former", "a town", "a city"))
        )

    chosen: list[str] = []
    far_senses = [
        other
        for other in entry.senses
        if other.lexfile != sense.lexfile
        and not names_the_word(other.definition, entry.lemma)
        and not (sense_stems(other) & sense_stems(sense))
        and 0.6 * key_length <= len(other.definition) <= 1.6 * key_length + 10
    ]
    if far_senses:
        chosen.append(rng.choice(far_senses).definition)
    pool = [
        other
        for other in words.near_in_frequency(entry.pos, entry.zipf, FREQUENCY_SPREAD)
        if other.lemma != entry.lemma
    ]
    rng.shuffle(pool)
    for other in pool:
        if len(chosen) >= OPTIONS - 1:
            break
        first = other.senses[0]
        if not surely_wrong(first, other.lemma) or names_the_word(first.definition, other.lemma):
            continue
        if any(gloss_stems([first.definition]) & gloss_stems([c]) for c in chosen):
            continue  # two wrong options alike would point to the odd one out
        chosen.append(first.definition)
    return [as_option(text) for text in chosen] if len(chosen) == OPTIONS - 1 else []


def askable(token: Token) -> bool:
    """A less common lower-case content word, not part of a name."""
    return (
        token.pos_ in SPACY_POS
        and token.is_alpha
        and token.is_lower
        and len(token) >= MIN_WORD_LENGTH
        and not token.ent_type_
        and MIN_ZIPF <= zipf(token.lower_) <= MAX_ZIPF
    )


def tagged_as(token: Token, pos: str) -> bool:
    """Whether the parse agrees with itself that the token is of part of speech ``pos``."""
    if token.tag_ not in TAGS[pos]:
        return False
    return not (pos == "v" and token.dep_ in NOUN_DEPENDENCIES)


def vocabulary_questions(
    doc: Doc, *, seed: int = 0, words: Lexicon | None = None
) -> Iterator[VocabularyQuestion]:
    """Vocabulary questions for the article's less common words, rarest first, one per word."""
    words = words or lexicon()
    article_lemmas = {token.lemma_.casefold() for token in doc if token.is_alpha}
    seen: set[str] = set()
    found: list[tuple[float, VocabularyQuestion]] = []
    for token in doc:
        if not askable(token):
            continue
        lemma = token.lemma_.casefold()
        entry = words.entry(lemma, SPACY_POS[token.pos_])
        if entry is None or lemma in seen or not tagged_as(token, entry.pos):
            continue
        sense = fitting_sense(entry, token, words)
        if sense is None:
            continue
        rng = random.Random(f"{seed}:{lemma}")
        wrong = distractor_definitions(entry, sense, article_lemmas, words, rng)
        if not wrong:
            continue
        seen.add(lemma)
        question = VocabularyQuestion(
            token.text,
            lemma,
            entry.pos,
            paragraph_of(doc, token.idx),
            token.sent,
            sense,
            tuple(wrong),
        )
        found.append((zipf(token.lower_), question))
    for _, question in sorted(found, key=lambda item: item[0]):
        yield question


@register(
    "vocabulary",
    skill="vocabulary",
    share=0.1,
    description="\"In paragraph 3, what does 'rapprochement' mean?\" for a less common word.",
)
def propose(analysis: ArticleAnalysis, context: KindContext) -> Iterator[Drafted]:
    if "multiple_choice" not in context.types:
        return
    index_of = {sentence.start: index for index, sentence in enumerate(analysis.sentences)}
    for question in vocabulary_questions(analysis.doc, seed=context.seed):
        index = index_of.get(question.sentence.start)
        if index is None:
            continue
        drafted = choice_question(
            kind="vocabulary",
            skill="vocabulary",
            prompt=question.prompt,
            key=question.key,
            distractors=question.distractors,
            sentence=index,
            evidence=question.sentence.text.strip(),
            seed=context.seed,
        )
        # the rarer the word, the more a reader gains from the question (1 at MIN_ZIPF)
        rarity = (MAX_ZIPF - zipf(question.word.casefold())) / (MAX_ZIPF - MIN_ZIPF)
        drafted.features["wording"] = 0.6 + 0.4 * max(0.0, min(1.0, rarity))
        yield drafted
