"""Reading articles from every supported format, and clear messages for bad input."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from quizapp.generator.reading import (
    MAX_DOCX_UNPACKED_BYTES,
    MAX_PDF_OBJECTS,
    MAX_PDF_PAGES,
    ArticleUnreadable,
    article_from_text,
    parse_source_line,
    read_article,
)
from tests.generator.conftest import ARTICLES, SAMPLE_ARTICLE

BODY = "Turkey deployed military troops to Libya in early January 2020."


def test_text_title_source_and_body() -> None:
    article = read_article(SAMPLE_ARTICLE)
    assert article.title == "Turkey, Egypt kick off diplomatic talks in Cairo to mend relations"
    assert article.source == {"publisher": "Iran Press TV", "published": "2021-05-05"}
    assert article.text.startswith("Turkey and Egypt have kicked off")
    assert "\n\n" in article.text


def test_paragraphs_ended_by_one_line_break_stay_paragraphs_and_wrapped_lines_join() -> None:
    copied = (
        "Harbour reopens\n\n"
        "The harbour of Eastwick reopened on Friday after three months of repairs to its sea "
        "wall, the port authority said in a statement.\n"
        "Fishing boats were the first to return, and the ferry to the islands will run again "
        "from Monday, its operator said on Thursday evening.\n\n"
        "Repairs cost about two million pounds.\n"
    )
    assert article_from_text(copied).text.split("\n\n") == [
        "The harbour of Eastwick reopened on Friday after three months of repairs to its sea "
        "wall, the port authority said in a statement.",
        "Fishing boats were the first to return, and the ferry to the islands will run again "
        "from Monday, its operator said on Thursday evening.",
        "Repairs cost about two million pounds.",
    ]
    wrapped = (
        "Harbour reopens\n\n"
        "The harbour of Eastwick reopened on Friday\n"
        "after three months of repairs to its sea wall.\n"
        "Fishing boats were the first to return.\n\n"
        "Repairs cost about two million pounds.\n"
    )
    assert article_from_text(wrapped).text.split("\n\n") == [
        "The harbour of Eastwick reopened on Friday after three months of repairs to its sea "
        "wall. Fishing boats were the first to return.",
        "Repairs cost about two million pounds.",
    ]


def test_source_line_forms() -> None:
    assert parse_source_line("Reuters, March 3, 2020") == {
        "publisher": "Reuters",
        "published": "2020-03-03",
    }
    assert parse_source_line("BBC") == {"publisher": "BBC"}


def test_markdown_markup_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        f"# Troops\n\nTurkey **deployed** [troops](http://x.example) to Libya.\n\n{BODY}"
    )
    article = read_article(path)
    assert article.title == "Troops"
    assert article.text.startswith("Turkey deployed troops to Libya.")


def test_html_main_text(tmp_path: Path) -> None:
    paragraph = " ".join([BODY] * 4)
    path = tmp_path / "a.html"
    path.write_text(
        "<html><head><title>Troops in Libya</title></head><body><nav>Home | News</nav>"
        f"<article><h1>Troops in Libya</h1><p>{paragraph}</p><p>{paragraph}</p></article>"
        "<footer>Copyright</footer></body></html>"
    )
    article = read_article(path)
    assert article.title == "Troops in Libya"
    assert BODY in article.text
    assert "Copyright" not in article.text


def test_docx(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Troops in Libya")
    document.add_paragraph("Source: Reuters, 5 May 2021")
    document.add_paragraph(BODY)
    path = tmp_path / "a.docx"
    document.save(str(path))
    article = read_article(path)
    assert article.title == "Troops in Libya"
    assert article.source["publisher"] == "Reuters"
    assert article.text == BODY


def test_pdf_fixture() -> None:
    article = read_article(ARTICLES / "troops.pdf")
    assert article.title == "Troops in Libya"
    assert "early January 2020" in article.text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("title-only.txt", b"Just a title\n\n", "no text"),
        ("broken.docx", b"not a zip file", "not a readable Word document"),
        ("broken.pdf", b"%PDF-1.4 garbage", "not a readable PDF"),
        ("latin1.txt", "Caf\xe9 title\n\nbody".encode("latin-1"), "not UTF-8"),
        ("notes.rtf", b"{\\rtf1}", "unsupported file type"),
    ],
)
def test_unreadable_input(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ArticleUnreadable, match=message):
        read_article(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleUnreadable, match="cannot be read"):
        read_article(tmp_path / "nowhere.txt")


def _pdf(kids: int, *, declared_objects: int | None = None) -> bytes:
    """A small PDF whose page tree lists one page ``kids`` times (so it is cheap to write and
    would be costly to read), with a correct cross-reference table."""
    stream = b"BT /F1 12 Tf 72 720 Td (Troops in Libya) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b"3 0 R " * kids + b"] /Count " + str(kids).encode() + b" >>",
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
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    size = declared_objects or len(objects) + 1
    out += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_a_pdf_listing_one_page_thousands_of_times_is_refused_before_reading(
    tmp_path: Path,
) -> None:
    path = tmp_path / "pages.pdf"
    path.write_bytes(_pdf(3))
    assert "Troops in Libya" in read_article(path).title
    path.write_bytes(_pdf(MAX_PDF_PAGES + 1))
    with pytest.raises(ArticleUnreadable, match=f"has {MAX_PDF_PAGES + 1} pages"):
        read_article(path)


def test_a_pdf_declaring_too_many_objects_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "objects.pdf"
    path.write_bytes(_pdf(1, declared_objects=MAX_PDF_OBJECTS + 1))
    with pytest.raises(ArticleUnreadable, match="objects; the most accepted"):
        read_article(path)


def test_a_docx_that_unpacks_too_large_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (MAX_DOCX_UNPACKED_BYTES + 1))
    assert path.stat().st_size < 100_000
    with pytest.raises(ArticleUnreadable, match="unpacks to 20 MB"):
        read_article(path)


def test_a_text_file_with_a_nul_is_refused_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Title\n\nA body with a \x00 in it.")
    with pytest.raises(ArticleUnreadable, match="NUL"):
        read_article(path)
