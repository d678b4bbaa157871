"""One scoring core for one request: the page, ``POST /v1/predict``, ``POST /v1/letters`` and
``imrpredict predict --json`` all build their answer here, so they cannot disagree.

Per item: the calibrated probability, the label at the model's threshold, the risk band, the reasons (signed
log-odds contributions), the summary sentences behind them (with character spans), and "not stated": the MTUS
facts the summary does not state that would move this item's probability most if they were documented. An item
that cannot be scored carries an ``error`` and no probability; the others are still scored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from imrpredict.features.request import COLUMN as SERVICES
from imrpredict.features.request import services_over_rows
from imrpredict.modeling.explain import Evidence, Reason, feature_label
from imrpredict.modeling.model import IMRModel, risk_band

MAX_ITEMS = 100  # a real letter disputes 1 to 10 items
MAX_ITEM_CHARS = 2_000
MAX_SUMMARY_CHARS = 100_000  # the longest real summary is under 10k characters

# MTUS facts a reviewer looks for, each as the flags that document it one way or the other. A fact is "not
# stated" when none of its flags fired; "if documented" sets each flag in turn and scores the item again.
MTUS_FACTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("work status", ("flag:return_to_work", "flag:modified_duty", "flag:off_work")),
    ("objective functional improvement", ("flag:functional_improvement", "flag:no_functional_improvement")),
    ("pain relief from treatment", ("flag:relief_reported", "flag:no_relief_reported")),
    ("urine drug screen", ("flag:drug_screen_consistent", "flag:aberrant_behavior")),
    ("red flags", ("flag:red_flags", "flag:red_flags_ruled_out")),
    ("radicular signs", ("flag:radicular", "flag:no_radicular_signs")),
    ("conservative care tried", ("flag:failed_conservative", "flag:no_conservative_trial")),
    ("surgical lesion", ("flag:surgical_candidate", "flag:not_surgical_candidate")),
    ("taper plan", ("flag:tapering",)),
    ("first-line drugs tried", ("flag:first_line_failed",)),
)


@dataclass(frozen=True)
class Documented:
    """The probability an item would have if the summary documented one more fact."""

    feature: str
    text: str
    probability: float


@dataclass(frozen=True)
class NotStated:
    fact: str
    if_documented: tuple[Documented, ...]
    largest_change: float  # signed change of the probability, for the variant that moves it most


def item_result(
    item: str, p: float | None, threshold: float, reasons: list[Reason], evidence: list[Evidence], not_stated: list[NotStated], error: str | None
) -> dict[str, Any]:
    """The JSON record of one item (the API schema; see imrpredict.serve.schemas.ItemResult)."""
    if p is None:
        empty: dict[str, Any] = {"reasons": [], "evidence": [], "not_stated": []}
        return {"item": item, "probability_overturn": None, "predicted": None, "risk_band": None, **empty, "error": error}
    return {
        "item": item,
        "probability_overturn": float(p),
        "predicted": "Overturned" if p >= threshold else "Upheld",
        "risk_band": risk_band(p),
        "reasons": [{"feature": r.feature, "text": r.text, "contribution": r.contribution} for r in reasons],
        "evidence": [{"reason": e.reason, "feature": e.feature, "sentence": e.sentence, "start": e.start, "end": e.end} for e in evidence],
        "not_stated": [
            {
                "fact": n.fact,
                "largest_change": n.largest_change,
                "if_documented": [{"feature": d.feature, "text": d.text, "probability": d.probability} for d in n.if_documented],
            }
            for n in not_stated
        ],
        "error": None,
    }


def clean_summary(text: Any) -> Any:
    """Whitespace collapsed to single spaces, as the letter parser leaves it (text copied from a PDF breaks lines
    mid-sentence); every scoring path applies it, so a pasted summary scores as the letter it came from."""
    return " ".join(text.split()) if isinstance(text, str) else text


def item_error(item: Any, summary: Any) -> str | None:
    """Why one input row cannot be scored, or None."""
    if not isinstance(item, str) or not item.strip():
        return "item is empty or missing"
    if len(item) > MAX_ITEM_CHARS:
        return f"item is {len(item):,} characters; the limit is {MAX_ITEM_CHARS:,} (is this a summary in the item field?)"
    if not isinstance(summary, str) or not summary.strip():
        return "summary is empty or missing"
    if len(summary) > MAX_SUMMARY_CHARS:
        return f"summary is {len(summary):,} characters; the limit is {MAX_SUMMARY_CHARS:,} (is this a whole file pasted into one cell?)"
    return None


def not_stated_facts(model: IMRModel, X: sp.csr_matrix | np.ndarray, k: int = 3, base: np.ndarray | None = None) -> list[list[NotStated]]:
    """Per row, the k MTUS facts the summary does not state whose documentation would move the probability most.

    ``base``: the rows' probabilities when the caller has them already. The variants are scored as dense rows (a
    request has at most MAX_ITEMS items): LightGBM gives dense and CSR rows the same scores, to the bit."""
    index = model.builder.flag_columns()
    facts = [(fact, tuple(f for f in flags if f in index)) for fact, flags in MTUS_FACTS]
    facts = [(fact, flags) for fact, flags in facts if flags]
    if not facts or X.shape[0] == 0:
        return [[] for _ in range(X.shape[0])]
    dense = X.toarray() if sp.issparse(X) else np.asarray(X)
    if base is None:
        base = model.calibrator.predict(model.raw_scores(dense))
    plan: list[tuple[int, int, str]] = []  # (row, fact index, feature)
    for row in range(dense.shape[0]):
        for fi, (_, flags) in enumerate(facts):
            if not any(dense[row, index[f]] > 0 for f in flags):
                plan += [(row, fi, f) for f in flags]
    if not plan:
        return [[] for _ in range(X.shape[0])]
    # each planned row is its item's features with one absent flag set to 1
    variants = dense[[r for r, _, _ in plan]]
    variants[np.arange(len(plan)), [index[f] for _, _, f in plan]] = 1.0
    p_if = model.calibrator.predict(model.raw_scores(variants))
    grouped: dict[tuple[int, int], list[Documented]] = {}
    for (row, fi, f), p in zip(plan, p_if.tolist(), strict=True):
        grouped.setdefault((row, fi), []).append(Documented(f, feature_label(f), p))
    out: list[list[NotStated]] = [[] for _ in range(X.shape[0])]
    for (row, fi), docs in grouped.items():
        change = max((d.probability - base[row] for d in docs), key=abs)
        out[row].append(NotStated(facts[fi][0], tuple(docs), float(change)))
    return [sorted(r, key=lambda n: -abs(n.largest_change))[:k] for r in out]


LETTER_INPUTS = ("summary", "date_of_injury", "date_assigned", "ur_denial_date", "application_received", "age", "sex")


def letter_rows(records: list[Any]) -> list[dict[str, Any]]:
    """The rows to score for a letter's items: what the model may read from the letter, never its decisions."""
    rows = []
    for r in records:
        d = r.as_dict()
        rows.append({**{k: d[k] for k in LETTER_INPUTS}, "item": d["item"], "partial": d["partial"]})
    return rows


def explain_rows(model: IMRModel, rows: pd.DataFrame | Mapping[str, Sequence[Any]], top_k: int = 5, not_stated_k: int = 3) -> list[dict[str, Any]]:
    """Score and explain every row (``item``, ``summary`` and the optional inputs, as a table or as columns of
    equal length); one JSON record per row, in order."""
    columns = {str(c): v.tolist() if isinstance(v, pd.Series) else list(v) for c, v in rows.items()}
    columns["summary"] = [clean_summary(s) for s in columns["summary"]]
    columns[SERVICES] = services_over_rows(columns).tolist()
    # one frame of plain Python objects: on a request of a few rows, pandas' string arrays cost more than the model
    frame = pd.DataFrame(columns, dtype=object)
    errors = [item_error(i, s) for i, s in zip(columns["item"], columns["summary"], strict=True)]
    ok = [i for i, e in enumerate(errors) if e is None]
    results: list[dict[str, Any]] = [item_result(str(columns["item"][i] or ""), None, model.threshold, [], [], [], e) for i, e in enumerate(errors)]
    if not ok:
        return results
    valid = frame if len(ok) == len(frame) else frame.iloc[ok]
    X = model.features(valid).toarray()  # at most MAX_ITEMS rows: dense rows skip scipy's per-call checks, same scores
    base, reasons_of, evidence_of = model.explain_parts(valid, top_k=top_k, X=X)
    missing = not_stated_facts(model, X, not_stated_k, base) if not_stated_k > 0 else [[] for _ in ok]
    scored = zip([columns["item"][i] for i in ok], base.tolist(), reasons_of, evidence_of, missing, strict=True)
    for pos, (item, p, reasons, evidence, ns) in zip(ok, scored, strict=True):
        results[pos] = item_result(item, float(p), model.threshold, reasons, evidence, ns, None)
    return results


def model_info(model: IMRModel) -> dict[str, Any]:
    """What the page's model panel and /healthz show: name, version, bundle hash, training data, CV metrics."""
    from pathlib import Path

    from imrpredict import __version__
    from imrpredict.modeling.bundle import manifest_sha256
    from imrpredict.modeling.metrics import chance_warning

    manifest = model.metadata.get("manifest", {})
    path = model.metadata.get("path")
    bundle_hash = manifest_sha256(Path(path)) if path else None
    metrics = manifest.get("metrics", {})
    shown = {}
    for key in ("roc_auc", "pr_auc", "brier", "ece"):
        if f"cv_{key}" in metrics:
            shown[key] = {"value": metrics[f"cv_{key}"], "ci_low": metrics.get(f"cv_{key}_ci_low"), "ci_high": metrics.get(f"cv_{key}_ci_high")}
    data = manifest.get("data", {})
    warning = chance_warning(metrics, int(data.get("n_items", 0)))
    return {
        "name": manifest.get("name"),
        "version": manifest.get("created_at"),
        "bundle_sha256": bundle_hash,
        "imrpredict_version": __version__,
        "threshold": model.threshold,
        "calibration": manifest.get("calibration"),
        "training_data": {k: data.get(k) for k in ("source", "n_items", "n_letters", "data_sha256")},
        "base_rate": metrics.get("cv_base_rate"),
        "cv_metrics": shown,
        "chance_warning": warning,
        "libraries": manifest.get("libraries", {}),
        "git_commit": manifest.get("git_commit"),
    }
