"""Tests for docs/hooks/collector.py: the build's long-lived objects kept out of the collector."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from types import ModuleType

import pytest
from site_build import load_hook


@pytest.fixture
def hook() -> Iterator[ModuleType]:
    """The hook, with the collector handed back everything afterwards."""
    yield load_hook("collector")
    gc.unfreeze()


def test_build_freezes_what_is_alive_before_the_pages(hook: ModuleType) -> None:
    gc.unfreeze()
    hook.on_startup(command="build", dirty=False)
    hook.on_pre_build(config=None)
    assert gc.get_freeze_count() > 0
    before = gc.get_freeze_count()
    leftovers = [[] for _ in range(1000)]  # made while the pages build (lists are tracked)
    hook.on_post_build(config=None)
    assert gc.get_freeze_count() >= before + len(leftovers)


def test_serve_hands_everything_back_after_each_build(hook: ModuleType) -> None:
    gc.unfreeze()
    hook.on_startup(command="serve", dirty=False)
    for _ in range(2):  # a first build and a rebuild
        hook.on_pre_build(config=None)
        assert gc.get_freeze_count() > 0
        hook.on_post_build(config=None)
        assert gc.get_freeze_count() == 0
