"""Does generated text reuse a real writer's wording? Runs of 8 words shared with one real summary.

A run counts after three normalisations, so that what is a field of the letter is not mistaken for prose:
numbers (and number words) become "#" (dates, doses, scores), and the requested items' names are masked (the
service requested is a field of the request, written the same way by everyone). Boilerplate is any run found in
two or more real letters: the DWC form's own sentences and the stock phrasing reviewers share ("who sustained an
industrial injury on #"). A run found in the summary of one real letter only is that writer's wording, and
generated text must not contain it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from imrpredict.features.items import NUMBER_WORDS

RUN_WORDS = 8
_WORD = re.compile(r"[a-z]+|\d+")
_NUMBER_WORDS = frozenset(NUMBER_WORDS)


def mask_items(text: str, items: Iterable[str | None]) -> str:
    """``text`` with whitespace collapsed and every item name (with or without "Retrospective:") replaced by a token."""
    names = {" ".join(x.split()) for i in items if i for x in (i, i.removeprefix("Retrospective: "), i.removeprefix("Retrospective "))}
    out = " ".join(text.split())
    for name in sorted((n for n in names if n), key=len, reverse=True):
        out = re.sub(re.escape(name), " itemname ", out, flags=re.I)
    return out


def word_runs(text: str, n: int = RUN_WORDS) -> set[str]:
    words = ["#" if w.isdigit() or w in _NUMBER_WORDS else w for w in _WORD.findall(text.lower())]
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def one_writer_runs(letters: dict[str, tuple[str, str, list[str]]], n: int = RUN_WORDS) -> set[str]:
    """Runs of a real summary found in no other real letter. ``letters``: case -> (full text, summary, item headings)."""
    seen_in: dict[str, set[str]] = defaultdict(set)
    for case, (full, _, items) in letters.items():
        for run in word_runs(mask_items(full, items), n):
            seen_in[run].add(case)
    own = set()
    for _, summary, items in letters.values():
        own |= {r for r in word_runs(mask_items(summary, items), n) if len(seen_in[r]) < 2}
    return own


def read_real_letters(pdf_dir: Path) -> dict[str, tuple[str, str, list[str]]]:
    """case -> (full text, clinical case summary, item headings) for every readable PDF letter under ``pdf_dir``."""
    from imrpredict.dataset import read_letter_file
    from imrpredict.letters.read import read_letter_text
    from imrpredict.letters.text import normalize

    out = {}
    for path in sorted(Path(pdf_dir).rglob("*.pdf")):
        records = read_letter_file(path)
        items = [x for r in records for x in (r.item, r.item_heading, r.original_request, r.authorized_portion) if x]
        out[records[0].case_number or path.stem] = (normalize(read_letter_text(path)), records[0].summary, items)
    return out


def shared_runs(generated: Iterable[tuple[str, list[str]]], own: set[str], n: int = RUN_WORDS) -> dict[str, int]:
    """Each one-writer run found in the generated letters ((text, item names) pairs), with how many contain it."""
    hits: dict[str, int] = defaultdict(int)
    for text, items in generated:
        for run in word_runs(mask_items(text, items), n) & own:
            hits[run] += 1
    return dict(hits)
