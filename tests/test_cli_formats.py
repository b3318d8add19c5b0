"""``quizapp export-bank`` and ``quizapp import-bank``: files out, files in, exit codes."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from quizapp.banks import load_bank_file
from quizapp.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"


def test_export_then_import_gives_the_same_questions_back(tmp_path: Path) -> None:
    runner = CliRunner()
    for format_name, name in (("gift", "bank.txt"), ("moodle-xml", "bank.xml")):
        out = tmp_path / name
        result = runner.invoke(
            cli, ["export-bank", str(SAMPLE), "--format", format_name, "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert "warning: " in result.stderr
        assert out.stat().st_size > 0
    result = runner.invoke(
        cli,
        [
            "import-bank",
            str(tmp_path / "bank.txt"),
            str(tmp_path / "bank.xml"),
            "-o",
            str(tmp_path / "banks"),
        ],
    )
    assert result.exit_code == 0, result.output
    original = load_bank_file(SAMPLE)
    for written in sorted((tmp_path / "banks").glob("*.yaml")):
        bank = load_bank_file(written)
        assert {q.id for q in bank.questions} <= {q.id for q in original.questions}
        assert len(bank.questions) >= len(original.questions) - 1


def test_import_exits_1_when_any_file_has_problems_and_writes_only_the_good_ones(
    tmp_path: Path,
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("::q1:: Did it rain? {T}\n", encoding="utf-8")
    bad = tmp_path / "bad.xml"
    bad.write_bytes(
        b"<quiz><question type='calculated'><name><text>e</text></name></question></quiz>"
    )
    result = CliRunner().invoke(cli, ["import-bank", str(good), str(bad), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "question 'e' is of type 'calculated'" in result.stderr
    assert "--skip-unsupported leaves out" in result.stderr
    assert (tmp_path / "good.yaml").exists()
    assert not (tmp_path / "bad.yaml").exists()


def test_an_unknown_format_is_a_usage_error_listing_the_known_ones(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["export-bank", str(SAMPLE), "--format", "docx", "-o", str(tmp_path / "x")]
    )
    assert result.exit_code == 2
    assert "gift" in result.output and "moodle-xml" in result.output


def test_skip_unsupported_imports_the_rest_and_names_each_question_it_left_out(
    tmp_path: Path,
) -> None:
    source = tmp_path / "mixed.xml"
    source.write_bytes(
        b"""<quiz>
<question type="truefalse"><name><text>Rain</text></name>
  <questiontext><text>Did it rain?</text></questiontext>
  <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
</question>
<question type="calculated"><name><text>Rain per day</text></name>
  <questiontext><text>What is {a} + 1?</text></questiontext></question>
</quiz>"""
    )
    refused = CliRunner().invoke(cli, ["import-bank", str(source), "-o", str(tmp_path / "out")])
    assert refused.exit_code == 1
    assert not (tmp_path / "out" / "mixed.yaml").exists()
    result = CliRunner().invoke(
        cli, ["import-bank", str(source), "-o", str(tmp_path / "out"), "--skip-unsupported"]
    )
    assert result.exit_code == 0, result.output
    assert f"skipped: {source}:6:1: /quiz/question[2]: question 'Rain per day'" in (result.stderr)
    bank = load_bank_file(tmp_path / "out" / "mixed.yaml")
    assert [q.id for q in bank.questions] == ["rain"]
