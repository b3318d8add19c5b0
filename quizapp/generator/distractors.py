"""Wrong options for multiple-choice questions, of the same kind and format as the answer.

A person is offered against other people, a city against cities, a date against dates written at
the same precision ("early January 2020" against "late March 2019", never against "2019"), and a
number against numbers of the same magnitude and spelling. Options come from the article first,
then from built-in lists, then from Faker (people only). An option that names the answer again
(equal, a substring or superstring, a known alias, the same surname) is never offered.
"""

from __future__ import annotations

import functools
import math
import random
import re
from collections.abc import Iterable, Sequence

from quizapp.domain.text import WrittenDate, number_in, read_written_date, spelled_number
from quizapp.generator import word_lists

# Small numbers an answer writes in words get options in words up to this limit ("eight").
SPELLED_LIMIT = 21


@functools.lru_cache(maxsize=4096)
def normalised(text: str) -> str:
    """Lower-case words without punctuation or a leading article, for comparing options."""
    words = re.sub(r"[^\w\s]", " ", text.casefold()).split()
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def names_same_thing(option: str, answer: str, aliases: Iterable[str] = ()) -> bool:
    """Whether ``option`` would repeat the answer (equal, inside it, around it, an alias)."""
    left = normalised(option)
    if not left:
        return True
    for other in (answer, *aliases):
        right = normalised(other)
        if not right:
            continue
        if left == right or f" {left} " in f" {right} " or f" {right} " in f" {left} ":
            return True
        if _initials(other) == left.replace(" ", "") or _initials(option) == right.replace(" ", ""):
            return True  # an acronym names the same thing ("FAA")
        # people: the same surname is the same person ("Erdogan" / "Recep Tayyip Erdogan")
        if left.split()[-1] == right.split()[-1] and len(left.split()) + len(right.split()) > 2:
            return True
    return False


def _same_opening(left: str, right: str) -> bool:
    """Two names opening with the same two words name one thing ("Lawrence Livermore Lab")."""
    first, second = normalised(left).split()[:2], normalised(right).split()[:2]
    return len(first) == 2 and first == second


def _initials(text: str) -> str:
    """The acronym a name would have ("Federal Aviation Administration" -> "faa")."""
    words = [w for w in re.findall(r"[A-Za-z]+", text) if w[0].isupper()]
    return "".join(w[0] for w in words).casefold() if len(words) >= 2 else ""


def date_options(answer: str, article_dates: Sequence[str], rng: random.Random) -> list[str]:
    """Dates at the answer's precision: the article's own first, then shifted copies."""
    shape = read_written_date(answer)
    if shape is None:
        return []
    found = [d for d in article_dates if (s := read_written_date(d)) and s.parts == shape.parts]
    shifted: list[str] = []
    qualifiers = ["early", "mid", "late"]
    for step in (1, -1, 2, -2, 3, -3, 5, -4):
        month = shape.month
        year = shape.year
        qualifier = shape.qualifier
        if month is not None:
            month = (month - 1 + 2 * step) % 12 + 1
        if year is not None:
            year = year + (step if month is None else (1 if step > 2 else 0) - (step < -2))
        if qualifier:
            qualifier = (
                qualifiers[(qualifiers.index(qualifier) + step) % 3]
                if (qualifier in qualifiers)
                else qualifier
            )
        day = None if shape.day is None else max(1, min(28, shape.day + 3 * step))
        shifted.append(WrittenDate(qualifier, day, month, year, shape.day_first).written())
    rng.shuffle(shifted)
    return found + shifted


def number_options(answer: str, rng: random.Random) -> list[str]:
    """Numbers of the answer's magnitude, written the way the answer is written."""
    found = number_in(answer)
    if found is None:
        return []
    value, prefix, suffix, written = float(found.value), found.before, found.after, found.digits
    factors = [0.5, 1.5, 2, 0.75, 3, 1.25, 0.25]
    rng.shuffle(factors)
    options: list[str] = []
    # a share is at most the whole: no 156% of households
    ceiling = 100.0 if suffix.strip().startswith(("%", "percent", "per cent")) else None
    for factor in factors:
        candidate = value * factor
        if ceiling is not None and value <= ceiling and candidate > ceiling:
            continue
        if not written:
            whole = round(candidate)
            if whole == value or not 1 <= whole < SPELLED_LIMIT:
                whole = int(value) + (1 if factor > 1 else -1) * (1 + len(options))
            if not 1 <= whole < SPELLED_LIMIT or whole == value:
                continue
            word = spelled_number(whole) or str(whole)
            number_text = word.capitalize() if answer.split()[0][:1].isupper() else word
            options.append(_joined(prefix, number_text, suffix))
            continue
        decimals = len(written.split(".")[1]) if "." in written else 0
        if decimals:
            text = f"{candidate:,.{decimals}f}" if "," in written else f"{candidate:.{decimals}f}"
        else:
            rounded = _round_like(candidate, value)
            if rounded == value:
                continue
            text = f"{rounded:,}" if "," in written else str(rounded)
        options.append(prefix + text + suffix)
    return options


def _joined(prefix: str, middle: str, suffix: str) -> str:
    return " ".join(part for part in (prefix.strip(), middle, suffix.strip()) if part)


def _round_like(candidate: float, original: float) -> int:
    """Round ``candidate`` to as many trailing zeros as ``original`` has (1,500 -> 3,000)."""
    whole = int(original)
    zeros = 0
    while whole and whole % 10 == 0 and zeros < 9:
        whole //= 10
        zeros += 1
    unit = int(10**zeros)
    return max(unit, math.floor(candidate / unit + 0.5) * unit)


def location_class(text: str) -> str:
    """ "city", "country" or "" for a place name."""
    folded = normalised(text)
    if folded in word_lists.COUNTRY_SET:
        return "country"
    if folded in word_lists.CITY_SET:
        return "city"
    return ""


def pick_options(
    answer: str,
    candidates: Iterable[str],
    rng: random.Random,
    *,
    aliases: Iterable[str] = (),
    count: int = 3,
) -> list[str]:
    """Up to ``count`` distinct wrong options, keeping the answer from being the longest."""
    alias_list = list(aliases)
    chosen: list[str] = []
    for candidate in candidates:
        candidate = candidate.strip()
        if not candidate or names_same_thing(candidate, answer, alias_list):
            continue
        if any(
            names_same_thing(candidate, other) or _same_opening(candidate, other)
            for other in chosen
        ):
            continue
        chosen.append(candidate)
        if len(chosen) >= count + 4:
            break  # enough to choose from; the rest of a long list changes nothing
    if len(chosen) <= count:
        return chosen
    article_first = chosen[: count - 1]
    # when the answer is the longest, swap in a longer option so length gives nothing away
    if all(len(option) < len(answer) for option in article_first):
        longer = [option for option in chosen[count - 1 :] if len(option) >= len(answer)]
        if longer:
            return [*article_first, longer[0]]
    return chosen[:count]


@functools.lru_cache(maxsize=64)
def faker_names(seed: int, count: int) -> tuple[str, ...]:
    """Invented full names, the same ones for the same seed (kept: building Faker is slow)."""
    from faker import Faker

    faker = Faker("en_US")
    faker.seed_instance(seed)
    return tuple(f"{faker.first_name()} {faker.last_name()}" for _ in range(count))


# Entity types that name something and so are written with capitals.
NAME_LABELS = frozenset({"PERSON", "GPE", "LOC", "ORG", "NORP", "FAC", "EVENT"})


def sane_entity(text: str, label: str) -> bool:
    """Whether an entity's text looks like what its type says, so the NER can be trusted.

    Names start with a capital and hold no digits mixed into words; an all-capitals word of two
    or three letters in a number's place is a unit ("MW"), not a name.
    """
    words = text.split()
    if not words:
        return False
    if label in NAME_LABELS:
        content = [w for w in words if w.casefold() not in ("the", "of", "and", "de", "la", "for")]
        if not content or not all(w[:1].isupper() or not w[:1].isalpha() for w in content):
            return False
        if any(re.search(r"\d", w) and re.search(r"[A-Za-z]", w) for w in words):
            return False
        if label != "ORG" and any(w.isupper() and len(w) > 1 for w in words if w.isalpha()):
            return False  # "MW" taken for a place or person
        if len(words) == 1 and len(text) <= 3 and text.isupper() and label == "ORG":
            return text not in UNIT_WORDS
        if label == "PERSON" and re.search(r"['’]s\s", text):
            return False  # "John Lennon’s Real Love" is a song named after a person
        if label == "PERSON" and (
            organisation_kind(text)
            or location_class(text)
            or text.casefold() in word_lists.NATIONALITY_SET
        ):
            return False  # "the Flerov Lab", "Nepal" or "Nepali" is no person
    # "4G", "A380": codes, not amounts
    return not (
        label in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT")
        and re.search(r"[A-Za-z]\d|\d[A-Za-z]", text)
    )


# Abbreviations of units the NER tends to take for organisations.
UNIT_WORDS = frozenset({"MW", "GW", "KW", "KWH", "MWH", "KM", "CM", "MM", "KG", "MPH", "PPM"})

# Organisations of one kind share a closing word; a distractor must be of the answer's kind.
ORG_KINDS: dict[str, frozenset[str]] = {
    "government": frozenset(
        {
            "congress",
            "senate",
            "house",
            "parliament",
            "assembly",
            "council",
            "committee",
            "ministry",
            "department",
            "agency",
            "administration",
            "commission",
            "court",
            "office",
            "government",
            "bureau",
            "service",
        }
    ),
    "research": frozenset(
        {
            "university",
            "institute",
            "laboratory",
            "lab",
            "center",
            "centre",
            "academy",
            "college",
            "school",
            "society",
            "union",
            "foundation",
        }
    ),
    "business": frozenset(
        {"company", "corporation", "corp", "inc", "group", "bank", "airlines", "motors", "ltd"}
    ),
    "party": frozenset({"party", "movement", "front", "alliance", "league"}),
    "body": frozenset(
        {"organization", "organisation", "association", "federation", "fund", "programme"}
    ),
}


def organisation_kind(name: str) -> str:
    """The kind of organisation a name says it is ("" when its words do not say)."""
    words = re.findall(r"[a-z]+", name.casefold())
    for word in reversed(words):
        for kind, closing in ORG_KINDS.items():
            if word in closing:
                return kind
    return ""


def options_for(
    answer: str,
    label: str,
    article_entities: dict[str, list[str]],
    rng: random.Random,
    *,
    aliases: Iterable[str] = (),
    also_right: Iterable[str] = (),
    seed: int = 0,
    prompt: str = "",
) -> list[str]:
    """Three wrong options for ``answer`` of entity type ``label`` (fewer when none fit).

    An option the ``prompt`` itself names is never offered: the question would rule it out;
    nor is one of ``also_right``, names the article lists together with the answer, which
    may be just as right ("16 academies, among them A, B and C, signed the statement").
    """
    alias_list = list(aliases)
    left_out = {normalised(name) for name in (*alias_list, *also_right)}
    same_kind = [
        e
        for e in article_entities.get(label, [])
        if normalised(e) not in left_out and sane_entity(e, label)
    ]
    rng.shuffle(same_kind)
    pool: list[str]
    if label == "PERSON":
        # a full name against full names, a single name against single names
        full = len(answer.split()) > 1
        pool = [
            name
            for name in same_kind + list(faker_names(seed, 6))
            if (len(name.split()) > 1) == full
        ]
    elif label in ("GPE", "LOC"):
        kind = location_class(answer)
        if kind:
            own = [e for e in same_kind if location_class(e) == kind]
            listed = list(word_lists.CITIES if kind == "city" else word_lists.COUNTRIES)
            listed = [name for name in listed if not name.startswith("the ") and len(name) > 2]
            rng.shuffle(listed)
            pool = own + listed
        else:
            pool = [e for e in same_kind if not location_class(e)]
    elif label == "NORP":
        listed = list(word_lists.NATIONALITIES)
        rng.shuffle(listed)
        pool = same_kind + listed
    elif label == "ORG":
        kind = organisation_kind(answer)
        if not kind:
            return []  # an organisation of no known kind has no fair distractors
        listed = list(word_lists.ORGANISATIONS)
        rng.shuffle(listed)
        pool = [name for name in same_kind + listed if organisation_kind(name) == kind]
    elif label == "DATE":
        pool = date_options(answer, article_entities.get("DATE", []), rng)
    elif label in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
        pool = number_options(answer, rng)
    else:
        return []
    if prompt:
        asked = f" {normalised(prompt)} "
        pool = [option for option in pool if f" {normalised(option)} " not in asked]
    return pick_options(answer, pool, rng, aliases=alias_list)
