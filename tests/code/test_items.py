"""Item wording -> category, quantity, sessions, retrospective."""

from __future__ import annotations

import math

import pytest

from imrpredict.features.items import item_facts


@pytest.mark.parametrize(
    ("item", "category"),
    [
        ("Norco 10/325mg quantity 120", "opioid"),
        ("Xanax 1mg quantity 30", "benzodiazepine"),
        ("Ambien 10mg #30", "sleep_aid"),
        ("Flexeril 10mg #60", "muscle_relaxant"),
        ("Lidoderm 5% patch #30", "topical"),
        ("Voltaren gel 1% 100g", "topical"),
        ("Naproxen 550mg #60", "nsaid"),
        ("Gabapentin 600mg #90", "anticonvulsant"),
        ("Omeprazole 20mg #60", "other_drug"),
        ("Physical therapy 2 times a week for 6 weeks, lumbar spine", "physical_therapy"),
        ("Chiropractic care to the low back two times a week for four weeks", "chiropractic"),
        ("Acupuncture 3 times a week for 2 weeks, neck", "acupuncture"),
        ("MRI of the lumbar spine", "imaging"),
        ("EMG/NCV of the lower extremities", "emg_ncs"),
        ("Facet joint injections L4-5, L5-S1", "injection"),
        ("Right shoulder arthroscopic subacromial decompression", "surgery"),
        ("Post-operative physical therapy 12 sessions", "associated_service"),
        ("Pre-operative medical clearance", "associated_service"),
        ("TENS unit purchase", "dme"),
        ("Home health aide 4 hours per day", "home_care"),
        ("Pain management consultation", "consultation"),
        ("Cognitive behavioral therapy 6 sessions", "psych"),
        ("Urine drug screen", "lab"),
        ("H-wave device 30-day trial", "other_therapy"),
        ("Something unheard of", "other"),
        # wordings of real DWC item headings that used to fall to "other" or the wrong category
        ("Associated surgical service: cold therapy unit rental", "associated_service"),
        ("Assistant PA for the knee procedure", "associated_service"),
        ("Spinal surgery evaluation", "consultation"),
        ("Consultation with a knee replacement surgeon", "consultation"),
        ("Psychological evaluation", "psych"),
        ("Evaluation and treatment with a psychologist", "psych"),
        ("Famotidine 20mg", "other_drug"),
        ("Ketoprofen-based oral suspension 150ml", "other_drug"),
        ("Chlorzoxazone 500mg", "muscle_relaxant"),
        ("Knee braces x2", "dme"),
        ("Hearing aids, both ears", "dme"),
        ("Urine test", "lab"),
        ("Electrocardiogram", "lab"),
        ("Somatosensory evoked potentials, lower limbs", "emg_ncs"),
        ("Electrical stimulation x6", "other_therapy"),
        ("Round-trip transportation to appointments", "home_care"),
    ],
)
def test_category(item: str, category: str) -> None:
    assert item_facts(item).category == category


def test_quantity_sessions_retrospective() -> None:
    norco = item_facts("Norco 10/325mg #120")
    assert norco.quantity == 120 and math.isnan(norco.sessions)
    assert item_facts("Physical therapy 2 times a week for 6 weeks").sessions == 12
    assert item_facts("Eight sessions of physical therapy for the knee").sessions == 8
    assert item_facts("Chiropractic x4 left hand").sessions == 4
    assert item_facts("Retrospective: Toradol injection DOS 12/13/2016").retrospective
    assert not item_facts("Toradol injection").retrospective
