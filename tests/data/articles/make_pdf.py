"""Writes troops.pdf, the tiny PDF article the reading tests use (run once; output committed).

A minimal hand-written PDF 1.4: one page, Helvetica, the title and two lines of text, with a
correct cross-reference table so that pypdf reads it without warnings.
"""

from __future__ import annotations

from pathlib import Path

LINES = [
    "Troops in Libya",
    "",
    "Turkey deployed military troops to Libya in early January 2020.",
    "The deployment supported the UN-backed government in Tripoli.",
]


def pdf_bytes() -> bytes:
    text = ["BT", "/F1 12 Tf", "72 720 Td", "16 TL"]
    for line in LINES:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        text.append(f"({escaped}) Tj T*")
    text.append("ET")
    stream = "\n".join(text).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


if __name__ == "__main__":
    (Path(__file__).resolve().parent / "troops.pdf").write_bytes(pdf_bytes())
