"""The literal-prefix guard must never change what a pattern matches, only how fast it gets there."""

from __future__ import annotations

import re

import pytest

from imrpredict.features import flags
from imrpredict.features.prefix_guard import guarded, literal_prefixes, trie_pattern
from imrpredict.synth.corpus import synth_letter


def test_prefixes_of_simple_patterns() -> None:
    assert literal_prefixes(r"\b(?:not|no)\b", k=3) == {"not", "no"}
    assert literal_prefixes(r"(?:objective )?functional", k=4) == {"obje", "func"}
    assert literal_prefixes(r"\d{1,2}\s*/\s*10", k=3) == set("0123456789")
    # a class too wide, or \w, gives no literal prefix, so no guard at all
    assert literal_prefixes(r"\w+ing|taper", k=3) is None
    assert guarded(r"\w+ing|taper") == r"\w+ing|taper"


def test_prefix_stops_where_the_pattern_stops_being_literal() -> None:
    # "a" then any character: the prefix must not jump the \w and glue on the "b"
    assert literal_prefixes(r"(?:a\w)b", k=3) == {"a"}
    assert re.fullmatch(guarded(r"(?:a\w)b"), "axb")


def test_trie_pattern_matches_exactly_the_prefixes() -> None:
    rx = re.compile(trie_pattern({"not", "no", "fun", "1"}))
    assert all(rx.match(w) for w in ("no", "not", "nothing", "function", "10"))
    assert not any(rx.match(w) for w in ("n", "fu", "yes", "a1"))


def test_flag_pattern_is_guarded() -> None:
    # if the private parser API changed, the guard would silently vanish; speed relies on it
    assert flags._PATTERN.pattern.startswith(r"\b(?=[")
    assert flags._PATTERN.pattern != flags._TRIGGER_PATTERN


@pytest.mark.parametrize("seed", [1, 2])
def test_guarded_flag_patterns_find_the_same_matches(seed: int) -> None:
    texts = [synth_letter(seed, i, 0.0).text.lower() for i in range(300)]  # whole letters: summaries and more
    texts.append("pain 8/10 vs. 4/10; not working; 40% relief; no b12; udsx; s/p fusion; is working")
    pairs = [
        (flags._PATTERN, flags._TRIGGER_PATTERN),
        (flags._PRE_NEG, flags._PRE_NEG_PATTERN),
        (flags._CLAUSE_BREAK, flags._CLAUSE_BREAK_PATTERN),
    ]
    for fast, source in pairs:
        assert fast.pattern != source
        plain = re.compile(source)
        for text in texts:
            got = [(m.lastgroup, m.span()) for m in fast.finditer(text)]
            want = [(m.lastgroup, m.span()) for m in plain.finditer(text)]
            assert got == want
