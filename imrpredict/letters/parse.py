"""Parse the text of one IMR determination letter into header fields, a summary and items.

Three layouts are recognised:

* ``dwc-2016``: "IMR ISSUES, DECISIONS AND RATIONALES" with one heading per item ending in
  ``: Upheld`` / ``: Overturned``, then "Claims Administrator guideline", "MAXIMUS guideline" and
  "Decision rationale".
* ``maximus-2013``: the older "MAXIMUS FEDERAL SERVICES, INC." letters whose
  "IMR DECISION(S) AND RATIONALE(S)" section numbers items "1. X is (not) medically necessary and
  appropriate", with the reviewer's credentials written out in a sentence.
* ``maximus-notice-2013``: the first "Notice of Independent Medical Review Determination" letters, whose
  "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE" section states each decision first
  ("1) MAXIMUS Federal Services, Inc. has determined the request for X is not medically necessary and
  appropriate."), then gives the case summary, then one "1) Regarding the request for X:" block per item.

A decision section whose items are not written the way its layout usually writes them is read with the
other item form before the letter is refused. A section under a heading none of these use (``unheaded``)
starts at the first item decided after the case summary.

Rules are written from the letter format, not from particular letters: an item heading runs from the
end of the previous block (a line closing a sentence) to its decision; headings that begin mid-sentence
or describe a partial authorization are extended back until the sentence is whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from imrpredict.dates import DATE, injury_date_in, parse_date
from imrpredict.demographics import age_sex_in
from imrpredict.letters.errors import LetterError
from imrpredict.letters.text import normalize

_HEADER_FIELDS = {
    "case_number": re.compile(r"Case\s+(?:Number|No\.?)\s*:?\s*(CM\d{2}-\d{4,8})", re.I),
    "date_assigned": re.compile(r"Date\s+Assigned\s*:\s*" + DATE, re.I),
    "date_of_injury": re.compile(r"Date\s+of\s+Injury\s*:\s*" + DATE, re.I),
    "decision_date": re.compile(r"(?:Decision\s+Date|\bDated)\s*:\s*" + DATE, re.I),
    "ur_denial_date": re.compile(r"(?:UR\s+Denial\s+Date|Date\s+of\s+UR\s+(?:Decision|Denial))\s*:\s*" + DATE, re.I),
    "application_received": re.compile(r"Application\s+Received\s*:\s*" + DATE, re.I),
}
_PRIORITY = re.compile(r"Priority\s*:\s*(Standard|Expedited|Regular|Urgent)", re.I)
_SUMMARY_HEAD = re.compile(r"^(?:CLINICAL\s+CASE\s+SUMMARY|(?:EXPERT\s+REVIEWER(?:'S)?\s+)?CASE\s+SUMMARY)\b:?", re.M | re.I)
_SUMMARY_BOILERPLATE = re.compile(r"^.{0,200}?including all medical records\s*:|^Disclaimer\s*:[^.]*\.", re.I | re.S)
_NEW_DECISIONS_HEAD = re.compile(r"^IMR ISSUES,? DECISIONS,? AND RATIONALES?\b", re.M | re.I)
_OLD_DECISIONS_HEAD = re.compile(r"^IMR DECISION\(?S?\)? AND RATIONALE\(?S?\)?:?\s*$", re.M | re.I)
_NOTICE_DECISIONS_HEAD = re.compile(r"^INDEPENDENT MEDICAL REVIEW DECISION\(?S?\)? AND RATIONALE\(?S?\)?:?\s*$", re.M | re.I)
_SECTION_INTRO = re.compile(r"set\s+forth\s+below\s*:", re.I)
_DOCUMENTS_REVIEWED = re.compile(r"^DOCUMENTS REVIEWED\b", re.M | re.I)
_LICENSURE = re.compile(r"State\(s\)\s+of\s+Licensure\s*:\s*(.+)", re.I)
_SPECIALTY = re.compile(r"Certification\(s\)\s*/\s*Specialty\s*:\s*(.+)", re.I)
_OLD_SPECIALTY = re.compile(r"(?:Board\s+Certified|certified)\s+in\s+(.+?)(?:,\s*has\b|\s+and\s+is\b|\.)", re.I | re.S)
_OLD_LICENSURE = re.compile(r"licensed\s+to\s+practice\s+in\s+([A-Z][A-Za-z ,]+?)(?:\.|,?\s+and\b|\s+He\b|\s+She\b)", re.S)
_DECISION_LINE = re.compile(r"^(?P<head>.*?):\s*(?P<decision>Upheld|Overturned)\s*\.?$", re.I)
_BARE_DECISION = re.compile(r"^(Upheld|Overturned)\.?$", re.I)
_BLOCK_END = re.compile(r"[.!?][\"')\]]*$|^\S.*:\s*(?:Upheld|Overturned)\.?$", re.I)
_PARTIAL_HINT = re.compile(r"authori[sz]ed|IMR\s+eligible|original\s+request,", re.I)
_ORIGINAL = re.compile(r"^(?P<orig>.+?)\s+(?:was|were)\s+the\s+original\s+request\.(?=\s|$)\s*(?P<rest>.*)$", re.I | re.S)
_ELIGIBLE = re.compile(
    r"(?:remaining\s+IMR\s+eligible\s+portion\s+of\s+the\s+original\s+request|The\s+original\s+request)\s*,?\s*"
    r"(?P<item>.+?)(?:\s+(?:is|are))?$",
    re.I | re.S,
)
_AUTH_FORMS = (
    re.compile(r"^(?P<auth>.+?)\s+(?:was|were)\s+authori[sz]ed\s+by\s+the\s+Claims\s+Administrator\.(?=\s|$)", re.I | re.S),
    re.compile(r"^The\s+Claims\s+Administrator\s+authori[sz]ed\s+(?P<auth>.+?)(?:,\s*leaving\b.*?)?\.(?=\s|$)", re.I | re.S),
)
_NEW_LABELS = {
    "claims_admin_guideline": re.compile(r"^Claims\s+Administrator\s+guideline\s*:\s*", re.I),
    "reviewer_guideline": re.compile(r"^(?:MAXIMUS|Expert\s+Reviewer|IMR)\s+guideline\s*:\s*", re.I),
    "rationale": re.compile(r"^Decision\s+rationale\s*:\s*", re.I),
}
_OLD_ITEM = re.compile(
    r"^(?P<no>\d{1,2})[.)]\s+"
    r"(?:MAXIMUS\s+Federal\s+Services,?\s+Inc\.?,?\s+has\s+determined\s+(?:that\s+)?(?:the\s+request\s+for\s+)?)?"
    r"(?P<item>.+?)\s+(?:is|are)\s+(?P<neg>not\s*)?medically\s+necessary\s+and\s+appropriate\.?$",
    re.I | re.S,
)
_REGARDING = re.compile(r"^(?P<no>\d{1,2})[.)]\s+Regarding\s+the\s+request(?:ed)?\s+(?:for\s+)?(?P<item>.+?):$", re.I | re.S)
_REGARDING_LINE = re.compile(r"^\d{1,2}[.)]\s+Regarding\s+the\s+request", re.I | re.M)
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+\S")
_ENUMERATION = re.compile(r"^(?:\(?\d{1,2}[.)]|Item\s+\d{1,2}\s*[:.)-])\s+", re.I)
_LEADING_ARTICLE = re.compile(r"^(?:a|an|the)\s+(?=\S)", re.I)
_OLD_LABELS = {
    "claims_admin_guideline": re.compile(
        r"^(?:(?:Medical\s+Treatment\s+)?Guidelines?(?:\(s\))?(?:/References?)?\s+)?Used\s+by\s+the\s+Claims\s+Administrator[^:]*:\s*|"
        r"^The\s+Claims\s+Administrator\s+based\s+its\s+decision\s+on\s+",
        re.I,
    ),
    "reviewer_guideline": re.compile(
        r"^(?:(?:Medical\s+Treatment\s+)?Guidelines?(?:\(s\))?(?:/References?)?\s+)?Used\s+by\s+the\s+(?:Expert|Physician)\s+Reviewer[^:]*:\s*|"
        r"^The\s+(?:Expert|Physician)\s+Reviewer\s+based\s+his/her\s+decision\s+on\s+",
        re.I,
    ),
    "rationale": re.compile(r"^(?:The\s+(?:Expert|Physician)\s+Reviewer's\s+)?(?:decision\s+)?rationale(?:\s+for\s+the\s+decision)?\s*:\s*", re.I),
}
# Numbered statements may come with either layout's labels.
_STATEMENT_LABELS = {name: re.compile(f"{_OLD_LABELS[name].pattern}|{_NEW_LABELS[name].pattern}", re.I) for name in _OLD_LABELS}


@dataclass(frozen=True)
class ParsedItem:
    item_no: int
    item: str
    item_heading: str
    partial: bool
    original_request: str | None
    authorized_portion: str | None
    decision: str
    claims_admin_guideline: str | None
    reviewer_guideline: str | None
    rationale: str | None


@dataclass(frozen=True)
class ParsedLetter:
    layout: str
    case_number: str | None
    date_assigned: date | None
    date_of_injury: date | None
    decision_date: date | None
    ur_denial_date: date | None
    application_received: date | None
    priority: str | None
    reviewer_licensure: str | None
    reviewer_specialty: str | None
    summary: str
    age: int | None
    sex: str | None
    items: tuple[ParsedItem, ...]


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into prose; a line ending in a hyphen joins without a space."""
    out = ""
    for line in lines:
        if not out:
            out = line
        elif out.endswith("-") and not out.endswith(" -"):
            out += line
        else:
            out += " " + line
    return out.strip()


def parse_letter(raw_text: str, source: str = "<text>") -> ParsedLetter:
    """Parse one letter's text. Raises LetterError when it is not a readable determination letter."""
    text = normalize(raw_text)
    if not text:
        raise LetterError(source, "no text in file")
    layout, head = _decision_section(text)
    if head is not None:
        section_at = head.start()
        body_at = _next_line(text, head.start())
    else:  # no heading we know: the section starts at the first item decided after the summary
        section_at, body_at = _unheaded_section(text)
        layout = "unheaded"
        if section_at < 0:
            if _SUMMARY_HEAD.search(text) or "Independent Medical Review" in text:
                raise LetterError(source, "letter has no decision section (IMR ISSUES, DECISIONS AND RATIONALES)")
            raise LetterError(source, "not an IMR determination letter (no case summary or decision section)")
    header_text = text[:section_at]
    header = {name: rx.search(header_text) for name, rx in _HEADER_FIELDS.items()}
    lines = text[body_at:].split("\n")
    if layout in ("dwc-2016", "unheaded"):
        items = _parse_new_items(lines) or _parse_statement_items(lines)
    else:
        items = _parse_statement_items(lines) or _parse_new_items(lines)
    credentials = header_text
    if layout == "maximus-notice-2013":  # decisions come first; the summary follows them, before the item blocks
        blocks = _REGARDING_LINE.search(text, body_at)
        summary_end = blocks.start() if blocks else len(text)
        summary = _summary(text, body_at, summary_end)
        summary_head = _SUMMARY_HEAD.search(text, body_at, summary_end)
        credentials = text[: summary_head.start() if summary_head else summary_end]
    else:
        summary = _summary(text, 0, section_at)
    licensure = _first_group(_LICENSURE, credentials) or _first_group(_OLD_LICENSURE, credentials)
    specialty = _first_group(_SPECIALTY, credentials) or _first_group(_OLD_SPECIALTY, credentials)
    if not items:
        raise LetterError(source, "decision section lists no item with an Upheld/Overturned decision")
    case = header["case_number"]
    injury = parse_date(header["date_of_injury"].group(1)) if header["date_of_injury"] else None
    if injury is None:
        injury = injury_date_in(summary)
    age, sex = age_sex_in(summary)
    priority = _PRIORITY.search(header_text)
    return ParsedLetter(
        layout=layout,
        case_number=case.group(1).upper() if case else None,
        date_assigned=_date_field(header["date_assigned"]),
        date_of_injury=injury,
        decision_date=_date_field(header["decision_date"]),
        ur_denial_date=_date_field(header["ur_denial_date"]),
        application_received=_date_field(header["application_received"]),
        priority=priority.group(1).capitalize() if priority else None,
        reviewer_licensure=licensure,
        reviewer_specialty=specialty,
        summary=summary,
        age=age,
        sex=sex,
        items=tuple(items),
    )


def _decision_section(text: str) -> tuple[str, re.Match[str] | None]:
    """(layout, heading of the decision section); the heading is None when the letter has none."""
    for layout, rx in (("dwc-2016", _NEW_DECISIONS_HEAD), ("maximus-2013", _OLD_DECISIONS_HEAD), ("maximus-notice-2013", _NOTICE_DECISIONS_HEAD)):
        m = rx.search(text)
        if m:
            return layout, m
    return "", None


def _next_line(text: str, at: int) -> int:
    """Offset of the line after the one holding ``at`` (the end of the text on the last line)."""
    nl = text.find("\n", at)
    return len(text) if nl < 0 else nl + 1


def _unheaded_section(text: str) -> tuple[int, int]:
    """(section start, body start) offsets of a decision section under a heading we do not know; (-1, -1) if none.

    The section starts at the first item decided after the summary; a line in capitals just before the
    items (the unknown heading) is skipped, so that the body starts at the section's intro sentence.
    """
    summary_head = _SUMMARY_HEAD.search(text)
    first = text.count("\n", 0, summary_head.end()) + 1 if summary_head else 0
    lines = text.split("\n")
    rest = lines[first:]
    starts = [m[0] for m in _heading_marks(rest)[:1]] + [m[0] for m in _numbered_lines(rest, _OLD_ITEM, max_lines=6)[:1]]
    if not starts:
        return -1, -1
    line = first + min(starts)
    body = line
    while body < len(lines) and lines[body].isupper() and not _NUMBERED.match(lines[body]):
        body += 1
    offset = [0]
    for x in lines:
        offset.append(offset[-1] + len(x) + 1)
    return offset[line], offset[body]


def _date_field(m: re.Match[str] | None) -> date | None:
    return parse_date(m.group(1)) if m else None


def _first_group(rx: re.Pattern[str], text: str) -> str | None:
    m = rx.search(text)
    return " ".join(m.group(1).split()).strip(" ,.") if m else None


def _summary(text: str, start: int, end: int) -> str:
    """The case summary: from its heading inside text[start:end] to the list of documents reviewed."""
    m = _SUMMARY_HEAD.search(text, start, end)
    if not m:
        return ""
    body = text[m.end() : end]
    docs = _DOCUMENTS_REVIEWED.search(body)
    if docs:
        body = body[: docs.start()]
    prose = join_lines(body.split("\n"))
    prose = _SUMMARY_BOILERPLATE.sub("", prose, count=1).strip()
    if len(prose) > 1 and prose[0] == '"' and prose.count('"') == 2 and prose.rstrip(".").endswith('"'):
        prose = prose.replace('"', "")  # a summary quoted whole from the UR determination
    return prose


def _decision_at(lines: list[str], i: int) -> tuple[int, str] | None:
    """If line i closes an item heading, return (last heading line index, decision)."""
    m = _DECISION_LINE.match(lines[i])
    if m and m.group("head").strip():
        return i, m.group("decision").capitalize()
    b = _BARE_DECISION.match(lines[i])
    if b and i > 0 and lines[i - 1].endswith(":"):
        return i - 1, b.group(1).capitalize()
    return None


def _heading_start(lines: list[str], end: int, floor: int) -> int:
    """First line of the heading that ends at ``end``; never earlier than ``floor``."""
    k = end
    while k > floor and not _BLOCK_END.search(lines[k - 1]) and not _is_label(lines[k - 1]):
        k -= 1
    # A heading starting mid-sentence, or a partial one missing its "original request" sentence,
    # began earlier than the last full stop: extend back sentence by sentence.
    while k > floor:
        heading = join_lines(lines[k : end + 1])
        incomplete_partial = _PARTIAL_HINT.search(heading) and not _ORIGINAL.match(heading)
        if not (heading[:1].islower() or incomplete_partial):
            break
        k -= 1
        while k > floor and not _BLOCK_END.search(lines[k - 1]) and not _is_label(lines[k - 1]):
            k -= 1
    return k


def _is_label(line: str) -> bool:
    return any(rx.match(line) for rx in _NEW_LABELS.values())


def _split_partial(heading: str) -> tuple[str, bool, str | None, str | None]:
    """(disputed item, partial?, original request, authorized portion) from an item heading."""
    m = _ORIGINAL.match(heading)
    if not m:
        return heading, False, None, None
    original, rest = m.group("orig").strip(), m.group("rest").strip()
    authorized = None
    for form in _AUTH_FORMS:
        a = form.match(rest)
        if a:
            authorized = a.group("auth").strip()
            rest = rest[a.end() :].strip()
            break
    e = _ELIGIBLE.search(rest)
    item = e.group("item").strip(" ,") if e else original
    return item, True, original, authorized


def _parse_new_items(lines: list[str]) -> list[ParsedItem]:
    """Items headed "X: Upheld" / "X: Overturned", each followed by its labelled guideline and rationale."""
    marks = _heading_marks(lines)
    items: list[ParsedItem] = []
    for n, (start, dec_line, decision) in enumerate(marks):
        block_end = marks[n + 1][0] if n + 1 < len(marks) else len(lines)
        heading_lines = lines[start : dec_line + 1]
        heading_text = join_lines(heading_lines)
        heading = re.sub(r":?\s*(Upheld|Overturned)\.?$", "", heading_text, flags=re.I).strip().rstrip(":").strip()
        heading = _ENUMERATION.sub("", heading)
        fields = _labelled_fields(lines[dec_line + 1 : block_end], _NEW_LABELS)
        items.append(_item(n + 1, heading, decision, fields))
    return items


def _heading_marks(lines: list[str]) -> list[tuple[int, int, str]]:
    """(first line, decision line, decision) of each "X: Upheld" heading, after the section's intro sentence."""
    floor = 0
    for idx in range(min(4, len(lines))):  # the intro sentence may wrap over a few lines
        if _SECTION_INTRO.search(" ".join(lines[: idx + 1])):
            floor = idx + 1
            break
    marks: list[tuple[int, int, str]] = []  # (heading start, decision line, decision)
    i = floor
    while i < len(lines):
        hit = _decision_at(lines, i)
        if hit:
            end, decision = hit
            prev_end = marks[-1][1] + 1 if marks else floor
            start = _heading_start(lines, end, prev_end)
            marks.append((start, i, decision))
        i += 1
    return marks


def _item(item_no: int, heading: str, decision: str, fields: dict[str, str]) -> ParsedItem:
    """One item from its heading (split into the partial-authorization parts), decision and labelled fields."""
    item, partial, original, authorized = _split_partial(heading)
    return ParsedItem(
        item_no=item_no,
        item=item,
        item_heading=heading,
        partial=partial,
        original_request=original,
        authorized_portion=authorized,
        decision=decision,
        claims_admin_guideline=fields.get("claims_admin_guideline"),
        reviewer_guideline=fields.get("reviewer_guideline"),
        rationale=fields.get("rationale"),
    )


def _labelled_fields(lines: list[str], labels: dict[str, re.Pattern[str]]) -> dict[str, str]:
    """Split a block into its labelled parts ("Decision rationale: ..."), each label's text joined."""
    out: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        for name, rx in labels.items():
            m = rx.match(line)
            if m:
                current = name
                line = line[m.end() :]
                break
        if current is not None and line:
            out.setdefault(current, []).append(line)
    return {k: join_lines(v) for k, v in out.items()}


def _parse_statement_items(lines: list[str]) -> list[ParsedItem]:
    """Items stated as numbered sentences "1. X is (not) medically necessary and appropriate.".

    Each item's guidelines and rationale follow its statement, or, in the 2013 notice, come later in a
    block "1) Regarding the request for X:" with the same number.
    """
    blocks = _numbered_lines(lines, _REGARDING, max_lines=3)
    first_block = blocks[0][0] if blocks else len(lines)
    statements = [s for s in _numbered_lines(lines[:first_block], _OLD_ITEM, max_lines=6) if not _REGARDING_LINE.match(lines[s[0]])]
    block_of = {int(m.group("no")): (last + 1, blocks[n + 1][0] if n + 1 < len(blocks) else len(lines)) for n, (_f, last, m) in enumerate(blocks)}
    items: list[ParsedItem] = []
    for n, (_first, last, m) in enumerate(statements):
        if blocks:
            lo, hi = block_of.get(int(m.group("no")), (0, 0))
        else:
            lo, hi = last + 1, statements[n + 1][0] if n + 1 < len(statements) else len(lines)
        fields = _labelled_fields(lines[lo:hi], _STATEMENT_LABELS)
        heading = _LEADING_ARTICLE.sub("", " ".join(m.group("item").split()))
        items.append(_item(n + 1, heading, "Upheld" if m.group("neg") is not None else "Overturned", fields))
    return items


def _numbered_lines(lines: list[str], rx: re.Pattern[str], max_lines: int) -> list[tuple[int, int, re.Match[str]]]:
    """(first line, last line, match) of each numbered statement matching rx; a statement may wrap."""
    found: list[tuple[int, int, re.Match[str]]] = []
    i = 0
    while i < len(lines):
        if _NUMBERED.match(lines[i]):
            for j in range(i, min(i + max_lines, len(lines))):
                if j > i and _NUMBERED.match(lines[j]):
                    break  # the next numbered line starts another statement
                m = rx.match(join_lines(lines[i : j + 1]))
                if m:
                    found.append((i, j, m))
                    i = j
                    break
        i += 1
    return found
