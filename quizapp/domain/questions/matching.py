"""Matching a typed answer against a teacher's answers: wildcards and the leniencies.

Owns the short-answer rules that ``ShortAnswer`` and ``Cloze`` share; the text folding, number,
date and name reading live in ``quizapp.domain.text``. Teacher answers are tried in order and
the first match gives its credit, as in Moodle, but in two passes: first an exact comparison
(after normalisation) against every answer, so that an answer the teacher wrote down always
wins; then, answer by answer, either the ``*`` wildcard pattern or the leniencies, each of
which a question can switch off:

- ``prepositions``: a leading "in", "on", "at"... is ignored ("in 2013" for "2013" and back);
- ``qualifiers``: a qualifier or hedge in front of a value in the answer is dropped ("January
  2020" for "early January 2020", "20%" for "up to 20%"), never one that contradicts it;
- ``dates``: a date in another spelling at the answer's precision ("Jan. 2020", "2020-01");
- ``per_cent``: "20 per cent", "20 percent" and "20%" are one answer;
- ``numbers``: digits for number words ("two" for "2");
- ``acronyms``: "N.A.T.O." for "NATO", and an acronym the article defines for its expansion;
- ``name_sets``: the same names in another order ("Loza and Onal");
- ``name_forms``: for a person the article names, a shorter form of the name that no other
  person of the article has ("Hamdi Loza" or "Loza" for "Hamdi Sanad Loza");
- ``typos``: a small edit distance, never on numbers or dates.

Leniency never accepts a response that names another entity of the article ("Ankara" for
"Cairo"), nor one closer to another entity than to the answer. The edit distance comes in as a
function (``EditDistance``), because the domain imports only the standard library; the bank
loader passes rapidfuzz's.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

from quizapp.domain.text import (
    HEDGES,
    LEADING_ARTICLES,
    LEADING_PREPOSITIONS,
    TITLES,
    canonical_numbers,
    distinctive_forms,
    drop_leading,
    fold,
    join_acronyms,
    looks_like_person,
    mentions_number,
    name_items,
    normalise,
    parse_date,
    parse_number,
    shorter_forms,
    spell_per_cent,
    split_qualifier,
    without_titles,
)

EditDistance = Callable[[str, str], int]
"""Optimal-string-alignment distance between two texts: "Ciaro" is 1 from "Cairo"."""


@dataclass(frozen=True)
class Answer:
    """A teacher's answer: text (``*`` is a wildcard, ``\\*`` a star), its credit and feedback."""

    text: str
    credit: Fraction = Fraction(1)
    feedback: str = ""


def typed_answers(texts: Iterable[tuple[str, Fraction]]) -> tuple[Answer, ...]:
    """Answers for texts as students typed them, with their credit: a typed star is a star."""
    return tuple(Answer(text.replace("*", "\\*"), credit) for text, credit in texts)


@dataclass(frozen=True)
class Leniency:
    """Which forgiving comparisons apply after the exact one; all on by default."""

    typos: bool = True
    numbers: bool = True
    dates: bool = True
    name_sets: bool = True
    qualifiers: bool = True
    prepositions: bool = True
    acronyms: bool = True
    per_cent: bool = True
    name_forms: bool = True


class MatchKind(enum.StrEnum):
    """Which rule made a response match an answer."""

    EXACT = "exact"
    WILDCARD = "wildcard"
    NUMBER = "number"
    DATE = "date"
    NAME_SET = "name_set"
    TYPO = "typo"
    QUALIFIER = "qualifier"
    PREPOSITION = "preposition"
    ACRONYM = "acronym"
    PER_CENT = "per_cent"
    NAME_FORM = "name_form"


@dataclass(frozen=True)
class AnswerMatch:
    """The teacher answer a response matched, and how."""

    answer: Answer
    kind: MatchKind


@dataclass(frozen=True)
class ArticleNames:
    """What the article says about names: its entities and the acronyms it defines.

    ``entities`` are normalised names of the article (rivals for the entity guard, and the
    other people for ``name_forms``); ``acronyms`` pairs normalised acronyms with their
    normalised expansions.
    """

    entities: frozenset[str] = frozenset()
    acronyms: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def of(cls, entities: Iterable[str], acronyms: Iterable[tuple[str, str]] = ()) -> ArticleNames:
        """Normalised article names from the texts as written."""
        return cls(
            frozenset(filter(None, (normalise(entity) for entity in entities))),
            frozenset(
                (normalise(short), normalise(long))
                for short, long in acronyms
                if normalise(short) and normalise(long)
            ),
        )


# --- wildcards ---------------------------------------------------------------------------------

_WILDCARD = re.compile(r"(?<!\\)\*+")


def has_wildcard(text: str) -> bool:
    return _WILDCARD.search(text) is not None


def wildcard_pattern(text: str, *, case_sensitive: bool = False) -> re.Pattern[str]:
    """A regex for normalised responses: each run of ``*`` is any text, the rest literal."""
    parts = _WILDCARD.split(text)
    pieces: list[str] = []
    for index, part in enumerate(parts):
        folded = fold(part.replace("\\*", "*"), case_sensitive=case_sensitive)
        words = folded.split()
        if index == 0:
            while words and words[0].casefold() in LEADING_ARTICLES:
                words = words[1:]
        piece = " ".join(words)
        if folded[:1].isspace() and index > 0 and piece:
            piece = " " + piece
        if folded[-1:].isspace() and index < len(parts) - 1:
            piece = piece + " "
        pieces.append(re.escape(piece))
    return re.compile(".*".join(pieces), re.DOTALL)


def _literal(text: str) -> str:
    """A wildcard-free answer with its escaped stars made plain."""
    return text.replace("\\*", "*")


def display_answer(text: str) -> str:
    """An answer as a person would type it: wildcards dropped, "\\*" shown as "*"."""
    parts = (part.replace("\\*", "*").strip() for part in _WILDCARD.split(text))
    return " ".join(part for part in parts if part)


# --- typos -------------------------------------------------------------------------------------


def typo_allowance(letters: int) -> int:
    """Edits forgiven in a text of this many letters: none up to 4, one up to 8, then two."""
    if letters <= 4:
        return 0
    return 1 if letters <= 8 else 2


def _letters(text: str) -> int:
    return sum(char.isalnum() for char in text)


def _typo_distance(
    response: str, answer: str, case_sensitive: bool, edit_distance: EditDistance
) -> int | None:
    """The edit distance when it is a forgivable typo, else None."""
    distance = edit_distance(response, answer)
    allowed = typo_allowance(max(_letters(response), _letters(answer)))
    if not 0 < distance <= allowed:
        return None
    if case_sensitive and edit_distance(response.casefold(), answer.casefold()) < distance:
        return None  # a wrong letter case is not a typo when case matters
    return distance


# --- the matcher -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rules:
    """One question's matching settings, passed down together."""

    leniency: Leniency
    case_sensitive: bool
    names: ArticleNames
    edit_distance: EditDistance


def _rivals(answer_folded: str, entities: Iterable[str]) -> list[str]:
    """The entities that are not the answer itself: neither shares all its words with it."""
    answer_words = set(answer_folded.split())
    return [
        entity
        for entity in entities
        if not (set(entity.split()) <= answer_words or answer_words <= set(entity.split()))
    ]


def _person_forms(expected_text: str, rules: _Rules) -> list[str]:
    """The distinctive shorter forms of the answer when it is a person the article names."""
    if not rules.leniency.name_forms:
        return []
    # Capitals are kept for the person test ("New York" is a place, "Hamdi Loza" a person).
    # Titles go too: "Ambassador Sedat Onal" and "Deputy Minister Sedat Onal" are one person.
    words = drop_leading(fold(expected_text, case_sensitive=True).split(), LEADING_ARTICLES)
    words = drop_leading(words, TITLES)
    expected = without_titles(normalise(expected_text))
    if not looks_like_person(" ".join(words)):
        return []
    people = {without_titles(entity) for entity in rules.names.entities}
    forms = distinctive_forms(expected, people)
    if not {expected, *shorter_forms(expected)} & people:
        return []  # only a person the article names has forms the article can vouch for
    if rules.case_sensitive:
        return [" ".join(w for w in words if w.casefold() in form.split()) for form in forms]
    return forms


def _names_match(given_text: str, expected_text: str, rules: _Rules) -> bool:
    """One listed name against one expected name: equal, a distinctive form (either way round:
    "Loza" for "Hamdi Sanad Loza" and "Hamdi Sanad Loza" for "Loza"), maybe misspelt."""
    given = normalise(given_text, case_sensitive=rules.case_sensitive)
    expected = normalise(expected_text, case_sensitive=rules.case_sensitive)
    forms = [expected, *_person_forms(expected_text, rules)]
    if given in forms or (len(forms) > 1 and without_titles(given) in forms):
        return True
    if expected in _person_forms(given_text, rules):
        return True
    return rules.leniency.typos and any(
        _typo_distance(given, form, rules.case_sensitive, rules.edit_distance) is not None
        for form in forms
    )


def _same_names(given: list[str], expected: list[str], rules: _Rules) -> bool:
    """Whether each given name pairs off with a different expected name, and none is left."""
    if len(given) != len(expected):
        return False
    if not given:
        return True
    first, rest = given[0], given[1:]
    for index, candidate in enumerate(expected):
        if _names_match(first, candidate, rules) and _same_names(
            rest, expected[:index] + expected[index + 1 :], rules
        ):
            return True
    return False


def _list_texts(text: str) -> list[str]:
    """The items of a list answer as written (capitals kept, for the person test)."""
    return name_items(text, case_sensitive=True)


def _is_value(text: str) -> bool:
    """Whether a text is a number or a date (qualifiers are dropped only in front of values)."""
    return parse_date(text) is not None or parse_number(spell_per_cent(text)) is not None


def _variants(
    response: str, expected: str, leniency: Leniency
) -> Iterator[tuple[str, str, MatchKind | None]]:
    """(response, answer, leniency used) pairs to compare, the texts as written first.

    A leading place preposition leaves the response or the answer when the other does not open
    with it ("in 2013" for "2013", "2013" for "in 2013"); a qualifier in front of a value leaves
    the answer, and the response's own qualifier too when it is the same one or the answer has
    none and it is only a hedge ("about 3,000" for "3,000", never "late January 2020" for
    "January 2020"). Conflicting qualifiers are never dropped.
    """
    pairs: list[tuple[str, str, MatchKind | None]] = [(response, expected, None)]
    if leniency.prepositions:
        given_words, expected_words = response.split(), expected.split()
        given_first = given_words[0].casefold() if given_words else ""
        expected_first = expected_words[0].casefold() if expected_words else ""
        if given_first != expected_first:
            if len(given_words) > 1 and given_first in LEADING_PREPOSITIONS:
                pairs.append((" ".join(given_words[1:]), expected, MatchKind.PREPOSITION))
            if len(expected_words) > 1 and expected_first in LEADING_PREPOSITIONS:
                pairs.append((response, " ".join(expected_words[1:]), MatchKind.PREPOSITION))
    for given, expected, via in pairs:
        yield given, expected, via
        if not leniency.qualifiers:
            continue
        key_qualifier, key_value = split_qualifier(expected)
        given_qualifier, given_value = split_qualifier(given)
        if key_qualifier and _is_value(key_value):
            if not given_qualifier:
                yield given, key_value, MatchKind.QUALIFIER
            elif given_qualifier == key_qualifier and _is_value(given_value):
                yield given_value, key_value, MatchKind.QUALIFIER
        elif given_qualifier in HEDGES and not key_qualifier and _is_value(given_value):
            yield given_value, expected, MatchKind.QUALIFIER


def _value_match(response: str, expected_text: str, rules: _Rules) -> MatchKind | None:
    """How one response text matches one answer text, trying each leniency in turn."""
    leniency, case_sensitive = rules.leniency, rules.case_sensitive
    given = normalise(response, case_sensitive=case_sensitive)
    expected = normalise(expected_text, case_sensitive=case_sensitive)
    if not given:
        return None
    if given == expected:
        return MatchKind.EXACT
    given_folded = normalise(response)
    rivals = _rivals(
        normalise(expected_text), rules.names.entities - _acronym_partners(expected_text, rules)
    )
    if given_folded in rivals:
        return None
    answer_date = parse_date(expected_text)
    if answer_date is not None and answer_date.precision != "year":
        # A date matches only as a date, at the answer's precision; never by a typo.
        same_date = leniency.dates and parse_date(response) == answer_date
        return MatchKind.DATE if same_date else None
    if leniency.per_cent:
        # Spelt as "%", which normalising drops, just as the exact comparison drops a typed "%".
        given_spelt = normalise(spell_per_cent(response, "%"), case_sensitive=case_sensitive)
        expected_spelt = normalise(
            spell_per_cent(expected_text, "%"), case_sensitive=case_sensitive
        )
        if given_spelt == expected_spelt:
            return MatchKind.PER_CENT
        if leniency.numbers and canonical_numbers(given_spelt) == canonical_numbers(expected_spelt):
            return MatchKind.NUMBER
    if leniency.numbers and canonical_numbers(given) == canonical_numbers(expected):
        return MatchKind.NUMBER
    if leniency.acronyms and _same_acronym(response, expected_text, rules):
        return MatchKind.ACRONYM
    forms = _person_forms(expected_text, rules)
    if forms and without_titles(given) in [expected, *forms]:
        return MatchKind.NAME_FORM  # "Loza", "Mr Loza", "Hamdi Loza" for "Hamdi Sanad Loza"
    if expected in _person_forms(response, rules):
        return MatchKind.NAME_FORM  # the full name for a distinctive form: "Sedat Onal" for "Onal"
    if leniency.name_sets:
        expected_names = _list_texts(expected_text)
        given_names = _list_texts(response)
        if len(expected_names) > 1 and _same_names(given_names, expected_names, rules):
            return MatchKind.NAME_SET
    if leniency.typos and not (mentions_number(given) or mentions_number(expected)):
        for form in [expected, *_person_forms(expected_text, rules)]:
            distance = _typo_distance(given, form, case_sensitive, rules.edit_distance)
            if distance is not None and all(
                rules.edit_distance(given_folded, rival) > distance for rival in rivals
            ):
                return MatchKind.TYPO
    return None


def _acronym_partners(expected_text: str, rules: _Rules) -> frozenset[str]:
    """The other form of the answer when the article defines it as an acronym (not a rival)."""
    if not rules.leniency.acronyms:
        return frozenset()
    expected = normalise(join_acronyms(expected_text))
    partners = {long for short, long in rules.names.acronyms if short == expected}
    return frozenset(partners | {short for short, long in rules.names.acronyms if long == expected})


def _same_acronym(response: str, expected_text: str, rules: _Rules) -> bool:
    """An acronym spelt with dots or spaces, or one the article defines, for the other form."""
    case_sensitive = rules.case_sensitive
    given = normalise(join_acronyms(response), case_sensitive=case_sensitive)
    expected = normalise(join_acronyms(expected_text), case_sensitive=case_sensitive)
    if given == expected:
        return True
    pair = {normalise(join_acronyms(response)), normalise(join_acronyms(expected_text))}
    return any(pair == {short, long} for short, long in rules.names.acronyms)


def _lenient_match(response: str, answer: Answer, rules: _Rules) -> MatchKind | None:
    for given, expected, via in _variants(response, _literal(answer.text), rules.leniency):
        kind = _value_match(given, expected, rules)
        if kind is not None:
            return via if kind is MatchKind.EXACT and via is not None else kind
    return None


def match_answer(
    response: str,
    answers: Sequence[Answer],
    *,
    edit_distance: EditDistance,
    leniency: Leniency = Leniency(),
    case_sensitive: bool = False,
    names: ArticleNames = ArticleNames(),
) -> AnswerMatch | None:
    """The teacher answer this response earns, or None (see the module docstring for the rules).

    ``names`` holds the article's other names and acronyms. A response equal to another
    entity after normalisation, or at least as close to one of them as to the answer, is never
    accepted by a leniency; an answer the teacher wrote down still matches exactly.
    """
    given = normalise(response, case_sensitive=case_sensitive)
    if not given:
        return None
    for answer in answers:
        if not has_wildcard(answer.text) and given == normalise(
            _literal(answer.text), case_sensitive=case_sensitive
        ):
            return AnswerMatch(answer, MatchKind.EXACT)
    rules = _Rules(leniency, case_sensitive, names, edit_distance)
    for answer in answers:
        if has_wildcard(answer.text):
            pattern = wildcard_pattern(answer.text, case_sensitive=case_sensitive)
            if pattern.fullmatch(given):
                return AnswerMatch(answer, MatchKind.WILDCARD)
            continue
        kind = _lenient_match(response, answer, rules)
        if kind is not None:
            return AnswerMatch(answer, kind)
    return None
