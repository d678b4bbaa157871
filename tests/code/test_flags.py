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
