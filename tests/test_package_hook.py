"""Tests for docs/hooks/package.py: each build imports the package as it is now."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from site_build import load_hook

import propagation


def test_it_forgets_the_package_the_pages_import() -> None:
    assert load_hook("package").PACKAGE == propagation.__name__


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A throwaway package `pp_hook_test` with a submodule, importable; forgotten afterwards."""
    folder = tmp_path / "pp_hook_test"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "weights.py").write_text("THETA = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    yield folder
    for name in [name for name in sys.modules if name.startswith("pp_hook_test")]:
        del sys.modules[name]


def test_a_rebuild_imports_the_changed_code(package: Path, monkeypatch) -> None:
    hook = load_hook("package")
    monkeypatch.setattr(hook, "PACKAGE", "pp_hook_test")
    unrelated = sys.modules["pp_hook_test_other"] = sys  # a name that only starts the same
    try:
        assert importlib.import_module("pp_hook_test.weights").THETA == 1
        (package / "weights.py").write_text("THETA = 22\n")  # as an author edits it mid-serve
        assert importlib.import_module("pp_hook_test.weights").THETA == 1  # Python's cache
        hook.on_pre_build(config=None)
        assert "pp_hook_test" not in sys.modules and "pp_hook_test.weights" not in sys.modules
        assert importlib.import_module("pp_hook_test.weights").THETA == 22
        assert sys.modules["pp_hook_test_other"] is unrelated
    finally:
        del sys.modules["pp_hook_test_other"]


def test_a_rebuild_starts_the_pages_sessions_empty(monkeypatch) -> None:
    from markdown_exec._internal.formatters import python

    hook = load_hook("package")
    monkeypatch.setattr(hook, "PACKAGE", "pp_hook_test")  # the test's own modules stay imported
    monkeypatch.setattr(python, "_sessions_globals", {"forward": {"stale": 1}})
    hook.on_pre_build(config=None)
    assert python._sessions_globals == {}
    monkeypatch.delattr(python, "_sessions_globals")
    hook.on_pre_build(config=None)  # renamed upstream: nothing to clear
