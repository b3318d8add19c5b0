"""The domain ``Bank`` of a stored version, parsed once per content hash per process.

A version's text never changes, so a parsed bank (and whatever callers derive from it, such as a
quiz page's layout) is kept by content hash and never goes stale; ``load_version_bank`` and
``derive_from_version`` are the ways in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from quizapp.banks import load_bank_text
from quizapp.db.models import BankVersion
from quizapp.domain.quiz import Bank as DomainBank
from quizapp.services.recently_used import RecentlyUsed

T = TypeVar("T")


class _BankCache:
    """Domain banks by content hash; a version's text never changes, so entries never go stale.

    Each entry also keeps what callers derive from the bank (``derived``), so work such as
    laying out a quiz page is done once per content hash rather than once per request.
    """

    def __init__(self, size: int) -> None:
        self.banks: RecentlyUsed[str, _CachedBank] = RecentlyUsed(size)

    def entry(self, version: BankVersion) -> _CachedBank:
        # Only the hash is read on a hit: the YAML text may stay unloaded (it is deferred by the
        # services that read versions on hot paths).
        return self.banks.get_or_build(
            version.content_hash,
            lambda: _CachedBank(
                load_bank_text(version.yaml_text, source_name=f"<bank version {version.id}>")
            ),
        )

    def cached(self, version: BankVersion) -> _CachedBank | None:
        """The entry of ``version`` if this process has built it already, else None."""
        return self.banks.get(version.content_hash)


class _CachedBank:
    """One cached domain bank and the values derived from it, by the function that derives them."""

    def __init__(self, bank: DomainBank) -> None:
        self.bank = bank
        self.derived: dict[Callable[[DomainBank], object], object] = {}

    def derive(self, build: Callable[[DomainBank], T]) -> T:
        if build not in self.derived:
            # A race builds the value twice; both results are equal, either may be kept.
            self.derived.setdefault(build, build(self.bank))
        return cast(T, self.derived[build])


_CACHE = _BankCache(size=128)


def load_version_bank(version: BankVersion) -> DomainBank:
    """The domain bank of a stored version, built once per content hash in this process."""
    return _CACHE.entry(version).bank


def derive_from_version(version: BankVersion, build: Callable[[DomainBank], T]) -> T:
    """``build(bank)`` for the version's domain bank, computed once per content hash and ``build``.

    ``build`` must be a module-level function of the bank alone (it is the cache key), and its
    result must be treated as read-only: every request of the process shares it.
    """
    return _CACHE.entry(version).derive(build)


def derive_from_cached_version(version: BankVersion, build: Callable[[DomainBank], T]) -> T | None:
    """:func:`derive_from_version`, but None instead of parsing a version this process has not
    met: for callers holding a lock, who parse (with the lock released) only on a None."""
    cached = _CACHE.cached(version)
    return None if cached is None else cached.derive(build)


def clear_bank_cache() -> None:
    """Forget every parsed bank of this process, as a fresh worker starts (for tests)."""
    _CACHE.banks.clear()


def bank_cache_counts() -> tuple[int, int]:
    """How many version loads this process served from the cache, and how many it had to parse."""
    return _CACHE.banks.hits, _CACHE.banks.misses
