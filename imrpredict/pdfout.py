"""Write plain text as a PDF with a real text layer (used for synthetic letters and test fixtures)."""

from __future__ import annotations

from datetime import UTC, datetime

from fpdf import FPDF

_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)

_LATIN1_FIXES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def text_to_pdf(text: str, encrypt_with: str | None = None) -> bytes:
    """Render lines of text, one PDF line each, paginated; optionally password-protected."""
    pdf = FPDF(format="letter")
    pdf.set_creation_date(_EPOCH)  # reproducible bytes: same text, same file
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_margins(18, 18, 18)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    if encrypt_with:
        pdf.set_encryption(owner_password=encrypt_with + "-owner", user_password=encrypt_with)
    for line in text.split("\n"):
        safe = line.translate(_LATIN1_FIXES).encode("latin-1", "replace").decode("latin-1")
        if safe.strip():
            pdf.cell(text=safe, new_x="LMARGIN", new_y="NEXT", h=4.6)
        else:
            pdf.ln(4.6)
    return bytes(pdf.output())


def blank_pdf() -> bytes:
    """A one-page PDF with a drawing and no text layer, like an image-only scan."""
    pdf = FPDF(format="letter")
    pdf.set_creation_date(_EPOCH)
    pdf.add_page()
    pdf.rect(20, 20, 120, 80, style="F")
    return bytes(pdf.output())
