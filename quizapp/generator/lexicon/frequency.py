"""How common an English word is, on wordfreq's Zipf scale (7 is "the", 1 is very rare)."""

from __future__ import annotations

import functools

from wordfreq import zipf_frequency


@functools.lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """The Zipf frequency of ``word`` in English (0.0 for a word wordfreq has never seen)."""
    return float(zipf_frequency(word, "en"))
