"""What can be requested: item categories, their share of requests, and item wording with quantities."""

from __future__ import annotations

import random
from dataclasses import dataclass

from imrpredict.synth.published import CATEGORY_SHARE

# Draw weights of requested categories: the published shares where there are any (published.CATEGORY_SHARE).
CATEGORY_WEIGHTS: dict[str, float] = {cat: figure.value for cat, figure in CATEGORY_SHARE.items()}
THERAPY_KIND = {"physical_therapy": "physical therapy", "chiropractic": "chiropractic", "acupuncture": "acupuncture", "psych": "psychotherapy"}
# Sessions MTUS allows before documented functional improvement is required (initial trial).
TRIAL_SESSIONS = {"physical therapy": 10, "chiropractic": 6, "acupuncture": 6, "psychotherapy": 6}
REGION_WORDS = {
    "lumbar": ("lumbar spine", "low back"),
    "cervical": ("cervical spine", "neck"),
    "shoulder": ("right shoulder", "left shoulder"),
    "knee": ("left knee", "right knee"),
    "wrist": ("right wrist", "left hand"),
    "ankle": ("left ankle", "right ankle"),
}
DRUGS = {
    "opioid": (
        ("Norco", ("5/325mg", "7.5/325mg", "10/325mg")),
        ("Percocet", ("5/325mg", "10/325mg")),
        ("Tramadol", ("50mg", "ER 100mg", "ER 150mg")),
        ("Oxycodone", ("10mg", "15mg", "30mg")),
        ("OxyContin", ("20mg", "40mg")),
        ("MS Contin", ("15mg", "30mg")),
        ("Tapentadol", ("50mg",)),
        ("Hydrocodone/APAP", ("10/325mg",)),
    ),
    "muscle_relaxant": (
        ("Flexeril", ("7.5mg", "10mg")),
        ("Cyclobenzaprine", ("5mg", "7.5mg")),
        ("Tizanidine", ("4mg",)),
        ("Baclofen", ("10mg", "20mg")),
        ("Soma", ("350mg",)),
        ("Methocarbamol", ("750mg",)),
    ),
    "topical": (
        ("Lidoderm patch", ("5%",)),
        ("Terocin lotion", ("120ml",)),
        ("Flurbiprofen/Lidocaine cream", ("20%/5% 180g",)),
        ("Compounded topical cream (Ketoprofen/Gabapentin/Lidocaine)", ("240g",)),
        ("Voltaren gel", ("1% 100g",)),
    ),
    "nsaid": (
        ("Naproxen", ("500mg", "550mg")),
        ("Ibuprofen", ("600mg", "800mg")),
        ("Meloxicam", ("7.5mg", "15mg")),
        ("Celebrex", ("200mg",)),
        ("Diclofenac", ("75mg",)),
    ),
    "benzodiazepine": (("Xanax", ("0.5mg", "1mg")), ("Valium", ("5mg", "10mg")), ("Klonopin", ("0.5mg", "1mg")), ("Ativan", ("1mg",))),
    "sleep_aid": (("Ambien", ("5mg", "10mg")), ("Zolpidem", ("10mg",)), ("Lunesta", ("2mg", "3mg")), ("Restoril", ("15mg",))),
    "anticonvulsant": (("Gabapentin", ("300mg", "600mg")), ("Neurontin", ("300mg",)), ("Lyrica", ("75mg", "150mg")), ("Topamax", ("50mg",))),
    "other_drug": (
        ("Omeprazole", ("20mg",)),
        ("Prilosec", ("20mg",)),
        ("Cymbalta", ("30mg", "60mg")),
        ("Amitriptyline", ("25mg",)),
        ("Ondansetron", ("8mg",)),
    ),
}
SURGERIES = {
    "lumbar": ("L4-L5 microdiscectomy", "L5-S1 anterior lumbar interbody fusion", "lumbar laminectomy at L4-5"),
    "cervical": ("C5-C6 anterior cervical discectomy and fusion", "C6-7 cervical disc arthroplasty"),
    "shoulder": ("right shoulder arthroscopic subacromial decompression", "left shoulder rotator cuff repair"),
    "knee": ("left knee arthroscopic partial meniscectomy", "right total knee arthroplasty"),
    "wrist": ("right carpal tunnel release", "left wrist arthroscopy with debridement"),
    "ankle": ("left ankle arthroscopy", "right ankle lateral ligament reconstruction"),
}
ASSOCIATED = (
    "Pre-operative medical clearance",
    "Post-operative physical therapy 12 sessions",
    "Cold therapy unit rental for 7 days",
    "Assistant surgeon",
    "Post-operative brace",
    "Pre-operative labs: CBC, BMP, PT/PTT",
    "Inpatient stay for 2 days",
    "Post-operative Keflex 500mg #20",
    "DVT compression device rental",
)


@dataclass
class ItemSpec:
    """A requested item: its category and wording, plus what the outcome model needs to know."""

    category: str
    text: str
    quantity: int | None = None
    sessions: int | None = None  # sessions or visits requested
    therapy: str | None = None  # which course of therapy the sessions belong to
    compound: bool = False
    retrospective: bool = False
    original: str | None = None  # partial items: the original request ...
    authorized: str | None = None  # ... and what UR authorized; ``text`` is the remaining portion
    surgery_group: int | None = None  # items of one surgery bundle share it
    associated: bool = False


NUMBER_WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    12: "twelve",
    16: "sixteen",
    18: "eighteen",
    24: "twenty-four",
}


def _sessions_phrase(rng: random.Random, kind: str, n: int, where: str) -> str:
    freq = {4: (2, 2), 6: (2, 3), 8: (2, 4), 12: (3, 4), 18: (3, 6), 24: (3, 8)}.get(n)
    forms = [
        f"{kind.capitalize()} {n} sessions for the {where}",
        f"{NUMBER_WORDS.get(n, n)} sessions of {kind} for the {where}".capitalize(),
        f"{kind.capitalize()} for the {where}, {n} visits",
        f"{kind.capitalize()} x{n} {where}",
    ]
    if freq:
        forms.append(f"{kind.capitalize()} {freq[0]} times a week for {freq[1]} weeks, {where}")
    return rng.choice(forms)


def make_item(rng: random.Random, category: str, region: str) -> ItemSpec:
    where = rng.choice(REGION_WORDS[region])
    if category in DRUGS:
        name, strengths = rng.choice(DRUGS[category])
        qty = rng.choice((30, 60, 90, 120, 180)) if category != "topical" else rng.choice((1, 2, 30))
        strength = rng.choice(strengths)
        fmt = rng.choice(
            ("{n} {s} #{q}", "{n} {s} quantity {q}", "{n} {s}, #{q}", "{n} {s} ({q} tablets)" if category != "topical" else "{n} {s} #{q}")
        )
        item = ItemSpec(
            category, fmt.format(n=name, s=strength, q=qty), quantity=qty, compound="ompound" in name or ("/" in name and category == "topical")
        )
        if rng.random() < 0.12 and qty >= 60:
            auth = qty // rng.choice((2, 3))
            item.original, item.authorized = item.text, item.text.replace(str(qty), str(auth))
            item.text = item.text.replace(str(qty), str(qty - auth))
            item.quantity = qty - auth
    elif category in THERAPY_KIND:
        kind = THERAPY_KIND[category]
        n = rng.choice((4, 6, 6, 8, 12, 12, 18, 24))
        if category == "psych":
            text = rng.choice(
                (f"Cognitive behavioral therapy {n} sessions", f"Psychotherapy {n} visits", "Psychological evaluation", f"Biofeedback {n} sessions")
            )
        else:
            text = _sessions_phrase(rng, kind, n, where)
        item = ItemSpec(category, text, sessions=n, therapy=kind)
        if rng.random() < 0.15 and n >= 8 and category != "psych":
            auth = rng.choice((n // 2, 6 if n > 6 else n // 2))
            item.original, item.authorized = text, _sessions_phrase(rng, kind, auth, where)
            item.text = _sessions_phrase(rng, kind, n - auth, where)
            item.sessions = n - auth
    elif category == "imaging":
        mod = rng.choice(("MRI", "MRI", "CT scan", "X-rays", "MR arthrogram"))
        item = ItemSpec(category, rng.choice((f"{mod} of the {where}", f"{mod} {where} without contrast", f"Repeat {mod} of the {where}")))
    elif category == "emg_ncs":
        limbs = "lower extremities" if region in ("lumbar", "knee", "ankle") else "upper extremities"
        item = ItemSpec(category, rng.choice((f"EMG/NCV of the bilateral {limbs}", f"EMG/NCS {limbs}", f"Nerve conduction study of the {limbs}")))
    elif category == "injection":
        text = {
            "lumbar": ("Lumbar epidural steroid injection L4-5", "Bilateral L4-5, L5-S1 facet joint injections", "Transforaminal ESI L5-S1"),
            "cervical": ("Cervical epidural steroid injection C6-7", "Cervical medial branch block C4-5"),
        }.get(
            region,
            (
                f"Corticosteroid injection to the {where}",
                f"Platelet rich plasma injection, {where}",
                f"Hyaluronic acid injection series for the {where}",
            ),
        )
        item = ItemSpec(category, rng.choice(text))
    elif category == "dme":
        item = ItemSpec(
            category,
            rng.choice(
                (
                    "TENS unit purchase",
                    "Lumbar support brace",
                    "Hot/cold therapy unit",
                    "Cane",
                    "Home exercise kit",
                    "Interferential unit rental for 30 days",
                    "Orthopedic mattress",
                    "Wrist splint",
                )
            ),
        )
    elif category == "home_care":
        h = rng.choice((4, 6, 8))
        item = ItemSpec(
            category, rng.choice((f"Home health aide {h} hours per day, 5 days a week for 4 weeks", f"Home care assistance {h} hours a day"))
        )
    elif category == "consultation":
        item = ItemSpec(
            category,
            rng.choice(
                (
                    "Follow-up visit with the treating physician",
                    "Orthopedic surgeon consultation",
                    "Pain management consultation",
                    "Neurology consultation",
                    "Follow up office visits x3",
                    "Internal medicine consultation",
                    "Functional capacity evaluation",
                )
            ),
        )
    elif category == "lab":
        item = ItemSpec(
            category,
            rng.choice(
                (
                    "Urine drug screen",
                    "Urine toxicology screening",
                    "Comprehensive metabolic panel",
                    "Genetic testing for opioid metabolism",
                    "CBC and hepatic function panel",
                )
            ),
        )
    else:  # other_therapy
        item = ItemSpec(
            category,
            rng.choice(
                (
                    "H-wave device 30-day trial",
                    "Functional restoration program 160 hours",
                    "Work hardening 10 sessions",
                    "Extracorporeal shockwave therapy 3 sessions",
                    "Aquatic therapy 8 sessions",
                    "Massage therapy 6 sessions",
                )
            ),
        )
    if rng.random() < 0.06 and item.original is None:
        item.retrospective = True
        item.text = f"Retrospective: {item.text}"
    return item


def surgery_bundle(rng: random.Random, region: str) -> list[ItemSpec]:
    """A surgery and 1-3 of its associated services (clearance, post-op therapy, DME, assistant)."""
    group = rng.randrange(1 << 30)
    surgery = ItemSpec("surgery", rng.choice(SURGERIES[region]).capitalize(), surgery_group=group)
    extras = rng.sample(ASSOCIATED, rng.randint(1, 3))
    return [surgery] + [ItemSpec("associated_service", e, surgery_group=group, associated=True) for e in extras]
