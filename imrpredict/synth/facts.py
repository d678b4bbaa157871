"""The latent clinical facts of a synthetic case and the requested items, sampled per letter.

Facts are what MTUS weighs. Each fact has an explicit "unstated" level (None): the probability of
overturn uses exactly what the summary states, so a model reading the letter can in principle reach
the Bayes ceiling.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from imrpredict.synth.catalog import CATEGORY_WEIGHTS, ItemSpec, make_item, surgery_bundle

OCCUPATIONS = (
    "warehouse worker",
    "cashier",
    "truck driver",
    "nurse",
    "janitor",
    "electrician",
    "office clerk",
    "construction laborer",
    "teacher",
    "police officer",
    "cook",
    "machine operator",
    "caregiver",
    "mechanic",
    "farm worker",
    "security guard",
    "hotel housekeeper",
    "delivery driver",
    "welder",
)
MECHANISMS = (
    "lifting a heavy box",
    "a slip and fall on a wet floor",
    "repetitive keyboard work",
    "a motor vehicle accident",
    "a fall from a ladder",
    "pulling a pallet jack",
    "being struck by a falling object",
    "a trip over a hose",
    "restraining a patient",
    "cumulative trauma from repetitive lifting",
)
REGIONS = ("lumbar", "cervical", "shoulder", "knee", "wrist", "ankle")


@dataclass
class CaseFacts:
    age: int
    sex: str
    occupation: str
    mechanism: str
    region: str
    date_of_injury: date
    decision_date: date
    date_assigned: date
    application_received: date
    ur_denial_date: date
    rtw: str | None  # "full", "modified", "off" or unstated
    function_improved: bool | None
    pain_before: int | None
    pain_after: int | None
    opioid_months: int | None  # months on opioids, when stated
    drug_screen: str | None  # "consistent", "aberrant", "not_done"
    tapering: bool  # a weaning/taper plan is documented
    sessions_done: dict[str, int | None] = field(default_factory=dict)  # per therapy kind
    red_flags: bool | None = None
    radicular: bool = False
    failed_conservative: bool | None = None
    surgical_lesion: bool | None = None  # a lesion that surgery can fix: shown, stated absent, or not stated
    depression: bool = False
    insomnia: bool = False
    neuropathic: bool = False
    homebound: bool = False
    postop: bool = False
    prior_injection_relief: str | None = None  # "good", "poor"
    first_line_tried: bool = False
    on_opioids: bool = False  # prescribed an opioid (named in the medication list when the summary gives one)

    @property
    def years_since_injury(self) -> float:
        return (self.decision_date - self.date_of_injury).days / 365.25

    @property
    def pain_relief(self) -> int | None:
        if self.pain_before is None or self.pain_after is None:
            return None
        return self.pain_before - self.pain_after


def _maybe(rng: random.Random, p_stated: float, value: object) -> object:
    return value if rng.random() < p_stated else None


def sample_case(rng: random.Random) -> CaseFacts:
    decision = date(2016, 6, 1) + timedelta(days=rng.randrange(0, 395))
    assigned = decision - timedelta(days=rng.randrange(18, 50))
    received = assigned - timedelta(days=rng.randrange(2, 12))
    ur = received - timedelta(days=rng.randrange(4, 30))
    years = rng.uniform(0.05, 0.9) if rng.random() < 0.25 else rng.uniform(1.0, 16.0)
    injury = ur - timedelta(days=int(years * 365.25))
    before = rng.randint(5, 10)
    relief = rng.choice((0, 0, 1, 2, 3, 4, 5))
    on_opioids = rng.random() < 0.45
    f = CaseFacts(
        age=rng.randint(21, 69),
        sex=rng.choice("FM"),
        occupation=rng.choice(OCCUPATIONS),
        mechanism=rng.choice(MECHANISMS),
        region=rng.choice(REGIONS),
        date_of_injury=injury,
        decision_date=decision,
        date_assigned=assigned,
        application_received=received,
        ur_denial_date=ur,
        rtw=rng.choices(("full", "modified", "off", None), (0.10, 0.20, 0.17, 0.53))[0],
        function_improved=rng.choices((True, False, None), (0.05, 0.06, 0.89))[0],
        pain_before=None,
        pain_after=None,
        opioid_months=_maybe(rng, 0.15, rng.choice((1, 2, 3, 6, 9, 12, 18, 24, 36, 60, 96))) if on_opioids else None,  # type: ignore[arg-type]
        drug_screen=rng.choices(("consistent", "aberrant", "not_done", None), (0.04, 0.01, 0.03, 0.92))[0] if on_opioids else None,
        tapering=on_opioids and rng.random() < 0.04,
        on_opioids=on_opioids,
    )
    if rng.random() < 0.2:
        f.pain_before, f.pain_after = before, max(0, before - relief)
    # How often real summaries state each fact (data/gold, 130 letters): PT 47%, chiropractic 11%, acupuncture 5%,
    # psychotherapy 1%; red flags 13% present / 9% ruled out; failed conservative care 6% / not tried 13% ...
    for kind, stated in (("physical therapy", 0.5), ("chiropractic", 0.12), ("acupuncture", 0.06), ("psychotherapy", 0.02)):
        f.sessions_done[kind] = _maybe(rng, stated, rng.choice((0, 4, 6, 8, 12, 12, 18, 24, 36)))  # type: ignore[assignment]
    f.red_flags = rng.choices((True, False, None), (0.12, 0.09, 0.79))[0]
    f.radicular = rng.random() < 0.35
    f.failed_conservative = rng.choices((True, False, None), (0.08, 0.13, 0.79))[0]
    # a lesion that surgery can fix, stated in 8% (surgery planned or recommended: 6.2% of real summaries, gold set)
    f.surgical_lesion = rng.choices((True, False, None), (0.08, 0.04, 0.88))[0]
    f.depression = rng.random() < 0.05
    f.insomnia = rng.random() < 0.07
    f.neuropathic = rng.random() < 0.15
    f.homebound = rng.random() < 0.02
    f.postop = rng.random() < 0.09
    f.prior_injection_relief = rng.choices(("good", "poor", None), (0.02, 0.02, 0.96))[0]
    f.first_line_tried = rng.random() < 0.05
    return f


def sample_items(rng: random.Random, facts: CaseFacts) -> list[ItemSpec]:
    """1 to 10 items, about 60% single; a surgery brings its associated services along."""
    n = 1 if rng.random() < 0.6 else min(10, 2 + int(rng.expovariate(0.7)))
    items: list[ItemSpec] = []
    cats, weights = zip(*CATEGORY_WEIGHTS.items(), strict=True)
    while len(items) < n:
        cat = rng.choices(cats, weights)[0]
        if cat == "surgery":
            items.extend(surgery_bundle(rng, facts.region))
        else:
            items.append(make_item(rng, cat, facts.region))
    return items[: max(n, len(items))][:10]
