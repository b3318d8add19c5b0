"""How a command stops on input it understood but cannot use: ``fail`` prints the message to
stderr and exits 1. Usage errors stay click's (exit 2).
"""

from __future__ import annotations

import sys

import click


def fail(message: str) -> None:
    """Print ``message`` to stderr and exit 1 (the input was understood but is not usable)."""
    click.echo(message, err=True)
    sys.exit(1)
