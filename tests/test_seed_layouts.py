"""The legacy sample workbooks, read end to end by ``check --json``: an independent oracle.

Every expected value below was worked out by hand from the product specification (WORKBOOK.md,
RULES.md, CLI.md) and the council documents the samples copy (``samples/make_samples.py``), not
by running the reader. Table conventions:

* ``where`` is ``"<sheet>!<row>"``, the sheet row the action was typed on;
* text is compared after removing HTML tags, entities, runs of spaces and a leading bullet "- ";
  an action is compared by its start (the tables hold its first words), with any leading ref
  ("1.1 ") removed from both sides;
* a priority or reason containing ``*`` is a wildcard pattern; ``None`` means "not checked here";
* a heading's ref may be written "1." or "1" ("1. Understanding…" = "1 Understanding…");
* ``due_kind`` "date|none" accepts either: a due date read from the Timeline when the Deadline is
  blank (the spec does not say which kind the JSON then reports);
* ``OPEN`` tables list the few rows where the spec allows two readings, with both allowed.
"""

from __future__ import annotations

import fnmatch
import html
import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from judges import soffice_convert

from workbook_tools.cli import main

LEGACY = Path(__file__).resolve().parent.parent / "samples" / "legacy"
SEED000 = LEGACY / "seed000_corporate_commitments.xlsx"
SEED001 = LEGACY / "seed001_resources_q2.xlsx"
SEED001_CSV = LEGACY / "seed001_resources_q2.csv"
SEED002 = LEGACY / "seed002_caa_programme.xlsx"
SEED003 = LEGACY / "seed003_improvement_plan.xlsx"
SEED004 = LEGACY / "seed004_service_plan.xlsx"
RAGS = ("Blue", "Green", "Amber", "Red", "Grey")

# The as-of date each workbook is rated at: chosen so that the plan has Red, Amber, Green and
# Grey actions and no action falls due within the 30-day amber window with no % complete given
# (RULES §2 rule 7 does not say how a blank % complete compares with 50).
AS_OF = {
    SEED000.name: "2010-02-15",
    SEED001.name: "2007-10-31",
    SEED002.name: "2008-06-30",
    SEED003.name: "2008-01-31",
    SEED004.name: "2008-06-30",
}

# ---------------------------------------------------------------------------------------------
# Seed 000: corporate commitments, "Directorate:" line above the table; as of 15 Feb 2010
# ---------------------------------------------------------------------------------------------
P000_DEAL = "Deal positively with all complaints alleging discriminatory treatment"
P000_ENSURE = (
    "Ensure the Council is fully prepared to meet the challenges in the Local Government & "
    "Public Involvement in Health Act 2007"
)
P000_REACH = "Reach the 'excellence' rating of the equality standard for local government"
# where, ref, priority, action (start), main lead
SEED000_IDENTITY = [
    ("Sheet1!5", "", P000_DEAL, "All complaints of a discriminatory nature",
     "Deputy Chief Executive"),
    ("Sheet1!6", "", "Rationalisation of Council and PCT estates",
     "Implement Accommodation Strategy", "Director of Resources"),
    ("Sheet1!7", "", P000_ENSURE, "Improved PACT and other consultation mechanisms",
     "Deputy Chief Executive"),
    ("Sheet1!8", "", P000_ENSURE, "Implement changes identified by review of constitution", ""),
    ("Sheet1!9", "", P000_REACH, "Continue to roll out EIA process", "Deputy Chief Executive"),
    ("Sheet1!10", "", P000_REACH, "Ensure up-to-date equality schemes in place:", ""),
    ("Sheet1!11", "", P000_REACH, "Disability scheme", ""),
    ("Sheet1!12", "", P000_REACH, "Gender scheme", ""),
    ("Sheet1!13", "", P000_REACH, "Complete roll-out of impact assessment plans", ""),
    ("Sheet1!16", "", "Continue to achieve improvements in data quality",
     "Continue to implement data quality action plan – score 3", "Deputy Chief Executive"),
    ("Sheet1!17", "", "Improve the effectiveness of services", "Shared Services Review",
     "Deputy Chief Executive"),
    ("Sheet1!18", "", "Improve customer service", "Customer Strategy", "Deputy Chief Executive"),
]  # fmt: skip
# where, due, due_kind, rag, reason, flags   (Date provided "March" = 31 Mar 2009 here: stale)
SEED000_RATINGS = [
    ("Sheet1!5", "2011-03-31", "date", "Green", "On track, due in 409 days", {"stale"}),
    ("Sheet1!6", "2011-03-31", "date", "Green", "On track, due in 409 days", set()),
    ("Sheet1!7", "2009-03-31", "date", "Red", "Overdue by 321 days (due 31 Mar 2009)", set()),
    ("Sheet1!8", "2011-03-31", "date", "Green", "On track, due in 409 days", {"no-lead"}),
    ("Sheet1!9", None, "none", "Grey", "No due date*", {"stale"}),
    ("Sheet1!10", None, "none", "Grey", "No due date*", {"no-lead", "stale"}),
    ("Sheet1!11", "2009-10-31", "date", "Red", "Overdue by 107 days (due 31 Oct 2009)",
     {"no-lead", "stale"}),
    ("Sheet1!12", "2010-04-30", "date", "Green", "On track, due in 74 days", {"no-lead"}),
    ("Sheet1!13", "2011-03-31", "date", "Green", "On track, due in 409 days", {"no-lead", "stale"}),
    ("Sheet1!16", "2010-03-31", "date", "Green", "On track, due in 44 days", set()),
    ("Sheet1!17", "2009-08-31", "date", "Red", "Overdue by 168 days (due 31 Aug 2009)", {"stale"}),
    ("Sheet1!18", None, "tbc", "Grey", "No due date*", {"stale"}),
]  # fmt: skip
# The same plan at the end of the year (31 Mar 2010): "March" now means 31 Mar 2010 (not stale),
# "February" 28 Feb 2010 (31 days: not stale), "October" 31 Oct 2009 (151 days: stale).
# where, due, due_kind, rag, reason, flags
SEED000_RATINGS_YEAR_END = [
    ("Sheet1!5", "2011-03-31", "date", "Green", "On track, due in 365 days", set()),
    ("Sheet1!6", "2011-03-31", "date", "Green", "On track, due in 365 days", set()),
    ("Sheet1!7", "2009-03-31", "date", "Red", "Overdue by 365 days (due 31 Mar 2009)", set()),
    ("Sheet1!9", None, "none", "Grey", "No due date*", {"stale"}),
    ("Sheet1!11", "2009-10-31", "date", "Red", "Overdue by 151 days (due 31 Oct 2009)",
     {"no-lead", "stale"}),
    ("Sheet1!17", "2009-08-31", "date", "Red", "Overdue by 212 days (due 31 Aug 2009)", {"stale"}),
    ("Sheet1!18", None, "tbc", "Grey", "No due date*", {"stale"}),
]  # fmt: skip
SEED000_COUNTS = {"Blue": 0, "Green": 6, "Amber": 0, "Red": 3, "Grey": 3}

# ---------------------------------------------------------------------------------------------
# Seed 001: Resources Q2, self-assessed RAG, no deadlines; as of 31 Oct 2007
# ---------------------------------------------------------------------------------------------
P001_SCP = "Strategic Change Programme"
P001_HR = "Implement the next phase of our Human Resources Strategy"
P001_EQ = "Deliver our commitment to equalities issues"
# where, ref, priority, action (start), main lead
SEED001_IDENTITY = [
    ("Resources Q2!9", "", P001_SCP, "Customer First will: Introduce our first departmental",
     "Simon Lawrence"),
    ("Resources Q2!10", "", P001_SCP, "Continue with the development of an improved website",
     "Simon Lawrence"),
    ("Resources Q2!11", "", P001_SCP, "Continue to implement our programme of face to face",
     "Simon Lawrence"),
    ("Resources Q2!13", "", P001_SCP, "People and Performance will: Develop further", "Jo Boulton"),
    ("Resources Q2!14", "", P001_SCP, "Organisational Efficiency will: Continue to identify",
     "Chris Tambini"),
    ("Resources Q2!25", "", P001_HR, "Investor in People status for all services", "Liz Clark"),
    ("Resources Q2!26", "", P001_HR, "10% reduction in sickness absence", "Jo Boulton"),
    ("Resources Q2!27", "", "Deliver improvements in the efficiency of Council services",
     "7.5% efficiency gain by 2008", "Chris Tambini"),
    ("Resources Q2!28", "", P001_EQ, "An increased % of black and minority ethnic employees",
     "Jo Boulton"),
    ("Resources Q2!29", "", P001_EQ, "A new CSC in place during 2006/07 – 80% queries",
     "Liz Clark"),
    ("Resources Q2!30", "", P001_EQ, "80% users satisfied with customer experience,", "Liz Clark"),
    ("Resources Q2!31", "", P001_EQ, "25% increase in hours the Council can be contacted",
     "Liz Clark"),
    ("Resources Q2!32", "", P001_EQ, "Top quartile public satisfaction with the Council.",
     "Brian Roberts"),
]  # fmt: skip
# where, self_rag, due, due_kind, rag, reason, flags
SEED001_RATINGS = [
    ("Resources Q2!9", "Green", None, "none", "Green", "Self-assessed; no due date", set()),
    ("Resources Q2!10", "Green", None, "none", "Green", "Self-assessed; no due date", set()),
    ("Resources Q2!11", "Green", None, "none", "Green", "Self-assessed; no due date", set()),
    ("Resources Q2!13", "Green", None, "none", "Green", "Self-assessed; no due date", set()),
    ("Resources Q2!14", "Green", None, "none", "Green", "Self-assessed; no due date", set()),
    ("Resources Q2!25", "Amber", None, "none", "Amber", "Self-assessed; no due date", set()),
    ("Resources Q2!26", "Green", None, "none", "Green", "Self-assessed; no due date", set()),
    ("Resources Q2!27", "Green", None, "none", "Green", "Self-assessed; no due date", set()),
    ("Resources Q2!28", "Amber", None, "none", "Amber", "Self-assessed; no due date", set()),
    ("Resources Q2!29", "n/a", None, "none", "Grey", "*", set()),
    ("Resources Q2!30", "Green", None, "none", "Green", "Self-assessed; no due date", set()),
    ("Resources Q2!31", "Green", None, "none", "Green", "Self-assessed; no due date", set()),
    ("Resources Q2!32", "Red", None, "none", "Red", "Self-assessed; no due date", set()),
]  # fmt: skip
SEED001_COUNTS = {"Blue": 0, "Green": 9, "Amber": 2, "Red": 1, "Grey": 1}

# ---------------------------------------------------------------------------------------------
# Seed 002: CAA programme, refs inside the action text, sections above repeated page headers
# ---------------------------------------------------------------------------------------------
P002 = {
    1: "1 Understanding the area and its diverse communities, with particular emphasis on the "
    "disadvantaged",
    2: "2 Engaging and empowering local citizens and service users, with particular emphasis on "
    "the disadvantaged",
    3: "3 Using this understanding, engagement and empowerment as the basis for the Council's and "
    "the Herefordshire Partnership's shared vision, priorities, objectives and commissioning",
    4: "4 Ensuring that the necessary capacity is in place to achieve the vision, priorities and "
    "objectives",
    6: "6 Ensuring that the Council, with its partners, is improving well/has promising prospects "
    "for improvement in the direction of travel assessment",
}
# where, ref, priority, action (start), main lead
SEED002_IDENTITY = [
    ("Appendix 1!10", "1.1", P002[1], "Joint Strategic Needs Analysis – JSNA",
     "Director of Public Health"),
    ("Appendix 1!11", "1.2", P002[1], "Needs analyses for other aspects",
     "Director of Public Health"),
    ("Appendix 1!18", "1.3", P002[1], "Identify changes needed to data collection", "Tony Geeson"),
    ("Appendix 1!19", "1.4", P002[1], "Place-based mandatory satisfaction survey", "Tony Cramp"),
    ("Appendix 1!20", "1.5", P002[1], "Equalities impact assessments (EIAs)", "Carol Trachonitis"),
    ("Appendix 1!29", "2.1", P002[2], "Meeting the new statutory duty to involve local people",
     "Jennifer Watkins"),
    ("Appendix 1!30", "2.3", P002[2], "Establish stronger, more effective links", "Martin Heuter"),
    ("Appendix 1!46", "3.1", P002[3], "New Local Area Agreement (LAA)", "Deputy Chief Executive"),
    ("Appendix 1!47", "3.2", P002[3], "Action plan for the Sustainable Community Strategy",
     "Deputy Chief Executive"),
    ("Appendix 1!54", "3.3", P002[3], "Review of the SCS in light of the needs analyses",
     "Deputy Chief Executive"),
    ("Appendix 1!55", "3.4", P002[3], "Review and roll forward of the LAA", "Michael Hainge"),
    ("Appendix 1!56", "3.5", P002[3], "Council's Corporate Plan 2008-11", "Steve Martin"),
    ("Appendix 1!57", "3.7", P002[3], "Determine prioritised programme of commissioning plans",
     "Director of Integrated Commissioning"),
    ("Appendix 1!58", "3.8", P002[3], "Commissioning plans",
     "The designated head of service for each commissioning plan"),
    ("Appendix 1!67", "4.3", P002[4], "Joint commissioning capacity developed across",
     "Director of Integrated Commissioning"),
    ("Appendix 1!68", "4.7", P002[4], "Implement new Council/PCT and Partnership",
     "Andrew Williams"),
    ("Appendix 1!69", "4.10", P002[4], "Review ICT requirements to deliver this programme",
     "Deputy Chief Executive"),
    ("Appendix 1!70", "4.12", P002[4], "Establish strengthened scrutiny arrangements",
     "Tony Geeson"),
    ("Appendix 1!71", "4.13", P002[4], "Operate the strengthened scrutiny arrangements",
     "Tony Geeson"),
    ("Appendix 1!80", "6.3", P002[6], "Action plan for prioritised improvements in local authority",
     "Kevin Lloyd"),
    ("Appendix 1!87", "6.4", P002[6], "Action plan for prioritised improvements in partners'",
     "Chris Bucknell"),
]  # fmt: skip
# where, due, due_kind, rag, reason, flags   (milestones of a multi-date WHEN are never done)
SEED002_RATINGS = [
    ("Appendix 1!10", "2008-04-30", "date", "Red", "Overdue by 61 days (due 30 Apr 2008)", set()),
    ("Appendix 1!11", "2008-02-29", "date", "Red", "Overdue by 122 days (due 29 Feb 2008)", set()),
    ("Appendix 1!18", "2009-03-31", "date", "Amber", "Milestone missed*due 30 Apr 2008", set()),
    ("Appendix 1!19", "2008-09-30", "date", "Green", "On track, due in 92 days", set()),
    ("Appendix 1!20", "2009-03-31", "date", "Amber", "Milestone missed*due 31 Mar 2008", set()),
    ("Appendix 1!29", "2009-04-30", "date", "Amber", "Milestone missed*due 31 Mar 2008", set()),
    ("Appendix 1!30", "2008-12-31", "date", "Green", "On track, due in 184 days", set()),
    ("Appendix 1!47", "2008-03-31", "date", "Red", "Overdue by 91 days (due 31 Mar 2008)", set()),
    ("Appendix 1!54", "2009-04-30", "date", "Green", "On track, due in 304 days", set()),
    ("Appendix 1!55", "2009-04-30", "date", "Green", "On track, due in 304 days", set()),
    ("Appendix 1!56", "2008-03-31", "date", "Red", "Overdue by 91 days (due 31 Mar 2008)", set()),
    ("Appendix 1!57", "2008-12-31", "date", "Green", "On track, due in 184 days", set()),
    ("Appendix 1!58", None, "tbc", "Grey", "No due date*", set()),
    ("Appendix 1!67", "2009-03-31", "date", "Green", "On track, due in 274 days",
     {"uncertain-date"}),
    ("Appendix 1!68", None, "tbc", "Grey", "No due date*", set()),
    ("Appendix 1!69", "2008-09-30", "date", "Amber", "Milestone missed*due 31 May 2008", set()),
    ("Appendix 1!70", "2008-03-31", "date", "Red", "Overdue by 91 days (due 31 Mar 2008)", set()),
    ("Appendix 1!71", "2008-09-30", "date", "Green", "On track, due in 92 days", set()),
    ("Appendix 1!80", "2010-02-28", "date", "Amber", "Milestone missed*due 31 Mar 2008", set()),
]  # fmt: skip
# Rows the spec allows two readings of: where, the readings as (due, due_kind, rag, reason)
SEED002_OPEN = [
    # 3.1 "Jun 08" falls due on the as-of date; rule 7 with no % complete: Amber or Green.
    ("Appendix 1!46", [("2008-06-30", "date", "Green", "*"), ("2008-06-30", "date", "Amber", "*")]),
    # 6.4 "Mar 08", followed by rows holding only "Mar 09", "Mar 09", "Feb 10" (no ref, no action):
    # skipped (WORKBOOK.md), or read as 6.4's milestones (a continuation of its WHEN cell).
    ("Appendix 1!87", [("2008-03-31", "date", "Red", "Overdue by 91 days (due 31 Mar 2008)"),
                       ("2010-02-28", "date", "Amber", "Milestone missed*due 31 Mar 2008")]),
]  # fmt: skip
SEED002_REFS = [
    "1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.3", "3.1", "3.2", "3.3", "3.4", "3.5", "3.7",
    "3.8", "4.3", "4.7", "4.10", "4.12", "4.13", "6.3", "6.4",
]  # fmt: skip
# Rows that are not actions: title and "Updated to"/"Appendix 1" lines, section headings,
# repeated headers, the page-split progress fragment (no ref, no action), 6.4's extra rows.
SEED002_NOT_ACTIONS = [1, 3, 5, 7, 9, 13, 15, 17, 26, 28, 37, 43, 45, 64, 77, 86, 88, 89, 90]

# ---------------------------------------------------------------------------------------------
# Seed 003: Improvement Plan 2007/08 month grid (marks added) + commitments; as of 31 Jan 2008
# ---------------------------------------------------------------------------------------------
P003_11 = "1.1 Public Support for Plans"
P003_12 = "1.2 Work Commenced"
P003_31 = "3.1 Deliver 80 units of affordable housing a year"
P003_41 = "4.1 Overall Customer satisfaction"
P003_43 = "4.3 Annual Satisfaction of Equalities Forum"
G = "Timeline grid"
C = "Commitments"
# where, ref, priority, action (start), main lead   (the 2.x priority depends on whether
# "2.1, 2.2, 2.3," is a heading, which the spec leaves open: not checked)
SEED003_IDENTITY = [
    (f"{C}!6", "1.1", "*Town Centre*", "Area Action plan (Issues and Options) Developed", "PS"),
    (f"{C}!7", "1.2", "*Town Centre*", "Public and Trader Consultation", "PS"),
    (f"{G}!6", "1.1.1", P003_11, "Engage consultants to commence work on AAP", "PS"),
    (f"{G}!7", "1.1.2", P003_11, "Commence process of identifying development partner", "PS"),
    (f"{G}!12", "1.1.3", P003_11, "Recruit expertise to support project management", "PS"),
    (f"{G}!13", "1.1.4", P003_11, "Arrange meetings of town centre project group", "PS"),
    (f"{G}!15", "1.2.1", P003_12, "Undertake baseline study.", "PS"),
    (f"{G}!16", "1.2.2", P003_12, "Consultation with community.", "PS"),
    (f"{G}!23", "2.1", None, "Respond to Preferred options document", "PS"),
    (f"{G}!24", "2.2", None, "Submit Final Plan", "PS"),
    (f"{G}!30", "3.1.1", P003_31, "Complete RSL Preferred Partner selection", "AC"),
    (f"{G}!31", "3.1.2", P003_31, "Develop draft Affordable Housing Guidance", "AC"),
    (f"{G}!32", "3.1.3", P003_31, "Support & encourage appropriate RSL bids", "AC"),
    (f"{G}!39", "4.1.1", P003_41, "Agree customer survey", "HB"),
    (f"{G}!40", "4.1.2", P003_41, "Undertake survey", "HB"),
    (f"{G}!41", "4.1.3", P003_41, "Report survey", "HB"),
    (f"{G}!42", "4.1.3", P003_41, "Agree new set with Cabinet.", "HB"),
    (f"{G}!43", "4.1.4", P003_41, "Publish in Council Plan", "HB"),
    (f"{G}!50", "4.3.1", P003_43, "Training Needs Analysis (TNA) of forum members", "CF HP"),
    (f"{G}!51", "4.3.2", P003_43, "Develop and deliver a training programme", "CF HP"),
    (f"{G}!52", "4.5.6", P003_43, "Prepare and undertake satisfaction survey", "CF"),
    (f"{G}!53", "4.5.6", P003_43, "Feed back analyse and improve", "CF"),
    (f"{G}!54", "4.5.7", P003_43, "Engage forum in participatory budgeting", "CF HB JP"),
]  # fmt: skip
# where, due, due_kind, rag, reason, flags   (no commentary column: overdue means stale)
SEED003_RATINGS = [
    (f"{C}!6", "2008-03-31", "date", "Green", "On track, due in 60 days", set()),
    (f"{C}!7", "2007-12-31", "date", "Red", "Overdue by 31 days (due 31 Dec 2007)", {"stale"}),
    (f"{G}!6", "2007-09-30", "date|none", "Red", "Overdue by 123 days (due 30 Sep 2007)",
     {"stale"}),
    (f"{G}!7", "2008-03-31", "date|none", "Green", "On track, due in 60 days", set()),
    (f"{G}!12", "2007-10-31", "date|none", "Red", "Overdue by 92 days (due 31 Oct 2007)",
     {"stale"}),
    (f"{G}!13", "2008-06-30", "date|none", "Green", "On track, due in 151 days", set()),
    (f"{G}!15", "2007-12-31", "date|none", "Red", "Overdue by 31 days (due 31 Dec 2007)",
     {"stale"}),
    (f"{G}!16", None, "none", "Grey", "No due date*", set()),
    (f"{G}!23", "2007-08-31", "date|none", "Red", "Overdue by 153 days (due 31 Aug 2007)",
     {"stale"}),
    (f"{G}!24", "2008-03-31", "date|none", "Green", "On track, due in 60 days", set()),
    (f"{G}!30", "2007-11-30", "date|none", "Red", "Overdue by 62 days (due 30 Nov 2007)",
     {"stale"}),
    (f"{G}!31", "2008-06-30", "date|none", "Green", "On track, due in 151 days", set()),
    (f"{G}!32", "2008-03-31", "date|none", "Green", "On track, due in 60 days", set()),
    (f"{G}!39", "2007-07-31", "date|none", "Red", "Overdue by 184 days (due 31 Jul 2007)",
     {"stale"}),
    (f"{G}!40", "2007-10-31", "date|none", "Red", "Overdue by 92 days (due 31 Oct 2007)",
     {"stale"}),
    (f"{G}!41", "2007-12-31", "date|none", "Red", "Overdue by 31 days (due 31 Dec 2007)",
     {"stale", "duplicate-ref"}),
    (f"{G}!42", "2008-03-31", "date|none", "Green", "On track, due in 60 days", {"duplicate-ref"}),
    (f"{G}!43", "2008-05-31", "date|none", "Green", "On track, due in 121 days", set()),
    (f"{G}!50", "2007-12-31", "date|none", "Red", "Overdue by 31 days (due 31 Dec 2007)",
     {"stale"}),
    (f"{G}!51", "2008-06-30", "date|none", "Green", "On track, due in 151 days", set()),
    (f"{G}!52", "2008-03-31", "date|none", "Green", "On track, due in 60 days", {"duplicate-ref"}),
    (f"{G}!53", "2008-06-30", "date|none", "Green", "On track, due in 151 days", {"duplicate-ref"}),
    (f"{G}!54", None, "none", "Grey", "No due date*", set()),
]  # fmt: skip
SEED003_COUNTS = {"Blue": 0, "Green": 11, "Amber": 0, "Red": 10, "Grey": 2}
# Not actions: the parent-ref headings (no lead, no marks), the continuation "along with
# Customer Standards.", the title lines and headers; on Commitments the lines above the header.
SEED003_NOT_ACTIONS = [
    f"{G}!1", f"{G}!3", f"{G}!4", f"{G}!5", f"{G}!11", f"{G}!14", f"{G}!29", f"{G}!38", f"{G}!48",
    f"{G}!49", f"{C}!1", f"{C}!3", f"{C}!4", f"{C}!5",
]  # fmt: skip
# "2.1, 2.2, 2.3," heads 2.1 and 2.2; the spec does not say whether a list of refs is a
# heading. If it is read as an action it can only be an unrated one: no due date, Grey.
SEED003_MAYBE_ACTION = f"{G}!22"

# ---------------------------------------------------------------------------------------------
# Seed 004: CEO service plan 2008/09, one Lead officer column, inherited priorities
# ---------------------------------------------------------------------------------------------
S4 = "Service plan 2008-09"
P004_CUST = "Put our customer first"
P004_DIV = "Promote Diversity"
P004_IMP = "Always Improve"
P004_COMMS = "Communicate openly and honestly"
P004_REPORT = (
    "Develop effective corporate performance reporting mechanisms in preparation for Shropshire "
    "Council and develop a draft Corporate Plan 2009/10"
)
# where, ref, priority, action (start), main lead
SEED004_IDENTITY = [
    (f"{S4}!8", "", P004_CUST, "Workforce Planning (WP) Framework.", "Head of HR&D"),
    (f"{S4}!9", "", P004_CUST, "Customer satisfaction with recruitment activities", "Head of HR&D"),
    (f"{S4}!10", "", P004_CUST, "Develop Performance Management at a local level", "Head of PSU"),
    (f"{S4}!11", "", P004_CUST, "User Focus Reviews", "Head of PSU"),
    (f"{S4}!14", "", P004_DIV, "Promote equality and diversity in employment",
     "Head of HR&D Diversity Officer"),
    (f"{S4}!15", "", P004_DIV, "Ensure equality in the pay arrangements", "Head of HR&D"),
    (f"{S4}!16", "", P004_DIV, "Task and Finish Group on Migrant Workers", "Diversity Officer"),
    (f"{S4}!19", "", P004_IMP, "Effective Management of Unitary Programme",
     "Joint Programme Managers"),
    (f"{S4}!20", "", P004_IMP, "Recruitment and Retention is improved", "Head of HR&D"),
    (f"{S4}!21", "", P004_IMP, "Ensure appropriate communication and consultation", "Head of HR&D"),
    (f"{S4}!22", "", P004_IMP, "Employment policy and terms and conditions", "Head of HR&D"),
    (f"{S4}!25", "", P004_IMP, "Health & Safety arrangements updated", "H&S Manager"),
    (f"{S4}!28", "", P004_REPORT, "Corporate Plan quarterly reports highlight", "Head of PSU"),
    (f"{S4}!37", "", "Care for Staff",
     "Continue to implement and improve the Positive About Absence", "Head of HR&D"),
    (f"{S4}!40", "", "Demonstrate value for money", "Provide support to the Value for Money review",
     "Head of Chief Execs Office"),
    (f"{S4}!43", "", P004_COMMS, "Deliver actions in the Shropshire Council communications plan",
     "Comms Project Manager"),
    (f"{S4}!44", "", P004_COMMS, "Encourage public participation in local democracy",
     "Head of L&DS Comms Project Manager"),
    (f"{S4}!45", "", P004_COMMS, "Encourage participation in elections for the new council.",
     "Head of L&DS Comms Project Manager"),
    (f"{S4}!46", "", P004_COMMS, "Inform and engage with staff and members", "Head of Comms"),
]  # fmt: skip
# where, due, due_kind, rag, reason, flags
SEED004_RATINGS = [
    (f"{S4}!8", "2009-03-31", "date", "Green", "On track, due in 274 days", set()),
    (f"{S4}!9", "2008-04-30", "date", "Red", "Overdue by 61 days (due 30 Apr 2008)", {"stale"}),
    (f"{S4}!10", "2009-05-31", "date", "Green", "On track, due in 335 days", set()),
    (f"{S4}!11", "2009-03-31", "date", "Green", "On track, due in 274 days", set()),
    (f"{S4}!15", "2009-01-31", "date", "Green", "On track, due in 215 days", set()),
    (f"{S4}!16", "2008-10-01", "date", "Green", "On track, due in 93 days", set()),
    (f"{S4}!19", "2008-10-31", "date", "Amber", "Milestone missed*", set()),
    (f"{S4}!20", "2009-03-31", "date", "Amber", "Milestone missed*due 30 Apr 2008", set()),
    (f"{S4}!21", "2009-03-31", "date", "Amber", "Milestone missed*due 31 May 2008", set()),
    (f"{S4}!22", "2009-03-31", "date", "Green", "On track, due in 274 days", set()),
    (f"{S4}!25", "2009-03-31", "date", "Green", "On track, due in 274 days", set()),
    (f"{S4}!40", "2009-03-31", "date", "Green", "On track, due in 274 days", set()),
    (f"{S4}!43", "2009-04-30", "date", "Amber", "Milestone missed*due 30 Apr 2008", set()),
    (f"{S4}!45", "2008-10-31", "date", "Green", "On track, due in 123 days", set()),
    (f"{S4}!46", "2009-04-30", "date", "Amber", "Milestone missed*due 30 Apr 2008", set()),
]  # fmt: skip
# Rows the spec allows two readings of: where, the readings as (due, due_kind, rag, reason)
SEED004_OPEN = [
    # "Quarterly ongoing", followed by rows with only milestone text and a date (no action):
    # skipped (Green, Ongoing), or read as its milestones ("01 June 2008" missed: Amber).
    # (read as milestones, the last milestone's date is the due date: RULES §1, last paragraph)
    (f"{S4}!28", [(None, "ongoing", "Green", "Ongoing"),
                  ("2008-12-31", "ongoing", "Amber", "Milestone missed*due 1 Jun 2008")]),
    # "Ongoing" followed by rows "01-Sep-08", "01-Aug-08": Green either way.
    (f"{S4}!37", [(None, "ongoing", "Green", "Ongoing"),
                  ("2008-09-01", "ongoing", "Green", "On track, due in 63 days")]),
]  # fmt: skip
# Not actions: title lines, headers, and the rows under "Quarterly ongoing"/"Ongoing" that hold
# only milestone text and a date.
SEED004_NOT_ACTIONS = [1, 3, 5, 7, 13, 18, 24, 27, 29, 30, 31, 32, 33, 34, 35, 36, 38, 39, 42]


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
def run_check(path: Path, as_of: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    """Run ``check PATH --json --as-of AS_OF`` in-process; the exit code and the parsed JSON."""
    capsys.readouterr()
    try:
        code = main(["check", str(path), "--json", "--as-of", as_of])
    except SystemExit as exc:  # pragma: no cover - main returns its code
        code = exc.code if isinstance(exc.code, int) else 2
    captured = capsys.readouterr()
    assert captured.out.strip(), f"no JSON on stdout (exit {code}); stderr: {captured.err}"
    return code, json.loads(captured.out)


def clean(text: Any) -> str:
    """Text as a reader sees it: HTML tags and entities removed, spaces collapsed, no bullet."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", "" if text is None else str(text)))
    text = " ".join(text.split())
    return re.sub(r"^[-–•·]\s*", "", text)


def heading_form(text: Any) -> str:
    """A priority with a leading heading ref written one way: "1. Text" and "1 Text" agree."""
    return re.sub(r"^(\d+(?:\.\d+)*)\.?\s+", r"\1 ", clean(text))


def without_ref(text: Any) -> str:
    """Action text without a leading ref such as "1.1 "."""
    return re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", clean(text))


def matches(got: Any, expected: str) -> bool:
    """``expected`` is exact text, or a pattern when it contains ``*``."""
    if "*" in expected:
        return fnmatch.fnmatchcase(clean(got), expected)
    return clean(got) == clean(expected)


def by_place(data: dict) -> dict[str, dict]:
    """The actions keyed by ``"<sheet>!<row>"``."""
    return {f"{a.get('sheet')}!{a.get('row')}": a for a in data["actions"]}


def identity_problems(data: dict, table: list[tuple]) -> list[str]:
    """Each difference between the actions and an identity table (ref, priority, action, lead)."""
    found = by_place(data)
    problems = []
    for where, ref, priority, action, lead in table:
        got = found.get(where)
        if got is None:
            problems.append(f"{where}: no action read from this row")
            continue
        if (got.get("ref") or "") != ref:
            problems.append(f"{where}: ref expected {ref!r}, got {got.get('ref')!r}")
        if priority is not None:
            ok = (
                fnmatch.fnmatchcase(heading_form(got.get("priority")), priority)
                if "*" in priority
                else heading_form(got.get("priority")) == heading_form(priority)
            )
            if not ok:
                problems.append(
                    f"{where}: priority expected {priority!r}, got {got.get('priority')!r}"
                )
        if not without_ref(got.get("action")).startswith(without_ref(action)):
            problems.append(f"{where}: action expected to start {action!r}, got {got['action']!r}")
        if clean(got.get("lead")) != lead:
            problems.append(f"{where}: lead expected {lead!r}, got {got.get('lead')!r}")
    return problems


def rating_problems(data: dict, table: list[tuple]) -> list[str]:
    """Each difference between the actions and a rating table (due, kind, RAG, reason, flags)."""
    found = by_place(data)
    problems = []
    for where, due, kind, rag, reason, flags in table:
        got = found.get(where)
        if got is None:
            problems.append(f"{where}: no action read from this row")
            continue
        ref = got.get("ref") or got.get("action", "")[:30]
        if got.get("due") != due:
            problems.append(f"{where} ({ref}): due expected {due}, got {got.get('due')}")
        if got.get("due_kind") not in kind.split("|"):
            problems.append(f"{where} ({ref}): due_kind expected {kind}, got {got.get('due_kind')}")
        if got.get("rag") != rag:
            problems.append(f"{where} ({ref}): rag expected {rag}, got {got.get('rag')}")
        if not matches(got.get("reason"), reason):
            problems.append(
                f"{where} ({ref}): reason expected {reason!r}, got {got.get('reason')!r}"
            )
        if set(got.get("flags") or []) != flags:
            got_flags = sorted(got.get("flags") or [])
            problems.append(f"{where} ({ref}): flags expected {sorted(flags)}, got {got_flags}")
    return problems


def open_problems(data: dict, table: list[tuple[str, list[tuple]]]) -> list[str]:
    """Each row of an OPEN table whose (due, kind, RAG, reason) is none of the allowed readings."""
    found = by_place(data)
    problems = []
    for where, readings in table:
        got = found.get(where)
        if got is None:
            problems.append(f"{where}: no action read from this row")
            continue
        if not any(
            got.get("due") == due
            and got.get("due_kind") == kind
            and got.get("rag") == rag
            and matches(got.get("reason"), reason)
            for due, kind, rag, reason in readings
        ):
            problems.append(
                f"{where}: expected one of {readings}, got "
                f"{(got.get('due'), got.get('due_kind'), got.get('rag'), got.get('reason'))}"
            )
    return problems


def assert_no_problems(problems: list[str]) -> None:
    """Fail listing every problem, one a line."""
    assert not problems, "\n" + "\n".join(problems)


def errors(data: dict) -> list[dict]:
    """The error-severity checks."""
    return [c for c in data.get("checks", []) if c.get("severity") == "error"]


def tally(data: dict) -> dict[str, int]:
    """Counts per RAG of the actions listed."""
    counted = Counter(a["rag"] for a in data["actions"])
    return {rag: counted.get(rag, 0) for rag in RAGS}


# ---------------------------------------------------------------------------------------------
# Seed 000
# ---------------------------------------------------------------------------------------------
def test_seed000_actions_priorities_and_leads(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 000: 12 actions, blank priorities inherited from above, sub-rows kept, main leads."""
    _code, data = run_check(SEED000, AS_OF[SEED000.name], capsys)
    assert len(data["actions"]) == 12, [a.get("action", "")[:40] for a in data["actions"]]
    assert [(a.get("ref") or "") for a in data["actions"]] == [""] * 12
    assert_no_problems(identity_problems(data, SEED000_IDENTITY))
    assert all(a.get("status") == "In progress" for a in data["actions"])
    assert all(a.get("self_rag") is None for a in data["actions"])


def test_seed000_ratings_at_feb_2010(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 000 at 15 Feb 2010: month-end deadlines, Throughout/TBC, stale month names, no-lead."""
    _code, data = run_check(SEED000, AS_OF[SEED000.name], capsys)
    assert_no_problems(rating_problems(data, SEED000_RATINGS))


def test_seed000_ratings_at_year_end(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 000 at 31 Mar 2010: a Date provided month name moves with the as-of date."""
    _code, data = run_check(SEED000, "2010-03-31", capsys)
    assert_no_problems(rating_problems(data, SEED000_RATINGS_YEAR_END))


def test_seed000_directorate_counts_and_exit(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 000: directorate from the "Directorate:" line, counts, no errors, exit code 0."""
    code, data = run_check(SEED000, AS_OF[SEED000.name], capsys)
    assert data["directorate"] == "Deputy Chief Executive's Office"
    assert data["as_of"] == AS_OF[SEED000.name]
    assert data["file"].endswith(SEED000.name)
    assert data["counts"] == SEED000_COUNTS
    assert tally(data) == SEED000_COUNTS
    assert errors(data) == []
    assert code == 0


def test_unreadable_deadline_is_an_error_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistyped deadline ("Marhc 09") is flagged and is a Checks error on its cell: exit 1."""
    book = tmp_path / SEED000.name
    shutil.copy(SEED000, book)
    wb = openpyxl.load_workbook(book)
    wb["Sheet1"]["C7"] = "Marhc 09"
    wb.save(book)
    code, data = run_check(book, AS_OF[SEED000.name], capsys)
    action = by_place(data)["Sheet1!7"]
    assert "unreadable-date" in action["flags"]
    assert (action["due"], action["due_kind"], action["rag"]) == (None, "none", "Grey")
    found = [(c.get("sheet"), c.get("cell")) for c in errors(data)]
    assert ("Sheet1", "C7") in found, data.get("checks")
    assert any("Marhc 09" in c.get("message", "") for c in errors(data))
    assert code == 1


# ---------------------------------------------------------------------------------------------
# Seed 001
# ---------------------------------------------------------------------------------------------
def test_seed001_section_heading_and_priorities(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 001: a commitment table under a section heading, then a priorities table; 13 actions."""
    _code, data = run_check(SEED001, AS_OF[SEED001.name], capsys)
    assert len(data["actions"]) == 13, [a.get("action", "")[:40] for a in data["actions"]]
    assert_no_problems(identity_problems(data, SEED001_IDENTITY))
    assert all(a.get("status") == "In progress" for a in data["actions"])


def test_seed001_self_assessment_without_deadlines(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 001: with no due dates the self-assessment is the RAG; "n/a" is Grey."""
    _code, data = run_check(SEED001, AS_OF[SEED001.name], capsys)
    found = by_place(data)
    problems = []
    for where, self_rag, *_ in SEED001_RATINGS:
        got = found.get(where, {}).get("self_rag")
        if clean(got).lower() != self_rag.lower():
            problems.append(f"{where}: self_rag expected {self_rag!r}, got {got!r}")
    problems += rating_problems(data, [(row[0], *row[2:]) for row in SEED001_RATINGS])
    assert_no_problems(problems)


def test_seed001_directorate_counts_and_exit(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 001: no Directorate line, so the file name; counts; no errors; exit code 0."""
    code, data = run_check(SEED001, AS_OF[SEED001.name], capsys)
    assert data["directorate"] == "seed001_resources_q2"
    assert data["counts"] == SEED001_COUNTS
    assert tally(data) == SEED001_COUNTS
    assert errors(data) == []
    assert code == 0


def test_seed001_csv_export_reads_like_the_workbook(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 001 as a CSV export: the first table's five actions, read as from the workbook."""
    code, data = run_check(SEED001_CSV, AS_OF[SEED001.name], capsys)
    assert len(data["actions"]) == 5, [a.get("action", "")[:40] for a in data["actions"]]
    for action in data["actions"]:
        action["sheet"] = "Resources Q2"  # the CSV's rows are the workbook's rows
    first_table = [row for row in SEED001_IDENTITY if int(row[0].split("!")[1]) < 15]
    problems = identity_problems(data, first_table)
    problems += rating_problems(
        data, [(row[0], *row[2:]) for row in SEED001_RATINGS if int(row[0].split("!")[1]) < 15]
    )
    assert_no_problems(problems)
    assert data["directorate"] == "seed001_resources_q2"
    assert code == 0


# ---------------------------------------------------------------------------------------------
# Seed 002
# ---------------------------------------------------------------------------------------------
def test_seed002_refs_from_action_text_and_section_priorities(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Seed 002: refs taken from the action text, sections as priorities over page headers."""
    _code, data = run_check(SEED002, AS_OF[SEED002.name], capsys)
    assert [a.get("ref") for a in data["actions"]] == SEED002_REFS
    assert_no_problems(identity_problems(data, SEED002_IDENTITY))
    found = by_place(data)
    assert [row for row in SEED002_NOT_ACTIONS if f"Appendix 1!{row}" in found] == []


def test_seed002_ratings(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 002 at 30 Jun 2008: multi-date WHEN cells give missed milestones, "Mar 09?", TBC."""
    _code, data = run_check(SEED002, AS_OF[SEED002.name], capsys)
    assert_no_problems(rating_problems(data, SEED002_RATINGS) + open_problems(data, SEED002_OPEN))


def test_seed002_directorate_counts_and_exit(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 002: directorate from the file name, counts agree with the actions, exit code 0."""
    code, data = run_check(SEED002, AS_OF[SEED002.name], capsys)
    assert data["directorate"] == "seed002_caa_programme"
    assert data["as_of"] == "2008-06-30"
    assert data["counts"] == tally(data)
    assert sum(data["counts"].values()) == 21
    certain = Counter(row[3] for row in SEED002_RATINGS)
    assert all(data["counts"][rag] >= certain[rag] for rag in RAGS), data["counts"]
    assert errors(data) == []
    assert code == 0


# ---------------------------------------------------------------------------------------------
# Seed 003
# ---------------------------------------------------------------------------------------------
def test_seed003_grid_and_commitments_actions(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 003: grid-only actions plus the commitments; parent-ref rows are headings."""
    _code, data = run_check(SEED003, AS_OF[SEED003.name], capsys)
    found = by_place(data)
    maybe = found.pop(SEED003_MAYBE_ACTION, None)
    if maybe is not None:
        assert (maybe.get("due"), maybe.get("rag")) == (None, "Grey"), maybe
    refs = sorted((a.get("ref") or "") for a in found.values())
    assert refs == sorted(row[1] for row in SEED003_IDENTITY)
    assert [where for where in SEED003_NOT_ACTIONS if where in found] == []
    assert_no_problems(identity_problems(data, SEED003_IDENTITY))


def test_seed003_timeline_ratings_and_duplicates(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 003 at 31 Jan 2008: due dates from "x" and filled months (July 2007 on); duplicates."""
    _code, data = run_check(SEED003, AS_OF[SEED003.name], capsys)
    assert_no_problems(rating_problems(data, SEED003_RATINGS))


def test_seed003_directorate_counts_and_exit(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 003: directorate from the file name, counts, no errors, exit code 0."""
    code, data = run_check(SEED003, AS_OF[SEED003.name], capsys)
    assert data["directorate"] == "seed003_improvement_plan"
    counts = dict(data["counts"])
    if SEED003_MAYBE_ACTION in by_place(data):
        counts["Grey"] -= 1
    assert counts == SEED003_COUNTS
    assert data["counts"] == tally(data)
    assert errors(data) == []
    assert code == 0


# ---------------------------------------------------------------------------------------------
# Seed 004
# ---------------------------------------------------------------------------------------------
def test_seed004_priorities_and_leads(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 004: inherited (and merged) priorities, one lead per cell unless separated."""
    _code, data = run_check(SEED004, AS_OF[SEED004.name], capsys)
    assert len(data["actions"]) == 19, [a.get("action", "")[:40] for a in data["actions"]]
    assert_no_problems(identity_problems(data, SEED004_IDENTITY))
    found = by_place(data)
    assert [row for row in SEED004_NOT_ACTIONS if f"{S4}!{row}" in found] == []


def test_seed004_ratings(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 004 at 30 Jun 2008: multi-date and HTML deadlines, missed milestones, Ongoing."""
    _code, data = run_check(SEED004, AS_OF[SEED004.name], capsys)
    assert_no_problems(rating_problems(data, SEED004_RATINGS) + open_problems(data, SEED004_OPEN))


def test_seed004_directorate_counts_and_exit(capsys: pytest.CaptureFixture[str]) -> None:
    """Seed 004: directorate from the file name, counts agree with the actions, exit code 0."""
    code, data = run_check(SEED004, AS_OF[SEED004.name], capsys)
    assert data["directorate"] == "seed004_service_plan"
    assert data["counts"] == tally(data)
    certain = Counter(row[3] for row in SEED004_RATINGS)
    assert all(data["counts"][rag] >= certain[rag] for rag in RAGS), data["counts"]
    assert errors(data) == []
    assert code == 0


# ---------------------------------------------------------------------------------------------
# Every sample
# ---------------------------------------------------------------------------------------------
ALL_SAMPLES = [SEED000, SEED001, SEED002, SEED003, SEED004]


@pytest.mark.parametrize("path", [*ALL_SAMPLES, SEED001_CSV], ids=lambda p: p.name)
def test_check_is_read_only(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``check`` leaves the file's bytes and modification time alone and writes no other file."""
    before = (path.read_bytes(), path.stat().st_mtime_ns, sorted(LEGACY.iterdir()))
    run_check(path, AS_OF[path.with_suffix(".xlsx").name], capsys)
    after = (path.read_bytes(), path.stat().st_mtime_ns, sorted(LEGACY.iterdir()))
    assert before[0] == after[0]
    assert before[1] == after[1]
    assert before[2] == after[2]


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.parametrize("path", ALL_SAMPLES, ids=lambda p: p.name)
def test_libreoffice_round_trip_reads_the_same(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sample saved again by LibreOffice gives the same ``check --json`` (all but "file")."""
    converted = soffice_convert(path, "xlsx", tmp_path / "lo")
    as_of = AS_OF[path.name]
    _, original = run_check(path, as_of, capsys)
    _, again = run_check(converted, as_of, capsys)
    original.pop("file")
    again.pop("file")
    assert again == original
