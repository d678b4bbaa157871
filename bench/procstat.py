"""Process-tree memory for the benches (a scorer or server and every process it starts), read from /proc."""

from __future__ import annotations

import os


def tree_rss_mb(root: int) -> float:
    """RSS of a process and all its descendants, from /proc."""
    parent, rss = {}, {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            parent[int(pid)] = int(fields[1])
            rss[int(pid)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20
        except (OSError, IndexError, ValueError):
            continue
    members, grew = {root}, True
    while grew:
        new = {p for p, pp in parent.items() if pp in members} - members
        members |= new
        grew = bool(new)
    return sum(rss.get(p, 0.0) for p in members)
