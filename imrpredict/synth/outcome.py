"""The generative model of IMR outcomes: MTUS-like criteria combine into a true overturn probability.

logit(p) = offset + BASE[category] + sum of criterion effects for that category (see ``item_logit``);
the decision is Overturned with probability p. ``offset`` is solved so the corpus's overturn rate hits
the requested target. data/README.md (the data card) lists every effect.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from functools import lru_cache

from imrpredict.synth.catalog import TRIAL_SESSIONS, ItemSpec
from imrpredict.synth.facts import CaseFacts, sample_case, sample_items
from imrpredict.synth.published import CATEGORY_OVERTURN

# Category base log-odds are solved, not set by hand: on a fixed pilot sample, each category's mean overturn
# probability equals its published rate (published.CATEGORY_OVERTURN; the corpus offset then matches the overall
# rate). Associated services follow their surgery.
# Every effect is multiplied by SCALE; it sets how separable outcomes are (the Bayes ceiling).
SCALE = 1.35
# Several services disputed in one letter (a surgery and its associated services count as one): most disputes come
# from a few providers (top 10% of physicians: 83-85% of disputed requests [S3][S11]), and a letter disputing a
# string of services is upheld more often: on the 90 tuning letters 2.9% (3/102) of such items were overturned
# against 21.0% (13/62) in single-service letters, log odds ratio 2.17 (95% letter-bootstrap CI 1.02 to 5.63;
# training/context_signals.py). Assumed here at half of that, shrunk toward 0 for so few letters.
SEVERAL_SERVICES = -0.8  # x SCALE = -1.08 on the log-odds
DRUGS_WEIGHING_FUNCTION = {"opioid", "muscle_relaxant", "nsaid", "anticonvulsant", "topical", "benzodiazepine", "sleep_aid"}


def _function_and_work(f: CaseFacts, strength: float) -> float:
    """Return to work and objective functional improvement: the cardinal criteria for continuing care."""
    s = 0.0
    # Reviewers ask for documented improvement: not stated counts against, if less than a documented absence.
    s += {True: 1.2, False: -0.8, None: -0.4}[f.function_improved]
    s += {"full": 0.9, "modified": 0.6, "off": -0.6, None: 0.0}[f.rtw]
    return strength * s


def item_logit(f: CaseFacts, item: ItemSpec, surgery_logit: float | None = None, several: bool = False) -> float:
    """Log-odds of overturn for one item, before the corpus offset. ``several``: the letter disputes other services too."""
    return _item_logit(f, item, surgery_logit, category_base(), several)


def several_services(items: list[ItemSpec]) -> bool:
    """Does the letter dispute more than one service? A surgery's associated services are part of its service."""
    return sum(not it.associated for it in items) >= 2


def _item_logit(f: CaseFacts, item: ItemSpec, surgery_logit: float | None, base: dict[str, float], several: bool) -> float:
    cat = item.category
    z = base.get(cat, 0.0)
    relief = f.pain_relief
    if cat in DRUGS_WEIGHING_FUNCTION:
        z += _function_and_work(f, 1.0 if cat == "opioid" else 0.6)
        if relief is not None:
            z += 0.9 if relief >= 3 else (-0.5 if relief == 0 else 0.0)
    if cat == "opioid":
        months = f.opioid_months
        if months is not None and months >= 6 and f.function_improved is not True:
            z -= 0.8
        z += {"consistent": 0.6, "aberrant": -1.8, "not_done": -0.5, None: 0.0}[f.drug_screen]
        if f.tapering:
            z += 1.0
    elif cat in ("muscle_relaxant", "benzodiazepine", "sleep_aid"):
        # no effect of time since injury anywhere: DWC found outcomes "extremely similar" across it [S13]
        if cat == "benzodiazepine" and f.tapering:
            z += 1.2
        if cat == "sleep_aid" and f.insomnia:
            z += 1.0
        if cat == "benzodiazepine" and f.depression:
            z -= 0.3
    elif cat == "topical":
        z += 1.2 if f.first_line_tried else -0.4
        z -= 1.2 if item.compound else 0.0
    elif cat == "anticonvulsant":
        z += 1.4 if f.neuropathic or f.radicular else -0.6
    elif cat in ("physical_therapy", "chiropractic", "acupuncture", "psych"):
        done = f.sessions_done.get(item.therapy or "")
        trial = TRIAL_SESSIONS.get(item.therapy or "", 8)
        if done is not None:
            if done == 0:
                z += 1.2
            elif done >= trial:
                z -= 1.0 if f.function_improved is not True else 0.0
        z += _function_and_work(f, 0.7)
        if item.sessions is not None and item.sessions > trial:
            z -= 1.2  # "quantity exceeds the guideline": the commonest reason therapy denials stand (rationales, tuning letters)
        if f.postop:
            z += 0.5
        if cat == "psych" and f.depression:
            z += 1.0
    elif cat == "imaging":
        z += {True: 2.2, False: -0.6, None: 0.0}[f.red_flags]
        z += 0.8 if f.radicular else 0.0
        z += {True: 0.7, False: -0.7, None: 0.0}[f.failed_conservative]
        z -= 0.6 if item.text.startswith(("Repeat", "Retrospective: Repeat")) else 0.0
    elif cat == "emg_ncs":
        z += 1.3 if f.radicular else -0.5
        z += {True: 0.6, False: -0.6, None: 0.0}[f.failed_conservative]
    elif cat == "injection":
        z += 1.0 if f.radicular else 0.0
        z += {True: 1.0, False: -0.9, None: 0.0}[f.failed_conservative]
        z += {"good": 1.0, "poor": -1.3, None: 0.0}[f.prior_injection_relief]
    elif cat == "surgery":
        # what the summary says of a surgical lesion; real summaries seldom say either, and silence is not a "no"
        z += {True: 1.8, False: -0.8, None: 0.0}[f.surgical_lesion]
        z += {True: 0.9, False: -1.0, None: 0.0}[f.failed_conservative]
        z += {True: 0.7, False: 0.0, None: 0.0}[f.red_flags]
    elif cat == "associated_service":
        # Associated services follow their surgery: if the surgery is not supported, neither are they.
        z = (surgery_logit if surgery_logit is not None else -1.5) + 0.3
    elif cat in ("dme", "other_therapy"):
        z += 1.0 if f.postop else 0.0
        z += 0.6 if f.function_improved else 0.0
    elif cat == "home_care":
        z += 2.5 if f.homebound else -0.5
    elif cat == "consultation":
        z += 0.5 if f.red_flags else 0.0
    elif cat == "lab":
        z += 1.0 if f.opioid_months is not None else -0.8
    # A partial authorization gets no effect of its own: no figure was published [S15], and on the tuning letters
    # partial items were overturned as often as the rest (3/24 vs 20/163).
    if item.retrospective:
        z -= 0.3
    if several and cat != "associated_service":  # an associated service inherits it from its surgery
        z += SEVERAL_SERVICES
    return z


@lru_cache(maxsize=1)
def category_base(pilot_letters: int = 8000) -> dict[str, float]:
    """Base log-odds per category such that its mean overturn probability on a fixed pilot sample equals the
    published rate (before the corpus offset; same pilot, same bases, every run)."""
    rng = random.Random("imrpredict-category-pilot")
    effects: dict[str, list[float]] = defaultdict(list)
    for _ in range(pilot_letters):
        f = sample_case(rng)
        items = sample_items(rng, f)
        several = several_services(items)
        for it in items:
            if it.category != "associated_service":
                effects[it.category].append(_item_logit(f, it, None, {}, several))
    base = {}
    for cat, figure in CATEGORY_OVERTURN.items():
        z = effects.get(cat, [0.0])
        lo, hi = -15.0, 15.0
        for _ in range(50):
            mid = (lo + hi) / 2
            rate = sum(sigmoid(SCALE * (mid + v)) for v in z) / len(z)
            lo, hi = (mid, hi) if rate < figure.value else (lo, mid)
        base[cat] = (lo + hi) / 2
    return base


def letter_logits(f: CaseFacts, items: list[ItemSpec]) -> list[float]:
    """Logits for every item of a letter; associated services take their surgery's logit into account."""
    surgery: dict[int, float] = {}
    several = several_services(items)
    out = []
    for it in items:
        z = item_logit(f, it, surgery.get(it.surgery_group) if it.surgery_group is not None else None, several)
        if it.category == "surgery" and it.surgery_group is not None:
            surgery[it.surgery_group] = z
        out.append(SCALE * z)
    return out


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def solve_offset(target_rate: float, pilot_letters: int = 4000) -> float:
    """The offset that makes the mean true probability equal target_rate, on a fixed pilot sample."""
    rng = random.Random("imrpredict-offset-pilot")
    logits: list[float] = []
    for _ in range(pilot_letters):
        f = sample_case(rng)
        logits.extend(letter_logits(f, sample_items(rng, f)))
    lo, hi = -10.0, 10.0
    for _ in range(50):
        mid = (lo + hi) / 2
        rate = sum(sigmoid(z + mid) for z in logits) / len(logits)
        lo, hi = (mid, hi) if rate < target_rate else (lo, mid)
    return (lo + hi) / 2
