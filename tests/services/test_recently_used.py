"""The bounded map of what a process keeps: built once per key, least recently used out first."""

from __future__ import annotations

from quizapp.services.recently_used import RecentlyUsed


def test_a_kept_value_is_built_once_and_the_least_recently_used_goes_first() -> None:
    built: list[str] = []

    def build(key: str) -> str:
        built.append(key)
        return key.upper()

    kept: RecentlyUsed[str, str] = RecentlyUsed(size=2)
    for key in ("one", "two", "one", "three"):
        assert kept.get_or_build(key, lambda key=key: build(key)) == key.upper()
    assert built == ["one", "two", "three"]
    assert len(kept) == 2 and (kept.hits, kept.misses) == (1, 3)
    # "one" was used after "two", so "two" made room for "three".
    assert kept.get("one") == "ONE" and kept.get("two") is None
    kept.get_or_build("two", lambda: build("two"))
    assert built[-1] == "two" and kept.get("three") is None  # "three" was then the oldest


def test_looking_up_builds_nothing_and_clearing_forgets_values_and_counts() -> None:
    kept: RecentlyUsed[str, int] = RecentlyUsed(size=4)
    assert kept.get("missing") is None
    assert (kept.hits, kept.misses) == (0, 0)
    kept.get_or_build("answer", lambda: 42)
    kept.clear()
    assert len(kept) == 0 and (kept.hits, kept.misses) == (0, 0)
    assert kept.get("answer") is None
