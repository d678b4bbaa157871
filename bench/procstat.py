"""Process-tree memory and CPU for the benches (a scorer or server and every process it starts), read from /proc."""

from __future__ import annotations

import os


def _tree_stats(root: int) -> list[list[str]]:
    """The /proc/<pid>/stat fields (after the command name) of a process and all its descendants."""
    fields_of: dict[int, list[str]] = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as fh:
                fields_of[int(pid)] = fh.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
    parent = {p: int(f[1]) for p, f in fields_of.items()}
    members, grew = {root}, True
    while grew:
        new = {p for p, pp in parent.items() if pp in members} - members
        members |= new
        grew = bool(new)
    return [fields_of[p] for p in members if p in fields_of]


def tree_rss_mb(root: int) -> float:
    """RSS of a process and all its descendants, from /proc."""
    return sum(int(f[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20 for f in _tree_stats(root))


def tree_cpu_s(root: int) -> float:
    """User + system CPU seconds of a process and its live descendants, from /proc."""
    return sum((int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK") for f in _tree_stats(root))
