"""Render a synthetic case as a letter, in varied wording: the 2016-2017 DWC layout or the 2013 notice.

Every fact the outcome model weighs is stated (or not) in the summary in one of several phrasings,
positive or negated, among distractors that use the same words without asserting the fact. The
boilerplate is this project's own wording; only the section headings and field labels follow the layout.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate, count
from operator import add
from typing import TypeVar

from imrpredict.synth.catalog import ItemSpec
from imrpredict.synth.facts import CaseFacts

T = TypeVar("T")

LAYOUTS = ("dwc-2016", "maximus-notice-2013")
LICENSURES = ("California", "California, Nevada", "California, Texas", "Oregon, California", "California, New York", "Arizona, California")
SPECIALTIES = {
    "drug": (
        "Physical Medicine & Rehabilitation, Pain Management",
        "Anesthesiology, Pain Medicine",
        "Family Practice",
        "Internal Medicine",
        "Occupational Medicine",
    ),
    "surgery": ("Orthopedic Surgery", "Orthopedic Surgery, Sports Medicine", "Neurological Surgery", "Hand Surgery"),
    "therapy": ("Chiropractic", "Physical Medicine & Rehabilitation", "Acupuncture", "Occupational Medicine"),
    "psych": ("Psychology", "Psychiatry"),
}
GUIDELINES = {
    "opioid": "Opioids, criteria for use",
    "muscle_relaxant": "Muscle relaxants (for pain)",
    "topical": "Topical Analgesics",
    "nsaid": "NSAIDs (non-steroidal anti-inflammatory drugs)",
    "benzodiazepine": "Benzodiazepines",
    "sleep_aid": "Insomnia treatment",
    "anticonvulsant": "Anti-epilepsy drugs (AEDs)",
    "other_drug": "NSAIDs, GI symptoms & cardiovascular risk",
    "physical_therapy": "Physical Medicine",
    "chiropractic": "Manual therapy & manipulation",
    "acupuncture": "Acupuncture Treatment Guidelines",
    "imaging": "Special Studies and Diagnostic and Treatment Considerations",
    "emg_ncs": "Electrodiagnostic studies",
    "injection": "Epidural steroid injections (ESIs)",
    "surgery": "Surgical Considerations",
    "associated_service": "Associated surgical services",
    "dme": "Durable medical equipment",
    "home_care": "Home health services",
    "consultation": "Office visits, Independent Medical Examinations and Consultations",
    "psych": "Behavioral interventions",
    "lab": "Drug testing",
    "other_therapy": "Functional restoration programs",
}
DIAGNOSES = {
    "lumbar": ("lumbar disc displacement", "lumbar radiculopathy", "lumbar sprain/strain", "degenerative disc disease of the lumbar spine"),
    "cervical": ("cervical radiculopathy", "cervical disc protrusion", "cervicalgia", "cervical sprain/strain"),
    "shoulder": ("rotator cuff tendinitis", "impingement syndrome of the shoulder", "shoulder sprain", "partial rotator cuff tear"),
    "knee": ("internal derangement of the knee", "medial meniscus tear", "patellofemoral syndrome", "knee sprain"),
    "wrist": ("carpal tunnel syndrome", "wrist sprain", "de Quervain's tenosynovitis", "trigger finger"),
    "ankle": ("ankle sprain", "plantar fasciitis", "Achilles tendinitis", "osteoarthritis of the ankle"),
}
LIMB = {"lumbar": "left leg", "cervical": "right arm", "shoulder": "right arm", "knee": "left leg", "wrist": "right hand", "ankle": "left foot"}


def fmt_date(d: date) -> str:
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap: each line the longest run of words that fits ``width`` (a longer word on its own line).

    Found by bisection on the cumulative word lengths rather than word by word: summaries are long, and this is
    the hottest loop of corpus writing."""
    words = text.split(" ")
    if "" in words:
        words = [word for word in words if word]
    ends = list(map(add, accumulate(map(len, words), initial=0), count()))  # ends[k] - 1: length of the first k words joined
    lines: list[str] = []
    start, n = 0, len(words)
    while start < n:
        stop = bisect_right(ends, ends[start] + width + 1, start + 1) - 1
        stop = max(stop, start + 1)
        lines.append(" ".join(words[start:stop]))
        start = stop
    return lines


def _choice(rng: random.Random, options: Sequence[T]) -> T:
    """One of ``options``, from a single draw (``rng.choice`` costs several: corpus writing makes ~100 picks a letter)."""
    return options[int(rng.random() * len(options))]


def _choose_weighted(rng: random.Random, options: Sequence[T], weights: Sequence[float]) -> T:
    """One of ``options`` with the given weights, from a single draw."""
    r = rng.random() * sum(weights)
    for option, weight in zip(options, weights, strict=True):
        r -= weight
        if r < 0:
            return option
    return options[-1]


def _sample(rng: random.Random, options: Sequence[T], k: int) -> list[T]:
    """``k`` distinct options (``rng.sample``, without its cost when k is 0 or 1)."""
    if k <= 0:
        return []
    if k == 1:
        return [_choice(rng, options)]
    return rng.sample(options, k)


def _pick(rng: random.Random, *options: str) -> str:
    return _choice(rng, options)


def _slash(score: str) -> str:
    """ "7 out of 10" as "7/10": in a few sentences the spelled-out scale made a run of 8 words of one real summary."""
    return score.replace(" out of 10", "/10")


def _out_of_ten(rng: random.Random, score: int) -> str:
    """A 0-10 pain score in either common notation."""
    return f"{score}/10" if rng.random() < 0.7 else f"{score} out of 10"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
# Reviewers' habits, per voice: A calls the worker "the injured worker" and writes dates with dashes; B "the
# patient", dates with slashes; C "the applicant", dates in words; D a mix of the others.
VOICES = ("A", "B", "C", "D")
_VOICE_WEIGHTS = (0.6, 0.21, 0.08, 0.11)
_VOICE_NOUN = {"A": "the injured worker", "B": "the patient", "C": "the applicant", "D": "the injured worker"}
_VOICE_DATES = {
    "A": (("dash", "dash2", "long"), (0.7, 0.2, 0.1)),
    "B": (("slash", "dash"), (0.85, 0.15)),
    "C": (("long",), (1.0,)),
    "D": (("dash", "slash", "long"), (0.5, 0.3, 0.2)),
}


def _join(parts: list[str], rng: random.Random | None = None) -> str:
    """ "a", "a and b", "a, b and c" (or, now and then, "a, b, and c")."""
    if len(parts) == 1:
        return parts[0]
    comma = "," if rng is not None and len(parts) > 2 and rng.random() < 0.35 else ""
    return ", ".join(parts[:-1]) + comma + " and " + parts[-1]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _weighted(rng: random.Random, options: tuple[tuple[float, str], ...]) -> str:
    """One of (weight, text) options."""
    total = sum(weight for weight, _ in options)
    r = rng.random() * total
    for weight, text in options:
        r -= weight
        if r < 0:
            return text
    return options[-1][1]


class _Writer:
    """One reviewer's habits for one letter: a voice (its stock frames), what the worker is called, how dates
    are written, how often a pronoun stands in, which side and body parts the records are about, how much is told."""

    def __init__(self, rng: random.Random, f: CaseFacts, items: list[ItemSpec]) -> None:
        self.rng = rng
        self.f = f
        self.voice = _choose_weighted(rng, VOICES, _VOICE_WEIGHTS)
        self.noun = _VOICE_NOUN[self.voice]
        if self.voice == "D":
            self.noun = _choice(rng, ("the injured worker", "the patient", "the worker"))
        self.N = _cap(self.noun)
        self.alias = "the worker" if self.voice == "A" and rng.random() < 0.3 else self.noun  # a shorter name now and then
        self.he = "she" if f.sex == "F" else "he"
        self.his = "her" if f.sex == "F" else "his"
        self.pronouns = _choice(rng, (0.0, 0.1, 0.2, 0.3))
        self.present = self.voice in ("A", "D") and rng.random() < 0.3  # retells the records in the present tense
        styles, weights = _VOICE_DATES[self.voice]
        self.dates = _choose_weighted(rng, styles, weights)
        self.pad = rng.random() < 0.4
        named = " ".join(it.text for it in items).lower()
        self.side = "left" if " left " in f" {named} " else "right" if " right " in f" {named} " else _choice(rng, ("left", "right"))
        self.other = "right" if self.side == "left" else "left"
        self.sex_word = _choose_weighted(rng, ("female", "woman") if f.sex == "F" else ("male", "man"), (0.95, 0.05))
        self.region = f.region
        self.part = _part(rng, f.region, self.side)
        self.extra = _choose_weighted(rng, _SECONDARY[f.region], _SECONDARY_WEIGHTS[f.region]) if rng.random() < 0.65 else None
        self.surgery_letter = any(it.category == "surgery" for it in items)
        self.detail = _choose_weighted(rng, (0, 1, 2, 3), (0.2, 0.3, 0.3, 0.2))  # how much this writer tells: the spread of length
        self._opioid: str | None = None

    def who(self, cap: bool = True) -> str:
        """The worker as a sentence's subject: the letter's noun, now and then a shorter name or a pronoun."""
        r = self.rng.random()
        s = self.he if r < self.pronouns else self.alias if r < self.pronouns + 0.15 else self.noun
        return _cap(s) if cap else s

    def whose(self) -> str:
        return self.his if self.rng.random() < 0.4 else self.noun + "'s"

    def opioid(self) -> str:
        """The opioid the letter names, the same each time."""
        if self._opioid is None:
            self._opioid = _choice(self.rng, _OPIOIDS)
        return self._opioid

    def choose(self, **by_voice: tuple[str, ...]) -> str:
        """A phrasing of this writer's voice, or now and then one of another voice's (never the applicant's
        writer's frames, which name the applicant, in another voice's letter)."""
        own = by_voice.get(self.voice) or by_voice.get("A", ())
        if own and self.rng.random() < 0.8:
            return _choice(self.rng, own)
        return _choice(self.rng, [s for voice, options in by_voice.items() if voice != "C" or self.voice == "C" for s in options])

    def date(self, d: date) -> str:
        if self.dates == "long":
            return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
        if self.dates == "slash":
            return f"{d.month}/{d.day:02d}/{d.year}"
        if self.dates == "dash2":
            return f"{d.month}-{d.day}-{d.year % 100:02d}"
        return f"{d.month}-{d.day:02d}-{d.year}" if self.pad else f"{d.month}-{d.day}-{d.year}"


_REGION_PARTS = {
    "lumbar": ("low back", "lumbar spine", "low back", "lumbar spine", "lower back"),
    "cervical": ("neck", "cervical spine", "cervical spine", "cervical spine"),
    "shoulder": ("{s} shoulder",),
    "knee": ("{s} knee",),
    "wrist": ("{s} wrist", "{s} hand", "{s} wrist and hand", "{s} arm"),
    "ankle": ("{s} ankle", "{s} foot", "{s} foot and ankle"),
}
_SECONDARY = {
    "lumbar": ("thoracic", "cervical", "hip", "knee", "shoulder"),
    "cervical": ("thoracic", "shoulder", "lumbar", "head", "elbow"),
    "shoulder": ("cervical", "elbow", "lumbar", "thoracic"),
    "knee": ("lumbar", "hip", "shoulder"),
    "wrist": ("elbow", "shoulder", "cervical"),
    "ankle": ("knee", "lumbar", "hip"),
}
_SECONDARY_WEIGHTS = {
    "lumbar": (0.15, 0.3, 0.25, 0.1, 0.2),
    "cervical": (0.1, 0.35, 0.45, 0.02, 0.08),
    "shoulder": (0.3, 0.15, 0.45, 0.1),
    "knee": (0.6, 0.25, 0.15),
    "wrist": (0.4, 0.35, 0.25),
    "ankle": (0.2, 0.5, 0.3),
}
_EXTRA_PART = {
    "thoracic": "thoracic spine",
    "cervical": "neck",
    "lumbar": "low back",
    "hip": "{o} hip",
    "knee": "{o} knee",
    "shoulder": "{s} shoulder",
    "elbow": "{s} elbow",
    "ankle": "{o} ankle",
    "head": "head",
}


def _part(rng: random.Random, region: str, side: str) -> str:
    return _choice(rng, _REGION_PARTS[region]).format(s=side)


def _extra_part(w: _Writer) -> str:
    return _EXTRA_PART[w.extra or "head"].format(s=w.side, o=w.other)


# Diagnoses that assert none of the facts the outcome model weighs (no radiculopathy, neuropathy, fracture,
# surgical lesion or mood disorder): "{s}" is the injured side, "{o}" the other one.
_DX = {
    "lumbar": (
        "lumbar sprain/strain",
        "lower back muscle and tendon strain",
        "low back pain",
        "lumbago",
        "lumbar degenerative disc disease",
        "{s} sacroiliac joint dysfunction",
        "lumbar facet arthropathy",
        "lumbar strain",
        "lumbar muscle spasm",
        "lumbar spine strain, subsequent encounter",
        "pain in the lumbar spine",
        "lumbar disc displacement",
        "lower back contusion",
        "lumbar ligament sprain",
        "unspecified sprain of the lower back",
    ),
    "cervical": (
        "cervical sprain/strain",
        "cervicalgia",
        "neck muscle and tendon strain",
        "strain of the neck musculature",
        "{s} trapezius strain",
        "neck pain",
        "cervical degenerative disc disease",
        "cervical spine strain",
        "neck strain, initial encounter",
        "cervical disc displacement",
        "cervical ligament sprain",
        "unspecified strain of the neck",
    ),
    "shoulder": (
        "{s} shoulder strain",
        "{s} rotator cuff tendonitis",
        "impingement syndrome of the {s} shoulder",
        "{s} shoulder pain",
        "{s} subacromial bursitis",
        "{s} rotator cuff strain",
        "adhesive capsulitis of the {s} shoulder",
        "{s} acromioclavicular joint arthrosis",
        "partial thickness tear of the {s} supraspinatus tendon",
        "{s} bicipital tendinitis",
        "{s} shoulder contusion",
        "impingement of the {s} shoulder",
        "possible {s} rotator cuff tear",
        "unspecified sprain of the {s} shoulder",
    ),
    "knee": (
        "{s} knee sprain",
        "{s} knee contusion",
        "internal derangement of the {s} knee",
        "{s} knee pain",
        "chondromalacia patella of the {s} knee",
        "tear of the medial meniscus, {s} knee",
        "osteoarthritis of the {s} knee",
        "{s} patellar tendonitis",
        "{s} knee strain",
        "{s} knee effusion",
        "unspecified sprain of the {s} knee",
    ),
    "wrist": (
        "{s} wrist sprain",
        "{s} carpal tunnel syndrome",
        "de Quervain's tenosynovitis of the {s} wrist",
        "{s} hand contusion",
        "{s} wrist tendonitis",
        "trigger finger of the {s} hand",
        "{s} thumb sprain",
        "{s} wrist pain",
        "{s} forearm strain",
        "{s} hand pain",
        "unspecified sprain of the {s} wrist",
    ),
    "ankle": (
        "{s} ankle sprain",
        "{s} foot contusion",
        "{s} plantar fasciitis",
        "{s} Achilles tendonitis",
        "{s} foot pain",
        "{s} ankle instability",
        "{s} posterior tibial tendinitis",
        "{s} midfoot strain",
        "pain in the {s} foot",
        "{s} foot strain",
        "unspecified sprain of the {s} ankle",
    ),
    "thoracic": ("thoracic strain", "thoracic sprain/strain", "pain in the thoracic spine"),
    "hip": ("{o} hip strain", "pain in the {o} hip", "{o} hip contusion", "{o} trochanteric bursitis"),
    "elbow": ("{s} elbow sprain", "{s} lateral epicondylitis", "{s} elbow contusion"),
    "head": ("headaches", "head contusion", "post-traumatic headache"),
}
_DX_RADICULAR = {
    "lumbar": ("lumbar radiculopathy", "sciatica of the {s} side", "lumbosacral radiculitis"),
    "cervical": ("cervical radiculopathy", "cervical radiculitis"),
}


def _dx_list(w: _Writer, f: CaseFacts) -> list[str]:
    rng = w.rng
    out = _sample(rng, _DX[f.region], _choose_weighted(rng, (1, 2, 3, 4), (0.3, 0.33, 0.25, 0.12)))
    if f.radicular and f.region in _DX_RADICULAR and rng.random() < 0.5:
        out.insert(rng.randrange(len(out) + 1), _choice(rng, _DX_RADICULAR[f.region]))
    if w.extra is not None and rng.random() < 0.8:
        out += _sample(rng, _DX[w.extra], _choice(rng, (1, 1, 2)))
    if f.insomnia and rng.random() < 0.3:
        out.append("insomnia")
    if f.depression and rng.random() < 0.3:
        out.append(_choice(rng, ("depressive disorder", "depression")))
    out = [d.format(s=w.side, o=w.other) for d in out]
    # a list opening with the side ("right knee sprain") follows "treatment for" as in many one-writer runs
    out.sort(key=lambda d: d.startswith(_GENERIC_DX))
    if out[0].startswith(("left ", "right ")):
        side, rest = out[0].split(" ", 1)
        out[0] = f"{rest}, {side}"
    return out


def summary_sentences(rng: random.Random, f: CaseFacts, items: list[ItemSpec]) -> list[str]:
    """The CLINICAL CASE SUMMARY as a reviewer's narrative: the worker and the injury, diagnoses, treatment to
    date, dated reports of complaints and findings, medications, imaging, the plan, the request and the UR
    decision on it.

    Every fact of ``f`` is stated (asserted or negated) or left out exactly as its value says; the sentences
    around them are drawn from the same pools whatever the outcome.
    """
    w = _Writer(rng, f, items)
    facts = _FactSentences(w, f)
    out = _opening(w, f)
    mechanism = out[1:] if rng.random() < 0.5 else []
    out = out[: len(out) - len(mechanism)]
    if rng.random() < 0.9:
        out.append(_diagnoses(w, f))
    out += mechanism
    history = _treatment_to_date(w, f, after_dx=not mechanism and len(out) > 1)
    if f.rtw is not None and rng.random() < 0.3:
        history.append(facts.work())
    meds = _medications(w, f) if rng.random() < 0.5 else []
    if meds and rng.random() < 0.5:
        history += meds
        meds = []
    if rng.random() < 0.08 + 0.04 * w.detail:
        history.append(_past_history(w))
    imaging = _imaging(w, f)
    if imaging and rng.random() < 0.4:
        history += imaging
        imaging = []
    out += history
    out += _visits(w, f, facts, meds, imaging)
    if rng.random() < 0.1:
        out += _extras(w, _RECORD_EXTRA, 1)
    if w.voice == "C":
        out += _extras(w, _C_EXTRA, _choice(rng, (1, 2)), w.date(f.ur_denial_date - timedelta(days=rng.randint(10, 30))))
    if w.present:
        out = [_in_present(s) for s in out]
    out += _request(w, f, items)
    return out


def _in_present(sentence: str) -> str:
    """A sentence of the records retold in the present tense, as some reviewers write them."""
    return sentence.replace(" was ", " is ").replace(" were ", " are ")


def _opening(w: _Writer, f: CaseFacts) -> list[str]:
    rng = w.rng
    n, N, age, sex = w.noun, _cap(w.noun), f.age, w.sex_word
    doi = w.date(f.date_of_injury)
    on = "dated" if w.dates == "long" else "on"  # "injury on December 5, 2016" runs on as several real summaries do
    occ, part, mech = f.occupation, w.part, f.mechanism
    if w.voice == "A":
        first = _weighted(
            rng,
            (
                (2, f"{N} is a {age} year old {sex} who reportedly sustained an industrial injury {on} {doi}."),
                (3, f"{N} is a {age} year old {sex} who sustained an industrial injury {on} {doi} to the {part}."),
                (2, f"{N} is a {age} year old {sex} who sustained an industrial injury {on} {doi}, when {w.he} was {_gerund(mech)}."),
                (1, f"{N} is a {age} year old {sex} who sustained an industrial injury {on} {doi} due to {mech}."),
                (2, f"{N} is a {age} year old {sex} with an industrial injury {on} {doi}."),
                (2, f"{N} is a {age} year old {sex} {occ} who sustained an industrial injury {on} {doi}."),
                (1, f"{N}, a {age} year old {sex}, sustained an industrial injury {on} {doi} while working as a {occ}."),
                (1, f"{N} is a {age} year old {sex} whose date of injury is {doi}."),
                (1, f"{N} is a {age} year old {sex}, with an industrial injury date of {doi}."),
                (1, f"{N} is a {age} year old {sex} who sustained an injury to the {part} with a date of injury of {doi}."),
                (1, f"{N} is a {age} year old {sex} with a history of an industrial injury {on} {doi}."),
            ),
        )
    elif w.voice == "B":
        first = _weighted(
            rng,
            (
                (2, f"This case involves a now {age}-year-old {sex} with an occupational claim from {doi} for {part} complaints."),
                (2, f"This case involves a now {age}-year-old {sex} with a history of an industrial injury {on} {doi} to the {part}."),
                (1, f"This case involves a {age}-year-old {sex} {occ} with an occupational claim from {doi} involving the {part}."),
                (1, f"The patient is a now {age} year old {sex} with a history of an occupational injury {on} {doi}."),
            ),
        )
    elif w.voice == "C":
        first = _pick(
            rng,
            f"The applicant is a {age}-year-old {sex} with a claim for {part} pain tied to an industrial injury of {doi}.",
            f"The applicant is a {age}-year-old {sex} who has claimed {part} pain as the result of an industrial injury of {doi}.",
            f"The applicant, a {age}-year-old {sex} {occ}, has filed a claim for {part} complaints after an industrial injury of {doi}.",
        )
    else:
        first = _pick(
            rng,
            f"This {age} year old {sex} has a date of injury of {doi}.",
            f"{N} is a {age} year old {sex} with a work injury {on} {doi}.",
            f"This {age} year old {sex} {occ} reported a work related injury {on} {doi}.",
            f"According to the medical records, {n} is a {age} year old {sex} with an industrial injury {on} {doi}.",
        )
    out = [first]
    if rng.random() < 0.42:
        who = _cap(w.noun)
        out.append(
            w.choose(
                A=(
                    f"The mechanism of injury is {mech}.",
                    f"Mechanism of injury was {mech}.",
                    f"The mechanism of injury was noted as {mech}.",
                    f"{who} was injured due to {mech}.",
                ),
                B=(
                    f"The injury mechanism is detailed as {mech}.",
                    f"The mechanism of injury was noted to be {mech}.",
                    f"The mechanism of injury is documented as {mech}.",
                ),
                C=(f"The applicant attributed the injury to {mech}.", f"The injury reportedly arose from {mech}."),
            )
        )
    elif rng.random() < 0.05:
        out.append(_pick(rng, "Records did not describe the mechanism of injury.", "How the injury occurred was not described."))
    return out


_GERUND = {
    "lifting a heavy box": "lifting a heavy box",
    "a slip and fall on a wet floor": "slipping on a wet floor",
    "repetitive keyboard work": "doing repetitive keyboard work",
    "a motor vehicle accident": "involved in a motor vehicle accident",
    "a fall from a ladder": "falling from a ladder",
    "pulling a pallet jack": "pulling a pallet jack",
    "being struck by a falling object": "struck by a falling object",
    "a trip over a hose": "tripping over a hose",
    "restraining a patient": "restraining a patient",
    "cumulative trauma from repetitive lifting": "lifting repetitively",
}


def _gerund(mechanism: str) -> str:
    """The mechanism as what the worker was doing ("when he was lifting a heavy box")."""
    return _GERUND.get(mechanism, "at work")


_GENERIC_DX = ("low back", "neck pain", "cervicalgia", "lumbago", "lumbar s", "left ", "right ")


def _diagnoses(w: _Writer, f: CaseFacts) -> str:
    rng = w.rng
    dx = _dx_list(w, f)
    listed = "; ".join(dx) if len(dx) > 2 and rng.random() < 0.2 else _join(dx, rng)
    who, n = w.N, w.noun  # right after the date of injury a pronoun ("... 2016. He is") makes a stock run
    if dx[0].startswith(_GENERIC_DX):  # "is undergoing treatment for low back pain" is many a real summary's
        return _pick(
            rng, f"The diagnosis listed is {listed}.", f"Diagnoses documented in the records are {listed}.", f"The working diagnoses were {listed}."
        )
    if len(dx) == 1:
        return w.choose(
            A=(f"{who} is undergoing treatment for {listed}.", f"Diagnoses for {n} include {listed}.", f"The diagnosis is {listed}."),
            B=(
                f"The current diagnosis is {listed}.",
                f"The current diagnosis is noted as {listed}.",
                f"{w.N} is being treated for a diagnosis of {listed}.",
            ),
            C=(f"The applicant was given a diagnosis of {listed}.",),
        )
    return w.choose(
        A=(
            f"{who} is undergoing treatment for {listed}.",
            f"{who} is undergoing treatment for {listed}.",
            f"Medical records indicate treatment for {listed}.",
            f"Diagnoses for {n} include {listed}.",
            f"Diagnoses listed include {listed}.",
            f"The current diagnoses are {listed}.",
        ),
        B=(
            f"The current diagnoses are {listed}.",
            f"The current diagnoses were noted as {listed}.",
            f"Diagnoses documented in the records are {listed}.",
            f"{w.N} is being treated for conditions including {listed}.",
        ),
        C=(f"The applicant carried diagnoses of {listed}.", f"Diagnoses of {listed} are listed."),
    )


_GENERIC_CARE = (
    "medications",
    "medications",
    "medications",
    "medications",
    "diagnostic studies",
    "activity modification",
    "rest",
    "ice",
    "x-rays",
    "medication management",
    "a brace",
    "diagnostic testing",
    "evaluations",
    "a home exercise program",
    "splinting",
    "an NSAID",
    "MRI imaging",
    "a TENS unit",
    "heat",
    "work modification",
)


_COMMON_FIRST = frozenset({"medications", "diagnostic studies", "diagnostic testing", "medication management", "x-rays", "activity modification"})


def _therapy_phrase(rng: random.Random, kind: str, n: int) -> str:
    return _weighted(
        rng,
        (
            (0.25, f"{kind} x {n}"),
            (0.25, f"{n} sessions of {kind}"),
            (0.15, f"{n} {kind} sessions"),
            (0.1, f"{kind} ({n} sessions completed)"),
            (0.1, f"{n} {kind} visits"),
            (0.15, f"{kind} ({n} visits)"),
        ),
    )


def _treatment_to_date(w: _Writer, f: CaseFacts, after_dx: bool = False) -> list[str]:
    """Treatment to date, with every course of therapy whose number of sessions is a fact. ``after_dx``: it follows
    the list of diagnoses, whose last words and the commonest frame would make a run of some real summary."""
    rng = w.rng
    done = [(kind, count) for kind, count in f.sessions_done.items() if count]
    none = [kind for kind, count in f.sessions_done.items() if count == 0]
    out: list[str] = []
    if done or rng.random() < 0.72:
        generic = list(dict.fromkeys(_sample(rng, _GENERIC_CARE, _choose_weighted(rng, (1, 2, 3, 4), (0.3, 0.35, 0.25, 0.1)))))
        if "work modification" in generic and f.rtw is None:
            generic.remove("work modification")  # says the worker is on modified duty
        rng.shuffle(generic)
        generic.sort(key=lambda g: g in _COMMON_FIRST)  # "has included medications and ..." is many a real summary's
        therapies = [_therapy_phrase(rng, kind, count) for kind, count in done]
        rng.shuffle(therapies)
        generic = generic or ["medications"]
        # neither first nor last: next to the frame or to the next sentence's date, a course of therapy makes a stock run
        parts = generic[:-1] + therapies + generic[-1:] if therapies and len(generic) > 1 else generic + therapies
        if therapies and len(generic) == 1:
            parts = [f"{generic[0]} along with {_join(therapies, rng)}"]
        elif len(parts) > 1 and parts[-1] == "medications":  # "... and medications. The" runs on as real ones do
            parts.insert(0, parts.pop())
        if len(parts) > 1 and parts[0] in _COMMON_FIRST:
            parts = [f"{parts[0]} {_choice(rng, ('as well as', 'in addition to', 'along with', 'plus'))} {_join(parts[1:], rng)}"]
        if f.postop and rng.random() < 0.3:
            parts.insert(0, "surgery")  # first: "treatment has included ... surgery" would take in the sessions listed before it
        listed = _join(parts, rng)
        if therapies and rng.random() < 0.5:
            out.append(
                _pick(
                    rng,
                    f"Treatment to date has consisted of {listed}.",
                    f"Treatments have included {listed}.",
                    f"Treatment rendered to date includes {listed}.",
                    f"Prior care has comprised {listed}.",
                )
            )
        elif after_dx:
            out.append(
                _pick(
                    rng, f"Treatment so far has included {listed}.", f"Treatments have included {listed}.", f"Previous treatment included {listed}."
                )
            )
        else:
            out.append(
                w.choose(
                    A=(
                        f"Treatment to date has included {listed}.",
                        f"To date, treatment has included {listed}.",
                        f"Treatment so far has included {listed}.",
                        f"Treatment and testing to date has included {listed}.",
                        f"Treatment to date includes {listed}.",
                        f"Prior treatment included {listed}.",
                        f"Treatments have included {listed}.",
                    ),
                    B=(
                        f"Prior treatment included {listed}.",
                        f"Past treatments included {listed}.",
                        f"Previous treatment included {listed}.",
                        f"{w.N} received treatment to include {listed}.",
                    ),
                    C=(f"The applicant was treated with {listed}.", f"Treatment thus far has comprised {listed}."),
                )
            )
    for kind in none:
        who = w.who()
        out.append(
            _pick(
                rng,
                f"{who} has not had any {kind} to date.",
                f"No prior {kind} is documented.",
                f"{_cap(kind)} has not been tried.",
                f"There has been no {kind} so far.",
                f"{who} has never received {kind}.",
                f"{who} had not started {kind}.",
            )
        )
    return out


_NON_OPIOIDS = (
    "Naproxen",
    "Naproxen 550mg",
    "Ibuprofen",
    "Ibuprofen 800mg",
    "Meloxicam",
    "Cyclobenzaprine",
    "Cyclobenzaprine 7.5mg",
    "Tizanidine",
    "Methocarbamol",
    "Omeprazole",
    "Pantoprazole",
    "Acetaminophen",
    "Diclofenac",
    "Etodolac",
    "Nabumetone",
    "Orphenadrine",
    "Baclofen",
    "Mobic",
    "Flexeril",
    "Lidocaine patches",
    "Gabapentin",
    "Relafen",
    "Motrin",
    "Naprosyn",
    "Tylenol",
    "topical creams",
)
_OTHER_MEDS = ("Lisinopril", "Metformin", "Atorvastatin", "Amlodipine", "Levothyroxine")
_OPIOIDS = ("Norco", "Norco 10/325mg", "Tramadol", "Tramadol 50mg", "Percocet", "Hydrocodone", "Oxycodone", "Hydrocodone-acetaminophen")


def _medications(w: _Writer, f: CaseFacts) -> list[str]:
    rng = w.rng
    meds = _sample(rng, _NON_OPIOIDS, _choose_weighted(rng, (1, 2, 3, 4), (0.25, 0.35, 0.25, 0.15)))
    meds = list({m.split(" ")[0]: m for m in meds}.values())  # one strength per drug
    if f.on_opioids:
        meds.insert(rng.randrange(len(meds) + 1), w.opioid())
    if rng.random() < 0.1:
        meds.append(_choice(rng, _OTHER_MEDS))
    listed = _join(meds, rng)
    return [
        w.choose(
            A=(
                f"Current medications include {listed}.",
                f"Prescribed medications have included {listed}.",
                f"Current medications included {listed}.",
                f"Prescribed medications included {listed}.",
                f"{_cap(w.whose())} medications were {listed}.",
                f"{w.N} was prescribed {listed}.",
            ),
            B=(
                f"{w.N}'s medications included {listed}.",
                f"Current medications included {listed}.",
                f"{w.N} was taking {listed}.",
            ),
            C=(f"The applicant was using {listed}.", f"{listed} were prescribed." if len(meds) > 1 else f"{listed} was prescribed."),
        )
    ]


def _past_history(w: _Writer) -> str:
    rng = w.rng
    history = _join(
        _sample(rng, ("hypertension", "diabetes", "hyperlipidemia", "asthma", "obesity", "hypothyroidism", "acid reflux"), _choice(rng, (1, 1, 2)))
    )
    return _pick(rng, f"Past medical history: {history}.", f"Comorbidities: {history}.", f"{w.who()} has a history of {history}.")


# Complaints and findings by body part: none of it asserts a fact the outcome model weighs.
_AGGRAVATED = {
    "lumbar": ("bending and lifting", "prolonged sitting or standing", "bending, stooping or twisting", "standing", "lifting"),
    "cervical": ("turning the head", "looking up or down", "prolonged computer work", "driving", "overhead reaching"),
    "shoulder": ("reaching overhead", "lifting or pushing", "reaching behind the back", "overhead activities", "carrying"),
    "knee": ("kneeling or squatting", "climbing stairs", "prolonged standing", "walking", "bending the knee"),
    "wrist": ("gripping and grasping", "typing", "lifting objects", "repetitive use", "pushing or pulling"),
    "ankle": ("prolonged standing", "walking on uneven ground", "weight bearing", "going down stairs", "walking"),
}
_QUALITY = ("sharp", "dull", "constant", "intermittent", "frequent", "moderate", "severe", "mild", "moderately severe", "occasional")
_SPINE_PAIN = {"lumbar": ("low back pain", "lower back pain", "low back pain"), "cervical": ("neck pain", "neck pain", "neck pain")}
# "{a}".."{h}" are degrees, "{s}" the injured side, "{o}" the other one.
_EXAM = {
    "lumbar": (
        "tenderness to palpation over the lumbar paraspinal muscles",
        "muscle spasms of the lumbar paravertebral muscles",
        "lumbar flexion limited to {a} degrees",
        "painful extension to {b} degrees",
        "reduced lumbar motion",
        "tenderness at the sacroiliac joint",
        "a positive Kemp's test",
        "pain with facet loading",
        "an antalgic gait pattern",
        "guarding with lumbar motion",
        "tenderness over L4 through S1",
        "a normal gait",
        "range of motion restricted by pain",
        "limited lumbar range of motion",
        "tenderness in the lumbar area",
        "spasms and tenderness of the bilateral paraspinal muscles",
    ),
    "cervical": (
        "paraspinal and trapezius tenderness to palpation",
        "reduced cervical motion",
        "flexion limited to {b} degrees and extension limited to {c} degrees",
        "rotation limited to {d} degrees",
        "muscle spasms of the upper trapezius",
        "tenderness of the spinous processes from C5 to C7",
        "guarding of the cervical musculature",
        "trigger points in the trapezius",
        "range of motion that was restricted and painful",
        "painful cervical range of motion",
        "tenderness of the bilateral trapezius muscles",
        "tenderness to the cervical spine",
    ),
    "shoulder": (
        "tenderness at the acromioclavicular joint",
        "positive Neer and Hawkins impingement signs",
        "forward flexion limited to {e} degrees",
        "abduction to {f} degrees",
        "external rotation to {d} degrees",
        "a positive empty can test",
        "4/5 strength with resisted abduction",
        "a painful arc of motion",
        "bicipital groove tenderness",
        "decreased {s} shoulder range of motion",
        "pain on range of motion testing",
        "limited range of motion with pain",
        "tenderness of the trapezius and deltoid muscles",
        "tenderness to palpation",
        "limited shoulder range of motion",
    ),
    "knee": (
        "medial joint line tenderness",
        "a positive McMurray test",
        "a mild effusion",
        "flexion limited to {g} degrees",
        "a stable knee to varus and valgus stress",
        "patellar tendon tenderness to palpation",
        "lateral joint line tenderness",
        "pain with squatting",
        "decreased {s} knee range of motion",
        "full extension with pain",
        "swelling of the knee",
        "tenderness to palpation",
        "no instability",
        "pain with motion",
    ),
    "wrist": (
        "a positive Tinel's sign at the wrist",
        "a positive Phalen's test",
        "a positive Finkelstein test",
        "first dorsal compartment tenderness",
        "decreased grip strength",
        "{a} degrees of wrist flexion",
        "swelling over the dorsal wrist",
        "full range of motion of the fingers",
        "tenderness of the thenar eminence",
        "range of motion that was restricted",
        "forearm muscle tenderness",
    ),
    "ankle": (
        "tenderness to palpation over the anterior talofibular ligament",
        "swelling over the lateral ankle",
        "dorsiflexion limited to {h} degrees",
        "plantar flexion of {c} degrees",
        "a positive anterior drawer test",
        "tenderness at the plantar fascia insertion",
        "an antalgic gait pattern",
        "tenderness along the Achilles tendon",
        "mild ecchymosis over the lateral malleolus",
        "limited range of motion",
        "an abnormal gait",
    ),
    "thoracic": (
        "tenderness of the thoracic paraspinal muscles",
        "spasms of the thoracic musculature",
        "thoracic range of motion that was restricted",
    ),
    "hip": ("tenderness over the {o} greater trochanter", "hip flexion limited to {g} degrees", "pain with hip internal rotation"),
    "elbow": ("tenderness at the {s} lateral epicondyle", "a positive Cozen's test", "full range of motion of the elbow"),
    "head": ("no acute distress", "normal speech"),
}
_EXAM_GENERAL = (
    "5/5 motor strength bilaterally in the {limbs}",
    "5/5 strength throughout the {limbs}",
    "deep tendon reflexes of 2+ and symmetric",
    "normal posture",
    "no acute distress",
    "a slow gait",
    "no swelling or ecchymosis",
    "no deformity or atrophy",
    "pain with movement",
    "no evidence of instability",
)
_SENSATION = ("intact light touch sensation", "sensation within normal limits", "intact sensation in the {limbs}")


def _finding(w: _Writer, region: str) -> str:
    rng = w.rng
    text = _choice(rng, _EXAM[region])
    if "{" in text:
        text = text.format(
            s=w.side,
            o=w.other,
            a=_choice(rng, (30, 40, 45, 50, 60, 70)),
            b=_choice(rng, (10, 15, 20, 25, 30)),
            c=_choice(rng, (20, 25, 30, 35, 40)),
            d=_choice(rng, (45, 50, 55, 60, 70)),
            e=_choice(rng, (90, 100, 110, 120, 140, 150, 160)),
            f=_choice(rng, (80, 90, 100, 120, 140)),
            g=_choice(rng, (90, 100, 110, 120, 130)),
            h=_choice(rng, (5, 10, 15)),
        )
    return text


def _exam_sentences(w: _Writer, region: str, k: int, neuro_ok: bool) -> list[str]:
    """k findings of one body region in one or two sentences; ``neuro_ok``: normal sensation may be said."""
    rng = w.rng
    findings = sorted(dict.fromkeys(_finding(w, region) for _ in range(k)), key=lambda x: not x.startswith("tender"))
    limbs = "upper extremities" if region in ("cervical", "shoulder", "wrist", "elbow") else "lower extremities"
    if rng.random() < 0.25:
        findings.append(_choice(rng, _EXAM_GENERAL).format(limbs=limbs))
    if neuro_ok and rng.random() < 0.15:
        findings.append(_choice(rng, _SENSATION).format(limbs=limbs))
    part = _part(rng, region, w.side) if region in _REGION_PARTS else _EXTRA_PART[region].format(s=w.side, o=w.other)
    if len(findings) > 2 and rng.random() < 0.4:
        head, tail = findings[:2], findings[2:]
        return [
            _pick(
                rng,
                f"Physical examination of the {part} showed {_join(head)}.",
                f"Objective findings were {_join(head)}.",
                f"Physical exam noted {_join(head)}.",
            ),
            _pick(
                rng,
                f"{_cap(_join(tail))} {'were' if len(tail) > 1 else 'was'} also present.",
                f"{_cap(_join(tail))} {'were' if len(tail) > 1 else 'was'} noted.",
                f"{w.who()} additionally had {_join(tail)}.",
            ),
        ]
    listed = _join(findings, rng)
    return [
        w.choose(
            A=(
                f"Physical examination revealed {listed}.",
                f"Physical exam noted {listed}.",
                f"Physical exam of the {part} documented {listed}.",
                f"Objective findings: {listed}.",
                f"Objective findings were notable for {listed}.",
                f"Examination was notable for {listed}.",
                f"Exam of the {part} showed {listed}.",
                f"The physical examination revealed {listed}.",
                f"The exam was notable for {listed}.",
            ),
            B=(
                f"Physical examination showed {listed}.",
                f"Physical examination of the {part} was notable for {listed}.",
                f"{w.N} was found to have {listed}.",
                f"Physical examination findings were {listed}.",
            ),
            C=(f"{_cap(listed)} {'were' if len(findings) > 1 else 'was'} appreciated on exam.", f"The applicant exhibited {listed}."),
            D=(f"Exam findings included {listed}.", f"Exam findings were {listed}."),
        )
    ]


def _complaint(w: _Writer, score: str | None) -> str:
    """What the worker complained of at a visit, as a noun phrase; ``score``, when given, goes with it."""
    rng = w.rng
    region = w.region
    q = _sample(rng, _QUALITY, _choose_weighted(rng, (0, 1, 2), (0.65, 0.28, 0.07)))
    quality = " and ".join(q) + " " if q else ""
    where = w.part if rng.random() < 0.6 else _part(rng, region, w.side)
    if region in _SPINE_PAIN and rng.random() < 0.6:
        pain = quality + _choice(rng, _SPINE_PAIN[region])
    elif rng.random() < 0.15:
        pain = _pick(rng, f"{where} discomfort", f"{where} symptoms", f"{where} complaints", f"stiffness and soreness of the {where}")
    else:
        pain = f"{quality}{where} pain"
    if w.extra is not None and rng.random() < 0.6:
        other = _extra_part(w)
        pain = _pick(rng, f"{pain} with associated {other} pain", f"{other} symptoms and {pain}", f"{pain} with {other} pain")
    if score is not None:
        return _pick(
            rng,
            f"{pain} at a level of {score} that day",
            f"{pain} of {score} intensity at the time",
            f"{pain}, which {w.he} graded as {score} that day",
        )
    agg = _choice(rng, _AGGRAVATED[region])
    return _weighted(
        rng,
        (
            (0.34, pain),
            (0.06, f"pain involving the {where}"),
            (0.03, f"{pain} with {agg}"),
            (0.05, f"{pain} associated with {agg}"),
            (0.04, f"{pain} aggravated by {agg}"),
            (0.06, f"persisting {pain}"),
            (0.06, f"continued {pain}"),
            (0.06, f"{pain} with weakness"),
            (0.03, f"{pain} and stiffness"),
            (0.04, f"{pain} that increased with {agg}"),
        ),
    )


def _score(rng: random.Random) -> str:
    s = rng.randint(4, 9)
    if rng.random() < 0.15:
        return f"{s}-{s + 1}/10" if rng.random() < 0.4 else f"{s}-{s + 1} out of 10"
    return f"{s}/10" if rng.random() < 0.35 else f"{s} out of 10"


def _pain_score(w: _Writer, score: str) -> str:
    rng = w.rng
    who = w.who()
    return _pick(
        rng,
        f"The pain rating was {score} during that visit.",
        f"{who} rated pain as {score} on that date.",
        f"{who} gave a pain score of {score} that day.",
        f"Pain was graded at {score} by {w.noun}.",
        f"Pain was documented as {score} during the visit.",
        f"A pain level of {score} was noted.",
        f"Pain was rated by {w.noun} as {score} at the visit.",
    )


def _visit_dates(w: _Writer, f: CaseFacts, k: int) -> list[date]:
    """k visit dates before the UR decision, after the injury, in order."""
    rng = w.rng
    last = f.ur_denial_date - timedelta(days=rng.randint(6, 25))
    floor = f.date_of_injury + timedelta(days=1)
    out = [last]
    for _ in range(k - 1):
        out.append(out[-1] - timedelta(days=rng.randint(14, 50)))
    return sorted(d if d > floor else floor for d in out)


def _visit_intro(w: _Writer, d: str, complaint: str, first: bool) -> str:
    rng = w.rng
    n = w.noun
    if first and (w.f.ur_denial_date - w.f.date_of_injury).days < 150 and rng.random() < 0.4:
        return _pick(
            rng,
            f"At the initial evaluation on {d}, {n} {_choice(rng, _COMPLAINED)} {complaint}.",
            f"The Doctor's First Report of {d} documented {complaint}.",
            f"{w.N} presented for an initial evaluation on {d}, describing {complaint}.",
        )
    lead = _choice(rng, _LEADS)
    c = f"{lead} {complaint}" if lead and not complaint.startswith(("complaints", "pain involving")) else complaint
    if w.voice == "B":
        return _weighted(
            rng,
            (
                (1, f"The clinical note of {d} indicated {c}."),
                (1, f"During the visit on {d}, {n} reported {c}."),
                (1, f"A follow-up visit on {d} found {n} with {c}."),
                (1, f"At an assessment dated {d}, {n} described {c}."),
                (1, f"{w.N} underwent evaluation on {d}, reporting {c}."),
            ),
        )
    if w.voice == "C":
        return _pick(
            rng,
            f"On an office visit of {d}, the applicant reported {c}.",
            f"In a note of {d}, the applicant described ongoing issues with {complaint}.",
        )
    return _weighted(
        rng,
        (
            (1.5, f"According to a progress report of {d}, {n} {_choice(rng, _COMPLAINED)} {c}."),
            (1, f"A progress report dated {d} documented {c}."),
            (1, f"Progress notes from {d} showed that {n} had {c}."),
            (1, f"The progress note dated {d} noted {c}."),
            (1, f"At the visit on {d}, {n} noted {c}."),
            (1, f"The medical record of {d} indicates {c}."),
            (1, f"A follow-up visit on {d} found {n} with {c}."),
            (1, f"{w.N} was seen again on {d}, reporting {c}."),
            (0.5, f"The latest note describes mainly {c}."),
        ),
    )


_COMPLAINED = ("voiced complaints of", "continued to complain of", "was complaining of", "noted")
# Words a reviewer puts before the complaint; many, so that no "complained of <word>" is a stock run of one writer.
_LEADS = (
    "",
    "",
    "",
    "continued",
    "persistent",
    "worsening",
    "increased",
    "intermittent",
    "constant",
    "ongoing",
    "moderate",
    "severe",
    "recurrent",
    "daily",
    "occasional",
)


_VISIT_PLAN = (
    "Medications were refilled.",
    "A follow-up visit was scheduled.",
    "{who} was advised to continue home exercises.",
    "Ice and stretching were recommended.",
    "Activity modification was advised.",
    "{who} was given a {brace}.",
    "{who} was to return for follow up.",
    "Medications were continued.",
    "The treatment plan included continuation of the current medications.",
    "The treatment plan was to continue medications.",
    "The plan was to continue the current treatment.",
)
_BRACES = {
    "lumbar": "lumbar support",
    "cervical": "cervical pillow",
    "shoulder": "sling",
    "knee": "knee brace",
    "wrist": "wrist splint",
    "ankle": "walking boot",
}
# Neutral sentences a reviewer adds about a visit: what the worker said, general findings, what the records hold.
# None asserts a fact the outcome model weighs. Fields: {who}/{who_l} the worker, {whose}, {part}, {side}, {limbs}, {d}.
_VISIT_EXTRA = (
    "{who} denied any new injury.",
    "The pain was noted to be worse with activity.",
    "Motion of the {part} was painful.",
    "Alertness and orientation were normal.",
    "There was no edema.",
    "{who} had an antalgic gait.",
    "Gait was normal.",
    "An MRI of the {part} was recommended.",
    "The pain was described as constant.",
    "The pain was said to be intermittent.",
    "{who} was using a {brace}.",
    "Headaches were also reported.",
    "Grip strength was decreased on the {side}.",
    "Motor strength was 5/5 in the {limbs}.",
    "Motion of the {part} was restricted and painful.",
    "Tenderness was present over the {part} on palpation.",
    "Pain increased with activity, per the report.",
    "Pain had increased since the last visit.",
    "No change in the examination was noted.",
    "Night pain was described.",
    "{who} had tenderness and spasms of the paraspinal muscles.",
    "Strength was 4/5 due to pain.",
    "Flexion measured 90 degrees, with extension to 10 degrees.",
    "{who} was seen for a follow up visit.",
    "There was no swelling or deformity.",
    "Medications were not listed in the report.",
    "It was not noted whether ice or heat had been tried.",
    "The physician noted that {who_l} was using ice or heat as needed.",
    "There was no evidence of instability.",
    "The results of prior studies were not documented.",
    "{who} described the pain as sharp or aching.",
    "{who} was referred to the clinic for evaluation by a specialist.",
    "It was noted that there were muscle spasms.",
    "Muscle strength was 4/5 in the {limbs}.",
)
_NEURO_EXTRA = (
    "Sensation to light touch and pinprick was within normal limits.",
    "Sensation was normal in the {limbs}.",
    "Deep tendon reflexes were 2+ in the {limbs}.",
)
_ADL_EXTRA = (
    "Lifting was described as difficult for {who_l}.",
    "{who} described difficulty with standing and walking.",
    "{who} noted difficulty with overhead activities.",
    "{who} was unable to sit for more than 30 minutes.",
    "{who} described difficulty performing daily activities such as lifting.",
)
_RECORD_EXTRA = (
    "The medical records provided for review were limited.",
    "Medical records from the primary treating physician were reviewed.",
    "The results of the x-rays were not provided.",
    "Parts of the handwritten notes were hard to read.",
    "Progress reports were among the records.",
)
_C_EXTRA = (
    "Clinical commentary in the notes was limited overall.",
    "In its decision, the claims administrator cited a progress note dated {d} as the basis.",
    "The attending provider stated the applicant's condition was slowly improving.",
    "A rather sparse progress note was furnished.",
    "The attending provider did not elaborate further.",
)


def _extras(w: _Writer, pool: tuple[str, ...], k: int, d: str = "") -> list[str]:
    rng = w.rng
    region = w.region
    limbs = "upper extremities" if region in ("cervical", "shoulder", "wrist") else "lower extremities"
    out = []
    for text in _sample(rng, pool, min(k, len(pool))):
        if "{" not in text:
            out.append(text)
            continue
        out.append(
            text.format(
                who=w.who() if "{who}" in text else "",
                who_l=w.who(cap=False) if "{who_l}" in text else "",
                whose=w.whose() if "{whose}" in text else "",
                part=w.part,
                side=w.side,
                limbs=limbs,
                brace=_BRACES[region],
                d=d,
            )
        )
    return out


def _visits(w: _Writer, f: CaseFacts, facts: _FactSentences, meds: list[str], imaging: list[str]) -> list[str]:
    """One to four dated reports, the latest carrying the facts, with complaints, a pain score and findings."""
    rng = w.rng
    k = (1, _choice(rng, (1, 2)), _choice(rng, (2, 2, 3)), _choice(rng, (2, 3, 4)))[w.detail]
    dates = _visit_dates(w, f, k)
    stated = facts.all()
    score_left = f.pain_relief is None and rng.random() < 0.36
    neuro_ok = not f.radicular and not f.neuropathic
    out: list[str] = []
    for i, d in enumerate(dates):
        last = i == len(dates) - 1
        score = None
        if score_left and (last or rng.random() < 0.4):
            score = _score(rng)
            score_left = False
        with_complaint = score is not None and rng.random() < 0.5
        block = [_visit_intro(w, w.date(d), _complaint(w, score if with_complaint else None), i == 0)]
        if last and f.pain_relief is not None:
            block.append(facts.pain())
        elif score is not None and not with_complaint:
            block.append(_pain_score(w, score))
        if rng.random() < (0.85 if last else 0.5):
            block += _exam_sentences(w, f.region, _choose_weighted(rng, (1, 2, 3, 4), (0.35, 0.35, 0.2, 0.1)) + (w.detail >= 3), neuro_ok)
            if w.extra is not None and w.extra in _EXAM and rng.random() < 0.3 + 0.15 * w.detail:
                block += _exam_sentences(w, w.extra, _choice(rng, (1, 2)), neuro_ok)
        extra = _choose_weighted(rng, (0, 1, 2, 3), (0.5 - 0.12 * w.detail, 0.3, 0.15 + 0.08 * w.detail, 0.05 + 0.04 * w.detail))
        block += _extras(w, _VISIT_EXTRA, extra)
        if neuro_ok and rng.random() < 0.1:
            block += _extras(w, _NEURO_EXTRA, 1)
        if rng.random() < 0.1:
            block += _extras(w, _ADL_EXTRA, 1)
        if last:
            tail = stated + meds
            rng.shuffle(tail)
            block += tail
            if imaging:
                block.insert(rng.randrange(1, len(block) + 1), imaging[0])
        elif rng.random() < 0.3 + 0.1 * w.detail:
            block.append(_choice(rng, _VISIT_PLAN).format(who=w.who(), k=_choice(rng, (2, 3, 4, 6)), brace=_BRACES[f.region]))
        out += block
    return out


_IMAGING_NEUTRAL = {
    "lumbar": (
        "disc desiccation at L4-L5",
        "facet arthropathy at L5-S1",
        "a 2 mm disc bulge at L4-L5",
        "mild degenerative changes",
        "mild loss of disc height at L5-S1",
        "straightening of the normal lordosis",
    ),
    "cervical": (
        "disc desiccation at C5-C6",
        "uncovertebral spurring at C6-C7",
        "a 2 mm disc bulge at C5-C6",
        "straightening of the cervical lordosis",
        "mild degenerative changes",
    ),
    "shoulder": (
        "supraspinatus tendinosis",
        "mild acromioclavicular arthrosis",
        "a small subacromial effusion",
        "a type II acromion",
        "tendinosis of the biceps tendon",
    ),
    "knee": (
        "mild chondromalacia of the patella",
        "a small joint effusion",
        "mild medial compartment narrowing",
        "degenerative signal in the posterior horn of the medial meniscus",
    ),
    "wrist": ("a small ganglion cyst", "mild radiocarpal arthrosis", "tenosynovitis of the first compartment", "no acute osseous abnormality"),
    "ankle": (
        "a healed sprain of the lateral ligaments",
        "a small tibiotalar effusion",
        "mild tendinosis of the peroneal tendons",
        "a small plantar calcaneal spur",
    ),
}
_SCAN_PART = {
    "lumbar": "lumbar spine",
    "cervical": "cervical spine",
    "shoulder": "{s} shoulder",
    "knee": "{s} knee",
    "wrist": "{s} wrist",
    "ankle": "{s} ankle",
}


def _imaging(w: _Writer, f: CaseFacts) -> list[str]:
    """What imaging showed: the surgical lesion when it is a fact (shown or stated absent), else now and then a
    finding that decides nothing, or a note that no imaging was in the records."""
    rng = w.rng
    part = _SCAN_PART[f.region].format(s=w.side)
    when = w.date(f.ur_denial_date - timedelta(days=rng.randint(20, 150)))
    if f.surgical_lesion is True:
        return [_surgical_lesion(w, f, part, when)]
    if f.surgical_lesion is False:
        return [
            _pick(
                rng,
                "Imaging did not show a surgical lesion.",
                "No surgical lesion was seen on the imaging studies.",
                f"The MRI of the {part} showed no surgical lesion.",
                f"Per the orthopedic consultation, {w.noun} is not a surgical candidate.",
            )
        ]
    r = rng.random()
    if r < 0.32:
        mri = f.region in ("lumbar", "cervical", "shoulder", "knee") or rng.random() < 0.3
        finding = _choice(rng, _IMAGING_NEUTRAL[f.region])
        if not mri:
            return [
                _pick(
                    rng,
                    f"X-rays of the {part} were unremarkable.",
                    f"X-rays of the {part} dated {when} revealed {finding}.",
                    f"Radiographs of the {part} demonstrated {finding}.",
                )
            ]
        return [
            _pick(
                rng,
                f"The {part} MRI from {when} showed {finding}.",
                f"MRI of the {part}, done on {when}, revealed {finding}.",
                f"Diagnostic studies included a {part} MRI on {when}, with findings of {finding}.",
                f"A {part} MRI on {when} was notable for {finding}.",
                f"Magnetic resonance imaging performed on {when} showed {finding} in the {part}.",
            )
        ]
    if r < 0.39:
        return [
            _pick(
                rng,
                "No imaging reports were provided for review.",
                f"There were no diagnostic imaging studies of the {part} in the medical records.",
                f"Imaging of the {part} had not been performed.",
                f"No prior x-rays or MRI of the {part} were documented.",
                "No prior imaging was available in the records submitted.",
            )
        ]
    return []


def _surgical_lesion(w: _Writer, f: CaseFacts, part: str, when: str) -> str:
    rng = w.rng
    lesion = {
        "lumbar": "an L5-S1 disc herniation with compression of the traversing nerve root",
        "cervical": "a C5-C6 disc herniation with compression of the exiting nerve root",
        "shoulder": "a full-thickness tear of the supraspinatus tendon",
        "knee": "a complete tear of the medial meniscus",
        "wrist": "a complete tear of the scapholunate ligament",
        "ankle": "a complete tear of the anterior talofibular ligament",
    }[f.region]
    return _pick(
        rng,
        f"The {part} MRI from {when} showed {lesion}.",
        f"MRI of the {part} showed {lesion}, which correlates with the examination.",
        "The surgeon documented a lesion that matches the clinical findings and has been shown to benefit from surgical repair.",
        f"The orthopedic surgeon stated that {w.noun} is a surgical candidate based on the imaging and examination.",
    )


class _FactSentences:
    """The deciding facts of the case, each in one of several phrasings the clinical flags read: stated when
    set, negated when false, left out when unknown. Radicular signs and neuropathic pain, which a case either
    has or not, are now and then stated absent when it has not; that changes no outcome."""

    def __init__(self, w: _Writer, f: CaseFacts) -> None:
        self.w = w
        self.f = f
        self._work_done = False

    def all(self) -> list[str]:
        w, f, rng = self.w, self.f, self.w.rng
        out: list[str] = []
        if f.rtw is not None and not self._work_done:
            out.append(self.work())
        out += self._function()
        if f.opioid_months is not None:
            out.append(self._opioid_months())
        out += self._drug_screen()
        if f.tapering:
            out.append(
                _pick(
                    rng,
                    "The provider plans to taper the medication.",
                    "A weaning schedule was proposed.",
                    f"The request is intended to wean {w.his} medications down.",
                    "A gradual taper of the opioid dose is planned.",
                )
            )
        out += self._red_flags()
        out += self._radicular()
        out += self._conservative()
        out += self._other()
        return out

    def work(self) -> str:
        self._work_done = True
        w, f, rng = self.w, self.f, self.w.rng
        who = w.who()
        if f.rtw == "full":
            return _pick(
                rng,
                f"{who} has returned to full duty.",
                f"{who} continues to work at {w.his} usual job.",
                "Work status: regular duty.",
                f"{who} is working full time.",
                f"{who} is working full duty at present.",
                f"{who} went back to work at full duty.",
                f"{who} is working at full capacity in {w.his} usual job.",
            )
        if f.rtw == "modified":
            return _pick(
                rng,
                f"Modified duty was the current work status for {w.noun}.",
                f"Work status: modified work with a {_choice(rng, (10, 15, 20, 25))}-pound lifting limit.",
                f"{who} is on light duty.",
                "Work restrictions remain in place.",
                f"{who} is temporarily partially disabled per the treating physician.",
                f"{who} is working modified duty.",
                "Current work status is modified duty.",
            )
        return _pick(
            rng,
            f"{who} is not working.",
            f"{who} remains off work.",
            f"{who} is temporarily totally disabled.",
            f"{who} has not returned to work since the injury.",
            "Work status: temporarily totally disabled.",
            f"{who} remains on temporary total disability.",
            f"{who} was placed off work.",
            f"{who} has been unable to work.",
        )

    def pain(self) -> str:
        w, f, rng = self.w, self.f, self.w.rng
        b, a = f.pain_before, f.pain_after
        if b == a:
            b10 = _out_of_ten(rng, b)  # type: ignore[arg-type]
            return _pick(
                rng,
                f"Pain remains {b10} with and without medication.",
                f"Pain is rated {_slash(b10)} and unchanged with medications.",
                f"Pain was {_slash(b10)}, the same with and without medications.",
            )
        b10, a10 = _slash(_out_of_ten(rng, b)), _slash(_out_of_ten(rng, a))  # type: ignore[arg-type]
        return _pick(
            rng,
            f"Pain was rated {b10} without medications and {a10} with medications.",
            f"Per {w.whose()} report, pain decreases from {b10} to {a10} with the current regimen.",
            f"Medications reduce {w.his} pain from {b10} to {a10}.",
            f"Pain was {b10} without medication and {a10} with medication.",
            f"According to {w.whose()} account, medications bring the pain down from {b10} to {a10}.",
        )

    def _function(self) -> list[str]:
        w, f, rng = self.w, self.f, self.w.rng
        who = w.who()
        if f.function_improved is True:
            return [
                _pick(
                    rng,
                    "The provider documented objective functional improvement with treatment.",
                    f"{who} now walks {rng.randint(2, 6)} more blocks and does household chores, showing functional gains.",
                    "Activities of daily living have improved with the current treatment.",
                    "There is documented improvement in function.",
                    f"{who} reports improved ability to perform daily activities.",
                )
            ]
        if f.function_improved is False:
            return [
                _pick(
                    rng,
                    "There is no documentation of objective functional improvement.",
                    "The records do not show any functional improvement.",
                    "Function has not improved.",
                    "No significant change in activities of daily living was noted.",
                    f"{who} reports no improvement in {w.his} ability to perform daily activities.",
                )
            ]
        return []

    def _opioid_months(self) -> str:
        w, f, rng = self.w, self.f, self.w.rng
        m = f.opioid_months
        assert m is not None
        span = f"{m} months" if m < 24 or rng.random() < 0.5 else f"{m // 12} years"
        who = w.who()
        name = w.opioid().split(" ")[0]
        return _pick(
            rng,
            f"{who} has been taking opioid medication for {span}.",
            f"Opioids have been prescribed for {span}.",
            f"{who} has used {name} for {span}.",
            f"{who} has been on opioid therapy for {span}.",
            f"{name} has been prescribed for {span}.",
        )

    def _drug_screen(self) -> list[str]:
        w, f, rng = self.w, self.f, self.w.rng
        if f.drug_screen == "consistent":
            return [
                _pick(
                    rng,
                    "A urine drug screen was consistent with prescribed medications.",
                    "Urine toxicology was appropriate.",
                    "Drug testing showed no aberrant results.",
                    f"The urine drug screen of {w.date(f.ur_denial_date - timedelta(days=rng.randint(30, 120)))} was consistent with the "
                    "prescribed regimen.",
                )
            ]
        if f.drug_screen == "aberrant":
            return [
                _pick(
                    rng,
                    "The most recent urine drug screen was inconsistent, positive for an unprescribed substance.",
                    "There were early refill requests and aberrant drug-related behavior.",
                    "Urine toxicology was inconsistent with the prescribed medications.",
                )
            ]
        if f.drug_screen == "not_done":
            return [_pick(rng, "No urine drug screen was documented.", "There is no record of drug testing.", "No drug screen has been performed.")]
        return []

    def _red_flags(self) -> list[str]:
        w, f, rng = self.w, self.f, self.w.rng
        who = w.who()
        if f.red_flags is True:
            return [
                _pick(
                    rng,
                    f"{who} reports new bowel and bladder incontinence.",
                    f"There is progressive weakness of the {LIMB[f.region]}.",
                    "Examination shows a new foot drop.",
                    "There is concern for an occult fracture.",
                    f"The provider noted progressive numbness of the {LIMB[f.region]}.",
                )
            ]
        if f.red_flags is False:
            return [
                _pick(
                    rng,
                    "There are no red flag signs.",
                    "No progressive neurological deficit is documented.",
                    f"{who} denied bowel or bladder dysfunction.",
                    "Red flags were ruled out.",
                    "No red flags were identified on examination.",
                    "There was no evidence of fracture, infection or tumor.",
                )
            ]
        return []

    def _radicular(self) -> list[str]:
        w, f, rng = self.w, self.f, self.w.rng
        who = w.who()
        limb = LIMB[f.region]
        lumbar_like = f.region in ("lumbar", "knee", "ankle")
        if f.radicular:
            return [
                _pick(
                    rng,
                    f"Straight leg raise testing was positive on the {w.side}." if lumbar_like else f"Spurling's test was positive on the {w.side}.",
                    f"Pain radiates into the {limb} with numbness in a dermatomal pattern.",
                    f"There was decreased sensation in the {limb}.",
                    f"{who} described pain radiating down the {limb}.",
                    f"Sensation was decreased in the {w.side} {'L5' if lumbar_like else 'C6'} dermatome.",
                )
            ]
        out = []
        if rng.random() < 0.4:
            out.append(
                _pick(
                    rng,
                    "Straight leg raise testing was negative on both sides." if lumbar_like else "Spurling's test was negative.",
                    f"{who} denied radiating symptoms.",
                    "There were no radicular complaints.",
                    "No focal neurological deficits were found.",
                    "Sensation was intact in all dermatomes.",
                    "No radiation of pain was reported.",
                )
            )
        if not f.neuropathic and rng.random() < 0.13:
            out.append(
                _pick(
                    rng,
                    f"{who} denied numbness or tingling.",
                    "There was no tingling.",
                    "No neuropathic symptoms were described.",
                    f"{who} denied tingling in the {LIMB[f.region]}.",
                )
            )
        return out

    def _conservative(self) -> list[str]:
        w, f, rng = self.w, self.f, self.w.rng
        who = w.who()
        if f.failed_conservative is True:
            return [
                _pick(
                    rng,
                    f"{who} has failed conservative care including medications, therapy and home exercise.",
                    "Symptoms persisted despite more than six weeks of conservative treatment.",
                    "Conservative measures have been exhausted.",
                    "The treating physician noted failure of conservative management.",
                )
            ]
        if f.failed_conservative is False:
            return [
                _pick(
                    rng,
                    "There is no documentation of a trial of conservative care.",
                    "Conservative treatment has not yet been attempted.",
                    "A course of conservative treatment has not been completed.",
                )
            ]
        return []

    def _other(self) -> list[str]:
        w, f, rng = self.w, self.f, self.w.rng
        who = w.who()
        out = []
        if f.postop:
            surgery = _POSTOP[f.region].format(s=w.side)
            when = w.date(f.ur_denial_date - timedelta(days=rng.randint(20, 90)))
            out.append(
                _pick(
                    rng,
                    f"{who} is status post {surgery} on {when}.",
                    f"{who} underwent {surgery} on {when} and is in the post-operative period.",
                    f"{who} recently underwent surgery and is in the post-operative period.",
                    f"{who} is status post surgery on the {f.region} region {rng.randint(2, 10)} weeks ago.",
                )
            )
        if f.prior_injection_relief == "good":
            out.append(
                _pick(
                    rng,
                    f"A prior injection provided significant relief lasting {rng.randint(2, 6)} months.",
                    "The previous injection provided significant and lasting relief.",
                    f"{who} noted sustained relief after the previous injection.",
                )
            )
        elif f.prior_injection_relief == "poor":
            out.append(_pick(rng, "A previous injection provided no lasting benefit.", "Prior injections gave only brief, minimal relief."))
        if f.depression:
            out.append(
                _pick(
                    rng,
                    f"{who} reports depression and anxiety related to chronic pain.",
                    "Depressive symptoms are documented.",
                    f"{who} endorsed a depressed mood since the injury.",
                )
            )
        if f.insomnia:
            out.append(
                _pick(
                    rng,
                    f"{who} reports difficulty sleeping despite sleep hygiene measures.",
                    "Insomnia persists despite behavioral measures.",
                    "Sleep disturbance due to pain was reported.",
                    f"{who} has trouble sleeping because of pain.",
                )
            )
        if f.neuropathic:
            out.append(
                _pick(
                    rng,
                    f"{who} describes burning, tingling pain.",
                    "The pain has neuropathic features.",
                    f"{who} described tingling in the {LIMB[f.region]}.",
                )
            )
        if f.homebound:
            out.append(_pick(rng, f"{who} is homebound and needs help with bathing and dressing.", f"{who} is confined to the home."))
        if f.first_line_tried:
            out.append(
                _pick(
                    rng,
                    f"{who} tried and failed gabapentin and amitriptyline.",
                    f"{who} failed trials of gabapentin and amitriptyline.",
                    "First-line oral agents failed.",
                )
            )
        return out


_POSTOP = {
    "lumbar": "lumbar decompression",
    "cervical": "anterior cervical fusion",
    "shoulder": "{s} shoulder arthroscopy",
    "knee": "{s} knee arthroscopy",
    "wrist": "{s} carpal tunnel release",
    "ankle": "{s} ankle arthroscopy",
}


def _chunks(names: list[str], limit: int = 150) -> list[list[str]]:
    """Item names in groups short enough that the request cue of their sentence stays within reach of each."""
    out: list[list[str]] = [[]]
    size = 0
    for name in names:
        if out[-1] and size + len(name) > limit:
            out.append([])
            size = 0
        out[-1].append(name)
        size += len(name) + 2
        if ":" in name or ";" in name:  # a colon ends the clause the cue governs: what follows starts a sentence of its own
            out.append([])
            size = 0
    return [group for group in out if group]


_PLAN_GENERIC = (
    "continuation of medications",
    "a home exercise program",
    "follow-up in {k} weeks",
    "continued activity modification",
    "a return visit in {k} weeks",
    "ice",
    "medication refills",
)
_UR_REASON = (
    "The stated reason was a lack of documentation to support the request.",
    "The stated basis was that documentation of medical necessity was lacking.",
    "The denial cited the treatment guidelines.",
    "Guideline criteria were cited in support of the denial.",
    "Insufficient documentation was given as the reason for the denial.",
)


def _request(w: _Writer, f: CaseFacts, items: list[ItemSpec]) -> list[str]:
    """The treatment plan, the request for authorization and the utilization review decision on it.

    Dates sit inside the sentences, not at their ends or starts: a date between two stock phrases makes the run
    of words of some real summary. In a letter disputing a surgery, "request for", "requested" or "plan included"
    never come just before the item names: that would read as surgery being planned, which is the surgical-lesion
    fact's flag."""
    rng = w.rng
    names = [it.original or it.text.removeprefix("Retrospective: ") for it in items]
    rfa = w.date(f.ur_denial_date - timedelta(days=rng.randint(5, 20)))
    ur = w.date(f.ur_denial_date)
    surgery = w.surgery_letter
    form = "Request for Authorization form" if w.dates == "long" else "Request for Authorization"
    out: list[str] = []
    groups = _chunks(names)
    first = _join(groups[0], rng)
    r = rng.random()
    if r < 0.35:
        generic = [g.format(k=_choice(rng, (2, 4, 6))) for g in _sample(rng, _PLAN_GENERIC, _choice(rng, (1, 1, 2)))]
        if surgery:
            out.append(f"The treatment plan included {_join(generic, rng)}.")
            out.append(_pick(rng, f"A {form} from {rfa} covered {first}.", f"The {form} of {rfa} listed {first}."))
        else:
            out.append(_pick(rng, f"The plan of care included {first}.", f"The treatment plan included {_join([*groups[0], *generic], rng)}."))
            out.append(
                _pick(
                    rng,
                    f"A {form} was signed on {rfa} for these services.",
                    f"The {form} of {rfa} was received for review.",
                    f"A signed {form} dated {rfa} was noted for the services requested.",
                )
            )
    elif r < 0.8:
        if surgery:
            out.append(
                _pick(
                    rng,
                    f"A {form} from {rfa} covered {first}.",
                    f"The {form} of {rfa} listed {first}.",
                    f"A {form} from {rfa} included {first}.",
                )
            )
        else:
            out.append(
                w.choose(
                    A=(
                        f"The physician's {form} dated {rfa} requested {first}.",
                        f"A signed {form} dated {rfa} asked for authorization of {first}.",
                        f"In a {form} dated {rfa}, the physician requested {first}.",
                        f"A {form} of {rfa} was submitted, covering {first}.",
                    ),
                    B=(f"A {form} submitted on {rfa} requested {first}.", f"The {form} signed {rfa} was for {first}."),
                    C=(f"An RFA form of {rfa} sought {first}.",),
                )
            )
    elif not surgery:
        out.append(_pick(rng, f"At issue is a request for {first}.", f"The provider requested {first}."))
    for more in groups[1:]:
        also = _join(more, rng)
        out.append(f"The request also listed {also}." if surgery else _pick(rng, f"Also requested were {also}.", f"The request also listed {also}."))
    full = [it.text.removeprefix("Retrospective: ") for it in items if not it.original]
    partial = [it for it in items if it.original]
    if full and out and not partial and rng.random() < 0.4:
        reqs = "requests" if len(full) > 1 else "request"
        out.append(
            w.choose(
                A=(
                    f"Utilization Review dated {ur} non-certified the {reqs}.",
                    f"In a decision dated {ur}, Utilization Review denied the {reqs}.",
                    f"Utilization review, in a determination of {ur}, non-certified the {reqs}.",
                ),
                B=(
                    f"The prior determination, dated {ur}, denied the {reqs}.",
                    f"The {reqs} {'were' if len(full) > 1 else 'was'} non-certified at utilization review on {ur}.",
                ),
                C=(f"In a utilization review report of {ur}, the claims administrator did not approve the {reqs}.",),
            )
        )
        full = []
    if full:
        groups = _chunks(full)
        listed = _join(groups[0], rng)
        req = "requests" if len(groups[0]) > 1 else "request"
        if surgery:
            lead = _pick(
                rng,
                f"Utilization Review dated {ur} non-certified {listed}.",
                f"In a decision dated {ur}, Utilization Review denied {listed}.",
                f"In a utilization review report of {ur}, the claims administrator denied {listed}.",
            )
        else:
            lead = w.choose(
                A=(
                    f"Utilization Review dated {ur} non-certified the {req} for {listed}.",
                    f"In a decision dated {ur}, Utilization Review denied the {req} for {listed}.",
                    f"The {req} for {listed} {'were' if req == 'requests' else 'was'} non-certified by Utilization Review on {ur}.",
                    f"The original utilization review, dated {ur}, denied the {req} for {listed}.",
                    f"Utilization review denied the {req} for {listed} in a determination of {ur}, citing insufficient documentation.",
                    f"The UR decision of {ur} non-certified the {req} for {listed}.",
                ),
                B=(
                    f"The prior determination, dated {ur}, denied the {req} for {listed}.",
                    f"The {req} for {listed} had been non-certified at utilization review on {ur}.",
                ),
                C=(f"In a utilization review report of {ur}, the claims administrator did not approve the {req} for {listed}.",),
            )
        out.append(lead)
        for more in groups[1:]:
            out.append(_pick(rng, f"UR also denied {_join(more, rng)}.", f"The same review non-certified {_join(more, rng)}."))
    for it in partial:
        original, authorized = it.original or "", it.authorized or ""
        out.append(
            _pick(
                rng,
                f"Utilization review modified the request for {original} in a decision of {ur}, certifying {authorized}.",
                f"Of the original request for {original}, utilization review authorized {authorized} in its decision of {ur}.",
                f"In a decision of {ur}, utilization review modified {original} to {authorized}.",
                f"Utilization Review modified the request for {original} to {authorized}.",
                f"The original request was for {original}; {authorized} was authorized by utilization review, and the remaining portion is "
                "the subject of this IMR.",
            )
        )
    if rng.random() < 0.35:
        out.append(_choice(rng, _UR_REASON))
    if w.voice == "C" and rng.random() < 0.6:
        out.append(_pick(rng, "The applicant appealed.", "The applicant then sought independent medical review."))
    return out


def rationale(rng: random.Random, item: ItemSpec, overturned: bool) -> str:
    verdict = "medically necessary" if overturned else "not medically necessary"
    reason = _pick(
        rng,
        "The reviewer weighed the guideline criteria against the documentation provided.",
        "The guideline conditions for this treatment were compared with the submitted records.",
        "The records were reviewed against the applicable treatment criteria.",
    )
    found = (
        "The documentation supports the criteria for this request."
        if overturned
        else "The documentation does not establish the criteria for this request."
    )
    return f"{reason} {found} Therefore, the request for {item.text} is {verdict}."


def heading(rng: random.Random, item: ItemSpec, decision: str) -> str:
    if item.original is None:
        return f"{item.text}: {decision}"
    return (
        f"{item.original} was the original request. {item.authorized} was authorized by the Claims Administrator. "
        f"The remaining IMR eligible portion of the original request, {item.text} is: {decision}"
    )


def specialty_for(rng: random.Random, items: list[ItemSpec]) -> str:
    cats = {it.category for it in items}
    if cats & {"surgery", "associated_service"}:
        group = "surgery"
    elif cats & {"psych"}:
        group = "psych"
    elif cats & {"physical_therapy", "chiropractic", "acupuncture"} and rng.random() < 0.6:
        group = "therapy"
    else:
        group = "drug"
    return _choice(rng, SPECIALTIES[group])


@dataclass(frozen=True)
class _Common:
    """What every layout states, drawn in one order so that a letter's wording does not depend on its layout."""

    width: int
    priority: str
    licensure: str
    specialty: str
    summary: str


def render_letter(rng: random.Random, case_number: str, f: CaseFacts, items: list[ItemSpec], decisions: list[str], layout: str = "dwc-2016") -> str:
    """The full text of one synthetic letter in ``layout`` (one of LAYOUTS)."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    common = _Common(
        width=rng.randint(86, 100),
        priority="Expedited" if rng.random() < 0.02 else "Standard",
        licensure=_choice(rng, LICENSURES),
        specialty=specialty_for(rng, items),
        summary=" ".join(summary_sentences(rng, f, items)),
    )
    if layout == "maximus-notice-2013":
        return _render_notice(rng, common, case_number, f, items, decisions)
    return _render_dwc(rng, common, case_number, f, items, decisions)


def _render_dwc(rng: random.Random, c: _Common, case_number: str, f: CaseFacts, items: list[ItemSpec], decisions: list[str]) -> str:
    """The 2016-2017 DWC layout: header, credentials, summary, then one "X: Upheld" heading per item."""
    width = c.width
    out = [
        f"Case Number: {case_number}",
        f"Date Assigned: {fmt_date(f.date_assigned)} Date of Injury: {fmt_date(f.date_of_injury)}",
        f"Decision Date: {fmt_date(f.decision_date)} UR Denial Date: {fmt_date(f.ur_denial_date)}",
        f"Priority: {c.priority} Application",
        "Received:",
        fmt_date(f.application_received),
        "HOW THE IMR FINAL DETERMINATION WAS MADE",
    ]
    out += wrap(
        "This determination was prepared by an independent reviewer who holds an active license, practices in a field "
        "related to the treatment in dispute, and has no tie to the parties. The reviewer read the full case file "
        "supplied to MAXIMUS Federal Services and applied the governing treatment standards. (Synthetic letter "
        "generated by imrpredict.)",
        width,
    )
    out += [
        "The Expert Reviewer has the following credentials:",
        f"State(s) of Licensure: {c.licensure}",
        f"Certification(s)/Specialty: {c.specialty}",
        "CLINICAL CASE SUMMARY",
    ]
    out += wrap("The expert reviewer prepared this summary from the case file, including all medical records:", width)
    out += wrap(c.summary, width)
    out += [
        "IMR ISSUES, DECISIONS AND RATIONALES",
        *wrap("The final determination rests on the decisions about each disputed item or service set forth below:", width),
    ]
    for item, decision in zip(items, decisions, strict=True):
        guide = GUIDELINES[item.category]
        out += wrap(heading(rng, item, decision), width)
        out += wrap(f"Claims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment Guidelines, {guide}.", width)
        out += wrap(f"MAXIMUS guideline: Decision based on MTUS 2016, Section(s): {guide}.", width)
        out += wrap("Decision rationale: " + rationale(rng, item, decision == "Overturned"), width)
    return "\n".join(out) + "\n"


def _render_notice(rng: random.Random, c: _Common, case_number: str, f: CaseFacts, items: list[ItemSpec], decisions: list[str]) -> str:
    """The 2013 notice: decisions stated first, then the reviewer, the summary and one block per item.

    The notice has no partial-authorization heading: a modified request is decided on its disputed portion.
    """
    width = c.width
    overturn = any(d == "Overturned" for d in decisions)
    out = [
        "MAXIMUS FEDERAL SERVICES, INC.",
        "Notice of Independent Medical Review Determination",
        f"Dated: {fmt_date(f.decision_date)}",
        f"Date of UR Decision: {fmt_date(f.ur_denial_date)}",
        f"Date of Injury: {fmt_date(f.date_of_injury)}",
        f"IMR Application Received: {fmt_date(f.application_received)}",
        f"MAXIMUS Case Number: {case_number}",
        "(Synthetic letter generated by imrpredict.)",
        f"Final Determination: {'OVERTURN' if overturn else 'UPHOLD'}. "
        + ("One or more disputed items were found medically necessary." if overturn else "No disputed item was found medically necessary."),
        "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE",
    ]
    out += wrap(
        f"An application for Independent Medical Review was filed on {fmt_date(f.application_received)} disputing the "
        f"Utilization Review Denial dated {fmt_date(f.ur_denial_date)}. Each disputed item was decided as follows:",
        width,
    )
    for n, (item, decision) in enumerate(zip(items, decisions, strict=True), 1):
        verdict = "medically necessary" if decision == "Overturned" else "not medically necessary"
        out += wrap(f"{n}) MAXIMUS Federal Services, Inc. has determined the request for {item.text} is {verdict} and appropriate.", width)
    out.append("Medical Qualifications of the Expert Reviewer:")
    out += wrap(
        "The reviewing physician holds an active license, has no tie to any party, and practises in a field related to "
        f"the treatment in dispute. The physician reviewer is Board Certified in {c.specialty} and is licensed "
        f"to practice in {c.licensure}.",
        width,
    )
    out.append(_pick(rng, "Expert Reviewer Case Summary:", "Case Summary:"))
    out += wrap(f"Disclaimer: The summary below was taken from the utilization review determination dated {fmt_date(f.ur_denial_date)}.", width)
    out += wrap('"' + c.summary + '"', width)
    out += ["Documents Reviewed for Decision:", "Application for Independent Medical Review", "Records from the treating providers"]
    for n, (item, decision) in enumerate(zip(items, decisions, strict=True), 1):
        guide = GUIDELINES[item.category]
        out += wrap(f"{n}) Regarding the request for {item.text}:", width)
        out += ["Medical Treatment Guideline(s) Used by the Claims Administrator (Utilization Review Decision):"]
        out += wrap(f"MTUS Chronic Pain Medical Treatment Guidelines, {guide}.", width)
        out += ["Medical Treatment Guideline(s) Used by the Expert Reviewer:"]
        out += wrap(f"MTUS, {guide}.", width)
        out += ["Rationale for the Decision:"]
        out += wrap(rationale(rng, item, decision == "Overturned"), width)
    return "\n".join(out) + "\n"
