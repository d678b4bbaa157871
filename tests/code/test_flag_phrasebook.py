"""A phrasebook of how clinicians commonly write three MTUS-critical facts, in our own wording, and what the flags read.

Written from practice (not from any letter) for the facts the reporting letters showed the flags under-read: prior
surgery, pain relief and absent radicular signs. Each sentence says whether the flags read it; the ones they do not
read are left out on purpose: "responded well to therapy" may be function, "no leg pain" may be a knee case, denied
numbness is not a radicular sign, and symmetric reflexes or full strength alone are component findings the gold
annotators do not mark as "no radicular signs" (a tuning letter's "reflexes 1+ and equal" is not marked).
"""

from __future__ import annotations

import pytest

from imrpredict.features.flags import find_flags, flag_values

# sentence, the feature it states, whether the flags read it (20 of the 51 were read before the 2026-12-02b round, 45 after)
PHRASEBOOK = [
    ("He has had a right knee arthroscopy.", "postop", True),
    ("She had a left carpal tunnel release.", "postop", True),
    ("He had an anterior cervical discectomy and fusion.", "postop", True),
    ("She is two years out from a total knee arthroplasty.", "postop", True),
    ("He has had two prior lumbar surgeries.", "postop", True),
    ("She has undergone multiple shoulder surgeries.", "postop", True),
    ("He had an ACDF at C5-6.", "postop", True),
    ("She has a history of a right TKA.", "postop", True),
    ("He had rotator cuff repair surgery on the right.", "postop", True),
    ("Her surgical history includes a left shoulder arthroscopy.", "postop", True),
    ("He had an L4-5 laminectomy several years ago.", "postop", True),
    ("She had an ORIF of the left ankle fracture.", "postop", True),
    ("He is now six weeks post right shoulder arthroscopy.", "postop", True),
    ("She completed postoperative therapy after her knee replacement.", "postop", True),
    ("The worker had a lumbar fusion at L5-S1.", "postop", True),
    ("He received a spinal cord stimulator implant.", "postop", False),
    ("She has had three operations on the right hand.", "postop", True),
    ("His pain is well controlled.", "relief_reported", True),
    ("She reports adequate pain control with her medications.", "relief_reported", True),
    ("There was a reduction in pain after the therapy visits.", "relief_reported", True),
    ("The medications take the edge off her pain.", "relief_reported", True),
    ("She obtains relief from Norco.", "relief_reported", True),
    ("He gets relief with rest and ice.", "relief_reported", True),
    ("The medication is effective in reducing his pain.", "relief_reported", True),
    ("She reports a decrease in pain with the TENS unit.", "relief_reported", True),
    ("He noted pain reduction with acupuncture.", "relief_reported", True),
    ("Medications bring her pain down to 4/10.", "relief_reported", True),
    ("He responded well to physical therapy.", "relief_reported", False),
    ("She reports that her pain is more tolerable with medication.", "relief_reported", True),
    ("He reported that his pain improved with therapy.", "relief_reported", True),
    ("Medications helps her pain.", "relief_reported", True),
    ("She experiences relief lasting several hours after each dose.", "relief_reported", True),
    ("Pain is reduced by about half with the medication.", "relief_reported", True),
    ("Ibuprofen helps some.", "relief_reported", True),
    ("He has axial low back pain.", "no_radicular_signs", True),
    ("Her neck pain is localized without radiation.", "no_radicular_signs", True),
    ("He denies radiating pain.", "no_radicular_signs", True),
    ("There are no radicular symptoms.", "no_radicular_signs", True),
    ("Deep tendon reflexes were 2+ and symmetric in the lower extremities.", "no_radicular_signs", False),
    ("Strength is 5/5 throughout the bilateral lower extremities.", "no_radicular_signs", False),
    ("She denies numbness or tingling in the legs.", "no_radicular_signs", False),
    ("Spurling's test was negative.", "no_radicular_signs", True),
    ("Seated straight leg raise was negative bilaterally.", "no_radicular_signs", True),
    ("The EMG/NCV showed no evidence of radiculopathy.", "no_radicular_signs", True),
    ("There is no radiation of pain into the legs.", "no_radicular_signs", True),
    ("The pain remains confined to the low back.", "no_radicular_signs", True),
    ("Neurological examination of the lower extremities was within normal limits.", "no_radicular_signs", True),
    ("Negative SLR bilaterally.", "no_radicular_signs", True),
    ("Her pain does not radiate into the arms.", "no_radicular_signs", True),
    ("He has no leg pain.", "no_radicular_signs", False),
    ("Electrodiagnostic studies were normal.", "no_radicular_signs", True),
]

# sentences that must not set the feature: a plan, a reduction that did not happen, a sign that is abnormal
NOT_THE_FACT = [
    ("He had a consultation for a lumbar fusion.", "postop"),
    ("She had a request for knee arthroscopy denied.", "postop"),
    ("He has had a recommendation for carpal tunnel release.", "postop"),
    ("She had an evaluation for shoulder surgery.", "postop"),
    ("Total knee arthroplasty was requested.", "postop"),
    ("The pain is not well controlled.", "relief_reported"),
    ("Medications were requested to reduce pain.", "relief_reported"),
    ("He has had no reduction in pain with therapy.", "relief_reported"),
    ("Reflexes were diminished at the left ankle.", "no_radicular_signs"),
    ("Pain radiates into the left leg.", "no_radicular_signs"),
    ("Strength is 4/5 in the left extensor hallucis longus.", "no_radicular_signs"),
]


@pytest.mark.parametrize(("text", "feature", "read"), PHRASEBOOK)
def test_phrasebook(text: str, feature: str, read: bool) -> None:
    assert (flag_values(find_flags(text)).get(feature, 0.0) > 0) is read


@pytest.mark.parametrize(("text", "feature"), NOT_THE_FACT)
def test_not_the_fact(text: str, feature: str) -> None:
    assert feature not in flag_values(find_flags(text))
