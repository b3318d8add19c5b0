"""Reading articles from every supported format, and clear messages for bad input."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from quizapp.generator.reading import ArticleUnreadable, parse_source_line, read_article
from tests.generator.conftest import ARTICLES, SAMPLE_ARTICLE

BODY = "Turkey deployed military troops to Libya in early January 2020."


def test_text_title_source_and_body() -> None:
    article = read_article(SAMPLE_ARTICLE)
    assert article.title == "Turkey, Egypt kick off diplomatic talks in Cairo to mend relations"
    assert article.source == {"publisher": "Iran Press TV", "published": "2021-05-05"}
    assert article.text.startswith("Turkey and Egypt have kicked off")
    assert "\n\n" in article.text


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
