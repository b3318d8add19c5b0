"""``quizapp generate``: one bank per readable article, a clear line for each one that is not,
and the exit code saying whether all were drafted."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from quizapp.banks import load_bank_text
from quizapp.cli import cli

ARTICLE = Path(__file__).resolve().parent / "data" / "articles" / "turkey-egypt-talks-2021.txt"


def generate(*args: str) -> Result:
    return CliRunner().invoke(cli, ["generate", *args], catch_exceptions=False)


def test_bad_articles_are_reported_and_the_good_one_is_still_drafted(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    unreadable = tmp_path / "scan.pdf"
    unreadable.write_bytes(b"not a pdf at all")
    out = tmp_path / "banks"
    result = generate(str(ARTICLE), str(empty), str(unreadable), "-o", str(out))
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr and "is empty" in result.stderr
    assert "scan.pdf" in result.stderr
    assert "1 of 3 article(s) drafted." in result.stderr
    written = list(out.glob("*.yaml"))
    assert len(written) == 1
    bank = load_bank_text(written[0].read_text(encoding="utf-8"))
    assert bank.title.startswith("Turkey, Egypt") and len(bank.questions) >= 5


def test_types_limit_and_seed_shape_the_bank(tmp_path: Path) -> None:
    target = tmp_path / "cloze.yaml"
    args = (str(ARTICLE), "-o", str(target), "--types", "cloze", "--max-questions", "2")
    assert generate(*args, "--seed", "3").exit_code == 0
    bank = load_bank_text(target.read_text(encoding="utf-8"))
    assert [type(q).__name__ for q in bank.questions] == ["Cloze", "Cloze"]
    first = target.read_text(encoding="utf-8")
    generate(*args, "--seed", "3")
    assert target.read_text(encoding="utf-8") == first  # the same seed, the same draft


def test_wrong_options_are_refused_before_any_work(tmp_path: Path) -> None:
    unknown = generate(str(ARTICLE), "--types", "essay")
    assert unknown.exit_code == 2 and "Unknown type(s) essay" in unknown.stderr
    several = generate(str(ARTICLE), str(ARTICLE), "-o", str(tmp_path / "one.yaml"))
    assert several.exit_code == 2 and "give a folder for several articles" in several.stderr
    assert not (tmp_path / "one.yaml").exists()


def test_written_responses_are_drafted_only_when_named_and_nothing_found_is_said_plainly(
    tmp_path: Path,
) -> None:
    article = tmp_path / "rice.txt"
    article.write_text(
        "Farmers change their crops\n\n"
        "Farmers in India stopped planting rice this year because the monsoon rains failed "
        "again. Many of them now grow millet, which needs far less water. The government "
        "promised to buy the millet at a fixed price until 2030.\n",
        encoding="utf-8",
    )
    default = generate(str(article), "-o", str(tmp_path / "default"))
    for bank_file in (tmp_path / "default").glob("*.yaml"):
        assert "written_response" not in bank_file.read_text(encoding="utf-8")
    # (the folder pytest makes is named after this test, so it is left out of the check)
    assert "written_response" not in default.stderr.replace(str(tmp_path), "")
    named = generate(str(article), "--types", "written_response", "-o", str(tmp_path / "named"))
    assert named.exit_code == 0, named.stderr
    [bank_file] = (tmp_path / "named").glob("*.yaml")
    bank = load_bank_text(bank_file.read_text(encoding="utf-8"))
    assert {q.type_name for q in bank.questions} == {"written_response"}
    # a note with nothing to ask gets a plain reason, not the bank validator's words
    note = tmp_path / "note.txt"
    note.write_text("Hello\n\nSee you soon.\n", encoding="utf-8")
    empty = generate(str(note), "-o", str(tmp_path / "note"))
    assert empty.exit_code == 1
    assert "no question could be drafted" in empty.stderr and "did not validate" not in empty.stderr
    asked = generate(str(note), "--types", "written_response", "-o", str(tmp_path / "note"))
    assert "no question of the types asked for (written_response)" in asked.stderr
