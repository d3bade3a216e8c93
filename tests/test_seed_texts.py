"""The five seed documents as text, imported and checked: the actions a person reads in each.

``workbook-tools import ../shared/seeds/00N_*.txt -o plan.xlsx`` then ``check plan.xlsx --json``.
Every expected value below was read by hand from the documents (text taken from councils' Word
and PDF files: tables as tab-separated rows, page headers repeated, HTML and Markdown left in),
not from the tool's output:

* 000 — twelve actions under four commitments (blank commitments inherit from above);
* 001 — thirteen commitments, each with its self-assessed RAG, no deadlines;
* 002 — the actions 1.1 to 8.1 of the CAA programme, each once, with the WHEN dates; rows split
  by a page break belong to the action above them;
* 003 — every action once: each "Ref. | Measures of Success | Actions Required | …" commitment
  row (12.1 is repeated at the top of a page and counts once), each numbered row of the month
  grids below a heading row (1.1.1 under "1.1. Public Support for Plans"), and the grid's 2.1 to
  2.6, which head nothing; never the "Expected Outcome" label rows, the "Progress Update" lists
  of refs, the heading rows, nor the empty numbered rows (15.3.1, 19.2.1, …);
* 004 — the objectives of the service plan: the Health & Safety action plan's four key
  objectives, the learning action plan's objective, the four reviews and the twenty-four key
  objectives of section 5, each with its deadline (the latest date its cell names).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from workbook_tools.cli import main

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")


def seed(number: int) -> Path:
    """The text of seed ``number``."""
    (path,) = SEEDS.glob(f"00{number}_*.txt")
    return path


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Each seed imported once into a new plan workbook."""
    folder = tmp_path_factory.mktemp("seeds")
    plans = {}
    for number in range(5):
        target = folder / f"seed{number}.xlsx"
        assert main(["import", str(seed(number)), "-o", str(target)]) == 0
        plans[number] = target
    return plans


def check(path: Path, as_of: str, capsys: pytest.CaptureFixture[str]) -> dict:
    """``check PATH --json --as-of AS_OF`` of an imported plan."""
    capsys.readouterr()
    code = main(["check", str(path), "--json", "--as-of", as_of])
    out = capsys.readouterr().out
    assert code in (0, 1), out
    return json.loads(out)


# ---------------------------------------------------------------------------------------------
# 000 and 001: tables at the top of the document
# ---------------------------------------------------------------------------------------------
SEED000 = [
    ("Deal positively", "All complaints of a discriminatory nature", "Deputy Chief Executive",
     "2011-03-31"),
    ("Rationalisation", "Implement Accommodation Strategy", "Director of Resources", "2011-03-31"),
    ("Ensure the Council", "Improved PACT", "Deputy Chief Executive", "2009-03-31"),
    ("Ensure the Council", "Implement changes identified by review", None, "2011-03-31"),
    ("Reach the 'excellence'", "Continue to roll out EIA process", "Deputy Chief Executive",
     None),
    ("Reach the 'excellence'", "Ensure up-to-date equality schemes", None, None),
    ("Reach the 'excellence'", "- Disability scheme", None, "2009-10-31"),
    ("Reach the 'excellence'", "- Gender scheme", None, "2010-04-30"),
    ("Reach the 'excellence'", "Complete roll-out of impact assessment", None, "2011-03-31"),
    ("Continue to achieve", "Continue to implement data quality", "Deputy Chief Executive",
     "2010-03-31"),
    ("Improve the effectiveness", "Shared Services Review", "Deputy Chief Executive",
     "2009-08-31"),
    ("Improve customer service", "Customer Strategy", "Deputy Chief Executive", None),
]  # fmt: skip
SEED001 = [
    ("Strategic Change Programme", "Customer First will", "Simon Lawrence", "Green"),
    ("Strategic Change Programme", "Continue with the development", "Simon Lawrence", "Green"),
    ("Strategic Change Programme", "Continue to implement our programme", "Simon Lawrence",
     "Green"),
    ("Strategic Change Programme", "People and Performance will", "Jo Boulton", "Green"),
    ("Strategic Change Programme", "Organisational Efficiency will", "Chris Tambini", "Green"),
    ("Implement the next phase", "Investor in People", "Liz Clark", "Amber"),
    ("Implement the next phase", "10% reduction in sickness", "Jo Boulton", "Green"),
    ("Deliver improvements", "7.5% efficiency gain", "Chris Tambini", "Green"),
    ("Deliver our commitment", "An increased % of black", "Jo Boulton", "Amber"),
    ("Deliver our commitment", "A new CSC in place", "Liz Clark", "n/a"),
    ("Deliver our commitment", "80% users satisfied", "Liz Clark", "Green"),
    ("Deliver our commitment", "25% increase in hours", "Liz Clark", "Green"),
    ("Deliver our commitment", "Top quartile public satisfaction", "Brian Roberts", "Red"),
]  # fmt: skip


def test_seed000_commitments_and_inherited_priorities(
    imported: dict[int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Seed 000: twelve actions, blank commitments inheriting the one above, deadlines."""
    data = check(imported[0], "2010-02-15", capsys)
    got = [(a["priority"], a["action"], a["lead"], a["due"]) for a in data["actions"]]
    assert len(got) == len(SEED000)
    for (priority, action, lead, due), want in zip(got, SEED000, strict=True):
        assert priority.startswith(want[0]) and action.startswith(want[1]), (priority, action)
        assert (lead, due) == want[2:], action


def test_seed001_section_rows_and_self_assessments(
    imported: dict[int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Seed 001: thirteen commitments; "Strategic Change Programme" is a section, not one."""
    data = check(imported[1], "2007-10-31", capsys)
    got = [(a["priority"], a["action"], a["lead"], a["self_rag"]) for a in data["actions"]]
    assert len(got) == len(SEED001)
    for (priority, action, lead, self_rag), want in zip(got, SEED001, strict=True):
        assert priority.startswith(want[0]) and action.startswith(want[1]), (priority, action)
        assert (lead, self_rag) == want[2:], action


# ---------------------------------------------------------------------------------------------
# 002: header after row 30, repeated under every page's running header
# ---------------------------------------------------------------------------------------------
SEED002_REFS = (
    ["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3"]
    + [f"3.{n}" for n in range(1, 9)]
    + [f"4.{n}" for n in range(1, 21)]
    + [f"5.{n}" for n in range(1, 5)]
    + [f"6.{n}" for n in range(1, 6)]
    + [f"7.{n}" for n in range(1, 5)]
    + ["8.1"]
)
# ref → (due, due kind) from its WHEN cell, continued over a page break where it is.
SEED002_DUE = {
    "1.1": ("2008-04-30", "date"),
    "1.2": ("2008-02-29", "date"),
    "1.3": ("2009-03-31", "date"),  # "Apr 08 Mar 09": Apr 08 is a milestone
    "2.2": ("2008-12-31", "none"),  # its WHEN cell is on the next page: Mar 08, Dec 08
    "3.8": (None, "tbc"),  # "As agreed under 3.7"
    "4.3": ("2009-03-31", "date"),  # "Mar 09?"
    "4.7": (None, "tbc"),  # "To be determined under 4.6"
    "4.20": ("2008-07-31", "date"),
    "6.3": ("2010-02-28", "date"),  # "Mar 08 Mar 09 Mar 09 Feb 10"
    "7.3": (None, "ongoing"),  # "Jan 09 Mar 09 (and quarterly thereafter)"
    "8.1": ("2008-03-31", "date"),
}
SEED002_SECTION = {"1.1": "1 Understanding the area", "4.20": "4 Ensuring that the necessary",
                   "8.1": "8 Effective communication"}  # fmt: skip


def test_seed002_refs_once_each_under_their_sections(
    imported: dict[int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Seed 002: actions 1.1 to 8.1, each once, in order; sections from the page text."""
    data = check(imported[2], "2008-06-30", capsys)
    assert [a["ref"] for a in data["actions"]] == SEED002_REFS
    by_ref = {a["ref"]: a for a in data["actions"]}
    for ref, section in SEED002_SECTION.items():
        assert by_ref[ref]["priority"].startswith(section), by_ref[ref]["priority"]
    assert by_ref["1.4"]["lead"] == "Tony Cramp"


def test_seed002_deadlines_and_own_as_of_date(
    imported: dict[int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Seed 002: WHEN dates (multi-date, "?", TBC, recurring) and the "Updated to" date."""
    assert main(["check", str(imported[2]), "--json"]) in (0, 1)
    data = json.loads(capsys.readouterr().out)
    assert data["as_of"] == "2008-06-30"
    by_ref = {a["ref"]: a for a in data["actions"]}
    got = {ref: (by_ref[ref]["due"], by_ref[ref]["due_kind"]) for ref in SEED002_DUE}
    assert got == SEED002_DUE
    assert "uncertain-date" in by_ref["4.3"]["flags"]


# ---------------------------------------------------------------------------------------------
# 003: commitments and month grids, page after page
# ---------------------------------------------------------------------------------------------
SEED003_COMMITMENTS = [
    "1.1",
    "1.2",
    "2.1",
    "2.2",
    "2.3",
    "3.1",
    "3.2",
    "4.1",
    "4.2",
    "4.3",
    "5.1",
    "5.2",
    "5.3",
    "5.4",
    "6.1",
    "6.2",
    "6.3",
    "7.1",
    "7.2",
    "7.3",
    "7.4",
    "7.5",
    "8.1",
    "8.2",
    "8.3",
    "8.4",
    "9.1",
    "9.2",
    "10.1",
    "10.2",
    "10.3",
    "11.1",
    "11.2",
    "11.3",
    "12.1",
    "12.2",
    "12.3",
    "13.1",
    "13.2",
    "13.3",
    "13.4",
    "14.1",
    "14.2",
    "15.1",
    "15.2",
    "15.3",
    "16.1",
    "16.2",
    "16.3",
    "17.1",
    "18.1",
    "18.2",
    "18.3",
    "19.1",
    "19.2",
    "19.3",
    "20.1",
    "20.2",
    "20.3",
    "21.1",
    "21.2",
    "21.3",
    "22.1",
    "22.2",
    "22.3",
]
SEED003_GRID = [
    "1.1.1",
    "1.1.2",
    "1.1.3",
    "1.1.4",
    "1.1.5",
    "1.2.1",
    "1.2.2",
    "1.2.3",
    "2.1",
    "2.2",
    "2.3",
    "2.4",
    "2.5",
    "2.6",
    "3.1.1",
    "3.1.2",
    "3.1.3",
    "3.1.4",
    "3.1.5",
    "3.2.1",
    "3.2.2",
    "3.2.3",
    "3.2.4",
    "3.2.5",
    "3.2.6",
    "3.2.7",
    "4.1.1",
    "4.1.2",
    "4.1.3",
    "4.1.4",
    "4.1.5",
    "4.1.6",
    "4.1.7",
    "4.1.8",
    "4.1.3",
    "4.1.4",
    "4.1.5",
    "4.1.6",
    "4.2.1",
    "4.2.2",
    "4.2.3",
    "4.2.4",
    "4.3.1",
    "4.3.2",
    "4.3.3",
    "4.3.4",
    "4.5.6",
    "4.5.6",
    "4.5.7",
    "5.1.1",
    "5.1.2",
    "5.1.3",
    "5.1.4",
    "5.1.5",
    "5.1.6",
    "5.2.1",
    "5.2.2",
    "5.2.3",
    "5.2.4",
    "5.2.5",
    "5.3.1",
    "5.3.2",
    "5.3.3",
    "5.3.4",
    "5.3.5",
    "5.3.6",
    "5.4.1",
    "5.4.2",
    "5.4.3",
    "5.4.4",
    "5.4.5",
    "6.1.1",
    "6.1.2",
    "6.1.3",
    "6.1.4",
    "6.2.1",
    "6.2.2",
    "6.2.3",
    "6.2.4",
    "6.3.1",
    "6.3.2",
    "6.3.3",
    "6.3.4",
    "6.3.5",
    "6.3.6",
    "6.3.7",
    "7.1.1",
    "7.1.2",
    "7.1.3",
    "7.1.4",
    "7.1.5",
    "7.2.1",
    "7.2.2",
    "7.2.3",
    "7.3.1",
    "7.3.2",
    "7.3.3",
    "7.3.4",
    "7.3.5",
    "7.4.1",
    "7.4.2",
    "7.4.3",
    "7.4.4",
    "7.4.5",
    "7.4.6",
    "7.4.7",
    "7.5.1",
    "7.5.2",
    "7.5.3",
    "7.5.4",
    "7.5.5",
    "8.1.1",
    "8.1.2",
    "8.1.3",
    "8.1.4",
    "8.2.1",
    "8.2.2",
    "8.3.1",
    "8.3.2",
    "8.3.3",
    "8.3.4",
    "8.3.5",
    "8.4.1",
    "8.4.2",
    "8.4.3",
    "9.1.1",
    "9.1.2",
    "9.1.3",
    "9.1.4",
    "9.1.5",
    "9.1.6",
    "9.1.7",
    "10.1.1",
    "10.1.2",
    "10.1.3",
    "10.1.4",
    "10.1.5",
    "10.1.6",
    "10.2.1",
    "10.2.2",
    "10.2.3",
    "10.3.1",
    "10.3.2",
    "10.3.3",
    "10.3.4",
    "10.3.5",
    "11.1.1",
    "11.1.2",
    "11.1.3",
    "11.1.4",
    "11.1.5",
    "11.2.1",
    "11.2.2",
    "11.2.3",
    "11.3.1",
    "11.3.2",
    "11.3.3",
    "11.3.4",
    "11.3.5",
    "11.3.6",
    "11.3.7",
    "11.3.8",
    "11.3.9",
    "11.3.10",
    "12.1.1",
    "12.1.2",
    "12.1.3",
    "12.1.4",
    "12.1.5",
    "12.1.6",
    "12.1.7",
    "12.3.1",
    "12.3.2",
    "12.3.3",
    "12.3.4",
    "12.3.5",
    "13.1.1",
    "13.1.2",
    "13.1.3",
    "13.1.4",
    "13.2.1",
    "13.2.2",
    "13.2.3",
    "13.3.1",
    "13.3.2",
    "13.3.3",
    "13.3.4",
    "13.4.1",
    "13.4.2",
    "13.4.3",
    "13.4.4",
    "13.4.5",
    "14.1.1",
    "14.1.2",
    "14.1.3",
    "14.1.4",
    "14.1.5",
    "14.1.6",
    "14.1.7",
    "14.1.9",
    "14.2.1",
    "14.2.2",
    "14.2.3",
    "14.2.4",
    "15.1.2",
    "15.1.3",
    "15.1.4",
    "15.1.5",
    "15.1.6",
    "15.2.1",
    "15.2.2",
    "15.2.3",
    "16.1.1",
    "16.1.2",
    "16.1.3",
    "16.1.4",
    "16.1.5",
    "16.2.1",
    "16.2.2",
    "16.2.3",
    "16.2.4",
    "16.2.5",
    "16.3.1",
    "16.3.2",
    "16.3.3",
    "16.3.4",
    "16.3.4",
    "16.3.5",
    "17.1.1",
    "17.1.2",
    "17.1.3",
    "17.1.4",
    "17.1.5",
    "17.1.6",
    "18.1.1",
    "18.2.1",
    "18.2.2",
    "18.2.3",
    "18.2.4",
    "18.3.1",
    "18.3.2",
    "18.3.3",
    "18.3.4",
    "18.3.5",
    "18.3.6",
    "19.1.1",
    "19.1.2",
    "19.1.3",
    "19.1.4",
    "20.1.1",
    "20.1.2",
    "20.1.3",
    "20.1.4",
    "20.1.5",
    "20.1.6",
    "20.1.7",
    "20.2.1",
    "20.2.2",
    "20.2.3",
    "20.2.4",
    "20.2.5",
    "20.2.6",
    "20.2.7",
    "20.3.1",
    "20.4.1",
    "20.4.2",
    "20.4.3",
    "20.4.4",
    "20.5.1",
    "20.5.2",
    "20.5.3",
    "19.3.4",
    "20.5.5",
    "20.5.6",
    "21.1.1",
    "21.1.2",
    "21.1.3",
    "21.1.4",
    "21.1.5",
    "21.5.6",
    "21.5.7",
    "21.2.1",
    "21.3.1",
    "21.3.2",
    "22.1.1",
    "22.1.2",
    "22.2.2",
    "22.2.1",
    "22.3.1",
    "22.3.2",
]


def test_seed003_every_action_once(
    imported: dict[int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Seed 003: each commitment and each grid action once; no headings, labels or lists."""
    data = check(imported[3], "2008-01-31", capsys)
    got = Counter(a["ref"] for a in data["actions"])
    expected = Counter(SEED003_COMMITMENTS + SEED003_GRID)
    assert got == expected, (got - expected, expected - got)
    assert sum(got.values()) == 355


def test_seed003_commitment_and_grid_rows(
    imported: dict[int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Seed 003: a commitment's deadline and lead, a grid action under its heading, and the
    commitment repeated at the top of a page read once."""
    data = check(imported[3], "2008-01-31", capsys)
    first = {}
    for action in data["actions"]:
        first.setdefault(action["ref"], action)
    assert (first["1.1"]["due"], first["1.1"]["lead"]) == ("2008-03-31", "PS")
    assert first["1.1"]["priority"].endswith("Town Centre")
    assert first["1.1.1"]["priority"] == "1.1 Public Support for Plans"
    assert first["1.1.1"]["action"].startswith("Engage consultants")
    assert first["12.1"]["due_kind"] == "ongoing"
    grid_21 = [a for a in data["actions"] if a["ref"] == "2.1"][1]
    assert grid_21["action"].startswith("Respond to Preferred options")


# ---------------------------------------------------------------------------------------------
# 004: a service plan whose tables sit among pages of text
# ---------------------------------------------------------------------------------------------
HS = "7 Health & Safety Action Plan"
SEED004 = [
    ("Ensure that CExO is represented", HS, None),
    ("Ensure implementation of the Corporate Health", HS, None),
    ("Ensure all staff in CExO", HS, None),
    ("Ensure all Accidents", HS, None),
    ("All Members of Staff", "10 Organisation Development", None),
    ("Review of Migrant Workers", "Reviews", None),
    ("Review of Complaints handling", "Reviews", "2009-03-31"),
    ("Equality and diversity review", "Reviews", None),
    ("Recruitment (completed)", "Reviews", "2008-02-29"),
    ("Workforce Planning (WP) Framework", "Put our customer first", "2009-03-31"),
    ("Customer satisfaction with recruitment", "Put our customer first", "2008-04-30"),
    ("Develop Performance Management", "Put our customer first", "2009-05-31"),
    ("Manage complaints corporately", "Put our customer first", "2009-04-30"),
    ("User Focus Reviews", "Put our customer first", "2009-03-31"),
    ("Promote equality and diversity", "Promote Diversity", "2009-09-30"),
    ("Ensure equality in the pay", "Promote Diversity", "2009-01-31"),
    ("Task and Finish Group on Migrant", "Promote Diversity", "2008-10-01"),
    ("Effective Management of Unitary", "Always Improve", "2008-10-31"),
    ("Recruitment and Retention is improved", "Always Improve", "2009-03-31"),
    ("Successfully transfer the workforce", "Always Improve", "2009-04-30"),
    ("Ensure appropriate communication", "Always Improve", "2009-03-31"),
    ("Employment policy and terms", "Always Improve", "2009-03-31"),
    ("Health & Safety arrangements updated", "Always Improve", "2009-03-31"),
    ("Create a 5 yr Organisational Development", "Always Improve", "2008-12-01"),
    ("Develop, sign off and manage", "Always Improve", None),  # ends "Quarterly ongoing"
    ("Corporate Plan quarterly reports", "Develop effective corporate performance", None),
    ("Continue to implement and improve", "Care for Staff", None),  # "Ongoing"
    ("Provide support to the Value for Money", "Demonstrate value for money", "2009-03-31"),
    ("Deliver actions in the Shropshire", "Communicate openly", "2009-04-30"),
    ("Encourage public participation", "Communicate openly", None),  # "… Ongoing"
    ("Encourage participation in elections", "Communicate openly", "2008-10-31"),
    ("Inform and engage with staff", "Communicate openly", "2009-04-30"),
    ("Support the reputation-build", "Communicate openly", "2009-04-30"),
]


def test_seed004_objectives_with_their_deadlines(
    imported: dict[int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Seed 004: the objectives of the plan's action tables, none of its running text, each
    with its deadline and section."""
    data = check(imported[4], "2008-06-30", capsys)
    got = [(a["action"], a["priority"], a["due"]) for a in data["actions"]]
    assert len(got) == len(SEED004), [g[0][:30] for g in got]
    for (action, priority, due), (want, section, want_due) in zip(got, SEED004, strict=True):
        assert action.startswith(want), (action, want)
        assert priority.startswith(section), (action, priority)
        assert due == want_due, (action, due)
    assert [a["ref"] for a in data["actions"][:4]] == ["1", "2", "3", "4"]
    leads = [a["lead"] for a in data["actions"]]
    assert leads[4:6] == ["Brendon Hills", "Jo Turton"]
    assert leads[9] == "Head of HR&D"


def test_seed004_milestone_rows_of_an_objective_are_not_objectives(
    imported: dict[int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Seed 004: the dated rows under "Corporate Plan quarterly reports" (one slipped a column
    in the document) are its milestones, 1 June 2008 to 28 February 2009."""
    data = check(imported[4], "2008-06-30", capsys)
    actions = [a["action"] for a in data["actions"]]
    assert not any(
        a.startswith(("Corporate Plan final draft", "Set new priorities")) for a in actions
    )
    from workbook_tools.usecases.plan import check as check_plan

    plan = check_plan(seed(4)).plan  # the document itself: the import keeps them on Milestones
    (reports,) = [a for a in plan.actions if a.action.startswith("Corporate Plan quarterly")]
    dues = sorted(m.due.isoformat() for m in reports.milestones if m.due)
    assert dues[0] == "2008-06-01" and dues[-1] == "2009-02-28" and len(dues) == 9
