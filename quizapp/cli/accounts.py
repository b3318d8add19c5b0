"""The command that creates a teacher or student account."""

from __future__ import annotations

import click

from quizapp.cli.database import database_session


@click.command("create-user")
@click.option("--role", type=click.Choice(["teacher", "student"]), required=True)
@click.option("--username", required=True)
@click.option("--name", "display_name", default="", help="The name shown in the app.")
@click.password_option(help="Asked for when not given.")
def create_user(role: str, username: str, display_name: str, password: str) -> None:
    """Create a teacher or student account."""
    from quizapp.services import accounts

    with database_session() as session:
        user = accounts.create_user(
            session,
            username=username,
            password=password,
            role=role,
            display_name=display_name,
        )
        click.echo(f"Created {user.role} {user.username!r}.")


COMMANDS = [create_user]
