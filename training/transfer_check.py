"""How a model trained on synthetic letters does on the real letters in ../shared, per part of the split.

For the tuning letters, the reporting letters and all 130: ROC-AUC, PR-AUC, Brier and ECE of the model and
of the two baselines stored in its bundle (fitted on the same synthetic data), each with a 95% letter-bootstrap
interval, and the paired ROC-AUC difference model - category prior with its own interval. For the model, the
calibration checks that tell miscalibration from sampling noise: the ECE's place among ECEs of outcomes drawn from
the model's own probabilities, and the recalibration intercept and slope with letter-bootstrap intervals. No real
label is used in any fit: this only scores.

    python training/transfer_check.py --model models/latest [--json out.json]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from imrpredict import load_model
from imrpredict.evaluation.bootstrap import paired_auc_difference
from imrpredict.evaluation.calibration_checks import calibration_text
from imrpredict.evaluation.evaluate import MODEL, evaluate_model
from imrpredict.gold.annotations import SHARED_LETTERS, real_items
from imrpredict.gold.split import read_split


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=Path("models/latest"))
    ap.add_argument("--letters", type=Path, default=SHARED_LETTERS)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    model = load_model(args.model)
    items = real_items(args.letters)
    split = read_split()
    parts = items["case_number"].map(split)
    out: dict[str, dict[str, object]] = {}
    for part in ("tuning", "reporting", "all"):
        sub = items if part == "all" else items[parts == part].reset_index(drop=True)
        ev = evaluate_model(model, sub)
        y, groups = ev.y, ev.groups
        diff = paired_auc_difference(y, ev.predictions[MODEL], ev.predictions["category prior"], groups)
        row: dict[str, object] = {"items": len(sub), "overturned": int(y.sum()), "letters": int(sub["letter_id"].nunique())}
        print(f"\n{part}: {row['letters']} letters, {len(sub)} items, {y.sum()} overturned (base rate {y.mean():.3f})")
        print("| scorer | ROC-AUC | PR-AUC | Brier | ECE |\n|---|---|---|---|---|")
        for name, m in ev.metrics.items():
            cell = {k: f"{m[k]['value']:.3f} ({m[k]['ci_low']:.3f}-{m[k]['ci_high']:.3f})" for k in ("roc_auc", "pr_auc")}
            print(f"| {name} | {cell['roc_auc']} | {cell['pr_auc']} | {m['brier']['value']:.3f} | {m['ece']['value']:.3f} |")
            row[name] = {k: m[k] for k in ("roc_auc", "pr_auc", "brier", "ece")}
        print(f"paired ROC-AUC difference, model - category prior: {diff['value']:+.3f} ({diff['ci_low']:+.3f} to {diff['ci_high']:+.3f}), "
              f"above 0 in {diff['share_above_0']:.0%} of letter resamples")
        row["model_minus_prior"] = diff
        p = ev.predictions[MODEL]
        print(f"model calibration: mean predicted {p.mean():.3f} vs observed {y.mean():.3f}; {calibration_text(ev.info['calibration'])}")
        row["calibration"] = ev.info["calibration"]  # computed by evaluate_model, with its letter resamples
        out[part] = row
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, default=float))


if __name__ == "__main__":
    main()
