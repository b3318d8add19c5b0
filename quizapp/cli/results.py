"""The commands on students' work: ``export-scores`` writes scores as CSV, ``submit-overdue``
submits the attempts whose time ran out (for a cron job).
"""

from __future__ import annotations

import click

from quizapp.cli.database import database_session, load_config


@click.command("export-scores")
@click.option("--class", "class_ref", help="Only this class (its id or join code).")
@click.option("--quiz", "quiz_id", type=int, help="Only this quiz (its assignment id).")
@click.option(
    "--layout",
    type=click.Choice(
        ["gradebook", "points", "class", "responses", "moodle", "canvas", "classroom"]
    ),
    default="gradebook",
    show_default=True,
    help="gradebook: a row per student and quiz; points: the same in points; class: a row per "
    "student, points per quiz and in total; responses: a row per answer; moodle, canvas, "
    "classroom: the gradebook imports of those LMSs (a row per student, points per quiz).",
)
@click.option("--bom", is_flag=True, help="Start the file with a byte-order mark (for Excel).")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="The CSV file to write ('-' for standard output).",
)
def export_scores(
    class_ref: str | None, quiz_id: int | None, layout: str, bom: bool, output: str
) -> None:
    """Write scores as CSV (UTF-8, formulas neutralised), streamed row by row."""
    from quizapp.services import export

    with database_session() as session:
        scope = export.operator_scope(session, class_ref=class_ref, assignment_id=quiz_id)
        rows = -1  # the header is not a row of scores
        # Atomic: a failed export never leaves half a file where a good one was.
        with click.open_file(output, "wb", atomic=output != "-") as stream:
            for line in export.csv_lines(session, scope, layout, bom=bom):
                stream.write(line.encode("utf-8"))
                rows += 1
        click.echo(f"Wrote {rows} row(s) ({layout}) to {output}.", err=True)


@click.command("submit-overdue")
def submit_overdue() -> None:
    """Submit every attempt whose time ran out, with its last saved answers (for a cron job).

    Overdue attempts are also submitted whenever their student or teacher next opens them; this
    makes the gradebook complete even for students who never come back.
    """
    import datetime as dt

    from quizapp.services import attempts

    config = load_config()
    with database_session(config) as session:
        count = attempts.submit_overdue(
            session, dt.datetime.now(dt.UTC), grace=dt.timedelta(seconds=config.grace_seconds)
        )
    click.echo(f"{count} overdue attempt(s) submitted.")


COMMANDS = [export_scores, submit_overdue]
