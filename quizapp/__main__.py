"""``python -m quizapp``: the ``quizapp`` command, for processes that start others of its own
(``quizapp serve`` starts its drafting runners so, whatever the command is called on the path)."""

from quizapp.cli import cli

if __name__ == "__main__":
    cli()
