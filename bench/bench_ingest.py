"""Ingest throughput on text-layer PDFs: the shared real letters repeated, parsed on all cores.

Also times pypdfium2 against pypdf text extraction on the same files (the reason we use pypdfium2),
and checks that peak memory stays flat as the number of letters grows.

    python bench/bench_ingest.py [--repeat 10] [--workers 2]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PDF_DIR = ROOT.parent / "shared" / "data" / "dwc-letters" / "pdf"


def extraction_ratio(files: list[Path]) -> None:
    import pypdf
    import pypdfium2 as pdfium

    t0 = time.perf_counter()
    for f in files:
        doc = pdfium.PdfDocument(str(f))
        "".join(p.get_textpage().get_text_range() for p in doc)
    t_pdfium = time.perf_counter() - t0
    t0 = time.perf_counter()
    for f in files:
        "".join(p.extract_text() or "" for p in pypdf.PdfReader(str(f)).pages)
    t_pypdf = time.perf_counter() - t0
    print(
        f"extraction, 1 core, {len(files)} PDFs: pypdfium2 {len(files) / t_pdfium:.0f}/s, "
        f"pypdf {len(files) / t_pypdf:.0f}/s, ratio {t_pypdf / t_pdfium:.1f}x"
    )


def run_ingest(folder: Path, workers: int) -> tuple[float, float]:
    """Run ingest in a child process; return (seconds, peak RSS MB of the child and its workers)."""
    code = (
        "import sys,time,resource;from pathlib import Path;from imrpredict.dataset import ingest;"
        f"t=time.perf_counter();s=ingest([Path({str(folder)!r})],Path({str(folder / 'out.parquet')!r}),workers={workers});"
        "dt=time.perf_counter()-t;assert not s.failed, s.failed[:3];"
        "print(dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), max(float(out[1]), float(out[2]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    files = sorted(PDF_DIR.glob("*.pdf"))
    if not files:
        sys.exit(f"no PDFs in {PDF_DIR}")
    extraction_ratio(files)
    print(f"ingest, {args.workers} workers (peak RSS = largest single process):")
    for repeat in (1, args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            for r in range(repeat):
                for f in files:
                    shutil.copyfile(f, folder / f"{f.stem}_{r}.pdf")
            n = repeat * len(files)
            seconds, peak = run_ingest(folder, args.workers)
            print(f"  {n:6d} letters: {seconds:6.2f}s  {n / seconds:6.0f} letters/s  peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
