"""Build the shipped word data (lexicon, noun kinds, person nouns) from Open English Wordnet.

The vocabulary kind needs, for each less common single word: its part of speech, its senses
(definition, one example, a few synonyms and broader words, and the lexicographer file that
tells far senses from near ones) and its frequency band. Only that is kept, so the file stays a
few MB. Words are kept when wordfreq puts them between ``MIN_ZIPF`` and ``MAX_ZIPF``: rarer ones
are not worth a reader's time, commoner ones are known to every reader. For the commoner nouns
only the lexicographer file of their first sense is kept (``noun_kinds.json.gz``): whether a
word names a person, a group, a place, a thing or something that happens. The build also lists
the nouns whose first sense is in ``noun.person`` and that wordfreq gives a Zipf frequency of at
least ``PERSON_MIN_ZIPF`` (``wording/person_nouns.txt``): "who" asks for a person, and a common
noun such as "architects" or "fans" names people, which the entity recogniser does not say.
That list is read from the sense keys of the entry files alone.

Usage: python -m quizapp.generator.lexicon.build OEWN_YAML_DIR [--into DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from quizapp.generator.lexicon import LEXICON_FILE, NOUN_KINDS_FILE
from quizapp.generator.lexicon.frequency import zipf
from quizapp.generator.wording.person_nouns import PERSON_NOUNS_FILE

MIN_ZIPF = 1.5
MAX_ZIPF = 4.2
# Rarer nouns for people seldom come up in a news article.
PERSON_MIN_ZIPF = 2.5
SENSES_READ = 1
MAX_SENSES = 6
MAX_RELATED = 4
MAX_TEXT = 160
# The lexicon's parts of speech; Wordnet's satellite adjectives ("s") are adjectives.
PARTS_OF_SPEECH = {"n": "n", "v": "v", "a": "a", "s": "a", "r": "r"}
WORD = re.compile(r"[a-z][a-z-]*[a-z]")
ENTRY = re.compile(r"^(?P<lemma>[a-z][a-z-]*[a-z]):\s*$")
NOUN_PART = re.compile(r"^  n:\s*$")
OTHER_PART = re.compile(r"^  [a-z]:\s*$")
SENSE_KEY = re.compile(r"id: '?[^%']+%1:(?P<file>\d\d):")
PERSON_NOUNS_HEADER = (
    "# Nouns naming a person, one a line: built by ../lexicon/build.py from Open English\n"
    "# Wordnet (derived from Princeton WordNet under the WordNet License, and developed under\n"
    "# CC BY 4.0 by the Open English Wordnet team; see ../lexicon/NOTICE.md), with frequencies\n"
    "# from wordfreq.\n"
)


@dataclass(frozen=True)
class Built:
    """What the build makes: the lexicon, ``{"words": {lemma: {pos: [zipf, [sense, ...]]}}}``,
    the file of the first sense of each commoner noun, ``{lemma: "noun.act"}``, and the nouns
    naming a person, sorted."""

    lexicon: dict[str, Any]
    noun_kinds: dict[str, str]
    person_nouns: list[str]


def _load(path: Path) -> dict[str, Any]:
    loaded = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return loaded if isinstance(loaded, dict) else {}


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rsplit(" ", 1)[0] + "…"


def build(source: Path) -> Built:
    """The lexicon, the commoner nouns' kinds and the person nouns from the YAML in ``source``."""
    synsets: dict[str, dict[str, Any]] = {}
    lexfile_of: dict[str, str] = {}
    for path in sorted(source.glob("*.yaml")):
        if path.name.startswith(("entries-", "frames")):
            continue
        for synset_id, synset in _load(path).items():
            synsets[synset_id] = synset
            lexfile_of[synset_id] = path.stem
    words: dict[str, dict[str, Any]] = defaultdict(dict)
    noun_kinds: dict[str, str] = {}
    for path in sorted(source.glob("entries-*.yaml")):
        for lemma, by_pos in _load(path).items():
            if not isinstance(lemma, str) or not WORD.fullmatch(lemma):
                continue
            frequency = zipf(lemma)
            if frequency > MAX_ZIPF and "n" in by_pos:
                first = next(iter(by_pos["n"].get("sense", [])), None)
                if first is not None and first["synset"] in lexfile_of:
                    noun_kinds[lemma] = lexfile_of[first["synset"]]
            if not MIN_ZIPF <= frequency <= MAX_ZIPF:
                continue
            for wordnet_pos, entry in by_pos.items():
                pos = PARTS_OF_SPEECH.get(wordnet_pos)
                if pos is None:
                    continue
                senses = words[lemma].setdefault(pos, [round(frequency, 2), []])[1]
                for sense in entry.get("sense", []):
                    if len(senses) >= MAX_SENSES:
                        break
                    synset_id = sense["synset"]
                    synset = synsets.get(synset_id)
                    if synset is None or not synset.get("definition"):
                        continue
                    members = [m for m in synset.get("members", []) if m != lemma]
                    broader = [
                        member
                        for hypernym in synset.get("hypernym", [])[:2]
                        for member in synsets.get(hypernym, {}).get("members", [])[:2]
                    ]
                    examples = [
                        e if isinstance(e, str) else e.get("text", "")
                        for e in synset.get("example", [])
                    ]
                    senses.append(
                        {
                            "id": synset_id,
                            "def": _short(synset["definition"][0]),
                            "ex": _short(examples[0]) if examples else "",
                            "syn": members[:MAX_RELATED],
                            "broad": broader[:MAX_RELATED],
                            "file": lexfile_of[synset_id],
                        }
                    )
            words[lemma] = {pos: value for pos, value in words[lemma].items() if value[1]}
    lexicon = {"words": {lemma: value for lemma, value in sorted(words.items()) if value}}
    return Built(lexicon, dict(sorted(noun_kinds.items())), person_nouns(source))


def noun_sense_files(path: Path) -> Iterator[tuple[str, list[str]]]:
    """Each lemma of an entry file with the lexicographer files of its noun senses, in order.

    Only the sense keys are read, line by line (the "1:18" of a key is ``noun.person``). As the
    shipped list was built, the lines of an entry of several words count for the single-word
    entry before it, so "able" is listed for "able seaman".
    """
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
    """Lemmas one of whose first ``SENSES_READ`` noun senses is in ``noun.person``, and that are
    not rarer than ``PERSON_MIN_ZIPF``, sorted."""
    return sorted(
        {
            lemma
            for path in sorted(source.glob("entries-*.yaml"))
            for lemma, files in noun_sense_files(path)
            if "18" in files[:SENSES_READ] and zipf(lemma) >= PERSON_MIN_ZIPF
        }
    )


def _write(data: object, out: Path) -> None:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with gzip.GzipFile(out, "wb", compresslevel=9, mtime=0) as stream:
        stream.write(payload)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("source", type=Path, help="folder of Open English Wordnet YAML files")
    parser.add_argument(
        "--into",
        type=Path,
        help="folder to write the three files into (default: where the package reads each one)",
    )
    args = parser.parse_args(argv)
    targets = [LEXICON_FILE, NOUN_KINDS_FILE, PERSON_NOUNS_FILE]
    if args.into is not None:
        targets = [args.into / target.name for target in targets]
    lexicon_out, kinds_out, person_out = targets
    built = build(args.source)
    _write(built.lexicon, lexicon_out)
    size = lexicon_out.stat().st_size / 1e6
    print(f"{len(built.lexicon['words'])} words, {size:.1f} MB -> {lexicon_out}")
    _write(built.noun_kinds, kinds_out)
    size = kinds_out.stat().st_size / 1e3
    print(f"{len(built.noun_kinds)} common nouns, {size:.0f} kB -> {kinds_out}")
    lines = "".join(f"{noun}\n" for noun in built.person_nouns)
    person_out.write_text(PERSON_NOUNS_HEADER + lines, encoding="utf-8")
    print(f"{len(built.person_nouns)} nouns naming a person -> {person_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
