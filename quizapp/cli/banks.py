"""The commands on bank files: check them (``validate``), store them (``import``), write them in
another format (``export-bank``), turn other formats and spreadsheets into banks (``import-bank``,
``spreadsheet-template``), and grade a trial answer (``try``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from quizapp.cli.database import database_session
from quizapp.cli.errors import fail


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check bank files (or folders of them) and print every problem as FILE:LINE:COL."""
    from quizapp.banks import bank_files, validate_file

    files = bank_files(paths)
    if not files:
        raise click.UsageError("No .yaml or .yml files found in the paths given.")
    invalid = 0
    problems = 0
    for path in files:
        issues = validate_file(path)
        for issue in issues:
            click.echo(issue.format())
        problems += len(issues)
        invalid += bool(issues)
    summary = (
        f"{len(files)} bank(s) checked: {len(files) - invalid} valid, {invalid} invalid, "
        f"{problems} problem(s)."
    )
    click.echo(summary, err=bool(invalid))
    sys.exit(1 if invalid else 0)


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def import_banks(paths: tuple[Path, ...]) -> None:
    """Validate banks, then store a new version of each one that changed (all or nothing)."""
    from quizapp.errors import BankInvalid
    from quizapp.services import banks

    with database_session() as session:
        try:
            report = banks.import_paths(session, list(paths))
        except BankInvalid as error:
            fail(f"Nothing imported: {len(error.issues)} problem(s) to fix first.", error.issues)
        click.echo(report.summary())


def _format_names() -> list[str]:
    from quizapp.banks.formats import FORMATS

    return list(FORMATS)


def _reader_names() -> list[str]:
    from quizapp.banks.formats.registry import READERS

    return list(READERS)


@click.command("export-bank")
@click.argument("bank_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "format_name", required=True, type=click.Choice(_format_names()))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export_bank(bank_file: Path, format_name: str, output: Path) -> None:
    """Write a bank in another format (GIFT, Moodle XML, QTI) and list what the format loses."""
    from quizapp.banks.formats.exporting import export_bank_file
    from quizapp.errors import BankInvalid

    try:
        exported = export_bank_file(bank_file, format_name)
    except BankInvalid as error:
        fail(
            f"Nothing written: {len(error.issues)} problem(s) in the bank to fix first.",
            error.issues,
        )
    for notice in exported.notices:
        click.echo("warning: " + notice.format(str(bank_file)), err=True)
    output.write_bytes(exported.content)
    click.echo(f"Wrote {output} ({format_name}, {len(exported.notices)} warning(s)).")


@click.command("import-bank")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path)
)
@click.option("--format", "format_name", type=click.Choice(_reader_names()), help="Skip guessing.")
@click.option(
    "--skip-unsupported",
    is_flag=True,
    help="Skip questions of types quizapp does not support (essay, matching...), naming each.",
)
def import_bank(
    files: tuple[Path, ...], out_dir: Path, format_name: str | None, skip_unsupported: bool
) -> None:
    """Turn GIFT, Moodle XML or QTI files into YAML banks, one per file (all checked first)."""
    from quizapp.banks.formats.importing import import_file_bytes

    out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in files:
        result = import_file_bytes(
            path.read_bytes(), str(path), format_name=format_name, skip_unsupported=skip_unsupported
        )
        for notice in result.notices:
            click.echo("warning: " + notice.format(str(path)), err=True)
        for skipped in result.skipped:
            click.echo("skipped: " + skipped.format(), err=True)
        if result.yaml_text is None:
            failed += 1
            for issue in result.issues:
                click.echo(issue.format(), err=True)
            click.echo(f"{path}: not imported ({len(result.issues)} problem(s)).", err=True)
            if result.skippable:
                click.echo(
                    f"{path}: --skip-unsupported leaves out the questions of types quizapp "
                    "does not support and imports the rest.",
                    err=True,
                )
            continue
        target = out_dir / f"{path.stem}.yaml"
        target.write_text(result.yaml_text, encoding="utf-8")
        click.echo(f"{path}: imported as {target} ({result.format_name}).")
    click.echo(f"{len(files) - failed} of {len(files)} file(s) imported.", err=bool(failed))
    sys.exit(1 if failed else 0)


@click.command("spreadsheet-template")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def spreadsheet_template(output: Path) -> None:
    """Write the spreadsheet template (.csv or .xlsx, by the file's suffix) to fill in."""
    from quizapp.banks.formats.spreadsheet import template_csv, template_xlsx

    if output.suffix.lower() not in {".csv", ".xlsx"}:
        raise click.UsageError("The template is written as .csv or .xlsx; name the file so.")
    if output.suffix.lower() == ".xlsx":
        output.write_bytes(template_xlsx())
    else:
        output.write_text(template_csv(), encoding="utf-8", newline="")
    click.echo(f"Wrote {output}; fill it in, then: quizapp import-bank {output} -o question_banks/")


@click.command("try")
@click.argument("bank_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("question_id")
@click.argument("answer", nargs=-1, required=True)
def try_answer(bank_file: Path, question_id: str, answer: tuple[str, ...]) -> None:
    """Grade a trial ANSWER to one question and print the grade as JSON.

    For multiple choice give the choice text; for multi-select, ordering and cloze give one
    argument per ticked choice, per item in your order, or per blank.
    """
    from quizapp.banks import load_bank_file
    from quizapp.errors import BankInvalid

    try:
        bank = load_bank_file(bank_file)
    except BankInvalid as error:
        fail("The bank has problems; fix them first (quizapp validate).", error.issues)
    question = bank.question(question_id)
    grade = question.grade(question.response_from_texts(list(answer)))
    click.echo(
        json.dumps(
            {
                "credit": str(grade.fraction),
                "state": str(grade.state),
                "matched": grade.matched,
                "feedback": grade.feedback,
            },
            ensure_ascii=False,
        )
    )


COMMANDS = [validate, import_banks, export_bank, import_bank, spreadsheet_template, try_answer]
