"""The command line: check and new, their --json shape, exit codes and one-line errors."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from plans import make_plan

from workbook_tools.cli import main
from workbook_tools.usecases.demo import sample_returns

ROWS = [
    {
        "Ref": "1.1",
        "Priority": "Town centre",
        "Action": "Area action plan",
        "Lead": "PS",
        "Deadline": "31 March 08",
        "Status": "In progress",
        "Commentary": "Drafting",
    },
    {
        "Ref": "1.2",
        "Priority": "Town centre",
        "Action": "Public consultation",
        "Lead": "PS/PM",
        "Deadline": "15 July 2008",
        "Status": "Not started",
        "Self-assessed RAG": "Green",
    },
    {
        "Ref": "2.1",
        "Priority": "Housing",
        "Action": "Strategic housing review",
        "Lead": None,
        "Deadline": "Marhc 09",
        "Status": "In progress",
    },
    {
        "Ref": "2.2",
        "Priority": "Housing",
        "Action": "Choice based lettings",
        "Lead": "AC",
        "Deadline": "Ongoing",
        "Status": "Complete",
    },
]


@pytest.fixture
def plan(tmp_path):
    """A template plan with four typed-in actions."""
    return make_plan(tmp_path / "plan.xlsx", ROWS)


def run(capsys, *argv):
    """Run the CLI in-process; return exit code, stdout and stderr."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_json_shape_and_values(plan, capsys):
    """check --json prints CLI.md's shape with the rated actions and the data errors."""
    code, out, err = run(capsys, "check", plan, "--as-of", "2008-06-30", "--json")
    data = json.loads(out)
    assert set(data) == {"file", "directorate", "as_of", "actions", "counts", "checks"}
    assert data["directorate"] == "Resources" and data["as_of"] == "2008-06-30"
    keys = {
        "ref",
        "priority",
        "action",
        "lead",
        "due",
        "due_kind",
        "status",
        "self_rag",
        "rag",
        "reason",
        "flags",
        "sheet",
        "row",
    }
    assert all(set(a) == keys for a in data["actions"])
    by_ref = {a["ref"]: a for a in data["actions"]}
    assert by_ref["1.1"]["rag"] == "Red"
    assert by_ref["1.1"]["reason"] == "Overdue by 91 days (due 31 Mar 2008)"
    assert by_ref["1.1"]["due"] == "2008-03-31" and by_ref["1.1"]["row"] == 2
    assert by_ref["1.2"]["lead"] == "PS" and by_ref["1.2"]["self_rag"] == "Green"
    assert by_ref["1.2"]["rag"] == "Amber" and "optimistic" in by_ref["1.2"]["flags"]
    assert by_ref["2.1"]["due_kind"] == "none" and "unreadable-date" in by_ref["2.1"]["flags"]
    assert "no-lead" in by_ref["2.1"]["flags"]
    assert by_ref["2.2"]["rag"] == "Blue" and by_ref["2.2"]["due_kind"] == "ongoing"
    assert data["counts"] == {"Blue": 1, "Green": 0, "Amber": 1, "Red": 1, "Grey": 1}
    errors = [c for c in data["checks"] if c["severity"] == "error"]
    assert errors and errors[0]["cell"] == "F4" and "Marhc 09" in errors[0]["message"]
    assert code == 1 and err == ""


def test_check_human_table(plan, capsys):
    """check without --json prints a readable table, the counts and the checks."""
    code, out, _ = run(capsys, "check", plan, "--as-of", "2008-06-30")
    assert "Directorate: Resources" in out and "As of: 30 Jun 2008" in out
    assert "Overdue by 91 days (due 31 Mar 2008)" in out
    assert "4 actions:" in out and "Red 1" in out
    assert "Actions!F4" in out
    assert code == 1


def test_check_is_read_only(plan, capsys):
    """check never modifies the workbook: bytes and modification time are unchanged."""
    before = plan.read_bytes(), plan.stat().st_mtime_ns
    run(capsys, "check", plan, "--json")
    assert (plan.read_bytes(), plan.stat().st_mtime_ns) == before


def test_check_uses_the_workbooks_own_as_of_date(tmp_path, capsys):
    """Without --as-of the AsOfDate setting is the rating date."""
    path = make_plan(tmp_path / "p.xlsx", ROWS[:1], as_of=dt.date(2008, 3, 1))
    _, out, _ = run(capsys, "check", path, "--json")
    data = json.loads(out)
    assert data["as_of"] == "2008-03-01"
    assert data["actions"][0]["rag"] == "Green"
    assert data["actions"][0]["reason"] == "On track, due in 30 days"


def test_clean_plan_exits_zero(tmp_path, capsys):
    """A plan without data errors exits 0."""
    path = make_plan(tmp_path / "p.xlsx", ROWS[:2])
    code, _, _ = run(capsys, "check", path, "--as-of", "2008-06-30", "--json")
    assert code == 0


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["check", "missing.xlsx"], "missing.xlsx"),
        (["check", "plan.xlsx", "--as-of", "30/06/2008"], "YYYY-MM-DD"),
        (["nonsense"], "invalid choice"),
    ],
)
def test_errors_are_one_line_and_exit_two(tmp_path, capsys, monkeypatch, argv, needle):
    """Bad usage and unreadable files give exit 2 and a short message, never a traceback."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.xlsx").write_bytes(b"")
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert needle in err and "Traceback" not in err


def test_not_a_workbook(tmp_path, capsys):
    """A text file named .xlsx is refused with one line naming the file."""
    bad = tmp_path / "notes.xlsx"
    bad.write_text("just text, not a workbook")
    code, _, err = run(capsys, "check", bad)
    assert code == 2 and err.count("\n") == 1 and "notes.xlsx" in err


def test_new_writes_a_plan_and_refuses_to_overwrite(tmp_path, capsys):
    """new writes a template with the given directorate and plan year and never overwrites."""
    out_path = tmp_path / "fresh.xlsx"
    code, _out, _ = run(
        capsys, "new", out_path, "--directorate", "Adults", "--plan-year", "2026/27"
    )
    assert code == 0 and out_path.exists()
    import openpyxl

    wb = openpyxl.load_workbook(out_path)
    names = {n: wb.defined_names[n].attr_text for n in ("Directorate", "PlanYearStart")}
    sheet, cell = names["Directorate"].split("!")
    assert wb[sheet.strip("'")][cell.replace("$", "")].value == "Adults"
    sheet, cell = names["PlanYearStart"].split("!")
    assert wb[sheet.strip("'")][cell.replace("$", "")].value.date() == dt.date(2026, 4, 1)
    code, _, err = run(capsys, "new", out_path)
    assert code == 2 and "already exists" in err


def test_new_rejects_a_bad_plan_year(tmp_path, capsys):
    """--plan-year must read as a financial year such as 2026/27."""
    code, _, err = run(capsys, "new", tmp_path / "x.xlsx", "--plan-year", "2026/29")
    assert code == 2 and "plan year" in err


def test_addin_build_command(tmp_path, capsys):
    """addin build writes the .xlam where -o says and exits 0."""
    target = tmp_path / "WorkbookTools.xlam"
    code, out, _ = run(capsys, "addin", "build", "-o", target)
    assert code == 0 and target.stat().st_size > 0 and str(target) in out


def test_demo_consolidates_the_sample_returns(tmp_path, capsys, monkeypatch):
    """demo copies the sample returns beside its report and prints paths relative to here."""
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "demo")
    folder = tmp_path / "workbook-tools-demo"
    assert code == 0
    assert (folder / "corporate-report.xlsx").stat().st_size > 0
    assert sorted(p.name for p in (folder / "returns").iterdir()) == sorted(
        p.name for p in sample_returns().iterdir()
    )
    assert "from 6 returns" in out
    assert (
        "superseded: workbook-tools-demo/returns/policy-and-performance-2007-q4.xlsx: "
        "Superseded by workbook-tools-demo/returns/policy-and-performance-2008-q1.xlsx"
    ) in out
    assert str(tmp_path) not in out and str(sample_returns()) not in out


def test_demo_again_leaves_other_files_alone(tmp_path, capsys):
    """A second demo replaces its own files only; a stray file in returns/ is kept, not read."""
    run(capsys, "demo", "-o", tmp_path)
    stray = tmp_path / "returns" / "my-own.xlsx"
    stray.write_bytes(b"not a return")
    code, out, _ = run(capsys, "demo", "-o", tmp_path)
    assert code == 0 and "from 6 returns" in out and "error" not in out
    assert stray.read_bytes() == b"not a return"


def test_new_makes_a_missing_folder(tmp_path, capsys, monkeypatch):
    """new into a folder that does not exist yet makes it and says so."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "new", "x/y/plan.xlsx")
    assert code == 0 and err == "" and (tmp_path / "x" / "y" / "plan.xlsx").is_file()
    assert out.splitlines() == [
        "Wrote a new plan: x/y/plan.xlsx",
        "  (made the folder x/y for it)",
    ]


def test_new_under_a_file_is_one_sentence(tmp_path, capsys):
    """new where a file stands in the way of the folder refuses in one line, writing nothing."""
    (tmp_path / "notes").write_text("a file")
    code, _, err = run(capsys, "new", tmp_path / "notes" / "plan.xlsx")
    assert code == 2 and err.count("\n") == 1
    assert "notes is a file" in err and "unexpected" not in err


def test_json_commands_print_only_json(tmp_path, capsys):
    """consolidate --json prints CLI.md's shape and nothing else on stdout."""
    code, out, _ = run(
        capsys, "consolidate", sample_returns(), "-o", tmp_path / "r.xlsx", "--json", "--jobs", "1"
    )
    data = json.loads(out)
    assert set(data) == {"as_of", "output", "sources", "counts", "by_directorate"}
    assert code == 0 and len(data["by_directorate"]) == 6


def test_check_of_a_new_plan_says_it_has_no_actions_yet(tmp_path, capsys):
    """check on a plan just made by new exits 0 and says there are no actions yet, not a table."""
    path = tmp_path / "plan.xlsx"
    assert run(capsys, "new", str(path))[0] == 0
    code, out, err = run(capsys, "check", str(path))
    assert code == 0 and not err
    assert "No actions yet" in out and "0 actions:" in out
    assert "Ref  RAG" not in out
