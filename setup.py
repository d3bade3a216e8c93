"""Build hook: the wheel carries the repository's data folders inside the package.

Everything else about the package is in pyproject.toml. The add-in's sources (``macros/``), the
template (``templates/``), the sample returns (``samples/returns/``) and the documentation
(``docs/``) stay top-level folders in the repository; building copies them into the package as
``workbook_tools/_bundled/<name>``, where ``workbook_tools.bundled`` finds them after
``pip install``. An editable install reads the repository's folders instead, so nothing is copied
for one. MANIFEST.in puts the same folders in the source distribution.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
#: Folder in the package <- folder in the repository (as ``workbook_tools.bundled.FOLDERS``).
BUNDLED = {
    "macros": "macros",
    "templates": "templates",
    "returns": "samples/returns",
    "docs": "docs",
}
#: Files that are never carried (editor and lock files).
SKIPPED = ("~$*", ".*", "*.bak.xlsx", "__pycache__")


class BuildWithBundledFolders(build_py):
    """``build_py`` that also copies the data folders into ``workbook_tools/_bundled``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "workbook_tools" / "_bundled"
        if target.exists():
            shutil.rmtree(target)
        for name, source in BUNDLED.items():
            folder = HERE / source
            if not folder.is_dir():
                raise SystemExit(f"cannot build the package: the folder {source} is missing")
            shutil.copytree(folder, target / name, ignore=shutil.ignore_patterns(*SKIPPED))


setup(cmdclass={"build_py": BuildWithBundledFolders})
