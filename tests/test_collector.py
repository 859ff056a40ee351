"""The collector policy of a CLI run: off during the run, collecting between stories."""

from __future__ import annotations

import gc
import weakref

import pytest

from diverge import cli, collector


class Node:
    """An object that can sit in a reference cycle (and be watched through a weak reference)."""

    other: Node | None = None


@pytest.fixture
def collector_off():
    """The collector as a CLI run leaves it, put back afterwards for the rest of the tests."""
    collector.for_a_run()
    gc.collect()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.enable()


def _cycle() -> weakref.ref[Node]:
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def test_a_run_turns_automatic_collection_off(monkeypatch, collector_off):
    gc.enable()
    monkeypatch.setattr(cli, "main", lambda: 0)
    with pytest.raises(SystemExit):
        cli.run()
    assert not gc.isenabled()


def test_settle_collects_cycles_once_enough_objects_are_pending(monkeypatch, collector_off):
    monkeypatch.setattr(collector, "PENDING_OBJECTS", 1)
    watched = _cycle()
    assert watched() is not None  # automatic collection is off: the cycle outlives its makers
    collector.settle()
    assert watched() is None


def test_settle_leaves_a_few_pending_objects_for_later(monkeypatch, collector_off):
    monkeypatch.setattr(collector, "PENDING_OBJECTS", 10**9)
    watched = _cycle()
    collector.settle()
    assert watched() is not None
    gc.collect()
    assert watched() is None


def test_settle_does_nothing_while_automatic_collection_is_on(monkeypatch):
    monkeypatch.setattr(collector, "PENDING_OBJECTS", 1)
    assert gc.isenabled()
    collector.settle()
    assert gc.get_freeze_count() == 0
