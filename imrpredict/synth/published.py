"""Published California IMR figures the generator follows, each with its source, and what it assumes where
nothing was published.

Sources are the CWCI and DWC reports listed in ``../shared/facts/imr-published-stats.md`` ([S1]...[S44] there);
the data card (data/README.md) tabulates the same figures. Rates are overturn rates (100% - uphold).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    value: float
    source: str  # "[S9] CWCI 2017 ..." or "assumed: ..." when no figure was published


# Overall overturn rate of the period the real letters come from (Dec 2016 - May 2017).
OVERALL_OVERTURN = Figure(0.088, "[S9] CWCI: 91.2% upheld in 2016 and in 2017 (DWC: 8.4% and 8.3% overturned)")
SINGLE_SERVICE_SHARE = Figure(0.61, "[S7] CWCI 2015: 39% of letters decide multiple services")
SERVICES_PER_LETTER = Figure(1.88, "[S3]/[S6] CWCI: 260,889 services in 137,781 letters (2014, 1.89); ~1.86 in 2015")

# Overturn rate per item category, before the overall rate is matched (a common shift on the log-odds scale
# brings the corpus to OVERALL_OVERTURN; the ordering and spread between categories is what these fix).
CATEGORY_OVERTURN: dict[str, Figure] = {
    "opioid": Figure(0.089, "[S10] CWCI Q1 2018: opioids 91.1% upheld"),
    "muscle_relaxant": Figure(0.08, "[S9] CWCI 2017: pharmaceuticals 92.0% upheld (no per-group figure: assumed the drug-wide rate)"),
    "topical": Figure(0.08, "[S9] pharmaceuticals 92.0% upheld (assumed the drug-wide rate)"),
    "nsaid": Figure(0.08, "[S9] pharmaceuticals 92.0% upheld (assumed the drug-wide rate)"),
    "benzodiazepine": Figure(0.08, "[S9] pharmaceuticals 92.0% upheld (assumed the drug-wide rate)"),
    "sleep_aid": Figure(0.08, "[S9] pharmaceuticals 92.0% upheld (assumed the drug-wide rate)"),
    "anticonvulsant": Figure(0.08, "[S9] pharmaceuticals 92.0% upheld (assumed the drug-wide rate)"),
    "other_drug": Figure(0.12, "assumed: PPIs at the drug-wide 8% and antidepressants at 'almost 30%' overturned ([S8], Q1 2016) mixed"),
    "physical_therapy": Figure(0.12, "assumed: [S6] '80% to 90% upheld for most services' (2015), midpoint"),
    "chiropractic": Figure(0.12, "assumed: [S6] 80-90% upheld for most services"),
    "acupuncture": Figure(0.12, "assumed: [S6] 80-90% upheld for most services"),
    "other_therapy": Figure(0.15, "assumed: [S29]/[S30] programs (functional restoration) among the most overturned, no rate"),
    "imaging": Figure(0.12, "assumed: [S6] 80-90% upheld for most services (diagnostics)"),
    "emg_ncs": Figure(0.12, "assumed: [S6] 80-90% upheld for most services (diagnostics)"),
    "injection": Figure(0.041, "[S25] CWCI 2022: injections 95.9% upheld, the highest of all categories"),
    "surgery": Figure(0.12, "assumed: [S6] 80-90% upheld for most services (no surgery rate published)"),
    "dme": Figure(0.12, "assumed: [S6] 80-90% upheld for most services"),
    "home_care": Figure(0.12, "assumed: [S6] 80-90% upheld for most services"),
    "consultation": Figure(0.231, "[S30]/[S31] DWC 2024: evaluation & management 23.1% overturned, the highest; 'almost 30%' Q1 2016 [S8]"),
    "psych": Figure(0.175, "[S25] CWCI 2022: psych services 82.5% upheld, the lowest; '>20%' overturned Q1 2016 [S8]"),
    "lab": Figure(0.12, "assumed: [S6] 80-90% upheld for most services"),
}

# Share of requested items per category (the generator's draw weights, surgery bundles add associated services).
CATEGORY_SHARE: dict[str, Figure] = {
    "opioid": Figure(0.139, "[S9]/[S14] 2017: opioids 29.1% of pharmaceutical decisions x pharmaceuticals 47.9% [S9] 2016"),
    "topical": Figure(0.083, "[S31] DWC 2024: topical analgesics 17.44% of pharmaceutical requests x 47.9% (includes compounds, 6.5% in 2016 [S9])"),
    "muscle_relaxant": Figure(0.078, "[S31] DWC 2024: muscle relaxants 16.31% of pharmaceutical requests x 47.9%"),
    "nsaid": Figure(0.06, "assumed: anti-inflammatories 'the next largest group' after opioids [S9], no share"),
    "anticonvulsant": Figure(0.03, "assumed: no figure published"),
    "benzodiazepine": Figure(0.02, "assumed: no figure published"),
    "sleep_aid": Figure(0.02, "assumed: no figure published"),
    "other_drug": Figure(0.05, "assumed: antidepressants '4% of the reviews' Q1 2016 [S8] plus PPIs and others"),
    "physical_therapy": Figure(0.133, "[S25] CWCI 2022: physical therapy 13.3% of decisions"),
    "imaging": Figure(0.08, "[S31] DWC 2024: diagnostic testing 11.6% of requests (split assumed 8.0 imaging / 3.6 EMG-NCS)"),
    "emg_ncs": Figure(0.036, "[S31] diagnostic testing 11.6% (split assumed)"),
    "surgery": Figure(0.044, "[S5] CWCI Q1 2015: surgery 4.4% of decisions (4.7% 2014, 4.2% 2015)"),
    "injection": Figure(0.05, "assumed: [S23] injections' share rose 1.5-2 points 2018-2020, no level published"),
    "dme": Figure(0.05, "assumed: [S23] DMEPOS share rose 1.5-2 points 2018-2020, no level published"),
    "consultation": Figure(0.04, "assumed: E&M 'small' [S8]"),
    "chiropractic": Figure(0.03, "assumed: no figure published"),
    "acupuncture": Figure(0.02, "assumed: no figure published"),
    "psych": Figure(0.02, "assumed: psych 'not a large amount' [S8]"),
    "home_care": Figure(0.01, "assumed: no figure published"),
    "lab": Figure(0.02, "assumed: no figure published"),
    "other_therapy": Figure(0.02, "assumed: no figure published"),
}
