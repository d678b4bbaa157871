"""Generated letters never reuse a real writer's wording: no run of 8 words from one real summary (../shared).

Runs are compared with numbers as "#" and item names masked; runs found in two or more real letters are the
form's sentences and shared stock phrasing (boilerplate). See imrpredict/gold/register.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from imrpredict.gold.register import mask_items, one_writer_runs, read_real_letters, shared_runs, word_runs
from imrpredict.letters.parse import parse_letter
from imrpredict.synth.corpus import offset_for, synth_letter


@pytest.fixture(scope="module")
def own_runs(letters_dir: Path) -> set[str]:
    return one_writer_runs(read_real_letters(letters_dir / "pdf"))


def test_the_measure_sees_copied_wording_and_ignores_fields() -> None:
    assert word_runs("On 3/14/2016 he was seen", 5) == {"on # # # he", "# # # he was", "# # he was seen"}
    masked = mask_items("The request for Norco 10/325mg #120 was denied.", ["Norco 10/325mg #120"])
    assert masked == "The request for  itemname  was denied."
    letters = {
        "A": ("header Red orange yellow green blue indigo violet white black", "Red orange yellow green blue indigo violet white black", []),
        "B": ("header Alpha beta gamma delta epsilon zeta eta theta", "Alpha beta gamma delta epsilon zeta eta theta", []),
        "C": ("header Alpha beta gamma delta epsilon zeta eta theta", "other words", []),
    }
    own = one_writer_runs(letters)
    assert own == {"red orange yellow green blue indigo violet white", "orange yellow green blue indigo violet white black"}  # B's is in C too
    assert shared_runs([("x red orange yellow green blue indigo violet white y", [])], own) == {"red orange yellow green blue indigo violet white": 1}


def test_generated_letters_share_no_run_of_8_words_with_one_real_summary(own_runs: set[str]) -> None:
    assert len(own_runs) > 20_000  # the 130 summaries' own wording, the reference the check needs
    offset = offset_for(0.088)
    generated = []
    for i in range(2000):
        letter = synth_letter(2024, i, offset)
        parsed = parse_letter(letter.text, "synthetic")
        items = [x for it in parsed.items for x in (it.item, it.item_heading, it.original_request, it.authorized_portion)]
        generated.append((letter.text, items))
    assert shared_runs(generated, own_runs) == {}
