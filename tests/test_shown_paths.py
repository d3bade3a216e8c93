"""Paths in human output: relative to the current folder when under it, else absolute."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook_tools.shown_paths import shown, shown_in


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("{cwd}/plan.xlsx", "plan.xlsx"),
        ("{cwd}/returns/q1/resources.xlsx", "returns/q1/resources.xlsx"),
        ("returns/resources.xlsx", "returns/resources.xlsx"),
        ("./returns/../plan.xlsx", "plan.xlsx"),
        ("{cwd}-other/plan.xlsx", "{cwd}-other/plan.xlsx"),
        ("{parent}/plan.xlsx", "{parent}/plan.xlsx"),
        ("../plan.xlsx", "{parent}/plan.xlsx"),
    ],
)
def test_shown_is_relative_only_under_the_current_folder(
    tmp_path: Path, path: str, expected: str
) -> None:
    """Under the folder: relative; beside or above it (even by a shared prefix): absolute."""
    cwd = tmp_path / "work"
    cwd.mkdir()
    fill = {"cwd": str(cwd), "parent": str(tmp_path)}
    assert shown(path.format(**fill), cwd) == str(Path(expected.format(**fill)))


def test_shown_follows_links_to_the_current_folder(tmp_path: Path) -> None:
    """A path through a link that leads under the current folder is still shown relative."""
    real = tmp_path / "real"
    (real / "returns").mkdir(parents=True)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    assert shown(link / "returns" / "r.xlsx", real) == str(Path("returns/r.xlsx"))


def test_shown_in_rewrites_every_path_a_note_names(tmp_path: Path) -> None:
    """A note naming two files under the folder names both relative, the longer first."""
    a, b = str(tmp_path / "r" / "a.xlsx"), str(tmp_path / "r" / "a.xlsx.old")
    note = f"Superseded by {a} (a later as-of date); see also {b}"
    assert shown_in(note, [a, b], tmp_path) == (
        "Superseded by r/a.xlsx (a later as-of date); see also r/a.xlsx.old"
    )
