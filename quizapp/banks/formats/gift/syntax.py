"""The GIFT syntax that writing and reading share: escaping the special characters (and newlines
as ``\\n``), the ``// quizapp:`` comment that keeps what GIFT has no syntax for, and the
``$CATEGORY:`` line.
"""

from __future__ import annotations

_SPECIAL = "~=#{}:"
HINT = "// quizapp:"
CATEGORY = "$CATEGORY:"


def escape(text: str) -> str:
    """Text safe inside GIFT: specials and backslashes escaped, newlines as ``\\n``."""
    escaped = text.replace("\\", "\\\\")
    for character in _SPECIAL:
        escaped = escaped.replace(character, "\\" + character)
    return escaped.replace("\r\n", "\n").replace("\n", "\\n")


def unescape(text: str) -> str:
    """GIFT text back to plain text (``\\n`` is a newline, ``\\x`` the character x)."""
    out: list[str] = []
    index = 0
    while index < len(text):
        character = text[index]
        if character == "\\" and index + 1 < len(text):
            following = text[index + 1]
            out.append("\n" if following == "n" else following)
            index += 2
            continue
        out.append(character)
        index += 1
    return "".join(out).strip()
