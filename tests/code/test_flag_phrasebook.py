"""A phrasebook of how clinicians commonly write the MTUS-critical facts, in our own wording, and what the flags read.

Written from practice (not from any letter), first for the facts the reporting letters showed the flags under-read
(prior surgery, pain relief and absent radicular signs), then for the other MTUS-critical facts. Each sentence says
whether the flags read it; the ones they do not read are left out on purpose: "responded well to therapy" may be
function, "no leg pain" may be a knee case, denied numbness is not a radicular sign, and symmetric reflexes or full
strength alone are component findings the gold annotators do not mark as "no radicular signs" (a tuning letter's
"reflexes 1+ and equal" is not marked).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from imrpredict.features.flags import find_flags, flag_values
from imrpredict.gold.practice import PracticeSentence, practice_reading, read_practice, tally

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
    ("He received a spinal cord stimulator implant.", "postop", True),  # read from the fifth pass on
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

# a second pass on prior surgery and absent radicular signs, the two facts still short on the reporting letters
# (28 of the 40 read before, 40 after)
PHRASEBOOK_SECOND = [
    ("He is post-op from a right knee arthroscopy.", "postop", True),
    ("She had surgical repair of the rotator cuff.", "postop", True),
    ("He underwent surgical intervention in 2014.", "postop", True),
    ("After undergoing a fusion, his pain persisted.", "postop", True),
    ("An operative report dated 3/4/2015 was reviewed.", "postop", True),
    ("He had two knee scopes.", "postop", True),
    ("She had arthroscopic surgery of the left knee.", "postop", True),
    ("He had a surgical decompression of the ulnar nerve.", "postop", True),
    ("She is s/p right carpal tunnel release.", "postop", True),
    ("He had a right shoulder surgery in 2015.", "postop", True),
    ("Prior surgeries include a lumbar laminectomy.", "postop", True),
    ("The worker had a knee scope in 2013.", "postop", True),
    ("She has had both knees replaced.", "postop", True),
    ("His spine was fused at L4-5 in 2012.", "postop", True),
    ("He had a hernia repair.", "postop", True),
    ("She had a total hip replacement in 2010.", "postop", True),
    ("He had a prior microdiscectomy at L5-S1.", "postop", True),
    ("There are no radiating symptoms.", "no_radicular_signs", True),
    ("The pain is without radicular features.", "no_radicular_signs", True),
    ("There were no neurological deficits.", "no_radicular_signs", True),
    ("Seated SLR was negative.", "no_radicular_signs", True),
    ("There were no dermatomal deficits.", "no_radicular_signs", True),
    ("The pain does not travel into the legs.", "no_radicular_signs", True),
    ("There is no radicular component.", "no_radicular_signs", True),
    ("He denies radicular pain.", "no_radicular_signs", True),
    ("She has no sciatica.", "no_radicular_signs", True),
    ("There was no radiculopathy on exam.", "no_radicular_signs", True),
    ("The neurologic exam was nonfocal.", "no_radicular_signs", True),
    ("He denies any radiation of pain.", "no_radicular_signs", True),
    ("Straight leg raising was negative to 90 degrees.", "no_radicular_signs", True),
    ("Spurling's maneuver was negative bilaterally.", "no_radicular_signs", True),
    ("Her pain is primarily axial.", "no_radicular_signs", True),
    ("He has mechanical low back pain without radiation.", "no_radicular_signs", True),
    ("There is no pain radiating into the arms.", "no_radicular_signs", True),
    ("She reports that the pain does not go down her legs.", "no_radicular_signs", True),
    ("No evidence of lumbar radiculopathy was found.", "no_radicular_signs", True),
    ("The pain stays in his low back.", "no_radicular_signs", True),
    ("Negative Spurling's test.", "no_radicular_signs", True),
    ("There were no signs of radiculopathy.", "no_radicular_signs", True),
    ("Lower extremity neurologic exam was normal.", "no_radicular_signs", True),
]

# the other MTUS-critical facts and the medication facts (58 of the 68 read before the 2026-12-02b round, 66 after);
# unread on purpose: the medication named after the ability (it may be "even with"), a duration from a year alone
PHRASEBOOK_OTHER = [
    ("He has been off work since the injury.", "off_work", True),
    ("She remains on temporary total disability.", "off_work", True),
    ("He is currently not working.", "off_work", True),
    ("She has not returned to work.", "off_work", True),
    ("He was taken off work by his physician.", "off_work", True),
    ("He has been out of work for six months.", "off_work", True),
    ("He stopped working in March 2016.", "off_work", True),
    ("She is on total temporary disability status.", "off_work", True),
    ("He was placed on modified duty.", "modified_duty", True),
    ("She is working light duty.", "modified_duty", True),
    ("He is on restricted duty with no lifting over 10 pounds.", "modified_duty", True),
    ("Work status: modified.", "modified_duty", True),
    ("She was released to work with restrictions.", "modified_duty", True),
    ("He continues on modified work.", "modified_duty", True),
    ("He continues to work full duty.", "return_to_work", True),
    ("She has returned to her usual job.", "return_to_work", True),
    ("He is working full time.", "return_to_work", True),
    ("She is back at work.", "return_to_work", True),
    ("He is working without restrictions.", "return_to_work", True),
    ("She went back to work in January.", "return_to_work", True),
    ("He is able to walk longer distances with the medication.", "functional_improvement", True),
    ("He reports improved ability to perform household chores.", "functional_improvement", True),
    ("Function has improved.", "functional_improvement", True),
    ("There was objective functional improvement.", "functional_improvement", True),
    ("With the medication she is able to perform her ADLs.", "functional_improvement", True),
    ("Her walking tolerance increased from 10 to 30 minutes.", "functional_improvement", True),
    ("There was no documentation of functional improvement.", "no_functional_improvement", True),
    ("No objective functional gains were noted.", "no_functional_improvement", True),
    ("Function has not improved.", "no_functional_improvement", True),
    ("There is no evidence of improved function with the medications.", "no_functional_improvement", True),
    ("There are no red flags.", "red_flags_ruled_out", True),
    ("She denies bowel or bladder dysfunction.", "red_flags_ruled_out", True),
    ("There are no progressive neurological deficits.", "red_flags_ruled_out", True),
    ("He reports new urinary incontinence.", "red_flags", True),
    ("There is concern for infection at the incision.", "red_flags", True),
    ("An x-ray showed a compression fracture.", "red_flags", True),
    ("A urine drug screen on 10/1/2016 was consistent.", "drug_screen", True),
    ("The last UDS was appropriate.", "drug_screen", True),
    ("No urine drug screen was documented.", "drug_screen_missing", True),
    ("There are no recent urine toxicology results.", "drug_screen_missing", True),
    ("Urine drug testing was performed.", "drug_screen", True),
    ("He has failed conservative treatment.", "failed_conservative", True),
    ("Despite physical therapy, medications and injections, pain persists.", "failed_conservative", True),
    ("Conservative measures have been exhausted.", "failed_conservative", True),
    ("She did not improve with physical therapy.", "failed_conservative", True),
    ("Symptoms persisted despite six weeks of conservative care.", "failed_conservative", True),
    ("There is no documentation of conservative treatment.", "no_conservative_trial", True),
    ("No prior conservative care was documented.", "no_conservative_trial", True),
    ("She has completed 24 sessions of physical therapy.", "sessions_physical_therapy", True),
    ("He has attended 12 PT visits.", "sessions_physical_therapy", True),
    ("She had 18 chiropractic treatments.", "sessions_chiropractic", True),
    ("He has had acupuncture x 6.", "sessions_acupuncture", True),
    ("She completed eight visits of aquatic therapy.", "sessions_physical_therapy", True),
    ("He has had at least 30 sessions of physical therapy to date.", "sessions_physical_therapy", True),
    ("She has had 12 physical therapy sessions so far.", "sessions_physical_therapy", True),
    ("He is scheduled for a right shoulder arthroscopy.", "surgical_candidate", True),
    ("She is a surgical candidate.", "surgical_candidate", True),
    ("A lumbar fusion was requested.", "surgical_candidate", True),
    ("The surgeon recommended a carpal tunnel release.", "surgical_candidate", True),
    ("He is awaiting authorization for knee surgery.", "surgical_candidate", True),
    ("She is not a surgical candidate.", "not_surgical_candidate", True),
    ("Pain is 7/10.", "pain_max", True),
    ("She rates her pain at 8 out of 10.", "pain_max", True),
    ("VAS pain score is 6/10.", "pain_max", True),
    ("Pain is rated a 5 on a scale of 1 to 10.", "pain_max", True),
    ("He has been taking Norco for two years.", "duration_months", True),
    ("She has used tramadol since 2014.", "long_term_use", False),
    ("He is being weaned off oxycodone.", "tapering", True),
]

# daily activities, side effects, medication efficacy, imaging, mood and sleep (21 of the 31 read before the
# 2026-12-02b round, 29 after); unread on purpose: an activity that aggravates pain (on the tuning letters the
# annotators do not mark it as a limit: reading it took limits' precision from 1.00 to 0.85 there)
PHRASEBOOK_FUNCTION = [
    ("She has difficulty with activities of daily living.", "adl_limitations", True),
    ("He needs help with dressing and bathing.", "adl_limitations", True),
    ("She cannot sit for more than 20 minutes.", "adl_limitations", True),
    ("He can only walk one block before stopping.", "adl_limitations", True),
    ("She is limited in her ability to perform household chores.", "adl_limitations", True),
    ("He reports trouble sleeping and difficulty driving.", "adl_limitations", True),
    ("Prolonged standing aggravates her pain.", "adl_limitations", False),
    ("She is unable to lift her grandchild.", "adl_limitations", True),
    ("His pain increases with walking and bending.", "adl_limitations", False),
    ("She reports functional limitations with self-care.", "adl_limitations", True),
    ("He has limited tolerance for standing.", "adl_limitations", True),
    ("Sitting tolerance is 15 minutes.", "adl_limitations", True),
    ("Pain interferes with her daily activities.", "adl_limitations", True),
    ("She denies side effects.", "no_side_effects", True),
    ("He reports constipation from the Norco.", "side_effects", True),
    ("The medication causes drowsiness.", "side_effects", True),
    ("She has no adverse effects from her medications.", "no_side_effects", True),
    ("He reports nausea with tramadol.", "side_effects", True),
    ("She developed stomach upset on ibuprofen.", "side_effects", True),
    ("The medications are tolerated well.", "no_side_effects", True),
    ("The medications are working.", "medication_efficacy", True),
    ("She finds the medication helpful.", "medication_efficacy", True),
    ("He states the Lyrica is effective for his nerve pain.", "medication_efficacy", True),
    ("The medications are not effective.", "no_medication_efficacy", True),
    ("An MRI of the lumbar spine showed a disc protrusion at L4-5.", "imaging_findings", True),
    ("X-rays of the knee demonstrated degenerative changes.", "imaging_findings", True),
    ("The MRI revealed a full-thickness rotator cuff tear.", "imaging_findings", True),
    ("EMG/NCV studies were consistent with carpal tunnel syndrome.", "imaging_findings", True),
    ("He has a history of depression.", "depression", True),
    ("She reports anxiety and depressed mood.", "depression", True),
    ("He has difficulty sleeping due to pain.", "insomnia", True),
]

# third pass on prior surgery (2026-12-02c): 59 sentences, 53 read before, 56 after; a procedure's name with an apostrophe,
# 'post' + a procedure, and any procedure in a treatment list are now read, and 'plantar' is no longer taken for a plan word
PHRASEBOOK_THIRD = [
    ("Treatment to date has included medications, physical therapy, and right shoulder surgery.", "postop", True),
    ("Prior treatment consisted of a lumbar laminectomy and injections.", "postop", False),  # 'Prior treatment' is taken whole as conservative care
    ("Treatments have included acupuncture, injections and a carpal tunnel release in 2015.", "postop", True),
    ("Past surgical history is significant for a right carpal tunnel release.", "postop", True),
    ("She is one year postop from her L4-5 fusion.", "postop", True),
    ("He was operated on in 2012.", "postop", True),
    ("He had surgery in 2014.", "postop", True),
    ("The worker is 6 months post left shoulder surgery.", "postop", True),
    ("MRI showed postsurgical changes at L4-5.", "postop", True),
    ("MRI of the lumbar spine revealed postoperative changes at L5-S1.", "postop", True),
    ("There are well-healed surgical scars over the right knee.", "postop", True),
    ("A healed incision is noted over the anterior neck.", "postop", False),  # unmarked in a tuning letter's gold
    ("He has failed back surgery syndrome.", "postop", True),
    ("She has retained hardware in the left ankle.", "postop", True),
    ("He underwent ACL reconstruction in 2011.", "postop", True),
    ("She had a subacromial decompression and distal clavicle excision.", "postop", True),
    ("He had a medial meniscectomy of the right knee.", "postop", True),
    ("She had a trigger finger release on the right thumb.", "postop", True),
    ("He underwent a cubital tunnel release.", "postop", True),
    ("She had a De Quervain's release.", "postop", True),
    ("He had a lateral epicondylar release.", "postop", True),
    ("She had a labral repair of the left hip.", "postop", True),
    ("He had hardware removal from the right ankle.", "postop", True),
    ("She underwent a kyphoplasty at T12.", "postop", True),
    ("He had a hemilaminectomy and foraminotomy at L5-S1.", "postop", True),
    ("She had open reduction and internal fixation of the right wrist.", "postop", True),
    ("He had a two-level cervical fusion.", "postop", True),
    ("He is status post lumbar decompression.", "postop", True),
    ("She is post right knee replacement.", "postop", True),
    ("Following his shoulder surgery he attended 24 sessions of therapy.", "postop", True),
    ("The worker has had 3 surgeries to the left knee.", "postop", True),
    ("He has had a lumbar fusion.", "postop", True),
    ("She had an arthroscopic debridement of the shoulder.", "postop", True),
    ("He had a revision of his lumbar fusion.", "postop", True),
    ("She had a ganglion cyst excision.", "postop", True),
    ("He had an amputation of the right index finger.", "postop", True),
    ("He had a right ulnar nerve transposition.", "postop", True),
    ("She is status post bilateral carpal tunnel releases.", "postop", True),
    ("He had a plantar fascia release.", "postop", True),
    ("She had a total knee arthroplasty on the left in 2013.", "postop", True),
    ("He had spine surgery.", "postop", True),
    ("She had back surgery in 2009.", "postop", True),
    ("He had knee surgery twice.", "postop", True),
    ("His surgery was performed on 4/5/2015.", "postop", True),
    ("The surgery was done in March 2016.", "postop", True),
    ("He had a rotator cuff repair, which failed.", "postop", True),
    ("Since the surgery, she has continued to have pain.", "postop", True),
    ("He continues to have pain after surgery.", "postop", True),
    ("Her pain persisted after the fusion.", "postop", True),
    ("Postoperatively he attended physical therapy.", "postop", True),
    ("He was seen for a postoperative visit.", "postop", True),
    ("She had a right shoulder arthroscopic rotator cuff repair on 5/12/2016.", "postop", True),
    ("He had an L5-S1 fusion.", "postop", True),
    ("She is status post ACDF.", "postop", True),
    ("He had a Mumford procedure.", "postop", False),  # 'procedure' alone may be an injection
    ("Surgical history: right knee arthroscopy 2012.", "postop", True),
    ("The injured worker had surgery on the right wrist.", "postop", True),
    ("Right knee surgery was performed in 2014.", "postop", True),
    ("Left shoulder surgery was done on 2/1/2016.", "postop", True),
]

# fourth pass on prior surgery (2026-12-02c): procedure names, abbreviations and the implants that show an operation
# (18 sentences: 2 read before, 18 after)
PHRASEBOOK_FOURTH = [
    ("He has a history of L4-5 arthrodesis.", "postop", True),
    ("She is status post arthrodesis at L5-S1.", "postop", True),
    ("He had an L5-S1 hemilaminectomy in 2013.", "postop", True),
    ("She had a cervical laminoplasty.", "postop", True),
    ("He had a C5 corpectomy.", "postop", True),
    ("She had a right CTR in 2014.", "postop", True),
    ("He had a left RCR in 2015.", "postop", True),
    ("She had a right ACLR.", "postop", True),
    ("He had a TSA on the right.", "postop", True),
    ("Imaging showed posterior instrumentation from L4 to S1.", "postop", True),
    ("X-rays showed pedicle screws at L4-5.", "postop", True),
    ("He had an ACL graft in 2012.", "postop", True),
    ("She had a manipulation under anesthesia of the shoulder.", "postop", True),
    ("The right knee prosthesis was well seated on x-ray.", "postop", True),
    ("He had an arthrotomy of the left knee.", "postop", True),
    ("She had a meniscus repair.", "postop", True),
    ("He had a bone graft to the tibia.", "postop", True),
    ("He underwent facetectomy at L4-5.", "postop", True),
]

# fifth pass on prior surgery (2026-12-02d): a level or a count before the name, plurals, hardware taken out and devices
# implanted (12 sentences: 0 read before, 12 after)
PHRASEBOOK_FIFTH = [
    ("She underwent a C5-7 ACDF.", "postop", True),
    ("She underwent a two-level ACDF.", "postop", True),
    ("He underwent a 2-level lumbar fusion.", "postop", True),
    ("He had bilateral knee replacements.", "postop", True),
    ("She is status post two shoulder repairs.", "postop", True),
    ("He underwent removal of hardware from the left ankle.", "postop", True),
    ("His hardware was removed in 2014.", "postop", True),
    ("A spinal cord stimulator was implanted in 2015.", "postop", True),
    ("He had a spinal cord stimulator placed.", "postop", True),
    ("He had an SCS implanted in 2013.", "postop", True),
    ("The patient has an intrathecal pain pump.", "postop", True),
    ("She had a pain pump implanted.", "postop", True),
]

# other facts read in the 2026-12-02c round, each first missed by a tuning letter in its own wording
PHRASEBOOK_TOLERANCE_AND_TAPER = [
    ("She is tolerating her current medications.", "no_side_effects", True),
    ("He has been tolerating the medications without problems.", "no_side_effects", True),
    ("She tolerates Norco.", "no_side_effects", True),
    ("Tramadol caused nausea.", "side_effects", True),
    ("Gabapentin made him dizzy.", "side_effects", True),
    ("He discontinued Lyrica (caused dizziness).", "side_effects", True),
    ("The plan is to reduce the hydrocodone.", "tapering", True),
    ("He was advised to cut back on Norco.", "tapering", True),
    ("The physician will lower the dose of Xanax.", "tapering", True),
    ("Norco was decreased to three tablets a day.", "tapering", False),  # the drug first: its name is the opioid hit's
]


# sentences that must not set the feature: a plan, a reduction that did not happen, a sign that is abnormal
NOT_THE_FACT = [
    ("The request is outside the scope of the guidelines.", "surgical_candidate"),
    ("An axial loading test was positive.", "no_radicular_signs"),
    ("He had a surgical consultation for a fusion.", "postop"),
    ("Positive Spurling's test on the right.", "no_radicular_signs"),
    # ConText's modifiers on the new readers: another person's, planned, hypothetical, past
    ("His wife had a knee replacement last year.", "postop"),
    ("Her husband has had two back surgeries.", "postop"),
    ("He is scheduled to have a carpal tunnel release.", "postop"),
    ("She will have a knee arthroscopy next month.", "postop"),
    ("If she had a fusion, she would need six months of rehabilitation.", "postop"),
    ("He was out of work until March and has since returned to full duty.", "off_work"),
    ("Her husband is out of work.", "off_work"),
    ("The goal is for his pain to be well controlled.", "relief_reported"),
    ("Medications are requested to obtain relief.", "relief_reported"),
    ("The plan is to reduce pain and improve function.", "relief_reported"),
    ("Her mother needs help with bathing.", "adl_limitations"),
    ("Surgery was recommended after the MRI.", "postop"),
    ("Pain had been well controlled until the injury.", "relief_reported"),
    ("He had been taken off work before the surgery but now works full duty.", "off_work"),
    ("A fusion would be considered after failed conservative care.", "postop"),
    ("He is awaiting a lumbar fusion.", "postop"),
    ("The worker had requested an ACDF.", "postop"),
    ("She had an appointment for an arthroscopy.", "postop"),
    ("He is working full time at the warehouse.", "medication_efficacy"),
    ("She cannot tolerate the medications well.", "no_side_effects"),
    ("The medication stopped working after a week.", "off_work"),
    ("Without medications she is not able to walk far.", "functional_improvement"),
    ("The fusion is awaiting a second opinion.", "postop"),
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
    # a release or a decompression that is not an operation
    ("She had myofascial release with her therapist.", "postop"),
    ("Treatment has included physical therapy and myofascial release.", "postop"),
    ("He had spinal decompression therapy.", "postop"),
    ("She has undergone a trial of spinal decompression with traction.", "postop"),
    ("She had a release from her doctor to return to work.", "postop"),
    ("He had a full release to regular duty.", "postop"),
    ("She had plantar fasciitis treated with orthotics.", "postop"),
    ("A right CTR was requested.", "postop"),
    ("He is scheduled for ACLR.", "postop"),
    ("A spinal cord stimulator trial was requested.", "postop"),
    ("He had a successful SCS trial.", "postop"),
    ("An intrathecal pump trial is recommended.", "postop"),
    ("Removal of hardware was requested.", "postop"),
    ("A request for spinal cord stimulator implantation was denied.", "postop"),
    ("Work releases were given.", "postop"),
    # a symptom with no drug named before it; a drug tolerated poorly; a reduction of pain or motion, not of a drug
    ("The fall caused dizziness and a headache.", "side_effects"),
    ("Her neck pain caused headaches.", "side_effects"),
    ("She tolerates Norco poorly.", "no_side_effects"),
    ("He cannot tolerate the medications.", "no_side_effects"),
    ("Norco reduced his pain.", "tapering"),
    ("The goal is for medications to allow him to walk farther.", "functional_improvement"),
    ("Flexion was decreased on the left.", "tapering"),
]


ALL_READ = (
    PHRASEBOOK + PHRASEBOOK_SECOND + PHRASEBOOK_OTHER + PHRASEBOOK_FUNCTION + PHRASEBOOK_THIRD + PHRASEBOOK_FOURTH + PHRASEBOOK_FIFTH
    + PHRASEBOOK_TOLERANCE_AND_TAPER
)


@pytest.mark.parametrize(("text", "feature", "read"), ALL_READ)
def test_phrasebook(text: str, feature: str, read: bool) -> None:
    assert (flag_values(find_flags(text)).get(feature, 0.0) > 0) is read


@pytest.mark.parametrize(("text", "feature"), NOT_THE_FACT)
def test_not_the_fact(text: str, feature: str) -> None:
    assert feature not in flag_values(find_flags(text))


# feature values a phrasing sets (None: the feature must be absent)
VALUES = [
    ("He has been taking Norco for two years.", {"duration_months": 24.0}),
    ("She has been on gabapentin for 18 months.", {"duration_months": 18.0}),
    ("He has taken Norco for 8 months.", {"duration_months": 8.0}),
    # the pain pair as notes abbreviate it
    ("VAS 8/10 w/o meds, 4/10 w/ meds.", {"pain_before": 8.0, "pain_after": 4.0, "medication_efficacy": 1.0}),
    ("Pain 4/10 w/ meds and 8/10 w/o.", {"pain_before": 8.0, "pain_after": 4.0, "medication_efficacy": 1.0}),
    ("The last UDS was appropriate.", {"drug_screen": 1.0, "drug_screen_consistent": 1.0}),
    # as notes write it, without the verb; "not consistent" is not read as consistent
    ("UDS 1/5/16 consistent.", {"drug_screen": 1.0, "drug_screen_consistent": 1.0}),
    ("Urine drug screen on 3/4/2016: consistent.", {"drug_screen": 1.0, "drug_screen_consistent": 1.0}),
    ("UDS not consistent.", {"drug_screen": 1.0, "drug_screen_consistent": None}),
    ("With medications she is able to do her own shopping.", {"functional_improvement": 1.0, "medication_efficacy": 1.0}),
    # a start date: months to the latest record the summary mentions (184 days, 169 days from the 15th of June)
    ("She has taken Norco since at least 3/1/2016. The progress note of 9/1/2016 was reviewed.", {"duration_months": 6.0}),
    ("He has used cyclobenzaprine since June 2016; he was seen on 12/1/2016.", {"duration_months": 5.6}),
    ("He has not worked since 10-17-2016. He was seen on 1/5/2017.", {"duration_months": None}),
    ("Her pain has been worse since 3/1/2016, she said on 9/1/2016.", {"duration_months": None}),
    ("Norco since 3/1/2016 was noted in a report of 2/1/2016.", {"duration_months": None}),
]

# clinical notes' shorthand, probed 2026-12-02c: several read as the opposite before
NOTE_SHORTHAND = [
    # clinical notes' shorthand: a pair joined by "to" or an arrow is before -> after, whatever "with" follows
    ("Pain 8/10 down to 4/10 with medications.", {"pain_before": 8.0, "pain_after": 4.0, "medication_efficacy": 1.0}),
    ("Pain: 8/10 -> 4/10 with Norco.", {"pain_before": 8.0, "pain_after": 4.0, "medication_efficacy": 1.0}),
    ("Pain is 3/10 with medication and 8/10 without.", {"pain_before": 8.0, "pain_after": 3.0, "medication_efficacy": 1.0}),
    # "neg" before a sign negates it; an injection the worker is status post is not an operation
    ("Neg SLR bilat.", {"no_radicular_signs": 1.0, "radicular": None}),
    ("S/p ESI x2 with 60% relief for 3 months.", {"postop": None, "prior_injection": 1.0}),
    ("Status post L4-5 ESI.", {"postop": None, "prior_injection": 1.0}),
    ("Status post ACDF and ESI.", {"postop": 1.0, "prior_injection": 1.0}),
    # a therapy failed is conservative care failed; "chiro" is chiropractic
    ("He failed physical therapy.", {"failed_conservative": 1.0, "prior_physical_therapy": 1.0}),
    ("Failed PT, meds, and injections.", {"failed_conservative": 1.0}),
    ("He failed to attend PT.", {"failed_conservative": None}),
    ("Chiro x 12.", {"sessions_chiropractic": 12.0, "sessions_physical_therapy": None}),
    # a symptom denied after its name; a treatment "denied" is a UR decision, not an absence
    ("Red flags denied.", {"red_flags_ruled_out": 1.0, "red_flags": None}),
    ("Radicular symptoms denied.", {"no_radicular_signs": 1.0, "radicular": None}),
    ("Norco denied.", {"no_opioid_use": None}),
    # a plan, function and daily activities as fields or without their verb
    ("Plan: L4-5 fusion.", {"surgical_candidate": 1.0}),
    ("Surgical consult: recommended L4-5 decompression.", {"surgical_candidate": 1.0}),
    ("Function: improved, able to walk 2 miles.", {"functional_improvement": 1.0}),
    ("Function: not improved.", {"no_functional_improvement": 1.0, "functional_improvement": None}),
    ("ADLs limited.", {"adl_limitations": 1.0}),
    ("Lifting limited to 20 pounds.", {"adl_limitations": None}),
    # what a drug lets the worker do is function with medication; not so for a brace
    ("Meds allow him to walk longer.", {"functional_improvement": 1.0, "medication_efficacy": 1.0}),
    ("With meds he can walk 30 minutes.", {"functional_improvement": 1.0, "medication_efficacy": 1.0}),
    ("The brace allows him to walk.", {"functional_improvement": None}),
]


@pytest.mark.parametrize(("text", "expected"), VALUES + NOTE_SHORTHAND)
def test_phrasebook_values(text: str, expected: dict[str, float | None]) -> None:
    values = flag_values(find_flags(text))
    assert {k: values.get(k) for k in expected} == expected


def test_a_named_radicular_sign_is_read_as_one() -> None:
    # the exam-findings trigger used to take "negative Spurling's test" whole, so its radicular meaning was lost
    assert flag_values(find_flags("Negative Spurling's test.")) == {"no_radicular_signs": 1.0, "exam_findings": 1.0}
    assert flag_values(find_flags("Positive straight leg raise test on the left.")) == {"radicular": 1.0, "exam_findings": 1.0}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a form-like summary: the field names the fact, its value says it is absent (the colon ends the clause)
        ("Red flags: none.", {"red_flags_ruled_out": 1.0}),
        ("Red flags - None noted.", {"red_flags_ruled_out": 1.0}),
        ("Radicular symptoms: denied.", {"no_radicular_signs": 1.0}),
        ("Urine drug screen: not done.", {"drug_screen_missing": 1.0}),
        ("Side effects: none.", {"no_side_effects": 1.0}),
        ("Prior surgery: none.", {"postop:negated": 1.0}),
        ("Straight leg raise: negative bilaterally.", {"no_radicular_signs": 1.0, "exam_findings": 1.0}),
        # a value that is not an absence leaves the fact as it is
        ("Red flags: cauda equina symptoms.", {"red_flags": 1.0}),
        ("Radicular pain - no change.", {"radicular": 1.0}),
        ("Medications: Norco - no side effects.", {"opioid_use": 1.0, "no_side_effects": 1.0}),
        ("Lumbar fusion: denied by utilization review.", {}),
    ],
)
def test_form_fields(text: str, expected: dict[str, float]) -> None:
    assert flag_values(find_flags(text)) == expected


# A second practice set (2026-12-02d): 657 sentences written by reviewers from practice without sight of any letter,
# on the MTUS-critical facts (work status, function, pain and relief, red flags, radicular signs, therapy given and its
# sessions, drug screens, conservative care, surgery) and the others (medication efficacy, side effects, duration,
# tapering, injections and their relief, imaging, exam, mood, sleep). Each is labelled with the gold fact and polarity
# it states (data/gold/GUIDE.md) or, polarity 0, the fact it must not be read as. ``read`` records what the flags do:
# "yes" / "no" for a statement, "no" / "misread" for a trap. MTUS-critical facts, before -> after this round:
# statements read 133 -> 162 of 187, absences 62 -> 81 of 97, traps misread 15 -> 13 of 107; the others 82 -> 91 of
# 129, 39 -> 48 of 69 and 19 -> 20 of 68. 2026-12-02e, three modifiers written from its misread traps (a guideline's
# own sentence, someone else as the clause's subject, a "Goal:" field) and the fixes from the tuning half of the
# third set below: MTUS-critical 163 of 187, 81 of 97, traps misread 4 of 107; the others 94 of 129, 48 of 69, 12 of 68.
PRACTICE = Path(__file__).parents[1] / "fixtures" / "practice_sentences.tsv"


def _practice_rows() -> list[tuple[str, str, str, str, str]]:
    return [(r.sentence, r.fact, r.polarity, r.number, r.read) for r in read_practice(PRACTICE)]


@pytest.mark.parametrize(("text", "fact", "polarity", "number", "read"), _practice_rows())
def test_practice_sentences(text: str, fact: str, polarity: str, number: str, read: str) -> None:
    assert practice_reading(text, fact, polarity, number) == read


def test_practice_sentences_cover_the_critical_facts() -> None:
    rows = _practice_rows()
    assert len(rows) == 657
    statements = [r for r in rows if r[2] != "0"]
    assert sum(r[4] == "yes" for r in statements) == 415 and sum(r[4] == "misread" for r in rows) == 14
    assert {r[1] for r in statements} >= {"off_work", "working", "functional_improvement", "pain_relief", "red_flags", "radicular", "drug_screen"}


# Two held-out sets, each split in halves by a hash of the sentence before anything was changed; rules were written
# from the tuning halves' misses only, and each set's first reading, with the flags as they were, is the honest
# measure of how the flags read prose they were not written from.
# - practice_sentences_2.tsv (2026-12-02e; the third set of sentences, counting the phrasebook): 631 sentences by five
#   new reviewers who saw neither any letter, nor the sets above, nor the code (README, 12-02e).
# - practice_sentences_3.tsv (2026-12-02f): 615 sentences by five more new reviewers, who saw no letter, no earlier set
#   and no code, asked this time for the register of IMR case summaries (the reviewer's third-person narrative of the
#   records, one sentence in four a treater's note line). Its first reading (README, 12-02f): MTUS-critical
#   statements 122 of 184, absences 37 of 60, traps misread 19 of 120; others 85 of 133, 23 of 32, 14 of 86. Its
#   reporting half was then read for a second round of rules, so it is a tuning set too now.
# - practice_sentences_4.tsv (2026-12-02f): 611 sentences by five more new reviewers, the same brief as set 3, read for
#   no rule. Its reading with the flags at this session's start (dd5e08d): MTUS-critical statements 132 of 182,
#   absences 41 of 62, traps misread 13 of 123; others 79 of 130, 22 of 30, 15 of 84 (README, 12-02f). Read for a
#   third round of rules after two rounds held out.
# - practice_sentences_5.tsv (2026-12-02f): 597 sentences by five more new reviewers, the same brief, written during
#   that third round and read for no rule. Its first reading, with the flags as they were when it was written
#   (a7585ab): MTUS-critical statements 136 of 178, absences 42 of 57, traps misread 18 of 116; others 98 of 134,
#   21 of 26, 14 of 86 (at the session's start, dd5e08d: 126, 38, 19; 86, 19, 15). Read for a fourth round.
# - practice_sentences_6.tsv (2026-12-02f): 600 sentences by five more new reviewers, the same brief, written during the
#   fourth round and read for no rule. Its first reading (d9fda5b): MTUS-critical statements 140 of 182, absences 43 of
#   56, traps misread 10 of 118; others 92 of 129, 22 of 29, 16 of 86 (at the session's start: 125, 41, 12; 82, 21, 19).
#   Read for a fifth round.
# - practice_sentences_7.tsv (2026-12-02f): 604 sentences by five more new reviewers, the same brief, written during the
#   fifth round and read for no rule. Its first reading (cba928b): MTUS-critical statements 139 of 178, absences 45 of
#   59, traps misread 11 of 116; others 108 of 134, 20 of 29, 14 of 88 (at the session's start: 125, 40, 12; 94, 20, 16).
#   Read for a sixth round.
# - practice_sentences_8.tsv (2026-12-02f): 603 sentences by five more new reviewers, the same brief, written during the
#   sixth round and read for no rule. Its first reading (8205373): MTUS-critical statements 140 of 180, absences 43 of
#   56, traps misread 12 of 119; others 99 of 131, 19 of 27, 13 of 90 (at the session's start: 124, 41, 15; 86, 17, 14).
# For each: its size, and per half (sentences, statements and absences read, traps misread) as the fixture records now.
HELD_OUT = {
    "practice_sentences_2.tsv": (631, {"tuning": (315, 195, 8), "reporting": (316, 177, 13)}),
    "practice_sentences_3.tsv": (615, {"tuning": (288, 160, 14), "reporting": (327, 177, 13)}),
    "practice_sentences_4.tsv": (611, {"tuning": (293, 152, 9), "reporting": (318, 170, 14)}),
    "practice_sentences_5.tsv": (597, {"tuning": (272, 145, 12), "reporting": (325, 179, 14)}),
    "practice_sentences_6.tsv": (600, {"tuning": (298, 150, 19), "reporting": (302, 166, 6)}),
    "practice_sentences_7.tsv": (604, {"tuning": (297, 154, 11), "reporting": (307, 172, 13)}),
    "practice_sentences_8.tsv": (603, {"tuning": (333, 171, 17), "reporting": (270, 132, 8)}),
}


def _held_out_rows(name: str) -> list[tuple[str, str, str, str, str, str]]:
    return [(r.sentence, r.fact, r.polarity, r.number, r.part, r.read) for r in read_practice(Path(__file__).parents[1] / "fixtures" / name)]


@pytest.mark.parametrize(("text", "fact", "polarity", "number", "part", "read"), [row for name in HELD_OUT for row in _held_out_rows(name)])
def test_held_out_practice_sentences(text: str, fact: str, polarity: str, number: str, part: str, read: str) -> None:
    assert practice_reading(text, fact, polarity, number) == read


@pytest.mark.parametrize("name", HELD_OUT)
def test_held_out_practice_split(name: str) -> None:
    rows = _held_out_rows(name)
    size, halves = HELD_OUT[name]
    assert len(rows) == size and len({r[0] for r in rows}) == size
    for part, (n, read, misread) in halves.items():
        mine = [r for r in rows if r[4] == part]
        assert all(r[4] == ("tuning" if int(hashlib.sha1(r[0].encode()).hexdigest(), 16) % 2 == 0 else "reporting") for r in mine)
        assert (len(mine), sum(r[5] == "yes" for r in mine if r[2] != "0"), sum(r[5] == "misread" for r in mine)) == (n, read, misread)


def test_tally_counts_statements_absences_and_traps() -> None:
    rows = [
        PracticeSentence("She remains off work.", "off_work", "+", "", "", "yes"),
        PracticeSentence("Pain is rated 7/10 today.", "pain_score", "+", "8", "", "no"),  # the number must match too
        PracticeSentence("No radicular symptoms.", "radicular", "-", "", "", "yes"),
        PracticeSentence("His wife is working two jobs.", "working", "0", "", "", "no"),
        PracticeSentence("With Norco she is able to walk farther.", "medication_efficacy", "+", "", "", "yes"),
    ]
    t = tally(rows)
    assert t[("MTUS-critical", "statements")] == (1, 2)
    assert t[("MTUS-critical", "absences")] == (1, 1)
    assert t[("MTUS-critical", "traps")] == (0, 1)
    assert t[("others", "statements")] == (1, 1)
