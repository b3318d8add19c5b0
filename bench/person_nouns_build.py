"""Build the list of nouns that name a person (``quizapp/generator/wording/person_nouns.txt``).

"Who" asks for a person; a common noun such as "architects" or "fans" names people, which the
entity recogniser does not say. A noun is listed when its commonest sense in Open
English Wordnet is in the lexicographer file ``noun.person`` (the "1:18" of a sense key) and
wordfreq gives it a Zipf frequency of at least ``MIN_ZIPF`` (rarer nouns seldom come up). Only
the sense keys of the entry files are read, so the build takes seconds.

Usage: python bench/person_nouns_build.py OEWN_YAML_DIR [--out PATH]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quizapp.generator.lexicon.frequency import zipf
from quizapp.generator.wording.person_nouns import PERSON_NOUNS_FILE

MIN_ZIPF = 2.5
SENSES_READ = 1
ENTRY = re.compile(r"^(?P<lemma>[a-z][a-z-]*[a-z]):\s*$")
NOUN_PART = re.compile(r"^  n:\s*$")
OTHER_PART = re.compile(r"^  [a-z]:\s*$")
SENSE_KEY = re.compile(r"id: '?[^%']+%1:(?P<file>\d\d):")
HEADER = (
    "# Nouns naming a person, one a line: built by bench/person_nouns_build.py from Open English\n"
    "# Wordnet (derived from Princeton WordNet under the WordNet License, and developed under\n"
    "# CC BY 4.0 by the Open English Wordnet team; see ../lexicon/NOTICE.md), with frequencies\n"
    "# from wordfreq.\n"
)


def noun_sense_files(path: Path) -> Iterator[tuple[str, list[str]]]:
    """Each lemma of an entry file with the lexicographer files of its noun senses, in order."""
    lemma = ""
    in_noun = False
    files: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = ENTRY.match(line)
        if entry:
            if lemma:
                yield lemma, files
            lemma, in_noun, files = entry["lemma"], False, []
        elif NOUN_PART.match(line):
            in_noun = True
        elif OTHER_PART.match(line):
            in_noun = False
        elif in_noun and (key := SENSE_KEY.search(line)):
            files.append(key["file"])
    if lemma:
        yield lemma, files


def person_nouns(source: Path) -> list[str]:
    """Lemmas one of whose first ``SENSES_READ`` noun senses is in ``noun.person``."""
    return sorted(
        {
            lemma
            for path in sorted(source.glob("entries-*.yaml"))
            for lemma, files in noun_sense_files(path)
            if "18" in files[:SENSES_READ] and zipf(lemma) >= MIN_ZIPF
        }
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("source", type=Path, help="Open English Wordnet's yaml/ folder")
    parser.add_argument("--out", type=Path, default=PERSON_NOUNS_FILE)
    args = parser.parse_args(argv)
    nouns = person_nouns(args.source)
    args.out.write_text(HEADER + "".join(f"{noun}\n" for noun in nouns), encoding="utf-8")
    print(f"{len(nouns)} nouns written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
