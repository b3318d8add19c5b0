"""The shipped lexicon and its build, with the person nouns, from Open English Wordnet's YAML."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from quizapp.generator.lexicon import LEXICON_FILE, NOUN_KINDS_FILE, Lexicon, lexicon, noun_file
from quizapp.generator.lexicon.build import MAX_ZIPF, MIN_ZIPF, PERSON_MIN_ZIPF, build, main
from quizapp.generator.lexicon.frequency import zipf
from quizapp.generator.wording.person_nouns import PERSON_NOUNS_FILE


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
    built = build(tmp_path)
    words = built.lexicon["words"]
    assert zipf("house") > MAX_ZIPF  # so it is left out for being common
    assert set(words) == {"rapprochement"}
    # a common noun keeps only the file of its first sense
    assert built.noun_kinds == {"house": "noun.act"}
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


PEOPLE = """\
10000001-n:
  definition:
  - someone who designs buildings
  members:
  - architect
  partOfSpeech: n
10000002-n:
  definition:
  - an enthusiastic devotee of sports
  members:
  - fan
  partOfSpeech: n
10000003-n:
  definition:
  - a person who practices conchology
  members:
  - conchologist
  partOfSpeech: n
"""
DEVICES = """\
03000001-n:
  definition:
  - a device for creating a current of air
  members:
  - fan
  partOfSpeech: n
03000002-n:
  definition:
  - a building where people live
  members:
  - house
  partOfSpeech: n
"""
PEOPLE_ENTRIES = """\
architect:
  n:
    sense:
    - id: 'architect%1:18:00::'
      synset: 10000001-n
fan:
  n:
    sense:
    - id: 'fan%1:06:00::'
      synset: 03000001-n
    - id: 'fan%1:18:00::'
      synset: 10000002-n
conchologist:
  n:
    sense:
    - id: 'conchologist%1:18:00::'
      synset: 10000003-n
house:
  n:
    sense:
    - id: 'house%1:06:00::'
      synset: 03000002-n
"""


def test_build_lists_the_common_nouns_whose_first_sense_is_a_person(tmp_path: Path) -> None:
    (tmp_path / "noun.person.yaml").write_text(PEOPLE, encoding="utf-8")
    (tmp_path / "noun.artifact.yaml").write_text(DEVICES, encoding="utf-8")
    (tmp_path / "entries-a.yaml").write_text(PEOPLE_ENTRIES, encoding="utf-8")
    assert zipf("conchologist") < PERSON_MIN_ZIPF <= zipf("architect")
    # "fan" names a person only in its second sense; "conchologist" is too rare to come up.
    assert build(tmp_path).person_nouns == ["architect"]


def test_build_writes_the_three_files_and_they_load(tmp_path: Path) -> None:
    source, out = tmp_path / "oewn", tmp_path / "out"
    source.mkdir()
    out.mkdir()
    (source / "noun.act.yaml").write_text(SYNSETS, encoding="utf-8")
    (source / "noun.person.yaml").write_text(PEOPLE, encoding="utf-8")
    (source / "entries-r.yaml").write_text(ENTRIES, encoding="utf-8")
    (source / "entries-a.yaml").write_text(PEOPLE_ENTRIES.split("fan:")[0], encoding="utf-8")
    assert main([str(source), "--into", str(out)]) == 0
    assert sorted(path.name for path in out.iterdir()) == [
        LEXICON_FILE.name,
        NOUN_KINDS_FILE.name,
        PERSON_NOUNS_FILE.name,
    ]
    with gzip.open(out / LEXICON_FILE.name, "rt", encoding="utf-8") as stream:
        loaded = Lexicon(json.load(stream)["words"])
    entry = loaded.entry("Rapprochement", "n")
    assert entry is not None and entry.senses[0].synonyms == ("reconciliation",)
    assert len(loaded) == 2  # "architect" too: it is less common than MAX_ZIPF
    with gzip.open(out / NOUN_KINDS_FILE.name, "rt", encoding="utf-8") as stream:
        assert json.load(stream) == {"house": "noun.act"}
    person_nouns = (out / PERSON_NOUNS_FILE.name).read_text(encoding="utf-8")
    assert person_nouns.startswith("# Nouns naming a person, one a line: built by ")
    assert [line for line in person_nouns.splitlines() if not line.startswith("#")] == ["architect"]


def test_a_noun_is_looked_up_in_the_lexicon_then_among_the_common_ones() -> None:
    assert noun_file("rapprochement") == "noun.act"  # a less common word, with its senses
    assert noun_file("leader") == "noun.person"  # a common one, its first sense only
    assert noun_file("qwzxv") is None
