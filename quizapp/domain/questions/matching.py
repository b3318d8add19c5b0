"""Matching a typed answer against a teacher's answers: normalisation, wildcards and leniency.

Owns the short-answer rules that ``ShortAnswer`` and ``Cloze`` share, plus the number reading
that ``Numeric`` uses. Teacher answers are tried in order and the first match gives its credit,
as in Moodle, but in two passes: first an exact comparison (after normalisation) against every
answer, so that an answer the teacher wrote down always wins; then, answer by answer, either the
``*`` wildcard pattern or the leniencies (numbers, dates, name lists, typos), each of which a
question can switch off. Leniency never accepts a response that names another entity of the
article ("Ankara" for "Cairo").
"""

from __future__ import annotations

import datetime
import enum
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction


@dataclass(frozen=True)
class Answer:
    """A teacher's answer: text (``*`` is a wildcard, ``\\*`` a star), its credit and feedback."""

    text: str
    credit: Fraction = Fraction(1)
    feedback: str = ""


@dataclass(frozen=True)
class Leniency:
    """Which forgiving comparisons apply after the exact one; all on by default."""

    typos: bool = True
    numbers: bool = True
    dates: bool = True
    name_sets: bool = True


class MatchKind(enum.StrEnum):
    """Which rule made a response match an answer."""

    EXACT = "exact"
    WILDCARD = "wildcard"
    NUMBER = "number"
    DATE = "date"
    NAME_SET = "name_set"
    TYPO = "typo"


@dataclass(frozen=True)
class AnswerMatch:
    """The teacher answer a response matched, and how."""

    answer: Answer
    kind: MatchKind


@dataclass(frozen=True, order=True)
class DateValue:
    """A date as precise as it was written: a year, a month of a year, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        return "year" if self.month is None else "month"


# --- normalisation -----------------------------------------------------------------------------

# Letters that Unicode does not decompose into a base letter plus accents.
_UNDECOMPOSABLE = str.maketrans(
    {"ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE"}
    | {"œ": "oe", "Œ": "OE", "ß": "ss", "þ": "th", "Þ": "Th"}
)
_APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4"
_LEADING_ARTICLES = frozenset({"a", "an", "the"})


def strip_diacritics(text: str) -> str:
    """Remove accents: "Önal" -> "Onal", "Çavuşoğlu" -> "Cavusoglu"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped)


def _fold(text: str, case_sensitive: bool) -> str:
    """NFKC, no accents, case folded, punctuation turned into spaces; spacing left alone.

    Decimal points and thousands separators inside numbers survive ("2.5", "1,000" -> "1000"),
    apostrophes vanish ("Egypt's" -> "egypts"), and ``*`` is kept for wildcard answers.
    """
    text = strip_diacritics(unicodedata.normalize("NFKC", text))
    if not case_sensitive:
        text = text.casefold()
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    kept: list[str] = []
    for position, char in enumerate(text):
        if char.isalnum() or char.isspace() or char == "*":
            kept.append(char)
        elif char in _APOSTROPHES:
            continue
        elif (
            char == "."
            and text[position - 1 : position].isdigit()
            and text[position + 1 : position + 2].isdigit()
        ):
            kept.append(char)
        else:
            kept.append(" ")
    return "".join(kept)


def normalise(text: str, *, case_sensitive: bool = False) -> str:
    """The form two answers are compared in: "  The Sedat  Önal!" -> "sedat onal"."""
    words = _fold(text, case_sensitive).split()
    while len(words) > 1 and words[0].casefold() in _LEADING_ARTICLES:
        words = words[1:]
    return " ".join(words)


# --- wildcards ---------------------------------------------------------------------------------

_WILDCARD = re.compile(r"(?<!\\)\*+")


def has_wildcard(text: str) -> bool:
    return _WILDCARD.search(text) is not None


def wildcard_pattern(text: str, *, case_sensitive: bool = False) -> re.Pattern[str]:
    """A regex for normalised responses: each run of ``*`` is any text, the rest literal."""
    parts = _WILDCARD.split(text)
    pieces: list[str] = []
    for index, part in enumerate(parts):
        folded = _fold(part.replace("\\*", "*"), case_sensitive)
        words = folded.split()
        if index == 0:
            while words and words[0].casefold() in _LEADING_ARTICLES:
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


# --- numbers -----------------------------------------------------------------------------------


def _numbered(words: str, start: int, step: int = 1) -> dict[str, int]:
    return {word: start + step * index for index, word in enumerate(words.split())}


_UNITS = _numbered("one two three four five six seven eight nine", 1)
_TEENS = _numbered(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen", 10
)
_TENS = _numbered("twenty thirty forty fifty sixty seventy eighty ninety", 20, step=10)
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_ORDINALS = {
    "first": "one",
    "second": "two",
    "third": "three",
    "fifth": "five",
    "eighth": "eight",
    "ninth": "nine",
    "twelfth": "twelve",
}
_DIGITS = re.compile(r"^\d+(?:\.\d+)?$")

# Which kinds of number word may follow which ("twenty one", "one hundred and five").
_FOLLOWERS: dict[str | None, frozenset[str]] = {
    None: frozenset({"unit", "teen", "tens", "zero", "a", "digits", "hundred", "scale"}),
    "a": frozenset({"hundred", "scale"}),
    "digits": frozenset({"hundred", "scale"}),
    "unit": frozenset({"hundred", "scale"}),
    "teen": frozenset({"hundred", "scale"}),
    "tens": frozenset({"unit", "scale"}),
    "hundred": frozenset({"unit", "teen", "tens", "and", "scale"}),
    "scale": frozenset({"unit", "teen", "tens", "and"}),
    "and": frozenset({"unit", "teen", "tens"}),
    "zero": frozenset(),
}


def _cardinal_of_ordinal(word: str) -> str | None:
    if word in _ORDINALS:
        return _ORDINALS[word]
    if word.endswith("ieth") and word[:-4] + "y" in _TENS:
        return word[:-4] + "y"
    if word.endswith("th") and (word[:-2] in _UNITS or word[:-2] in _TEENS):
        return word[:-2]
    if word.endswith("th") and (word[:-2] == "hundred" or word[:-2] in _SCALES):
        return word[:-2]
    return None


def _word_kind(word: str) -> tuple[str, Decimal] | None:
    if word in _UNITS:
        return "unit", Decimal(_UNITS[word])
    if word in _TEENS:
        return "teen", Decimal(_TEENS[word])
    if word in _TENS:
        return "tens", Decimal(_TENS[word])
    if word == "hundred":
        return "hundred", Decimal(100)
    if word in _SCALES:
        return "scale", Decimal(_SCALES[word])
    if word == "zero":
        return "zero", Decimal(0)
    if word in ("a", "and"):
        return word, Decimal(0)
    if _DIGITS.match(word):
        return "digits", Decimal(word)
    return None


def read_number(words: Sequence[str], start: int = 0) -> tuple[Decimal, bool, int] | None:
    """The number written at ``words[start:]``: (value, is it an ordinal, index after it).

    Reads digits ("2.5"), words ("twenty one", "a hundred", "one hundred and five"), digits
    with a scale ("1.5 million") and ordinals ("twenty first"). Words must already be
    normalised (lower case, hyphens turned into spaces).
    """
    total = Decimal(0)
    current = Decimal(0)
    last: str | None = None
    smallest_scale: Decimal | None = None
    best: tuple[Decimal, bool, int] | None = None
    index = start
    while index < len(words):
        word = words[index]
        cardinal = _cardinal_of_ordinal(word)
        kind = _word_kind(cardinal or word)
        if kind is None or kind[0] not in _FOLLOWERS[last]:
            break
        name, value = kind
        if name == "scale" and smallest_scale is not None and value >= smallest_scale:
            break
        if name in ("unit", "teen", "tens", "digits"):
            current += value
        elif name == "a":
            current = Decimal(1)
        elif name == "hundred":
            current = (current or Decimal(1)) * 100
        elif name == "scale":
            total += (current or Decimal(1)) * value
            current = Decimal(0)
            smallest_scale = value
        last = name
        index += 1
        if name not in ("a", "and"):
            best = (total + current, cardinal is not None, index)
        if cardinal is not None:
            break
    return best


def _number_text(value: Decimal, ordinal: bool) -> str:
    text = format(value.normalize(), "f")
    if not ordinal:
        return text
    whole = int(value)
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(whole % 10, "th")
    return f"{whole}{'th' if 11 <= whole % 100 <= 13 else suffix}"


def canonical_numbers(normalised: str) -> str:
    """Every number in a normalised text written in digits: "twenty one" -> "21", "2.0" -> "2"."""
    words = normalised.split()
    out: list[str] = []
    index = 0
    while index < len(words):
        found = read_number(words, index)
        if found is None:
            out.append(words[index])
            index += 1
            continue
        value, ordinal, index = found
        out.append(_number_text(value, ordinal))
    return " ".join(out)


def mentions_number(normalised: str) -> bool:
    """Whether a normalised text has digits or number words (typo tolerance stays off then)."""
    if any(char.isdigit() for char in normalised):
        return True
    for word in normalised.split():
        kind = _word_kind(_cardinal_of_ordinal(word) or word)
        if kind is not None and kind[0] not in ("a", "and"):
            return True
    return False


def parse_number(text: str) -> tuple[Decimal, str] | None:
    """A number at the start of ``text`` and the unit text after it ("1,500 km" -> 1500, "km").

    Accepts digits with thousands separators and decimals, number words ("eight years"), and a
    leading minus sign. None when no number starts the text or more digits follow it.
    """
    stripped = unicodedata.normalize("NFKC", text).strip()
    sign = Decimal(1)
    lowered = stripped.casefold()
    if lowered.startswith(("-", "\u2212")):
        sign, stripped = Decimal(-1), stripped[1:]
    elif lowered.startswith("minus "):
        sign, stripped = Decimal(-1), stripped[6:]
    elif lowered.startswith("+"):
        stripped = stripped[1:]
    if stripped.startswith("."):
        stripped = "0" + stripped
    words = _fold(stripped, case_sensitive=False).split()
    while words and words[0] in _LEADING_ARTICLES - {"a"}:
        words = words[1:]
    found = read_number(words)
    if found is None or found[1]:
        return None
    value, _, end = found
    unit = " ".join(words[end:])
    if any(char.isdigit() for char in unit):
        return None
    return sign * value, unit


# --- dates -------------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "(?P<month_name>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\.?"
_YEAR = r"(?P<year>\d{4})"
_DATE_FORMS = [
    re.compile(pattern)
    for pattern in (
        rf"{_YEAR}",
        rf"{_YEAR}[-/.](?P<month>\d{{1,2}})",
        rf"(?P<month>\d{{1,2}})[-/]{_YEAR}",
        rf"{_YEAR}[-/.](?P<month>\d{{1,2}})[-/.](?P<day>\d{{1,2}})",
        rf"{_MONTH},?\s*{_YEAR}",
        rf"{_DAY}\s*(?:of\s+)?{_MONTH},?\s*{_YEAR}",
        rf"{_MONTH}\s*{_DAY},?\s*{_YEAR}",
    )
]


def parse_date(text: str) -> DateValue | None:
    """A whole text read as a date at the precision written, or None.

    "2020" is a year; "January 2020", "Jan. 2020", "2020-01" a month; "2020-01-05",
    "5 January 2020", "January 5th, 2020" a day. All-numeric day forms other than ISO
    ("05/01/2020") are ambiguous between countries and are not read.
    """
    folded = " ".join(strip_diacritics(unicodedata.normalize("NFKC", text)).casefold().split())
    folded = re.sub(r"^(?:the|in|on)\s+", "", folded).rstrip(".")
    for form in _DATE_FORMS:
        match = form.fullmatch(folded)
        if match is None:
            continue
        fields = match.groupdict()
        year = int(fields["year"])
        month_name = fields.get("month_name")
        month_digits = fields.get("month")
        month = _MONTHS[month_name] if month_name else int(month_digits) if month_digits else None
        day = int(fields["day"]) if fields.get("day") else None
        try:
            datetime.date(year, month or 1, day or 1)
        except ValueError:
            return None
        return DateValue(year, month, day)
    return None


# --- typos -------------------------------------------------------------------------------------


def edit_distance(first: str, second: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment): "Ciaro" is 1 from "Cairo"."""
    if first == second:
        return 0
    before_previous: list[int] = []
    previous = list(range(len(second) + 1))
    for i, char in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, other in enumerate(second, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            if i > 1 and j > 1 and char == second[j - 2] and first[i - 2] == other:
                current[j] = min(current[j], before_previous[j - 2] + 1)
        before_previous, previous = previous, current
    return previous[-1]


def typo_allowance(letters: int) -> int:
    """Edits forgiven in a text of this many letters: none up to 4, one up to 8, then two."""
    if letters <= 4:
        return 0
    return 1 if letters <= 8 else 2


def _letters(text: str) -> int:
    return sum(char.isalnum() for char in text)


def _typo_distance(response: str, answer: str, case_sensitive: bool) -> int | None:
    """The edit distance when it is a forgivable typo, else None."""
    distance = edit_distance(response, answer)
    allowed = typo_allowance(max(_letters(response), _letters(answer)))
    if not 0 < distance <= allowed:
        return None
    if case_sensitive and edit_distance(response.casefold(), answer.casefold()) < distance:
        return None  # a wrong letter case is not a typo when case matters
    return distance


# --- lists of names ----------------------------------------------------------------------------

_LIST_SEPARATOR = re.compile(r"\s*(?:[,;&+]|\band\b)\s*", re.IGNORECASE)


def name_items(text: str, *, case_sensitive: bool = False) -> list[str]:
    """The names in a list such as "Sedat Onal and Hamdi Sanad Loza", normalised."""
    items = _LIST_SEPARATOR.split(unicodedata.normalize("NFKC", text))
    normalised = (normalise(item, case_sensitive=case_sensitive) for item in items)
    return [item for item in normalised if item]


def _names_match(given: str, expected: str, typos: bool, case_sensitive: bool) -> bool:
    """One listed name against one expected name: equal or the surname alone, maybe misspelt."""
    expected_words = expected.split()
    forms = [expected, expected_words[-1]] if len(expected_words) > 1 else [expected]
    if given in forms:
        return True
    return typos and any(_typo_distance(given, form, case_sensitive) is not None for form in forms)


def _same_names(given: list[str], expected: list[str], typos: bool, case_sensitive: bool) -> bool:
    """Whether each given name pairs off with a different expected name, and none is left."""
    if len(given) != len(expected):
        return False
    if not given:
        return True
    first, rest = given[0], given[1:]
    for index, candidate in enumerate(expected):
        if _names_match(first, candidate, typos, case_sensitive) and _same_names(
            rest, expected[:index] + expected[index + 1 :], typos, case_sensitive
        ):
            return True
    return False


# --- the matcher -------------------------------------------------------------------------------


def _rivals(answer_folded: str, entities: Iterable[str]) -> list[str]:
    """The entities that are not the answer itself: neither shares all its words with it."""
    answer_words = set(answer_folded.split())
    return [
        entity
        for entity in entities
        if not (set(entity.split()) <= answer_words or answer_words <= set(entity.split()))
    ]


def _lenient_match(
    response: str,
    answer: Answer,
    leniency: Leniency,
    case_sensitive: bool,
    entities: frozenset[str],
) -> MatchKind | None:
    given = normalise(response, case_sensitive=case_sensitive)
    expected = normalise(_literal(answer.text), case_sensitive=case_sensitive)
    given_folded = normalise(response)
    rivals = _rivals(normalise(_literal(answer.text)), entities)
    if given_folded in rivals:
        return None
    answer_date = parse_date(answer.text)
    if answer_date is not None and answer_date.precision != "year":
        # A date matches only as a date, at the answer's precision; never by a typo.
        same_date = leniency.dates and parse_date(response) == answer_date
        return MatchKind.DATE if same_date else None
    if leniency.numbers and canonical_numbers(given) == canonical_numbers(expected):
        return MatchKind.NUMBER
    if leniency.name_sets:
        expected_names = name_items(answer.text, case_sensitive=case_sensitive)
        given_names = name_items(response, case_sensitive=case_sensitive)
        if len(expected_names) > 1 and _same_names(
            given_names, expected_names, leniency.typos, case_sensitive
        ):
            return MatchKind.NAME_SET
    if leniency.typos and not (mentions_number(given) or mentions_number(expected)):
        distance = _typo_distance(given, expected, case_sensitive)
        if distance is not None and all(
            edit_distance(given_folded, rival) > distance for rival in rivals
        ):
            return MatchKind.TYPO
    return None


def match_answer(
    response: str,
    answers: Sequence[Answer],
    *,
    leniency: Leniency = Leniency(),
    case_sensitive: bool = False,
    distinct_entities: Iterable[str] = frozenset(),
) -> AnswerMatch | None:
    """The teacher answer this response earns, or None (see the module docstring for the rules).

    ``distinct_entities`` are other names of the article. A response equal to one of them
    after normalisation, or at least as close to one of them as to the answer, is never
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
    entities = frozenset(filter(None, (normalise(entity) for entity in distinct_entities)))
    for answer in answers:
        if has_wildcard(answer.text):
            pattern = wildcard_pattern(answer.text, case_sensitive=case_sensitive)
            if pattern.fullmatch(given):
                return AnswerMatch(answer, MatchKind.WILDCARD)
            continue
        kind = _lenient_match(response, answer, leniency, case_sensitive, entities)
        if kind is not None:
            return AnswerMatch(answer, kind)
    return None
