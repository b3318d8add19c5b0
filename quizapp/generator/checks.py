"""Named checks a worded question must pass before anyone sees it.

Each check is one function registered by name: it returns a reason when the question fails and
``None`` when it passes. Checks can be listed (:func:`all_checks`), switched off by name, and
called on their own in tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from quizapp.errors import InvalidInput
from quizapp.generator.model import ArticleAnalysis, Drafted

CheckFunction = Callable[[Drafted, ArticleAnalysis, Sequence[Drafted]], str | None]


@dataclass(frozen=True)
class Check:
    name: str
    description: str
    run: CheckFunction


_CHECKS: dict[str, Check] = {}


def check(name: str, description: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated function as the check ``name``."""

    def decorate(function: CheckFunction) -> CheckFunction:
        _CHECKS[name] = Check(name, description, function)
        return function

    return decorate


def all_checks() -> list[Check]:
    return list(_CHECKS.values())


def check_named(name: str) -> Check:
    try:
        return _CHECKS[name]
    except KeyError:
        valid = ", ".join(sorted(_CHECKS))
        raise InvalidInput(f"Unknown check {name!r}; valid checks: {valid}.") from None


def problems_of(
    drafted: Drafted,
    analysis: ArticleAnalysis,
    accepted: Sequence[Drafted] = (),
    *,
    disabled: Collection[str] = (),
) -> list[str]:
    """Why ``drafted`` fails ("check-name: reason"), against the questions already kept."""
    for name in disabled:
        check_named(name)  # a misspelt name is an error, not a silently kept check
    found: list[str] = []
    for item in _CHECKS.values():
        if item.name in disabled:
            continue
        reason = item.run(drafted, analysis, accepted)
        if reason:
            found.append(f"{item.name}: {reason}")
    return found


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9%£$€]+", text.casefold())


STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "as",
        "from",
        "which",
        "who",
        "what",
        "when",
        "where",
        "why",
        "how",
        "did",
        "does",
        "do",
        "not",
        "no",
        "than",
        "about",
        "into",
        "over",
        "after",
        "before",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "them",
        "according",
        "article",
        "says",
        "said",
    ]
)


def content_words(text: str) -> set[str]:
    return {w for w in words(text) if w not in STOP and len(w) > 2}


def _contains(haystack: str, needle: str) -> bool:
    hay = f" {' '.join(words(haystack))} "
    pin = " ".join(words(needle))
    return bool(pin) and f" {pin} " in hay


@check("has-key", "The key is a real answer: not empty, not a pronoun.")
def has_key(drafted: Drafted, analysis: ArticleAnalysis, accepted: Sequence[Drafted]) -> str | None:
    key = drafted.key.strip()
    if not key:
        return "no key"
    if key.casefold() in PRONOUNS:
        return f"the key {key!r} is a pronoun"
    return None


PRONOUNS = frozenset(
    [
        "he",
        "she",
        "it",
        "they",
        "him",
        "her",
        "them",
        "we",
        "us",
        "i",
        "you",
        "his",
        "hers",
        "its",
        "their",
        "theirs",
        "this",
        "that",
        "these",
        "those",
        "someone",
        "something",
        "one",
    ]
)


@check("not-in-question", "The key is not given away by the question itself.")
def not_in_question(
    drafted: Drafted, analysis: ArticleAnalysis, accepted: Sequence[Drafted]
) -> str | None:
    if drafted.entry.get("type") == "true_false" or drafted.kind in ("main_idea", "true_statement"):
        return None
    for form in (drafted.key, *drafted.accepted):
        if len(form) >= 3 and _contains(drafted.prompt, form):
            return f"the question contains the answer {form!r}"
    return None


@check("not-in-title", "A short key is not a word of the title (the title gives it away).")
def not_in_title(
    drafted: Drafted, analysis: ArticleAnalysis, accepted: Sequence[Drafted]
) -> str | None:
    if drafted.kind in ("main_idea", "true_statement", "sequence", "speaker_view", "who_said"):
        return None
    if len(words(drafted.key)) <= 4:
        for form in (drafted.key, *drafted.accepted):
            if len(form) >= 3 and _contains(analysis.title, form):
                return f"the title contains the answer {form!r}"
    return None


# Kinds whose options are statements of the article: what they show can give a fact away.
STATEMENT_KINDS = frozenset({"main_idea", "true_statement", "cause_effect", "speaker_view"})


def shown_text(drafted: Drafted) -> str:
    """What a student reads of a question that could give another's answer away."""
    if drafted.kind in STATEMENT_KINDS:
        return " ".join([drafted.prompt, drafted.key, *drafted.distractors])
    return drafted.prompt


def _gives_away(shown: str, key: str) -> bool:
    return len(key) >= 3 and len(words(key)) <= 5 and _contains(shown, key)


# Options of this many words say something of their own (a meaning, a statement); two
# questions showing one of them pair off (one's key is the other's wrong option). Shorter ones
# (people's names) are the article's cast and may recur.
SAYING_OPTION_WORDS = 3


def saying_options(drafted: Drafted) -> set[str]:
    return {
        " ".join(words(option))
        for option in (drafted.key, *drafted.distractors)
        if len(words(option)) >= SAYING_OPTION_WORDS
    }


@check(
    "not-given-by-another", "No other kept question shows this key, nor asks about its sentence."
)
def not_given_by_another(
    drafted: Drafted, analysis: ArticleAnalysis, accepted: Sequence[Drafted]
) -> str | None:
    free = ("main_idea", "sequence")
    for other in accepted:
        if (
            other.sentence == drafted.sentence
            and drafted.kind not in free
            and other.kind not in free
        ):
            return "another question already asks about this sentence"
        if drafted.kind not in STATEMENT_KINDS and _gives_away(shown_text(other), drafted.key):
            return f"another question shows the answer {drafted.key!r}"
        if other.kind not in STATEMENT_KINDS and _gives_away(shown_text(drafted), other.key):
            return f"this question shows the answer of another, {other.key!r}"
        shared = set(other.option_sentences) & set(drafted.option_sentences)
        if shared:
            return "its options restate a sentence another question's options use"
        if drafted.distractors and saying_options(other) & saying_options(drafted):
            return "an option of another question is among its options"
        if other.key.casefold() == drafted.key.casefold() and other.kind == drafted.kind:
            return "another question has the same key"
    return None


IMPORTANCE_FLOOR = 0.3
# A quoted view matters even in a later paragraph: news saves its voices for the end; a
# stated cause is worth asking wherever the article gives one; a word is asked for itself,
# and its sentence only shows it in use.
IMPORTANCE_FLOORS = {
    "speaker_view": 0.12,
    "who_said": 0.12,
    "cause_effect": 0.15,
    "vocabulary": 0.12,
}


@check("important", "The source sentence matters to the article (not a minor detail).")
def important(
    drafted: Drafted, analysis: ArticleAnalysis, accepted: Sequence[Drafted]
) -> str | None:
    if drafted.kind in ("main_idea", "sequence"):
        return None
    value = analysis.importance[drafted.sentence]
    if value < IMPORTANCE_FLOORS.get(drafted.kind, IMPORTANCE_FLOOR) and not analysis.ranks_high(
        drafted.sentence
    ):
        return f"the sentence is a minor detail (importance {value:.2f})"
    return None


@check("grammatical", "The question reads as a sentence: finished, balanced, no dangling words.")
def grammatical(
    drafted: Drafted, analysis: ArticleAnalysis, accepted: Sequence[Drafted]
) -> str | None:
    prompt = drafted.prompt.strip()
    if drafted.entry.get("type") in ("true_false", "ordering", "cloze", "evidence"):
        if not prompt.endswith("."):
            return "the statement does not end with a full stop"
    elif drafted.entry.get("type") == "written_response":
        # a question, then what to do: "Why ...? Explain in your own words."
        if "?" not in prompt or not prompt.endswith((".", "?")):
            return "the task has no question or is unfinished"
    elif not prompt.endswith(("?", ":")):
        return "the question does not end with a question mark"
    if prompt.count("(") != prompt.count(")"):
        return "unbalanced brackets"
    if prompt.count('"') % 2 or prompt.count("“") != prompt.count("”"):
        return "unbalanced quotation marks"
    if re.search(r"\b(\w+) \1\b", prompt.casefold()):
        return "a doubled word"
    if re.search(r"[,;:]\s*[?.]$", prompt) or re.search(r"\s[,;.]", prompt):
        return "dangling punctuation"
    if re.match(r"^\w+( \w+)? being\b", prompt):
        return "no finite verb"
    if re.search(r"\b(the|a|an|of|to|and|or|but|that|which)\s*[?.]$", prompt, re.IGNORECASE):
        return "a dangling word at the end"
    for option in (drafted.key, *drafted.distractors):
        if re.search(r"^(and|or|but|of|to)\b|\b(and|or|of|the|a|to)$", option.strip(" ,.")):
            return f"an option with a dangling word: {option!r}"
    return None


@check("answerable", "The key is found in the article, and an option is not also right.")
def answerable(
    drafted: Drafted, analysis: ArticleAnalysis, accepted: Sequence[Drafted]
) -> str | None:
    if drafted.kind in (
        "main_idea",
        "true_statement",
        "cause_effect",
        "speaker_view",
        "sequence",
        "vocabulary",
    ) or drafted.kind.startswith("sentence_"):
        # these keys are rewordings (or, for vocabulary, a definition from the lexicon); their
        # kinds match them to the source themselves
        return None
    parts = re.split(r",\s*|\s+and\s+", drafted.key)  # "Onal and Loza": each one is named
    if not all(_contains(analysis.doc.text, part) for part in parts if part):
        return f"the key {drafted.key!r} is not in the article"
    source = analysis.sentences[drafted.sentence].text
    for option in drafted.distractors:
        if _contains(source, option):
            return f"the option {option!r} is in the source sentence too"
        folded = option.casefold()
        if folded in drafted.key.casefold() or drafted.key.casefold() in folded:
            return f"the option {option!r} overlaps the key"
    return None


@check("options-distinct", "A choice question has distinct options, exactly one of them right.")
def options_distinct(
    drafted: Drafted, analysis: ArticleAnalysis, accepted: Sequence[Drafted]
) -> str | None:
    if drafted.entry.get("type") != "multiple_choice":
        return None
    texts = [drafted.key.casefold(), *(d.casefold() for d in drafted.distractors)]
    if len(set(texts)) != len(texts):
        return "two options are the same"
    if len(texts) < 3:
        return "fewer than three options"
    return None


VAGUE_REFERENCE = re.compile(
    r"\b(this|these|those|it|he|she|they|him|them|his|her|their)\b", re.IGNORECASE
)


@check(
    "no-vague-reference", "The question names what it asks about (no bare 'this', 'he', 'they')."
)
def no_vague_reference(
    drafted: Drafted, analysis: ArticleAnalysis, accepted: Sequence[Drafted]
) -> str | None:
    if drafted.entry.get("type") == "ordering":
        return None  # "Put these events in order" points at its own items
    prompt = re.sub(r"“[^”]*”|\"[^\"]*\"", "", drafted.prompt)  # a quote may say "we"
    prompt = re.sub(r"^According to the article, who \w+ that ", "", prompt)
    prompt = re.sub(r"\b(who said|so) that\b", "", prompt)
    found = VAGUE_REFERENCE.search(prompt.split("?")[0].replace("said that", ""))
    if found and not re.search(r"\b[A-Z][a-z]+\b", prompt[: found.start()].split(" ", 1)[-1]):
        return f"a vague reference: {found[0]!r}"
    return None


# Nouns that hold no content of their own until their sentence gives it ("shell nouns"): bare
# in a question ("What percentage is the average?", "Which country is the worst case?") they
# point back to a sentence the student no longer has beside them.
SHELL_NOUNS = frozenset(
    {
        "average", "case", "figure", "number", "rate", "proportion", "share", "amount",
        "level", "result", "results", "finding", "findings", "study", "report", "research",
        "survey", "analysis", "move", "plan", "deal", "decision", "idea", "problem", "issue",
        "guess", "estimate", "claim", "statement", "scheme", "process", "method", "approach",
        "change", "situation", "effect", "trend", "event", "incident", "organisation",
        "organization", "group", "company", "firm", "area", "region", "place", "project",
    }
)  # fmt: skip
BARE_SHELL = re.compile(
    r"\bthe ((?:[a-z]+ ){0,2}?)(" + "|".join(sorted(SHELL_NOUNS)) + r")\b(?! (of|that|in which)\b)"
)


@check(
    "no-bare-shell-noun",
    "The question says which 'study', 'plan' or 'average' it means, unless the article is on it.",
)
def no_bare_shell_noun(
    drafted: Drafted, analysis: ArticleAnalysis, accepted: Sequence[Drafted]
) -> str | None:
    if drafted.kind in ("main_idea", "vocabulary", "sequence"):
        return None  # fixed prompts, or options that stand for the article
    prompt = re.sub(r"“[^”]*”|\"[^\"]*\"", "", drafted.prompt)
    for found in BARE_SHELL.finditer(prompt):
        noun = found[2]
        if noun in analysis.topic_words or noun.rstrip("s") in analysis.topic_words:
            continue  # "the study" of an article about one study
        return f"a vague reference: {found[0]!r} says nothing without its sentence"
    return None


WH_WORDS = r"(what|who|whom|whose|which|when|where|why|how)"
# A wh-word at the start, after one preposition ("In what year"), or after an opening phrase
# set off by a comma ("Other than Cairo, which ..."; "In paragraph 3, what ...").
WH_UP_FRONT = re.compile(rf"^(?:\w+\s+)?{WH_WORDS}\b|^[^,?]+,\s+{WH_WORDS}\b", re.IGNORECASE)


@check(
    "asks-up-front",
    "A wh-question opens with its question word, not in the middle of a copied clause.",
)
def asks_up_front(
    drafted: Drafted, analysis: ArticleAnalysis, accepted: Sequence[Drafted]
) -> str | None:
    prompt = drafted.prompt.strip()
    if drafted.entry.get("type") in ("true_false", "ordering", "cloze", "evidence"):
        return None
    if not prompt.endswith("?") or not re.search(rf"\b{WH_WORDS}\b", prompt, re.IGNORECASE):
        return None  # a yes/no or a choice question has no wh-word to put first
    if WH_UP_FRONT.search(prompt):
        return None
    return "the question word is buried in the clause"
