"""How many labelled letters does the model need? A learning curve on the default synthetic corpus.

The real set has 130 letters (267 items). On synthetic data the signal is known (the Bayes-optimal
ROC-AUC of the true probabilities), so subsamples of the same size show what grouped CV can find with
that many letters when the signal is certainly there, and how many letters reaching 0.80 takes.

    python training/learning_curve.py [--sizes 130 500 2000 8000] [--draws 10] [--out curve.csv]

Each draw takes that many letters at random and runs the CV of `imrpredict evaluate --cv 5` (grouped by
letter; the model with the config the project uses for that size, training/small-data.yaml below 1,000
letters and training/default.yaml above, beside the two baselines on the same folds). Nothing here reads
the real letters.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

from imrpredict.default_data import default_items_table
from imrpredict.evaluation.evaluate import cross_validate
from imrpredict.modeling.config import DEFAULT_CONFIG, load_config

SMALL_DATA_LETTERS = 1000
BOOTSTRAP = 20  # the CV's letter-bootstrap CIs are not used here; the spread over draws is
CV_NAMES = {"model": "roc_auc", "category prior": "prior_roc_auc", "TF-IDF + logistic regression": "tfidf_lr_roc_auc"}


def grouped_cv_roc_auc(items: pd.DataFrame, config: dict, seed: int) -> dict[str, float]:
    """Out-of-fold ROC-AUC of the whole recipe and of the two baselines: `imrpredict evaluate --cv 5`'s own CV."""
    evaluation = cross_validate(items, config, folds=5, repeats=1, reps=BOOTSTRAP, seed=seed)
    scores = {col: evaluation.metrics[name]["roc_auc"]["value"] for name, col in CV_NAMES.items()}
    return {**scores, "no_signal_sd": evaluation.info["roc_auc_no_signal_sd"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[130, 500, 2000, 8000], help="letters per draw")
    parser.add_argument("--draws", type=int, default=10, help="random subsamples per size")
    parser.add_argument("--out", type=Path, default=None, help="write one row per draw as CSV")
    args = parser.parse_args()

    table = default_items_table()
    items = pd.read_parquet(table)
    truth = pd.read_csv(table.parent / "truth.csv", usecols=["case_number", "item_no", "true_probability"])
    items = items.merge(truth, on=["case_number", "item_no"], how="left", validate="one_to_one")
    letters = items["letter_id"].unique()
    small = load_config(DEFAULT_CONFIG.parent / "small-data.yaml")
    default = load_config()
    rows = []
    for size in args.sizes:
        config = small if size < SMALL_DATA_LETTERS else default
        for draw in range(args.draws):
            rng = np.random.default_rng(1000 * size + draw)
            chosen = set(rng.choice(letters, size=size, replace=False))
            sample = items[items["letter_id"].isin(chosen)].reset_index(drop=True)
            y = (sample["decision"] == "Overturned").to_numpy(dtype=int)
            started = time.perf_counter()
            rows.append(
                {
                    "letters": size,
                    "draw": draw,
                    "items": len(sample),
                    "overturned": int(y.sum()),
                    **grouped_cv_roc_auc(sample, config, seed=draw),
                    "bayes_roc_auc": float(roc_auc_score(y, sample["true_probability"])),
                    "seconds": time.perf_counter() - started,
                }
            )
        part = pd.DataFrame([r for r in rows if r["letters"] == size])
        spread = {name: f"{part[col].mean():.3f} +/- {part[col].std():.3f}" for name, col in CV_NAMES.items()}
        print(
            f"{size:>6} letters ({part['items'].mean():.0f} items, {part['overturned'].mean():.0f} overturned): "
            + "; ".join(f"{name} {text}" for name, text in spread.items())
            + f" (model min {part['roc_auc'].min():.3f}, max {part['roc_auc'].max():.3f}); Bayes ceiling {part['bayes_roc_auc'].mean():.3f}; "
            f"no-signal sd {part['no_signal_sd'].mean():.3f}; {part['seconds'].mean():.1f} s per draw",
            flush=True,
        )
    if args.out:
        pd.DataFrame(rows).to_csv(args.out, index=False)


if __name__ == "__main__":
    main()
