"""What was requested: the item's category, quantity, sessions and request type, read from its wording."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Order matters: the first rule that matches names the category (associated services before surgery,
# drug testing before drugs, topicals before oral NSAIDs of the same name).
CATEGORY_RULES: tuple[tuple[str, str], ...] = (
    (
        "associated_service",
        r"\b(?:pre-?\s?op(?:erative)?|post-?\s?op(?:erative)?|associated surgical services?|assistant surgeon|surgical assistant|assistant PA|"
        r"co-?surgeon|medical clearance|"
        r"inpatient stay|length of stay|cold therapy unit|DVT|compression device|anesthesia)\b",
    ),
    (
        "lab",
        r"\b(?:urine drug|urine tests?|urinalysis|drug screen|drug test|toxicology|labs?|panel|CBC|BMP|CMP|PT/PTT|genetic testing|blood tests?|"
        r"blood work|hepatic function|EKG|ECG|electrocardiograms?)\b",
    ),
    (
        "opioid",
        r"\b(?:norco|percocet|tramadol|ultram|ultracet|oxycodone|oxycontin|ms ?contin|morphine|hydrocodone|tapentadol|nucynta|fentanyl|"
        r"methadone|dilaudid|hydromorphone|buprenorphine|butrans|codeine|opana|oxymorphone|suboxone|opioids?|vicodin|tylenol\s?#\s?3|trezix|dihydrocodeine)\b",
    ),
    ("topical", r"\b(?:lidoderm|patch(?:es)?|cream|gel|lotion|ointment|topical|compound(?:ed)?|terocin|transdermal)\b"),
    ("benzodiazepine", r"\b(?:xanax|alprazolam|valium|diazepam|klonopin|clonazepam|ativan|lorazepam|benzodiazepines?)\b"),
    ("sleep_aid", r"\b(?:ambien|zolpidem|lunesta|eszopiclone|restoril|temazepam|sonata|zaleplon|trazodone|belsomra|sleep aid)\b"),
    (
        "muscle_relaxant",
        r"\b(?:flexeril|cyclobenzaprine|tizanidine|zanaflex|baclofen|soma|carisoprodol|methocarbamol|robaxin|skelaxin|"
        r"metaxalone|orphenadrine|norflex|fexmid|lorzone|chlorzoxazone|parafon|tabradol|muscle relaxants?)\b",
    ),
    ("anticonvulsant", r"\b(?:gabapentin|neurontin|gralise|lyrica|pregabalin|topamax|topiramate)\b"),
    (
        "nsaid",
        r"\b(?:naproxen|anaprox|ibuprofen|motrin|meloxicam|mobic|celebrex|celecoxib|diclofenac|etodolac|nabumetone|ketorolac|toradol|"
        r"relafen|indomethacin|nsaids?)\b",
    ),
    (
        "other_therapy",
        r"\b(?:h-?wave|functional restoration|work hardening|work conditioning|shock ?wave|ESWT|massage|aquatic|pool therapy|"
        r"gym membership|interdisciplinary|detox(?:ification)?|electrical stimulation|e-?stim|traction|spinolator|paraffin|"
        r"partial hospitali[sz]ation|day treatment|weight loss program)\b",
    ),
    ("chiropractic", r"\b(?:chiropract\w*|manipulation|chiro)\b"),
    ("acupuncture", r"\b(?:acupuncture|electro-?acupuncture)\b"),
    ("physical_therapy", r"\b(?:physical therapy|physiotherapy|occupational therapy|PT|OT|therapeutic exercise|hand therapy|PT/OT)\b"),
    ("emg_ncs", r"\b(?:EMG|NCV|NCS|nerve conduction|electromyograph\w*|electrodiagnostic|SSEPs?|evoked potentials?|EEG|electroencephalogram)\b"),
    ("imaging", r"\b(?:MRI|MR arthrogram|CT|CAT scan|x-?rays?|radiographs?|ultrasound|bone scan|arthrogram|imaging|scan)\b"),
    (
        "injection",
        r"\b(?:injections?|ESI|epidural|blocks?|facet|radiofrequency|ablation|rhizotomy|trigger point|PRP|platelet|synvisc|"
        r"hyaluronic|cortisone|steroid)\b",
    ),
    (
        "surgery",
        r"\b(?:arthroscop\w*|arthroplasty|fusion|discectomy|laminectomy|laminotomy|foraminotomy|release|repair|reconstruction|"
        r"decompression|meniscectomy|\w+ectomy|ORIF|open reduction|surgery|surgical|replacement|debridement|osteotomy)\b",
    ),
    ("home_care", r"\b(?:home health|home care|aide|caregiver|housekeeping|home assistance|nursing|transportation)\b"),
    ("psych", r"\b(?:psycholog\w*|psychiatr\w*|cognitive behavioral|CBT|biofeedback|psychotherapy|counsel\w*)\b"),
    (
        "dme",
        r"\b(?:TENS|unit|braces?|cane|walker|wheelchair|scooter|mattress|splints?|orthotics?|supports?|kit|pillows?|DME|interferential|"
        r"hot/cold|ice|heat|pads?|wraps?|shower chair|collar|sling|bed|stimulator|cushion|insoles|hearing aids?)\b",
    ),
    ("consultation", r"\b(?:consult\w*|follow[- ]?ups?|office visits?|evaluation|referral|functional capacity|re-?evaluation|visit)\b"),
    (
        "other_drug",
        r"\b(?:omeprazole|prilosec|pantoprazole|protonix|ranitidine|cymbalta|duloxetine|amitriptyline|elavil|nortriptyline|"
        r"ondansetron|zofran|senna|colace|docusate|pepcid|famotidine|sildenafil|viagra|cialis|oral suspension|medications?|"
        r"\d*\.?\d+\s?(?:mg|mcg|ml)|tablets?|capsules?|#\s?\d+)\b",
    ),
)
CATEGORIES: tuple[str, ...] = (*(name for name, _ in CATEGORY_RULES), "other")
DRUG_CATEGORIES = frozenset({"opioid", "benzodiazepine", "sleep_aid", "muscle_relaxant", "topical", "anticonvulsant", "nsaid", "other_drug"})
# Matched on lowercased text with a charset lookahead: several times faster than re.I (see flags.py).
_CATEGORY_RX = re.compile(r"(?=[a-z0-9#])(?:" + "|".join(f"(?P<{name}>{rx.lower()})" for name, rx in CATEGORY_RULES) + ")")
# Counts written out, as requests and summaries write them ("six sessions", "five (5) visits"); shared with flags.py.
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "fourteen": 14, "fifteen": 15, "sixteen": 16, "eighteen": 18, "twenty": 20, "twenty-four": 24, "thirty": 30, "thirty-six": 36,
}  # fmt: skip
# a count in digits or words, longest word first so "twenty-four" is not read as "twenty"
COUNT_PATTERN = r"(?:\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_NUM = "(" + COUNT_PATTERN + ")"
_QUANTITY = re.compile(r"(?:#|quantity:?\s*|qty:?\s*|\()\s*(\d{1,4})(?:\s*tablets|\s*capsules)?", re.I)
_FREQ = re.compile(_NUM + r"\s*(?:times|x)\s*(?:a|per)?\s*week\s*(?:for|x|times)\s*" + _NUM + r"\s*weeks?", re.I)
_SESSIONS = re.compile(_NUM + r"\s*(?:sessions?|visits?|treatments?)\b|\bx\s?(\d{1,2})\b|(?:sessions?|visits?)\s*(?:#|x)?\s*(\d{1,2})\b", re.I)
_RETRO = re.compile(r"\bretro(?:spective|active)?\b|\bDOS\b|date of service", re.I)


def count_value(token: str | None) -> int | None:
    """The number a count token stands for ("12", "twelve"); None for no token."""
    if not token:
        return None
    token = token.lower()
    return int(token) if token.isdigit() else NUMBER_WORDS.get(token)


@dataclass(frozen=True)
class ItemFacts:
    category: str
    quantity: float
    sessions: float
    retrospective: bool


# A consultation or evaluation about a treatment is a consultation, whatever treatment it names
# ("consult with a spine surgeon", "surgery evaluation", "referral to pain management for injections").
_CONSULT_ABOUT = re.compile(
    r"^(?!psych)(?:[\w-]+ ){0,3}?(?:consult(?:ation)?s?|evaluations?|referrals?|second opinion)\b(?! (?:of|and) (?:the )?(?:injection|surgery|treat\w*|manage\w*))"
    r"|\b(?:surgical|surgery|surgeon|orthopedic|specialist|spine|pain management) (?:consult(?:ation)?|evaluation|referral)s?\b"
)


def categorize(item: str) -> str:
    """The item's category by the earliest matching rule in CATEGORY_RULES order (a consultation first)."""
    if _CONSULT_ABOUT.search(item.lower()):
        return "consultation"
    best: str | None = None
    best_rank = len(CATEGORY_RULES)
    for m in _CATEGORY_RX.finditer(item.lower()):
        name = m.lastgroup
        rank = CATEGORIES.index(name) if name else best_rank
        if rank < best_rank:
            best, best_rank = name, rank
    return best or "other"


@lru_cache(maxsize=1 << 16)
def item_facts(item: str) -> ItemFacts:
    """Category, quantity (#, tablets), sessions (N sessions, N x a week for M weeks) and retrospective flag.

    Cached by text: requests repeat ("Norco 10/325mg #120"); 50,000 synthetic items hold 4,219 distinct texts.
    """
    category = categorize(item)
    q = _QUANTITY.search(item)
    quantity = float(q.group(1)) if q and category in DRUG_CATEGORIES else float("nan")
    sessions = float("nan")
    f = _FREQ.search(item)
    if f:
        a, b = count_value(f.group(1)), count_value(f.group(2))
        if a and b:
            sessions = float(a * b)
    if sessions != sessions and category not in DRUG_CATEGORIES:  # NaN: no frequency form
        s = _SESSIONS.search(item)
        if s:
            n = count_value(s.group(1) or s.group(2) or s.group(3))
            sessions = float(n) if n else float("nan")
    return ItemFacts(category, quantity, sessions, bool(_RETRO.search(item)))
