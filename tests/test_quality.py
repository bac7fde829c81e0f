"""Static checks that CI runs with the tests: ruff, mypy, and the import-linter contract that
keeps the engine free of Qt and of the desktop app."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    exe = BIN / tool if (BIN / tool).exists() else shutil.which(tool)
    if exe is None:
        pytest.skip(f"{tool} is not installed")
    return subprocess.run([str(exe), *args], cwd=REPO, capture_output=True, text=True, timeout=900)


def test_engine_never_imports_qt_or_the_app() -> None:
    result = _run("lint-imports")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff() -> None:
    result = _run("ruff", "check", "clause_library", "desktop", "tests", "benchmarks", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_startup_path_does_not_import_sentence_transformers() -> None:
    """Parsing and the GUI's start-up must not pay the seconds that importing the model costs."""
    code = (
        "import sys, clause_library.cli, clause_library.engine, clause_library.ingest, "
        "clause_library.segment, clause_library.review;"
        "bad = [m for m in ('sentence_transformers', 'torch', 'transformers') if m in sys.modules];"
        "print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
