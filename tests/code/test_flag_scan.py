"""The dispatched trigger scan finds exactly the matches of the one-regex alternation of all triggers."""

from __future__ import annotations

import random
import re

import pytest

from imrpredict.features import flags
from imrpredict.synth.corpus import synth_letter
from imrpredict.synth.facts import sample_case, sample_items
from imrpredict.synth.render import summary_sentences

# What find_flags ran before the dispatch: every trigger as a named alternative of one pattern (and its guarded form).
PLAIN = re.compile(flags._TRIGGER_PATTERN)


def _reference(lower: str) -> list[tuple[str, int, int]]:
    got = [(m.lastgroup or "", m.start(), m.end()) for m in flags._PATTERN.finditer(lower)]
    assert got == [(m.lastgroup or "", m.start(), m.end()) for m in PLAIN.finditer(lower)]
    return got


def _summaries(n: int) -> list[str]:
    out = []
    for i in range(n):
        rng = random.Random(f"flag-scan:{i}")
        facts = sample_case(rng)
        out.append(" ".join(summary_sentences(rng, facts, sample_items(rng, facts))))
    return out


def test_same_matches_as_the_single_alternation_on_synthetic_summaries() -> None:
    texts = [t.lower() for t in _summaries(500)] + [synth_letter(5, i, 0.0).text.lower() for i in range(100)]  # letters: more than summaries
    assert sum(len(_reference(t)) for t in texts) > 3000  # the texts do exercise the triggers
    for text in texts:
        assert flags._trigger_matches(text) == _reference(text)


def test_the_scan_is_guarded_and_dispatched() -> None:
    """If the private parser API changed, the guard and the dispatch would silently vanish; speed relies on them."""
    assert flags._CANDIDATE.pattern.startswith(r"\b(?=[")
    assert not flags._ANY_START
    assert len(flags._triggers_at("7/10")) < len(flags.TRIGGERS) // 4


@pytest.mark.parametrize(
    "text",
    [
        "",
        "7",
        "pain 7/10 without medications and 3/10 with them; 11/10/2016 visit.",
        "not working. no work restrictions. tender. ttd. s/p fusion. 6 sessions of physical therapy. 60% relief.",
        "he is off work and not working; his wife is working. rated 6-8 on a 10-point scale. no radicular signs",
        "urine drug screen was consistent. injections gave no lasting benefit. taking norco for 14 months",
    ],
)
def test_same_matches_on_edge_phrasings(text: str) -> None:
    """Ends of text (a key shorter than 4 characters), digits, overlapping triggers where the earlier one wins."""
    assert flags._trigger_matches(text) == _reference(text)


def test_dispatch_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(flags, "_TRIED_MAX", 8)
    text = _summaries(1)[0].lower()
    flags._TRIED.clear()
    assert flags._trigger_matches(text) == _reference(text)
    assert len(flags._TRIED) <= 8
    flags._TRIED.clear()
