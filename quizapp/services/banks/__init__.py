"""Question banks in the database: importing files, saving edits as versions, listing, loading.

One module per job: ``versions`` (storing a bank's text as versions, finding them), ``cache``
(the parsed domain bank of a version, once per content hash), ``importing`` (bank files as
shared banks, all or nothing), ``access`` (which banks a teacher sees and lists, what an upload
does), ``detail`` (a bank as its page shows it) and ``span_questions`` (a question whose answer
is words of the article). This package exports what the rest of quizapp uses, so callers write
``from quizapp.services import banks as bank_service``.

A bank (``db.models.Bank``, keyed by the YAML ``id`` as its slug) keeps every version of its
text (``BankVersion``); a new version is stored only when the content hash changes, so
assignments and attempts can pin the exact text they were taken on. Banks imported from files
are shared (no owner); banks saved from the browser belong to the teacher who saved them. A
teacher sees their own banks and the shared ones, and edits only their own.
"""

from __future__ import annotations

from quizapp.services.banks.access import (
    BankListing,
    list_banks,
    owns_bank_slug,
    save_uploaded_bank,
    visible_bank,
    visible_version,
)
from quizapp.services.banks.cache import (
    bank_cache_counts,
    clear_bank_cache,
    derive_from_cached_version,
    derive_from_version,
    load_version_bank,
)
from quizapp.services.banks.detail import (
    BankDetail,
    QuestionOutline,
    bank_detail,
    editable_bank_detail,
)
from quizapp.services.banks.importing import ImportedBank, ImportReport, import_paths
from quizapp.services.banks.span_questions import (
    MAX_PROMPT_LENGTH,
    add_question_for_span,
    span_question,
)
from quizapp.services.banks.versions import (
    ImportStatus,
    find_version,
    get_version,
    latest_version,
    newest_version,
    save_bank_text,
)

__all__ = [
    "MAX_PROMPT_LENGTH",
    "BankDetail",
    "BankListing",
    "ImportReport",
    "ImportStatus",
    "ImportedBank",
    "QuestionOutline",
    "add_question_for_span",
    "bank_cache_counts",
    "bank_detail",
    "clear_bank_cache",
    "derive_from_cached_version",
    "derive_from_version",
    "editable_bank_detail",
    "find_version",
    "get_version",
    "import_paths",
    "latest_version",
    "list_banks",
    "load_version_bank",
    "newest_version",
    "owns_bank_slug",
    "save_bank_text",
    "save_uploaded_bank",
    "span_question",
    "visible_bank",
    "visible_version",
]
