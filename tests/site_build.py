# Building the site from the tests: strictly, into a folder of the test's choosing.
"""Helpers shared by the site and browser tests."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def build_env() -> dict[str, str]:
    """Return the environment for a reproducible build: dates from the last commit, not the clock."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if "SOURCE_DATE_EPOCH" not in env:
        commit_time = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        env["SOURCE_DATE_EPOCH"] = commit_time or "0"
    return env


def build_site(dest: Path, *, root: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` (never with -q, which hides warnings) for the project at `root`.

    The build runs in `root`, which comes first on its import path: a copy of the package there
    (`copy_project(..., package=True)`) is the one the pages import.

    Parameters:
        dest: The folder the site is written to.
        root: A folder holding `mkdocs.yml` and `docs/` (the project, or a copy of it).

    Returns:
        The finished process, with its output as text.
    """
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)],
        cwd=root,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )


def copy_project(dest: Path, *, package: bool = False) -> Path:
    """Copy what a site build reads (`mkdocs.yml`, `docs/`) into `dest`, and return `dest`.

    The package is linked, not copied (`mkdocs.yml` watches it), unless `package` is true: then
    `dest` gets a copy of its own, which a test may edit as an author would.
    """
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    if package:
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copytree(ROOT / "propagation", dest / "propagation", ignore=ignore)
    else:
        (dest / "propagation").symlink_to(ROOT / "propagation", target_is_directory=True)
    return dest


def load_hook(name: str) -> ModuleType:
    """Import the build hook `docs/hooks/<name>.py` from its file, as mkdocs does."""
    spec = importlib.util.spec_from_file_location(
        f"{name}_hook", ROOT / "docs/hooks" / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
