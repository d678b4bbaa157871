"""Each clinical flag fires on a positive sentence and gives its negated meaning on the negated one."""

from __future__ import annotations

import pytest

from imrpredict.features.flags import find_flags, flag_values, sentence_of

# (positive sentence, expected feature, negated sentence, expected feature when negated)
CASES = [
    ("She has returned to work at her usual job.", "return_to_work", "She has not returned to work since March.", "off_work"),
    ("He is working modified duty.", "modified_duty", "Modified duty was not available, and he is not working.", "off_work"),
    (
        "The provider documented objective functional improvement.",
        "functional_improvement",
        "There is no documentation of objective functional improvement.",
        "no_functional_improvement",
    ),
    (
        "Activities of daily living have improved with treatment.",
        "functional_improvement",
        "Function has not improved despite six months of treatment.",
        "no_functional_improvement",
    ),
    (
        "A urine drug screen in May was consistent with prescribed medications.",
        "drug_screen_consistent",
        "No urine drug screen was documented.",
        "drug_screen_missing",
    ),
    (
        "Urine toxicology was inconsistent with the prescribed medications.",
        "aberrant_behavior",
        "There is no aberrant drug-related behavior.",
        "drug_screen_consistent",
    ),
    ("The provider plans to taper the opioid dose.", "tapering", "There is no plan to taper or wean.", "no_taper"),
    ("He reports new bowel and bladder incontinence.", "red_flags", "He denies bowel or bladder dysfunction.", "red_flags_ruled_out"),
    ("Straight leg raise is positive on the left.", "radicular", "No radicular symptoms were reported.", "no_radicular_signs"),
    (
        "She has failed conservative care including therapy.",
        "failed_conservative",
        "Conservative treatment has not yet been attempted.",
        "no_conservative_trial",
    ),
    (
        "MRI showed a herniation with nerve root compression at L5.",
        "surgical_candidate",
        "Imaging did not show a surgical lesion.",
        "not_surgical_candidate",
    ),
    ("She reports depression related to chronic pain.", "depression", "She denies depression.", "depression:negated"),
    ("He reports difficulty sleeping at night.", "insomnia", "There is no insomnia.", "insomnia:negated"),
    ("He is status post lumbar fusion.", "postop", "He has not had surgery and is not post-operative.", "postop:negated"),
    ("She is homebound after the fall.", "homebound", "She is not homebound.", "homebound:negated"),
    (
        "A prior injection gave significant and lasting relief.",
        "injection_relief_good",
        "The last injection did not give lasting relief.",
        "injection_relief_poor",
    ),
    (
        "He has completed 12 sessions of physical therapy.",
        "sessions_physical_therapy",
        "He has not had any physical therapy to date.",
        "no_prior_physical_therapy",
    ),
]


@pytest.mark.parametrize(("positive", "flag", "negated", "negated_flag"), CASES, ids=[c[1] + "/" + c[3] for c in CASES])
def test_flag_fires_on_positive_and_flips_on_negated(positive: str, flag: str, negated: str, negated_flag: str) -> None:
    pos = flag_values(find_flags(positive))
    neg = flag_values(find_flags(negated))
    assert flag in pos, pos
    assert negated_flag in neg, neg
    if flag != negated_flag and not flag.startswith("sessions_"):
        assert flag not in neg, neg


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A previous injection provided no lasting benefit.", "injection_relief_poor"),
        ("The epidural in March gave no relief.", "injection_relief_poor"),
        ("Prior injections gave only brief, minimal relief.", "injection_relief_poor"),
        ("There is no documentation that the injection gave significant relief.", "injection_relief_poor"),
        ("She reports lasting relief from the lumbar epidural steroid injection.", "injection_relief_good"),
        # relief that is not an injection's sets neither flag
        ("Conservative measures have been exhausted without lasting relief.", None),
        ("Norco provides significant relief and he is working.", None),
        ("Physical therapy did not help.", None),
        ("He walks 3 blocks with significant relief.", None),
    ],
)
def test_injection_relief_is_read_only_of_an_injection(text: str, expected: str | None) -> None:
    found = {k for k in flag_values(find_flags(text)) if k.startswith("injection_relief")}
    assert found == ({expected} if expected else set())


def test_negation_does_not_cross_a_sentence_or_but() -> None:
    values = flag_values(find_flags("There is no documentation of a drug screen. She has returned to work."))
    assert values.get("return_to_work") == 1.0 and "off_work" not in values
    values = flag_values(find_flags("He was not working in 2015, but he returned to work in 2016."))
    assert values.get("return_to_work") == 1.0 and values.get("off_work") == 1.0


def test_distractors_set_no_clinical_flag() -> None:
    text = (
        "Functional restoration goals were discussed. She worked as a cashier before the injury. "
        "The note asks whether a drug screen is needed in the future. Improvement in range of motion is a goal."
    )
    values = flag_values(find_flags(text))
    for flag in ("functional_improvement", "no_functional_improvement", "return_to_work", "off_work", "drug_screen_missing"):
        assert flag not in values


def test_numbers_pain_duration_sessions() -> None:
    text = (
        "Pain was rated 8/10 without medications and 3/10 with medications. She has been taking Norco for 2 years. "
        "Treatment has included chiropractic (6 visits). A prior block gave 70% relief."
    )
    v = flag_values(find_flags(text))
    assert (v["pain_before"], v["pain_after"], v["pain_relief"], v["pain_max"]) == (8.0, 3.0, 5.0, 8.0)
    assert v["duration_months"] == 24.0
    assert v["sessions_chiropractic"] == 6.0
    assert v["percent_relief"] == 70.0


def test_each_hit_reports_its_span_and_sentence() -> None:
    text = "Vitals are normal. There is no documentation of objective functional improvement. Next visit in May."
    hit = next(h for h in find_flags(text) if h.flag == "functional_improvement")
    assert text[hit.start : hit.end] == hit.text == "objective functional improvement"
    assert hit.negated and hit.feature == "no_functional_improvement"
    assert sentence_of(text, hit.start, hit.end) == "There is no documentation of objective functional improvement."


def test_pain_written_out_of_ten() -> None:
    v = flag_values(find_flags("Pain is 8 out of 10 without medications and 4 out of ten with them."))
    assert (v["pain_before"], v["pain_after"], v["pain_relief"], v["pain_max"]) == (8.0, 4.0, 4.0, 8.0)
    assert flag_values(find_flags("She rates her pain 6 out of 10."))["pain_max"] == 6.0
    assert "pain_max" not in flag_values(find_flags("He walks 6 out of 7 days."))


@pytest.mark.parametrize(
    ("sentence", "flag"),
    [
        ("She remains temporarily and totally disabled.", "off_work"),
        ("His inability to work has strained the family finances.", "off_work"),
        ("She remains unable to return to work.", "off_work"),
        ("He was released to modified duties last month.", "modified_duty"),
        ("Work restrictions remain in place.", "modified_duty"),
        ("She is temporarily partially disabled.", "modified_duty"),
    ],
)
def test_work_status_phrasings(sentence: str, flag: str) -> None:
    values = flag_values(find_flags(sentence))
    assert flag in values, values
    other = {"off_work": "modified_duty", "modified_duty": "off_work"}[flag]
    assert other not in values, values


# ConText's modifiers, in our own wording: a request, plan or UR decision is not a thing done; a state that is
# only possible, wished for or past is not the worker's state now; another person's facts are not the worker's.
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The claims administrator denied a request for 12 sessions of physical therapy.", ("prior_physical_therapy", "sessions_physical_therapy",
                                                                                              "no_prior_physical_therapy")),
        ("Eight sessions of chiropractic care were requested.", ("prior_chiropractic", "sessions_chiropractic")),
        ("A urine drug screen was ordered at this visit.", ("drug_screen", "drug_screen_missing")),
        ("Post-operative physical therapy was recommended after the planned repair.", ("postop", "prior_physical_therapy")),
        ("The provider wants to rule out a fracture.", ("red_flags", "red_flags_ruled_out")),
        ("An EMG was ordered to rule out radiculopathy.", ("radicular", "no_radicular_signs")),
        ("Her goal is to return to work by spring.", ("return_to_work",)),
        ("His wife is working two jobs.", ("return_to_work",)),
        ("He had worked full duty until the fall in March.", ("return_to_work",)),
        ("Chiropractic care twice a week for four weeks was the original request.", ("prior_chiropractic",)),
        ("The reviewer denied the MRI and a request for 8 sessions of acupuncture, and physical therapy twice weekly.", ("prior_physical_therapy",)),
        ("He feels he needs to be taken off work.", ("off_work",)),
        ("She released him to full duty with no restrictions.", ("modified_duty",)),
        ("X-rays showed an old healed fracture of the wrist.", ("red_flags",)),
        ("He had a brief loss of consciousness at the time of the injury.", ("red_flags",)),
        ("The patient does not meet the criteria to warrant the injection.", ("prior_injection", "no_prior_injection")),
        ("She hurt her back at work while lifting boxes.", ("return_to_work",)),
        # "his back" ends in "is back": the verbs before "back" are whole words
        ("He hurt his back at work lifting a pallet.", ("return_to_work",)),
        # a guideline's own sentence, someone else as the clause's subject, a goal field (2026-12-02e)
        ("The ODG psychotherapy guidelines recommend an initial trial of 6 visits over 6 weeks.", ("prior_psychotherapy", "sessions_psychotherapy")),
        ("MTUS recommends weaning of opioids if there is no overall improvement in function.", ("tapering", "no_functional_improvement")),
        ("Her husband takes oxycodone for his own back condition.", ("opioid_use",)),
        ("The patient's spouse, who came with him, rates her own back pain 8/10.", ("pain_max",)),
        ("Goal: reduce pain to 3/10 and return to modified duty.", ("pain_max", "return_to_work", "modified_duty")),
        ("A UDS will be obtained at the next visit.", ("drug_screen",)),
        ("PSH: none.", ("postop",)),
        # a drug stopped, a symptom resolved: not the worker's now
        ("He was on Percocet in 2014 after his surgery but stopped it in 2015.", ("opioid_use",)),
        ("He stopped taking Norco last year.", ("opioid_use",)),
        ("The tingling in her right hand resolved after the release.", ("neuropathic",)),
        ("Neuro: DTRs depressed bilaterally at the ankles.", ("depression",)),
        ("On an RFA form in June, a knee brace and 8 sessions of physical therapy were listed.",
         ("prior_physical_therapy", "sessions_physical_therapy")),
        ("Care so far included medication, a consultation and a physical therapy referral in May.", ("prior_physical_therapy",)),
        ("The plan included a brace, topical creams and naproxen; a lumbar support, physical therapy and a sleep study.",
         ("prior_physical_therapy",)),
        ("Acupuncture twice a week for four weeks (eight visits) to the right shoulder and neck was the original request.", ("prior_acupuncture",)),
        ("An authorization form was received for further pool therapy.", ("prior_physical_therapy",)),
        ("The doctor wrote that she can return to work next month.", ("return_to_work",)),
        ("He can't return to work until the cast is off.", ("return_to_work",)),
        ("His shoulder was strained by lifting crates during his usual and customary job duties.", ("return_to_work",)),
    ],
)
def test_hypothetical_historical_and_other_person_set_nothing(text: str, absent: tuple[str, ...]) -> None:
    values = flag_values(find_flags(text))
    for feature in absent:
        assert feature not in values, (feature, values)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Treatment to date has included physical therapy, acupuncture and medications.", {"prior_physical_therapy": 1.0, "prior_acupuncture": 1.0}),
        ("She completed six (6) sessions of chiropractic manipulation.", {"prior_chiropractic": 1.0, "sessions_chiropractic": 6.0}),
        ("He attended cognitive behavioral therapy in the fall.", {"prior_psychotherapy": 1.0}),
        ("The worker was placed on temporary total disability.", {"off_work": 1.0}),
        ("He has not worked since the injury.", {"off_work": 1.0}),
        ("Leg pain radiated below the knee.", {"radicular": 1.0}),
        ("She reports numbness and intermittent paresthesias in both feet.", {"neuropathic": 1.0}),
        ("He describes an electric shock sensation in the forearm.", {"neuropathic": 1.0}),
        ("Numbness and tingling radiate into the left hand.", {"radicular": 1.0, "neuropathic": 1.0}),
        ("He denied any tingling or paresthesias in the legs.", {"neuropathic:negated": 1.0, "neuropathic": None}),
        ("The exam was negative for lumbar radiculopathy.", {"no_radicular_signs": 1.0}),
        ("Pain is rated 6-8 on a 10-point scale.", {"pain_max": 8.0}),
        ("Pain decreased from 9/10 to 5/10 with medications.", {"pain_before": 9.0, "pain_after": 5.0, "pain_relief": 4.0}),
        ("Her medications are not helpful.", {"no_relief_reported": 1.0}),
        ("The medications help him walk farther.", {"relief_reported": 1.0}),
        ("She denies side effects from the medication.", {"no_side_effects": 1.0}),
        ("He reports sleeplessness since the accident.", {"insomnia": 1.0}),
        ("She wakes up several times during the night because of pain.", {"insomnia": 1.0}),
        ("He has difficulty lifting and carrying groceries.", {"adl_limitations": 1.0}),
        ("He has trouble bearing weight on the right leg.", {"adl_limitations": 1.0}),
        ("She avoids driving since the accident.", {"adl_limitations": 1.0}),
        ("Kneeling, squatting and climbing remain difficult.", {"adl_limitations": 1.0}),
        ("Her daily activities were limited by neck pain.", {"adl_limitations": 1.0}),
        ("He has difficulty with household duties and overhead activities.", {"adl_limitations": 1.0}),
        ("He was not tolerating prolonged sitting at his desk.", {"adl_limitations": 1.0}),
        ("An MRI of the knee showed a medial meniscus tear.", {"imaging_findings": 1.0}),
        ("An echocardiogram last spring revealed normal valve function.", {"imaging_findings": 1.0}),
        ("Computed tomography of the head was documented as showing a small bleed.", {"imaging_findings": 1.0}),
        ("The knee MRI from March indicated a torn meniscus.", {"imaging_findings": 1.0}),
        ("Nerve conduction studies were noted to be positive for ulnar entrapment.", {"imaging_findings": 1.0}),
        ("The plan was to request an MRI.The x-ray showed a healed fracture.", {"imaging_findings": 1.0}),
        ("Results of the lumbar x-rays were not provided.", {"imaging_missing": 1.0, "imaging_findings": None}),
        ("No prior MRI reports are available.", {"imaging_missing": 1.0}),
        ("Examination revealed tenderness over the lateral epicondyle.", {"exam_findings": 1.0}),
        ("Objective findings on that date included a warm, swollen knee.", {"exam_findings": 1.0}),
        ("Shoulder abduction was 120 degrees.", {"exam_findings": 1.0}),
        ("Grip strength was 4/5 on the right.", {"exam_findings": 1.0}),
        ("There was a positive Finkelstein's, Phalen's and Tinel's test.", {"exam_findings": 1.0}),
        ("A straight leg raise was negative.", {"exam_findings": 1.0, "no_radicular_signs": 1.0}),
        ("Objective findings for the left wrist were not documented.", {"exam_missing": 1.0}),
        ("There were no physical exam findings for the ankle.", {"exam_missing": 1.0, "exam_findings": None}),
        ("He previously received a lumbar epidural steroid injection.", {"prior_injection": 1.0}),
        ("He takes Norco twice a day.", {"opioid_use": 1.0}),
        ("She takes Tylenol No. 3 at night.", {"opioid_use": 1.0, "no_opioid_use": None}),
        ("He underwent carpal tunnel release last year.", {"postop": 1.0}),
        ("A fusion was recommended by the spine surgeon.", {"surgical_candidate": 1.0}),
        ("There is no evidence of neurologic deficit or loss of consciousness.", {"red_flags_ruled_out": 1.0}),
        ("She lost consciousness twice this week.", {"red_flags": 1.0}),
        ("Utilization review denied the request for a shoulder arthroscopy.", {"surgical_candidate": 1.0, "not_surgical_candidate": None}),
        ("Because the surgical repair was not medically necessary, the related requests were denied.", {"surgical_candidate": 1.0,
                                                                                                      "not_surgical_candidate": None}),
        ("Treatment to date has included bracing, therapy and surgery.", {"postop": 1.0}),
        ("She says she is about 20 percent better.", {"percent_relief": 20.0}),
        ("Heat and stretching were reducing pain for a few hours.", {"relief_reported": 1.0}),
        ("The knee pain is rated 5-7 out of 10.", {"pain_max": 7.0}),
        ("Pain is rated 6 in a 10-point scale.", {"pain_max": 6.0}),
        ("Current work status: restricted.", {"modified_duty": 1.0}),
        ("He has worked as a driver for the county for 14 years.", {"return_to_work": 1.0}),
        ("She is currently working with modifications at the warehouse.", {"modified_duty": 1.0, "return_to_work": 1.0}),
        ("She rates the pain with medication 4/10 and without medication 9/10.", {"pain_before": 9.0, "pain_after": 4.0, "medication_efficacy": 1.0}),
        ("Records noted knee pain which was unchanged.", {"pain_unchanged": 1.0}),
        ("She reports not having any improvement in the shoulder pain.", {"pain_unchanged": 1.0}),
        ("The note does not document pain levels before and after the medications.", {"no_relief_reported": 1.0}),
        ("He tried acupuncture last year with no improvement.", {"failed_conservative": 1.0, "prior_acupuncture": 1.0, "no_relief_reported": None}),
        ("A steroid dose pack failed to have any effect on her neck pain.", {"failed_conservative": 1.0, "no_relief_reported": 1.0,
                                                                             "no_medication_efficacy": 1.0}),
        ("Eight sessions of physical therapy had not been especially helpful.", {"failed_conservative": 1.0, "sessions_physical_therapy": 8.0}),
        ("There was no documented objective improvement with prior therapy.", {"no_functional_improvement": 1.0, "failed_conservative": None}),
        ("Her pain medications help her with daily activities.", {"functional_improvement": 1.0, "medication_efficacy": 1.0}),
        ("Therapy improved his walking tolerance.", {"functional_improvement": 1.0}),
        ("She can now climb a flight of stairs, showing functional gains.", {"functional_improvement": 1.0}),
        ("Her medications relieve the pain for a few hours.", {"relief_reported": 1.0, "medication_efficacy": 1.0}),
        ("The medicines have not helped.", {"no_relief_reported": 1.0, "no_medication_efficacy": 1.0}),
        ("Acupuncture has helped with her neck pain.", {"relief_reported": 1.0, "prior_acupuncture": 1.0}),
        ("Treatment has included medications and chiropractic physiotherapy.", {"prior_chiropractic": 1.0, "prior_physical_therapy": None}),
        ("A therapist's note says he completed 5 physical therapy visits of the authorized course.", {"prior_physical_therapy": 1.0,
                                                                                                     "sessions_physical_therapy": 5.0}),
        ("She had chiropractic care in 2015. The outcome of the chiropractic treatment was not documented.", {"prior_chiropractic": 1.0,
                                                                                                             "no_prior_chiropractic": None}),
        ("She returned to her usual and customary duties in May.", {"return_to_work": 1.0}),
        ("He is performing his usual job with some pain.", {"return_to_work": 1.0}),
        ("He is working modified duty at the plant.", {"modified_duty": 1.0, "return_to_work": 1.0}),
        ("Six visits of acupuncture gave minimal improvement despite good attendance.", {"prior_acupuncture": 1.0}),
        ("Therapy gave no improvement, and the pain is unchanged.", {"failed_conservative": 1.0}),
        # 2026-12-02: phrasings from MTUS practice, written here, checked on the tuning letters only
        ("She reports relief with medications.", {"relief_reported": 1.0, "medication_efficacy": 1.0}),
        ("With medications her pain decreases to 4/10.", {"relief_reported": 1.0, "pain_max": 4.0}),
        ("His pain is well controlled with Norco.", {"relief_reported": 1.0, "opioid_use": 1.0}),
        ("He can grip with less pain.", {"relief_reported": 1.0}),
        ("She reports significant improvement in pain and function with therapy.", {"relief_reported": 1.0, "functional_improvement": 1.0}),
        ("He has minimal relief with medications.", {"no_relief_reported": 1.0, "relief_reported": None}),
        ("Low back pain rated 7/10 radiating into the left leg.", {"radicular": 1.0, "pain_max": 7.0}),
        ("Straight leg raise negative bilaterally.", {"no_radicular_signs": 1.0, "radicular": None}),
        ("Non-radiating low back pain.", {"no_radicular_signs": 1.0, "radicular": None}),
        ("The pain does not radiate.", {"no_radicular_signs": 1.0}),
        ("He is neurologically intact.", {"no_radicular_signs": 1.0}),
        ("She had a normal neurological examination.", {"no_radicular_signs": 1.0, "radicular": None}),
        ("Motor and sensory examination of the legs was normal.", {"no_radicular_signs": 1.0}),
        ("There was no weakness in the lower extremities.", {"no_radicular_signs": 1.0, "radicular": None}),
        ("Sensation was intact to light touch in all dermatomes of both legs.", {"no_radicular_signs": 1.0, "exam_findings": 1.0}),
        ("She takes non-opioid analgesics.", {"opioid_use": None}),
        ("He had a tendon repair on 10-22-16.", {"postop": 1.0}),
        ("History of right knee arthroscopy.", {"postop": 1.0}),
        ("He had a prior lumbar fusion.", {"postop": 1.0}),
        ("The tendon was surgically repaired.", {"postop": 1.0}),
        ("She has post-laminectomy syndrome.", {"postop": 1.0}),
        ("He has painful retained hardware in the ankle.", {"postop": 1.0}),
        ("Well-healed arthroscopic portals were noted.", {"postop": 1.0}),
        ("She has axial low back pain that is nonradiating.", {"no_radicular_signs": 1.0, "radicular": None, "exam_findings": None}),
        ("No neurological symptoms were reported.", {"no_radicular_signs": 1.0}),
        # 2026-12-02b: what else the phrasebook's sentences set (tests/code/test_flag_phrasebook.py); none occurs in the tuning letters
        ("She reports adequate pain control with her medications.", {"relief_reported": 1.0, "medication_efficacy": 1.0}),
        ("He noted pain reduction with acupuncture.", {"relief_reported": 1.0, "prior_acupuncture": 1.0}),
        ("She obtains relief from Norco.", {"relief_reported": 1.0, "opioid_use": 1.0}),
        ("Ibuprofen helps some.", {"relief_reported": 1.0, "medication_efficacy": 1.0}),
        ("Medications bring her pain down to 4/10.", {"relief_reported": 1.0, "pain_max": 4.0}),
        ("Medications bring the pain down from 8/10 to 5/10.", {"relief_reported": 1.0, "pain_relief": 3.0}),
        ("He has had no reduction in pain with therapy.", {"no_relief_reported": 1.0, "relief_reported": None}),
        ("She did not get any relief from the patches.", {"no_relief_reported": 1.0, "relief_reported": None}),
        ("He has axial low back pain.", {"no_radicular_signs": 1.0, "exam_findings": None}),
        ("The pain remains confined to the low back.", {"no_radicular_signs": 1.0, "radicular": None}),
        ("Electrodiagnostic studies were normal.", {"no_radicular_signs": 1.0, "imaging_findings": 1.0}),
    ],
)
def test_real_summary_phrasings(text: str, expected: dict[str, float]) -> None:
    values = flag_values(find_flags(text))
    for feature, value in expected.items():
        assert values.get(feature) == value, (feature, values)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Seen on 11/10/2016 for follow-up.", "pain_max"),
        ("Pain ranges from 7/10 to 8/10 through the day.", "pain_relief"),
        ("A shoulder depression test was positive.", "depression"),
        ("He reports burning epigastric pain after meals.", "neuropathic"),
        ("Numbness in the fingers at night, consistent with carpal tunnel syndrome.", "radicular"),
        ("He was status post being struck by a forklift.", "postop"),
        ("She wore a fracture boot.", "red_flags"),
        ("He reports feeling 15% better since the last visit.", "percent_relief"),
        ("She had slight difficulty with walking on heels and toes.", "adl_limitations"),
        ("Lifting is restricted to 20 pounds.", "adl_limitations"),
        ("An MRI of the shoulder is indicated at this time.", "imaging_findings"),
        ("The follow-up is dated 3/5/2017.", "exam_findings"),
        ("He was given a Toradol injection in the emergency room.", "prior_injection"),
        ("Seen on 01/19/2017, she has had knee pain for 10 months.", "duration_months"),
        ("He attends gait training twice a week.", "exam_findings"),
        ("The MRI was denied since the records showed no red flags.", "imaging_findings"),
        ("A shoulder x-ray was taken, however the report is not in the file.", "imaging_findings"),
        ("Pain radiates to the shoulder blade.", "radicular"),
        ("Numbness and tingling to both hands at night.", "radicular"),
        ("A 1 cm healed incision lies over the knuckle.", "postop"),
        ("She reported pain to the right foot.", "radicular"),
        ("An EMG was requested to evaluate for lumbar radiculitis.", "radicular"),
        ("Epidural injections are recommended for radicular pain.", "radicular"),
        ("Surgery is scheduled on 1/15/2017.", "postop"),
        ("Clearance prior to surgery was requested.", "postop"),
        ("He is restricted from lifting over 20 lbs.", "adl_limitations"),
        ("He should avoid lifting more than 20 pounds.", "adl_limitations"),
        ("Sensation was intact in both hands.", "no_radicular_signs"),
        ("Seen 11/10/2016 with pain radiating into the leg.", "pain_max"),
        ("He had been released to full duty.", "postop"),
        ("He had more pain than before.", "postop"),
        ("The pain is localized to the low back and left leg.", "no_radicular_signs"),
        ("Deep tendon reflexes were 1+ and symmetric.", "no_radicular_signs"),
        ("Strength is 5/5 throughout the lower extremities.", "no_radicular_signs"),
        ("The EMG was normal except for mild carpal tunnel slowing.", "no_radicular_signs"),
    ],
)
def test_word_sense(text: str, absent: str) -> None:
    assert absent not in flag_values(find_flags(text))


def test_evidence_shows_only_hits_that_set_a_feature() -> None:
    from imrpredict.modeling.explain import evidence

    text = "She reported injuring her back at work. A request for 12 sessions of physical therapy was denied. She is off work."
    shown = evidence(text)
    assert [e.reason for e in shown] == ["off work / TTD"]
    assert shown[0].sentence == "She is off work."
    assert text[shown[0].start : shown[0].end] == "She is off work."


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("Sensation was intact to light touch in all dermatomes of both legs.", "flag:no_radicular_signs"),
        ("He has minimal relief with medications.", "flag:no_relief_reported"),
    ],
)
def test_evidence_names_the_feature_the_hit_set(text: str, feature: str) -> None:
    from imrpredict.modeling.explain import evidence

    assert [e.feature for e in evidence(text)] == [feature]
    assert feature.removeprefix("flag:") in flag_values(find_flags(text))


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        # a guideline named in a sentence that is about this case still reads the case's facts
        ("Per MTUS guidelines, she has completed 12 sessions of physical therapy.", "sessions_physical_therapy"),
        ("No objective functional improvement has been documented per the criteria of the MTUS.", "no_functional_improvement"),
        ("Per ODG, a urine drug screen was performed on 10/12/2016 and was consistent.", "drug_screen"),
        # his wife drives him: the clause's subject is the worker, so the therapy is his
        ("He attends physical therapy twice a week and his wife drives him.", "prior_physical_therapy"),
        # not stopped, not resolved: still there
        ("She takes Norco 10/325 twice daily and has not stopped it.", "opioid_use"),
        ("Numbness and tingling in the left foot have not resolved.", "neuropathic"),
        ("Functional status: no improvement.", "no_functional_improvement"),
        ("Denies difficulty falling or staying asleep.", "insomnia:negated"),
        ("The 30-day TENS trial did not reduce his pain.", "no_relief_reported"),
        # an injection's relief is pain relief by a treatment, and its absence relief absent
        ("The injured worker reported no relief from the prior lumbar epidural steroid injection.", "no_relief_reported"),
        ("The epidural gave 70% relief for three months.", "relief_reported"),
        # what a drug lets the worker do, said with the drug last
        ("The patient is able to walk farther with Norco.", "medication_efficacy"),
    ],
)
def test_a_case_sentence_naming_a_guideline_or_a_relative_still_reads(text: str, feature: str) -> None:
    assert flag_values(find_flags(text)).get(feature, 0) > 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count of sessions said apart from the therapy's name goes to the therapy named before it in its sentence
        ("He attended aquatic therapy twice weekly for six weeks, a total of twelve visits.",
         {"prior_physical_therapy": 1.0, "sessions_physical_therapy": 12.0}),
        ("She underwent spinal manipulative therapy, approximately 10 sessions, with minimal change.",
         {"prior_chiropractic": 1.0, "sessions_chiropractic": 10.0}),
        ("Acupuncture: had 8 tx in 2023, helped sleep.", {"prior_acupuncture": 1.0, "sessions_acupuncture": 8.0}),
        # a request between the name and the count makes the count the request's; no therapy named, no one's count
        ("Physical therapy was requested, 12 visits.", {}),
        ("He has attended 12 visits.", {}),
    ],
)
def test_a_session_count_apart_from_the_therapy(text: str, expected: dict[str, float]) -> None:
    values = flag_values(find_flags(text))
    assert {k: v for k, v in values.items() if k.startswith(("prior_", "sessions_"))} == expected


@pytest.mark.parametrize(
    "text",
    [
        # an opioid named inside another trigger's span is still an opioid in use
        "The injured worker has been taking opioid medication for 14 months.",
        "He reports relief with Norco.",
        "He tolerates Percocet well.",
        # pain with and without the drug compared: the drug is taken, not absent
        "Pain is 8/10 without Norco and 4/10 with Norco.",
    ],
)
def test_an_opioid_inside_another_hit_is_in_use(text: str) -> None:
    values = flag_values(find_flags(text))
    assert values.get("opioid_use") == 1.0 and "no_opioid_use" not in values


def test_an_opioid_inside_another_hit_keeps_its_own_context() -> None:
    assert flag_values(find_flags("He has not taken Norco for 2 months."))["no_opioid_use"] == 1.0
    assert "opioid_use" not in flag_values(find_flags("A request for Norco was denied; he reports relief with Norco."))


def _values(text: str, *keys: str) -> dict[str, float]:
    values = flag_values(find_flags(text))
    return {k: values[k] for k in keys if k in values}


# Sentences of our own for each rule family written in the 12-02f rounds: (text, the features looked at, what they must be)
RULE_CASES: dict[str, list[tuple[str, tuple[str, ...], dict[str, float]]]] = {
    "scope_and_time_rules": [
        # a negation ends where "and" opens a new predicate: the shared subject's next verb is asserted
        ("The naproxen did not help and caused stomach upset.", ("side_effects", "no_side_effects"), {"side_effects": 1.0}),
        ("He denies weakness and has pain radiating to the right calf.", ("radicular", "no_radicular_signs"), {"radicular": 1.0}),
        ("She denies nausea and vomiting.", ("side_effects",), {}),
        # the records' own silence negates a treatment called prior
        ("The notes do not document any prior acupuncture.", ("prior_acupuncture", "no_prior_acupuncture"), {"no_prior_acupuncture": 1.0}),
        ("The reports fail to mention previous chiropractic care.", ("prior_chiropractic", "no_prior_chiropractic"),
         {"no_prior_chiropractic": 1.0}),
        ("He has yet to start physical therapy.", ("prior_physical_therapy", "no_prior_physical_therapy"), {"no_prior_physical_therapy": 1.0}),
        # "until" a later visit or notice is now; until a date before the last record is past
        ("She is to stay off work until further notice.", ("off_work",), {"off_work": 1.0}),
        ("He was on light duty until 02/01/2016. At the visit of 09/14/2016 he reported neck pain.", ("modified_duty",), {}),
        ("He remains on TTD until 12/20/2016. At the visit of 11/02/2016 he reported neck pain.", ("off_work",), {"off_work": 1.0}),
        # a state before a dated operation is a past one
        ("She had been on modified duty before her 2015 shoulder arthroscopy.", ("modified_duty",), {}),
    ],
    "counts_requests_and_conditions": [
        # "N of M" sessions: the first count is what was had; "authorized" after a count given to its therapy is a plan
        ("She has completed 5 of the 12 authorized chiropractic visits.", ("sessions_chiropractic",), {"sessions_chiropractic": 5.0}),
        ("He attended three of six sessions of acupuncture.", ("sessions_acupuncture",), {"sessions_acupuncture": 3.0}),
        ("Acupuncture: 6 visits were authorized by the claims administrator.", ("prior_acupuncture", "sessions_acupuncture"), {}),
        # "and requested" has its own object: the drug listed before it is taken
        ("The note listed Percocet and requested a lumbar brace.", ("opioid_use",), {"opioid_use": 1.0}),
        ("Percocet was requested.", ("opioid_use",), {}),
        # a sentence that opens on its condition states nothing as it is now
        ("If her pain persists, she will remain off work and start tapering the tramadol.", ("off_work", "tapering"), {}),
        ("Should the screen be inconsistent, opioids will be stopped.", ("aberrant_behavior",), {}),
    ],
    "relief_and_its_source": [
        # relief said before what gave it
        ("She noted good relief from the trigger point injections.", ("injection_relief_good", "relief_reported"),
         {"injection_relief_good": 1.0, "relief_reported": 1.0}),
        ("He reported 40% relief after the medial branch blocks.", ("injection_relief_poor", "percent_relief"),
         {"injection_relief_poor": 1.0, "percent_relief": 40.0}),
        ("He reported 80% relief after the medial branch blocks.", ("injection_relief_good",), {"injection_relief_good": 1.0}),
        ("She reports significant benefit from ibuprofen.", ("medication_efficacy", "relief_reported"),
         {"medication_efficacy": 1.0, "relief_reported": 1.0}),
        # a pain pair right after an injection is the injection's relief, good at >= 50%
        ("The epidural injection brought his leg pain from 9/10 to 2/10.", ("injection_relief_good",), {"injection_relief_good": 1.0}),
        ("The knee injection reduced her pain from 6/10 to 5/10.", ("injection_relief_poor",), {"injection_relief_poor": 1.0}),
        # a treatment that did nothing, in plain words; "does nothing" of a person is not a treatment's
        ("He says the Lyrica does nothing for the burning.", ("failed_conservative", "no_medication_efficacy", "first_line_failed"),
         {"failed_conservative": 1.0, "no_medication_efficacy": 1.0, "first_line_failed": 1.0}),
        ("The cortisone shot didn't do anything.", ("injection_relief_poor",), {"injection_relief_poor": 1.0}),
        ("He does nothing but sit at home.", ("failed_conservative",), {}),
    ],
    "two_part_facts": [
        # first-line drugs that failed, the drug first or inside another trigger's words
        ("Amitriptyline and Neurontin were both ineffective.", ("first_line_failed",), {"first_line_failed": 1.0}),
        ("Meloxicam was discontinued due to GI upset.", ("first_line_failed",), {"first_line_failed": 1.0}),
        ("She has failed NSAIDs.", ("first_line_failed", "failed_conservative"), {"first_line_failed": 1.0, "failed_conservative": 1.0}),
        ("He takes naproxen twice a day.", ("first_line_failed",), {}),
        # homebound: help needed to bathe or dress, or unable to leave home
        ("He needs his daughter's help with bathing.", ("homebound",), {"homebound": 1.0}),
        ("She cannot leave the house; she is unable to dress herself.", ("homebound",), {"homebound": 1.0}),
        ("He has difficulty dressing.", ("homebound",), {}),
        # misuse told as what was done
        ("He ran out of his oxycodone a week early.", ("aberrant_behavior",), {"aberrant_behavior": 1.0}),
        ("She admitted using extra Norco tablets.", ("aberrant_behavior", "opioid_use"), {"aberrant_behavior": 1.0, "opioid_use": 1.0}),
        ("Early refills will not be given.", ("aberrant_behavior",), {}),
        # a screen told clean by what it did not find; "not consistent" is not consistent
        ("The urine drug screen found no illicit substances.", ("drug_screen_consistent", "drug_screen"),
         {"drug_screen_consistent": 1.0, "drug_screen": 1.0}),
        ("The UDS was not consistent with his prescriptions.", ("drug_screen_consistent",), {}),
        ("Urine drug screens have been appropriate.", ("drug_screen_consistent",), {"drug_screen_consistent": 1.0}),
        # use over years
        ("She has been taking tramadol for many years.", ("long_term_use", "opioid_use"), {"long_term_use": 1.0, "opioid_use": 1.0}),
    ],
    "surgery_planned_and_done": [
        ("An L4-5 fusion is scheduled for next month.", ("surgical_candidate",), {"surgical_candidate": 1.0}),
        ("He is scheduled to undergo a right carpal tunnel release.", ("surgical_candidate",), {"surgical_candidate": 1.0}),
        ("The request is for a left knee arthroscopy.", ("surgical_candidate",), {"surgical_candidate": 1.0}),
        ("The surgeon found no indication for surgery.", ("surgical_candidate", "not_surgical_candidate"), {"not_surgical_candidate": 1.0}),
        ("The spine surgeon advised against surgical intervention.", ("surgical_candidate", "not_surgical_candidate"),
         {"not_surgical_candidate": 1.0}),
        ("Hx: L knee arthroscopy 2012.", ("postop",), {"postop": 1.0}),
        ("s/p L4-5 facet inj 3/2016.", ("postop", "prior_injection"), {"prior_injection": 1.0}),
    ],
    "numbers_and_scopes_said_more_ways": [
        # pain scores in words, and their ranges and pairs
        ("She rates her neck pain a seven out of ten.", ("pain_max",), {"pain_max": 7.0}),
        ("Pain is four to six out of ten.", ("pain_max",), {"pain_max": 6.0}),
        # (a pair in words is read for its highest score only)
        ("Pain went down from nine out of ten to five out of ten after the block.", ("pain_max", "pain_before"), {"pain_max": 9.0}),
        ("He takes one out of every ten pills.", ("pain_max",), {}),
        # how long a drug has been used: qualifiers, decimals and a note's "x N mos"
        ("He has been taking Percocet for roughly 30 months.", ("duration_months",), {"duration_months": 30.0}),
        ("Gabapentin 300 mg tid x 2.5 yrs.", ("duration_months",), {"duration_months": 30.0}),
        ("Norco 10/325 #120 x 2 refills.", ("duration_months",), {}),
        # a post-negation does not reach across a participle, but does through a relative clause of the hit's own noun
        ("The screen was inconsistent, showing oxycodone that had not been prescribed.", ("aberrant_behavior",), {"aberrant_behavior": 1.0}),
        ("It is indicated for neuropathic pain which was not present.", ("neuropathic", "neuropathic:negated"), {"neuropathic:negated": 1.0}),
        # a screen the provider failed to obtain was not done; pain that has remained unchanged
        ("The physician failed to obtain a urine drug screen.", ("drug_screen", "drug_screen_missing"), {"drug_screen_missing": 1.0}),
        ("Her pain has remained unchanged.", ("pain_unchanged",), {"pain_unchanged": 1.0}),
    ],
    "facts_said_more_ways": [
        ("Surgery is not recommended at this time.", ("surgical_candidate", "not_surgical_candidate"), {"not_surgical_candidate": 1.0}),
        ("A request for authorization of a C5-6 fusion was submitted.", ("surgical_candidate",), {"surgical_candidate": 1.0}),
        # the request form's date, not its content: the request under review is not read as a surgical plan
        ("The Request for Authorization of 10-02-2016 listed a lumbar fusion.", ("surgical_candidate",), {}),
        ("Conservative tx (ice, rest, PT) has not helped.", ("failed_conservative",), {"failed_conservative": 1.0}),
        ("Nonoperative management had been exhausted without improvement.", ("failed_conservative",), {"failed_conservative": 1.0}),
        ("PT: completed 8 visits, last visit 3/4/16.", ("sessions_physical_therapy",), {"sessions_physical_therapy": 8.0}),
        ("His pills were stolen twice this year.", ("aberrant_behavior",), {"aberrant_behavior": 1.0}),
        ("The UDS was positive for cocaine.", ("aberrant_behavior",), {"aberrant_behavior": 1.0}),
        ("Numbness in an L5 distribution.", ("radicular",), {"radicular": 1.0}),
        ("He says the tramadol doesn't touch the pain.", ("no_relief_reported",), {"no_relief_reported": 1.0}),
        ("She is employed full time as a clerk.", ("return_to_work",), {"return_to_work": 1.0}),
        ("He is essentially housebound.", ("homebound",), {"homebound": 1.0}),
    ],
    "effects_guidelines_and_sources": [
        # a treatment's effect denied leaves the symptom it acts on; a finding denied is still absent
        ("Gabapentin did not reduce her burning pain.", ("neuropathic", "neuropathic:negated"), {"neuropathic": 1.0}),
        ("There was no relief of his radiating leg pain.", ("radicular", "no_radicular_signs"), {"radicular": 1.0}),
        ("He has no decreased sensation in any dermatome.", ("radicular", "no_radicular_signs"), {"no_radicular_signs": 1.0}),
        # a guideline the case reports: what it recommends is not the case's
        ("The reviewer noted that guidelines recommend tapering opioids without functional improvement.", ("tapering", "opioid_use"), {}),
        # relief and where it came from, after s/p; percentages said as "helped"
        ("Pt reports good relief s/p the facet injection.", ("injection_relief_good",), {"injection_relief_good": 1.0}),
        ("The last ESI helped ~70%.", ("injection_relief_good",), {"injection_relief_good": 1.0}),
        ("The last ESI helped 20%.", ("injection_relief_poor",), {"injection_relief_poor": 1.0}),
        # a reviewer's acknowledgment reports what was done, not a request
        ("The UR reviewer acknowledged that the prior epidural had provided 60% relief.", ("injection_relief_good",),
         {"injection_relief_good": 1.0}),
        # counts, kinds and shorthand of therapy
        ("She completed 12 visits of post-op PT.", ("sessions_physical_therapy",), {"sessions_physical_therapy": 12.0}),
        ("Acup x8 in 2015.", ("sessions_acupuncture",), {"sessions_acupuncture": 8.0}),
        ("He denies prior chiro.", ("no_prior_chiropractic",), {"no_prior_chiropractic": 1.0}),
        ("Since starting naproxen six months ago, her stomach has been upset.", ("duration_months",), {"duration_months": 6.0}),
        ("There is no drug-seeking behavior.", ("aberrant_behavior",), {}),
        ("He sustained a wrist fracture in 2010, which healed.", ("red_flags",), {}),
    ],
    "abilities_pairs_and_sources": [
        # an ability since a treatment is function improved by it; an ability alone is not
        ("Since starting Lyrica, she is able to sleep through the night.", ("functional_improvement", "medication_efficacy"),
         {"functional_improvement": 1.0, "medication_efficacy": 1.0}),
        ("After eight sessions of acupuncture he can now turn his head to drive.", ("functional_improvement",), {"functional_improvement": 1.0}),
        ("She is able to walk two blocks.", ("functional_improvement",), {}),
        # a pair said from the end back
        ("With Norco her pain comes down to 4/10 from 8/10.", ("pain_before", "pain_after"), {"pain_before": 8.0, "pain_after": 4.0}),
        # a guideline's sentence runs across its colon; a purpose or a risk is not the worker's state
        ("Per MTUS, opioid monitoring should cover the four A's: analgesia, ADLs, adverse effects and aberrant behavior.", ("aberrant_behavior",),
         {}),
        ("He was counseled on the risks of misuse.", ("aberrant_behavior",), {}),
        # a symptom before a dated operation is past; results pending mean the screen was done
        ("Before her 2014 carpal tunnel release she had tingling in the fingers.", ("neuropathic",), {}),
        ("UDS collected today, results pending.", ("drug_screen",), {"drug_screen": 1.0}),
        # "while" opens a predicate of its own; "per the utilization review" is a source, not a decision
        ("Per the utilization review, no drug screen was done while prescribing Percocet.", ("opioid_use", "drug_screen_missing"),
         {"opioid_use": 1.0, "drug_screen_missing": 1.0}),
        ("The injured worker has not left the house in weeks.", ("homebound",), {"homebound": 1.0}),
        ("S/p L knee CSI with good relief.", ("postop", "injection_relief_good"), {"injection_relief_good": 1.0}),
    ],
    "decisions_predicates_and_clauses": [
        # a poor candidate is none; "which is not prescribed" is a decision about a drug, not the hit's negation
        ("The surgeon felt she was a poor candidate for a lumbar fusion.", ("surgical_candidate", "not_surgical_candidate"),
         {"not_surgical_candidate": 1.0}),
        ("The UDS was positive for cocaine, which is not prescribed.", ("aberrant_behavior",), {"aberrant_behavior": 1.0}),
        # "and has not" opens a predicate of its own; a noun joined by "and" shares the negation
        ("He is working and has not missed any time.", ("return_to_work",), {"return_to_work": 1.0}),
        ("Chiropractic care and acupuncture have not been tried.", ("no_prior_chiropractic", "no_prior_acupuncture"),
         {"no_prior_chiropractic": 1.0, "no_prior_acupuncture": 1.0}),
        # a request after ", and" is another clause's; "already had" is done
        ("She has already had ten chiropractic visits, and the current request is for six more.", ("sessions_chiropractic",),
         {"sessions_chiropractic": 10.0}),
        ("He had already undergone two knee arthroscopies.", ("postop",), {"postop": 1.0}),
        ("A request was submitted for a right carpal tunnel release.", ("surgical_candidate",), {"surgical_candidate": 1.0}),
        ("He will require a revision of the fusion.", ("surgical_candidate",), {"surgical_candidate": 1.0}),
        ("Pt released w/o restrictions.", ("return_to_work",), {"return_to_work": 1.0}),
        ("Failed conservative tx.", ("failed_conservative",), {"failed_conservative": 1.0}),
        ("Since the cervical ESI she has been able to turn her head while driving.", ("functional_improvement",), {"functional_improvement": 1.0}),
    ],
    "subjects_abbreviations_and_time_anchors": [
        # someone else's pain is not the worker's; a fracture not yet healed is current; an operation a time is said by was done
        ("The worker's wife rated her own back pain at 8/10.", ("pain_max",), {}),
        ("Dx: R scaphoid fx, not yet healed.", ("red_flags",), {"red_flags": 1.0}),
        ("He has not worked since his lumbar fusion.", ("postop", "off_work"), {"postop": 1.0, "off_work": 1.0}),
        ("Denies prior psych tx.", ("no_prior_psychotherapy",), {"no_prior_psychotherapy": 1.0}),
        ("No conservative tx to date.", ("no_conservative_trial",), {"no_conservative_trial": 1.0}),
        ("Neurosurgery: not a candidate for surgical intervention.", ("not_surgical_candidate",), {"not_surgical_candidate": 1.0}),
        ("The TENS unit reduces her low back pain.", ("relief_reported",), {"relief_reported": 1.0}),
        ("Since starting duloxetine she has been able to garden again.", ("functional_improvement",), {"functional_improvement": 1.0}),
    ],
}


@pytest.mark.parametrize(
    ("text", "keys", "expected"), [pytest.param(*case, id=f"{group}-{i}") for group, cases in RULE_CASES.items() for i, case in enumerate(cases)]
)
def test_flag_rules(text: str, keys: tuple[str, ...], expected: dict[str, float]) -> None:
    assert _values(text, *keys) == expected
