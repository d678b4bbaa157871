"""Can a classifier tell real summaries from synthetic ones? A two-sample test by TF-IDF + logistic regression.

Real: the 130 summaries in ../shared. Synthetic: as many summaries drawn at random from the default corpus,
five draws. Each summary is one letter, so 5-fold stratified CV is grouped by letter. A ROC-AUC of 0.5 means
the generator's summaries cannot be told apart; the issue aims at <= 0.85.

    python training/two_sample.py [--synthetic items.parquet]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline

from imrpredict.default_data import default_items_table
from imrpredict.gold.annotations import SHARED_LETTERS, real_summaries
from imrpredict.tables import read_table


def two_sample_auc(real: list[str], synthetic: list[str], seed: int = 0) -> float:
    texts = real + synthetic
    y = np.r_[np.ones(len(real)), np.zeros(len(synthetic))]
    pipe = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True), LogisticRegression(C=1.0, max_iter=2000))
    p = cross_val_predict(pipe, texts, y, cv=StratifiedKFold(5, shuffle=True, random_state=seed), method="predict_proba")[:, 1]
    return float(roc_auc_score(y, p))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--synthetic", type=Path, default=None)
    args = ap.parse_args()
    real = list(real_summaries(SHARED_LETTERS).values())
    pool = read_table(args.synthetic or default_items_table()).drop_duplicates("letter_id")["summary"].tolist()
    rng = np.random.default_rng(0)
    aucs = [two_sample_auc(real, [pool[i] for i in rng.choice(len(pool), len(real), replace=False)], seed) for seed in range(5)]
    lengths = np.array([len(t) for t in pool])
    real_len = np.array([len(t) for t in real])
    print(f"two-sample ROC-AUC (real vs synthetic summaries, 5 draws of {len(real)}): {np.mean(aucs):.3f} (range {min(aucs):.3f}-{max(aucs):.3f})")
    print(
        f"summary length: real median {np.median(real_len):.0f} (IQR {np.percentile(real_len, 25):.0f}-{np.percentile(real_len, 75):.0f}); "
        f"synthetic median {np.median(lengths):.0f} (IQR {np.percentile(lengths, 25):.0f}-{np.percentile(lengths, 75):.0f})"
    )


if __name__ == "__main__":
    main()
