"""Names of people and organisations: lists of names, the shorter forms of a person's name,
and the acronyms an article defines.

A person's name "Hamdi Sanad Loza" has shorter forms that keep the surname: "Hamdi Loza",
"Sanad Loza" and "Loza". Whether a shorter form is distinctive depends on the article (another
Loza makes "Loza" ambiguous), so ``distinctive_forms`` takes the article's other names.
``acronym_definitions`` reads "the Medicines and Healthcare products Regulatory Agency (MHRA)"
as MHRA = that agency, so either can stand for the other.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable

from quizapp.domain.text.normalise import normalise

_LIST_SEPARATOR = re.compile(r"\s*(?:[,;&+/]|\band\b)\s*", re.IGNORECASE)
# Words that show a capitalised run names a place or an institution rather than a person.
_NOT_PERSON_WORDS = frozenset(
    [
        "agency",
        "ministry",
        "department",
        "university",
        "college",
        "school",
        "company",
        "council",
        "court",
        "bank",
        "party",
        "group",
        "union",
        "committee",
        "commission",
        "office",
        "institute",
        "association",
        "organisation",
        "organization",
        "authority",
        "service",
        "services",
        "city",
        "street",
        "road",
        "river",
        "lake",
        "mountain",
        "island",
        "islands",
        "republic",
        "kingdom",
        "state",
        "states",
        "province",
        "county",
        "district",
        "airport",
        "station",
        "hospital",
        "church",
        "museum",
        "inc",
        "ltd",
        "corp",
        "plc",
        "llc",
        "co",
        "news",
        "times",
        "post",
        "new",
        "north",
        "south",
        "east",
        "west",
        "united",
        "saint",
        "st",
        "fort",
        "port",
        "mount",
        "cape",
        "gulf",
        "sea",
        "ocean",
        "bay",
        "valley",
        "desert",
        "international",
        "national",
        "federal",
        "royal",
        "of",
        "and",
        "for",
        "the",
    ]
)
# Lower-case words an acronym's expansion may hold without a letter in the acronym.
_ACRONYM_FILLERS = frozenset(
    ["and", "of", "for", "the", "on", "in", "to", "at", "de", "du", "des", "la", "le"]
)
_ACRONYM_DEFINITION = re.compile(r"\(\s*(?P<acronym>[A-Z][A-Za-z&.]*[A-Z]\.?)\s*\)")


# Titles that may stand before a person's name ("Mr Loza", "Ambassador Sedat Onal").
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "president",
        "minister",
        "ambassador",
        "general",
        "gen",
        "senator",
        "sen",
        "governor",
        "gov",
        "mayor",
        "judge",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "deputy",
        "foreign",
        "prime",
        "secretary",
        "chancellor",
        "colonel",
        "col",
        "captain",
        "capt",
    ]
)


def without_titles(normalised: str, *, titles: frozenset[str] = TITLES) -> str:
    """A name without the titles in front: "mr hamdi loza" -> "hamdi loza".

    ``titles`` are lower-case words without a full stop; a caller with a longer list (the
    generator's, which also knows "ceo" and "chairman") passes its own. The last word stays.
    """
    words = normalised.split()
    while len(words) > 1 and words[0].casefold().rstrip(".") in titles:
        words = words[1:]
    return " ".join(words)


def name_items(text: str, *, case_sensitive: bool = False) -> list[str]:
    """The names in a list such as "Sedat Onal and Hamdi Sanad Loza", normalised."""
    items = _LIST_SEPARATOR.split(unicodedata.normalize("NFKC", text))
    normalised = (normalise(item, case_sensitive=case_sensitive) for item in items)
    return [item for item in normalised if item]


# Lower-case particles inside a person's name ("Abdel Fattah el-Sisi", "Ludwig van Beethoven").
NAME_PARTICLES = frozenset(
    [
        "el",
        "al",
        "ibn",
        "bin",
        "bint",
        "de",
        "del",
        "della",
        "da",
        "di",
        "du",
        "van",
        "von",
        "der",
        "den",
        "le",
        "la",
    ]
)


def looks_like_person(name: str) -> bool:
    """Whether a name as written could be a person's: two to five capitalised words.

    A heuristic without named-entity recognition: "Hamdi Sanad Loza", "Recep Tayyip Erdogan"
    and "Abdel Fattah el-Sisi" (lower-case particles inside) pass; "New York", "Supreme Court"
    and "Bank of England" do not.
    """
    words = name.split()
    if not 2 <= len(words) <= 5:
        return False
    for position, word in enumerate(words):
        bare = word.strip(".,'\u2019")
        parts = [part for part in re.split(r"[-'\u2019]", bare) if part]
        if not parts or not all(part.isalpha() for part in parts):
            return False
        if bare.casefold() in _NOT_PERSON_WORDS:
            return False
        inner_particle = 0 < position < len(words) - 1 and bare in NAME_PARTICLES
        capitalised = parts[-1][:1].isupper() and (parts[0][:1].isupper() or position > 0)
        if not (capitalised or inner_particle):
            return False
    return True


def shorter_forms(full_name: str) -> list[str]:
    """The shorter forms of a normalised person's name that keep its surname, longest first.

    "hamdi sanad loza" -> ["hamdi loza", "sanad loza", "loza"].
    """
    words = full_name.split()
    if len(words) < 2:
        return []
    *given, surname = words
    forms: list[str] = []
    for size in range(len(given) - 1, -1, -1):
        for kept in itertools.combinations(given, size):
            forms.append(" ".join([*kept, surname]))
    return forms


def _is_form_of(short: str, full: str) -> bool:
    """Whether normalised ``short`` keeps ``full``'s surname and some of its words, in order."""
    return short == full or short in shorter_forms(full)


def distinctive_forms(full_name: str, other_names: Iterable[str]) -> list[str]:
    """The shorter forms of a normalised name that no other name of the article shares.

    ``other_names`` are normalised names of the article; those that are themselves forms of
    ``full_name`` (or it of them) are the same person and do not count. "loza" is dropped when
    the article also names "mona loza"; "hamdi loza" stays unless another name has it too.
    """
    others = [
        other
        for other in other_names
        if other and not (_is_form_of(other, full_name) or _is_form_of(full_name, other))
    ]
    return [
        form
        for form in shorter_forms(full_name)
        if not any(_is_form_of(form, other) or form == other for other in others)
    ]


def acronym_definitions(text: str) -> dict[str, str]:
    """The acronyms a text defines in brackets, each with the words it stands for.

    "the Medicines and Healthcare products Regulatory Agency (MHRA)" gives
    {"MHRA": "Medicines and Healthcare products Regulatory Agency"}: reading backwards from the
    bracket, each letter of the acronym must open a capitalised word, and lower-case words in
    between ("and", "products") are kept as part of the name.
    """
    found: dict[str, str] = {}
    for match in _ACRONYM_DEFINITION.finditer(text):
        acronym = match["acronym"].replace(".", "")
        letters = [char for char in acronym if char.isupper()]
        words = text[: match.start()].split()
        expansion = _expansion(words, letters)
        if expansion:
            found.setdefault(acronym, expansion)
    return found


def _expansion(words: list[str], letters: list[str]) -> str:
    """The words before a bracket that the acronym ``letters`` stand for, or ""."""
    remaining = list(letters)
    start = len(words)
    skipped = 0
    while remaining and start > 0:
        word = words[start - 1].strip(",;:\"'\u201c\u201d")
        if word[:1].isupper():
            parts = [part for part in re.split(r"[-\s]", word) if part]
            capitals = [part[0] for part in parts if part[:1].isupper()]
            if capitals and capitals == remaining[-len(capitals) :]:
                del remaining[-len(capitals) :]
                start -= 1
                skipped = 0
                continue
            return ""
        if skipped >= 2 or start == len(words):
            return ""
        skipped += 1  # a lower-case word inside the name ("and", "products")
        start -= 1
    if remaining:
        return ""
    kept = words[start:]
    while kept and kept[0].casefold() in _ACRONYM_FILLERS:
        kept = kept[1:]
    return " ".join(word.strip(",;:\"'\u201c\u201d") for word in kept)
