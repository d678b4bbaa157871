"""Errors raised while reading letters; each names the file and what is wrong with it."""

from __future__ import annotations


class LetterError(Exception):
    """A letter file that cannot be turned into items. ``reason`` is one short sentence."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
