"""Pre-decision context the letters carry beyond the summary: does it rank outcomes on the tuning letters?

Each signal is scored alone (ROC-AUC of the signal as a score, with a 95% interval from 1,000 resamples of
letters) on the real tuning letters only; the reporting letters are not read. Signals: how many items the
letter disputes, whether a surgery is disputed in the same letter, the guideline the UR decision cited
(none cited / MTUS / ODG or other), days from the UR denial to the IMR application, expedited priority,
partial authorization.

    python training/context_signals.py [--part tuning]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from imrpredict.evaluation.bootstrap import letter_bootstrap
from imrpredict.features.items import item_facts
from imrpredict.gold.annotations import SHARED_LETTERS, real_items
from imrpredict.gold.split import read_split


def guideline_kind(text: str | None) -> str:
    """What the UR decision leaned on, from the claims-administrator guideline line."""
    t = (text or "").lower()
    if "did not cite" in t or not t.strip():
        return "none_cited"
    if "mtus" in t or "chronic pain medical treatment" in t or "acoem" in t:
        return "mtus"
    return "other"  # ODG and other guidelines


def context_signals(items: pd.DataFrame) -> pd.DataFrame:
    """One column per signal, one row per item (pre-decision columns only)."""
    per_letter = items.groupby("letter_id")["item"]
    cats = items["item"].map(lambda t: item_facts(t).category)
    surgery_in_letter = cats.eq("surgery").groupby(items["letter_id"]).transform("any")
    # a surgery's associated services are one service with it: what counts is how many distinct services are disputed
    primary = (~cats.eq("associated_service")).groupby(items["letter_id"]).transform("sum")
    kind = items["claims_admin_guideline"].map(guideline_kind)
    days = (pd.to_datetime(items["application_received"]) - pd.to_datetime(items["ur_denial_date"])).dt.days
    return pd.DataFrame(
        {
            "items_in_letter": per_letter.transform("count").astype(float),
            "single_item_letter": (per_letter.transform("count") == 1).astype(float),
            "surgery_in_letter": surgery_in_letter.astype(float),
            "primary_items_in_letter": primary.astype(float),
            "several_services_disputed": (primary >= 2).astype(float),
            "ur_cited_no_guideline": (kind == "none_cited").astype(float),
            "ur_cited_mtus": (kind == "mtus").astype(float),
            "ur_cited_other_guideline": (kind == "other").astype(float),
            "days_ur_denial_to_application": days.astype(float),
            "expedited": items["priority"].astype(str).str.lower().str.startswith("exp").astype(float),
            "partial": items["partial"].astype(float),
        }
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", default="tuning", choices=["tuning", "reporting", "all"])
    ap.add_argument("--letters", type=Path, default=SHARED_LETTERS)
    args = ap.parse_args()
    items = real_items(args.letters)
    split = read_split()
    if args.part != "all":
        items = items[items["case_number"].map(split) == args.part].reset_index(drop=True)
    y = (items["decision"] == "Overturned").to_numpy(int)
    groups = items["letter_id"].to_numpy()
    signals = context_signals(items)
    print(f"{args.part} letters: {items['letter_id'].nunique()}, items {len(items)}, overturned {y.sum()} (rate {y.mean():.3f})\n")
    print("| signal | items with it / mean | overturn rate where set (binary) | ROC-AUC alone (95% CI, letter bootstrap) |")
    print("|---|---|---|---|")
    for name in signals.columns:
        x = signals[name].to_numpy(float)
        ok = ~np.isnan(x)
        ci = letter_bootstrap(y[ok], x[ok], groups[ok], reps=1000, seed=0)["roc_auc"]
        binary = set(np.unique(x[ok])) <= {0.0, 1.0}
        share = f"{int(x[ok].sum())}" if binary else f"{np.nanmean(x):.1f}"
        rate = f"{y[ok][x[ok] == 1].mean():.3f}" if binary and x[ok].sum() else ""
        print(f"| {name} | {share} | {rate} | {ci['value']:.3f} ({ci['ci_low']:.3f}-{ci['ci_high']:.3f}) |")
    own = ~items["item"].map(lambda t: item_facts(t).category).eq("associated_service").to_numpy()
    multi = signals["several_services_disputed"].to_numpy(bool)
    print("\nOverturn rate of the items that are not a surgery's associated services, by whether the letter disputes one service or several,")
    print("with the log odds ratio (single vs several) and its 95% letter-bootstrap interval:")
    print(rate_contrast(y[own], multi[own], groups[own]))


def rate_contrast(y: np.ndarray, flag: np.ndarray, groups: np.ndarray, reps: int = 2000, seed: int = 0) -> str:
    """Rates where ``flag`` is off / on and the log odds ratio off vs on, resampling letters."""

    def log_or(yy: np.ndarray, ff: np.ndarray) -> float:
        a, b = yy[~ff].mean(), yy[ff].mean()
        a, b = np.clip([a, b], 1e-3, 1 - 1e-3)
        return float(np.log(a / (1 - a)) - np.log(b / (1 - b)))

    codes = np.unique(groups, return_inverse=True)[1]
    members = [np.flatnonzero(codes == g) for g in range(codes.max() + 1)]
    rng = np.random.default_rng(seed)
    draws = []
    for _ in range(reps):
        idx = np.concatenate([members[i] for i in rng.integers(0, len(members), len(members))])
        if flag[idx].all() or (~flag[idx]).all():
            continue
        draws.append(log_or(y[idx], flag[idx]))
    lo, hi = np.percentile(draws, [2.5, 97.5])
    return (
        f"off: {y[~flag].mean():.3f} ({y[~flag].sum()}/{(~flag).sum()}), on: {y[flag].mean():.3f} ({y[flag].sum()}/{flag.sum()}); "
        f"log odds ratio off vs on {log_or(y, flag):.2f} (95% CI {lo:.2f} to {hi:.2f})"
    )


if __name__ == "__main__":
    main()
