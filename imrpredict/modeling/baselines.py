"""Two simple baselines every number is reported beside: the item-category prior and TF-IDF + logistic regression."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from imrpredict.features.builder import text_values
from imrpredict.features.items import categorize


class CategoryPrior(ClassifierMixin, BaseEstimator):
    """P(Overturned) = the training overturn rate of the item's category, shrunk towards the overall rate."""

    def __init__(self, strength: float = 10.0) -> None:
        self.strength = strength

    def fit(self, X: pd.DataFrame, y: Sequence[int]) -> CategoryPrior:
        y = np.asarray(y, dtype=float)
        cats = pd.Series([categorize(t) for t in text_values(X["item"])])
        self.overall_ = float(y.mean())
        stats = pd.DataFrame({"c": cats, "y": y}).groupby("c")["y"].agg(["sum", "count"])
        self.rates_ = ((stats["sum"] + self.strength * self.overall_) / (stats["count"] + self.strength)).to_dict()
        self.classes_ = np.array([0, 1])
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        p = np.array([self.rates_.get(categorize(t), self.overall_) for t in text_values(X["item"])])
        return np.column_stack([1 - p, p])


class TextLogReg(ClassifierMixin, BaseEstimator):
    """Word TF-IDF of item and summary, logistic regression: the usual text-classification baseline."""

    def __init__(self, C: float = 1.0, max_features: int = 20000) -> None:
        self.C = C
        self.max_features = max_features

    def fit(self, X: pd.DataFrame, y: Sequence[int]) -> TextLogReg:
        self.item_ = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=self.max_features, sublinear_tf=True, dtype=np.float32)
        self.summary_ = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=self.max_features, sublinear_tf=True, dtype=np.float32)
        self.item_.fit(text_values(X["item"]))
        self.summary_.fit(text_values(X["summary"]))
        self.lr_ = LogisticRegression(C=self.C, max_iter=2000).fit(self._matrix(X), np.asarray(y))
        self.classes_ = self.lr_.classes_
        return self

    def _matrix(self, X: pd.DataFrame) -> sp.csr_matrix:
        return sp.hstack([self.item_.transform(text_values(X["item"])), self.summary_.transform(text_values(X["summary"]))], format="csr")

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        return self.lr_.predict_proba(self._matrix(X))


BASELINES = {"category prior": CategoryPrior, "TF-IDF + logistic regression": TextLogReg}


def fit_baselines(items: pd.DataFrame, y: np.ndarray) -> dict[str, BaseEstimator]:
    return {name: cls().fit(items, y) for name, cls in BASELINES.items()}
