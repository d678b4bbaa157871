"""Turn annotators' quote files (JSONL, kept outside the repo) into the committed gold references.

Each input line is {"case", "fact", "status", "quote", "number"[, "occurrence"]} or {"case", "done": true};
the quote is located in the summary read from ../shared and only its span is written
(data/gold/annotations.csv, data/gold/summaries.csv). See data/gold/GUIDE.md.

    python training/build_gold.py /path/to/raw/*.jsonl
"""

from __future__ import annotations

import argparse
from pathlib import Path

from imrpredict.gold.annotations import SHARED_LETTERS, mentions_from_quotes, read_quote_files, real_summaries, write_gold


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--letters", type=Path, default=SHARED_LETTERS)
    args = ap.parse_args()
    summaries = real_summaries(args.letters)
    rows, done = read_quote_files(args.files)
    mentions = mentions_from_quotes(rows, summaries)
    annotated = done | {m.case_number for m in mentions}
    write_gold(mentions, summaries, annotated)
    print(f"{len(mentions)} mentions in {len(annotated)} summaries ({len(done)} marked done)")


if __name__ == "__main__":
    main()
