"""Write a synthetic corpus: N letters (txt or pdf) plus truth.csv, deterministic in (seed, N).

Each letter is generated from its own random stream seeded by (seed, index), so output bytes do not
depend on the number of worker processes, and any letter can be regenerated alone.
"""

from __future__ import annotations

import csv
import multiprocessing as mp
import os
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from imrpredict.pdfout import text_to_pdf
from imrpredict.synth.facts import sample_case, sample_items
from imrpredict.synth.outcome import letter_logits, sigmoid, solve_offset
from imrpredict.synth.published import OVERALL_OVERTURN
from imrpredict.synth.render import LAYOUTS, render_letter

TRUTH_COLUMNS = (
    "case_number",
    "item_no",
    "item",
    "category",
    "true_probability",
    "decision",
    "partial",
    "retrospective",
    "rtw",
    "function_improved",
    "pain_before",
    "pain_after",
    "opioid_months",
    "drug_screen",
    "tapering",
    "sessions_done",
    "sessions_requested",
    "red_flags",
    "radicular",
    "failed_conservative",
    "surgical_lesion",
    "years_since_injury",
)
DEFAULT_OVERTURN_RATE = OVERALL_OVERTURN.value  # 0.088, CWCI 2016 and 2017


@lru_cache(maxsize=8)
def offset_for(rate: float) -> float:
    if not 0.005 <= rate <= 0.9:
        raise ValueError(f"overturn rate {rate} out of range 0.005-0.9")
    return solve_offset(rate)


@dataclass(frozen=True)
class SynthLetter:
    case_number: str
    text: str
    truth: list[dict[str, object]]


def letter_layout(seed: int, index: int, layout: str) -> str:
    """The layout of letter ``index``: ``layout`` itself, or for "mixed" one in four in the 2013 notice.

    The draw uses its own random stream, so a corpus's facts, decisions and wording do not depend on it.
    """
    if layout == "mixed":
        return "maximus-notice-2013" if random.Random(f"imrpredict:{seed}:{index}:layout").random() < 0.25 else "dwc-2016"
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be mixed or one of {', '.join(LAYOUTS)}, not {layout!r}")
    return layout


def synth_letter(seed: int, index: int, offset: float, layout: str = "dwc-2016") -> SynthLetter:
    """Letter ``index`` of the corpus with ``seed``: facts, items, decisions, text and truth rows."""
    rng = random.Random(f"imrpredict:{seed}:{index}")
    facts = sample_case(rng)
    items = sample_items(rng, facts)
    probs = [sigmoid(z + offset) for z in letter_logits(facts, items)]
    decisions = ["Overturned" if rng.random() < p else "Upheld" for p in probs]
    case_number = f"CM{facts.decision_date.year % 100:02d}-{index + 1:07d}"
    text = render_letter(rng, case_number, facts, items, decisions, letter_layout(seed, index, layout))
    truth = [
        {
            "case_number": case_number,
            "item_no": n,
            "item": it.text,
            "category": it.category,
            "true_probability": round(p, 6),
            "decision": d,
            "partial": it.original is not None,
            "retrospective": it.retrospective,
            "rtw": facts.rtw,
            "function_improved": facts.function_improved,
            "pain_before": facts.pain_before,
            "pain_after": facts.pain_after,
            "opioid_months": facts.opioid_months,
            "drug_screen": facts.drug_screen,
            "tapering": facts.tapering,
            "sessions_done": facts.sessions_done.get(it.therapy or ""),
            "sessions_requested": it.sessions,
            "red_flags": facts.red_flags,
            "radicular": facts.radicular,
            "failed_conservative": facts.failed_conservative,
            "surgical_lesion": facts.surgical_lesion,
            "years_since_injury": round(facts.years_since_injury, 2),
        }
        for n, (it, p, d) in enumerate(zip(items, probs, decisions, strict=True), 1)
    ]
    return SynthLetter(case_number, text, truth)


def _write_chunk(args: tuple[int, range, float, str, str, str]) -> list[dict[str, object]]:
    seed, indices, offset, folder, fmt, layout = args
    rows: list[dict[str, object]] = []
    for i in indices:
        letter = synth_letter(seed, i, offset, layout)
        path = os.path.join(folder, f"{letter.case_number}.{fmt}")
        data = text_to_pdf(letter.text) if fmt == "pdf" else letter.text.encode("utf-8")
        with open(path, "wb") as fh:
            fh.write(data)
        rows.extend(letter.truth)
    return rows


@dataclass
class CorpusSummary:
    letters: int
    items: int
    overturn_rate: float
    bayes_roc_auc: float
    folder: Path


def _chunks(seed: int, n: int, offset: float, folder: Path, fmt: str, size: int, layout: str) -> Iterator[tuple[int, range, float, str, str, str]]:
    for start in range(0, n, size):
        yield seed, range(start, min(n, start + size)), offset, str(folder), fmt, layout


def write_corpus(
    out: Path,
    letters: int,
    seed: int = 0,
    fmt: str = "txt",
    overturn_rate: float = DEFAULT_OVERTURN_RATE,
    workers: int | None = None,
    on_letters: Callable[[int], None] | None = None,
    layout: str = "dwc-2016",
) -> CorpusSummary:
    """Write ``letters`` letters under out/letters and their ground truth to out/truth.csv.

    ``layout``: dwc-2016 (the default corpus), maximus-notice-2013, or mixed (a quarter in the notice).
    """
    from sklearn.metrics import roc_auc_score

    if fmt not in ("txt", "pdf"):
        raise ValueError(f"format must be txt or pdf, not {fmt!r}")
    if letters < 1:
        raise ValueError("need at least one letter")
    letter_layout(seed, 0, layout)  # refuse an unknown layout before writing anything
    folder = out / "letters"
    folder.mkdir(parents=True, exist_ok=True)
    offset = offset_for(overturn_rate)
    workers = workers or os.cpu_count() or 1
    chunk = 50 if fmt == "pdf" else 250
    tasks = _chunks(seed, letters, offset, folder, fmt, chunk, layout)
    probs: list[float] = []
    labels: list[int] = []
    tmp = out / ".truth.csv.tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=TRUTH_COLUMNS)
        writer.writeheader()
        if workers > 1 and letters > chunk:
            pool = mp.get_context("forkserver").Pool(workers)
            results: Iterator[list[dict[str, object]]] = pool.imap(_write_chunk, tasks)
        else:
            pool = None
            results = map(_write_chunk, tasks)
        try:
            done = 0
            for rows in results:
                writer.writerows(rows)
                probs.extend(float(r["true_probability"]) for r in rows)  # type: ignore[arg-type]
                labels.extend(r["decision"] == "Overturned" for r in rows)
                n_letters = len({r["case_number"] for r in rows})
                done += n_letters
                if on_letters:
                    on_letters(n_letters)
        finally:
            if pool is not None:
                pool.close()
                pool.join()
    os.replace(tmp, out / "truth.csv")
    rate = sum(labels) / len(labels)
    auc = float(roc_auc_score(labels, probs)) if 0 < sum(labels) < len(labels) else float("nan")
    return CorpusSummary(letters=letters, items=len(labels), overturn_rate=rate, bayes_roc_auc=auc, folder=out)
