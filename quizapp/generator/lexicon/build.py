"""Build the shipped lexicon (``lexicon.json.gz``) from Open English Wordnet's YAML sources.

The vocabulary kind needs, for each less common single word: its part of speech, its senses
(definition, one example, a few synonyms and broader words, and the lexicographer file that
tells far senses from near ones) and its frequency band. Only that is kept, so the file stays a
few MB. Words are kept when wordfreq puts them between ``MIN_ZIPF`` and ``MAX_ZIPF``: rarer ones
are not worth a reader's time, commoner ones are known to every reader. For the commoner nouns
only the lexicographer file of their first sense is kept (``noun_kinds.json.gz``): whether a
word names a person, a group, a place, a thing or something that happens.

Usage: python -m quizapp.generator.lexicon.build OEWN_YAML_DIR [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from quizapp.generator.lexicon.frequency import zipf

MIN_ZIPF = 1.5
MAX_ZIPF = 4.2
MAX_SENSES = 6
MAX_RELATED = 4
MAX_TEXT = 160
# The lexicon's parts of speech; Wordnet's satellite adjectives ("s") are adjectives.
PARTS_OF_SPEECH = {"n": "n", "v": "v", "a": "a", "s": "a", "r": "r"}
WORD = re.compile(r"[a-z][a-z-]*[a-z]")
DEFAULT_OUT = Path(__file__).resolve().parent / "lexicon.json.gz"
NOUN_KINDS_OUT = DEFAULT_OUT.with_name("noun_kinds.json.gz")


def _load(path: Path) -> dict[str, Any]:
    loaded = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return loaded if isinstance(loaded, dict) else {}


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rsplit(" ", 1)[0] + "…"


def build(source: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """The lexicon, ``{"words": {lemma: {pos: [zipf, [sense, ...]]}}}``, and the file of the
    first sense of each commoner noun, ``{lemma: "noun.act"}``."""
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
    return lexicon, dict(sorted(noun_kinds.items()))


def _write(data: object, out: Path) -> None:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with gzip.GzipFile(out, "wb", compresslevel=9, mtime=0) as stream:
        stream.write(payload)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("source", type=Path, help="folder of Open English Wordnet YAML files")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    lexicon, noun_kinds = build(args.source)
    _write(lexicon, args.out)
    print(f"{len(lexicon['words'])} words, {args.out.stat().st_size / 1e6:.1f} MB -> {args.out}")
    kinds_out = args.out.with_name(NOUN_KINDS_OUT.name)
    _write(noun_kinds, kinds_out)
    print(f"{len(noun_kinds)} common nouns, {kinds_out.stat().st_size / 1e3:.0f} kB -> {kinds_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
