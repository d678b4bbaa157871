"""Plain-word names for features, for reasons shown to reviewers and in reports."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from imrpredict.features.flags import find_flags, sentence_span


@dataclass(frozen=True)
class Reason:
    """One feature's pull on an item's score: its name, its plain words, and its signed log-odds contribution."""

    feature: str
    text: str
    contribution: float


@dataclass(frozen=True)
class Evidence:
    """The sentence of the summary (with its character span) that set a clinical flag."""

    reason: str  # the flag's plain words, as in Reason.text
    feature: str
    sentence: str
    start: int
    end: int

FLAG_WORDS = {
    "off_work": "off work / TTD",
    "modified_duty": "modified or light duty",
    "return_to_work": "returned to work",
    "functional_improvement": "functional improvement documented",
    "no_functional_improvement": "no functional improvement documented",
    "pain_unchanged": "pain unchanged with treatment",
    "long_term_use": "long-term use",
    "tapering": "taper or weaning plan",
    "no_taper": "no taper plan",
    "aberrant_behavior": "aberrant drug behaviour / inconsistent screen",
    "drug_screen_consistent": "drug screen consistent",
    "drug_screen": "drug screen mentioned",
    "drug_screen_missing": "no drug screen documented",
    "red_flags": "red flags present",
    "red_flags_ruled_out": "red flags ruled out",
    "radicular": "radicular signs",
    "no_radicular_signs": "no radicular signs",
    "failed_conservative": "failed conservative care",
    "no_conservative_trial": "no trial of conservative care",
    "surgical_candidate": "surgical lesion / candidate",
    "not_surgical_candidate": "no surgical lesion",
    "postop": "post-operative",
    "depression": "depression or anxiety",
    "insomnia": "insomnia",
    "neuropathic": "neuropathic pain",
    "homebound": "homebound",
    "first_line_failed": "first-line drugs tried and failed",
    "injection_relief_good": "good relief from prior injection",
    "injection_relief_poor": "poor relief from prior injection",
    "pain_max": "highest pain score",
    "pain_before": "pain score before medication",
    "pain_after": "pain score with medication",
    "pain_relief": "pain relief (points)",
    "percent_relief": "percent relief",
    "duration_months": "months of use",
    "sessions_physical_therapy": "PT sessions completed",
    "sessions_chiropractic": "chiropractic sessions completed",
    "sessions_acupuncture": "acupuncture sessions completed",
    "sessions_psychotherapy": "psychotherapy sessions completed",
    "no_prior_therapy": "no prior therapy",
    "no_prior_physical_therapy": "no prior PT",
    "no_prior_chiropractic": "no prior chiropractic",
    "no_prior_acupuncture": "no prior acupuncture",
    "no_prior_psychotherapy": "no prior psychotherapy",
    "prior_physical_therapy": "PT already given",
    "prior_chiropractic": "chiropractic already given",
    "prior_acupuncture": "acupuncture already given",
    "prior_psychotherapy": "psychotherapy already given",
    "relief_reported": "treatment relieves pain",
    "no_relief_reported": "no relief from treatment",
    "medication_efficacy": "medications help",
    "no_medication_efficacy": "medications do not help",
    "side_effects": "side effects reported",
    "no_side_effects": "no side effects",
    "adl_limitations": "limits in daily activities",
    "imaging_findings": "imaging findings reported",
    "imaging_missing": "imaging results not provided",
    "exam_missing": "exam findings not noted",
    "exam_findings": "exam findings reported",
    "prior_injection": "injection already given",
    "no_prior_injection": "no prior injection",
    "opioid_use": "takes an opioid",
    "no_opioid_use": "no opioid",
}
OTHER_WORDS = {
    "item:quantity": "quantity requested",
    "item:sessions": "sessions requested",
    "item:partial": "partly authorized by UR",
    "item:retrospective": "retrospective request",
    "case:years_since_injury": "years since injury",
    "case:age": "age",
    "case:female": "female",
    "case:sessions_done_same_therapy": "sessions already done of this therapy",
    "case:services_in_request": "services disputed in the same request",
}


def feature_label(name: str) -> str:
    """'flag:off_work' -> 'off work / TTD'; 'category=opioid' -> 'item is: opioid'; TF-IDF terms quoted."""
    if name in OTHER_WORDS:
        return OTHER_WORDS[name]
    if name.startswith("flag:"):
        key = name[5:]
        return FLAG_WORDS.get(key, key.replace("_", " ").replace(":negated", " (negated)"))
    if name.startswith("category="):
        return "item is: " + name.split("=", 1)[1].replace("_", " ")
    if name.startswith("item_tfidf:"):
        return f'item says "{name.split(":", 1)[1]}"'
    if name.startswith("summary_tfidf:"):
        return f'summary says "{name.split(":", 1)[1]}"'
    return name


def _binary(name: str) -> bool:
    """A feature whose 0 means "absent" (flag, category, term), not a measured 0 (pain, months, sessions)."""
    flag = name.removeprefix("flag:")
    return name.startswith(("category=", "item_tfidf:", "summary_tfidf:")) or (
        flag in FLAG_WORDS and not flag.startswith(("pain_", "percent_", "duration_", "sessions_"))
    )


def top_reasons(contributions: np.ndarray, names: np.ndarray, k: int = 5, X: sp.csr_matrix | np.ndarray | None = None) -> list[list[Reason]]:
    """Per row, the k features with the largest |contribution| (log-odds units), largest first.

    With ``X``, a clinical flag or category that is absent in the row is labelled "not stated: ..." so a
    reviewer never reads an absent finding as a present one.

    Selection, ordering and the lookup of X's values are whole-array operations and labels are made once per
    column: per-row scipy indexing (``X[row, c]``) made this 0.58 s per 5,000 rows, now ~0.05 s. The same numpy
    calls run on each row's values as before (argpartition, then argsort of the k picked), so ties fall alike.
    """
    body = contributions[:, :-1]
    n_rows, width = body.shape
    if width == 0 or k <= 0:
        return [[] for _ in range(n_rows)]
    k = min(k, width)
    idx = np.argpartition(-np.abs(body), k - 1, axis=1)[:, :k]
    picked = np.take_along_axis(body, idx, axis=1)
    order = np.argsort(-np.abs(picked), axis=1)
    cols = np.take_along_axis(idx, order, axis=1)
    values = np.take_along_axis(picked, order, axis=1)
    not_stated = np.zeros(cols.shape, dtype=bool)
    if X is not None and n_rows:
        rows = np.repeat(np.arange(n_rows), k)
        if sp.issparse(X):
            x = np.asarray(sp.csr_matrix(X)[rows, cols.ravel()]).reshape(cols.shape)
        else:
            x = np.asarray(X)[rows, cols.ravel()].reshape(cols.shape)
        used = np.unique(cols)
        binary = np.zeros(width, dtype=bool)
        binary[used] = [_binary(str(names[c])) for c in used]
        not_stated = (x != x) | (binary[cols] & (x == 0))  # missing number, or absent flag/category/term
    labels: dict[tuple[int, bool], tuple[str, str]] = {}
    out = []
    for row_cols, row_values, row_not_stated in zip(cols.tolist(), values.tolist(), not_stated.tolist(), strict=True):
        reasons = []
        for c, value, absent in zip(row_cols, row_values, row_not_stated, strict=True):
            if value == 0:
                continue
            named = labels.get((c, absent))
            if named is None:
                name = str(names[c])
                named = labels[(c, absent)] = (name, ("not stated: " if absent else "") + feature_label(name))
            reasons.append(Reason(named[0], named[1], value))
        out.append(reasons)
    return out


def evidence(summary: str, prefer: set[str] | None = None, limit: int = 5) -> list[Evidence]:
    """The sentence behind each clinical flag that fired in a summary, once per flag; flags in ``prefer`` first."""
    hits = find_flags(summary)
    seen: set[str] = set()
    ranked = sorted(hits, key=lambda h: (0 if prefer and f"flag:{h.feature}" in prefer else 1, h.start))
    out = []
    for h in ranked:
        if h.modifier is not None or (h.flag == "pain_score" and not h.negated):
            continue  # a request, a plan, the past or someone else's: it set no feature, so it is no evidence
        label = FLAG_WORDS.get(h.feature, h.feature.replace("_", " "))
        if label in seen:
            continue
        seen.add(label)
        start, end = sentence_span(summary, h.start, h.end)
        out.append(Evidence(label, f"flag:{h.feature}", summary[start:end], start, end))
        if len(out) == limit:
            break
    return out
