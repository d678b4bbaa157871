"""Turn a clean letter text into the messy exports users send: each function is one artifact."""

from __future__ import annotations


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def blank_line_after_every_line(text: str) -> str:
    return "".join(line + " \n\n" for line in text.split("\n"))


def qmark_dashes(text: str) -> str:
    return text.replace("-", "?")


def paginate(text: str, lines_per_page: int) -> str:
    """Form feeds with "Page n of m" footers every ``lines_per_page`` lines, breaking whatever is there."""
    lines = text.split("\n")
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    out = []
    for n, page in enumerate(pages, 1):
        out.append("\n".join(page) + f"\n\n   Page {n} of {len(pages)}   \n\f")
    return "".join(out)


def cp1252_bytes(text: str) -> bytes:
    """Windows-1252 bytes with curly quotes, an en dash and an accented name: invalid as UTF-8."""
    text = text.replace("The injured worker", "The injured worker (seen by Dr. Ren\u00e9e)", 1)
    text = text.replace("'", "\u2019").replace(" - ", " \u2013 ")
    return text.encode("cp1252")
