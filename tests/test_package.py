"""The package: the wheel carries the folders the commands need, and the code finds them."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from workbook_tools.bundled import FOLDERS, PACKAGE_FOLDER, bundled_folder

REPO = Path(__file__).resolve().parent.parent


def _build_hook_folders() -> dict[str, str]:
    """The ``BUNDLED`` mapping in setup.py, read without running the build."""
    tree = ast.parse((REPO / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "BUNDLED":
            return ast.literal_eval(node.value)
    raise AssertionError("setup.py has no BUNDLED mapping")


def _carried(folder: str) -> list[str]:
    """The files of a repository folder that the wheel must carry."""
    root = REPO / folder
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_build_hook_copies_the_folders_the_code_reads() -> None:
    """setup.py bundles exactly the folders workbook_tools.bundled looks for."""
    assert _build_hook_folders() == FOLDERS


@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_a_clone_reads_the_repository_folders(name: str) -> None:
    """In a clone (editable install) each bundled folder is the repository's own."""
    assert bundled_folder(name) == REPO / FOLDERS[name]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from the checkout, as pip builds one for ``pip install .``."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(REPO)],
        check=True, timeout=600,
    )  # fmt: skip
    (found,) = out.glob("workbook_tools-*.whl")
    return found


@pytest.mark.slow
def test_wheel_carries_every_bundled_file(wheel: Path) -> None:
    """The wheel holds macros/, templates/, the sample returns and docs/ inside the package."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for name, folder in FOLDERS.items():
        expected = {f"workbook_tools/{PACKAGE_FOLDER}/{name}/{f}" for f in _carried(folder)}
        assert expected and expected <= names, f"{folder} is not all in the wheel"
    assert not any(n.startswith(("macros/", "templates/", "samples/", "docs/")) for n in names)


@pytest.mark.slow
def test_installed_package_reads_its_own_copies(wheel: Path, tmp_path: Path) -> None:
    """Unpacked from the wheel, away from any clone, the code finds the package's copies (no
    site-packages, so the editable install of this clone is out of sight)."""
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path / "site")
    script = (
        "from workbook_tools.bundled import bundled_folder, FOLDERS\n"
        "for name in sorted(FOLDERS): print(bundled_folder(name))\n"
    )
    out = subprocess.run(
        [sys.executable, "-S", "-c", script], cwd=tmp_path, capture_output=True, text=True,
        env={"PYTHONPATH": str(tmp_path / "site")}, check=True, timeout=60,
    ).stdout.split()  # fmt: skip
    package = tmp_path / "site" / "workbook_tools" / PACKAGE_FOLDER
    assert out == [str(package / name) for name in sorted(FOLDERS)]


def _documents() -> list[Path]:
    """The product's documentation: every Markdown file outside the tests."""
    return sorted(p for p in REPO.rglob("*.md") if p.relative_to(REPO).parts[0] not in {
        "tests", ".venv", "venv", "build", "dist", ".pytest_cache", ".git"
    })  # fmt: skip


@pytest.mark.parametrize("document", _documents(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_documents_link_only_inside_the_repository(document: Path) -> None:
    """Every relative link (and image) in the docs names a file that is in the repository."""
    text = document.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s]+)\)", text)
    outside = []
    for target in targets:
        if re.match(r"[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue  # a web address or a heading on the same page
        path = (document.parent / target.split("#")[0]).resolve()
        if not path.is_relative_to(REPO) or not path.exists():
            outside.append(target)
    assert outside == []
    assert "../shared" not in text
