"""Vocabulary in context: "In paragraph 3, what does 'rapprochement' mean?".

Asked for a less common word of an important sentence (by wordfreq's Zipf scale) that the
shipped lexicon knows, whose meaning is not given away: not a name, not a term the article
defines for the reader ("X, a ..."; "called X"), not a plain derivative of a common word
("joyous", "avoidance"), and not a word whose definition repeats its stem ("neuroscientist":
"a neurobiologist who ..."). The key is the sense that fits the sentence: the word's only sense
in its part of speech, or, among at most three senses, the sense whose definition, example and
related words share clearly more with the sentence than any other sense does; a word whose
sense is not clear is not asked.

The wrong options are what a reader who does not know the word might believe, and surely
wrong: first the word's other senses, then the meanings of other less common words of the same
part of speech in the same article (they fit its topic), then meanings of words of the same
kind (Wordnet's lexicographer file) and similar frequency. None is a synonym, none contains the
word, and none shares a content word with the sentence (it could then fit there too). All
options take the same form: verbs as "To ...", the first clause of a definition only.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizapp.generator.kinds.registry import KindContext, register
from quizapp.generator.lexicon import Entry, Lexicon, Sense, lexicon
from quizapp.generator.lexicon.frequency import zipf
from quizapp.generator.lexicon.glosses import (
    as_option,
    complete,
    gloss_stems,
    names_the_word,
    sense_stems,
    shares_stem,
    stem,
    transparent,
)
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
# A word with more senses than this in its part of speech is not asked: the words its senses
# share with a sentence come from Wordnet's examples, and among many senses one example fits
# by chance ("excite audiences" took the sense "to evoke sexual feelings").
MAX_SENSES = 3
# Words near the target's frequency, for the last-resort wrong options; at most this many of
# those, which fit neither the word nor the article: with more, the key stands out.
FREQUENCY_SPREAD = 0.5
MAX_UNRELATED = 1
# The article's words whose meanings may be wrong options: any the lexicon holds.
MAX_OPTION_WORD_ZIPF = 4.2
OPTIONS = 4
MIN_WORD_LENGTH = 5
# A longer definition is a paragraph, not an option a student can weigh against three others.
MAX_KEY_LENGTH = 70
MIN_OPTION_LENGTH = 8
# A wrong option this much shorter or longer than the key stands out.
LENGTH_RATIO = (0.55, 1.5)
# Senses of concrete, specialist things (animals, chemicals, units, organs): a term to look
# up, not a word whose meaning a reader works out from its sentence.
TECHNICAL_FILES = frozenset(
    {
        "noun.animal",
        "noun.plant",
        "noun.body",
        "noun.substance",
        "noun.quantity",
        "noun.food",
        "noun.object",
    }
)
# Nouns fall in three kinds a reader tells apart at a glance: people, things one can touch,
# and ideas. A wrong option of another kind than the key ("a painting" among three people)
# is the odd one out.
NOUN_KINDS = {
    "noun.person": "person",
    "noun.artifact": "thing",
    "noun.object": "thing",
    "noun.location": "thing",
    "noun.group": "group",
}


def noun_kind(sense: Sense) -> str:
    return NOUN_KINDS.get(sense.lexfile, "idea") if sense.lexfile.startswith("noun.") else ""


# Penn tags each part of speech may carry, so that a noun the tagger called a verb
# ("auctioneer Frederic Thut") is not asked with the verb's meaning.
TAGS = {
    "n": frozenset({"NN", "NNS"}),
    "v": frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"}),
    "a": frozenset({"JJ", "JJR", "JJS"}),
    "r": frozenset({"RB", "RBR", "RBS"}),
}
NOUN_DEPENDENCIES = frozenset({"compound", "nsubj", "nsubjpass", "dobj", "pobj", "appos"})
# "a practice called aquaculture", "what is known as ...": the article explains the term.
NAMING_WORDS = frozenset({"called", "termed", "dubbed", "named", "known", "so-called"})
# Meanings no class should meet as a wrong option.
UNPRINTABLE = re.compile(
    r"\b(penis|genital|sexual|sex|vagina|erotic|foreplay|masturbat|copulat|intercourse|orgasm"
    r"|buttock|anus|excrement|feces|faeces|urine|whore|prostitut|obscen|vulgar)",
)
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


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
        return f"In paragraph {self.paragraph}, what does the word '{self.word}' mean?"

    @property
    def key(self) -> str:
        return as_option(self.sense.definition, self.pos)


def context_stems(token: Token, reach: int = 20) -> set[str]:
    """The content lemmas of the token's sentence and ``reach`` tokens around it, without the
    word itself."""
    sentence = token.sent
    doc = token.doc
    start = max(0, sentence.start - reach)
    end = min(len(doc), sentence.end + reach)
    return {
        stem(other.lemma_.casefold())
        for other in doc[start:end]
        if other.is_alpha and not other.is_stop and other.i != token.i and len(other) > 2
    } - {stem(token.lemma_.casefold())}


def usable_key(sense: Sense, lemma: str, pos: str) -> bool:
    text = as_option(sense.definition, pos)
    return (
        len(text) <= MAX_KEY_LENGTH
        and complete(text)
        and not names_the_word(sense.definition, lemma)
        and sense.lexfile not in TECHNICAL_FILES
    )


def fitting_sense(entry: Entry, token: Token, words: Lexicon) -> Sense | None:
    """The sense of ``entry`` that fits the token's context, or None when it is not clear."""
    usable = [s for s in entry.senses if usable_key(s, entry.lemma, entry.pos)]
    context = context_stems(token)
    if len(entry.senses) == 1:
        if not usable:
            return None
        # a word that is also another part of speech ("intercepts") may be used in a sense the
        # lexicon lacks; its only sense must then show in the context
        if words.other_parts_of_speech(entry) and not sense_stems(usable[0]) & context:
            return None
        return usable[0]
    if len(entry.senses) > MAX_SENSES:
        return None
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


def defined_in_article(token: Token) -> bool:
    """Whether the article explains the word itself: "aquaculture, the farming of fish",
    "a scheme called the daily mile", "virtopsy (a virtual autopsy)"."""
    doc = token.doc
    if token.dep_ == "appos" or any(child.dep_ == "appos" for child in token.children):
        return True
    before = doc[max(0, token.i - 2) : token.i]
    after = doc[token.i + 1 : token.i + 2]
    if any(t.lower_ in NAMING_WORDS for t in before):
        return True
    return any(t.text == "(" for t in after)


@dataclass(frozen=True)
class ArticleWord:
    """A less common word of the article in the sense it has there, for wrong options."""

    lemma: str
    pos: str
    sentence_start: int
    sense: Sense


@dataclass(frozen=True)
class Target:
    """What a wrong option is weighed against: the asked word, its sense and its sentence."""

    entry: Entry
    sense: Sense
    sentence_stems: frozenset[str]
    related: frozenset[str]  # the word, its synonyms and broader words
    key: str

    @classmethod
    def of(cls, entry: Entry, sense: Sense, token: Token) -> Target:
        return cls(
            entry,
            sense,
            frozenset(context_stems(token, reach=0)),
            frozenset({entry.lemma, *sense.synonyms, *sense.broader}),
            as_option(sense.definition, entry.pos),
        )


def opening_form(option: str) -> str:
    """Whether a noun's meaning opens on a verb ("Changing to a lighter color") or names a
    thing ("A squeeze with the fingers"): a wrong option of the other form stands out as not
    the key's kind."""
    first = option.split(" ", 1)[0].casefold()
    return "action" if first.endswith("ing") and len(first) > 5 else "thing"


def surely_wrong(other: Sense, lemma: str, target: Target) -> bool:
    """Whether ``other`` (a sense of ``lemma``) cannot be what the asked word means here."""
    text = as_option(other.definition, target.entry.pos)
    own = gloss_stems([other.definition])
    low, high = LENGTH_RATIO
    return (
        other.synset != target.sense.synset
        and not ({lemma, *other.synonyms, *other.broader} & target.related)
        and target.entry.lemma not in other.synonyms
        and not names_the_word(other.definition, target.entry.lemma)
        and not own & (sense_stems(target.sense) | {stem(target.entry.lemma)})
        # a meaning made of the sentence's own words could be read into it
        and not own & target.sentence_stems
        and max(MIN_OPTION_LENGTH, low * len(target.key)) <= len(text) <= high * len(target.key)
        and complete(text)
        and other.lexfile not in TECHNICAL_FILES
        and not text.startswith(("(", "Of ", "A former", "A town", "A city"))
        and not UNPRINTABLE.search(other.definition.casefold())
        and noun_kind(other) == noun_kind(target.sense)
        and (target.entry.pos != "n" or opening_form(text) == opening_form(target.key))
    )


def distractor_definitions(
    target: Target,
    article_words: Sequence[ArticleWord],
    words: Lexicon,
    rng: random.Random,
) -> list[str]:
    """Three meanings, surely wrong for the word as used, that a reader who does not know the
    word could believe: its other senses, then the article's words, then words of its kind."""
    entry, sense = target.entry, target.sense
    chosen: list[str] = []
    chosen_stems: list[set[str]] = []

    def take(candidates: Iterable[tuple[Sense, str]], limit: int) -> None:
        limit = min(limit, OPTIONS - 1)
        for other, lemma in candidates:
            if len(chosen) >= limit:
                return
            text = as_option(other.definition, entry.pos)
            stems = gloss_stems([other.definition])
            if not surely_wrong(other, lemma, target) or names_the_word(other.definition, lemma):
                continue
            if text.casefold() in (c.casefold() for c in chosen):
                continue
            if any(
                shares_stem(word, other_word)
                for earlier in chosen_stems
                for word in stems
                for other_word in earlier
            ):
                continue  # two wrong options alike would point to the odd one out
            chosen.append(text)
            chosen_stems.append(stems)

    # the word's other senses, the farthest first: a reader who half knows the word has met them
    others = sorted(
        (s for s in entry.senses if s.synset != sense.synset),
        key=lambda s: (s.lexfile == sense.lexfile, len(sense_stems(s) & sense_stems(sense))),
    )
    take(((s, entry.lemma) for s in others), 2)
    near = [w for w in article_words if w.pos == entry.pos and w.lemma != entry.lemma]
    near.sort(
        key=lambda w: (
            w.sense.lexfile != sense.lexfile,
            abs(len(as_option(w.sense.definition, entry.pos)) - len(target.key)),
        )
    )
    take(((w.sense, w.lemma) for w in near), OPTIONS - 1)
    pool = [
        other
        for other in words.near_in_frequency(entry.pos, entry.zipf, FREQUENCY_SPREAD)
        if other.lemma != entry.lemma
    ]
    rng.shuffle(pool)
    same_kind = [
        (first, other.lemma)
        for other in pool
        for first in other.senses[:1]
        if first.lexfile == sense.lexfile
    ]
    take(same_kind, len(chosen) + MAX_UNRELATED)
    return chosen if len(chosen) == OPTIONS - 1 else []


def askable(token: Token, max_zipf: float = MAX_ZIPF) -> bool:
    """A less common lower-case content word, not part of a name."""
    return (
        token.pos_ in SPACY_POS
        and token.is_alpha
        and token.is_lower
        and len(token) >= MIN_WORD_LENGTH
        and not token.ent_type_
        and MIN_ZIPF <= zipf(token.lower_) <= max_zipf
    )


def tagged_as(token: Token, pos: str) -> bool:
    """Whether the parse agrees with itself that the token is of part of speech ``pos``."""
    if token.tag_ not in TAGS[pos]:
        return False
    # "enthralling stories": a participle used as an adjective is not asked as "To ..."
    return not (pos == "v" and (token.dep_ in NOUN_DEPENDENCIES or token.dep_ == "amod"))


def senses_in_article(
    doc: Doc, words: Lexicon, max_zipf: float = MAX_ZIPF
) -> list[tuple[Token, Entry, Sense | None]]:
    """Each less common word of the article the lexicon knows, once, with the sense it has
    there (None when that is not clear)."""
    seen: set[tuple[str, str]] = set()
    found: list[tuple[Token, Entry, Sense | None]] = []
    for token in doc:
        if not askable(token, max_zipf):
            continue
        lemma = token.lemma_.casefold()
        entry = words.entry(lemma, SPACY_POS[token.pos_])
        if entry is None or (lemma, entry.pos) in seen or not tagged_as(token, entry.pos):
            continue
        seen.add((lemma, entry.pos))
        found.append((token, entry, fitting_sense(entry, token, words)))
    return found


def worth_asking(token: Token, entry: Entry) -> bool:
    """A word a reader must work out, not one the article or its own parts explain."""
    return not transparent(entry.lemma) and not defined_in_article(token)


def vocabulary_questions(
    doc: Doc, *, seed: int = 0, words: Lexicon | None = None
) -> Iterator[VocabularyQuestion]:
    """Vocabulary questions for the article's less common words, rarest first, one per word."""
    words = words or lexicon()
    found = senses_in_article(doc, words, MAX_OPTION_WORD_ZIPF)
    # a word whose sense here is not clear still offers its commonest sense as a wrong option
    article_words = [
        ArticleWord(entry.lemma, entry.pos, token.sent.start, sense or entry.senses[0])
        for token, entry, sense in found
    ]
    questions: list[tuple[float, VocabularyQuestion]] = []
    for token, entry, sense in found:
        if sense is None or zipf(token.lower_) > MAX_ZIPF or not worth_asking(token, entry):
            continue
        target = Target.of(entry, sense, token)
        # a word of the same sentence could be read as the asked word's meaning
        others = [w for w in article_words if w.sentence_start != token.sent.start]
        rng = random.Random(f"{seed}:{entry.lemma}")
        wrong = distractor_definitions(target, others, words, rng)
        if not wrong:
            continue
        question = VocabularyQuestion(
            token.text,
            entry.lemma,
            entry.pos,
            paragraph_of(doc, token.idx),
            token.sent,
            sense,
            tuple(wrong),
        )
        questions.append((zipf(token.lower_), question))
    for _, question in sorted(questions, key=lambda item: item[0]):
        yield question


@register(
    "vocabulary",
    skill="vocabulary",
    share=0.2,
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
