"""Which model structure transfers from synthetic to real letters? Scored on the TUNING letters only.

Every variant is fitted on the default synthetic corpus (no real label in any fit) and scored on the 187 real
tuning items; the category prior fitted on the same synthetic items is the bar. The reporting letters are not
read. The chosen structure then goes into training/default.yaml and is reported by transfer_check.py.

    python training/transfer_structure.py [--items data/generated/default-v5-.../items.parquet]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.metrics import roc_auc_score

from imrpredict.default_data import default_items_table
from imrpredict.evaluation.bootstrap import letter_bootstrap
from imrpredict.features.builder import FeatureBuilder
from imrpredict.gold.annotations import SHARED_LETTERS, real_items
from imrpredict.gold.split import read_split
from imrpredict.modeling.baselines import CategoryPrior
from imrpredict.modeling.config import load_config
from imrpredict.modeling.train import fit_booster, labels_and_groups
from imrpredict.tables import read_table

# Direction MTUS gives each clinical flag (+ towards overturn): used as LightGBM monotone constraints.
MONOTONE = {
    "flag:return_to_work": 1,
    "flag:modified_duty": 1,
    "flag:functional_improvement": 1,
    "flag:relief_reported": 1,
    "flag:red_flags": 1,
    "flag:radicular": 1,
    "flag:failed_conservative": 1,
    "flag:surgical_candidate": 1,
    "flag:postop": 1,
    "flag:drug_screen_consistent": 1,
    "flag:tapering": 1,
    "flag:first_line_failed": 1,
    "flag:injection_relief_good": 1,
    "flag:homebound": 1,
    "flag:insomnia": 1,
    "flag:off_work": -1,
    "flag:no_functional_improvement": -1,
    "flag:aberrant_behavior": -1,
    "flag:drug_screen_missing": -1,
    "flag:red_flags_ruled_out": -1,
    "flag:no_radicular_signs": -1,
    "flag:no_conservative_trial": -1,
    "flag:not_surgical_candidate": -1,
    "flag:injection_relief_poor": -1,
    "flag:no_relief_reported": -1,
    "flag:pain_unchanged": -1,
    "flag:long_term_use": -1,
    "flag:duration_months": -1,
    "flag:pain_relief": 1,
    "flag:percent_relief": 1,
}
# Which facts MTUS weighs for which category (as the real rationales cite them, data/README.md): a flag may
# only act together with its own categories (LightGBM interaction constraints), never on every item.
CATEGORY_FACTS = {
    "imaging": (
        "red_flags",
        "red_flags_ruled_out",
        "radicular",
        "no_radicular_signs",
        "failed_conservative",
        "no_conservative_trial",
        "exam_findings",
    ),
    "emg_ncs": ("radicular", "no_radicular_signs", "neuropathic", "failed_conservative", "no_conservative_trial"),
    "surgery": ("surgical_candidate", "not_surgical_candidate", "failed_conservative", "no_conservative_trial", "imaging_findings", "red_flags"),
    "associated_service": ("surgical_candidate", "not_surgical_candidate", "failed_conservative", "no_conservative_trial", "imaging_findings"),
    "injection": ("radicular", "failed_conservative", "no_conservative_trial", "injection_relief_good", "injection_relief_poor"),
    "physical_therapy": ("functional_improvement", "no_functional_improvement", "prior_physical_therapy", "postop", "return_to_work", "off_work"),
    "chiropractic": ("functional_improvement", "no_functional_improvement", "prior_chiropractic", "return_to_work", "off_work"),
    "acupuncture": ("functional_improvement", "no_functional_improvement", "prior_acupuncture", "return_to_work", "off_work"),
    "psych": ("depression", "prior_psychotherapy", "functional_improvement"),
    "opioid": (
        "functional_improvement",
        "no_functional_improvement",
        "drug_screen_consistent",
        "aberrant_behavior",
        "drug_screen_missing",
        "tapering",
        "relief_reported",
        "no_relief_reported",
        "return_to_work",
        "off_work",
    ),
    "topical": ("first_line_failed", "neuropathic"),
    "anticonvulsant": ("neuropathic", "radicular"),
    "home_care": ("homebound",),
    "consultation": ("red_flags", "radicular", "surgical_candidate"),
}


def real_tuning_items(letters: Path) -> pd.DataFrame:
    items = real_items(letters)
    return items[items["case_number"].map(read_split()) == "tuning"].reset_index(drop=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=Path, default=None)
    ap.add_argument("--letters", type=Path, default=SHARED_LETTERS)
    args = ap.parse_args()
    synth, y, _ = labels_and_groups(read_table(args.items or default_items_table()))
    real, y_real, groups_real = labels_and_groups(real_tuning_items(args.letters))
    config = load_config()  # training/default.yaml: every variant starts from the default model's settings
    builder = FeatureBuilder(**config["features"]).fit(synth)
    names = np.array(builder.get_feature_names_out())
    X, X_real = builder.transform(synth).tocsc(), builder.transform(real).tocsc()
    static_cols = np.flatnonzero(~np.char.startswith(names.astype(str), "item_tfidf:"))
    # the services disputed together is request context, not a case number: every variant keeps it
    category_flag_cols = np.flatnonzero([str(n).startswith(("category=", "flag:", "item:", "case:services")) for n in names])
    # without years since injury, age and sex: DWC found outcomes similar across time since injury ([S13], [S14])
    no_case_cols = np.flatnonzero(
        [str(n).startswith(("category=", "flag:", "item:", "case:sessions", "case:services")) or str(n).startswith("item_tfidf:") for n in names]
    )
    prior = CategoryPrior().fit(synth, y).predict_proba(real)[:, 1]
    print(f"synthetic {len(y)} items; real tuning {len(y_real)} items, {y_real.sum()} overturned")
    print(f"category prior: tuning ROC-AUC {roc_auc_score(y_real, prior):.3f}\n")
    variants = {
        "all features (current default)": (np.arange(len(names)), {}, 500),
        "no item TF-IDF": (static_cols, {}, 500),
        "no item TF-IDF, monotone flags": (static_cols, {"monotone": True}, 500),
        "no item TF-IDF, monotone, 3 leaves, 300 trees": (static_cols, {"monotone": True, "num_leaves": 3}, 300),
        "no years/age/sex": (no_case_cols, {}, 500),
        "no years/age/sex, monotone": (no_case_cols, {"monotone": True}, 500),
        "no years/age/sex, no item TF-IDF, monotone": (category_flag_cols, {"monotone": True}, 500),
        "no years/age/sex, monotone, 3 leaves, 300 trees": (no_case_cols, {"monotone": True, "num_leaves": 3}, 300),
    }
    index = {str(n): i for i, n in enumerate(names)}
    item_cols = [index[f"item:{k}"] for k in ("quantity", "sessions", "partial", "retrospective")] + [index["case:services_in_request"]]
    groups = [[index[f"category={c}"], *item_cols] for c in CATEGORY_FACTS]
    for g, facts in zip(groups, CATEGORY_FACTS.values(), strict=True):
        g.extend(index[f"flag:{f}"] for f in facts if f"flag:{f}" in index)
    groups.append([i for n, i in index.items() if n.startswith(("category=", "item:", "case:services"))])

    def constrained(cols: np.ndarray) -> list[list[int]]:
        pos = {c: k for k, c in enumerate(cols)}
        return [[pos[c] for c in g if c in pos] for g in groups if any(c in pos for c in g)]

    variants["category x MTUS facts (interaction constraints), monotone"] = (category_flag_cols, {"monotone": True, "interactions": True}, 500)
    variants["category x MTUS facts, monotone, 3 leaves, 300 trees"] = (
        category_flag_cols,
        {"monotone": True, "interactions": True, "num_leaves": 3},
        300,
    )
    print("| variant | tuning ROC-AUC (95% CI) | paired vs category prior |\n|---|---|---|")
    for label, (cols, extra, trees) in variants.items():
        params = {**config["lgbm"], "n_estimators": trees, **{k: v for k, v in extra.items() if k not in ("monotone", "interactions")}}
        if extra.get("interactions"):
            params["interaction_constraints"] = constrained(cols)
        if extra.get("monotone"):
            params["monotone_constraints"] = [MONOTONE.get(str(n), 0) for n in names[cols]]
            params["monotone_constraints_method"] = "advanced"
        booster = fit_booster(sp.csr_matrix(X[:, cols]), y, {**config, "lgbm": params})
        p = booster.predict(sp.csr_matrix(X_real[:, cols]))
        ci = letter_bootstrap(y_real, p, groups_real, reps=500)["roc_auc"]
        d = roc_auc_score(y_real, p) - roc_auc_score(y_real, prior)
        print(f"| {label} | {ci['value']:.3f} ({ci['ci_low']:.3f}-{ci['ci_high']:.3f}) | {d:+.3f} |")


if __name__ == "__main__":
    main()
