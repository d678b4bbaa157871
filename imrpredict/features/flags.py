"""Clinical flags MTUS weighs, read from a case summary in one regex pass, with negation and scope.

All triggers are alternatives of ONE compiled pattern, so a summary is scanned once whatever the number
of flags. For each hit, negation is decided NegEx-style inside the hit's clause: a cue before it
("no", "denies", "has not", "no documentation of"...), a cue inside it ("function has not improved"),
or a cue after it ("... has not been attempted", "... were ruled out", "... is negative").
Every hit keeps its character span, so a score can show the sentence it came from.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from imrpredict.features.prefix_guard import guarded

# A pain score on the 0-10 scale, as clinicians write it: "7/10", "7 / 10", "7 out of 10", "7 out of ten".
_PAIN10 = r"\d{1,2}\s*(?:/|out of)\s*(?:10|ten)"
# A procedure whose relief the injection flags are about; relief from medication or rest is not this.
_INJECTION = r"(?:injections?|epidurals?|esis?|nerve blocks?|branch blocks?|facet (?:blocks?|injections?)|ablations?|rfa)"
_RELIEF_GOOD = r"(?:significant|lasting|sustained|substantial)(?: and lasting)? relief"
_RELIEF_POOR = r"(?:no lasting benefit|minimal relief|no benefit|did not help|no (?:significant |lasting )?relief)"
_ARTICLES = r"(?:the |an? |his |her |their |prior |previous )?(?:[\w-]+ ){0,3}?"


def _of_injection(relief: str) -> str:
    """``relief`` said of an injection in the same clause: "the injection gave X" or "X from the ESI"."""
    return _INJECTION + r"\b[^.;]{0,80}?\b" + relief + "|" + relief + r" (?:from|with|after) " + _ARTICLES + _INJECTION


# name -> trigger regex. Within the single pattern, earlier alternatives win at the same position,
# so specific phrasings come before generic ones.
TRIGGERS: dict[str, str] = {
    "off_work": r"off (?:of )?work|not (?:currently )?working|not (?:currently )?employed|unemployed|temporar(?:il)?y (?:and )?totally (?:\w+ )?disabled|"
    r"totally disabled|\bTTD\b|unable to (?:return to )?work|inability to work|has not worked|not returned to (?:any )?work",
    "modified_duty": r"modified (?:duty|duties|work)|light duty|with (?:work )?restrictions|work restrictions|restricted duty|lifting restrictions|"
    r"temporar(?:il)?y (?:and )?partially (?:\w+ )?disabled|\bTPD\b",
    "return_to_work": r"return(?:ed)? to (?:full |regular |usual |modified )?(?:duty|work)|back (?:at|to) work|working full[- ]time|"
    r"full duty|regular duty|without restrictions|continues to work|is working|currently working|usual job",
    "functional_improvement": r"(?:objective )?functional (?:improvement|gains?)|improve(?:d|ment in) (?:\w+ ){0,2}?(?:function\w*|ability|daily activities|"
    r"ADLs|activities of daily living)|function(?:al|ing)? (?:has |have )?(?:not )?improved|(?:ADLs|activities of daily living) (?:have |has )?"
    r"(?:not )?improved|(?:significant )?change in (?:ADLs|activities of daily living|function\w*)",
    "pain_pair": _PAIN10 + r"(?:\s+[a-z]+){0,3}?\s*(?:,|and|to|versus|vs\.?)\s*(?:[a-z]+\s+){0,2}?" + _PAIN10,
    "pain_score": _PAIN10 + r"\b",
    "pain_unchanged": r"unchanged|with and without medications?",
    "percent_relief": r"\d{2,3}\s*%\s*(?:pain )?(?:relief|improvement|reduction)",
    "duration": r"(?:taking|prescribed|on|used|using)\b[^.;]{0,60}?\bfor\s+(?:over\s+|more than\s+|about\s+|the (?:past|last)\s+)?\d{1,3}\s+(?:months?|years?)",
    "long_term_use": r"long[- ]term (?:use|opioid|opiate|therapy)|chronic (?:opioid|opiate) (?:use|therapy)",
    "tapering": r"taper(?:ing|ed)?|wean(?:ing|ed)?|dose reduction",
    "aberrant_behavior": r"inconsistent|aberrant|early refills?|positive for (?:an? )?(?:unprescribed|illicit|non-?prescribed)|diversion|doctor shopping|misuse",
    "drug_screen_consistent": r"(?:urine drug screen|urine drug test|UDS|urine toxicology|drug test(?:ing)?|drug screen)[^.;]{0,30}?\b(?:was|were|is)\s+"
    r"(?:consistent|appropriate|compliant)|(?:consistent|appropriate) (?:urine drug screen|UDS|urine toxicology)",
    "drug_screen": r"urine drug screens?|urine drug tests?|\bUDS\b|urine toxicology|drug test(?:ing|s)?|drug screens?",
    "red_flags": r"red flags?|bowel (?:and|or) bladder|incontinence|cauda equina|progressive (?:weakness|neurolog\w+ deficits?|numbness)|foot drop|"
    r"fractures?|tumou?rs?|malignancy|infection|saddle an(?:a)?esthesia",
    "radicular": r"radicul\w+|radiat(?:es|ing|ion)|straight leg rais\w*|spurling\w*(?:'s)?(?: test)?|dermatomal|decreased sensation|numbness|paresthesias?|sciatica",
    "failed_conservative": r"failed (?:\w+ ){0,2}?conservative (?:care|treatment|therapy|measures|management)|conservative (?:care|treatment|therapy|measures|management)",
    "surgical_candidate": r"surgical candidate|candidate for surgery|surgical lesion|nerve root compression|herniation with|full[- ]thickness tear|"
    r"complete tear|lesion that matches|benefit from surgical|surgery is indicated|surgical repair",
    "postop": r"status post|\bs/p\b|post-?operative(?:ly)?|underwent (?:\w+ )?surgery|after surgery",
    "depression": r"depress\w*|anxiety",
    "insomnia": r"insomnia|difficulty sleeping|sleep disturbance|trouble sleeping|poor sleep",
    "neuropathic": r"neuropath\w+|burning|tingling",
    "homebound": r"homebound|home[- ]bound|confined to (?:the )?home|bed[- ]?bound|needs help with (?:bathing|dressing)",
    "first_line_failed": r"tried and failed|first-line [\w\s]{0,40}?failed|failed first-line",
    "injection_relief_good": _of_injection(_RELIEF_GOOD),
    "injection_relief_poor": _of_injection(_RELIEF_POOR),
    "therapy_sessions": r"\d{1,3}\s+(?:sessions?|visits?|treatments?)\s+of\s+(?:physical therapy|PT|chiropractic(?: care| treatment)?|acupuncture|psychotherapy)|"
    r"(?:physical therapy|chiropractic|acupuncture|psychotherapy)\s*\(\d{1,3}\s+(?:sessions?|visits?)\)|"
    r"\d{1,3}\s+(?:physical therapy|PT|chiropractic|acupuncture|psychotherapy)\s+(?:sessions?|visits?|treatments?)",
    "therapy_mention": r"physical therapy|chiropractic|acupuncture|psychotherapy",
}
# Flags whose negated mention means something of its own: name -> feature name for the negated form.
NEGATED_MEANING = {
    "return_to_work": "off_work",
    "functional_improvement": "no_functional_improvement",
    "drug_screen": "drug_screen_missing",
    "red_flags": "red_flags_ruled_out",
    "radicular": "no_radicular_signs",
    "failed_conservative": "no_conservative_trial",
    "surgical_candidate": "not_surgical_candidate",
    "aberrant_behavior": "drug_screen_consistent",
    "therapy_mention": "no_prior_therapy",
    "tapering": "no_taper",
    "injection_relief_good": "injection_relief_poor",
}
NUMERIC_FEATURES = (
    "pain_max",
    "pain_before",
    "pain_after",
    "pain_relief",
    "percent_relief",
    "duration_months",
    "sessions_physical_therapy",
    "sessions_chiropractic",
    "sessions_acupuncture",
    "sessions_psychotherapy",
)
_BINARY = [n for n in TRIGGERS if n not in ("pain_pair", "pain_score", "percent_relief", "duration", "therapy_sessions", "therapy_mention")]
FLAG_FEATURES: tuple[str, ...] = tuple(
    dict.fromkeys(
        [*_BINARY, *NEGATED_MEANING.values(), "no_prior_physical_therapy", "no_prior_chiropractic", "no_prior_acupuncture", "no_prior_psychotherapy"]
    )
)

# Speed: the text is lowercased once and the pattern matched case-sensitively (12x faster than re.I), and
# a lookahead over the triggers' literal prefixes lets the engine skip most positions after a character or
# two (prefix_guard; same matches, scan 0.35 -> 0.10 ms per synthetic summary, measured on 4,000).
assert not re.search(r"\\[DSWB]", "".join(TRIGGERS.values())), "uppercase escapes would change meaning when lowercased"
_TRIGGER_PATTERN = r"\b(?:" + "|".join(f"(?P<{name}>{rx.lower()})" for name, rx in TRIGGERS.items()) + ")"
_PATTERN = re.compile(guarded(_TRIGGER_PATTERN, k=4, lead=r"\b"))
_CLAUSE_BREAK_PATTERN = r"[.;:!?]|,\s+and\b|\b(?:but|however|although|though|except|whereas)\b"
_PRE_NEG_PATTERN = (
    r"\b(?:no|not|without|denie[sd]|deny|absence of|absent|lack(?:s|ing)? of|negative for|free of|never|neither|nor|none|cannot|unable to|"
    r"failed to|fails to|did not|does not|do not|has not|have not|had not|is not|are not|was not|were not|rather than|ruled out)\b"
)
_CLAUSE_BREAK = re.compile(guarded(_CLAUSE_BREAK_PATTERN, k=3))
_PRE_NEG = re.compile(guarded(_PRE_NEG_PATTERN, k=3, lead=r"\b"))
_IN_NEG = re.compile(r"\b(?:not|no|never|without)\b")
_POST_NEG = re.compile(
    r"^[\s,]*(?:\w+\s+){0,3}?(?:(?:has|have|had|was|were|is|are)\s+(?:not|never)\b|(?:was|were|is|are|been)\s+(?:ruled out|negative|normal|absent|"
    r"denied)|not (?:documented|noted|reported|performed|provided|found|seen)|ruled out)"
)
_NUM = re.compile(r"\d{1,3}")
_SCORE = re.compile(r"(\d{1,2})\s*(?:/|out of)\s*(?:10|ten)")
_THERAPY_KIND = (
    ("physical therapy", "physical_therapy"),
    ("pt", "physical_therapy"),
    ("chiropractic", "chiropractic"),
    ("acupuncture", "acupuncture"),
    ("psychotherapy", "psychotherapy"),
)
_NEVER_NEGATED = frozenset({"pain_pair", "pain_score", "pain_unchanged", "percent_relief", "duration", "therapy_sessions"})
# Triggers whose words already say "not" ("not working", "no lasting benefit"): they mean what they say.
_SELF_NEGATING = frozenset({"off_work", "injection_relief_poor"})
_PRE_WINDOW = 60
_POST_WINDOW = 50


@dataclass(frozen=True)
class FlagHit:
    """One trigger in the text: which flag, whether negated, and where (character span)."""

    flag: str
    negated: bool
    start: int
    end: int
    text: str

    @property
    def feature(self) -> str:
        """The feature this hit sets: the flag, or its negated meaning."""
        if self.negated:
            if self.flag == "therapy_mention":
                return f"no_prior_{_therapy_kind(self.text)}"
            return NEGATED_MEANING.get(self.flag, f"{self.flag}:negated")
        return self.flag


def _therapy_kind(text: str) -> str:
    low = text.lower()
    for word, kind in _THERAPY_KIND:
        if word in low:
            return kind
    return "physical_therapy"


class _Scope:
    """Negation cues and clause breaks of one text, found once; each hit then asks by bisection."""

    def __init__(self, text: str) -> None:
        self.text = text
        breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(text)]
        self.break_starts = [b[0] for b in breaks]
        self.break_ends = [b[1] for b in breaks]
        self.cue_starts: list[int] = []
        self.cue_ends: list[int] = []
        for m in _PRE_NEG.finditer(text):
            self.cue_starts.append(m.start())
            self.cue_ends.append(m.end())

    def negated(self, start: int, end: int, name: str) -> bool:
        text = self.text
        if name in _SELF_NEGATING or _IN_NEG.search(text, start, end):
            # The trigger carries its own negation ("function has not improved", "not working"): it means
            # what it says; an earlier cue in the clause is far more often a separate statement.
            return name not in _SELF_NEGATING
        # clause start: end of the last break that ends at or before the hit, within the look-back window
        i = bisect_right(self.break_ends, start) - 1
        window_start = max(start - _PRE_WINDOW, self.break_ends[i] if i >= 0 else 0)
        j = bisect_left(self.cue_starts, window_start)
        if j < len(self.cue_starts) and self.cue_ends[j] <= start:
            return True
        k = bisect_left(self.break_starts, end)
        clause_end = min(end + _POST_WINDOW, self.break_starts[k] if k < len(self.break_starts) else len(text))
        return bool(_POST_NEG.match(text[end:clause_end]))


@lru_cache(maxsize=8192)
def find_flags(text: str) -> tuple[FlagHit, ...]:
    """Every trigger in ``text``, in order, with its negation decided in its clause.

    Cached by text: features and the evidence shown with reasons read the same summaries, and items of one
    letter share a summary, so each distinct summary is scanned once (hits are immutable).
    """
    lower = text.lower()  # same length as text for the letters of clinical English, so spans carry over
    if len(lower) != len(text):
        text = lower
    hits = []
    scope = _Scope(lower)
    for m in _PATTERN.finditer(lower):
        name = m.lastgroup or ""
        negated = name not in _NEVER_NEGATED and scope.negated(m.start(), m.end(), name)
        hits.append(FlagHit(name, negated, m.start(), m.end(), text[m.start() : m.end()]))
    return tuple(hits)


def flag_values(hits: Sequence[FlagHit]) -> dict[str, float]:
    """Feature values from hits: binary flags (asserted or negated meaning) and numbers (pain, duration, sessions)."""
    out: dict[str, float] = {}
    for h in hits:
        if h.flag == "pain_pair":
            before, after = (int(n) for n in _SCORE.findall(h.text)[:2])
            if before <= 10 and after <= 10:
                out["pain_before"], out["pain_after"] = float(before), float(after)
                out["pain_relief"] = max(out.get("pain_relief", -10.0), float(before - after))
                out["pain_max"] = max(out.get("pain_max", 0.0), float(before), float(after))
        elif h.flag == "pain_score":
            n = int(_SCORE.findall(h.text)[0])
            if n <= 10:
                out["pain_max"] = max(out.get("pain_max", 0.0), float(n))
        elif h.flag == "percent_relief":
            out["percent_relief"] = max(out.get("percent_relief", 0.0), float(_NUM.findall(h.text)[0]))
        elif h.flag == "duration":
            n = float(_NUM.findall(h.text[h.text.lower().rfind("for") :])[0])
            months = n * 12 if "year" in h.text.lower() else n
            out["duration_months"] = max(out.get("duration_months", 0.0), months)
        elif h.flag == "therapy_sessions":
            key = f"sessions_{_therapy_kind(h.text)}"
            out[key] = max(out.get(key, 0.0), float(_NUM.findall(h.text)[0]))
        elif h.flag == "therapy_mention":
            if h.negated:
                out[h.feature] = 1.0
        else:
            out[h.feature] = 1.0
    if out.get("pain_unchanged") and "pain_relief" not in out and "pain_max" in out:
        out["pain_relief"] = 0.0
    for kind in ("physical_therapy", "chiropractic", "acupuncture", "psychotherapy"):
        if out.get(f"no_prior_{kind}") and f"sessions_{kind}" not in out:
            out[f"sessions_{kind}"] = 0.0
    return out


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence around a span, for showing evidence."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_dot = text.find(". ", end)
    right = len(text) if right_dot < 0 else right_dot + 1
    return text[left + 1 if left >= 0 else 0 : right].strip()
