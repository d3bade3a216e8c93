"""Third-party judges for the workbooks the project writes: LibreOffice and openxml-audit.

Locally a missing judge skips the test; on CI (``CI`` set in the environment) it fails, so a
missing install step in ``.ci/run`` cannot hide behind a skip.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def require(tool: str) -> str:
    """The path of ``tool`` on the PATH; skip (locally) or fail (on CI) when it is missing."""
    found = shutil.which(tool)
    if found:
        return found
    message = f"{tool} is not installed"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must install it: see .ci/run)")
    pytest.skip(message)
    raise AssertionError  # unreachable: skip raises


def soffice_convert(source: Path, fmt: str, outdir: Path, infilter: str | None = None) -> Path:
    """Convert ``source`` with headless LibreOffice to ``fmt`` (e.g. ``pdf``, ``xlsx``, ``ods``).

    Uses a private user profile so that several conversions can run at once, and checks that the
    output exists (LibreOffice's exit code alone is not reliable).
    """
    soffice = require("soffice")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wbt-lo-") as profile:
        cmd = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
        ]
        if infilter:
            cmd.append(f"--infilter={infilter}")
        cmd += ["--convert-to", fmt, "--outdir", str(outdir), str(source)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)
    target = outdir / (source.stem + "." + fmt.split(":")[0])
    if not target.exists() or target.stat().st_size == 0:
        raise AssertionError(
            f"LibreOffice did not convert {source.name} to {fmt}: {proc.stdout} {proc.stderr}"
        )
    return target


def soffice_convert_all(sources: list[Path], fmt: str, outdir: Path) -> list[Path]:
    """Convert every file of ``sources`` (their names distinct) with one headless LibreOffice
    run, as :func:`soffice_convert` does for one; returns the converted files."""
    soffice = require("soffice")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wbt-lo-") as profile:
        cmd = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless"]
        cmd += ["--norestore", "--convert-to", fmt, "--outdir", str(outdir)]
        cmd += [str(source) for source in sources]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    targets = [outdir / (source.stem + "." + fmt.split(":")[0]) for source in sources]
    missing = [t.name for t in targets if not t.exists() or t.stat().st_size == 0]
    if missing:
        raise AssertionError(f"LibreOffice did not convert {missing}: {proc.stdout} {proc.stderr}")
    return targets


def audit_findings(path: Path) -> set[tuple[str, str]]:
    """The (part, description) of every error openxml-audit reports for ``path``."""
    try:
        from openxml_audit import OpenXmlValidator
    except ImportError:  # pragma: no cover - the test extra installs it
        if os.environ.get("CI"):
            pytest.fail("openxml-audit is not installed")
        pytest.skip("openxml-audit is not installed")
    result = OpenXmlValidator().validate(str(path))
    return {(e.part_uri or "", e.description) for e in result.errors}


@functools.lru_cache(maxsize=1)
def _baseline() -> frozenset[tuple[str, str]]:
    import openpyxl

    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.xlsx"
        openpyxl.Workbook().save(empty)
        return frozenset(audit_findings(empty))


def audit_errors_beyond_baseline(path: Path) -> set[tuple[str, str]]:
    """openxml-audit's errors for ``path`` less those it reports for an empty openpyxl workbook."""
    return audit_findings(path) - _baseline()
