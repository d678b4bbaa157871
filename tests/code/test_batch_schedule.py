"""How batch scoring shares chunks between this process and the pool: every chunk once, the pool only when needed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from imrpredict.scoring.batch import _shared_run


class _SlowFuture:
    """A pool task that is still running until someone waits for it."""

    def __init__(self, fn: Callable[[Any], int], arg: Any) -> None:
        self.fn, self.arg = fn, arg

    def done(self) -> bool:
        return False

    def result(self) -> int:
        return self.fn(self.arg)


class _SlowPool:
    def __init__(self) -> None:
        self.got: list[int] = []

    def submit(self, fn: Callable[[Any], int], arg: int) -> _SlowFuture:
        self.got.append(arg)
        return _SlowFuture(fn, arg)


@pytest.mark.parametrize("n", [0, 1, 2, 3, 7, 20])
def test_every_chunk_once_and_the_pool_only_when_needed(n: int) -> None:
    pool = _SlowPool()
    here: list[int] = []

    def score(arg: int) -> int:
        here.append(arg)
        return arg

    results = list(_shared_run(pool, iter(range(n)), score, window=2))  # type: ignore[arg-type]
    assert sorted(results) == list(range(n))
    assert len(here) == n  # every chunk scored exactly once (pool tasks run when waited for)
    if n <= 1:
        assert pool.got == []  # a one-chunk input never starts the pool
    else:
        assert 1 <= len(pool.got) <= n - 1  # this process always scores some chunks itself
    if n >= 7:
        # the pool stays at most 2 deep while busy, so this process took the rest in order
        assert pool.got == [1, 2]
