"""A bounded, thread-safe map that forgets its least recently used entry first, for what a
process works out once and keeps: parsed bank versions, a quiz page's rendered article.

Its keys must name values that never change (a bank version's content hash does), so nothing
kept can go stale; the bound only keeps memory in check. It counts hits and misses, so tests
and benchmarks can tell that a value was reused rather than built again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class RecentlyUsed(Generic[K, V]):
    """At most ``size`` values by key; a value is built on a miss and kept."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: K) -> V | None:
        """The value kept under ``key`` (a hit), or None without building anything."""
        with self._lock:
            found = self._values.get(key)
            if found is not None:
                self._values.move_to_end(key)
                self.hits += 1
            return found

    def get_or_build(self, key: K, build: Callable[[], V]) -> V:
        """The value kept under ``key``, else ``build()``, kept from then on (a miss)."""
        found = self.get(key)
        if found is not None:
            return found
        with self._lock:
            self.misses += 1
        # Built outside the lock, so a slow build holds up nobody else; two threads may build
        # one key once each, and the first value kept wins (they are equal).
        built = build()
        with self._lock:
            kept = self._values.setdefault(key, built)
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return kept

    def clear(self) -> None:
        """Forget every value and the counts, as a fresh process starts."""
        with self._lock:
            self._values.clear()
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._values)
