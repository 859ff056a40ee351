"""The garbage-collector policy of a command-line run: collect between stories, and rarely.

A run keeps many objects alive for its whole length (parsed sentences, the per-side fact memo,
lookup tables) and allocates many small ones per comparison. CPython's cyclic collector starts
each time a few hundred new objects outlive their creation, and its older generations rescan
everything alive: on a warm audit of 40 distinct stories that was about a quarter of the CPU
time (27.7 s of user time with it, 19.7 s without, the same peak memory). diverge itself makes
no reference cycles to speak of (reference counting frees nearly everything; a collection after
each of those 40 stories found nothing to free), so a run turns automatic collection off
(`for_a_run`) and collects only at the end of a unit of work (`settle`, after each story of an
audit), and only once enough new objects are pending that any cycles among them could matter.

Only the console entry point and worker processes call `for_a_run`: a program that imports
diverge as a library keeps its own collector settings, and `settle` does nothing for it.
"""

from __future__ import annotations

import gc

PENDING_OBJECTS = 1_000_000
"""New objects (net of those freed) that `settle` lets pile up before it collects: a story of
five outlets leaves 20,000 to 50,000, so an audit collects every few dozen stories, and cyclic
garbage, if any, stays within about a hundred megabytes."""


def for_a_run() -> None:
    """Turn automatic cyclic collection off for the rest of this process (a CLI run, a worker)."""
    gc.disable()


def settle() -> None:
    """At the end of a unit of work: when enough objects are pending, collect cycles among
    them and freeze the survivors, so the next collection looks only at what is newer. A no-op
    while automatic collection is on."""
    if gc.isenabled() or gc.get_count()[0] < PENDING_OBJECTS:
        return
    gc.collect()
    gc.freeze()
