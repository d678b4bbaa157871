"""Gold annotations as references: (case number, fact, status, character span, number), never the text.

``data/gold/annotations.csv`` holds one row per mention; ``data/gold/summaries.csv`` the sha256 and length of
each annotated summary as the parser reads it, so a parser change that would move the spans is caught
instead of silently shifting them. The text is read from the letters in ``../shared`` at run time.
"""

from __future__ import annotations

import csv
import hashlib
import json
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

GOLD_DIR = Path(__file__).resolve().parents[2] / "data" / "gold"
# The real letters live in ../shared beside the repository (never in it).
SHARED_LETTERS = Path(__file__).resolve().parents[3] / "shared" / "data" / "dwc-letters" / "pdf"
ANNOTATIONS_FILE = GOLD_DIR / "annotations.csv"
SUMMARIES_FILE = GOLD_DIR / "summaries.csv"

STATUSES = ("asserted", "negated", "hypothetical", "historical", "other_person")
# Facts of data/gold/GUIDE.md; the MTUS-critical ones carry the recall target.
MTUS_CRITICAL = (
    "off_work",
    "modified_duty",
    "working",
    "functional_improvement",
    "pain_score",
    "pain_relief",
    "red_flags",
    "radicular",
    "prior_physical_therapy",
    "prior_chiropractic",
    "prior_acupuncture",
    "prior_psychotherapy",
    "drug_screen",
    "drug_screen_consistent",
    "aberrant_behavior",
    "conservative_care_failed",
    "prior_surgery",
    "surgery_planned",
)
OTHER_FACTS = (
    "medication_duration",
    "tapering",
    "depression",
    "insomnia",
    "neuropathic_pain",
    "homebound",
    "first_line_failed",
    "injection_relief",
    "medication_efficacy",
    "side_effects",
    "adl_limitations",
    "imaging_findings",
    "exam_findings",
    "prior_injection",
    "opioid_use",
)
FACTS = MTUS_CRITICAL + OTHER_FACTS


class GoldError(ValueError):
    """An annotation that does not fit its summary (unknown fact or status, span off the text, text changed)."""


@dataclass(frozen=True)
class Mention:
    case_number: str
    fact: str
    status: str
    start: int
    end: int
    number: float | None = None


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def mentions_from_quotes(rows: Iterable[Mapping[str, object]], summaries: Mapping[str, str]) -> list[Mention]:
    """Turn annotators' quote rows (case, fact, status, quote, number, occurrence) into span references.

    The quote is located in the summary (the ``occurrence``-th match, 1-based, default the first); a quote
    that is not there is an error naming the case and fact, so no annotation is dropped silently.
    """
    out = []
    for row in rows:
        if row.get("done"):
            continue
        case, fact, status, quote = str(row["case"]), str(row["fact"]), str(row["status"]), str(row["quote"])
        if fact not in FACTS or status not in STATUSES:
            raise GoldError(f"{case}: unknown fact/status {fact!r}/{status!r}")
        text = summaries[case]
        start = -1
        for _ in range(int(row.get("occurrence") or 1)):  # type: ignore[call-overload]
            start = text.find(quote, start + 1)
            if start < 0:
                raise GoldError(f"{case} {fact}: quote not in the summary")
        number = row.get("number")
        out.append(Mention(case, fact, status, start, start + len(quote), None if number in (None, "") else float(number)))  # type: ignore[arg-type]
    return sorted(set(out), key=lambda m: (m.case_number, m.start, m.fact, m.status))


def write_gold(mentions: Iterable[Mention], summaries: Mapping[str, str], annotated: Iterable[str]) -> None:
    """Write the references and the hash of every annotated summary (cases with no mention included)."""
    GOLD_DIR.mkdir(parents=True, exist_ok=True)
    with open(ANNOTATIONS_FILE, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["case_number", "fact", "status", "start", "end", "number"])
        for m in mentions:
            w.writerow([m.case_number, m.fact, m.status, m.start, m.end, "" if m.number is None else f"{m.number:g}"])
    with open(SUMMARIES_FILE, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["case_number", "summary_sha256", "length"])
        for case in sorted(set(annotated)):
            w.writerow([case, sha256_text(summaries[case]), len(summaries[case])])


def read_gold() -> tuple[list[Mention], dict[str, tuple[str, int]]]:
    """The committed mentions, and case number -> (summary sha256, length) for every annotated summary."""
    with open(ANNOTATIONS_FILE, newline="", encoding="utf-8") as fh:
        mentions = [
            Mention(r["case_number"], r["fact"], r["status"], int(r["start"]), int(r["end"]), float(r["number"]) if r["number"] else None)
            for r in csv.DictReader(fh)
        ]
    with open(SUMMARIES_FILE, newline="", encoding="utf-8") as fh:
        hashes = {r["case_number"]: (r["summary_sha256"], int(r["length"])) for r in csv.DictReader(fh)}
    return mentions, hashes


def check_against(mentions: Iterable[Mention], hashes: Mapping[str, tuple[str, int]], summaries: Mapping[str, str]) -> None:
    """Raise GoldError unless every annotated summary reads exactly as annotated and every span lies in it."""
    for case, (digest, length) in hashes.items():
        if case not in summaries:
            raise GoldError(f"{case}: annotated summary not found among the letters")
        if sha256_text(summaries[case]) != digest:
            raise GoldError(f"{case}: the summary text differs from the annotated one (length {len(summaries[case])} vs {length}): spans would move")
    for m in mentions:
        if m.case_number not in hashes:
            raise GoldError(f"{m.case_number}: mention of a summary with no hash")
        if m.fact not in FACTS or m.status not in STATUSES:
            raise GoldError(f"{m.case_number}: unknown fact/status {m.fact!r}/{m.status!r}")
        if not 0 <= m.start < m.end <= hashes[m.case_number][1]:
            raise GoldError(f"{m.case_number} {m.fact}: span {m.start}-{m.end} outside the summary")


def read_quote_files(paths: Iterable[Path]) -> tuple[list[dict[str, object]], set[str]]:
    """Annotators' JSONL files: the mention rows, and the cases marked done."""
    rows: list[dict[str, object]] = []
    done: set[str] = set()
    for path in paths:
        for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise GoldError(f"{path}:{n}: not JSON ({e})") from e
            (done.add(str(row["case"])) if row.get("done") else rows.append(row))
    return rows, done


def real_items(letters_dir: Path = SHARED_LETTERS) -> pd.DataFrame:
    """The items table of the real letters, ingested into a temporary folder (labels included: for evaluation)."""
    from imrpredict.dataset import ingest
    from imrpredict.tables import read_table

    with tempfile.TemporaryDirectory() as tmp:
        ingest([letters_dir], Path(tmp) / "items.parquet", workers=2)
        return read_table(Path(tmp) / "items.parquet")


def real_summaries(letters_dir: Path = SHARED_LETTERS) -> dict[str, str]:
    """Case number -> clinical case summary, as the parser reads it, for every PDF letter under ``letters_dir``."""
    from imrpredict.dataset import read_letter_file

    out: dict[str, str] = {}
    for path in sorted(Path(letters_dir).rglob("*.pdf")):
        items = read_letter_file(path)
        if items:
            out[items[0].case_number or path.stem] = items[0].summary
    return out
