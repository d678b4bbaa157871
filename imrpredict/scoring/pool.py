"""The scoring processes of a batch, started before the heavy imports of the process that starts them.

Each pool worker imports the scoring code and loads and verifies the model (~3 s on 2 cores). Started from here
(which imports nothing heavy), they do that while the starting process does the same, instead of after it: the
whole ``imrpredict score`` run on 60,000 items took ~3 s less.
"""

from __future__ import annotations

import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor


def _init_worker(bundle: str) -> None:
    from imrpredict.scoring.batch import _load_model

    _load_model(bundle, threads=1)  # one LightGBM thread per process: the processes are the parallelism


def _ready() -> None:
    """A task that does nothing: submitting it makes the pool start its worker now (running the initializer)."""


def start_scoring_pool(bundle: str, processes: int) -> ProcessPoolExecutor:
    """A pool of ``processes`` workers, each loading ``bundle`` as it starts; they start at once."""
    pool = ProcessPoolExecutor(processes, mp_context=mp.get_context("forkserver"), initializer=_init_worker, initargs=(bundle,))
    for _ in range(processes):
        pool.submit(_ready)
    return pool
