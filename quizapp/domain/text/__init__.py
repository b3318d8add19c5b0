"""Text as quizapp keeps and compares it: valid Unicode, and one normaliser for grading and the
generator (normalising, numbers, dates and names).

Standard library only, like the rest of ``domain``. The modules:

- ``unicode``: ``clean_text`` and ``RefusedText`` (what text can be kept: no lone surrogate, no
  NUL, NFC) and ``printable`` (the fallback for text stored before the check).

- ``normalise``: ``normalise`` (the compared form of a text), ``fold``, ``strip_diacritics``,
  ``split_qualifier`` ("early January 2020" -> "early", "January 2020"),
  ``without_preposition`` ("in 2013" -> "2013"), ``spell_per_cent`` and ``join_acronyms``.
- ``numbers``: ``read_number``, ``parse_number``, ``canonical_numbers``, ``mentions_number``,
  ``number_in`` (the first number in a text, as written) and ``spelled_number``.
- ``dates``: ``DateValue`` and ``parse_date`` (a date at the precision it was written),
  ``WrittenDate`` and ``read_written_date`` (a date's parts as a sentence writes them).
- ``names``: ``name_items`` (lists of names), ``looks_like_person``, ``shorter_forms`` and
  ``distinctive_forms`` (a person's shorter names), ``without_titles`` ("mr loza" -> "loza"),
  ``acronym_definitions``.

Import from the package: ``from quizapp.domain.text import normalise, parse_date``.
"""

from __future__ import annotations

from quizapp.domain.text.dates import (
    MONTH_NAMES,
    MONTH_NUMBERS,
    DateValue,
    WrittenDate,
    parse_date,
    read_written_date,
)
from quizapp.domain.text.names import (
    TITLES,
    acronym_definitions,
    distinctive_forms,
    looks_like_person,
    name_items,
    shorter_forms,
    without_titles,
)
from quizapp.domain.text.normalise import (
    HEDGES,
    LEADING_ARTICLES,
    LEADING_PREPOSITIONS,
    QUALIFIERS,
    drop_leading,
    fold,
    join_acronyms,
    normalise,
    spell_per_cent,
    split_qualifier,
    strip_diacritics,
    without_preposition,
)
from quizapp.domain.text.numbers import (
    NumberInText,
    canonical_numbers,
    mentions_number,
    number_in,
    parse_number,
    read_number,
    spelled_number,
)
from quizapp.domain.text.unicode import RefusedText, clean_text, printable

__all__ = [
    "HEDGES",
    "LEADING_ARTICLES",
    "LEADING_PREPOSITIONS",
    "MONTH_NAMES",
    "MONTH_NUMBERS",
    "QUALIFIERS",
    "TITLES",
    "DateValue",
    "NumberInText",
    "RefusedText",
    "WrittenDate",
    "acronym_definitions",
    "canonical_numbers",
    "clean_text",
    "distinctive_forms",
    "drop_leading",
    "fold",
    "join_acronyms",
    "looks_like_person",
    "mentions_number",
    "name_items",
    "normalise",
    "number_in",
    "parse_date",
    "parse_number",
    "printable",
    "read_number",
    "read_written_date",
    "shorter_forms",
    "spell_per_cent",
    "spelled_number",
    "split_qualifier",
    "strip_diacritics",
    "without_preposition",
    "without_titles",
]
