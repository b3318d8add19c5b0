"""The wh-question candidates of the key-fact kind: each entity of the article as an answer, the
filters that drop an answer no question can fairly ask for (one item of a list, a claim, a
dateline, a relative date), the problems that drop a worded question (no question word, the
answer in the question, an unresolved pronoun, a dangling word), and the bank entry of a kept
one, with same-kind distractors when there are three.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from quizapp.domain.text import read_written_date
from quizapp.generator import distractors, statements
from quizapp.generator.answers import Answer, answers_in, is_relative_date, listed_with
from quizapp.generator.kinds.fact_answers import (
    after_a_break,
    ambiguous_attachment,
    glued_modifier,
    in_a_participle_phrase,
    inside_title,
    only_claimed,
    part_of_list,
    refers_back,
)
from quizapp.generator.kinds.registry import KindContext
from quizapp.generator.wording.realisation import (
    balanced_quotes,
    quotes_in,
    scare_quotes_only,
)
from quizapp.generator.wording.wh_question import question_for

if TYPE_CHECKING:
    from spacy.tokens import Doc

WH_WORDS = (
    "who",
    "whom",
    "whose",
    "what",
    "when",
    "where",
    "which",
    "how",
    "in ",
    "since",
    "until",
    "by",
    "with",
    "from",
    "after",
    "before",
    "during",
    "between",
    "through",
)
PRONOUN_PATTERN = re.compile(r"\b(he|she|him|they|them|it|we|us|this|these|those)\b", re.IGNORECASE)
POSSESSIVE_PATTERN = re.compile(r"\b(his|her|hers|their|its|our)\b", re.IGNORECASE)


def question_problems(question: str, answer: Answer) -> list[str]:
    """Why a generated wh-question should not be offered ([] when it is fine)."""
    problems: list[str] = []
    lowered = question.casefold()
    opening = re.findall(r"[\w']+", lowered)[:2]
    if not lowered.startswith(WH_WORDS) and not (
        len(opening) == 2 and opening[0] in PREPOSITION_OPENINGS and opening[1] in EMBEDDING_WORDS
    ):
        problems.append("does not open with a question word")
    words = question.split()
    if not 5 <= len(words) <= 24:
        problems.append("too short or too long")
    folded_question = f" {distractors.normalised(question)} "
    for form in (answer.text, *answer.aliases):
        key = distractors.normalised(form)
        if len(key) >= 3 and f" {key} " in folded_question:
            problems.append("the answer is in the question")
            break
    rest = question.split(" ", 1)[1] if " " in question else ""
    possessive = POSSESSIVE_PATTERN.search(rest)
    # a possessive may refer back to a name earlier in the question ("Ankara ... their")
    if PRONOUN_PATTERN.search(rest) or (
        possessive and not re.search(r"\b[A-Z][a-z]+", rest[: possessive.start()])
    ):
        problems.append("an unresolved pronoun")
    if question.count("(") != question.count(")") or not balanced_quotes(question):
        problems.append("unbalanced brackets or quotes")
    if re.search(r"\b(\w+) \1\b", lowered):
        problems.append("a doubled word")
    if re.match(r"^(\w+ ){1,2}(to|of|and)\b", lowered) or re.search(
        r"\b(did|does|do|was|were|is|are|has|have|had|will|would|could|can|may|might|should),",
        lowered,
    ):
        problems.append("the clause lost its subject")
    if re.match(r"how (many|much) \w+ (to|of)\b", lowered) or re.match(
        r"how many (is|are|was|were|do|does|did|have|has|had|will|would|can|could|come)\b", lowered
    ):
        problems.append("a number without what it counts")
    if re.match(r"how many (created|made|said|went|come|came)\b", lowered):
        problems.append("a number without what it counts")
    words_lowered = re.findall(r"[\w']+", lowered)
    first_wh = next((i for i, w in enumerate(words_lowered) if w in EMBEDDING_WORDS), None)
    later = words_lowered[first_wh + 1 :] if first_wh is not None else []
    if re.search(r"\bwhat (place|time)\b", lowered) or any(w in EMBEDDING_WORDS for w in later):
        problems.append("a wh-word left inside the sentence")
    if re.search(r"[—–]|\s-\s", question) or re.search(r"\b[A-Z]{4,}\b", question):
        problems.append("a dash aside or a dateline")  # fragments of the sentence's asides
    if re.search(r",\s*\w+\?$", question):
        problems.append("a dangling word after a comma")
    if re.search(r"\b(more|less|than|as|like|such)\?$", lowered):
        problems.append("an unfinished comparison")  # "... was a little more [like X]?"
    if re.search(r"\bsuch (?!as\b)\w+", lowered):
        problems.append("a reference to an earlier sentence")  # "in such environments"
    if re.search(r"\bthe (country|nation)\b", lowered) and _countries(answer.span.doc) > 1:
        problems.append("a reference to an earlier sentence")  # which country, of several?
    if answer.label in ("DATE", "TIME") and _reads_as_date(question):
        problems.append("a second date makes 'when' ambiguous")  # "When ... in November 2013?"
    first = lowered.split(" ", 1)[0]
    label_wh = WH_FOR_LABEL.get(answer.label)
    if label_wh and not lowered.startswith(label_wh):
        problems.append("a wh-word that does not fit the answer")
    counted = re.match(r"(?:\w+ )?how many (\w+)", lowered)
    if counted and not (counted[1].endswith("s") or counted[1] in IRREGULAR_PLURALS):
        problems.append("a number without what it counts")
    if first in PREPOSITION_OPENINGS and re.search(
        rf"\b({'|'.join(PREPOSITION_OPENINGS)})\?$", lowered
    ):
        problems.append("two prepositions for one wh-phrase")
    return problems


def _countries(doc: Doc) -> int:
    """How many countries the article names."""
    return len(
        {
            distractors.normalised(e.text)
            for e in doc.ents
            if e.label_ == "GPE" and distractors.location_class(e.text) == "country"
        }
    )


# Words that open a question or an embedded clause; a second one means the question kept a
# clause of the sentence that it cannot stand with ("Where is what the most ...?").
EMBEDDING_WORDS = frozenset(
    {
        "whether",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "where",
        "when",
        "why",
        "whatever",
        "whoever",
        "wherever",
    }
)
# Plurals without an "s" that "how many" may count.
IRREGULAR_PLURALS = frozenset(
    {"people", "children", "men", "women", "police", "staff", "aircraft", "sheep", "fish", "feet"}
)
# The wh-words that fit each kind of answer; any other pairing is a misparse.
WH_FOR_LABEL = {
    "DATE": ("when", "what year", "since", "until", "by", "after", "before", "how long", "in"),
    "TIME": ("when", "what time", "how long", "since", "until", "by"),
    "PERSON": ("who", "whom", "whose", "with whom", "by whom", "to whom", "for whom", "from whom"),
    "CARDINAL": ("how many", "by how many", "to how many", "of how many", "from how many"),
    "PERCENT": ("what percentage", "how many", "by what percentage", "to what percentage"),
    "MONEY": ("how much", "by how much", "for how much"),
}
# Prepositions that may open a question ("By what year ...").
PREPOSITION_OPENINGS = (
    "in",
    "on",
    "at",
    "by",
    "with",
    "from",
    "to",
    "for",
    "since",
    "until",
    "after",
    "before",
    "during",
    "between",
    "through",
    "under",
    "against",
    "about",
    "like",
    "of",
    "across",
    "into",
    "over",
    "among",
    "within",
    "without",
    "near",
)


PATTERN_CONFIDENCE = {
    "subject": 0.78,
    "inverted": 0.76,
    "agent": 0.82,
    "reason": 0.7,
    "identity": 0.8,
    "counted": 0.74,
}
LABEL_BONUS = {
    "PERSON": 0.08,
    "GPE": 0.06,
    "DATE": 0.06,
    "LOC": 0.04,
    "ORG": 0.02,
    "CARDINAL": 0.0,
    "NORP": -0.4,
    "QUANTITY": 0.0,
    "MONEY": 0.02,
    "PERCENT": 0.02,
    "TIME": -0.05,
    "FAC": 0.0,
    "EVENT": 0.0,
}


_DATE_WORDS = re.compile(
    r"\b(\d{4}s?|century|centuries|decade|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|january|february|march|april|may|june|july|august|september|october|november|"
    r"december|spring|summer|autumn|fall|winter)\b",
    re.IGNORECASE,
)


def _reads_as_date(text: str) -> bool:
    return bool(_DATE_WORDS.search(text))


def wh_candidates(doc: Doc, entities: dict[str, list[str]]) -> Iterator[tuple[Answer, str, float]]:
    sentence_starts = [s.start for s in doc.sents]
    for answer in answers_in(doc, entities):
        if (
            quotes_in(answer.sentence) and not scare_quotes_only(answer.sentence, answer.span)
        ) or statements.broken_sentence(answer.sentence):
            continue  # quoted speech and fragments turn into odd questions
        if (
            part_of_list(answer)
            or ambiguous_attachment(answer)
            or glued_modifier(answer)
            or inside_title(answer)
            or after_a_break(answer)
            or only_claimed(answer)
            or in_a_participle_phrase(answer)
        ):
            continue
        if answer.label in ("DATE", "TIME") and is_relative_date(answer.span):
            continue  # "Wednesday", "last month": no fixed time once the week has passed
        if not distractors.sane_entity(answer.text, answer.label) or statements.in_brackets(
            answer.span
        ):
            continue
        if answer.label == "TIME" and not re.search(r"\d", answer.text):
            continue  # "the morning", "working hours": too vague to be a time
        if answer.label == "CARDINAL" and refers_back(answer):
            continue
        if answer.label == "DATE" and not _reads_as_date(answer.text):
            continue  # the NER's DATE also catches things like "group-18"
        if (
            answer.text.isupper()
            and len(answer.text) > 4
            and answer.span.start == (answer.sentence.start)
        ):
            continue  # a dateline ("WASHINGTON —") is not part of the story
        question = question_for(answer.span, answer.label)
        if question.pattern == "subject" and answer.label == "DATE":
            continue  # a date the parser made the subject ("since 2014 been split")
        pattern = question.pattern
        if pattern == "determiner" and question.wh.startswith(("how many ", "how much ")):
            pattern = "counted"  # "how many drones": the counted noun keeps it exact
        if pattern not in PATTERN_CONFIDENCE:
            continue
        if question_problems(question.text, answer):
            continue
        confidence = PATTERN_CONFIDENCE[pattern] + LABEL_BONUS.get(answer.label, 0)
        if " and " in answer.text and answer.label == "PERSON":
            confidence += 0.05  # the whole answer rather than half of it
        words = len(question.text.split())
        if words > 16:
            confidence -= 0.02 * (words - 16)
        if (
            answer.label == "CARDINAL"
            and answer.span.start > 0
            and (doc[answer.span.start - 1].lower_ == "the")
        ):
            confidence -= 0.2  # "the two countries" refers back; its number is no question
        if question.pattern == "subject" and answer.label == "GPE":
            confidence -= 0.06  # a country as the doer ("Which country deployed...") is weaker
        if (
            answer.label == "DATE"
            and (shape := read_written_date(answer.text))
            and (shape.year is not None)
        ):
            confidence += 0.05  # a dated event is what reading checks are made of
        if answer.text in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"):
            confidence -= 0.12  # a weekday means little once the week has passed
        index = sum(1 for start in sentence_starts if start <= answer.span.start)
        confidence += 0.04 if index <= 3 else 0.0
        yield answer, question.text, max(0.0, min(1.0, confidence))


def wh_entry(
    answer: Answer,
    prompt: str,
    context: KindContext,
    entities: dict[str, list[str]],
    rng: random.Random,
) -> tuple[str, dict[str, object]] | None:
    evidence = statements.sentence_text(answer.sentence)
    base: dict[str, object] = {"skill": "detail", "prompt": prompt}
    wrong = distractors.options_for(
        answer.text,
        answer.label,
        entities,
        rng,
        aliases=answer.aliases,
        also_right=listed_with(answer.span),
        seed=context.seed,
        prompt=prompt,
    )
    wants_choice = "multiple_choice" in context.types and len(wrong) == 3
    if wants_choice and ("short_answer" not in context.types or rng.random() < 0.6):
        choices: list[object] = [{"text": answer.text, "correct": True}, *wrong]
        entry = {"type": "multiple_choice", **base, "choices": choices}
        kind = "multiple_choice"
    elif (
        "numeric" in context.types
        and prompt.lower().startswith("how many")
        and re.fullmatch(r"\d[\d,]*", answer.text.split()[0] if answer.text else "")
    ):
        entry = {"type": "numeric", **base, "answer": int(answer.text.split()[0].replace(",", ""))}
        kind = "numeric"
    elif "short_answer" in context.types:
        entry = {"type": "short_answer", **base, "answers": [answer.text, *answer.aliases]}
        kind = "short_answer"
    else:
        return None
    entry["evidence"] = evidence
    return kind, entry
