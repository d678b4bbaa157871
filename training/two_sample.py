"""Can a classifier tell real summaries from synthetic ones? A two-sample test by TF-IDF + logistic regression.

Real: the summaries in ../shared (all 130, or the tuning or reporting part of data/gold/split.csv). Synthetic:
as many summaries drawn at random from the default corpus, five draws. Each summary is one letter, so 5-fold
stratified CV is grouped by letter. A ROC-AUC of 0.5 means the generator's summaries cannot be told apart; the
issue aims at <= 0.85.

    python training/two_sample.py [--synthetic items.parquet] [--part tuning|reporting|all] [--top N] [--drop-curve]

``--top N`` fits the same pipeline once on all the real summaries of the part and the first synthetic draw and
prints the N n-grams with the largest weights towards each class: what still gives the synthetic text away.
``--drop-curve`` says how far the generator is from the aim: the ROC-AUC once the k n-grams whose document frequency
differs most between real and synthetic summaries are removed, for k up to 1,600.
Work on the generator is tuned against ``--part tuning``; the reporting letters are for the final figures.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline, make_pipeline

from imrpredict.default_data import default_items_table
from imrpredict.gold.annotations import SHARED_LETTERS, real_summaries
from imrpredict.gold.split import read_split
from imrpredict.tables import read_table

PARTS = ("all", "tuning", "reporting")
DRAWS = 5


def _pipeline() -> Pipeline:
    return make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True), LogisticRegression(C=1.0, max_iter=2000))


def two_sample_auc(real: list[str], synthetic: list[str], seed: int = 0) -> float:
    texts = real + synthetic
    y = np.r_[np.ones(len(real)), np.zeros(len(synthetic))]
    p = cross_val_predict(_pipeline(), texts, y, cv=StratifiedKFold(5, shuffle=True, random_state=seed), method="predict_proba")[:, 1]
    return float(roc_auc_score(y, p))


def top_ngrams(real: list[str], synthetic: list[str], n: int) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """The ``n`` n-grams weighing most towards real and towards synthetic, fitted on all the texts given."""
    pipe = _pipeline().fit(real + synthetic, np.r_[np.ones(len(real)), np.zeros(len(synthetic))])
    names = pipe[0].get_feature_names_out()
    coef = pipe[-1].coef_[0]
    order = np.argsort(coef)
    return [(names[i], float(coef[i])) for i in order[::-1][:n]], [(names[i], float(coef[i])) for i in order[:n]]


def drop_curve(
    real: list[str], synthetic: list[str], drops: tuple[int, ...] = (0, 100, 400, 800, 1200, 1600), seed: int = 0
) -> list[tuple[int, int, float]]:
    """How far the generator is from passing: the two-sample ROC-AUC after removing the ``k`` n-grams whose document
    frequency differs most between the real and the synthetic summaries, as if the generator wrote them at the real
    rate. (k, n-grams in the vocabulary, ROC-AUC) per k. The n-grams are chosen on all the texts, labels known, so
    this measures a distance and is no test: past a point the removal itself separates the classes (k = 3,200 of
    5,536 on the tuning letters gives 0.38, below chance)."""
    texts = real + synthetic
    y = np.r_[np.ones(len(real)), np.zeros(len(synthetic))]
    vectorizer = _pipeline()[0]
    X = vectorizer.fit_transform(texts).tocsc()
    present = (X > 0).astype(float)
    gap = np.abs(np.asarray(present[: len(real)].mean(0)).ravel() - np.asarray(present[len(real) :].mean(0)).ravel())
    order = np.argsort(-gap, kind="stable")
    out = []
    for k in drops:
        keep = np.ones(X.shape[1], dtype=bool)
        keep[order[:k]] = False
        cv = StratifiedKFold(5, shuffle=True, random_state=seed)
        p = cross_val_predict(LogisticRegression(C=1.0, max_iter=2000), X[:, keep], y, cv=cv, method="predict_proba")[:, 1]
        out.append((k, X.shape[1], float(roc_auc_score(y, p))))
    return out


def real_part(part: str) -> list[str]:
    """The real summaries of one part of the split ("all" for every letter), in case-number order."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}, not {part!r}")
    summaries = real_summaries(SHARED_LETTERS)
    split = read_split() if part != "all" else {}
    return [summaries[c] for c in sorted(summaries) if part == "all" or split.get(c) == part]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--synthetic", type=Path, default=None)
    ap.add_argument("--part", choices=PARTS, default="all", help="which real letters: all, or the tuning or reporting part of the split")
    ap.add_argument("--top", type=int, default=0, metavar="N", help="print the N n-grams weighing most towards each class")
    ap.add_argument("--drop-curve", action="store_true", help="the ROC-AUC after removing the n-grams whose rates differ most")
    args = ap.parse_args()
    real = real_part(args.part)
    pool = read_table(args.synthetic or default_items_table()).drop_duplicates("letter_id")["summary"].tolist()
    rng = np.random.default_rng(0)
    draws = [[pool[i] for i in rng.choice(len(pool), len(real), replace=False)] for _ in range(DRAWS)]
    aucs = [two_sample_auc(real, synthetic, seed) for seed, synthetic in enumerate(draws)]
    lengths = np.array([len(t) for t in pool])
    real_len = np.array([len(t) for t in real])
    print(
        f"two-sample ROC-AUC (real {args.part} vs synthetic summaries, {DRAWS} draws of {len(real)}): "
        f"{np.mean(aucs):.3f} (range {min(aucs):.3f}-{max(aucs):.3f})"
    )
    print(
        f"summary length: real median {np.median(real_len):.0f} (IQR {np.percentile(real_len, 25):.0f}-{np.percentile(real_len, 75):.0f}); "
        f"synthetic median {np.median(lengths):.0f} (IQR {np.percentile(lengths, 25):.0f}-{np.percentile(lengths, 75):.0f})"
    )
    if args.top > 0:
        towards_real, towards_synthetic = top_ngrams(real, draws[0], args.top)
        print(f"\nn-grams weighing most towards real ({args.part}), fitted on all {len(real)} + {len(real)} summaries:")
        print("  " + ", ".join(f"{t!r} {w:+.2f}" for t, w in towards_real))
        print("n-grams weighing most towards synthetic:")
        print("  " + ", ".join(f"{t!r} {w:+.2f}" for t, w in towards_synthetic))
    if args.drop_curve:
        print("\nROC-AUC with the k n-grams whose document frequency differs most removed (first draw; the vocabulary refitted")
        print("on all of them and the n-grams chosen with the labels known, so this is a measure of distance, not a test):")
        for k, n, auc in drop_curve(real, draws[0]):
            print(f"  k = {k:5d} of {n}: {auc:.3f}")


if __name__ == "__main__":
    main()
