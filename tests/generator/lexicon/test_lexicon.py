"""The shipped lexicon and its build from Open English Wordnet's YAML source files."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from quizapp.generator.lexicon import LEXICON_FILE, Lexicon, lexicon, noun_file
from quizapp.generator.lexicon.build import MAX_ZIPF, MIN_ZIPF, build, main
from quizapp.generator.lexicon.frequency import zipf


def test_the_shipped_lexicon_is_small_and_knows_less_common_words() -> None:
    assert LEXICON_FILE.stat().st_size < 5_000_000
    entry = lexicon().entry("rapprochement", "n")
    assert entry is not None
    assert "cordial relations" in entry.senses[0].definition
    assert MIN_ZIPF <= entry.zipf <= MAX_ZIPF
    # a word every reader knows is not in it, and neither is a phrase
    assert lexicon().entry("house", "n") is None
    assert lexicon().entry("red tape", "n") is None


def test_words_near_in_frequency_share_the_part_of_speech_and_band() -> None:
    near = lexicon().near_in_frequency("v", 3.0, 0.1)
    assert len(near) > 20
    assert all(entry.pos == "v" and abs(entry.zipf - 3.0) <= 0.1 + 1e-9 for entry in near)


def test_the_file_says_where_it_comes_from() -> None:
    notice = (LEXICON_FILE.parent / "NOTICE.md").read_text(encoding="utf-8")
    assert "Open English Wordnet" in notice and "Princeton" in notice and "CC BY 4.0" in notice


SYNSETS = """\
01208317-n:
  definition:
  - the reestablishing of cordial relations
  hypernym:
  - 01205000-n
  members:
  - rapprochement
  - reconciliation
  partOfSpeech: n
01205000-n:
  definition:
  - joint operation or action
  members:
  - cooperation
  partOfSpeech: n
02000001-n:
  definition:
  - a dwelling that serves as living quarters
  members:
  - house
  partOfSpeech: n
"""
ENTRIES = """\
rapprochement:
  n:
    sense:
    - id: 'rapprochement%1:04:00::'
      synset: 01208317-n
house:
  n:
    sense:
    - id: 'house%1:06:00::'
      synset: 02000001-n
red tape:
  n:
    sense:
    - id: 'red_tape%1:04:00::'
      synset: 01205000-n
"""


def test_build_keeps_less_common_single_words_with_their_senses(tmp_path: Path) -> None:
    (tmp_path / "noun.act.yaml").write_text(SYNSETS, encoding="utf-8")
    (tmp_path / "entries-r.yaml").write_text(ENTRIES, encoding="utf-8")
    lexicon_data, noun_kinds = build(tmp_path)
    words = lexicon_data["words"]
    assert zipf("house") > MAX_ZIPF  # so it is left out for being common
    assert set(words) == {"rapprochement"}
    # a common noun keeps only the file of its first sense
    assert noun_kinds == {"house": "noun.act"}
    zipf_value, senses = words["rapprochement"]["n"]
    assert zipf_value == round(zipf("rapprochement"), 2)
    assert senses == [
        {
            "id": "01208317-n",
            "def": "the reestablishing of cordial relations",
            "ex": "",
            "syn": ["reconciliation"],
            "broad": ["cooperation"],
            "file": "noun.act",
        }
    ]


def test_build_writes_a_lexicon_that_loads(tmp_path: Path) -> None:
    (tmp_path / "noun.act.yaml").write_text(SYNSETS, encoding="utf-8")
    (tmp_path / "entries-r.yaml").write_text(ENTRIES, encoding="utf-8")
    out = tmp_path / "lexicon.json.gz"
    assert main([str(tmp_path), "--out", str(out)]) == 0
    with gzip.open(out, "rt", encoding="utf-8") as stream:
        loaded = Lexicon(json.load(stream)["words"])
    entry = loaded.entry("Rapprochement", "n")
    assert entry is not None and entry.senses[0].synonyms == ("reconciliation",)
    assert len(loaded) == 1
    with gzip.open(tmp_path / "noun_kinds.json.gz", "rt", encoding="utf-8") as stream:
        assert json.load(stream) == {"house": "noun.act"}


def test_a_noun_is_looked_up_in_the_lexicon_then_among_the_common_ones() -> None:
    assert noun_file("rapprochement") == "noun.act"  # a less common word, with its senses
    assert noun_file("leader") == "noun.person"  # a common one, its first sense only
    assert noun_file("qwzxv") is None
