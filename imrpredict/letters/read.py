"""Turn a letter file (.pdf or .txt) into text. PDF text comes from pypdfium2 (fast, C-backed)."""

from __future__ import annotations

from pathlib import Path

from imrpredict.letters.errors import LetterError
from imrpredict.letters.text import decode_bytes

LETTER_SUFFIXES = frozenset({".pdf", ".txt"})


def read_pdf_text(path: Path) -> str:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg or "security" in msg:
            raise LetterError(str(path), "PDF is encrypted (password protected)") from exc
        raise LetterError(str(path), f"PDF is damaged or truncated ({exc})") from exc
    try:
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    text = "\f".join(pages)
    if not text.strip():
        raise LetterError(str(path), "PDF has no text layer (image-only scan?); OCR it first")
    return text


def read_letter_text(path: Path) -> str:
    """Raw text of one letter; raises LetterError naming the file and the problem."""
    suffix = path.suffix.lower()
    if suffix not in LETTER_SUFFIXES:
        raise LetterError(str(path), f"unsupported file type {suffix or '(none)'}; expected .pdf or .txt")
    try:
        if path.stat().st_size == 0:
            raise LetterError(str(path), "file is empty")
        if suffix == ".pdf":
            return read_pdf_text(path)
        return decode_bytes(path.read_bytes())
    except OSError as exc:
        raise LetterError(str(path), f"cannot read file ({exc.strerror or exc})") from exc


def iter_letter_files(paths: list[Path]) -> list[Path]:
    """Expand folders recursively into letter files, sorted for a deterministic order."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in LETTER_SUFFIXES))
        else:
            found.append(p)
    return found
