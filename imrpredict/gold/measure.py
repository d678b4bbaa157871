"""Per-fact precision and recall of the clinical flags against the gold annotations.

The unit is the summary, as the model sees it: for each (fact, polarity) a summary is gold-positive when an
annotator marked a mention of it ``asserted`` (polarity +) or ``negated`` (polarity -); hypothetical,
historical and another person's mentions are not the fact, so a flag that fires only on them is a false
positive. The flags' side is read from the same feature values the builder gives the model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from imrpredict.features.flags import THERAPY_KINDS, find_flags, flag_values
from imrpredict.gold.annotations import FACTS, MTUS_CRITICAL, Mention

Polarity = str  # "+" asserted, "-" explicitly absent
Key = tuple[str, Polarity]




def _positive(v: Mapping[str, float], name: str) -> bool:
    x = v.get(name)
    return x is not None and not np.isnan(x) and x > 0


# feature the builder sets -> (gold fact, polarity) it claims; the numeric and per-therapy ones are below
FEATURE_FACTS: dict[str, Key] = {
    "off_work": ("off_work", "+"),
    "modified_duty": ("modified_duty", "+"),
    "modified_duty:negated": ("modified_duty", "-"),
    "return_to_work": ("working", "+"),
    "functional_improvement": ("functional_improvement", "+"),
    "no_functional_improvement": ("functional_improvement", "-"),
    "relief_reported": ("pain_relief", "+"),
    "no_relief_reported": ("pain_relief", "-"),
    "pain_unchanged": ("pain_relief", "-"),  # GUIDE.md: "pain unchanged with treatment" is relief absent
    "red_flags": ("red_flags", "+"),
    "red_flags_ruled_out": ("red_flags", "-"),
    "radicular": ("radicular", "+"),
    "no_radicular_signs": ("radicular", "-"),
    "drug_screen": ("drug_screen", "+"),
    "drug_screen_missing": ("drug_screen", "-"),
    "drug_screen_consistent": ("drug_screen_consistent", "+"),
    "aberrant_behavior": ("aberrant_behavior", "+"),
    "failed_conservative": ("conservative_care_failed", "+"),
    "no_conservative_trial": ("conservative_care_failed", "-"),
    "postop": ("prior_surgery", "+"),
    "surgical_candidate": ("surgery_planned", "+"),
    "not_surgical_candidate": ("surgery_planned", "-"),
    "long_term_use": ("medication_duration", "+"),
    "duration_months": ("medication_duration", "+"),
    "tapering": ("tapering", "+"),
    "no_taper": ("tapering", "-"),
    "first_line_failed": ("first_line_failed", "+"),
    "injection_relief_good": ("injection_relief", "+"),
    "injection_relief_poor": ("injection_relief", "-"),
    "depression": ("depression", "+"),
    "depression:negated": ("depression", "-"),
    "insomnia": ("insomnia", "+"),
    "insomnia:negated": ("insomnia", "-"),
    "neuropathic": ("neuropathic_pain", "+"),
    "neuropathic:negated": ("neuropathic_pain", "-"),
    "homebound": ("homebound", "+"),
    "homebound:negated": ("homebound", "-"),
    **{f: (f, "+") for f in ("medication_efficacy", "side_effects", "prior_injection", "adl_limitations", "imaging_findings", "exam_findings")},
    "opioid_use": ("opioid_use", "+"),
    "imaging_missing": ("imaging_findings", "-"),  # results of imaging said not provided or not found
    "exam_missing": ("exam_findings", "-"),  # exam findings said not noted for a part
    **{f"no_{f}": (f, "-") for f in ("medication_efficacy", "side_effects", "prior_injection", "opioid_use")},
    **{f"{f}:negated": (f, "-") for f in ("adl_limitations", "imaging_findings", "exam_findings")},
    **{f"sessions_{k}": (f"prior_{k}", "+") for k in THERAPY_KINDS},
    **{f"prior_{k}": (f"prior_{k}", "+") for k in THERAPY_KINDS},
    **{f"no_prior_{k}": (f"prior_{k}", "-") for k in THERAPY_KINDS},
}


def facts_of_features(v: Mapping[str, float]) -> set[Key]:
    """The (fact, polarity) pairs a summary's flag values claim, in the gold set's vocabulary."""
    out = {key for feature, key in FEATURE_FACTS.items() if _positive(v, feature)}
    if "pain_max" in v and not np.isnan(v["pain_max"]):
        out.add(("pain_score", "+"))
    relief, percent = v.get("pain_relief"), _positive(v, "percent_relief")
    if percent or _positive(v, "pain_relief"):
        out.add(("pain_relief", "+"))
    elif relief is not None and relief <= 0:
        out.add(("pain_relief", "-"))
    return out


def flag_facts(text: str) -> set[Key]:
    """What the current flags claim of one summary."""
    return facts_of_features(flag_values(find_flags(text)))


def gold_facts(mentions: Iterable[Mention]) -> dict[str, set[Key]]:
    """case number -> the (fact, polarity) pairs its annotators marked as true of the worker."""
    out: dict[str, set[Key]] = {}
    for m in mentions:
        # A planned surgery is a plan by definition (GUIDE.md): annotators who marked it "hypothetical" meant the plan exists.
        status = "asserted" if m.fact == "surgery_planned" and m.status == "hypothetical" else m.status
        pol = {"asserted": "+", "negated": "-"}.get(status)
        if pol is not None:
            out.setdefault(m.case_number, set()).add((m.fact, pol))
    return out


@dataclass(frozen=True)
class FactScore:
    fact: str
    polarity: Polarity
    gold: int  # summaries with the fact in the gold set
    flagged: int  # summaries the flags claim it of
    true_positive: int

    @property
    def precision(self) -> float:
        return self.true_positive / self.flagged if self.flagged else float("nan")

    @property
    def recall(self) -> float:
        return self.true_positive / self.gold if self.gold else float("nan")

    @property
    def critical(self) -> bool:
        return self.fact in MTUS_CRITICAL


def score_facts(cases: Iterable[str], summaries: Mapping[str, str], gold: Mapping[str, set[Key]],
                reader: Callable[[str], set[Key]] = flag_facts) -> list[FactScore]:
    """Precision and recall per (fact, polarity) over ``cases`` (every one of them annotated)."""
    cases = list(cases)
    predicted = {c: reader(summaries[c]) for c in cases}
    keys = sorted({k for c in cases for k in gold.get(c, set()) | predicted[c]}, key=lambda k: (FACTS.index(k[0]) if k[0] in FACTS else 99, k[1]))
    out = []
    for fact, pol in keys:
        g = {c for c in cases if (fact, pol) in gold.get(c, set())}
        p = {c for c in cases if (fact, pol) in predicted[c]}
        out.append(FactScore(fact, pol, len(g), len(p), len(g & p)))
    return out


def shortfalls(scores: Iterable[FactScore], min_gold: int = 5, precision: float = 0.90, recall: float = 0.80) -> list[str]:
    """The issue's targets that a score table misses: precision for every fact with ``min_gold`` gold summaries,
    recall for the MTUS-critical ones."""
    out = []
    for s in scores:
        if s.gold < min_gold:
            continue
        if s.flagged and s.precision < precision:
            out.append(f"{s.fact}{s.polarity} precision {s.precision:.2f} < {precision}")
        if s.critical and s.recall < recall:
            out.append(f"{s.fact}{s.polarity} recall {s.recall:.2f} < {recall}")
    return out


def markdown_table(scores: Iterable[FactScore], min_gold: int = 1) -> str:
    rows = ["| fact | polarity | MTUS-critical | gold summaries | flagged | precision | recall |", "|---|---|---|---|---|---|---|"]
    for s in scores:
        if s.gold < min_gold and not s.flagged:
            continue
        p = "-" if not s.flagged else f"{s.precision:.2f}"
        r = "-" if not s.gold else f"{s.recall:.2f}"
        polarity, critical = ("asserted" if s.polarity == "+" else "absent"), ("yes" if s.critical else "")
        rows.append(f"| {s.fact} | {polarity} | {critical} | {s.gold} | {s.flagged} | {p} | {r} |")
    return "\n".join(rows)
