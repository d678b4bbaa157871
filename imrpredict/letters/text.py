"""Clean up text exports of letters so one parser serves PDFs, clean text and messy exports.

Handles CRLF and lone CR, form feeds, "Page n of m" footers, a blank line after every line,
"?" standing in for dashes, soft hyphens and replacement characters left by PDF extraction.
"""

from __future__ import annotations

import re

_PAGE_FOOTER = re.compile(r"^\s*(?:-\s*)?Page\s+\d+\s+(?:of|/)\s+\d+\s*(?:-\s*)?$", re.I | re.M)
# "?" between two word characters or spaced between tokens is a dash lost in an encoding round trip.
_QMARK_DASH = re.compile(r"(?<=[\w)])\?(?=\w)|(?<=\w) \?(?=\s|$)", re.M)
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\ufffe\ufeff\u200b\ufffd"), None)
_DASHES = str.maketrans(
    {"\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2212": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "}
)


def decode_bytes(raw: bytes) -> str:
    """Decode a text export: UTF-8 when valid, else Windows-1252, which covers Latin-1 too."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def normalize(text: str) -> str:
    """Return the letter as clean lines: no blank lines, footers, or layout artifacts."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.translate(_INVISIBLE).translate(_DASHES)
    text = _PAGE_FOOTER.sub("", text)
    text = _QMARK_DASH.sub(lambda m: " -" if m.group(0).startswith(" ") else "-", text)
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
