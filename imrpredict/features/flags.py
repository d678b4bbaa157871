"""Clinical flags MTUS weighs, read from a case summary in one regex pass, with negation and scope.

All triggers are alternatives of ONE compiled pattern, so a summary is scanned once whatever the number
of flags. For each hit, negation is decided NegEx-style inside the hit's clause: a cue before it
("no", "denies", "has not", "no documentation of"...), a cue inside it ("function has not improved"),
or a cue after it ("... has not been attempted", "... were ruled out", "... is negative").
Every hit keeps its character span, so a score can show the sentence it came from.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

from imrpredict.dates import DATE_OR_MONTH, date_or_month_in, latest_date_in
from imrpredict.features.items import COUNT_PATTERN, count_value
from imrpredict.features.prefix_guard import guarded, literal_prefixes, trie_pattern

try:  # CPython 3.11+ (as prefix_guard): only for the import-time check that no trigger matches empty text
    import re._parser as _parser
except ImportError:  # pragma: no cover
    _parser = None  # type: ignore[assignment]

# A pain score on the 0-10 scale, as clinicians write it: "7/10", "7 / 10", "7 out of 10", "7 out of ten";
# never part of a date ("11/10/2016") or a fraction of something else ("1/10th").
_AFTER_NUMBER_OK = r"(?<![/.-]\d)(?<![/.-]\d\d)"  # the number is not the tail of a date or decimal
_OUT_OF_TEN = r"\s*(?:/|out of)\s*(?:10|ten)(?![/\d]|th)"
# a score in digits or in words ("a nine out of ten at its worst")
_SCORE_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_WORD_SCORE = r"(?:" + "|".join(_SCORE_WORDS) + r")\b"
_ONE_SCORE = r"\d{1,2}" + _AFTER_NUMBER_OK  # one score (in words: the pain_words trigger)
_SCORES = _ONE_SCORE + r"(?:\s*(?:-|to)\s*\d{1,2})?"  # a score or a range ("5-7"), read for the highest score stated
_PAIN10 = _ONE_SCORE + _OUT_OF_TEN
_PAIN10_RANGE = _SCORES + _OUT_OF_TEN
# "rated 6-8 on a 10-point scale", "5 on a scale of 0 to 10"
_PAIN_SCALE = _SCORES + r"\s+(?:on an?|in a) (?:(?:0|zero|1|one)(?: to |-)(?:10|ten) scale|scale of (?:0|zero|1|one)\s*(?:to|-)\s*(?:10|ten)|(?:10|ten)[- ]point (?:pain )?scale)"
# Opioids by name, and the word itself: what opioid_use reads
_OPIOIDS = (
    r"norco|hydrocodone|oxycodone|percocet|tramadol|ultram|ultracet|morphine|ms ?contin|oxycontin|tapentadol|nucynta|fentanyl|methadone|dilaudid|"
    r"hydromorphone|buprenorphine|butrans|codeine|tylenol (?:#|no\.? ?)3|opana|oxymorphone|vicodin|opioids?|opiates?"
)
# Medication words: the opioids, the benzodiazepines and the other drugs most often named in workers' compensation pain care (an NSAID
# "helps" as much as "medication" does)
_BENZODIAZEPINES = r"benzodiazepines?|xanax|alprazolam|klonopin|clonazepam|valium|diazepam|ativan|lorazepam|restoril|temazepam"
_MED_WORDS = (
    r"medications?|meds|medicines?|analgesics?|pain medications?|" + _OPIOIDS + r"|"
    r"ibuprofen|motrin|advil|naproxen|anaprox|aleve|nsaids?|anti-?inflammator(?:y|ies)(?: medications?)?|tylenol|acetaminophen|"
    r"gabapentin|neurontin|lyrica|pregabalin|muscle relaxants?|cyclobenzaprine|flexeril|meloxicam|mobic|celebrex|lidoderm|" + _BENZODIAZEPINES
)
_MEDS = f"(?:{_MED_WORDS})"
# The first-line drugs MTUS asks to have failed before others (antidepressants, anticonvulsants, oral NSAIDs), by class and name
_FIRST_LINE = (
    r"(?:antidepressants?|anticonvulsants?|anti-?epilep\w+|tricyclics?|gabapentin|neurontin|lyrica|pregabalin|amitriptyline|elavil|nortriptyline|pamelor|"
    r"cymbalta|duloxetine|savella|topamax|topiramate|nsaids?|ibuprofen|motrin|naproxen|anaprox|naprosyn|mobic|meloxicam|celebrex|celecoxib|diclofenac|"
    r"voltaren|etodolac|nabumetone|relafen|oral (?:medications?|analgesics))"
)
# A procedure whose relief the injection flags are about; relief from medication or rest is not this.
# An injection named by its kind: "trigger point injections", "a medial branch block" (the prior-injection trigger reads these)
_NAMED_INJECTION = (
    r"(?:facet|medial branch|nerve|trigger point|cortisone|steroid|joint|intra-?articular|subacromial|sacroiliac|si joint|knee|shoulder) (?:joint )?"
    r"(?:injections?|blocks?|shots?|inj\b)"
)
# an injection whose relief is told, the named kinds first so that "the trigger point injections did not help" is read whole
_INJECTION = (
    r"(?:" + _NAMED_INJECTION + r"|epidural steroid injections?|csis?\b|injections?|epidurals?|esis?|tfesis?|nerve blocks?|branch blocks?|mbbs?|tpis?|ablations?|rfa)"
)
# Relief said of an injection. MTUS asks for >= 50% relief for a repeat block or epidural, so a percentage says good
# or poor. The _FIRST phrases may also come before the injection ("significant relief from the ESI"): the others,
# starting at a number or "no", would make every number a scan candidate.
_RELIEF_GOOD_FIRST = r"(?:significant|lasting|sustained|substantial)(?: and lasting)? relief"
_RELIEF_GOOD = (
    r"(?:" + _RELIEF_GOOD_FIRST + r"|(?:significant|lasting|sustained|substantial|good|excellent|great|(?:[5-9]\d|100) ?%) pain relief|"
    r"(?:good|excellent|great|(?:[5-9]\d|100) ?%) relief|(?:[5-9]\d|100) ?% (?:improvement|pain reduction|reduction in pain)|"
    r"(?:eased|relieved) (?:his |her |the )?(?:\w+ )?pain|helped (?:significantly|a lot|greatly|considerably|(?:by )?~?(?:[5-9]\d|100) ?%)|worked (?:well|great)|(?:several|two|three|four|six|\d+) (?:weeks|months) of (?:relief|benefit))"
)
_RELIEF_POOR_FIRST = (
    r"(?:no (?:significant |lasting |sustained )?(?:pain )?(?:benefit|relief|improvement)|"
    r"(?:minimal|short-lived|brief|transient)(?: and (?:minimal|short-lived|brief|transient))? (?:pain )?(?:relief|benefit|improvement))"
)
_RELIEF_POOR = (
    r"(?:" + _RELIEF_POOR_FIRST + r"|helped (?:only )?(?:by )?~?(?:\d|[1-4]\d) ?%|did not help|did not (?:change|reduce|decrease|improve|relieve) (?:his |her |the )?pain|(?:does|did) nothing|(?:did not|didn't) do (?:anything|much)|(?:only )?(?:transient|short-lived|brief) relief|made (?:his |her |the )?pain worse|"
    r"no change in (?:his |her )?pain|(?:\d|[1-4]\d) ?% (?:pain )?relief|(?:w/o|without) (?:lasting |significant )?(?:benefit|relief)|"
    r"did not (?:provide|give) (?:any |significant |lasting )?(?:relief|benefit))"
)
_ARTICLES = r"(?:the |an? |his |her |their |prior |previous )?(?:[\w-]+ ){0,3}?"
_NUMBER = COUNT_PATTERN + r"(?:\s*\(\d{1,3}\))?"  # "six (6)"
# the therapies by name; bare "PT" is kept apart, since in notes it is as often the patient
_THERAPY_NAMES = (
    r"physical therapy|physiotherapy|occupational therapy|aquatic therapy|aqua therapy|pool therapy|chiropractic(?: care| treatment| manipulation| physiotherapy| physical therapy)?|"
    r"chiropractor|chiro|acupuncture|acupx|acup|psychotherapy|cognitive behavioral therapy|CBT|psychological (?:counseling|treatment|therapy)"
)
_THERAPY = r"(?:" + _THERAPY_NAMES + r"|PT)"
# what kind of therapy, between a count and the therapy's name: "18 visits of post-op PT", "24 postoperative occupational therapy visits"
_THERAPY_KIND_WORDS = r"(?:(?:post-?op(?:erative)?|postsurgical|post-?surgical|supervised|land-based|individual|group|outpatient) )?"
_SURGERY_WORD = (
    r"(?:surgery|surgeries|repair|fusion|arthroscopy|arthroscop(?=ies)|release(?<!myofascial release)(?<!tissue release)(?! (?:from|to|for) )|replacement|arthroplasty|discectomy|"
    r"microdiscectomy|laminectomy|laminotomy|foraminotomy|decompression(?! (?:therapy|traction|table|unit|sessions?|treatments?|with traction))|reconstruction|ORIF|open reduction|excision|exploration|debridement|meniscectomy|synovectomy|acromioplasty|tenodesis|"
    r"amputation|transposition|hardware removal|revision(?! of (?:the |his |her )?(?:request|plan|medications?|orthotics?))|kyphoplasty|vertebroplasty|operation|osteotomy|tenotomy|fasciotomy|fasciectomy|neurolysis|capsulotomy|"
    r"arthrodesis|hemilaminectomy|laminoplasty|corpectomy|facetectomy|arthrotomy|(?:bone|acl|tendon|nerve) grafts?|manipulation under anesthesia|"
    r"(?:ACDF|[atpx]lif|TKA|TKR|THA|THR|CTR|RCR|ACLR|R?TSA|MUA)\b|surgical (?:intervention|procedure|treatment)|(?:knee|shoulder|hip|ankle|wrist|elbow) scopes?\b)"
    r"(?:(?<=[a-z])s\b|(?<=arthroscop)ies\b)?"  # the plural of a name: "bilateral knee replacements", "two fusions"
)
# A medication's start date: "since 11-17-2016", "since at least October 2016"
_SINCE_DATE = r"since (?:at least |about |approximately |around )?" + DATE_OR_MONTH + r"(?![\d/-])"
# Words that make a procedure a plan, not a thing done: "had a consultation for a fusion", "has had a request for a repair"
_PLAN_WORDS = (
    r"(?:request|rfa|consult|referr|recommend|evaluat|authoriz|certif|denied|denial|approv|appointment|schedul|plan(?!tar)|propos|pending|await|wait|"
    r"discuss|option|candida|requir|need|indicat|consider|possib|potential|future|pre-?op|clearance)"
)
# A procedure that was done, said by what the worker had or how long ago: "she had a left carpal tunnel release",
# "he is six weeks out from a knee arthroscopy", "following his fusion"
_HAD_PROCEDURE = (
    r"(?:has had|have had|had|has undergone|had undergone|have undergone|received)(?: (?!" + _PLAN_WORDS + r")[\w,/'-]+){0,5}? " + _SURGERY_WORD + r"\b|"
    r"(?:days?|weeks?|months?|years?) (?:post|out from|out of|after|following|since)(?:[- ]?op\w*)? (?:(?!" + _PLAN_WORDS + r")[\w/-]+ ){0,5}?" + _SURGERY_WORD + r"\b|"
    r"(?:following|after|since) (?:(?:undergoing|having(?: had)?) (?:an? |the |his |her )?|his |her |the |a |an )(?:(?!" + _PLAN_WORDS + r")[\w/-]+ ){0,4}?"
    + _SURGERY_WORD + r"\b|"
    r"(?:two|three|four|five|several|multiple|numerous|\d) (?:\w+ ){0,2}?(?:surgeries|operations)|"
    # a part operated on, said by its verb: "had both knees replaced", "the spine was fused at L4-5"; an operative report exists
    r"(?:has had|have had|had) (?:his |her |both |the |a |an )?(?:\w+ ){0,2}?(?:knees?|hips?|shoulders?|spine|discs?|joints?|wrists?|ankles?|elbows?|tendons?) "
    r"(?:replaced|fused|repaired|reconstructed|scoped|decompressed)\b|"
    r"(?:spine|knee|hip|shoulder|joint|disc|tendon|ligament|meniscus|cuff|wrist|ankle|elbow) (?:was|were|has been|had been) (?:surgically )?(?:replaced|fused|reconstructed)\b|"
    r"(?:operative|op|surgical) (?:report|note)s?\b"
)
# A limb, where radicular pain and numbness go; the trunk and head are not (pain "radiating to the shoulder blade").
_LIMB = (
    r"(?:legs?|arms?|feet|foot|lower extremit\w+|upper extremit\w+|thighs?|calf|calves|buttocks?|hands?|fingers?|toes?|forearms?|knees?|ankles?|wrists?|elbows?|shins?)"
)
_TRUNK = r"(?:neck|back|shoulders?|scapula\w*|shoulder blades?|chest|abdomen|groin|head|jaw|flank|trapezi\w+|occiput|spine)"
_NOT_TO_TRUNK = (
    r"(?! (?:\w+ )?(?:to|into|towards?|up to|up into) (?:the |his |her |both |bilateral )?(?:(?:left|right|upper|lower|mid|middle|posterior|anterior|bilateral) )?"
    + _TRUNK + r"\b(?!,? (?:and|or|as well as) (?:\w+ ){0,3}?" + _LIMB + r"))"
)
_TOWARDS = r"(?: (?:into |to |down )?(?:the |his |her |both |bilateral )?(?:\w+ )?" + _LIMB + r")"
# A date a procedure was done on: "on 10-22-16", "in 2015", "on March 3, 2016", "(DOS 12-13-2016)"
_DONE_ON = (
    r"(?: (?!" + _PLAN_WORDS + r"|non-?certif)[\w,()/-]+){0,8}? "
    r"(?:(?:on|in|dated) (?:\d{1,2}[-/]\d{1,2}[-/]\d{2,4}|(?:19|20)\d\d|[a-z]+ \d{1,2},? (?:19|20)\d\d|[a-z]+ (?:of )?(?:19|20)\d\d)|\((?:dos|date of (?:surgery|service))\b)"
)


# What follows a treatment that did not work: "... had not proven beneficial", "... with no improvement", "... failed to help".
_NO_BENEFIT_TAIL = (
    r"(?:[\w()-]+ ){0,6}?['\"]?(?:(?:with|gave|provided|produced|brought|had|has|showed) (?:no|minimal|little) (?:\w+ )?(?:improvement|benefit|relief)|"
    # the plain words for a treatment that did nothing: "gabapentin does nothing for the leg pain", "the shot didn't do anything"
    r"(?:does|did|do) nothing|(?:did not|does not|do not|didn't|doesn't|don't) do (?:anything|much)|no longer (?:works?|working|helps?|helping|effective)\b|"
    r"(?:had |has )?not (?:\w+ ){0,2}?(?:beneficial|helpful|effective)|did not (?:help|improve)|failed to (?:have any effect|help|improve|provide|decrease|reduce|relieve|change)|"
    r"did not (?:provide|give|offer) (?:any |much |significant )?(?:benefit|relief|improvement)|(?:has|have) not improved (?:his |her |the )?(?:\w+ )?pain)"
)


# Activities whose limitation is a limitation of daily function (as a subject: "lifting was difficult").
_ACTIVITY = (
    r"walking|standing|sitting|lifting|bending|stooping|squatting|driving|reaching|climbing|carrying|pushing|pulling|gripping|grasping|"
    r"activities|ADLs"
)


# Imaging and electrodiagnostic studies, by name.
# An examination or test said not done: "not performed", "could not be tested", "deferred"
_NOT_DONE = r"(?:not (?:be )?(?:performed|done|completed|documented|tested|assessed|obtained)|deferred)"
_IMAGING = (
    r"(?:MRI|MR arthrogram|magnetic resonance imaging|CT scan|\bCT\b|CAT scan|tomography|x-?rays?|radiographs?|"
    r"ultrasound|echocardiogra\w+|doppler|EMG|NCS|NCV|nerve conduction (?:studies|study|testing)|electrodiagnostic (?:studies|study|testing)|imaging|bone scan|"
    r"diagnostic (?:studies|study|testing|imaging))"
)


def _line_start(text: str, start: int, window: int) -> int:
    """Where the sentence or form line holding ``start`` begins, looking back at most ``window`` characters."""
    lo = max(0, start - window)
    return max(text.rfind(".", lo, start), text.rfind("\n", lo, start), lo)


def _of_injection(relief: str, relief_first: str) -> str:
    """``relief`` said of an injection in the same clause: "the injection gave X", or "X from the ESI" for the phrases
    of ``relief_first`` (a few set phrases: a trigger that started at every number or "no" would cost the scan)."""
    return _INJECTION + r"\b[^.;]{0,80}?\b" + relief + "|" + relief_first + r" (?:from|with|after) " + _ARTICLES + _INJECTION


def _after(*phrases: str) -> str:
    """Zero-width: the text just read ends with one of ``phrases``. Put after a trigger's first word, it checks the words
    before that word (one fixed-width lookbehind each), so the trigger still starts with a literal the prefix dispatch
    can see and common words such as "he" or "was" start nothing."""
    return "(?:" + "|".join(f"(?<=\\b{p})" for p in phrases) + ")"  # whole words: "his back" is not "is back"


# The verb just read was said of a person ("he stopped", "she had quit"), not of a drug ("the medication stopped")
_SAID_OF_A_PERSON = _after(
    *(f"{subject} {verb}" for subject in ("he", "she", "they", "worker", "patient", "he has", "he had", "she has", "she had") for verb in ("stopped", "quit"))
)
# "has been off since 2015": the worker is off work (read from "off", the verb behind it)
_REMAINS_OFF = _after(*(f"{verb} off" for verb in ("has been", "have been", "remains", "remain", "remained", "stayed")))
# "went back to work", not "injured her back at work"
_BACK_AS_RETURN = _after(*(f"{verb} back" for verb in ("is", "was", "went", "go", "goes", "going", "got", "been", "came", "come")))


# name -> trigger regex. Within the single pattern, earlier alternatives win at the same position,
# so specific phrasings come before generic ones.
TRIGGERS: dict[str, str] = {
    "off_work": r"off (?:of )?work|not (?:currently )?working|not (?:currently )?employed|unemployed|retired|"
    r"temporar(?:il)?y (?:and )?total(?:ly)? (?:\w+ )?disab\w+|total(?:ly)? (?:and )?temporar(?:il)?y (?:\w+ )?disab\w+|totally disabled|\bTTD\b|"
    r"unable to (?:return to )?(?:any (?:form of )?)?(?:work|employment)|inability to work|(?:has|had) not (?:yet )?(?:worked|returned to (?:any |gainful )?work)|not returned to (?:any )?work|"
    r"not (?:been )?back (?:at|to) work|out of work|off" + _REMAINS_OFF + r"(?= since\b)|"
    # the worker stopped working (not "the medication stopped working"): the subject read behind, so "he" and "she" start nothing
    r"(?:stopped|quit)" + _SAID_OF_A_PERSON + r" work(?:ing)?\b",
    "modified_duty": r"(?:able|released|cleared) to return to (?:\w+ )?(?:work|duty) with (?:\w+ )?restrictions|working (?:with|w/) ?(?:\w+ )?(?:modifications?|restrictions|(?:modified|light|restricted) (?:duty|duties|work))|"
    r"working (?:on )?(?:modified|light|restricted|limited) (?:duty|duties|work)|work status:? (?:is |was |remains )?(?:restricted|modified|light)|"
    r"no (?:work )?restrictions|(?:modified|light|restricted|limited|sedentary) (?:duty|duties|work|activity)|with (?:work )?restrictions|(?:work|lifting|permanent) restrictions|"
    r"temporar(?:il)?y (?:and )?partial(?:ly)? (?:\w+ )?disab\w+|\bTPD\b|\brtw (?:with |w/ ?)?(?:modified|light|restricted|restrictions)|w/ ?(?:work )?restrictions|"
    # a form's field, its name alone ("Restrictions: no kneeling"; "Restrictions: none" is its negation), not "lifting restrictions:"
    r"(?:work )?restrictions(?=:)(?<!\w restrictions)(?<!\w work restrictions)",
    "return_to_work": r"return(?:ed|ing)? to (?:his |her |their )?(?:full |regular |usual |usual and customary |modified |light |gainful )?(?:duty|duties|work)(?! attempts?| goals?| plans?| dates?)|"
    r"work status:? (?:is |was |remains )?(?:full|regular|unrestricted)|returned to (?:his|her|their) (?:usual and customary |usual |regular )?(?:job|work)|back on the job|"
    r"back" + _BACK_AS_RETURN + r" (?:at|to) work|\brtw\b(?! (?:date|goals?|plans?))|working full[- ]time|full duty|regular (?:work )?duty|(?:without|w/o) restrictions|"
    r"continues? to work|continued to work|continu(?:es|ed|ing) working|(?:currently|presently|gainfully) employed|employed (?:full|part)[- ]time|continu\w* to perform (?:his |her |their )?(?:usual |regular )?(?:job|work|duties)|back (?:at|to) work(?<![\w,] back at work)(?<![\w,] back to work)|(?:is (?:still |currently )?|currently |still )working(?! with (?:\w+ )?(?:modif|restrict|light))|working (?:on a )?part[- ]time|remains? at work|"
    r"(?:working|performing|resum\w+) (?:at )?(?:his |her |their )?(?:full |regular )?usual (?:and customary )?(?:job|work|duties)|"
    r"(?:has|have) (?:been )?work(?:ed|ing) (?:\w+ ){0,8}?for (?:the (?:past|last) )?(?:over |more than )?(?:\d+|\w+) (?:years?|months?)",
    # function said unchanged or worse: no functional improvement ("functional status unchanged", "her function has declined")
    "function_unchanged": r"(?:functional status|function(?:al level|ing)?|activity level|level of (?:function|activity)|ADLs|activities of daily living|"
    r"oswestry(?: disability index| score| index)?|\bODI\b|\bNDI\b|disability index(?: score)?)(?: and work status)?:? "
    r"(?:is |was |has |have |remains? |remained )?(?:been )?(?:essentially |largely |basically )?(?:unchanged|the same|declined|worsened|deteriorated|"
    r"no (?:significant |measurable |meaningful |objective )?(?:improvement|change|gains?))",
    "functional_improvement": r"objective (?:functional )?(?:improvements?|outcomes?|gains?|benefits?)|functional (?:improvement|gains?|benefits?)|(?:oswestry|\bODI\b|\bNDI\b)(?: disability index| index)?(?: scores?)? (?:has |had |was |is )?improved|(?:(?:some|mild|moderate|significant|good|slight|notable|marked|substantial) )?improve(?:d|ment in) (?:\w+ ){0,2}?(?:function\w*|ability|daily activities|"
    r"ADLs|activities of daily living|activity level|tolerance)|function(?:al|ing)?:? (?:has |have |is )?(?:not )?improved|(?:ADLs|activities of daily living) (?:have |has )?"
    r"(?:not )?improved|(?:significant )?changes? in (?:\w+ )?(?:level of )?(?:ADLs|activities of daily living|function\w*|ability|activity level)|increased (?:\w+ )?(?:function|activity level|ability to)|"
    # a tolerance that grew ("walking tolerance increased"); function with a medication is its own trigger below
    r"tolerance (?:has |had |was |is )?(?:increased|improved)",
    # what the worker can do with a medication (MTUS: function on the medication). Its own trigger, so the many
    # "with" and "on" of a summary try one short pattern, not all of functional_improvement's
    "function_with_medication": r"(?:with|on|using) (?:the |his |her |their )?(?:current )?" + _MEDS
    + r",? (?:he |she |they |the (?:injured )?worker |the patient )?(?:(?:is |was |are |were )?(?:now )?able to|can|could)\b|"
    # the same said the other way round: "able to walk farther with Norco", "able to sleep when taking gabapentin"
    r"able to (?:\w+ ){1,5}?(?:with|on|using|when (?:he |she )?(?:takes?|taking|uses?|using)) (?:the |his |her |their )?(?:current )?" + _MEDS + r"\b",
    # what a drug lets the worker do: "meds allow him to walk longer"; kept only with a drug named before it
    "drug_allows": r"(?:allows?|allowed|allowing|enables?|enabled|enabling|permits?|permitted|made it possible for) (?:him|her|them|the (?:injured )?worker|the patient|the claimant|pt|iw) to",
    # "8/10 without medication, 4/10 with", also as notes abbreviate it: "8/10 w/o meds, 4/10 w/ meds"
    "pain_pair": r"(?:" + _PAIN10 + r"\s+(?:without|w/o)\s+(?:\w+\s+)?" + _MEDS + r"[^.;]{0,30}?" + _PAIN10 + r"\s+(?:with(?!out)|w/(?!o))|"
    + _PAIN10 + r"\s+(?:with|w/(?!o))\s+(?:\w+\s+)?" + _MEDS + r"[^.;]{0,30}?" + _PAIN10 + r"\s+(?:without|w/o)|"
    r"(?:decreas\w*|reduc\w*|improv\w*|dropp?\w*|down|brought|relieved|lowered)[^.;]{0,40}?from\s+" + _PAIN10 + r"\s+(?:down\s+)?to\s+" + _PAIN10 + "|"
    r"(?:decreased|reduced|dropped|down|improved|lowered) to\s+" + _PAIN10 + r"\s+from\s+" + _PAIN10 + "|"
    + _PAIN10 + r"\s*(?:(?:down\s+)?to\s+|-+>\s*)" + _PAIN10 + r"\s+(?:with|after|following|on)\s+(?:\w+\s+){0,2}?(?:" + _MED_WORDS + r"|treatment|therapy|the injection)|"
    # "pain with medication 4/10 and without medication 8/10": the condition before each score
    r"pain (?:(?:levels?|scores?) )?(?:(?:is|was|rated) )?(?:with (?:\w+ )?" + _MEDS + r",? (?:\w+ ){0,3}?" + _PAIN10 + r"[^.;]{0,40}?\bwithout|without (?:\w+ )?" + _MEDS + r",? (?:\w+ ){0,3}?"
    + _PAIN10 + r"[^.;]{0,40}?\bwith(?!out)) (?:\w+ )?" + _MEDS + r",? (?:\w+ ){0,3}?" + _PAIN10 + ")",
    "pain_scale": _PAIN_SCALE,
    "pain_score": _PAIN10_RANGE,
    # a score in words ("a nine out of ten at its worst"), found by its "out of ten" so that every "one" and "two" of a
    # summary is not a candidate; find_flags reads the words before it
    "pain_words": r"out of ten\b",
    "pain_unchanged": r"pain (?:levels? )?(?:is |was |has |had |remains? |remained )?(?:been |remained |stayed )?unchanged|pain (?:levels? )?(?:stayed|has stayed|remained|remains) the same|pain [^.;]{0,40}?(?:which|that) (?:is |was |has been |remains |remained )unchanged|"
    r"(?:no|without|not (?:\w+ )?any) (?:change|improvement) (?:in|to|of) (?:his |her |the )?(?:\w+ ){0,2}?pain|"
    r"same with and without|with and without (?:\w+ )?(?:medications?|meds|treatment)|unchanged (?:with|despite|on) (?:\w+ )?(?:medications?|meds|treatment)",
    "percent_relief": r"(?:\d{2,3}\s*(?:%|percent)\s*(?:pain )?(?:relief|improvement|reduction|better|improved)|(?:improved|reduced|decreased|better) (?:by )?\d{2,3}\s*(?:%|percent)|"
    r"(?:reduc|decreas|improv|reliev|lower)\w* (?:(?:his|her|the|their) )?(?:\w+ )?(?:pain|symptoms) (?:by )?(?:about |approximately |roughly |nearly )?\d{2,3}\s*(?:%|percent))"
    r"(?! since (?:the |his |her )?(?:last|prior|previous|initial) (?:visit|exam\w*|appointment|evaluation))",
    "duration": r"(?:taking|taken|takes|took|prescribed|on(?! \d)|used|using)\b[^.;]{0,60}?\bfor\s+(?:(?:over|more than|about|at least|approximately|approx\.?|roughly|nearly|almost|around|the (?:past|last))\s+)*"
    + COUNT_PATTERN + r"\s+(?:months?|years?)|"
    # "since starting gabapentin nine months ago"
    r"(?:started|starting|began|beginning|initiated) (?:on |taking )?" + _MEDS + r"\b[^.;]{0,30}?\b" + COUNT_PATTERN + r"\s+(?:months?|years?)\s+ago|"
    # "Norco since at least 11-15-2016", "cyclobenzaprine since October 2016": months to the summary's latest date
    + _SINCE_DATE,
    # a note's shorthand after the drug: "Norco 10/325 TID x 18 mos", "Ambien nightly x 1.5 yrs" (a drug named before it in
    # its clause, find_flags; read as a duration)
    "duration_x": r"\bx\s?(?:\d{1,2}(?:\.\d)?|" + COUNT_PATTERN + r")\s?(?:mos?|months?|yrs?|years?)\b",
    "long_term_use": r"long[- ]term (?:use|opioid|opiate|therapy)|chronic (?:opioid|opiate) (?:use|therapy)|"
    r"(?:maintained on|taking|taken|using|used|prescribed)\b[^.;]{0,60}?\b(?:for|over) (?:the (?:past|last) )?(?:several|many|multiple|a number of) years",
    "tapering": r"taper(?:ing|ed)?|wean(?:ing|ed)?|dose reduction|"
    # "reduce the hydrocodone", "cut back on Norco": the verb only, so that the drug's name stays an opioid_use hit
    r"(?:reduc(?:e|ed|ing)|decreas(?:e|ed|ing)|lower(?:ed|ing)?|cut(?:ting)? (?:back|down))(?= (?:on |in )?(?:the |his |her |their )?"
    r"(?:(?:daily |total )?(?:dose|dosage|use|amount)s? of (?:the |his |her )?)?(?:" + _OPIOIDS + "|" + _BENZODIAZEPINES + r")\b)",
    "aberrant_behavior": r"drug[- ]seeking|inconsistent(?! effort| (?:performance|results on|with (?:the )?(?:physical |clinical )?(?:exam\w*|mechanism|history)))|aberrant|early (?:re)?fills?|positive for (?:an? )?(?:unprescribed|illicit|non-?prescribed)|diversion|doctor shopping|misuse|"
    r"negative for (?:the |his |her )?prescribed|(?:lost|stolen) (?:his |her |their )?(?:prescriptions?|medications?|meds|pills)|(?:prescriptions?|medications?|meds|pills) (?:were |was |had been |has been |have been )?(?:lost|stolen)|"
    r"(?:multiple|several|two|three|four|five|\d) (?:different )?(?:prescribers|pharmacies|providers|physicians|doctors)|(?:crush\w*|snort\w*) (?:and (?:snort\w*|inject\w*) )?(?:his |her )?(?:\w+ )?(?:tablets|pills|" + _OPIOIDS + r")|"
    r"positive for (?:\w+ (?:and|or) )?(?:marijuana|cannabis|thc|cocaine|methamphetamine|amphetamines?|heroin|illicit)|"
    # misuse told as what was done: more than prescribed, running out early, selling, filling early or elsewhere
    r"(?:taking|took|takes|taken|using|used) (?:\w+ ){0,2}?(?:extra|additional) (?:\w+ ){0,2}?(?:tablets|pills|doses|" + _OPIOIDS + r")|"
    r"(?:beyond|more than|in excess of) (?:the |his |her )?(?:prescribed|directed)\b|(?:ran|running|runs) out (?:of (?:his |her )?(?:\w+ )?)?(?:\w+ ){0,3}?early|"
    r"(?:selling|sold|sells|diverting|diverted) (?:his |her |their )?(?:\w+ ){0,2}?(?:medications?|pills|tablets|prescriptions?|" + _OPIOIDS + r")|"
    r"(?:fill|fills|filling|filled) (?:\w+ ){0,4}?(?:early|from (?:an? )?(?:outside|other|another|second|different) (?:provider|prescriber|physician|doctor))",
    # "the UDS was consistent", and as notes write it without the verb: "UDS 1/5/16 consistent", "drug screen: appropriate"
    "drug_screen_consistent": r"(?:urine drug screen|urine drug test|UDS|UDT|urine toxicology|urine tox\b|drug test(?:ing)?|drug screen)"
    r"(?:[^.;]{0,30}?\b(?:was|were|is|are|has been|have been|had been)\s+(?:(?!not\b)\w+\s+)?|(?:(?!not\b)[^.;]){0,30}?(?:[\d:)] ?|\b(?=consistent)))"
    r"(?:consistent|appropriate|compliant|c/w|as expected|expected|adheren\w+|congruent|in keeping|in line|matched|matches|negative for (?:any )?(?:illicit|non-?prescribed|unexpected))|"
    r"(?:consistent|appropriate|expected) (?:urine drug screen|UDS|UDT|urine toxicology)",
    # a treatment that did nothing, in plain words: read with the treatment named before it in its clause (find_flags)
    "no_effect": r"(?:does|did|do) nothing\b|(?:does not|doesn't|did not|didn't) touch (?:the |his |her )?pain\b|(?:did not|does not|do not|didn't|doesn't|don't) do (?:anything|much)\b|no longer (?:works?|working|helps?|helping|effective)\b",
    # an ability said after the treatment that brought it ("since starting gabapentin, he is able to walk his dog", "after six
    # sessions of physical therapy she can now lift her toddler"): found by "able to" / "can now", the treatment looked up before it
    "function_after": r"able to|can now\b",
    # a screen's result told by what it did not find: "no unexpected substances", "no illicit drugs were detected" (its
    # own "no" is what it asserts)
    "screen_clean": r"(?:unexpected|illicit|non-?prescribed|unprescribed) (?:substances?|drugs?|medications?|results?|findings?)",  # after "no " (find_flags)
    "drug_screen": r"urine drug screens?|urine drug tests?|urine drug testing|\bUDS\b|\bUDTs?\b|urine toxicology|urine tox\b|drug test(?:ing|s)?|drug screens?|toxicology screens?",
    "red_flags": r"red flags?|bowel (?:and|or) bladder|incontinence|cauda equina|progressive (?:weakness|neurolog\w+ deficits?|numbness)|foot drop|"
    r"fractures?(?! boot)|fx\b|non-?union|tumou?rs?|malignan\w+|infection|saddle an(?:a)?esthesia|loss of consciousness|lost consciousness|"
    r"metasta\w+|osteomyelitis|discitis|febrile|fevers?|unexplained weight loss|(?:bowel|bladder) (?:incontinence|dysfunction|retention|control)",
    # a normal neurological exam of the limbs: no radicular signs (before "radicular": "neurological exam was normal")
    "neuro_exam_normal": r"neurologically (?:grossly )?intact|nonradiat\w+|non-?radicular|(?:normal|unremarkable|non-?focal|intact) neuro(?:logic(?:al)?)? (?:exam(?:ination)?|findings|status)|"
    r"(?:motor and sensory|sensory and motor|sensorimotor|neurovascular and neurological) (?:exam(?:ination)?s?|function|testing) (?:\w+ ){0,3}?(?:is |was |were |are )?"
    r"(?:grossly )?(?:normal|intact|within normal limits|unremarkable)|neuro(?:logic(?:al)?)? (?:exam(?:ination)?|status|findings) (?:\w+ ){0,4}?(?:is |was |were |are |remains? )?"
    r"(?:grossly )?(?:intact|normal|unremarkable|non-?focal|within normal limits)|"
    # sensation intact said of the dermatomes (tuning letters: "sensation intact" alone is often not marked as a radicular finding)
    r"(?:(?:sensation|sensory (?:exam(?:ination)?|function))(?: [\w,-]+){0,6}? (?:is |was |were |are |remains? |remained )?(?:grossly )?(?:intact|normal|within normal limits)|"
    r"intact to (?:light touch|pinprick|sharp|soft touch))[^.;]{0,60}?\bdermatom\w*|"
    r"(?:no|without) (?:\w+ )?(?:weakness|motor deficits?|sensory deficits?|motor or sensory deficits?|sensorimotor deficits?) (?:in|of) (?:the |his |her |both |bilateral |all |any )?(?:\w+ )?"
    r"(?:lower extremit\w+|upper extremit\w+|extremit\w+|legs|arms|myotomes?|dermatomes?)|"
    # axial pain, pain kept to the spine: the contrary of radicular pain ("axial low back pain", "pain confined to the neck")
    r"axial (?:\w+ ){0,3}?pain|(?:primarily|mostly|purely|predominantly|mainly) axial\b(?! (?:load|compression|rotation|views?|images?|plane))|axial(?=[.;,])|"
    r"(?:pain|symptoms) (?:(?:is |are |was |were |remains? |remained )?(?:confined|localized|localised|isolated) to|(?:stays?|stayed|remains?|remained) (?:in|within)) (?:the |his |her )?"
    r"(?:\w+ )?(?:low back|lower back|back|neck|lumbar|cervical|thoracic|spine)(?: spine| region| area)?(?!,? (?:and|with|as well as) )|"
    # a normal electrodiagnostic study ("negative for radiculopathy" is the radicular trigger's own negation)
    r"(?:emg|ncs|ncv|electrodiagnostic (?:studies|study|testing)|nerve conduction (?:studies|study))(?:[ /-]+(?:emg|ncs|ncv|studies|study|testing))*(?: of (?:the )?(?:\w+ ){0,3}?extremit\w+)? "
    r"(?:was |were |is |are )?(?:reported as |noted to be |documented as )?(?:normal|unremarkable|within normal limits)(?! (?:except|other than|apart|but))",
    "radicular": r"radicul\w+|radiat(?:es|ed|ing|ion|e)\b(?! (?:therapy|treatment|exposure|oncolog\w*))" + _NOT_TO_TRUNK + r"|straight[- ]leg[- ]rais\w*|[lcs][1-8](?:-[lcs]?[1-8])? (?:distribution|dermatome|nerve root distribution)|\bSLR\b|las[eè]gue\w*|spurling\w*(?:'s)?(?: test| sign| maneuver)?|dermatom\w*|sciatica|"
    r"(?:decreased|diminished|reduced|altered|loss of) sensation (?:in|over|along|of) (?:the |his |her |both )?(?:\w+ )?(?:legs?|arms?|feet|foot|hands?|"
    r"lower extremit\w+|upper extremit\w+|thighs?|calf|calves|fingers?|toes?|[lcs]\d)|nerve root (?:irritation|impingement)|(?:focal )?(?:neurolog\w*|neuromotor|motor (?:or|and) sensory|sensory (?:or|and) motor) (?:deficits?|findings|dysfunction|"
    r"impairment|signs|symptoms|abnormalit\w+)|"
    r"(?:numbness|tingling|paresthesias?)[^.;]{0,30}?\b(?:down|into|radiat\w*(?: down| in)?(?: to| into)?|extending (?:down |in)?to|travel\w* (?:down |in)?to) (?:into )?(?:the |his |her |both |bilateral )?(?:\w+ )?(?:legs?|arms?|feet|foot|"
    r"lower extremit\w+|upper extremit\w+|thighs?|calf|calves|buttocks?|hands?|fingers?|toes?)|"
    # pain goes somewhere only when something says it travels: "pain to the right foot" is where it is
    r"pain\b[^.;]{0,30}?\b(?:down|into|radiat\w*(?: down| in)?(?: to| into)?|extend\w*(?: down| in)?(?: to| into)|travel\w*(?: down| in)?(?: to| into)|"
    r"shoot\w*(?: down| in)?(?: to| into)?)" + _TOWARDS,
    # an injection's own relief before the general "treatment gave no benefit" below
    "injection_relief_good": _of_injection(_RELIEF_GOOD, _RELIEF_GOOD_FIRST),
    "injection_relief_poor": _of_injection(_RELIEF_POOR, _RELIEF_POOR_FIRST),
    "failed_conservative": r"failed (?:an? (?:course|trial) of )?(?:physical therapy|PT|chiropractic(?: care| treatment)?|chiro|acupuncture|home exercises?|"
    r"(?:oral )?(?:medications?|meds|nsaids?)|injections?)\b|"
    r"(?:failed|exhausted|despite|unresponsive to|refractory to|failure of) (?:\w+ ){0,5}?(?:conservative|non-?operative|nonsurgical) "
    r"(?:care|treatment|tx|therapy|measures|management)|conservative (?:care|treatment|therapy|measures|management|interventions?) (?:\w+ ){0,3}?"
    r"(?:(?:has|have) (?:been )?(?:exhausted|failed)|failed|without (?:\w+ )?(?:relief|benefit|improvement)|"
    r"(?:has|have|had) not (?:provided|given|resulted in|produced|yielded|offered) (?:\w+ ){0,2}?(?:relief|improvement|benefit))|"
    # the measures named: "symptoms persist despite bracing, rest and an injection", "unresponsive to NSAIDs"
    r"(?:despite|unresponsive to|refractory to|(?:remains?|remained) symptomatic (?:after|despite)) (?:an? |the )?(?:(?:trial|course) of )?"
    r"(?:bracing|splinting|a brace|a splint|rest|nsaids?|anti-?inflammator\w+|activity modification|home exercises?|hep|tens|ice|heat)\b|"
    r"(?:physical therapy|therapy|treatment|treatments|injections?|shots?|chiropractic|acupuncture|medications?|dose ?pa?c?k) " + _NO_BENEFIT_TAIL + "|"
    # conservative care said by another name, what came of it after a list: "Conservative tx (rest, ice, NSAIDs, PT) has not helped",
    # "nonoperative management ... had been exhausted without improvement", "conservative treatment ... has provided no meaningful relief"
    r"(?:conservative|non-?operative|nonsurgical|non-?surgical) (?:care|treatment|tx|therapy|measures|management)\b[^.;]{0,80}?\b(?:(?:has|have|had)(?: not| been)? "
    r"(?:helped|exhausted|failed|provided no|given no|not helped)|without (?:\w+ )?(?:relief|benefit|improvement)|(?:has|have|had) (?:provided|given|brought) (?:no|little|minimal))|"
    r"(?:not|no|minimal|little) (?!(?:\w+ )?(?:objective|functional|documented|documentation|provided|measurable)\b)(?:\w+ ){0,3}?improve\w* (?:with|despite|after|from) (?:\w+ ){0,2}?(?:physical therapy|therapy|treatment|injections?|"
    r"medications?|chiropractic|acupuncture)|despite (?:\w+ ){0,2}?(?:physical therapy|therapy|treatments?|injections?|medications?|chiropractic|acupuncture)",
    "conservative_mention": r"conservative (?:care|treatment|tx|therapy|measures|management|interventions?)|(?:prior|past|previous) treatments?",
    "surgical_candidate": r"(?:surgical|operative) candidate|candidate for (?:\w+ )?surgery|candidate for (?:an? )?(?:operative|surgical) (?:intervention|treatment|management)|candidate for (?:an? |the )?(?:[\w'-]+ ){0,4}?" + _SURGERY_WORD + r"|surgical lesion|surgical plan|nerve root compression|herniation with|full[- ]thickness tear|"
    r"complete tear|lesion that matches|benefit from surgical|surgery is indicated|surgical (?:repair|intervention|indications?)|"
    r"(?:" + _SURGERY_WORD + r"|surgical intervention) (?:was |were |has been |is )?(?:not )?(?:recommended|warranted|indicated|necessary|planned|scheduled|proposed|advised|requested|(?:not )?(?:being )?considered)|"
    r"(?:recommended|recommends|recommend|recommending|planned|scheduled(?: (?:to undergo|to have|for))?|to undergo|proposed|considering|pursue|pursuing|request(?:ed|s)? for|requested|requesting|"
    r"(?:request|rfa) (?:is|was)(?: submitted| made)? for|proceed(?:ing)? (?:with|w/)|(?:will )?requires?|agreed to (?:proceed with|undergo|have)|indications? for(?: further| additional| any)?|plan (?:included|includes|consisted of)|plan:|awaiting|"
    r"(?:would )?benefit from|"
    r"authorization (?:for|of(?! (?:\d|[a-z]+ \d)))|recommendation for|evaluation for) (?:an? |the )?(?:[\w-]+ ){0,4}?" + _SURGERY_WORD + r"|surgical (?:disease|pathology)",
    "postop": r"(?:status post|\bs/p\b)(?! (?:being|an? |fall|slip|trip|mva|motor|injury|trauma|assault)|(?: (?!and\b|with\b|then\b)[\w-]+){0,3} (?:injections?|esis?\b|csis?\b|epidurals?|inj\b|"
    r"(?:nerve |facet |branch )?blocks?|rfa\b|radiofrequency|ablations?|prp\b|trigger point))|post (?:an? |the |his |her )?(?:(?!" + _PLAN_WORDS + r")[\w/-]+ ){0,3}?" + _SURGERY_WORD + r"\b|post-?operative(?:ly)?|post-?surgical(?:ly)?|post[- ]?op\b|"
    r"underwent (?:an? |the )?(?:[\w/-]+ ){0,4}?" + _SURGERY_WORD + r"|" + _HAD_PROCEDURE + r"|(?:treatment|treatments|care) (?:to date )?(?:has |have |had )?(?:included|includes|consisted of)[^.;]{0,80}?\b" + _SURGERY_WORD + r"|"
    r"(?:has had|had|prior(?! to)|previous|past|following|after) (?:an? |the |his |her )?(?:\w+ ){0,2}?(?:surgery|surgeries|operations?|surgical (?:procedures?|interventions?|treatment))|"
    r"(?:surgical history|\bpsh(?=:)|history of (?:an? |the )?(?:[\w-]+ ){0,3}?" + _SURGERY_WORD + r"|\b(?:hx|history):\s*(?:[\w-]+ ){0,3}?" + _SURGERY_WORD + r")|post-?laminectomy|failed back(?: surgery)? syndrome|"
    r"(?:retained|painful|symptomatic|prominent) (?:\w+ )?hardware|instrumentation|pedicle screws?|interbody (?:cage|device)s?|prosthes[ie]s\b|(?:surgical|arthroscopic|operative) (?:\w+ )?(?:incisions?|scars?|portals?)|(?:prior|previous|past) (?:\w+ ){0,3}?" + _SURGERY_WORD + r"|"
    # hardware taken out and a device implanted are operations too: "removal of hardware", "a spinal cord stimulator was
    # implanted", "an intrathecal pump" (an SCS or pump trial is not)
    r"removal of (?:the |his |her )?(?:[\w-]+ ){0,2}?hardware|hardware (?:was |were )?removed|"
    r"(?:stimulator|scs) (?:was |were |had been |has been )?(?:implanted|placed)\b|(?:stimulator|scs|pump) implant(?:ation|ed)?\b|"
    r"implanted (?:spinal cord |nerve |intrathecal )?(?:stimulator|scs|pump)|intrathecal (?:\w+ ){0,2}?pump\b(?! trial)|"
    r"surgically (?:repaired|treated|fixed|managed|released|decompressed|fused|stabilized)|operated on|since (?:the |his |her )?(?:\w+ ){0,2}?(?:surgery|operation)|"
    + _SURGERY_WORD + r" (?:was |were |has been |had been )(?:successfully )?(?:performed|done|completed|carried out)|"
    # a procedure with the date it was done: "a tendon repair on 10-22-16", "a discectomy in 2014"
    + _SURGERY_WORD + _DONE_ON,
    # not a reflex graded "depressed" ("DTRs depressed at the ankles")
    "depression": r"depress(?<!dtrs depress)(?<!cm depress)(?<!mm depress)(?<!reflexes depress)(?<!reflexes are depress)(?<!reflexes were depress)(?!\w* test)(?!\w* (?:reflexes|dtrs|deep tendon))\w*|anxiety",
    "insomnia": r"insomnia|difficult(?:y|ies) (?:with )?sleep\w*|sleep (?:disturbances?|difficult\w+|problems?|issues|disorder)|(?:trouble|problems?) sleeping|"
    r"poor sleep|unable to sleep|(?:difficult(?:y|ies)|trouble|problems?) (?:with )?(?:falling|staying|getting to)(?: (?:or|and) (?:falling|staying))? (?:asleep|sleep)|sleep complaints?|(?:unrefreshing|non-?restorative) sleep|unrefreshed|(?:sleep|sleeping) (?:is |was )?(?:poor|disturbed|interrupted)|sleepless\w*|"
    r"(?:awake|awakens?|awakened|wakes? up|waking up|woken up) (?:\w+ ){0,2}?(?:at night|during the night|in the middle of the night)",
    "neuropathic": r"neuropath(?!\w* tests?)\w+|burning(?! (?:epigastric|stomach|chest|urination|in the (?:stomach|chest)|sensation (?:in|of) (?:the |her |his )?(?:chest|stomach|throat|epigastri\w+)))|tingling|par(?:e|a|ae)sthes\w+|\bCRPS\b|complex regional pain|allodynia|"
    r"electric(?:al)?(?:[- ]like)? (?:shocks?|shooting|sensations?|pain)|pins[- ]and[- ]needles|(?:feels?|felt) (?:as if|like) (?:\w+ ){0,3}?on fire",
    "homebound": r"homebound|home[- ]bound|housebound|house[- ]bound|(?:has|had) not left (?:the |his |her |their )?(?:home|house|apartment|residence)|confined to (?:the |his |her |their )?(?:home|house|residence|bed)|bed[- ]?bound|"
    # help needed for bathing or dressing (GUIDE.md), said as help or as dependence: "requires her husband's assistance with
    # bathing", "dependent on his son for dressing", "cannot bathe or dress herself"; or unable to leave the home
    r"(?:needs?|needed|requires?|required|requiring) (?:[\w']+ ){0,3}?(?:help|assistance) (?:with|w/|to|for|in|getting) ?(?:[\w']+ ){0,4}?(?:bath|shower|dress|toilet|groom)\w*|"
    r"dependent (?:on (?:[\w']+ ){1,2})?(?:for|with|in) (?:[\w']+ ){0,2}?(?:bath|shower|dress|toilet|groom)\w*|"
    r"(?:unable|not able) to (?:bathe|dress|shower|toilet)(?: (?:or|and) (?:bathe|dress|shower|groom|toilet))? (?:himself|herself|themselves|independently)|"
    r"(?:unable|not able) to leave (?:the |his |her |their )?(?:home|house|residence|apartment)",
    "first_line_failed": r"tried and failed|first-line [\w\s]{0,40}?failed|failed first-line|(?:failed|failure of|intoleran\w+ (?:of|to)|did not tolerate|(?:unable to|could not|cannot) tolerate) "
    r"(?:\w+ ){0,3}?" + _FIRST_LINE + r"|exhausted (?:all )?(?:\w+ )?first-line|"
    r"(?:tried|trialed|trials? of)(?: \w+){0,4}? " + _FIRST_LINE + r"\b[^.;]{0,40}?\b(?:without|w/o|with no|gave no|provided no)\b|"
    # the drug first, what came of it after: "ibuprofen and naproxen were both tried without adequate benefit", "Cymbalta and
    # nortriptyline were discontinued due to lack of efficacy", "Prior meds: Motrin, Mobic, Elavil - all ineffective"
    + _FIRST_LINE + r"\b[^.;]{0,50}?\b(?:(?:were|was|has been|have been|had been) (?:\w+ )?(?:ineffective|unsuccessful|not (?:effective|helpful|tolerated))|"
    r"(?:tried|trialed|used)(?: \w+){0,3}? (?:without|w/o) (?:adequate |significant |any |much |lasting )?(?:relief|benefit|improvement|success)|(?:all |both )?ineffective|"
    r"(?:did not|didn't) (?:help|work)|not tolerated|(?:gave|provided|produced|yielded) (?:no|little|minimal) (?:\w+ )?(?:relief|benefit|improvement)|"
    r"(?:were|was|been) (?:discontinued|stopped)(?: \w+){0,3}? (?:because|due to|after|secondary to|d/t)\b|(?:discontinued|stopped)(?: \w+){0,3}? (?:due to|because of|secondary to|d/t) (?:\w+ ){0,2}?"
    r"(?:lack of (?:efficacy|benefit|relief|effect)|(?:side|adverse) effects|intolerance|nausea|sedation|drowsiness|dizziness|gi upset|no (?:benefit|relief)))",
    "prior_injection": r"epidural steroid injections?|" + _NAMED_INJECTION + r"|\bESIs?\b|epidurals?|nerve blocks?|radiofrequency (?:ablation|neurotomy|rhizotomy)s?|"
    r"rhizotom\w+|injection(?<!toradol injection)(?<!ketorolac injection)(?<!intramuscular injection)(?<!\bim injection)(?<!b12 injection)"
    r"(?<!vitamin injection)s?",  # not a drug given by injection
    "relief_reported": r"(?:good|significant|moderate|partial|some|temporary|adequate|excellent|great|notable|substantial) (?:pain )?(?:relief|benefit)|"
    r"(?:relieved|helped|improved) (?:\w+ ){0,2}?by (?:\w+ ){0,2}?(?:medications?|meds|therapy|treatment|injections?|rest)|"
    r"(?:medications?|meds|therapy|treatment|injections?) (?:\w+ ){0,2}?improves? (?:the |his |her )?pain|reduc(?:e|es|ed|ing) (?:the |his |her )?pain(?! from)|"
    r"(?:" + _MED_WORDS + r"|therapy|physical therapy|treatment|acupuncture|chiropractic|injections?) (?:\w+ ){0,2}?(?:(?:is|are|was|were|has been|have been) )?(?:not )?(?:help(?:s|ed|ful|ing)?|relieves?|reduces? (?:his |her |the )?pain(?! from)|provides? (?:\w+ )?relief)|"
    r"pain (?:is |was |has |had )?(?:been )?(?:relieved|reduced|decreased|improved|better|alleviated|lessened|eased|diminished|improves|decreases|lessens|eases|diminishes|"
    r"goes down|went down|comes down|(?:well |adequately )?(?:controlled|managed)) (?:\w+ )?(?:with|by|after|following|on)\b|"
    r"(?:no|without|minimal|little) (?:significant |lasting )?(?:pain )?relief|"
    r"relief (?:of (?:\w+ ){0,2}?pain )?(?:with|from) (?:the |his |her |their )?(?:\w+ ){0,2}?(?:" + _MED_WORDS + r"|therapy|treatments?|injections?|rest|acupuncture|chiropractic|ice|heat|tens|bracing|splinting)\b|"
    r"pain (?:levels? |scores? )?(?:decreases|decreased|reduces|reduced|is reduced|was reduced|drops|dropped|goes down|went down|comes down|came down) to " + _PAIN10 + r"(?!\s+from\s+\d)|"
    r"(?:some |mild |moderate |significant |good |slight |notable )?improvement (?:in|of) (?:his |her |the |their )?(?:\w+ ){0,2}?pain|"
    r"(?:reports?|reported|noted|notes|with|has|had|experienced?|describes?|described) (?:some |mild |a )?(?:decreased|reduced|diminished|lessened) (?:\w+ )?pain|"
    r"(?:" + _MED_WORDS + r"|therapy|treatments?|injections?|acupuncture|chiropractic|tens(?: unit)?) (?:\w+ ){0,2}?(?:alleviates?|alleviated|eases?|eased|lessens?|lessened|decreases?|decreased|reduces|diminish(?:es|ed)?|controls?|controlled) "
    r"(?:the |his |her |their )?(?:\w+ ){0,2}?pain|(?:with|has|had|reports?|reported|noted|notes|feels?|felt) less pain|"
    r"pain (?:levels?|scores?|ratings?)(?: [\w']+){0,8}? (?:before|prior to)(?: \w+){0,4}? (?:" + _MED_WORDS + r"|treatment)|"
    # relief said as control, a reduction, or a thing the worker gets: "pain is well controlled", "a reduction in pain",
    # "obtains relief", "takes the edge off", "brings her pain down", "pain is more tolerable with medication"
    r"pain (?:is |was |has been |remains? |remained |becomes |became )?(?:(?:well|adequately|reasonably|fairly well|better) (?:controlled|managed)|"
    r"(?:more )?(?:tolerable|manageable|bearable) (?:with|on|after|by|when))|"
    r"(?:good|adequate|better|improved|effective|excellent|fair|reasonable|satisfactory) (?:pain control|control of (?:his |her |the |their )?pain)"
    r"(?: (?:with|from|on) (?:his |her |the |their )?(?:\w+ )?" + _MEDS + r")?|"
    r"(?:reduction|decrease|decline|drop|lessening) (?:in|of) (?:his |her |the |their )?(?:\w+ ){0,2}?pain|pain reduction|"
    r"(?:obtain\w*|gets?|got|getting|experienc\w+|achiev\w+|yield\w*|gives?|gave|giving) (?:(?:him|her|them) )?(?:(?!no\b|minimal|little)\w+ ){0,2}?relief|"
    r"(?:takes?|took|taking) the edge off|(?:brings?|brought|bringing) (?:his |her |the |their )?(?:\w+ )?pain(?= (?:levels? |scores? )?down\b)",
    "medication_efficacy": r"(?:medication|analgesic) (?:efficacy|benefit)|efficacy of (?:the |his |her )?" + _MEDS + r"|efficacy|"
    r"benefit(?:s|ed|ing)? from (?:the |his |her |current )?" + _MEDS + r"|" + _MEDS + r" (?:(?:is|are|was|were|has been|have been) )?(?:not )?(?:effective|beneficial|working(?: well)?|efficacious)",
    "side_effects": r"side[- ]effects?|adverse (?:effects?|reactions?)|(?:GI|gastrointestinal|stomach) (?:upset|irritation|distress|issues|complaints)|dyspepsia|"
    r"constipation|drowsiness|sedation|(?:nausea|vomiting|dizziness|itching|pruritus|headaches?|sweating|dry mouth|fogginess|foggy|grogginess|groggy|lightheaded\w*) (?:\w+ )?(?:from|with|on|due to|secondary to|after taking|attributed to|caused by|related to) (?:the |his |her )?(?:\w+ )?" + _MEDS,
    # a medication tolerated well: no side effects
    "tolerated_well": r"tolerat(?:es|ed|ing) (?:the |his |her |their )?(?:\w+ )?" + _MEDS + r" well|" + _MEDS + r" (?:(?:is|are|was|were|has been|have been) )?(?:well tolerated|tolerated well)|"
    # "she is tolerating her current medications", "he tolerates Norco": tolerated, so no side effects
    r"tolerat(?:es|ed|ing) (?:(?:all|both|current|prescribed|the|his|her|their|these|those|present) ){0,2}(?:[\w-]+ )?" + _MEDS + r"\b(?! (?:poorly|badly|only))",
    # a symptom a drug caused: "tramadol caused nausea", "(caused dizziness)"; kept only with a drug named before it
    "drug_caused": r"(?:caused|causes|causing|gave (?:him|her)|made (?:him|her)) (?:(?:him|her|them) )?(?:some |mild |significant |severe )?"
    r"(?:nausea|vomiting|dizziness|dizzy|drowsiness|drowsy|sedation|sedated|constipation|itching|headaches?|(?:stomach|gi|gastric) upset|rash|confusion|fatigue)\b",
    "adl_limitations": r"(?:difficult(?:y|ies)|trouble|problems?|unable|inability|limited|limitations?|restricted|intoleran\w+|cannot|can't|decreased tolerance|"
    r"avoid(?:s|ed|ing)?|not tolerat\w+|poor tolerance)\s+(?:with\s+|to\s+|in\s+|for\s+|of\s+)?(?:\w+\s+){0,3}?(?:ability to\s+)?(?:perform\s+)?(?:walk\w*+(?! on (?:the )?(?:heels?|toes?|tip))|stand\w*|"
    r"sitting|sit|lift\w*|driv\w*|reach\w*|grip\w*|grasp\w*|carry\w*|dress\w*|bath\w*|household|chores|climb\w*|kneel\w*|squat\w*|push\w*|pull\w*|"
    r"bear\w* weight|weight[- ]?bearing|lay\w*|lie|lying|activities of daily living|ADLs|daily activities|self[- ]care|personal care)|"
    r"(?:difficult(?:y|ies)|trouble|problems?|unable to|inability to|cannot|can't) (?:with |in )?(?:perform\w* |doing |do )?(?:\w+ ){0,3}?(?:duties|job|tasks|activities|chores)|"
    # the activity first: "bending and lifting remain problematic", "her daily activities were limited"
    r"(?:" + _ACTIVITY + r")(?:,? (?:and |or )?(?:" + _ACTIVITY + r"))* (?:(?:is |are |was |were |remains? |remained |became )(?:\w+ )?)?"
    r"(?:limited|restricted|difficult|problematic|impaired)(?! to)|"
    # how little the worker can do, and what pain gets in the way of: "can only walk one block", "sitting tolerance is 15 minutes"
    r"(?:can|could|able to) only (?:\w+ )?(?:walk|sit|stand|drive|lift|carry|sleep)|(?:can|could|able to) (?:walk|sit|stand|drive) (?:for )?only\b|"
    r"needs? (?:help|assistance) (?:\w+ ){0,4}?with (?:\w+ )?(?:chores|housework|cooking|cleaning|shopping|laundry|dressing|bathing)|(?:sitting|standing|walking) tolerance (?:is |was |of )?(?:limited to |only |about )?"
    r"(?:\d+|\w+) (?:minutes|hours?|blocks?)|(?:interferes?|interfered|interfering) with (?:\w+ ){0,2}?(?:daily activities|activities of daily living|ADLs|self[- ]care|sleep|chores)",
    "imaging_findings": _IMAGING + r"\b(?:[^.;abdhnr]|(?=[abdhnr])(?!request|denied|non-?certif|authoriz|recommend|however|but\b|although)[^.;]){0,100}?\b(?<!not )(?<!never )(?:show(?:s|ed|ing)?|reveal(?:s|ed|ing)?|"
    r"demonstrat(?:ed|es|ing)|(?<!is )(?<!was )(?<!are )(?<!were )(?<!be )(?<!not )indicat(?:ed|es|ing)|document(?:ed|s|ing)|confirm(?:ed|s|ing)|found|"
    r"(?:was|were) (?:noted to be )?(?:normal|unremarkable|negative|positive|abnormal|within normal limits)|positive for|negative for|"
    r"consistent with|significant for|notable for|impression)|"
    # a form's field with its result: "MRI 3/2016: full-thickness tear", "Right knee MRI: complex tear", "Imaging: DDD C4-7"
    + _IMAGING + r"(?: [\w/-]+){0,3}?\s*:(?=[ \t]*\w)(?![ \t]*(?:none|not|n/?a|pending|requested|ordered|to be|denied|non-?certified)\b)",
    "exam_findings": r"(?:(?:physical |objective )?exam(?:ination)?s?|objective findings|physical findings)\b[^.;]{0,40}?\b(?<!not )(?:revealed|reveals|showed|shows|noted|"
    r"demonstrated|include[sd]?|(?:was|is|were) (?:notable|significant|remarkable))|(?:physical |objective )exam(?:ination)?\s*[;:](?!\s*(?:" + _NOT_DONE + r"|none|n/?a)\b)|"
    r"tender(?:ness)?|range[- ]of[- ]motion|\bROM\b|(?:decreased|diminished|reduced|limited|restricted|full|normal|intact) (?:\w+ ){0,2}?(?:strength|sensation|reflexes)|"
    r"(?:positive|negative) (?!(?:seated |supine |sitting )?(?:spurling|straight|slr\b|las[eè]gue))(?:[\w'-]+,? ){0,5}?(?:tests?|signs?|maneuvers?)|spasms?|guarding|antalgic|gait(?! training| belt)|motor strength|"
    # a strength grade "4+/5", a joint angle "60-70 degrees": spelled out so their literal prefixes never try a year or a date
    r"\d(?:/|\+/|-/)5(?![/\d])|\d degrees|\d\d degrees|\d\d\d degrees|\d-\d\d? degrees|\d\d-\d\d\d? degrees",
    "opioid_use": _OPIOIDS,
    # "8/12 PT sessions": 8 done of 12 authorized (the first number is the count)
    "therapy_sessions": r"\d{1,2}/\d{1,2}\s+" + _THERAPY + r"\s+(?:sessions?|visits?|treatments?)|"
    # "four of the eight authorized visits", "6 of 12 sessions of physical therapy": the first count is what was had
    + _NUMBER + r"\s+of\s+(?:the\s+|an?\s+)?" + _NUMBER + r"\s+(?:(?:authorized|approved|certified|requested|prescribed|planned|scheduled)\s+)?"
    r"(?:" + _THERAPY + r"\s+)?(?:sessions?|visits?|treatments?)(?:\s+of\s+" + _THERAPY + r")?|"
    + _NUMBER + r"\s+(?:(?:additional|prior|previous|completed)\s+)?(?:sessions?|visits?|treatments?)\s+of\s+" + _THERAPY_KIND_WORDS + _THERAPY + r"|"
    + r"(?:(?:prior|previous|past) )?" + _THERAPY + r"(?: (?:tx|treatment|care))?:\s*" + _NUMBER + r"\s+(?:(?:individual|completed|prior)\s+)?(?:sessions?|visits?|treatments?)|"  # a form's field: "Prior PT: 18 visits"
    + _THERAPY + r"\s*(?:\(|x|times|for)\s*" + _NUMBER + r"\s*(?:sessions?|visits?)?\)?|"
    + _NUMBER + r"\s+" + _THERAPY_KIND_WORDS + _THERAPY + r"\s+(?:sessions?|visits?|treatments?)|"
    # A count said apart from the therapy's name ("aquatic therapy twice weekly, a total of twelve visits", "spinal
    # manipulation through his PTP, approximately 10 sessions", "Acupuncture: had 8 tx", "PT note (visit 7 of 8)"):
    # find_flags gives it to the therapy named last before it in its sentence, or drops it. An alternative of this
    # trigger rather than a trigger of its own, so that a number costs no extra match call.
    + _NUMBER + r"\s+(?:(?:total|completed|prior|previous|individual|supervised)\s+)?(?:sessions?|visits?|treatments?|tx)\b"
    r"(?!\s+(?:of|per|a|each|every|weekly|monthly)\b)|visit\s+#?\d{1,2}\s*(?:of|/)\s*\d{1,2}(?![/\d])",  # not a date: "last visit 2/3/15"
    "therapy_mention": r"physical therapy|physiotherapy|occupational therapy|aquatic therapy|aqua therapy|pool therapy|chiropractic(?: physiotherapy| physical therapy)?|chiropractor|chiro\b|acupx\b|"
    r"manipulat\w+ (?:therapy|treatment)|acupuncture|psychotherapy|cognitive behavioral therapy|\bCBT\b|psychological (?:counseling|treatment|therapy)|"
    r"(?:psychological|mental health|pain psychology|behavioral health) counsel\w*|psych(?:ological)? (?:tx|treatment)\b|(?:seeing|sees|saw|seen) (?:a |the )?(?:psychologist|counselor)|"
    r"(?:prior|previous|past) pt\b",
    # Last, so tried only where nothing else matched: imaging results said missing ("x-rays were not provided"), exam findings said not noted
    "imaging_missing": _IMAGING + r"\b(?: [\w()/-]+){0,6}? (?:(?:was|were|is|are|has|have) (?:not|never) (?:been )?"
    r"(?:described as )?(?:provided|included|described|found|documented|submitted|available|attached|reviewed|performed)|(?:is|are|was|were) (?:unavailable|missing))|"
    r"no (?:prior |previous |recent |official )?" + _IMAGING + r"(?: (?:studies|study|reports?|results?|findings))? (?:(?:is|are|was|were|has been|have been) )?"
    r"(?:found|available|documented|provided|on file|submitted|included|attached)",
    "exam_missing": r"no (?:\w+ ){0,2}?(?:physical |objective )?exam(?:ination)? findings|(?:physical |objective )exam(?:ination)?\s*:\s*" + _NOT_DONE + r"|"
    r"(?:objective|physical|exam\w*) findings (?:\w+ ){0,6}?(?:were|was) not (?:noted|documented|provided|reported|described|included)",
}
# Flags whose negated mention means something of its own: name -> feature name for the negated form.
# Flags whose asserted hit is a feature of another name: a normal neurological exam is the absence of radicular signs.
ASSERTED_MEANING = {
    "neuro_exam_normal": "no_radicular_signs",
    "tolerated_well": "no_side_effects",
    "function_with_medication": "functional_improvement",
    "drug_caused": "side_effects",
    "drug_allows": "functional_improvement",
    "function_unchanged": "no_functional_improvement",
    "screen_clean": "drug_screen_consistent",
}
# Triggers that are a drug's doing only with a drug named before them in their clause (within _DRUG_WINDOW characters):
# "tramadol caused nausea" but not "the fall caused dizziness"; "meds allow him to walk" but not "the brace allows him to"
_OF_A_DRUG = frozenset({"drug_caused", "drug_allows"})
_DRUG_WINDOW = 150
# Flags whose asserted hit also states another fact: home help ("needs help with bathing") is a limit in daily
# activities; a drug screen that was consistent was done.
ASSERTED_ALSO = {"homebound": "adl_limitations", "drug_screen_consistent": "drug_screen", "screen_clean": "drug_screen", "drug_allows": "medication_efficacy"}
NEGATED_MEANING = {
    "return_to_work": "off_work",
    "functional_improvement": "no_functional_improvement",
    "drug_screen": "drug_screen_missing",
    "red_flags": "red_flags_ruled_out",
    "radicular": "no_radicular_signs",
    "failed_conservative": "no_conservative_trial",
    "conservative_mention": "no_conservative_trial",
    "surgical_candidate": "not_surgical_candidate",
    "aberrant_behavior": "drug_screen_consistent",
    "therapy_mention": "no_prior_therapy",
    "tapering": "no_taper",
    "injection_relief_good": "injection_relief_poor",
    "relief_reported": "no_relief_reported",
    "medication_efficacy": "no_medication_efficacy",
    "side_effects": "no_side_effects",
    "prior_injection": "no_prior_injection",
    "opioid_use": "no_opioid_use",
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
THERAPY_KINDS = ("physical_therapy", "chiropractic", "acupuncture", "psychotherapy")
# not binary features of their own: triggers whose hit is another feature, and the numeric and per-therapy readers
_NOT_BINARY = (*ASSERTED_MEANING, "no_effect", "duration_x", "pain_words", "function_after", "pain_pair", "pain_scale", "pain_score", "percent_relief", "duration", "therapy_sessions", "therapy_mention", "conservative_mention")
_BINARY = [n for n in TRIGGERS if n not in _NOT_BINARY]
FLAG_FEATURES: tuple[str, ...] = tuple(
    dict.fromkeys([*_BINARY, *NEGATED_MEANING.values(), *(f"no_prior_{k}" for k in THERAPY_KINDS), *(f"prior_{k}" for k in THERAPY_KINDS)])
)

# Speed: the text is lowercased once and the patterns matched case-sensitively (12x faster than re.I).
# The hits are those of ONE alternation of all triggers (``_TRIGGER_PATTERN``) under ``finditer``: at each
# position the first trigger, in TRIGGERS order, that matches there wins, and the scan resumes after it. Run as
# one regex, every position that passes the prefix guard (half of all word starts) tries all 38 alternatives in
# turn. ``_trigger_matches`` gives the same matches: the guard alone finds the candidate positions, and at each
# only the triggers that can start with the next 4 characters (by their literal prefixes) are tried, in the same
# order (2.7 of 38 on average): 0.40 -> 0.25 ms per summary, identical hits, on the 30,000 summaries of the
# default corpus (tests/code/test_flag_scan.py compares the two on synthetic summaries).
assert not re.search(r"\\[DSWB]", "".join(TRIGGERS.values())), "uppercase escapes would change meaning when lowercased"
_TRIGGER_PATTERN = r"\b(?:" + "|".join(f"(?P<{name}>{rx.lower()})" for name, rx in TRIGGERS.items()) + ")"
_PREFIX_LEN = 4
_TRIGGER_RES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(rx.lower())) for name, rx in TRIGGERS.items())
assert _parser is None or all(_parser.parse(rx.lower()).getwidth()[0] > 0 for rx in TRIGGERS.values()), "an empty match would change the resumption"
_TRIGGER_PREFIXES = [literal_prefixes(rx.lower(), _PREFIX_LEN) for rx in TRIGGERS.values()]
_ANY_START = frozenset(i for i, pre in enumerate(_TRIGGER_PREFIXES) if pre is None)  # unknown prefixes: tried everywhere
_BY_PREFIX: dict[str, frozenset[int]] = {}
for _i, _pre in enumerate(_TRIGGER_PREFIXES):
    for _q in _pre or ():
        _BY_PREFIX[_q] = _BY_PREFIX.get(_q, frozenset()) | {_i}
_all_prefixes = literal_prefixes(_TRIGGER_PATTERN, _PREFIX_LEN)
# Zero-width: the positions where some trigger may start (a word start followed by one of their literal prefixes).
_CANDIDATE = re.compile(
    r"\b" if _all_prefixes is None else rf"\b(?=[{re.escape(''.join(sorted({q[0] for q in _all_prefixes})))}])(?={trie_pattern(_all_prefixes)})"
)
_TRIED: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}  # next 4 characters -> the triggers to try there, in order
_TRIED_MAX = 1 << 16


def _triggers_at(key: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The triggers, in TRIGGERS order, that may match where the text continues with ``key`` (4 characters or fewer)."""
    tried = _TRIED.get(key)
    if tried is None:
        found = set(_ANY_START)
        for j in range(1, len(key) + 1):
            found |= _BY_PREFIX.get(key[:j], frozenset())
        if len(_TRIED) >= _TRIED_MAX:  # bounded: keys are 4-character strings of the text
            _TRIED.clear()
        tried = _TRIED[key] = tuple(_TRIGGER_RES[i] for i in sorted(found))
    return tried


def _trigger_matches(lower: str) -> list[tuple[str, int, int]]:
    """(trigger, start, end) of every match of the alternation of all triggers in ``lower``, as ``finditer`` finds them."""
    out = []
    resume = 0
    tried_at = _TRIED.get
    for candidate in _CANDIDATE.finditer(lower):
        pos = candidate.start()
        if pos < resume:
            continue
        key = lower[pos : pos + _PREFIX_LEN]
        for name, rx in tried_at(key) or _triggers_at(key):
            m = rx.match(lower, pos)
            if m is not None:
                resume = m.end()
                out.append((name, pos, resume))
                break
    return out


def __getattr__(name: str) -> re.Pattern[str]:
    """``_PATTERN``, the single guarded alternation the dispatched scan reproduces, compiled only when asked for (tests)."""
    if name == "_PATTERN":
        pattern = globals()["_PATTERN"] = re.compile(guarded(_TRIGGER_PATTERN, k=4, lead=r"\b"))
        return pattern
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# "and" opening a new predicate ends a negation's scope (not the clause: the subject is shared): "the cyclobenzaprine
# did not help and caused drowsiness", "he denies numbness and has radiating leg pain"
_NEW_PREDICATE = (
    r"(?:caused|causes|has|have|had|is|was|were|are|reports?|reported|states?|stated|notes?|noted|complains?|complained|describes?|described|"
    r"remains?|remained|continues?|continued|takes?|took|uses?|used|underwent|attends?|attended|returned|wants?|wishes|wished|would|will|feels?|felt)"
)
_CLAUSE_BREAK_PATTERN = r"[.;:!?]|,\s+and\b|\b(?:but|however|although|though|except|whereas)\b"
_PRE_NEG_PATTERN = (
    r"\b(?:no(?!\.? ?#?\d)|not|without|denie[sd](?! (?:the |a |an |this |that )?(?:request|rfa|authoriz|certif))|deny|absence of|absent|lack(?:s|ed|ing)?(?: of)?|negative for|free of|never|neither|nor|none|cannot|unable to|"
    r"fail(?:ed|s)? to|did not|does not|do not|can't|has not|have not|had not|is not|are not|was not|were not|rather than|ruled out|negative|neg|intact|w/o|"
    r"declines|declined|refuses|refused|(?:has|have|had) yet to|"
    r"argu(?:es|ed|ing) against|(?:advised|advises|recommended|recommends) against|poor(?= (?:surgical )?candidate))\b"
)
_CLAUSE_BREAK = re.compile(guarded(_CLAUSE_BREAK_PATTERN, k=3))
_PREDICATE_BREAK = re.compile(r" and (?=" + _NEW_PREDICATE + r"\b)| while ")  # a literal start: 5x faster than "\band"
# "...the right hand.The studies": a missing space still ends it (one leading class keeps the scan fast: 20 vs 43 us a summary)
_SENTENCE_BREAK = re.compile(r"[.;:!?](?:(?=\s|$)|(?<=\.)(?=[a-z]{2}))")
_PRE_NEG = re.compile(guarded(_PRE_NEG_PATTERN, k=3, lead=r"\b"))
_IN_NEG = re.compile(r"\b(?:not|no(?!\.? ?#?\d)|never|without)\b")  # "Tylenol No. 3" is a number
# A field of a form-like summary whose value says the fact is absent; the colon ends the clause, so the post-negation
# below never sees it. Up to two more words of the field's name come first ("radicular symptoms: denied").
_FIELD_NONE = re.compile(
    r"(?:[ \t]+[a-z/]+){0,2}?[ \t]*(?::|-|\u2013)[ \t]*(?:none(?! of)|negative(?! for)|denied(?! by)|denies|absent|nil|n/?a|no(?=[ \t]*(?:[.;,]|$))|"
    r"not (?:yet )?(?:done|performed|documented|noted|reported|present|applicable|indicated|planned|attempted|tried))\b"
)
# a treatment's effect on something, as a verb with its object or a noun with its preposition ("reduced her ...", "relief
# of ..."); not "decreased sensation", a finding
_EFFECT_WORD = re.compile(
    r"\b(?:(?:reduced?|reduces|reducing|relieved?|relieves|relieving|helped|helps|improved|improves|resolved|alleviated|eased|controlled|addressed|"
    r"touched|touch)\s+(?:her|his|the|their|its|any)|(?:relief|improvement|benefit|reduction|change)\s+(?:of|in|to|for))\b"
)
_SYMPTOMS = frozenset({"red_flags", "radicular", "neuropathic", "depression", "insomnia", "side_effects"})
_DENIED_AFTER = re.compile(r"^[\s,]*(?:\w+\s+){0,2}?(?:denied|denies)\b(?! by)")
_POST_NEG = re.compile(
    # not across a participle, which opens a predicate of its own: "the screen was inconsistent, showing alprazolam that
    # had not been prescribed" (a relative clause of the hit's own noun still is: "neuropathic pain which was not present")
    r"^[\s,]*(?:(?!\w+ing\b)\w+\s+){0,3}?(?:(?<!\band )(?:has|have|had|was|were|is|are)\s+(?:not|never)\b"
    r"(?! (?:medically |clinically )?(?:necessary|indicated|appropriate|warranted|supported|certified|prescribed|authorized|approved|recommended))"
    r"(?! (?:yet |fully |completely )?(?:resolved|subsided|abated|gone away|improved))|(?:was|were|is|are|been)\s+(?:ruled out|negative|normal|absent|"
    r"denied)|not (?:documented|noted|reported|performed|provided|found|seen)|ruled out)"
)
# ConText's other modifiers. A thing "done" (therapy, a screen, surgery, an injection, a drug taken) is only
# requested, planned, authorised or denied when a request cue governs it; a current state (work, symptoms,
# red flags) is only uncertain or wished for ("rule out", "goal to return to work"), historical ("worked until
# 2015", "an old healed fracture") or someone else's ("his wife is working").
_HYPOTHETICAL_DONE = re.compile(
    r"\b(?:requests?(?:ed)?|recommend\w*|authoriz\w*|certif\w*|non-?certif\w*|approv\w*|denied|denial|deny|modif(?:y|ied)|propos\w+|plan(?:s|ned)?|"
    r"schedul\w+|order(?:s|ed)?|pending|will|would|should|could|may|might|consider\w*|pursu\w+|suggest\w*|additional|further|another|trial of|"
    r"rule out|r/o|possible|if|whether|candidate for|referr\w*|refer|appeal\w*|goals?|(?<!per the )(?<!per )(?<!according to the )(?:utilization review|ur)|rfa|determined|at issue|original request|"
    r"eligible portion|warrant\w*|"
    r"(?<!yet )(?<!failed )(?<!fails )(?<!failure )to (?:begin|start|continue|undergo|try|receive|obtain|initiate))\b"
)
# "can" right before the state is a permission ("she can return to work"); elsewhere it is an ability ("can now walk farther").
_HYPOTHETICAL_STATE = re.compile(
    r"\b(?:rule out|r/o|possible|possibly|probable|suspect\w*|questionable|if|whether|may|might|can(?=\s*$)|could(?! not)|would|should|goals?|hopes?|hoping|"
    r"in order to|wants? to|would like|plans? to|needs? to|expected to|anticipat\w+|able to|to (?:return|go back|resume|place|keep|be placed)|"
    r"(?:evaluat\w*|assess\w*|screen\w*|test\w*|look\w*|monitor\w*) for|to (?:evaluate|assess|exclude|determine|confirm|identify|check|detect|monitor|prevent)|risks? of)\b"
)
# A guideline's condition, not the worker's state ("injections are recommended for radicular pain"), unless the
# sentence goes on to say the worker has it or not ("... indicated for neuropathic pain, which was not present").
_GUIDELINE = re.compile(
    r"\b(?:(?:recommended|indicated|supported|reserved|appropriate) for|criteria|guidelines?|requires?|required|in (?:patients|cases|those) with|for (?:patients|those) with)\b"
)
# A drug stopped is not a drug taken now; a symptom that resolved is not one the worker has now.
_STOPPED_BEFORE = re.compile(r"\b(?<!being )(?:stopped|discontinued|quit|weaned off|tapered off|no longer (?:takes?|taking|uses?|using|on))\s+(?:taking |using )?(?:the |his |her |all )?(?:[\w/-]+ )?$")
_STOPPED_AFTER = re.compile(
    r"[^.;]{0,60}?\b(?:(?:was|were|has been|had been|have been) (?!not |never )(?:\w+ )?(?:discontinued|stopped)|(?<!not )(?<!never )(?<!n't )(?:stopped|discontinued|quit) (?:it|them|taking it|taking them)\b)"
)
_BEFORE_AN_EVENT = re.compile(
    r"\s*(?:prior to|before) (?:the |his |her )?(?:(?:19|20)\d\d )?(?:[\w-]+ ){0,3}?(?:injury|accident|" + _SURGERY_WORD + r")\b"
)
_RESOLVING = frozenset({"neuropathic", "depression", "insomnia", "radicular", "red_flags", "adl_limitations"})
_RESOLVED_AFTER = re.compile(r"[^.;]{0,60}?\b(?<!not )(?<!never )(?<!yet )(?<!not fully )(?:resolved|subsided|healed|cleared (?:up|completely))\b")
# a state offered for later: "modified duty will be considered once the brace is off"
_POST_STATE_HYPOTHETICAL = re.compile(r"[\s,]*(?:will|would|may|might|could|should) (?:not )?be (?:considered|recommended|requested|discussed|offered|provided|given|allowed)\b")
_SAID_OF_WORKER = re.compile(r"(?:[\s,]+\w+){0,2}?[\s,]+(?:which|that|as) (?:\w+ ){0,2}?(?:is|was|were|are|has|have|had)\b")  # match() at the hit's end
_POST_HYPOTHETICAL = re.compile(
    # "and requested" opens a new predicate with its own object: "included Tylenol No. 3 and requested ondansetron"
    r"^[\s,]*(?:[\w()/#,-]+\s+){0,16}?(?<!\band )(?:(?:(?:was|were|is|are|has been|have been|had been|being)\s+(?:\w+\s+)?)?(?:requested|recommended|ordered|scheduled|"
    r"proposed|planned|authorized|certified|approved|denied|non-?certified|modified|(?<!results )(?<!result )(?<!results are )(?<!result is )pending|considered|suggested|referred)\b|request\b|referral\b|"
    r"(?:is|was|were|are) (?:not )?(?:medically )?(?:necessary|indicated|appropriate|warranted|supported|certified)|(?:was|were|is) the original request|"
    r"(?:was|were) authorized|(?:will|would|should|could|may|might|is to|are to) be (?:\w+\s+)?(?:obtained|performed|done|ordered|collected|repeated|checked))"
)
_HISTORICAL = re.compile(
    r"\b(?:previously|formerly|prior to (?:the |his |her )?(?:injury|accident|incident)|before (?:the |his |her )?(?:injury|accident|incident)|"
    r"at the time of (?:the |his |her )?(?:injury|accident|incident)|used to|in the past|history of|remote|(?<!-)(?<!year )old|(?<!not )(?<!yet )healed|when (?:she|he) was injured)\b"  # not "a 52-year-old"
)
# "until" ends a state in the past ("worked until 2015"), not one that lasts to a later visit or date ("off work until
# further notice", "TTD until the next visit", "off work until 11-24-2016" in a summary whose last record is earlier)
_UNTIL_LATER = (
    r"(?! (?:further notice|(?:the |his |her )?next\b|re-?evaluat|(?:the |his |her )?(?:follow|f/u|re-?check)|(?:cleared|released|seen|reevaluated) by|"
    + DATE_OR_MONTH + r"))"
)
_UNTIL_DATE = re.compile(r"[\s,]*(?:[\w-]+\s+){0,4}?until (" + DATE_OR_MONTH + r")")
_POST_HISTORICAL = re.compile(
    r"^[\s,]*(?:[\w-]+\s+){0,4}?(?:until" + _UNTIL_LATER + r"|prior to|before (?:resuming|returning|going back)|in the past|previously|(?<!not )(?<!yet )healed|"
    # before an event now past: "before the injury", "before her 2012 microdiscectomy"
    r"before (?:the |his |her )?(?:(?:19|20)\d\d )?(?:[\w-]+ ){0,2}?(?:injury|accident|" + _SURGERY_WORD + r")|"
    r"at the time of (?:the |his |her )?(?:injury|accident|incident|fall))\b"
)
_RELATIVES = r"wife|husband|spouse|son|daughter|mother|father|sister|brother|child|children|co-?workers?|girlfriend|boyfriend|partner"
_OTHER_PERSON = re.compile(r"\b(?:" + _RELATIVES + r"|family|supervisor|boss)(?:'s)?\b")
_DONE_FLAGS = frozenset(
    {"therapy_sessions", "therapy_mention", "drug_screen", "drug_screen_consistent", "screen_clean", "postop", "injection_relief_good", "injection_relief_poor", "prior_injection",
     "opioid_use", "imaging_findings", "relief_reported", "medication_efficacy", "duration", "long_term_use"}
)
_STATE_FLAGS = frozenset(
    {"off_work", "modified_duty", "return_to_work", "red_flags", "radicular", "neuropathic", "failed_conservative", "aberrant_behavior", "functional_improvement", "function_with_medication", "drug_allows", "function_unchanged",
     "depression", "insomnia", "homebound", "adl_limitations", "neuro_exam_normal"}
)
_HISTORY_FLAGS = frozenset({"off_work", "modified_duty", "return_to_work", "red_flags"})
_MODIFIED_FLAGS = _DONE_FLAGS | _STATE_FLAGS | _HISTORY_FLAGS
# facts one might tell of a relative or a co-worker ("his wife had a knee replacement"); all in _MODIFIED_FLAGS
_OTHER_PERSON_FLAGS = frozenset(
    {"off_work", "modified_duty", "return_to_work", "depression", "insomnia", "postop", "homebound", "adl_limitations", "radicular", "red_flags"}
)
_NUM = re.compile(r"\d{1,3}")
_PAIN_WORD = re.compile(r"\bpain\b")
_PAIN_FLAGS = frozenset({"pain_pair", "pain_score", "pain_scale"})
_SCORE_IN_HIT = re.compile(r"\b(\d{1,2}" + _AFTER_NUMBER_OK + "|" + _WORD_SCORE + ")" + _OUT_OF_TEN)  # _PAIN10, its score as group 1
_SCANT = re.compile(r"(?:minimal|little)\b")
_SCANT_BEFORE = re.compile(r"\b(?:minimal|little|limited)\s+$")
_SCANT_FLAGS = frozenset({"relief_reported", "medication_efficacy"})  # a benefit said to be scant is none
_PERCENT = re.compile(r"(\d{1,3}) ?%")
# A limit prescribed, not one lived: "restricted from lifting over 20 pounds", "avoid lifting more than 10 lbs".
_PRESCRIBED = re.compile(r"(?:restrict|limit|avoid)")
_WEIGHT = re.compile(r"\b(?:pounds?|lbs?)\b")
_NON_PREFIX = re.compile(r"\bnon[- ]?$")
_NOT_PERFORMED = re.compile(r"[\s,]*(?:(?:test|testing|tests|sign|maneuver)\s+)?(?:was |were |is |could )?" + _NOT_DONE)
_SIGN_NEGATIVE = re.compile(r"^[\s,]*(?:(?:test|testing|tests|sign|maneuver|bilaterally|on the (?:left|right)|was|is|were|are)\s+){0,3}(?:negative|neg\b|\(-\))")
_FROM_BETWEEN = re.compile(r"\bfrom\b")
_TO_BETWEEN = re.compile(r"\bto\b|->")  # between a pair's two scores: the first is before, the second after
_WITH = re.compile(r"\bwith\b|\bw/(?!o)")
_EXAM_SIGN = re.compile(r"straight|\bslr\b|las[eè]gue|spurling|sensation|dermatom|reflex")
_NEUROPATHIC_WORD = re.compile(r"tingl|par(?:e|a|ae)sthes|burning")
_SESSIONS_NO_BENEFIT = re.compile(r" " + _NO_BENEFIT_TAIL)
_HELPED = re.compile(r".*\bhelp(?:s|ed)?$")
_FUNCTION_TAIL = re.compile(
    r" (?:with |in )?(?:[\w']+ ){0,3}?(?:function\w*|mobility|flexibility|ability to|ADLs|daily activities|activities of daily living|activity level|tolerance)".lower()
)
_STUDY = re.compile(r"emg|ncs|ncv|electrodiagnostic|nerve conduction")
_SYMPTOM = re.compile(r"non|axial|pain|symptoms")
_MED_TEXT = re.compile(r"\b(?:" + _MED_WORDS + r")\b")
_MED_LEAD = re.compile(r"(?:" + _MED_WORDS + r"|dose ?pa?c?k)\b")
_NO_RELIEF = re.compile(r"\b(?:relief|effect|effective|pain)\b")
_THERAPY_GIVEN = re.compile(
    r"physical therapy|physiotherapy|occupational therapy|aqua\w* therapy|pool therapy|chiro\w*|acupuncture|psychotherapy|cognitive behavioral|\bcbt\b"
)
_AT_WORK = re.compile(r"working")  # "working modified duty": at work, restricted
_COUNT = re.compile(COUNT_PATTERN)
_SCORE = re.compile(r"\b(\d{1,2}|" + _WORD_SCORE + r")\s*(?:/|out of)\s*(?:10|ten)", re.I)
_SCALE_SCORES = re.compile(_SCORES)  # the score or range that opens a "N on a 10-point scale" hit
_WORD_SCORES_BEFORE = re.compile(r"\b" + _WORD_SCORE + r"(?:\s*(?:-|to)\s*" + _WORD_SCORE + r")?\s*$")
_DURATION_LENGTH = re.compile(r"(?:\bx\s?|\b)(\d{1,2}(?:\.\d)?|" + COUNT_PATTERN + r")\s?(mos?|months?|yrs?|years?)\b")
_DIGITS = re.compile(r"\d{1,2}|\b" + _WORD_SCORE)
_THERAPY_KIND = (  # "chiropractic physiotherapy" is chiropractic: its words come first
    ("chiro", "chiropractic"),
    ("manipulat", "chiropractic"),
    ("physical therapy", "physical_therapy"),
    ("physiotherapy", "physical_therapy"),
    ("occupational", "physical_therapy"),
    ("aqua", "physical_therapy"),
    ("pool", "physical_therapy"),
    ("acup", "acupuncture"),
    ("psych", "psychotherapy"),
    ("counsel", "psychotherapy"),
    ("mental health", "psychotherapy"),
    ("cognitive", "psychotherapy"),
    ("cbt", "psychotherapy"),
    ("pt", "physical_therapy"),
)
_NEVER_NEGATED = frozenset({"pain_pair", "pain_scale", "pain_score", "pain_unchanged", "percent_relief", "duration", "therapy_sessions", "imaging_findings", "imaging_missing",
                            "exam_missing",
                            "exam_findings"})
# Triggers whose words already say "not" ("not working", "no lasting benefit", "unable to walk"): they mean what they say.
_SELF_NEGATING = frozenset({"off_work", "injection_relief_poor", "adl_limitations"})
# Triggers whose own "no"/"not" is part of what they assert ("minimal improvement despite therapy"), though a cue
# before them still negates them ("no documentation of failed conservative care").
# "full duty without restrictions" is at work; "functional status: no improvement" is function unchanged
_OWN_NEGATION_WORDS = frozenset({"failed_conservative", "first_line_failed", "return_to_work", "function_unchanged", "screen_clean", "homebound"})
_NO_BENEFIT = re.compile(r"\b(?:no|not|minimal|little|failed|nothing|no longer)\b|n't\b")  # a trial said to have failed: "failed PT", "failed to help"
_PRIOR_TREATMENT = re.compile(r"\b(?:prior|previous|past|earlier|completed|initial)\s+$")
# A negation right before a phrase, said of the phrase itself: "no difficulty walking", "denies any problems with
# self-care", "no documentation of prior acupuncture" (search() it up to the phrase's start)
_NEGATION_LEAD = re.compile(
    r"\b(?:no|not|never|denies|denied|without|reports no|not report\w*|"
    # the records' own silence: "the records do not indicate any prior chiropractic", "the notes fail to document prior PT"
    r"(?:do|does|did) not (?:indicate|document|show|reflect|mention|describe|include|contain|demonstrate|note|report|support)|"
    r"(?:fail|fails|failed) to (?:indicate|document|show|reflect|mention|describe|demonstrate|note|report))\s+"
    r"(?:(?:documentation|record|evidence|history|indication|report)\s+of\s+)?(?:any\s+|significant\s+|major\s+|particular\s+)?$"
)
_PRE_WINDOW = 80  # tuning letters: recall of negated facts 0.40-0.67 at 60 -> 0.60-1.00 at 80, precision unchanged
_POST_WINDOW = 50
_MODIFIER_WINDOW = 40
_HYPOTHETICAL_WINDOW = 200
# A verb of doing right before a treatment: it was given, whatever request follows ("completed 4 of the 6 sessions requested").
_DONE_BEFORE = re.compile(
    r"\b(?:completed|underwent|undergone|attended|finished|participated in|tried|trialed|already had|(?<!was )(?<!were )(?<!been )received)\s+(?:(?!authoriz|request|approv|certif|denied|denial)[\w#()/,-]+\s+){0,4}$"
)
# a form's field of things to come, before the hit on its line: "Plan: UDS at next visit", "Recommendations: PT x 6"
_PLAN_FIELD = re.compile(r"\b(?:plan|recommendations?|requests?|requested|rfa)\s*:")
# a therapy's name, for a count of sessions said after it
_THERAPY_NAMED = re.compile(guarded(r"(?:" + _THERAPY_NAMES.lower() + r"|manipulat\w* (?:therapy|treatment)|pt(?=\s*:))\b", k=3, lead=r"\b"))
_THERAPY_IN_HIT = re.compile(r"\b" + _THERAPY.lower() + r"\b")
_SESSION_WINDOW = 150
# triggers whose span may hold a drug's name; an opioid among them is read as opioid_use too
_MAY_NAME_A_DRUG = frozenset(
    {"function_with_medication", "pain_pair", "relief_reported", "medication_efficacy", "duration", "tolerated_well", "side_effects", "failed_conservative",
     "aberrant_behavior", "long_term_use"}
)
_OPIOID_NAMED = re.compile(r"\b(?:" + _OPIOIDS + r")\b")
# the treatments a failure or an ability is said of, once (each reader adds its own few words)
_TREATMENT_WORDS = _MED_WORDS + "|" + _FIRST_LINE + r"|therapy|acupuncture|chiropractic|injections?|tens(?: unit)?"
_TREATMENT_NAMED = re.compile(r"\b(?:" + _TREATMENT_WORDS + r"|treatments?|shots?|brace|bracing)\b")
_FIRST_LINE_NAMED = re.compile(r"\b" + _FIRST_LINE + r"\b")
# What a relief was from, said after it: "excellent relief from the knee injection", "70% pain relief lasting about
# eight weeks following the L5-S1 ESI", "significant benefit from Celebrex" (group 1 an injection, group 2 a drug)
_RELIEF_SOURCE = re.compile(
    r"[\s,]+(?:[\w-]+\s+){0,5}?(?:from|with|after|following|since|s/p|status post)\s+" + _ARTICLES + r"(?:(" + _INJECTION.lower() + r")|(" + _MED_WORDS + r"))\b"
)
_RELIEF_HITS = frozenset({"relief_reported", "percent_relief"})
# an injection named just before a pain pair in its clause is what the pair is about: "the facet injections reduced his
# low back pain from 8/10 to 3/10"
_INJECTION_LEAD = re.compile(r"\b" + _INJECTION.lower() + r"\b[^.;]{0,40}$")
_HYPOTHETICAL_RESET = re.compile(
    r"\b(?:noting|noted that|stating|stated that|acknowledg\w*|documented that|indicated that|given|because|since|due to|despite|who|which|whereas|"
    r"although|though|but|however)\b"
)
# A guideline's own sentence states no fact of this case: a source or a rule named ("the ODG guidelines recommend
# 6 visits", "Lyrica is FDA-approved for neuropathy", "functional improvement is defined as ...") and nothing that
# ties it to the case: no person, no record, no request, no date. Any flag in such a sentence is hypothetical.
# A sentence that opens on a condition states none of its facts as they are now
_CONDITIONS = ("if ", "should ", "unless ", "in the event ")
_CONDITIONAL_OPENING = re.compile(r"\s*(?:" + "|".join(w.strip() for w in _CONDITIONS) + r")\b")
_GUIDELINE_SOURCE = re.compile(
    r"\b(?:mtus|odg|acoem|guidelines?|criteria|fda[- ]approved|(?:is|are) (?:defined as|approved for)|(?:is|are|be) (?:only )?(?:supported|recommended|indicated|appropriate) (?:only )?(?:if|when)|"
    r"(?:should|must) be \w+ (?:only )?(?:when|if|unless))\b"
)
_GUIDELINE_SAYS = re.compile(
    r"\b(?:guidelines?|mtus|odg|acoem)(?: \w+){0,2}? (?:recommend|recommends|support|supports|require|requires|allow|allows|limit|limits|suggest|suggests|"
    r"indicate that|state that|states that)\b"
)
_OF_THE_CASE = re.compile(
    # "a patient" is anyone ("the longer a patient remains off work"); "ODG notes that" is the guideline's own word
    r"\b(?:he|she|him|his|her|hers|(?<!\ba )patient(?!s)|pt|iw|injured worker|applicant|claimant|employee|mr|ms|mrs|ur|utilization review|"
    r"reviewer|records?|submitted|request\w*|rfa|provider|physician|treating|doctor|dr|reports?|reported|(?<!odg )(?<!mtus )(?<!acoem )notes?|noted|(?<!every )(?<!each )visit|"
    r"(?:has|have|had) (?:not )?been documented|(?:was|were) (?:not )?documented)\b|\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\b(?:19|20)\d\d\b"
)
# Someone else as the clause's subject ("her husband takes oxycodone", "the patient's spouse rated her own pain 8/10"):
# nothing in that clause is the worker's. Only at the clause's start, so "his wife drives him to therapy" stays his.
_SUBJECT_RELATIVES = r"(?:" + _RELATIVES + r"|relative|friend)"
_OTHER_SUBJECT = re.compile(
    r"[\s,]*(?:(?:his|her|their|the (?:patient|injured worker|worker|iw|applicant|claimant|employee)'s|the|a|an|one)\s+)?(?:\w+\s+)?" + _SUBJECT_RELATIVES + r"(?:'s)?\b"
)


def _needed_words(pattern: str) -> tuple[str, ...]:
    """Literal prefixes one of which starts every match of ``pattern``: plain substring tests that must pass before
    the regex is worth running (a regex scan of every summary for these rare modifiers took the flag pass from 1.78 to
    2.06 G instructions under callgrind, 400 summaries). ("",), which every text contains, when none can be read."""
    words = literal_prefixes(pattern, 12) or {""}
    return tuple(sorted(w for w in words if not any(v != w and v in w for v in words)))  # "guidelines" holds "guideline"


_RELATIVE_WORDS = _needed_words(_SUBJECT_RELATIVES)
_GUIDELINE_WORDS = _needed_words(_GUIDELINE_SOURCE.pattern)
# a form's field of aims, governing its line: "Goal: reduce pain to 3/10", "Goals: RTW full duty"
_GOAL_FIELD = re.compile(r"\b(?:treatment )?goals?\s*:")


@dataclass(frozen=True)
class FlagHit:
    """One trigger in the text: which flag, whether negated, any other ConText modifier, and where (character span).

    ``modifier`` is None for a fact of this worker now (or done, for treatments), else "hypothetical",
    "historical" or "other_person": such hits are kept for inspection but set no feature.
    """

    flag: str
    negated: bool
    start: int
    end: int
    text: str
    modifier: str | None = None
    value: float | None = None  # a number the span alone does not give: months from a start date to the latest record

    @property
    def feature(self) -> str:
        """The feature this hit sets: the flag, or its negated meaning (a modified hit names its modifier)."""
        if self.modifier is not None:
            return f"{self.flag}:{self.modifier}"
        if self.negated:
            if self.flag == "therapy_mention":
                return f"no_prior_{_therapy_kind(self.text)}"
            return NEGATED_MEANING.get(self.flag, f"{self.flag}:negated")
        return ASSERTED_MEANING.get(self.flag, self.flag)


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
        breaks = [m.span() for m in _CLAUSE_BREAK.finditer(text)]
        self.break_starts = [b[0] for b in breaks]
        self.break_ends = [b[1] for b in breaks]
        self.sentence_ends = [m.end() for m in _SENTENCE_BREAK.finditer(text)]
        self.full_stops = [e for e in self.sentence_ends if text[e - 1] != ";"]
        self.periods = [e for e in self.sentence_ends if text[e - 1] in ".!?"]  # a guideline's sentence runs across its colon
        self.predicate_starts = [m.end() for m in _PREDICATE_BREAK.finditer(text)] if (" and " in text or " while " in text) else []
        cues = [m.span() for m in _PRE_NEG.finditer(text)]
        self.cue_starts = [c[0] for c in cues]
        self.cue_ends = [c[1] for c in cues]
        self._guideline: dict[int, bool] = {}
        # the three text-wide modifiers below are rare: each is looked for per hit only where the text has its word
        self.has_goal = "goal" in text
        self.has_relative = any(word in text for word in _RELATIVE_WORDS)
        self.has_guideline = any(word in text for word in _GUIDELINE_WORDS)
        self.has_condition = any(word in text for word in _CONDITIONS)

    def ended_before_last_record(self, after: str) -> bool:
        """Whether ``after`` (the text after a state) says it lasted "until" a date earlier than the summary's last record."""
        m = _UNTIL_DATE.match(after)
        if m is None:
            return False
        ended, latest = date_or_month_in(m.group(1)), self.latest_date
        return ended is not None and latest is not None and ended < latest

    def before_an_event(self, start: int) -> bool:
        """Whether the sentence holding ``start`` opens on "before" or "prior to" an operation, the injury or an accident."""
        return _BEFORE_AN_EVENT.match(self.text, self.prev_stop(self.sentence_ends, start)) is not None

    @cached_property
    def latest_date(self) -> date | None:
        """The latest date the summary mentions: its most recent record (a start date's months run to it)."""
        return latest_date_in(self.text)

    def prev_stop(self, stops: list[int], pos: int) -> int:
        """The last of ``stops`` (clause breaks, sentence ends, full stops, periods) at or before ``pos``, or 0: where the
        clause or sentence holding ``pos`` begins."""
        k = bisect_right(stops, pos) - 1
        return stops[k] if k >= 0 else 0

    def next_stop(self, stops: list[int], pos: int) -> int:
        """The first of ``stops`` (sentence ends or full stops) after ``pos``, or the text's end."""
        k = bisect_right(stops, pos)
        return stops[k] if k < len(stops) else len(self.text)

    def guideline_sentence(self, sentence_start: int) -> bool:
        """Whether the sentence starting at ``sentence_start`` is a guideline's own (asked once per sentence)."""
        found = self._guideline.get(sentence_start)
        if found is None:
            sentence = self.text[sentence_start : self.next_stop(self.periods, sentence_start)]
            # the case's words first: most sentences name the worker or a record early, which ends the search there
            found = any(word in sentence for word in _GUIDELINE_WORDS) and (
                (not _OF_THE_CASE.search(sentence) and bool(_GUIDELINE_SOURCE.search(sentence)))
                # reported: "the UR reviewer noted that guidelines recommend tapering opioids when ...": the case's words
                # only before the guideline's verb
                or ((said := _GUIDELINE_SAYS.search(sentence)) is not None and not _OF_THE_CASE.search(sentence, said.end()))
            )
            self._guideline[sentence_start] = found
        return found

    def clause(self, start: int, end: int, before: int, after: int) -> tuple[int, int]:
        """Start of the look-back window and end of the look-ahead window, both inside the hit's clause."""
        window_start = max(start - before, self.prev_stop(self.break_ends, start))
        k = bisect_left(self.break_starts, end)
        clause_end = min(end + after, self.break_starts[k] if k < len(self.break_starts) else len(self.text))
        return window_start, clause_end

    def negated(self, start: int, end: int, name: str) -> bool:
        text = self.text
        if _NON_PREFIX.search(text, max(0, start - 4), start):
            return True  # "non-radiating", "non-opioid"
        if name == "postop" and text.startswith(("since ", "after ", "following "), start):
            return False  # a time said by an operation ("has not worked since her fusion"): the operation was done
        if _FIELD_NONE.match(text, end):
            return True  # a form's field and its value: "red flags: none", "surgical history: negative"
        if name == "neuro_exam_normal" and text.startswith(("no ", "without "), start):
            return False  # "no weakness in the legs": the normal finding, said with its own "no"
        if name in _SCANT_FLAGS and (_SCANT.match(text, start) or _SCANT_BEFORE.search(text, max(0, start - 12), start)):
            return True  # "minimal relief with medications", "minimal benefit from Lyrica": no relief, no benefit
        if name == "adl_limitations" and _NEGATION_LEAD.search(text, max(0, start - 30), start):
            return True  # "no difficulty walking", "denies any problems with self-care"
        if name in _SELF_NEGATING or (name not in _OWN_NEGATION_WORDS and _IN_NEG.search(text, start, end)):
            # The trigger carries its own negation ("function has not improved", "not working"): it means
            # what it says; an earlier cue in the clause is far more often a separate statement.
            return name not in _SELF_NEGATING
        window_start, clause_end = self.clause(start, end, _PRE_WINDOW, _POST_WINDOW)
        prior = _PRIOR_TREATMENT.search(text, max(window_start, start - 12), start) if name == "therapy_mention" else None
        if prior is not None and not _NEGATION_LEAD.search(text, window_start, prior.start()):
            # "outcomes from the prior chiropractic visits": a treatment called prior was given, whatever is said of its outcome
            # (unless the negation is of the prior treatment itself: "denies any previous PT")
            window_start = max(window_start, start - 12)
        p = bisect_right(self.predicate_starts, start) - 1
        if p >= 0 and self.predicate_starts[p] > window_start:
            window_start = self.predicate_starts[p]  # a cue before "and <verb>" negates its own predicate only
        j, k = bisect_left(self.cue_starts, window_start), bisect_right(self.cue_ends, start)  # cues j..k-1 end before the hit
        if j < k and name in _SYMPTOMS and _EFFECT_WORD.search(text, self.cue_ends[k - 1], start):
            # "neither of which reduced her neuropathic symptoms", "no relief of his radiating pain": the treatment's effect
            # is what is denied; the symptom is there
            return False
        # "8/10 without Norco, 4/10 with it": pain with and without a drug compared, not the drug absent
        if j < k and (name != "opioid_use" or any(not text.startswith(("without", "w/o"), cue) for cue in self.cue_starts[j:k])):
            return True
        after = text[end:clause_end]
        if name == "radicular" and _EXAM_SIGN.search(text, start, end) and _SIGN_NEGATIVE.match(after):
            return True  # "straight leg raise negative bilaterally", "Spurling's (-)"
        if name in _SYMPTOMS and _DENIED_AFTER.match(after):
            return True  # "red flags denied": a symptom the worker denies (a treatment "denied" is a UR decision)
        return bool(_POST_NEG.match(after))

    def modifier(self, start: int, end: int, name: str) -> str | None:
        """ConText's hypothetical / historical / other-person modifier of a hit, or None."""
        text = self.text
        if self.has_relative and _OTHER_SUBJECT.match(text, self.prev_stop(self.break_ends, start), start):
            return "other_person"
        if self.has_guideline and self.guideline_sentence(self.prev_stop(self.periods, start)):
            return "hypothetical"
        if self.has_goal and _GOAL_FIELD.search(text, _line_start(text, start, _HYPOTHETICAL_WINDOW), start):
            return "hypothetical"
        if self.has_condition and _CONDITIONAL_OPENING.match(text, self.prev_stop(self.sentence_ends, start)):
            return "hypothetical"  # a sentence that opens on its condition: "If radicular symptoms develop, ...", "Should she need surgery, ..."
        if name not in _MODIFIED_FLAGS:
            return None
        window_start, _clause_end = self.clause(start, end, _PRE_WINDOW, _POST_WINDOW)
        before = text[window_start:start]
        if name in _OTHER_PERSON_FLAGS and _OTHER_PERSON.search(text, max(window_start, start - _MODIFIER_WINDOW), start):
            return "other_person"
        sentence_after = ""
        if name in _DONE_FLAGS or name in _HISTORY_FLAGS:
            sentence_after = text[end : min(end + _HYPOTHETICAL_WINDOW, self.next_stop(self.sentence_ends, end - 1))]  # a count given to its therapy spans a colon
            if name in _DONE_FLAGS:
                # a request governs the items of its list across semicolons ("the plan included X; Y, Z and therapy")
                sentence_before = text[max(start - _HYPOTHETICAL_WINDOW, self.prev_stop(self.full_stops, start)) : start]
                requested = _HYPOTHETICAL_DONE.search(sentence_before) is not None
                if requested:
                    resets = [m.end() for m in _HYPOTHETICAL_RESET.finditer(sentence_before)]
                    if resets:  # "denied the MRI, noting that he had 12 sessions of therapy": the request no longer governs
                        requested = _HYPOTHETICAL_DONE.search(sentence_before, resets[-1]) is not None
                if not requested:
                    requested = _PLAN_FIELD.search(text, _line_start(text, start, _HYPOTHETICAL_WINDOW), start) is not None
                if not requested:
                    post = _POST_HYPOTHETICAL.match(sentence_after)
                    # "... therapy, given that the MRI was requested": a cue after a reset is another clause's
                    requested = post is not None and _HYPOTHETICAL_RESET.search(sentence_after, 0, post.end()) is None
                if requested and not _DONE_BEFORE.search(text, max(start - _MODIFIER_WINDOW - 20, self.prev_stop(self.sentence_ends, start)), start):
                    return "hypothetical"  # unless "completed 4 therapy treatments of the request": done, whatever was asked for
        if name in _STATE_FLAGS and (
            _HYPOTHETICAL_STATE.search(before) or _POST_STATE_HYPOTHETICAL.match(text, end) or (_GUIDELINE.search(before) and not _SAID_OF_WORKER.match(text, end))
        ):
            return "hypothetical"
        if name == "adl_limitations" and _PRESCRIBED.match(text, start) and _WEIGHT.search(text, end, self.clause(start, end, 0, _POST_WINDOW)[1]):
            return "hypothetical"  # a work restriction, not a limitation described
        if name in _HISTORY_FLAGS and (_HISTORICAL.search(before) or _POST_HISTORICAL.match(sentence_after) or self.ended_before_last_record(sentence_after)):
            return "historical"
        if name in _RESOLVING and self.before_an_event(start):
            return "historical"  # "Prior to his 2012 microdiscectomy, he had radiating pain into the calf"
        if name == "opioid_use" or name in _RESOLVING:
            # read to the sentence's end: "but" ends a clause, not what the sentence says of the drug or symptom
            sentence_end = min(end + 2 * _POST_WINDOW, self.next_stop(self.sentence_ends, start))
            if name == "opioid_use" and (_STOPPED_BEFORE.search(text, max(0, start - _MODIFIER_WINDOW), start) or _STOPPED_AFTER.match(text, end, sentence_end)):
                return "historical"  # "stopped taking Norco", "was on Percocet in 2014 but stopped it": not prescribed now
            if name in _RESOLVING and _RESOLVED_AFTER.match(text, end, sentence_end):
                return "historical"  # "the tingling resolved after the release", "depression in 2009, which resolved"
        return None


def _last_match(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``text[lo:hi]``: the therapy, treatment or length named nearest before a point."""
    return next(iter(deque(pattern.finditer(text, lo, hi), maxlen=1)), None)


def _injection_relief(good: bool) -> str:
    """MTUS judges a block or an epidural by its relief: at least 50% is good."""
    return "injection_relief_good" if good else "injection_relief_poor"


# Triggers matched at a late word that find where their fact starts by looking back (_reach_back)
_FUNCTION_SOURCE = re.compile(
    r"\b(?:since|after|following|with) (?:starting |beginning |taking |completing |the use of |the |his |her |a |an |\w+ ){0,3}?"
    r"(?:" + _TREATMENT_WORDS + r"|physical therapy|esis?|epidurals?|blocks?|sessions)\b"
    r"(?![^.;]*\b(?:before|until)\b)"
)
_REACHING_BACK = frozenset({"no_effect", "pain_words", "screen_clean", "duration_x", "function_after"})


def _reach_back(name: str, lower: str, start: int, end: int, scope: _Scope) -> tuple[str, int, bool] | None:
    """(flag, start, whether the span now covers words the scan has read) for a trigger of _REACHING_BACK, or None
    when what it needs before it is not there."""
    if name == "no_effect":
        # "gabapentin 'does nothing' for the leg pain", "the medications were no longer working": the treatment failed
        treatment = _last_match(_TREATMENT_NAMED, lower, scope.clause(start, end, _PRE_WINDOW, 0)[0], start)
        return None if treatment is None else ("failed_conservative", treatment.start(), True)
    if name == "function_after":
        source = _last_match(_FUNCTION_SOURCE, lower, scope.clause(start, end, _PRE_WINDOW, 0)[0], start)
        return None if source is None else ("functional_improvement", source.start(), True)
    if name == "pain_words":  # "a nine out of ten", "five to seven out of ten"
        words = _WORD_SCORES_BEFORE.search(lower, max(0, start - 24), start)
        return None if words is None else ("pain_score", words.start(), False)
    if name == "screen_clean":  # its "no " is part of what it asserts (_OWN_NEGATION_WORDS)
        return ("screen_clean", start - 3, False) if lower.endswith("no ", 0, start) else None
    # duration_x: a drug named before it on its line ("PT 2x/week x 6 weeks" is no drug's): "Meds: Ambien qhs x 1.5 yrs"
    return ("duration", start, False) if _MED_TEXT.search(lower, _line_start(lower, start, _DRUG_WINDOW), start) else None


@lru_cache(maxsize=8192)
def find_flags(text: str) -> tuple[FlagHit, ...]:
    """Every trigger in ``text``, in order, with its negation and other modifiers decided in its clause.

    Cached by text: features and the evidence shown with reasons read the same summaries, and items of one
    letter share a summary, so each distinct summary is scanned once (hits are immutable).
    """
    lower = text.lower()  # same length as text for the letters of clinical English, so spans carry over
    if len(lower) != len(text):
        text = lower
    hits = []
    scope = _Scope(lower)
    taken = 0  # the end of a relief span stretched over what gave it: the scan's own hits inside it are read with it
    for name, start, end in _trigger_matches(lower):
        if start < taken:
            continue
        scanned = False  # the hit reaches back over words the scan has read already (their own hits are made)
        if name == "relief_reported" and _HELPED.match(lower, end - 7, end) and (tail := _FUNCTION_TAIL.match(lower, end)) is not None:
            # "the medications helped her mobility", "therapy helped with flexibility": function, not pain relief
            end = tail.end()
            name = "functional_improvement"
        since = name == "duration" and lower.startswith("since", start)
        if (name in _OF_A_DRUG or since) and not _MED_TEXT.search(lower, scope.clause(start, end, _DRUG_WINDOW, 0)[0], start):
            continue  # no drug named before it in its clause: "the fall caused dizziness", "not worked since 10-17-2016"
        value = _months_since(lower[start:end], scope.latest_date) if since else None
        if since and value is None:
            continue  # no record dated after the start date
        if name == "radicular" and _EXAM_SIGN.search(lower, start, end) and _NOT_PERFORMED.match(lower, end):
            continue  # "SLR testing was not performed due to guarding": no finding either way
        if name == "therapy_sessions" and not _THERAPY_IN_HIT.search(lower, start, end):
            # the last therapy named in its sentence or form field's line
            therapy = _last_match(_THERAPY_NAMED, lower, _line_start(lower, start, _SESSION_WINDOW), start)
            if therapy is None or _HYPOTHETICAL_DONE.search(lower, therapy.end(), start):
                continue  # no therapy named before it ("12 visits"), or a request between ("PT was requested, 12 visits")
            value = _count(lower[start:end])
            start = therapy.start()
        if name in _REACHING_BACK:
            reached = _reach_back(name, lower, start, end, scope)
            if reached is None:
                continue
            name, start, scanned = reached
        source = _RELIEF_SOURCE.match(lower, end) if name in _RELIEF_HITS else None
        if source is not None and name == "relief_reported":
            # relief said before what gave it: an injection's relief ("no relief from the ESI": negated below), or a drug's
            end = taken = source.end()
            if source.group(1):
                name = "injection_relief_good"
        modifier = scope.modifier(start, end, name)
        negated = name not in _NEVER_NEGATED and scope.negated(start, end, name)
        hits.append(FlagHit(name, negated, start, end, text[start:end], modifier, value))
        if source is not None and name == "percent_relief" and source.group(1):
            # "70% pain relief following the ESI": MTUS's >= 50% mark says good or poor
            kind, e = _injection_relief(float(_NUM.findall(text[start:end])[0]) >= 50), source.end()
            hits.append(FlagHit(kind, False, start, e, text[start:e], scope.modifier(start, e, kind)))
        if name == "pain_pair" and not _MED_TEXT.search(lower, start, end) and (pair := _pain_pair(text[start:end])) is not None:
            injection = _INJECTION_LEAD.search(lower, scope.clause(start, end, _PRE_WINDOW, 0)[0], start)
            if injection is not None and pair[0] > 0:
                kind, s = _injection_relief((pair[0] - pair[1]) / pair[0] >= 0.5), injection.start()
                hits.append(FlagHit(kind, False, s, end, text[s:end], scope.modifier(s, end, kind)))
        if name == "failed_conservative" and (drug := _FIRST_LINE_NAMED.search(lower, start, end)) is not None:
            # "failed NSAIDs", "gabapentin does nothing": a first-line drug that failed, whatever trigger took the words
            hits.append(FlagHit("first_line_failed", negated, start, end, text[start:end], modifier))
        if name in _MAY_NAME_A_DRUG and not scanned and (drug := _OPIOID_NAMED.search(lower, start, end)) is not None:
            # "taking Norco for 2 years", "relief with Percocet": the other trigger took the drug's name, which is
            # still an opioid in use (or not), read with its own negation and modifiers
            s, e = drug.span()
            hits.append(FlagHit("opioid_use", scope.negated(s, e, "opioid_use"), s, e, text[s:e], scope.modifier(s, e, "opioid_use")))
        if name == "therapy_sessions" and (tail := _SESSIONS_NO_BENEFIT.match(lower, end)) is not None:
            # "six sessions of therapy had not proven beneficial": the count took the words the failed trial starts with
            end = tail.end()
            failed = "failed_conservative"
            hits.append(FlagHit(failed, scope.negated(start, end, failed), start, end, text[start:end], scope.modifier(start, end, failed)))
    return tuple(hits)


def _months_since(hit: str, latest: date | None) -> float | None:
    """Months from a medication's start date in ``hit`` ("norco since at least 11-15-2016") to ``latest``, the latest
    date the summary mentions (its most recent record); None when there is no later one."""
    began = date_or_month_in(hit)
    if began is None or latest is None or latest <= began:
        return None
    return round((latest - began).days / 30.44, 1)


def _count(text: str) -> float:
    return float(count_value(_COUNT.findall(text.lower())[0]) or 0)


def _pain_pair(text: str) -> tuple[float, float] | None:
    """(before, after) of a relief pair: the score said "without" medication, or the first of "from A to B", comes first."""
    found = list(itertools.islice(_SCORE.finditer(text), 2))
    scores = [_score(m.group(1)) for m in found]
    if len(scores) < 2 or max(scores) > 10:
        return None
    low = text.lower()
    first_without = min((i for i in (low.find("without"), low.find("w/o")) if i >= 0), default=-1)
    with_ = _WITH.search(low)
    first_with = with_.start() if with_ else -1
    if _FROM_BETWEEN.search(low, found[0].end(), found[1].start()):
        return float(scores[1]), float(scores[0])  # "down to 3/10 from 6/10"
    if _TO_BETWEEN.search(low, found[0].end(), found[1].start()):
        return float(scores[0]), float(scores[1])  # "8/10 down to 4/10 with medications", "8/10 -> 4/10"
    if first_with >= 0 and (first_without < 0 or first_with < first_without) and "from" not in low:
        return float(scores[1]), float(scores[0])  # "3/10 with medication and 8/10 without"
    return float(scores[0]), float(scores[1])


def _given_therapy(out: dict[str, float], low: str) -> None:
    """A therapy named in a hit that says how it worked was given: its prior_<kind>."""
    m = _THERAPY_GIVEN.search(low)
    if m is not None:
        out[f"prior_{_therapy_kind(m.group())}"] = 1.0


def _score(word: str) -> int:
    """A pain score written in digits or in words."""
    return int(word) if word.isdigit() else _SCORE_WORDS.index(word.lower())


def _raise_pain_max(out: dict[str, float], scores: Sequence[str]) -> None:
    """``pain_max`` raised to the highest of ``scores`` that is on the 0-10 scale."""
    numbers = [n for n in map(_score, scores) if n <= 10]
    if numbers:
        out["pain_max"] = max(out.get("pain_max", 0.0), float(max(numbers)))


def flag_values(hits: Sequence[FlagHit]) -> dict[str, float]:
    """Feature values from hits: binary flags (asserted or negated meaning) and numbers (pain, duration, sessions).

    Hits carrying a hypothetical, historical or other-person modifier set nothing.
    """
    out: dict[str, float] = {}
    for h in hits:
        if h.flag not in _PAIN_FLAGS:
            # a score inside another trigger's span ("pain 7/10 radiating into the leg") is still a score:
            # the one-pass alternation gives each character to one trigger only
            _raise_pain_max(out, [m.group(1) for m in _SCORE_IN_HIT.finditer(h.text.lower())])
        if h.modifier is not None:
            continue
        if h.flag == "pain_pair":
            pair = _pain_pair(h.text)
            if pair is not None:
                before, after = pair
                out["pain_before"], out["pain_after"] = before, after
                out["pain_relief"] = max(out.get("pain_relief", -10.0), before - after)
                out["pain_max"] = max(out.get("pain_max", 0.0), before, after)
                if _MED_TEXT.search(h.text.lower()):  # "8/10 without medications, 4/10 with them"
                    out["medication_efficacy" if before > after else "no_medication_efficacy"] = 1.0
        elif h.flag in ("pain_score", "pain_scale"):
            scores = _SCORE.findall(h.text) if h.flag == "pain_score" else _DIGITS.findall(_SCALE_SCORES.match(h.text.lower()).group())  # type: ignore[union-attr]
            _raise_pain_max(out, scores)
        elif h.flag == "percent_relief":
            out["percent_relief"] = max(out.get("percent_relief", 0.0), float(_NUM.findall(h.text)[0]))
        elif h.flag == "duration":
            if h.value is not None:  # since a start date
                months = h.value
            else:
                # the last length the hit states: "for 18 months", "for two years", "x 1.5 yrs"
                low = h.text.lower()
                number, unit = _last_match(_DURATION_LENGTH, low, 0, len(low)).groups()  # type: ignore[union-attr]
                n = float(number) if number[0].isdigit() else float(count_value(number) or 0)
                months = n * 12 if unit.startswith("y") else n
            out["duration_months"] = max(out.get("duration_months", 0.0), months)
        elif h.flag == "therapy_sessions":
            kind = _therapy_kind(h.text)
            out[f"sessions_{kind}"] = max(out.get(f"sessions_{kind}", 0.0), h.value if h.value is not None else _count(h.text))
            out[f"prior_{kind}"] = 1.0
        elif h.flag == "conservative_mention":
            if h.negated:
                out[h.feature] = 1.0
        elif h.flag == "therapy_mention":
            out[h.feature if h.negated else f"prior_{_therapy_kind(h.text)}"] = 1.0
        elif h.flag == "failed_conservative" and not h.negated and _NO_BENEFIT.search(low := h.text.lower()):
            out["failed_conservative"] = 1.0
            if _MED_LEAD.match(low):  # "medications were not helpful": no relief either
                out["no_relief_reported"] = out["no_medication_efficacy"] = 1.0
            elif _NO_RELIEF.search(low):  # "therapy gave no relief" (but "no improvement with therapy" may be of function)
                out["no_relief_reported"] = 1.0
            _given_therapy(out, low)  # "six sessions of therapy had not helped": given
        elif h.flag in ("relief_reported", "functional_improvement", "function_with_medication"):
            out[h.feature] = 1.0
            low = h.text.lower()
            if h.flag == "functional_improvement" and _PAIN_WORD.search(low):
                out["no_relief_reported" if h.negated else "relief_reported"] = 1.0  # "(no) improvement in pain and function": both
            if _MED_TEXT.search(low) and (h.flag == "relief_reported" or not h.negated):  # "medications help him walk farther"
                out["no_medication_efficacy" if h.negated else "medication_efficacy"] = 1.0
            if not h.negated:
                _given_therapy(out, low)  # "physical therapy has helped": given
        elif h.flag == "neuro_exam_normal":
            # no radicular signs; negated ("sensation was not intact": a deficit, not a dermatomal one) it sets nothing
            out[h.feature] = 1.0
            low = h.text.lower()
            if _STUDY.match(low):  # "the EMG was normal": a study's finding
                out["imaging_findings"] = 1.0
            elif not _SYMPTOM.match(low):  # "nonradiating pain", "axial pain" are symptoms, not an exam
                out["exam_findings"] = 1.0
        elif h.flag == "radicular":
            out[h.feature] = 1.0
            low = h.text.lower()
            if _NEUROPATHIC_WORD.search(low):  # "tingling radiating into the hand": neuropathic too
                out["neuropathic:negated" if h.negated else "neuropathic"] = 1.0
            if _EXAM_SIGN.search(low):  # a straight leg raise, positive or negative, was examined
                out["exam_findings"] = 1.0
        elif h.flag == "modified_duty" and not h.negated and _AT_WORK.match(h.text.lower()):
            out["modified_duty"] = out["return_to_work"] = 1.0
        elif h.flag in ("injection_relief_good", "injection_relief_poor"):
            out[h.feature] = 1.0
            out["prior_injection"] = 1.0
            # an injection's relief is pain relief by a treatment (GUIDE.md), or its absence
            out["relief_reported" if h.feature == "injection_relief_good" else "no_relief_reported"] = 1.0
            if (percent := _PERCENT.search(h.text)) is not None:  # "80% pain reduction after the blocks": a relief percentage too
                out["percent_relief"] = max(out.get("percent_relief", 0.0), float(percent.group(1)))
        else:
            out[h.feature] = 1.0
            if not h.negated and h.flag in ASSERTED_ALSO:
                out[ASSERTED_ALSO[h.flag]] = 1.0
    if out.get("pain_unchanged") and "pain_relief" not in out and "pain_max" in out:
        out["pain_relief"] = 0.0
    for kind in THERAPY_KINDS:
        if out.get(f"no_prior_{kind}"):
            if out.get(f"prior_{kind}") or out.get(f"sessions_{kind}"):
                # a therapy said to be given wins over a "not" said of it elsewhere ("outcomes of the
                # chiropractic treatment were not specified" is about its outcome, not its absence)
                del out[f"no_prior_{kind}"]
            else:
                out[f"sessions_{kind}"] = 0.0
    return out


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Character span of the sentence around ``text[start:end]`` (surrounding whitespace excluded)."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_dot = text.find(". ", end)
    lo = left + 1 if left >= 0 else 0
    hi = len(text) if right_dot < 0 else right_dot + 1
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence around a span, for showing evidence."""
    lo, hi = sentence_span(text, start, end)
    return text[lo:hi]
