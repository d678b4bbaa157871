"""A literal-prefix guard for big alternation regexes, so the regex engine skips positions cheaply.

Python's ``re`` tries every alternative of a pattern at every position it may start at. For a pattern
whose matches always begin with one of a few short literal prefixes ("not", "fun", "uri", a digit...),
prefixing it with a lookahead over a trie of those prefixes lets most positions fail after one or two
character comparisons. The lookahead is a necessary condition of every match, so the matches (and their
order and overlaps under ``finditer``) are exactly those of the unguarded pattern.

The prefixes are read from the parsed pattern (``re._parser``, CPython's own parser). Whatever the
reader does not understand ends a prefix early, which keeps the guard sound but less selective; if no
guard can be derived at all, the pattern is returned unchanged.
"""

from __future__ import annotations

import re
from typing import Any

try:  # CPython 3.11+
    import re._constants as _C
    import re._parser as _P
except ImportError:  # pragma: no cover - other interpreters: no guard, same matches
    _C = _P = None  # type: ignore[assignment]

_DIGITS = "0123456789"
_MAX_CLASS = 30  # character classes wider than this end the prefix


def _class_chars(items: list[tuple[Any, Any]]) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is _C.LITERAL:
            out.add(chr(av))
        elif op is _C.RANGE and av[1] - av[0] <= _MAX_CLASS:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is _C.CATEGORY and av is _C.CATEGORY_DIGIT:
            out.update(_DIGITS)
        else:
            return None
    return out


def _prefixes(seq: Any, k: int) -> tuple[set[str], set[str]]:
    """(open, closed) prefixes of every match of ``seq``: open ones may be extended by what follows."""
    open_, closed = {""}, set()
    for op, av in seq:
        if not open_:
            break
        if op is _C.AT:  # \b, ^, $: consume nothing
            continue
        if op is _C.LITERAL:
            o, c = {chr(av)}, set()
        elif op is _C.IN:
            chars = _class_chars(av)
            o, c = (chars, set()) if chars else (set(), {""})
        elif op is _C.SUBPATTERN:
            o, c = _prefixes(av[-1], k)
        elif op is _C.BRANCH:
            o, c = set(), set()
            for alternative in av[1]:
                ao, ac = _prefixes(alternative, k)
                o |= ao
                c |= ac
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
            low, _high, body = av
            bo, bc = _prefixes(body, k)
            o = {""} if low == 0 else set()  # skipped: what follows continues the prefix
            c = bo | bc  # taken: the prefix stops after one repetition (sound, simpler)
        else:  # anything else (., \w, lookarounds...) ends the prefix here
            o, c = set(), {""}
        closed |= {(r + x)[:k] for r in open_ for x in c}
        grown = {r + x for r in open_ for x in o}
        closed |= {g[:k] for g in grown if len(g) >= k}
        open_ = {g for g in grown if len(g) < k}
    return open_, closed


def literal_prefixes(pattern: str, k: int = 4) -> set[str] | None:
    """Literal strings (each at most ``k`` characters) one of which starts every match; None if unknown."""
    if _P is None:
        return None
    try:
        o, c = _prefixes(_P.parse(pattern), k)
    except Exception:  # private parser API: without a guard the pattern is still correct
        return None
    prefixes = o | c
    return None if "" in prefixes else prefixes


def trie_pattern(words: set[str]) -> str:
    """A regex matching any of ``words`` as a prefix, factored as a trie (one comparison per branch)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        if "" in node:  # a shorter prefix already suffices
            return ""
        alternatives = [re.escape(ch) + emit(child) for ch, child in sorted(node.items())]
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return emit(trie)


def guarded(pattern: str, k: int = 4, lead: str = "") -> str:
    """``pattern`` behind lookaheads over its first characters and its literal prefixes (same matches, fewer attempts).

    ``lead`` is a cheap zero-width test every match already passes (``\\b`` for word-start patterns), put first
    because it rejects most positions fastest.
    """
    prefixes = literal_prefixes(pattern, k)
    if not prefixes:
        return pattern
    first = "".join(sorted({p[0] for p in prefixes}))
    return f"{lead}(?=[{re.escape(first)}])(?={trie_pattern(prefixes)})(?:{pattern})"
