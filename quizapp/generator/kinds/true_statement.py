"""'Which statement is true according to the article?': the true option is an important
sentence shortened to its main clause; the false ones are other important statements with one
name, number or date swapped for another of the same kind from the article: the misreading of a
reader who mixed up who did what."""

from __future__ import annotations

import re
from collections.abc import Iterator

from quizapp.generator.kinds.registry import KindContext, register
from quizapp.generator.model import ArticleAnalysis, Drafted
from quizapp.generator.wording.clauses import statement
from quizapp.generator.wording.options import choice_question

PROMPT = "Which statement is true according to the article?"
SWAPPABLE = ("PERSON", "GPE", "DATE", "CARDINAL", "PERCENT", "MONEY")
MAX_WORDS = 26


NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _value(text: str) -> float | None:
    found = NUMBER.search(text)
    return float(found[0].replace(",", "")) if found else None


def nearest_first(label: str, text: str, others: list[str]) -> list[str]:
    """Numbers and years nearest in value first, and none more than three times off: "2,500
    countries" for "20 countries" is a swap no reader would make."""
    mine = _value(text)
    if label == "PERSON" or mine is None or mine == 0:
        return others
    near: list[tuple[float, str]] = []
    for other in others:
        value = _value(other)
        if value is None or value == mine:
            continue
        if label == "PERCENT" and value in (0, 100):
            continue  # "100% of those women": all or none turns a share into a sweeping claim
        is_year = 1500 <= mine <= 2100
        distance = abs(value - mine) if is_year else max(value, mine) / max(min(value, mine), 1e-9)
        if (is_year and distance <= 15) or (not is_year and distance <= 3):
            near.append((distance, other))
    return [other for _, other in sorted(near)]


def _swaps(analysis: ArticleAnalysis, label: str, text: str) -> list[str]:
    """What an entity could be mistaken for: others of its kind, people by the same form."""
    if label != "PERSON":
        return analysis.entities.get(label, [])
    people = analysis.people()
    if len(text.split()) >= 2:
        return [c.full for c in people]
    return [c.full.split()[-1] for c in people]


def _another_person(analysis: ArticleAnalysis, name: str, other: str) -> bool:
    """Whether ``other`` is a different person named in full, written like ``name``."""
    people = analysis.people()
    mine = analysis.chain_of(name)
    theirs = next((c for c in people if other in (c.full, c.full.split()[-1])), None)
    if mine is None or theirs is None or mine is theirs or mine not in people:
        return False
    if len(name.split()) < 2:
        # a surname alone is swapped for another person's surname ("Tutu" for "Mandela")
        return len(other.split()) == 1 and other == theirs.full.split()[-1]
    if set(mine.full.split()) & set(other.split()):
        return False
    return len(other.split()) == len(name.split())


def same_shape(first: str, second: str) -> bool:
    """Two amounts or dates written alike ("about 20%" and "nearly 50%"; "June 2011" and
    "May 2013"), so that swapping them misreads the number, not the kind of thing."""

    def shape(text: str) -> tuple[bool, str]:
        words = text.split()
        return bool(re.search(r"\d", text)), re.sub(r"[\d.,]+", "0", words[-1] if words else "")

    return shape(first) == shape(second)


def misreading(analysis: ArticleAnalysis, index: int, text: str) -> str | None:
    """``text`` (from sentence ``index``) with one entity swapped for another of its kind that the
    sentence does not mention, or None when nothing can be swapped safely."""
    sentence = analysis.sentences[index]
    for entity in sentence.ents:
        if entity.label_ not in SWAPPABLE or entity.text not in text:
            continue
        if entity.label_ == "DATE" and not re.search(r"\d", entity.text):
            continue
        if entity.start > 0 and analysis.doc[entity.start - 1].lower_ == "the":
            continue  # "the US" -> "the India": names differ in taking "the"
        chain = analysis.chain_of(entity.text)
        for other in nearest_first(
            entity.label_, entity.text, _swaps(analysis, entity.label_, entity.text)
        ):
            if (
                other.casefold() in sentence.text.casefold()
                or other.casefold() in entity.text.casefold()
            ):
                continue
            if chain is not None and analysis.chain_of(other) is chain:
                continue
            if entity.label_ == "PERSON" and not _another_person(analysis, entity.text, other):
                continue
            if entity.label_ != "PERSON" and not same_shape(entity.text, other):
                continue
            if other[:1].islower() != entity.text[:1].islower():
                continue
            # the swap must not be true elsewhere: no sentence names ``other`` with this
            # sentence's verb
            verb = sentence.root.lemma_
            if any(
                other in s.text and any(t.lemma_ == verb for t in s) for s in analysis.sentences
            ):
                continue
            return text.replace(entity.text, other, 1)
    return None


@register(
    "true_statement",
    skill="detail",
    share=0.2,
    description="Which statement is true: one shortened fact among plausible misreadings.",
)
def propose(analysis: ArticleAnalysis, context: KindContext) -> Iterator[Drafted]:
    if "multiple_choice" not in context.types:
        return
    ranked = sorted(range(len(analysis.sentences)), key=lambda i: -analysis.importance[i])
    statements: dict[int, str] = {}
    for index in ranked:
        if index == analysis.main_sentence:
            continue
        text = statement(analysis.sentences[index])
        if text is not None and len(text.split()) <= MAX_WORDS:
            statements[index] = text
    false_ones: dict[int, str] = {}
    for index, text in statements.items():
        misread = misreading(analysis, index, text)
        if misread is not None:
            false_ones[index] = misread
    used: set[int] = set()
    for index, text in statements.items():
        if index in used or analysis.importance[index] < 0.45:
            continue
        wrong = [(i, w) for i, w in false_ones.items() if i != index and i not in used]
        wrong.sort(key=lambda pair: abs(len(pair[1]) - len(text)))
        if len(wrong) < 3:
            return
        chosen = wrong[:3]
        used |= {index, *(i for i, _ in chosen)}
        drafted = choice_question(
            kind="true_statement",
            skill="detail",
            prompt=PROMPT,
            key=text,
            distractors=[w for _, w in chosen],
            sentence=index,
            evidence=analysis.sentences[index].text.strip(),
            seed=context.seed,
        )
        drafted.option_sentences = (index, *(i for i, _ in chosen))
        yield drafted
