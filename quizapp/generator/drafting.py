"""Drafting a question bank from an article: candidates, filters, ranking, and the bank dict.

One parse per article (several articles go through ``nlp.pipe`` together), then cheap rule work:
every entity becomes a candidate answer, the wh-rules turn it into a question, filters drop the
ungrammatical, trivial (the answer is in the question), duplicate and unanswerable ones (an
unresolved pronoun), and the rest are scored with a ``confidence`` that ranks them. Questions with
enough same-kind distractors become multiple choice; sentences give true/false, cloze, ordering
and evidence questions. The result is a plain dict in the bank YAML shape; ``seed`` makes every
random choice repeatable.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quizapp.domain.text import read_written_date
from quizapp.generator import distractors, statements
from quizapp.generator.answers import (
    Answer,
    answers_in,
    article_entities,
    is_relative_date,
    listed_with,
)
from quizapp.generator.wording.realisation import QUOTE_MARKS
from quizapp.generator.wording.wh_question import question_for

if TYPE_CHECKING:
    from spacy.tokens import Doc

QUESTION_TYPES = (
    "multiple_choice",
    "short_answer",
    "numeric",
    "true_false",
    "cloze",
    "ordering",
    "evidence",
)
DEFAULT_MAX_QUESTIONS = 10
# Drafts below this confidence are not worth a teacher's time even when slots are free.
MIN_CONFIDENCE = 0.6
# Questions one sentence of the article may carry, so that a bank covers the article.
MAX_QUESTIONS_PER_SENTENCE = 2
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
# Share of the bank each sentence-based kind may take, so that wh-questions stay the core.
KIND_SHARES = {"true_false": 0.17, "cloze": 0.17, "ordering": 0.09, "evidence": 0.09}


@dataclass(frozen=True)
class DraftOptions:
    """What the teacher asked for: how many questions, of which types, with which seed."""

    max_questions: int = DEFAULT_MAX_QUESTIONS
    types: frozenset[str] = frozenset(QUESTION_TYPES)
    seed: int = 0


@dataclass(frozen=True)
class ArticleText:
    """An article ready to draft from: its title, its body text and what is known of its source."""

    title: str
    text: str
    source: Mapping[str, str] = field(default_factory=dict)
    name: str = ""  # where it came from (a file name), for messages


@dataclass
class Draft:
    """One proposed question: its bank entry, its sentence position and its confidence."""

    kind: str
    data: dict[str, object]
    position: int
    confidence: float
    sentence: int
    answer_text: str = ""


def slug(text: str, *, limit: int = 60) -> str:
    """A bank or question id: lower-case words joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", text.casefold())
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > limit:
            break
        result = candidate
    return result or "article"


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
    if question.count("(") != question.count(")") or any(q in question for q in QUOTE_MARKS):
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


def part_of_list(answer: Answer) -> bool:
    """Whether the answer is one item of a coordination ("Turkey" in "Turkey and Egypt"):
    a question about it would have several right answers."""
    if " and " in answer.text:
        return False  # the whole list is the answer
    root = answer.span.root
    inside = range(answer.span.start, answer.span.end)
    while root.dep_ == "appos" and root.head.i not in inside:
        root = root.head  # "his counterpart, Loza": the description is the list item
    if root.dep_ == "conj" and root.head.i not in inside:
        return True
    phrase = root.head
    if root.dep_ == "pobj" and (
        phrase.dep_ == "conj" or any(c.dep_ == "conj" for c in phrase.children)
    ):
        return True  # "made by the WMO, by UNEP, and by members": a list of phrases
    # "Universal, Warner Brothers, and Sony also run ...": the parser may give the verb two
    # subjects instead of a list
    doc = root.doc
    joined = answer.span.start > 0 and doc[answer.span.start - 1].lower_ in ("and", "or")
    if joined and any(
        c.dep_ == root.dep_ and c.i not in inside for c in root.head.children if c != root
    ):
        return True
    return any(c.dep_ == "conj" and c.i not in inside for c in root.children)


def ambiguous_attachment(answer: Answer) -> bool:
    """Whether the answer sits in a phrase after a comma that the parser hung on a noun other
    than the one before the comma ("the violence ... in Myanmar, also known as Burma")."""
    node = answer.span.root
    while node.head != node:
        if node.dep_ in ("acl", "relcl", "appos") and node.head.pos_ in ("NOUN", "PROPN"):
            start = node.left_edge.i
            doc = node.doc
            if start >= 2 and doc[start - 1].text == "," and doc[start - 2].i != node.head.i:
                near = doc[start - 2]
                if near.pos_ in ("NOUN", "PROPN") and near.head != node.head:
                    return True
        node = node.head
    return False


def _refers_back(answer: Answer) -> bool:
    """ "six of which", "One likely reason": a number that points at something said before."""
    doc = answer.span.doc
    end = answer.span.end
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].tag_ in ("WDT", "PRP"):
        return True
    return answer.text.casefold() == "one" and answer.span.root.dep_ == "nummod"


def glued_modifier(answer: Answer) -> bool:
    """A number written into a compound word ("two-letter symbols") is no amount to ask for."""
    doc = answer.span.doc
    end = answer.span.end
    return end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_


# Verbs whose complement is somebody's claim, which the article does not assert.
CLAIMING_VERBS = frozenset(
    {"claim", "allege", "deny", "pretend", "suggest", "speculate", "insist", "rumour", "rumor"}
)


def only_claimed(answer: Answer) -> bool:
    """An answer inside what someone claims or denies ("tried to get them to claim that the
    effort focused only on Europe") or asks about ("whether ..."): asking for it would state
    the claim as a fact."""
    node = answer.span.root
    while node.head != node:
        if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() in CLAIMING_VERBS:
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in node.children):
            return True  # "investigating whether the campaign colluded with Russia"
        node = node.head
    return False


def inside_title(answer: Answer) -> bool:
    """The end of a title the NER cut short ("Half the [World Away]", "Bank of [England]")."""
    doc = answer.span.doc
    start = answer.span.start
    if start < 2 or doc[start - 1].text not in ("the", "of"):
        return False
    before = doc[start - 2]
    return before.is_title and not before.is_sent_start


def after_a_break(answer: Answer) -> bool:
    """An answer after a dash or semicolon that joins two statements in one sentence
    ("... aren't legal yet – only drones up to 25kg will be covered and the FAA points out
    ..."): the parser often joins the halves wrongly, and the question comes out garbled."""
    for token in answer.sentence:
        if token.i >= answer.span.start:
            return False
        if token.text in (";", "–", "—") and token.whitespace_:
            return True
    return False


def wh_candidates(doc: Doc, entities: dict[str, list[str]]) -> Iterator[tuple[Answer, str, float]]:
    sentence_starts = [s.start for s in doc.sents]
    for answer in answers_in(doc, entities):
        if any(t.text in QUOTE_MARKS for t in answer.sentence) or statements.broken_sentence(
            answer.sentence
        ):
            continue  # quoted speech and fragments turn into odd questions
        if (
            part_of_list(answer)
            or ambiguous_attachment(answer)
            or glued_modifier(answer)
            or inside_title(answer)
            or after_a_break(answer)
            or only_claimed(answer)
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
        if answer.label == "CARDINAL" and _refers_back(answer):
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
    options: DraftOptions,
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
        seed=options.seed,
        prompt=prompt,
    )
    wants_choice = "multiple_choice" in options.types and len(wrong) == 3
    if wants_choice and ("short_answer" not in options.types or rng.random() < 0.6):
        choices: list[object] = [{"text": answer.text, "correct": True}, *wrong]
        entry = {"type": "multiple_choice", **base, "choices": choices}
        kind = "multiple_choice"
    elif (
        "numeric" in options.types
        and prompt.lower().startswith("how many")
        and re.fullmatch(r"\d[\d,]*", answer.text.split()[0] if answer.text else "")
    ):
        entry = {"type": "numeric", **base, "answer": int(answer.text.split()[0].replace(",", ""))}
        kind = "numeric"
    elif "short_answer" in options.types:
        entry = {"type": "short_answer", **base, "answers": [answer.text, *answer.aliases]}
        kind = "short_answer"
    else:
        return None
    entry["evidence"] = evidence
    return kind, entry


def draft_from_doc(doc: Doc, article: ArticleText, options: DraftOptions) -> dict[str, object]:
    """The draft bank for an already parsed article."""
    rng = random.Random(options.seed)
    entities = article_entities(doc)
    drafts: list[Draft] = []
    seen_prompts: set[str] = set()
    seen_answers: set[tuple[str, int]] = set()
    candidates = sorted(wh_candidates(doc, entities), key=lambda item: -item[2])
    for answer, prompt, confidence in candidates:
        key = prompt.casefold()
        answer_key = (distractors.normalised(answer.text), answer.sentence.start)
        if key in seen_prompts or answer_key in seen_answers:
            continue
        built = wh_entry(answer, prompt, options, entities, rng)
        if built is None:
            continue
        seen_prompts.add(key)
        seen_answers.add(answer_key)
        kind, entry = built
        drafts.append(
            Draft(kind, entry, answer.span.start, confidence, answer.sentence.start, answer.text)
        )
    sentence_drafts: list[statements.SentenceDraft] = []
    if "true_false" in options.types:
        sentence_drafts += statements.true_false_drafts(doc, entities, rng)
    if "cloze" in options.types:
        sentence_drafts += statements.cloze_drafts(doc)
    if "ordering" in options.types:
        ordering = statements.ordering_draft(doc)
        if ordering is not None:
            sentence_drafts.append(ordering)
    if "evidence" in options.types:
        sentence_drafts += statements.evidence_drafts(doc, article.title)
    for draft in sentence_drafts:
        drafts.append(
            Draft(
                draft.kind,
                draft.data,
                draft.sentence.start,
                draft.confidence,
                draft.sentence.start,
            )
        )
    chosen = select(drafts, options.max_questions)
    return bank_dict(article, chosen)


def select(drafts: Sequence[Draft], limit: int) -> list[Draft]:
    """The most confident drafts within each kind's share, back in article order."""
    caps = {kind: max(1, round(share * limit)) for kind, share in KIND_SHARES.items()}
    taken: dict[str, int] = {}
    used_sentences: dict[tuple[int, bool], int] = {}
    chosen: list[Draft] = []
    ranked = sorted(drafts, key=lambda d: (-d.confidence, d.position, d.kind))

    asked: dict[str, int] = {}
    on_sentence: dict[int, int] = {}
    per_sentence = 1

    def take(draft: Draft) -> bool:
        if draft in chosen or len(chosen) >= limit or draft.confidence < MIN_CONFIDENCE:
            return False
        if taken.get(draft.kind, 0) >= caps.get(draft.kind, limit):
            return False
        # one sentence carries at most one wh-question and one sentence-based question, and
        # never more than two questions; one answer is asked for once ("Who spent £7m?" and
        # "Who has spent £7m?" are one question to a student)
        key = (draft.sentence, draft.kind in KIND_SHARES)
        answer = distractors.normalised(draft.answer_text) if draft.answer_text else ""
        if used_sentences.get(key, 0) >= per_sentence:
            return False
        if on_sentence.get(draft.sentence, 0) >= MAX_QUESTIONS_PER_SENTENCE:
            return False
        if answer and asked.get(answer, 0) >= per_sentence:
            return False
        used_sentences[key] = used_sentences.get(key, 0) + 1
        on_sentence[draft.sentence] = on_sentence.get(draft.sentence, 0) + 1
        if answer:
            asked[answer] = asked.get(answer, 0) + 1
        taken[draft.kind] = taken.get(draft.kind, 0) + 1
        chosen.append(draft)
        return True

    # each sentence-based kind gets its first slot before wh-questions fill the rest,
    # so that a bank has variety even when wh-questions score higher
    if limit >= 6:
        for kind in KIND_SHARES:
            for draft in ranked:
                if draft.kind == kind and take(draft):
                    break
    for draft in ranked:
        take(draft)
    # a second question on a sentence or for an answer, and more sentence-based questions
    # than their share, only when the article has nothing else to offer
    per_sentence = 2
    caps = {kind: 2 * cap for kind, cap in caps.items()}
    for draft in ranked:
        take(draft)
    kind_order = {"ordering": 1, "evidence": 2}
    chosen.sort(key=lambda d: (kind_order.get(d.kind, 0), d.position))
    return chosen


def bank_dict(article: ArticleText, drafts: Iterable[Draft]) -> dict[str, object]:
    """The bank in the YAML shape (schema 1), with unique question ids."""
    questions: list[dict[str, object]] = []
    used: set[str] = set()
    for draft in drafts:
        prompt = str(draft.data.get("prompt", ""))
        text = str(draft.data.get("text", "")) if draft.kind == "cloze" else prompt
        base = slug(" ".join(text.split()[:6]).replace("[[", " ").replace("]]", " "), limit=40)
        question_id = base
        number = 2
        while question_id in used:
            question_id = f"{base}-{number}"
            number += 1
        used.add(question_id)
        entry: dict[str, object] = {"id": question_id, **draft.data}
        entry["confidence"] = round(draft.confidence, 2)
        questions.append(entry)
    bank: dict[str, object] = {
        "schema": 1,
        "id": slug(article.title),
        "title": article.title,
    }
    source = {key: value for key, value in article.source.items() if value}
    if source:
        bank["source"] = source
    bank["article"] = article.text
    bank["questions"] = questions
    return bank


def default_title(text: str) -> str:
    """A title from the first words of an article that has none."""
    words = text.split()[:8]
    return " ".join(words).rstrip(".,;:") or "Untitled article"


def answers_of_draft(bank: Mapping[str, object]) -> list[str]:
    """The answers a draft bank's questions ask for (for coverage figures)."""
    found: list[str] = []
    questions = bank.get("questions", [])
    assert isinstance(questions, list)
    for question in questions:
        kind = question.get("type")
        if kind == "multiple_choice":
            found += [c["text"] for c in question["choices"] if isinstance(c, dict)]
        elif kind == "short_answer":
            found.append(str(question["answers"][0]))
        elif kind == "numeric":
            found.append(str(question["answer"]))
        elif kind == "cloze":
            found += [str(values[0]) for values in question["blanks"].values()]
    return found
