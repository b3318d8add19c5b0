"""Reading an article from a file: plain text, Markdown, HTML, Word or PDF.

Each format yields an :class:`ArticleText` with a title, the body text (paragraphs separated by
blank lines) and what is known of the source. Plain text and Markdown take their first line as
the title and parse a "Source: Publisher, date" line after it; HTML goes through trafilatura's
main-text extraction (menus and adverts dropped); Word and PDF use python-docx and pypdf, each
imported only when such a file is read. Anything unreadable or empty raises
:class:`ArticleUnreadable` with a message that names the file and says what is wrong.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from quizapp.domain.text import RefusedText, clean_text, printable
from quizapp.errors import QuizappError
from quizapp.generator.request import ArticleText
from quizapp.generator.word_lists import MONTHS

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
_SOURCE_LINE = re.compile(r"^\s*source\s*:\s*(?P<rest>.+)$", re.IGNORECASE)
_MONTH = "|".join(MONTHS) + "|" + "|".join(m[:3] for m in MONTHS)
_DATE_FORMS = (
    (re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\.?\s+(\d{{4}})\b", re.IGNORECASE), "dmy"),
    (re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE), "mdy"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
)
_WEEKDAY = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b,?", re.IGNORECASE
)


# Drafting time and memory grow with the article (99,000 characters took 25 s); spaCy refuses
# 1,000,000 outright. A news article is a few thousand.
MAX_ARTICLE_CHARS = 100_000
# Checked before parsing: a small file can expand to gigabytes (a .docx of 235 KB held 69 MB of
# XML; a PDF of 120 KB listed one page 20,000 times).
MAX_DOCX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 300
MAX_PDF_OBJECTS = 100_000


class ArticleUnreadable(QuizappError):
    """An article file that cannot be read, or holds no text."""


def too_long_message(name: str, length: int) -> str:
    return (
        f"{name} has {length:,} characters; a draft takes at most {MAX_ARTICLE_CHARS:,}. "
        "Use a shorter article, or split it in parts."
    )


def parse_source_line(rest: str) -> dict[str, str]:
    """Publisher and ISO date from "Iran Press TV, Wednesday, 05 May 2021 (republished...)"."""
    source: dict[str, str] = {}
    for pattern, order in _DATE_FORMS:
        match = pattern.search(rest)
        if not match:
            continue
        published = _date_from(match.groups(), order)
        if published:
            source["published"] = published
            rest = rest[: match.start()]
        break
    rest = re.sub(r"\(.*?\)", "", _WEEKDAY.sub("", rest))
    publisher = rest.strip(" ,;-–—")
    if publisher:
        source["publisher"] = publisher
    return source


def _date_from(groups: tuple[str | None, ...], order: str) -> str:
    parts = [g or "" for g in groups]
    try:
        if order == "iso":
            return datetime(int(parts[0]), int(parts[1]), int(parts[2])).date().isoformat()
        day, month, year = (
            (parts[0], parts[1], parts[2]) if order == "dmy" else (parts[1], parts[0], parts[2])
        )
        index = next(i for i, m in enumerate(MONTHS) if m.lower().startswith(month[:3].lower()))
        return datetime(int(year), index + 1, int(day)).date().isoformat()
    except (ValueError, StopIteration):
        return ""


def article_from_text(raw: str, *, name: str = "", markdown: bool = False) -> ArticleText:
    """Title from the first line, optional "Source:" line, then the body."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise ArticleUnreadable(f"{name or 'The article'} is empty.")
    title = lines.pop(0).strip()
    if markdown:
        title = title.lstrip("#").strip()
    source: dict[str, str] = {}
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and (match := _SOURCE_LINE.match(lines[0])):
        source = parse_source_line(match["rest"])
        lines.pop(0)
    body = "\n".join(lines)
    if markdown:
        body = _plain_markdown(body)
    body = _tidy(body)
    if not body:
        raise ArticleUnreadable(
            f"{name or 'The article'} has a title but no text: put the article below it."
        )
    return ArticleText(title=title, text=body, source=source, name=name)


def _plain_markdown(text: str) -> str:
    """Markdown without its markup: headings, emphasis, links and images become plain text."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<!\w)[*_](.+?)[*_](?!\w)", r"\1", text)
    text = re.sub(r"^\s*>\s?", "", text, flags=re.MULTILINE)
    return text


# Text wrapped by hand keeps its lines under about 80 characters; a line longer than this is a
# whole paragraph that a web page or an e-mail ended with a single line break.
WRAPPED_LINE_MAX = 100


def _tidy(text: str) -> str:
    """Paragraphs separated by one blank line. Inside a block, lines wrapped by hand are joined
    by spaces; where the block holds a line too long to be wrapped, each line is a paragraph
    (text copied from a web page often breaks paragraphs with a single newline)."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        if any(len(line.strip()) > WRAPPED_LINE_MAX for line in lines):
            paragraphs += [" ".join(line.split()) for line in lines]
        else:
            paragraphs.append(" ".join(block.split()))
    return "\n\n".join(p for p in paragraphs if p)


def article_from_html(html: str, *, name: str = "") -> ArticleText:
    """Main text and metadata of a web page (trafilatura)."""
    import trafilatura

    body = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    metadata = trafilatura.extract_metadata(html)
    title = (metadata.title if metadata and metadata.title else "") or ""
    source = {}
    if metadata is not None:
        source = {
            "publisher": metadata.sitename or "",
            "published": (metadata.date or "")[:10],
            "url": metadata.url or "",
            "author": metadata.author or "",
        }
    body = _tidy(body.replace("\n", "\n\n"))
    if not body:
        raise ArticleUnreadable(f"{name or 'The page'} has no article text that could be found.")
    return ArticleText(title=title or _first_words(body), text=body, source=source, name=name)


def article_from_docx(data: bytes, *, name: str = "") -> ArticleText:
    """Paragraphs of a Word document; its title property or first paragraph is the title."""
    import docx

    _check_docx_size(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several unrelated types for bad files
        raise ArticleUnreadable(f"{name or 'The file'} is not a readable Word document.") from error
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    title = (document.core_properties.title or "").strip()
    if not title and paragraphs:
        title = paragraphs.pop(0)
    return _from_paragraphs(title, paragraphs, name, document.core_properties.author or "")


def _check_docx_size(data: bytes, name: str) -> None:
    """Refuse a Word file whose parts unpack to more than :data:`MAX_DOCX_UNPACKED_BYTES`."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ArticleUnreadable(f"{name or 'The file'} is not a readable Word document.") from error
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise ArticleUnreadable(
            f"{name or 'The file'} unpacks to {unpacked // (1024 * 1024)} MB; the most accepted "
            f"is {MAX_DOCX_UNPACKED_BYTES // (1024 * 1024)} MB. Save the article alone, or paste "
            "its text."
        )


def article_from_pdf(data: bytes, *, name: str = "") -> ArticleText:
    """Text of a PDF's pages; its title metadata or first line is the title. The page and
    object counts are checked before any page is read."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    label = name or "The file"
    try:
        reader = PdfReader(io.BytesIO(data))
        objects = int(reader.trailer.get("/Size", 0))
        if objects > MAX_PDF_OBJECTS:
            raise ArticleUnreadable(
                f"{label} holds {objects:,} objects; the most accepted is {MAX_PDF_OBJECTS:,}. "
                "Paste the article's text instead."
            )
        count = len(reader.pages)
        if count > MAX_PDF_PAGES:
            raise ArticleUnreadable(
                f"{label} has {count:,} pages; the most accepted is {MAX_PDF_PAGES}. "
                "Upload the article's pages only."
            )
        pages = [page.extract_text() or "" for page in reader.pages]
        title = str(reader.metadata.title or "").strip() if reader.metadata else ""
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        raise ArticleUnreadable(f"{label} is not a readable PDF.") from error
    text = "\n\n".join(pages).strip()
    if not title and text:
        # a PDF has lines, not paragraphs: its first line is taken as the title
        title, _, text = text.partition("\n")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    return _from_paragraphs(title, [p for p in paragraphs if p], name, "")


def _from_paragraphs(title: str, paragraphs: list[str], name: str, author: str) -> ArticleText:
    source: dict[str, str] = {"author": author} if author else {}
    if paragraphs and (match := _SOURCE_LINE.match(paragraphs[0])):
        source.update(parse_source_line(match["rest"]))
        paragraphs = paragraphs[1:]
    body = "\n\n".join(paragraphs)
    if not body.strip():
        raise ArticleUnreadable(f"{name or 'The file'} holds no text.")
    return ArticleText(title=title or _first_words(body), text=body, source=source, name=name)


def _first_words(text: str) -> str:
    return " ".join(text.split()[:8]).rstrip(".,;:")


def article_from_bytes(data: bytes, filename: str) -> ArticleText:
    """An article from a file's content, the format chosen by the file name's suffix."""
    suffix = Path(filename).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        allowed = ", ".join(SUPPORTED_SUFFIXES)
        raise ArticleUnreadable(f"{filename}: unsupported file type {suffix!r}; use {allowed}.")
    if not data.strip():
        raise ArticleUnreadable(f"{filename} is empty.")
    if suffix in (".docx", ".pdf"):
        read = article_from_docx if suffix == ".docx" else article_from_pdf
        article = read(data, name=filename)
        # Extracted text is whatever the file held; keep only what a page can show.
        return replace(article, title=printable(article.title), text=printable(article.text))
    try:
        text = clean_text(data.decode("utf-8-sig"), where=filename)
    except UnicodeDecodeError as error:
        raise ArticleUnreadable(f"{filename} is not UTF-8 text.") from error
    except RefusedText as error:
        raise ArticleUnreadable(str(error)) from None
    if suffix in (".html", ".htm"):
        return article_from_html(text, name=filename)
    return article_from_text(text, name=filename, markdown=suffix == ".md")


def read_article(path: Path) -> ArticleText:
    """An article from a file on disk (see :func:`article_from_bytes`)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ArticleUnreadable(f"{path}: cannot be read ({reason}).") from error
    return article_from_bytes(data, str(path))
