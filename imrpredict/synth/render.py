"""Render a synthetic case as a letter, in varied wording: the 2016-2017 DWC layout or the 2013 notice.

Every fact the outcome model weighs is stated (or not) in the summary in one of several phrasings,
positive or negated, among distractors that use the same words without asserting the fact. The
boilerplate is this project's own wording; only the section headings and field labels follow the layout.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from imrpredict.synth.catalog import ItemSpec
from imrpredict.synth.facts import CaseFacts

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
    """Greedy word wrap (faster than textwrap for this use)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if not word:
            continue
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


class _Voice:
    """Pronouns and the name the letter uses for the worker."""

    def __init__(self, rng: random.Random, sex: str) -> None:
        self.he = "she" if sex == "F" else "he"
        self.his = "her" if sex == "F" else "his"
        self.who = rng.choice(("the injured worker", "the patient", "the applicant", "the claimant"))

    @property
    def He(self) -> str:
        return self.he.capitalize()

    @property
    def Who(self) -> str:
        return self.who.capitalize()


def _pick(rng: random.Random, *options: str) -> str:
    return rng.choice(options)


def _slash(score: str) -> str:
    """"7 out of 10" as "7/10": in a few sentences the spelled-out scale made a run of 8 words of one real summary."""
    return score.replace(" out of 10", "/10")


def _out_of_ten(rng: random.Random, score: int) -> str:
    """A 0-10 pain score in either common notation."""
    return f"{score}/10" if rng.random() < 0.7 else f"{score} out of 10"


def summary_sentences(rng: random.Random, f: CaseFacts, items: list[ItemSpec]) -> list[str]:
    v = _Voice(rng, f.sex)
    sex_word = rng.choice(("female", "woman") if f.sex == "F" else ("male", "man"))
    doi = fmt_date(f.date_of_injury)
    s: list[str] = [
        _pick(
            rng,
            f"{v.Who} is a {f.age}-year-old {sex_word} {f.occupation} who sustained an industrial injury on {doi} at work.",
            f"This {f.age}-year-old {sex_word} reported a work-related injury on {doi} due to {f.mechanism}.",
            f"{v.Who}, a {f.age}-year-old {sex_word} employed as a {f.occupation}, was injured at work on {doi}.",
            f"{v.Who} is a {sex_word} {f.occupation}, {f.age} years old, with a date of injury of {doi}.",
        )
    ]
    if rng.random() < 0.6:
        s.append(
            _pick(
                rng,
                f"The mechanism of injury was {f.mechanism}.",
                f"{v.He.capitalize()} was hurt by {f.mechanism}.",
                f"The injury occurred from {f.mechanism}.",
            )
        )
    # a radiculopathy diagnosis is a radicular finding: only a case with radicular findings carries one
    dx = rng.sample([d for d in DIAGNOSES[f.region] if f.radicular or "radiculopathy" not in d], 2)
    s.append(
        _pick(
            rng,
            f"Diagnosed conditions: {dx[0]} and {dx[1]}.",
            f"{v.He.capitalize()} is under care for {dx[0]} and {dx[1]}.",
            f"The current diagnoses are {dx[0]} and {dx[1]}.",
        )
    )
    s.extend(_treatment(rng, f, v))
    facts = _fact_sentences(rng, f, v)
    facts.extend(_clinical_context(rng, f, v))
    facts.extend(rng.sample(_distractors(rng, f, v), rng.randint(1, 3)))
    rng.shuffle(facts)
    s.extend(facts)
    s.extend(_request_sentences(rng, f, items))
    return s


def _treatment(rng: random.Random, f: CaseFacts, v: _Voice) -> list[str]:
    parts = ["medications"]
    out: list[str] = []
    for kind, done in f.sessions_done.items():
        if done is None:
            continue
        if done == 0:
            out.append(
                _pick(
                    rng,
                    f"{v.He.capitalize()} has not had any {kind} to date.",
                    f"No prior {kind} is documented.",
                    f"{kind.capitalize()} has not been tried.",
                    f"There has been no {kind} so far.",
                )
            )
        else:
            parts.append(_pick(rng, f"{done} sessions of {kind}", f"{kind} ({done} visits)", f"{done} {kind} treatments"))
    if f.postop:
        out.append(
            _pick(
                rng,
                f"{v.He.capitalize()} is status post surgery on the {f.region} region {rng.randint(2, 10)} weeks ago.",
                f"{v.He.capitalize()} recently underwent surgery and is in the post-operative period.",
            )
        )
    if f.prior_injection_relief == "good":
        out.append(
            _pick(
                rng,
                f"A prior injection gave {rng.choice((50, 60, 70, 80))}% relief for {rng.randint(2, 6)} months.",
                "The previous injection provided significant and lasting relief.",
            )
        )
    elif f.prior_injection_relief == "poor":
        out.append(_pick(rng, "A previous injection provided no lasting benefit.", "Prior injections gave only brief, minimal relief."))
    lead = _pick(rng, "Care to date has consisted of ", "Prior treatment includes ", "Treatments have consisted of ")
    return [lead + (", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]) + ".", *out]


def _fact_sentences(rng: random.Random, f: CaseFacts, v: _Voice) -> list[str]:
    He, his = v.He.capitalize(), v.his
    out: list[str] = []
    if f.rtw == "full":
        out.append(
            _pick(
                rng,
                f"{He} has returned to full duty.",
                f"{He} is working full time without restrictions.",
                f"{He} continues to work at {his} usual job.",
                "Work status: regular duty.",
            )
        )
    elif f.rtw == "modified":
        out.append(
            _pick(
                rng,
                f"{He} is working modified duty.",
                f"{He} returned to work with restrictions.",
                f"{He} is back at work on light duty.",
                "Work status: modified duty with lifting restrictions.",
                f"{He} was released to modified duties.",
                "Work restrictions remain in place.",
                f"{He} is temporarily partially disabled per the treating physician.",
            )
        )
    elif f.rtw == "off":
        out.append(
            _pick(
                rng,
                f"{He} is not working.",
                f"{He} remains off work.",
                f"{He} is temporarily totally disabled.",
                f"{He} has not returned to work since the injury.",
                "Work status: TTD.",
                f"{He} is not currently employed.",
                f"{He} remains temporarily and totally disabled.",
                f"{He} has been unable to return to work.",
            )
        )
    if f.function_improved is True:
        out.append(
            _pick(
                rng,
                "The provider documented objective functional improvement with treatment.",
                f"{He} can now walk {rng.randint(2, 6)} more blocks and do household chores, showing functional gains.",
                "Activities of daily living have improved with the current treatment.",
                "There is documented improvement in function.",
            )
        )
    elif f.function_improved is False:
        out.append(
            _pick(
                rng,
                "There is no documentation of objective functional improvement.",
                "The records do not show any functional improvement.",
                "Function has not improved despite treatment.",
                "No significant change in activities of daily living was noted.",
                f"{He} reports no improvement in {his} ability to perform daily activities.",
            )
        )
    if f.pain_relief is not None:
        b, a = f.pain_before, f.pain_after
        if b == a:
            b10 = _out_of_ten(rng, b)
            out.append(_pick(rng, f"Pain remains {b10} with and without medication.", f"Pain is rated {_slash(b10)} and unchanged with medications."))
        else:
            b10, a10 = _out_of_ten(rng, b), _out_of_ten(rng, a)
            out.append(
                _pick(
                    rng,
                    f"Pain was rated {_slash(b10)} without medications and {_slash(a10)} with medications.",
                    f"{He} reports pain decreasing from {_slash(b10)} to {_slash(a10)} with the current regimen.",
                    f"Medications reduce {his} pain from {_slash(b10)} to {_slash(a10)}.",
                )
            )
    elif rng.random() < 0.5:
        out.append(f"Pain is rated {_slash(_out_of_ten(rng, rng.randint(5, 9)))}.")
    if f.opioid_months is not None:
        m = f.opioid_months
        span = f"{m} months" if m < 24 or rng.random() < 0.5 else f"{m // 12} years"
        out.append(
            _pick(
                rng,
                f"{He} has been taking opioid medication for {span}.",
                f"Opioids have been prescribed for {span}.",
                f"{He} has used Norco for {span}." if rng.random() < 0.5 else f"{He} has been on opioid therapy for {span}.",
            )
        )
    if f.drug_screen == "consistent":
        out.append(
            _pick(
                rng,
                "A urine drug screen was consistent with prescribed medications.",
                "Urine toxicology was appropriate.",
                "Drug testing showed no aberrant results.",
            )
        )
    elif f.drug_screen == "aberrant":
        out.append(
            _pick(
                rng,
                "The most recent urine drug screen was inconsistent, positive for an unprescribed substance.",
                "There were early refill requests and aberrant drug-related behavior.",
                "Urine toxicology was inconsistent with the prescribed medications.",
            )
        )
    elif f.drug_screen == "not_done":
        out.append(_pick(rng, "No urine drug screen was documented.", "There is no record of drug testing.", "No drug screen has been performed."))
    if f.tapering:
        out.append(
            _pick(
                rng,
                "The provider plans to taper the medication.",
                "A weaning schedule was proposed.",
                f"The request is intended to wean {his} medications down.",
            )
        )
    if f.red_flags is True:
        out.append(
            _pick(
                rng,
                f"{He} reports new bowel and bladder incontinence.",
                f"There is progressive weakness of the {LIMB[f.region]}.",
                "Examination shows a new foot drop.",
                "There is concern for an occult fracture.",
            )
        )
    elif f.red_flags is False:
        out.append(
            _pick(
                rng,
                "There are no red flag signs.",
                "No progressive neurological deficit is documented.",
                f"{He} denies bowel or bladder dysfunction.",
                "Red flags were ruled out.",
            )
        )
    if f.radicular:
        out.append(
            _pick(
                rng,
                "Straight leg raise is positive." if f.region == "lumbar" else "Spurling's test is positive.",
                f"Pain radiates into the {LIMB[f.region]} with numbness in a dermatomal pattern.",
                f"There is decreased sensation in the {LIMB[f.region]}.",
            )
        )
    elif rng.random() < 0.3:
        out.append(_pick(rng, "No radicular symptoms were reported.", "Sensory exam is intact and reflexes are symmetric."))
    if f.failed_conservative is True:
        out.append(
            _pick(
                rng,
                f"{He} has failed conservative care including medications, therapy and home exercise.",
                "Symptoms persisted despite more than six weeks of conservative treatment.",
                "Conservative measures have been exhausted without lasting relief.",
            )
        )
    elif f.failed_conservative is False:
        out.append(
            _pick(
                rng,
                "There is no documentation of a trial of conservative care.",
                "Conservative treatment has not yet been attempted.",
                "A course of conservative treatment has not been completed.",
            )
        )
    if f.surgical_lesion:
        out.append(
            _pick(
                rng,
                "MRI showed a large disc herniation with nerve root compression."
                if f.region in ("lumbar", "cervical")
                else "Imaging showed a full-thickness tear correlating with the exam.",
                "The surgeon documented a lesion that matches the clinical findings and has been shown to benefit from surgical repair.",
            )
        )
    elif f.surgical_lesion is False:
        out.append(_pick(rng, "Imaging did not show a surgical lesion.", "No surgical lesion was seen on the imaging studies."))
    if f.depression:
        out.append(_pick(rng, f"{He} reports depression and anxiety related to chronic pain.", "Depressive symptoms are documented."))
    if f.insomnia:
        out.append(_pick(rng, f"{He} reports difficulty sleeping despite sleep hygiene measures.", "Insomnia persists despite behavioral measures."))
    if f.neuropathic:
        out.append(_pick(rng, f"{He} describes burning, tingling neuropathic pain.", "The pain has neuropathic features."))
    if f.homebound:
        out.append(_pick(rng, f"{He} is homebound and needs help with bathing and dressing.", f"{He} is confined to the home."))
    if f.first_line_tried:
        out.append(_pick(rng, f"{He} tried and failed gabapentin and amitriptyline.", "First-line antidepressant and anticonvulsant trials failed."))
    return out


_BODY_PART = {"lumbar": "low back", "cervical": "neck", "shoulder": "shoulder", "knee": "knee", "wrist": "wrist", "ankle": "ankle"}
_EXAM_SITES = {
    "lumbar": ("the lumbar paraspinal muscles", "the lower back", "the lumbosacral junction"),
    "cervical": ("the cervical paraspinal muscles", "the trapezius", "the base of the neck"),
    "shoulder": ("the anterior shoulder", "the acromioclavicular joint", "the bicipital groove"),
    "knee": ("the medial joint line", "the lateral joint line", "the patellar tendon"),
    "wrist": ("the dorsal wrist", "the first dorsal compartment", "the radial wrist"),
    "ankle": ("the lateral ankle", "the anterior talofibular ligament", "the Achilles insertion"),
}
_IMAGING_NEUTRAL = {
    "lumbar": ("disc desiccation at L4-L5", "facet arthropathy at L5-S1", "a 2 mm disc bulge at L4-L5"),
    "cervical": ("disc desiccation at C5-C6", "uncovertebral spurring at C6-C7", "a 2 mm disc bulge at C5-C6"),
    "shoulder": ("supraspinatus tendinosis", "mild acromioclavicular arthrosis", "a small subacromial effusion"),
    "knee": ("mild chondromalacia of the patella", "a small joint effusion", "mild medial compartment narrowing"),
    "wrist": ("a small ganglion cyst", "mild radiocarpal arthrosis", "tenosynovitis of the first compartment"),
    "ankle": ("a healed sprain of the lateral ligaments", "a small tibiotalar effusion", "mild tendinosis of the peroneal tendons"),
}
_NON_OPIOIDS = ("naproxen", "ibuprofen", "omeprazole", "cyclobenzaprine", "gabapentin", "acetaminophen", "meloxicam", "topical diclofenac")
_OPIOIDS = ("Norco", "tramadol", "Percocet", "hydrocodone", "oxycodone")


def _sometimes(rng: random.Random, p: float, *options: str) -> list[str]:
    """One of ``options`` with probability ``p``, else nothing (the draw order of `if rng.random() < p: _pick(...)`)."""
    return [_pick(rng, *options)] if rng.random() < p else []


def _clinical_context(rng: random.Random, f: CaseFacts, v: _Voice) -> list[str]:
    """What real summaries carry besides the deciding facts: dated visits, exam findings, imaging results, the
    medication list, limits in daily activities. None of it changes the outcome."""
    He, his = v.He.capitalize(), v.his
    out = []
    visit = fmt_date(f.ur_denial_date - timedelta(days=rng.randrange(5, 40)))
    where = _BODY_PART[f.region]
    first = fmt_date(f.date_of_injury + timedelta(days=rng.randrange(3, 60)))
    out.extend(
        _sometimes(
            rng,
            0.7,
            f"{v.Who} was first evaluated by the treating physician on {first}.",
            f"Care began with an initial evaluation on {first}, followed by regular progress visits.",
            f"The earliest record in the file is an initial report dated {first}.",
        )
    )
    if rng.random() < 0.8:
        earlier = fmt_date(f.ur_denial_date - timedelta(days=rng.randrange(45, 120)))
        out.append(
            _pick(
                rng,
                f"A progress report dated {earlier} noted {where} pain that was worse with activity.",
                f"At the visit of {earlier}, {v.he} described {where} pain aggravated by prolonged activity and eased somewhat with rest.",
                f"Notes from {earlier} describe {where} pain that fluctuated through the day.",
            )
        )
    out.extend(
        _sometimes(
            rng,
            0.7,
            f"{v.He} is followed by an orthopedic surgeon and by a pain management physician.",
            f"{his.capitalize()} care is managed by a primary treating physician in occupational medicine.",
            f"{v.He} has been seen by a physiatrist and an orthopedist for this claim.",
        )
    )
    out.extend(
        _sometimes(
            rng,
            0.6,
            "The claims administrator referenced the MTUS guidelines in its determination.",
            "The utilization reviewer cited the MTUS in the determination.",
            "The determination letter referenced the applicable MTUS guidelines.",
        )
    )
    out.extend(
        _sometimes(
            rng,
            0.8,
            f"At the visit of {visit}, {v.he} returned with ongoing {where} pain.",
            f"A progress note of {visit} described persistent {where} complaints.",
            f"At a follow-up visit on {visit}, {v.he} still reported {where} pain.",
        )
    )
    if rng.random() < 0.9:
        site = rng.choice(_EXAM_SITES[f.region])
        out.append(
            _pick(
                rng,
                f"On examination there was tenderness over {site} with reduced range of motion.",
                f"Examination revealed tenderness to palpation of {site}.",
                f"Examination found guarding and limited range of motion, with tenderness at {site}.",
            )
        )
    if rng.random() < 0.25:
        scan = "MRI" if f.region in ("lumbar", "cervical", "shoulder", "knee") else "X-rays"
        out.append(
            f"An {scan} of the {where} obtained on {fmt_date(f.date_of_injury + timedelta(days=rng.randrange(20, 200)))} showed "
            f"{rng.choice(_IMAGING_NEUTRAL[f.region])}."
            if scan == "MRI"
            else f"X-rays of the {where} showed {rng.choice(_IMAGING_NEUTRAL[f.region])}."
        )
    if rng.random() < 0.45:
        meds = rng.sample(_NON_OPIOIDS, rng.randint(1, 3))
        if f.on_opioids:
            meds.insert(rng.randrange(len(meds) + 1), rng.choice(_OPIOIDS))
        listed = ", ".join(meds[:-1]) + " and " + meds[-1] if len(meds) > 1 else meds[0]
        out.append(
            _pick(rng, f"Current medications include {listed}.", f"{his.capitalize()} medication list includes {listed}.", f"{He} takes {listed}.")
        )
    out.extend(
        _sometimes(
            rng,
            0.15,
            f"{He} reports difficulty with lifting and prolonged sitting.",
            f"{He} has trouble carrying groceries and climbing stairs.",
            f"{He} describes limits in standing and walking for long periods.",
        )
    )
    return out


def _distractors(rng: random.Random, f: CaseFacts, v: _Voice) -> list[str]:
    """Sentences that share words with the facts but assert none of them."""
    He, his = v.He.capitalize(), v.his
    return [
        f"{He} has no known drug allergies.",
        "Vital signs were within normal limits.",
        f"{He} worked as a {f.occupation} before the injury.",
        "Functional restoration goals were discussed at the visit.",
        f"The provider will reassess {his} function at the next visit.",
        "Past medical history includes hypertension.",
        f"{He} wishes to avoid surgery if possible.",
        "A home exercise program was reviewed.",
        "The note asks whether a drug screen is needed in the future.",
        f"{He} drives {his} own car to appointments.",
        "Improvement in range of motion is a stated goal of therapy.",
        f"{He} lives with family members.",
    ]


def _request_sentences(rng: random.Random, f: CaseFacts, items: list[ItemSpec]) -> list[str]:
    names = [it.original or it.text.removeprefix("Retrospective: ") for it in items]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    rfa = fmt_date(f.ur_denial_date - timedelta(days=rng.randint(5, 20)))
    out = [
        _pick(
            rng,
            f"The treating physician's request of {rfa} was for {listed}.",
            f"An authorization request of {rfa} asked for {listed}.",
            f"The provider submitted a request for {listed}.",
        )
    ]
    ur = fmt_date(f.ur_denial_date)
    partial = [it for it in items if it.original]
    full = [it for it in items if not it.original]
    if full:
        out.append(
            _pick(
                rng,
                f"Utilization review dated {ur} non-certified the request{'s' if len(full) > 1 else ''}.",
                f"Utilization review denied the request{'s' if len(full) > 1 else ''} on {ur}.",
                f"The request{'s were' if len(full) > 1 else ' was'} not certified by utilization review on {ur}.",
            )
        )
    for it in partial:
        out.append(f"Utilization review modified the request for {it.original} to {it.authorized}.")
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
    return rng.choice(SPECIALTIES[group])


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
        licensure=rng.choice(LICENSURES),
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
