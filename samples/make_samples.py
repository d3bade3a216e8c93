"""Write the legacy sample workbooks in ``samples/legacy/``: ``python samples/make_samples.py``.

Each workbook is a realistic subset of one of the five council documents the product is built
for: the Word or PDF table pasted into Excel by a council officer, one table row per sheet row,
the text exactly as the officer had it (odd spacing, HTML fragments left over from a web export,
title lines and repeated page headers). Deadlines such as "Mar-11" are kept as the text the
officer typed, not converted to Excel dates.

What is added beyond the documents themselves:

* seed 000: the two lines above the table ("Corporate Plan 2009-11 - key commitments" and
  "Directorate: Deputy Chief Executive's Office");
* seed 003: the timeline marks (the documents' text lost them) -- "x" in some month cells, a
  solid fill with no text in others (see ``SEED003_GRID``), and the split into two sheets,
  "Timeline grid" and "Commitments";
* seed 004: the "SCC priority" cell of the first page merged over its four rows, as Excel keeps a
  vertically merged Word cell;
* ``seed001_resources_q2.csv``: the first table of seed 001 as a user's CSV export.

The output is byte-for-byte reproducible: the zip entries' times and the document properties'
times are pinned.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

OUT = Path(__file__).resolve().parent / "legacy"
PINNED = dt.datetime(2008, 7, 1, 9, 0, 0)
MARK_FILL = PatternFill(fill_type="solid", fgColor="FF4F81BD")

Cells = Sequence[object]


@dataclass
class Sheet:
    """One sheet: its rows (``None``/"" is an empty cell), which rows are headings, widths."""

    title: str
    widths: Sequence[float]
    rows: list[list[object]] = field(default_factory=list)
    bold_rows: set[int] = field(default_factory=set)
    filled: set[tuple[int, int]] = field(default_factory=set)
    merges: list[str] = field(default_factory=list)

    def blank(self) -> None:
        """An empty row (the blank paragraph between a title line and a table)."""
        self.rows.append([])

    def line(self, text: str) -> None:
        """A title or section line: one cell of text in column A."""
        self.rows.append([text])

    def header(self, cells: Cells) -> None:
        """A table's header row (bold, as the Word table's header row)."""
        self.rows.append(list(cells))
        self.bold_rows.add(len(self.rows))

    def data(self, cells: Cells) -> int:
        """A table row; returns its sheet row number."""
        self.rows.append(list(cells))
        return len(self.rows)


# ---------------------------------------------------------------------------------------------
# Seed 000: corporate commitments 2009-11 (two pages of one table)
# ---------------------------------------------------------------------------------------------
SEED000_HEADER = [
    "Our key commitments for 2009-11",
    "What are the key actions we will take to achieve these commitments?",
    "Completion date",
    "Strategic lead",
    "Latest Commentary",
    "Date provided",
]
SEED000_PAGE1 = [
    [
        "Deal positively with all complaints alleging discriminatory treatment",
        "All complaints of a discriminatory nature to result in further action",
        "Throughout 2009-11",
        "Deputy Chief Executive",
        "All complaints/request for support/ advice, result in further action. To date 100% of "
        "such complaints have been dealt with appropriately.",
        "March",
    ],
    [
        "Rationalisation of Council and PCT estates",
        "Implement Accommodation Strategy",
        "Mar-11",
        "Director of Resources",
        "Joint Accommodation Strategy agreed in December 2009.",
        "February",
    ],
    [
        "Ensure the Council is fully prepared to meet the challenges in the Local Government & "
        "Public Involvement in Health Act 2007",
        "Improved PACT and other consultation mechanisms in place",
        "Mar-09",
        "Deputy Chief Executive",
        "A community engagement strategy has been developed. This is currently being further "
        "refined. It is anticipated that following the task and finish exercise scheduled for "
        "31st March, the strategy will be completed before the end of May 2010.",
        "February",
    ],
    [
        "",
        "Implement changes identified by review of constitution",
        "Mar-11",
        "",
        "The revised constitution was adopted on January 4th 2010. A round of briefing sessions "
        "was held in February 2010 for senior managers. Further work is required to improve and "
        "develop if further; this will be led by the Constitution Review Group.",
        "February",
    ],
    [
        "Reach the 'excellence' rating of the equality standard for local government",
        "Continue to roll out EIA process",
        "",
        "Deputy Chief Executive",
        "The Equality Standard for local government has been superseded by the Equality "
        'Framework and we have been assessed as "Achieving" in February 2009. We have until 2011 '
        'to progress to the next level which is "Excellent".',
        "October",
    ],
    [
        "",
        "Ensure up-to-date equality schemes in place:",
        "",
        "",
        "It has been agreed by Cabinet, JMT and the PCT board (OCT 2009) to pursue joint equality "
        "policies. A new Single Equality Policy will be in place by April 2010.",
        "October",
    ],
    ["", "- Disability scheme", "Oct-09", "", "", ""],
    [
        "",
        "- Gender scheme",
        "Apr-10",
        "",
        "Work to review this scheme started in January 2010.",
        "February",
    ],
    [
        "",
        "Complete roll-out of impact assessment plans across all directorates",
        "Mar-11",
        "",
        "Most of the Council directorates are continuing with a programme of Impact needs "
        "assessments which has become embedded within the service planning process, however, "
        "there is concern that within PCT service areas there is little or no evidence of Impact "
        "assessments taking place and there is no organised/managed or monitored programme of "
        "assessments in place.",
        "October",
    ],
]
SEED000_PAGE2 = [
    [
        "Continue to achieve improvements in data quality",
        "Continue to implement data quality action plan – score 3 or equivalent in 2009-10",
        "Mar-10",
        "Deputy Chief Executive",
        "Improved progress in September which was reported to JMT and Cabinet, with more tasks "
        "being completed. Still behind schedule overall. By the end of March 2010 all actions in "
        "the Data Quality Action Plan will either have been completed or be underway. (There will "
        "only be nine continuing to be taken forward, a number of which are, by their nature, "
        "continuous processes).",
        "February",
    ],
    [
        "Improve the effectiveness of services",
        "Shared Services Review",
        "Aug-09",
        "Deputy Chief Executive",
        "The business case was completed August 2009 and the recommendations approved by JMT and "
        "HHT Board. These recommendations included a soft market sounding, completed October "
        "2009, together with a procurement quick wins review. An update on the Soft Market "
        "exercise was taken to Cabinet, PCT and HHT Board December 2009. Formal approval to the "
        "Business case was given by Cabinet (18/02), PCT Board (25/02) and Trust Boards "
        "management team. Approval has been given for the preferred partnership model (Public / "
        "Public JV Co) on 18/03 (Cabinet), 25/03 (PCT Board). HHT are exploring this option in "
        "further detail and have not formally approved as yet. Work continues in preparing a "
        "shadow JV for July 2010, final decisions subject to Cabinet and Trust Board approvals. A "
        "supporting communications plan includes member / non-executive director, staff and "
        "Trade Union briefings. A Trade Union Staff consultative forum is in place, inaugural "
        "meeting in April 2010.",
        "October",
    ],
    [
        "Improve customer service",
        "Customer Strategy",
        "To be confirmed",
        "Deputy Chief Executive",
        "The Customer Strategy was signed off by JMT in October 2009. The strategy covers the "
        "period 2009-2011. Progress against the action plan is currently on schedule. For "
        "example, the first major milestone is the creation of a Corporate Customer Insight Unit "
        "in January 2010.",
        "October",
    ],
]


def seed000() -> list[Sheet]:
    """Seed 000's table, with a title and a Directorate line added above it."""
    sheet = Sheet("Sheet1", widths=[38, 42, 16, 24, 70, 14])
    sheet.line("Corporate Plan 2009-11 - key commitments")
    sheet.line("Directorate: Deputy Chief Executive's Office")
    sheet.blank()
    sheet.header(SEED000_HEADER)
    for row in SEED000_PAGE1:
        sheet.data(row)
    sheet.blank()
    sheet.header(SEED000_HEADER)
    for row in SEED000_PAGE2:
        sheet.data(row)
    return [sheet]


# ---------------------------------------------------------------------------------------------
# Seed 001: Resources Q2 2007-08 monitoring (two tables, RAG self-assessment, no deadlines)
# ---------------------------------------------------------------------------------------------
SEED001_TITLES = [
    "MTCS and ANNUAL PLAN COMMITMENTS MONITORING Q2 2007-08 -Resources",
    "C - Improving Services to Deliver High Quality and Value for Money",
    "Green – On Trajectory And Within Acceptable Tolerances, Amber – Off Trajectory And Outside "
    "Acceptable Tolerances But With Prospects For Recovery With Remedial Action; Red Off "
    "Trajectory And So Far From Acceptable Tolerances There Is Little Prospect Remedial Activity "
    "Will Get Indicator Trajectory Back On Target",
]
SEED001_HEADER1 = [
    "Annual Plan Commitment",
    "Responsible Officer",
    "Red/Amber/ Green?",
    "Comments On Progress",
]
SEED001_SECTION = "Strategic Change Programme"
SEED001_TABLE1 = [
    [
        "Customer First will: Introduce our first departmental customer service centre in "
        "Highways, Transportation and Waste Management in November 2007. This will provide "
        "greatly improved access to information about council services, and make requests for "
        "services simpler and more convenient.",
        "Simon Lawrence",
        "Green",
        "The Customer First Programme remains on track to meet this commitment. All new processes "
        "are agreed with Highways, Transportation and Waste Management The technical solution is "
        "going through a rigorous testing process, staff recruitment is complete and training "
        "on-going",
    ],
    [
        " Continue with the development of an improved website to encourage more customers to "
        "obtain information and carry out transactions. ",
        "Simon Lawrence",
        "Green",
        "Web pages for all Highways, Transportation and Waste Management services are being "
        "re-written to ensure consistency with how services will be delivered by the customer "
        "service centre. These pages will be supported with new e-forms for HTWM services.",
    ],
    [
        "Continue to implement our programme of face to face access to customer services within "
        "local communities through the use of our modern libraries",
        "Simon Lawrence",
        "Green",
        "A strategy for face to face customer service has been agreed, including the "
        "identification of 2 libraries that will see the development of a service shop in the new "
        "year. Dialogue with our partners regarding offering a range of services at these "
        "locations is ongoing.",
    ],
    None,  # the blank row between the two groups of the first table
    [
        " People and Performance will: Develop further Attendance Management Initiatives across "
        "the council, including reviewing links with the Occupational Health Service Introduce a "
        "new targeted programme of management development Report on Equal Pay review ",
        "Jo Boulton",
        "Green",
        "The Attendance Management Project has been successfully completed, and there have been "
        "significant reductions in sickness absence in particular departments within the Council. "
        "The new Occupational Health contract will include new health promotion and well-being "
        "initiatives, and will be awarded by January. Management development provision is being "
        "redeveloped, but further progress is linked to the implementation of the HR Review. The "
        "Equal Pay Audit has been completed, and an Action Plan produced.",
    ],
    [
        "Organisational Efficiency will: Continue to identify efficiency savings which will "
        "contribute to the target of £14.2m for 2007-08 to 2009/10.",
        "Chris Tambini",
        "Green",
        "The 2007/08 budget savings target is on track. Slippage in some areas should be at least "
        "in part compensated for by savings on others. At the present time the target for 2008/09 "
        "looks achievable. The final year is the highest risk with projects at an early stage of "
        "development. The target will need to be reviewed given the requirements for higher "
        "efficiency savings in the Comprehensive Spending Review.",
    ],
]
SEED001_BETWEEN = [
    "MTCS targets and priorities Improve Services So They Are High Quality And Value For Money "
    "- Resources",
    "MTCS targets and priorities Quality, Customers and Diversity",
    "Green – On Trajectory and Within Acceptable Tolerances",
    "Amber – Off Trajectory and Outside Acceptable Tolerances But With Prospects For Recovery "
    "With Remedial Action Red Off Trajectory And So Far From Acceptable Tolerances There Is "
    "Little Prospect Remedial Activity Will Get Indicator Trajectory Back On Target",
]
SEED001_HEADER2 = [
    "HIGH PRIORITIES",
    "WE WILL ACHIEVE",
    "Responsible Officer",
    "Red/Amber/ Green?",
    "Comments On Progress",
]
SEED001_TABLE2 = [
    [
        "Implement the next phase of our Human Resources Strategy",
        "Investor in People status for all services",
        "Liz Clark",
        "Amber",
        "Two departments have yet to obtain IIP",
    ],
    [
        "",
        "10% reduction in sickness absence from an average of 9.3 days in 2004/05 to less than "
        "8.37 in 2008/09.",
        "Jo Boulton",
        "Green",
        "On track with significant reductions already achieved. Further actions to be taken "
        "following the review of progress to date.",
    ],
    [
        "Deliver improvements in the efficiency of Council services",
        "7.5% efficiency gain by 2008 measured in accordance with efficiency guidance issued by "
        "the Government.",
        "Chris Tambini",
        "Green",
        "Achieved one year early.",
    ],
    [
        "Deliver our commitment to equalities issues",
        "An increased % of black and minority ethnic employees in the workforce to 5.5% and "
        "disabled employees to 3.8%.",
        "Jo Boulton",
        "Amber",
        "Current forecast is for 5% and 3.4% respectively",
    ],
    [
        "",
        "A new CSC in place during 2006/07 – 80% queries resolved at first point of contact,",
        "Liz Clark",
        "n/a",
        "Timescale not applicable given decision to go ahead with customer first.",
    ],
    [
        "",
        "80% users satisfied with customer experience,",
        "Liz Clark",
        "Green",
        "Now part of customer first project",
    ],
    [
        "",
        "25% increase in hours the Council can be contacted for services provided by the CSC.",
        "Liz Clark",
        "Green",
        "Now part of customer first project",
    ],
    [
        "",
        "Top quartile public satisfaction with the Council.",
        "Brian Roberts",
        "Red",
        "The Council's performance was in the bottom quartile, based on the MORI survey. An "
        "Action Plan has been developed which will address specific issues.",
    ],
]


def seed001_first_part() -> list[list[object]]:
    """The title lines and the first table of seed 001, as rows (shared by the CSV)."""
    rows: list[list[object]] = []
    for title in SEED001_TITLES:
        rows += [[title], []]
    rows.append(list(SEED001_HEADER1))
    rows.append([SEED001_SECTION, "", "", ""])
    rows += [list(row) if row else [] for row in SEED001_TABLE1]
    return rows


def seed001() -> list[Sheet]:
    """Seed 001: titles, RAG definitions, the section-headed table and the priorities table."""
    sheet = Sheet("Resources Q2", widths=[60, 60, 20, 18, 70])
    for row in seed001_first_part():
        if row == SEED001_HEADER1:
            sheet.header(row)
        else:
            sheet.data(row)
    sheet.blank()
    for title in SEED001_BETWEEN:
        sheet.line(title)
        sheet.blank()
    sheet.header(SEED001_HEADER2)
    for row in SEED001_TABLE2:
        sheet.data(row)
    return [sheet]


# ---------------------------------------------------------------------------------------------
# Seed 002: CAA preparation programme, updated to 30 06 08 (page headers repeated)
# ---------------------------------------------------------------------------------------------
SEED002_HEADER = [
    "ACTION",
    "WHEN",
    "PROGRESS",
    "SUCCESS CRITERIA",
    "RESPONSIBLE OFFICER (and others with a major role)",
    "RELEVANT PROGRAMMES/ PROJECTS & OTHER COMMENTS",
]
SEED002_SECTIONS = {
    1: "1. Understanding the area and its diverse communities, with particular emphasis on the "
    "disadvantaged",
    2: "2. Engaging and empowering local citizens and service users, with particular emphasis on "
    "the disadvantaged",
    3: "3. Using this understanding, engagement and empowerment as the basis for the Council's "
    "and the Herefordshire Partnership's shared vision, priorities, objectives and commissioning",
    4: "4. Ensuring that the necessary capacity is in place to achieve the vision, priorities and "
    "objectives",
    6: "6. Ensuring that the Council, with its partners, is improving well/has promising "
    "prospects for improvement in the direction of travel assessment",
}
# Each page: (section heading or None, rows). A page starts with the "Updated to" and
# "Appendix 1" lines and the table header, as every page of the document does.
SEED002_PAGES: list[tuple[int | None, list[list[object]]]] = [
    (
        1,
        [
            [
                "1.1 Joint Strategic Needs Analysis – JSNA (health and well-being; statutory, "
                "comes into effect 1 April 2008)",
                "Apr 08",
                "Initial draft baseline analysis, gap analysis and proposals for prioritised "
                "programme produced. Being considered by Joint Management Team on 7 th July.",
                "In accordance with the Government guidance. Joint programme agreed by the Council "
                "and PCT, with involvement of other partners.",
                "Director of Public Health, Deputy Chief Executive, Director of Integrated "
                "Commissioning, Interim Director of Adult Social Care, Director of Children's "
                "Services (Other directors, Research, Heads of service and partner organisations)",
                "Existing health and social care needs analyses, including the <i>Annual report of "
                "the Director of Public Health and The State of Herefordshire Report</i>",
            ],
            [
                "1.2 Needs analyses for other aspects",
                "Feb 08",
                "Rolled up with JSNA to form a single programme. Leadership by Deputy Chief "
                "Executive and the Director of Public Health (managed by Policy and Performance)",
                "Clear leadership",
                "Director of Public Health, Deputy Chief Executive, Director of Integrated "
                "Commissioning, Interim Director of Adult Social Care, Director of Children's "
                "Services",
                "Existing needs analyses, including <i>The State of Herefordshire Report</i> and "
                "<i>The Sub-regional Economic Assessment</i>",
            ],
        ],
    ),
    (
        None,
        [
            [
                "1.3 Identify changes needed to data collection and analysis to provide reliable, "
                "regular data, e.g. single, shared client data-bases, setting a prioritised "
                "timetable for each element",
                "Apr 08 Mar 09",
                "Timetabled priorities identified in the proposed prioritised programme for JSNA "
                "and wider needs analysis (see above), taking account of the Regional Improvement "
                "and Efficiency Programme and the implementation of the Data Quality Action Plan",
                "Prioritised timetable in place Desired data and analysis produced, providing a "
                "sound basis for setting priorities, objectives and targets, and for commissioning",
                "Tony Geeson (Heads of service, performance improvement managers, Research)",
                "<i>Data Quality Action Plan and Herefordshire Connects</i>",
            ],
            [
                "1.4 Place-based mandatory satisfaction survey",
                "Sep 08",
                "Final guidance received from DCLG; fieldwork to take place between 29 th "
                "September and 19 th December.",
                "In accordance with the statutory requirements",
                "Tony Cramp (Martin Heuter, heads of service)",
                "The Council's annual satisfaction and citizens' panel surveys, and its Community "
                "Consultation Strategy",
            ],
            [
                "1.5 Equalities impact assessments (EIAs) Current round Next round",
                "Mar 08 Mar 09",
                "Year 4 of 5 year rolling programme completed. 45 EIAs in Children & Young People, "
                "Human Resources and Adult & Community Services completed. Quality assured by the "
                "Diversity Group. Year 5 started. All DMTs for the 3 directorates under the "
                "spotlight this year (Resources, Environment & Culture, and the Deputy Chief "
                "Executives office) have had an initial presentation, and training sessions have "
                "been delivered for a number of teams. Estimated 51 assessments to be completed "
                "this year.",
                "Provide a sound basis for setting priorities, objectives and targets, and for "
                "commissioning",
                "Carol Trachonitis (Heads of service; Research)",
                "The various equalities action plans",
            ],
        ],
    ),
    (
        2,
        [
            [
                "<p>2.1 Meeting the new statutory duty to involve local people in decisions (comes "
                "into effect on 1 April 2009), including amendments to the Council's Constitution, "
                "complaints process and handling of public petitions</p> <p>Scoping what exists, "
                "then and gap analysis, leading to prioritised programme, particularly in respect "
                "of the disadvantaged</p> <p>Able to meet statutory duty</p>",
                "<p>Mar 08</p> <p>Apr 09</p>",
                "<p>Initial scoping and gap analysis done. To be completed by July 2008 in the "
                "light of expected statutory guidance from Government and the promised community "
                "empowerment white paper.</p> <p>Work commenced on identifying any likely changes "
                "required to the Council's Constitution.</p>",
                "<p>Measurable improvements in services/outcomes, demonstrably related to local "
                "people's involvement</p> <p>Improved public perception ratings of the Council/PCT "
                "overall and individual services/factors</p> <p>Improved ratings in respect of the "
                "public's perception of involvement and influence</p> <p>Compliance with the "
                "statutory duty</p>",
                "<p>Jennifer Watkins, Martin Heuter, Alan McLaughlin (Research, heads of service, "
                "consultation staff elsewhere in the Council and in the PCT and partner "
                "organisations)</p>",
                "<p>Community Involvement Strategy.</p> <p>PACTs, LINKs.</p> <p>Public "
                "consultation team's review of involvement and consultation mechanisms in the "
                "county.</p> <p>Public consultation on the <i>Local Development Framework</i></p>",
            ],
            [
                "2.3 Establish stronger, more effective links with neighbourhoods and parishes",
                "Dec 08",
                "<p>Parishes with outstanding actions from parish plans sent funding "
                "literature.</p> <p>Review of parish planning planned for July-September to pick "
                "up on the publication of the empowerment white paper.</p> <p>Working with HALC to "
                "set up a telephone information line and distributing leaflets to all residents "
                "encouraging residents to actively engage and become involved with local "
                "government.</p> <p>Community Regeneration developing a database of parish "
                "newsletters to improve communication.</p> <p>Co-ordinating response to expected "
                "programme of post office closures, and investigating alternative methods of "
                "delivering key services previously provided by post offices.</p>",
                "<p>Measurable improvements in services/outcomes demonstrably related to local "
                "people's involvement.</p> <p>Improved public perception ratings of the Council "
                "overall and individual services/factors.</p> <p>Improved ratings in respect of "
                "the public's perception of involvement and influence.</p>",
                "Martin Heuter, Nina Bridges, Robert Blower (Heads of service, Research, "
                "Environment)",
                "<p>Early wins from parish plan action plans already made available to "
                "services.</p> <p>PACTs, LINKs.</p>",
            ],
        ],
    ),
    (
        None,
        [
            # The end of 2.3's progress text, carried over the page break: no ref, no action.
            [
                "",
                "",
                "As part of the Scrutiny Development Plan 2008-09, the views of Town and Parish "
                "Councils will be sought on suggestions for areas for scrutiny.",
                "",
                "",
                "",
            ],
        ],
    ),
    (
        3,
        [
            [
                "3.1 New Local Area Agreement (LAA)",
                "Jun 08",
                "LAA approved.",
                "Agreed priorities, outcomes, objectives and targets for Herefordshire on which "
                "all partners are agreed and working together to achieve. Ministerial approval. "
                "Achievement of the LAA targets.",
                "Deputy Chief Executive, Michael Hainge, Jennifer Watkins (Heads of service, "
                "performance improvement managers, Research, PCT and other partner organisations)",
                "Council's Corporate Plan and the plans of the PCT and other partner organisations",
            ],
            [
                "3.2 Action plan for the Sustainable Community Strategy (SCS), including the new "
                "LAA",
                "Mar 08",
                "Structure and content being developed in the light of the new LAA; no date "
                "agreed. Support being provided through the Regional Improvement and Efficiency "
                "Programme.",
                "Addresses the main risks to achieving SCS objectives and LAA targets",
                "Deputy Chief Executive, Michael Hainge, Jennifer Watkins (Heads of service, "
                "performance improvement managers)",
                "",
            ],
        ],
    ),
    (
        None,
        [
            [
                "3.3 Review of the SCS in light of the needs analyses and other actions under "
                "sections 1 and 2 above",
                "Apr 09",
                "Lessons from the development of the SCS in 2005 currently being pulled together "
                "to inform the 09/10 Review.",
                "SCS reviewed to reflect the findings of the needs analyses",
                "Deputy Chief Executive, Michael Hainge, Jennifer Watkins (Heads of service, "
                "performance improvement managers, Research)",
                "<i>The State of Herefordshire Report</i>",
            ],
            [
                "3.4 Review and roll forward of the LAA in parallel with 3.3",
                "Apr 09",
                "",
                "LAA revised, as necessary, to reflect the findings of the needs analyses",
                "Michael Hainge, Jennifer Watkins (Heads of service, performance improvement "
                "managers, Research)",
                "SCS Review in Section 3.3",
            ],
            [
                "3.5 Council's Corporate Plan 2008-11 to deliver its lead elements of the SCS/LAA",
                "Mar 08",
                "Corporate Plan 2008-11 approved by Council.",
                "Corporate Plan includes targets and key actions to deliver the Council's lead "
                "elements in the SCS and LAA. Identification and successful management of the "
                "risks to achieving the targets and key actions",
                "Steve Martin (Heads of service, performance improvement managers, Andrew Rewell)",
                "",
            ],
            [
                "3.7 Determine prioritised programme of commissioning plans",
                "Dec 08",
                "",
                "Prioritised programme for commissioning plans in place",
                "Director of Integrated Commissioning (PCT, other directors, heads of service, "
                "performance improvement managers)",
                "Procurement Plan",
            ],
            [
                "3.8 Commissioning plans",
                "As agreed under 3.7",
                "",
                "Improved services and outcomes for people; and improved value for money",
                "The designated head of service for each commissioning plan (to be agreed under "
                "3.7)",
                "Procurement Plan",
            ],
        ],
    ),
    (
        4,
        [
            [
                "4.3 Joint commissioning capacity developed across the Herefordshire Partnership, "
                "including compact principles",
                "Mar 09?",
                "",
                "Joint commissioning capacity in place across the Partnership (commissioning areas "
                "to be determined). Measurable improvements in services and outcomes for users; "
                "and better value for money",
                "Director of Integrated Commissioning (Heads of service, partner organisations, "
                "including the Alliance)",
                "",
            ],
            [
                "4.7 Implement new Council/PCT and Partnership organisational structures",
                "To be determined under 4.6",
                "As 4.6.",
                "New structures in place and operating effectively. Integrated planning and "
                "performance management arrangements operating efficiently and effectively. "
                "Efficient and effective delivery of priorities, objectives and targets",
                "Andrew Williams, Gi Cheesman (Other directors, PCT, other partner organisations, "
                "Tony Geeson, Jennifer Watkins)",
                "",
            ],
            [
                "4.10 Review ICT requirements to deliver this programme",
                "May 08 Sep 08",
                "The <i>Herefordshire Connects</i> programme remains under review.",
                "Initial review completed, early priorities agreed Review finalised, longer-term "
                "priorities agreed",
                "Deputy Chief Executive, Head of ICT (Heads of service, performance improvement "
                "managers, PCT, other partner organisations)",
                "<i>Herefordshire Connects</i>",
            ],
            [
                "4.12 Establish strengthened scrutiny arrangements that will make a major "
                "contribution to planning and performance management across the Council/PCT and "
                "the Herefordshire Partnership",
                "Mar 08",
                "Informal meeting of Strategic Monitoring Committee held in April. SMC approved a "
                "new development plan in June. There are proposals to have an independent peer "
                "assessment during the autumn.",
                "Strengthened arrangements in place",
                "Tony Geeson (Alan McLaughlin, Committee Services, PCT and other partner "
                "organisations)",
                "The full scrutiny programme",
            ],
            [
                "4.13 Operate the strengthened scrutiny arrangements",
                "Sep 08",
                "Has begun.",
                "Strengthened arrangements operating effectively",
                "Tony Geeson (Alan McLaughlin, Committee Services, PCT and other partner "
                "organisations)",
                "The full scrutiny programme",
            ],
        ],
    ),
    (
        6,
        [
            [
                "6.3 Action plan for prioritised improvements in local authority indicator "
                "performance and other factors relevant to the Direction of Travel assessment to "
                "improve the rating in February 2010",
                "Mar 08 Mar 09 Mar 09 Feb 10",
                "Areas identified in 6.1 above are included in relevant service plans and will be "
                "monitored throughout the year as part of the proposed new corporate performance "
                "reports.",
                "Action plan in place, with the relevant elements included in directorate/service "
                "plans Action plan implemented Improved performance against indicators Higher "
                "assessment rating",
                "Kevin Lloyd (Directors, heads of service, performance improvement managers)",
                "For 2007-08 PIs performance, which will be the prime factor in the February 2009 "
                "direction of travel assessment, regular reports to CMB until early April 2008. "
                "Corporate Plan 2008-11",
            ],
        ],
    ),
    (
        None,
        [
            [
                "<p>6.4 Action plan for prioritised improvements in partners' indicator "
                "performance and other factors relevant to the Direction of Travel assessment to "
                "improve the rating in February 2010</p>",
                "Mar 08",
                "<p>Proposals made for the management of the new national indicator set, with each "
                "indicator having an identified Council lead to ensure focus is maintained. These "
                "arrangements will be included in the Partnership performance improvement "
                "framework (see 4.1 above).</p>",
                "Action plan in place",
                "<p>Chris Bucknell (Michael Hainge, other directors, Kevin Lloyd, heads of "
                "service, performance improvement managers, PCT, other partner organisations)</p>",
                "<p>Herefordshire Sustainable Community Strategy. The new Local Area "
                "Agreement.</p>",
            ],
            ["", "Mar 09", "", "Action plan implemented", "", ""],
            ["", "Mar 09", "", "Improved performance against indicators", "", ""],
            ["", "Feb 10", "", "Higher assessment rating", "", ""],
        ],
    ),
]


def seed002() -> list[Sheet]:
    """Seed 002: pages of one programme table, each under the 'Updated to' and appendix lines."""
    sheet = Sheet("Appendix 1", widths=[60, 14, 60, 45, 45, 45])
    sheet.line(
        "Herefordshire Comprehensive Area Assessment preparation programme: January 2008 to "
        "December 2009"
    )
    sheet.blank()
    for number, rows in SEED002_PAGES:
        sheet.line("Updated to 30 06 08")
        sheet.blank()
        sheet.line("Appendix 1")
        sheet.blank()
        if number is not None:
            sheet.line(SEED002_SECTIONS[number])
            sheet.blank()
        sheet.header(SEED002_HEADER)
        for row in rows:
            sheet.data(row)
        sheet.blank()
    return [sheet]


# ---------------------------------------------------------------------------------------------
# Seed 003: Improvement Plan 2007/08 -- a month grid, and one commitments table
# ---------------------------------------------------------------------------------------------
SEED003_TITLE = "Appendix 2 - Improvement Plan: 2007/08 Update"
SEED003_MONTHS = [
    "July", "Aug.", "Sep.", "Oct.", "Nov.", "Dec.", "Jan.", "Feb.", "Mar.", "Apr.", "May", "June",
]  # fmt: skip
# Timeline marks, one character per month July 2007 .. June 2008: "x" = the letter x typed in the
# cell, "#" = a solid fill and no text, "." = empty. The marks are added: the document's text
# lost them.
SEED003_GRID: list[tuple[str, ...] | str] = [
    "header2",
    ("1.1.", "Public Support for Plans", "", "............"),
    ("1.1.1", "Engage consultants to commence work on AAP", "PS", "xxx........."),
    ("1.1.2", "Commence process of identifying development partner", "PS /PM", "...######..."),
    "page",
    "header1",
    ("1.1.3", "Recruit expertise to support project management", "PS", ".xxx........"),
    ("1.1.4", "Arrange meetings of town centre project group", "PS", "xxxxxxxxxxxx"),
    ("1.2.", "Work Commenced", "", "............"),
    ("1.2.1", "Undertake baseline study.", "PS", "..####......"),
    ("1.2.2", "Consultation with community.", "PS", "............"),
    "page",
    "header2+",
    ("2.1, 2.2, 2.3,", "Creation of Employment Mixed Housing Community Facilities", "",
     "............"),
    ("2.1", "Respond to Preferred options document", "PS", "xx.........."),
    ("2.2", "Submit Final Plan", "PS", "........#..."),
    "page",
    "header1",
    ("3.1.", "Deliver 80 units of affordable housing a year", "", "............"),
    ("3.1.1", "Complete RSL Preferred Partner selection and achieve sign up to partnership "
     "agreement.", "AC", "xxxxx......."),
    ("3.1.2", "Develop draft Affordable Housing Guidance for developers and RSL's in advance of "
     "LDF process.", "AC", "......######"),
    ("3.1.3", "Support & encourage appropriate RSL bids to the Housing Corporation for the 2008 "
     "– 2011 allocation round.", "AC", "...x..x.x..."),
    "page",
    "header2",
    ("4.1.", "Overall Customer satisfaction", "", "............"),
    ("4.1.1", "Agree customer survey", "HB", "x..........."),
    ("4.1.2", "Undertake survey", "HB", "..xx........"),
    ("4.1.3", "Report survey", "HB", "....xx......"),
    ("4.1.3", "Agree new set with Cabinet.", "HB", "........#..."),
    ("4.1.4", "Publish in Council Plan", "HB", ".........##."),
    "page",
    "header1",
    ("", "along with Customer Standards.", "", "............"),
    ("4.3", "Annual Satisfaction of Equalities Forum", "", "............"),
    ("4.3.1", "Training Needs Analysis (TNA) of forum members to identify training needs", "CF HP",
     "...xxx......"),
    ("4.3.2", "Develop and deliver a training programme for forum members", "CF HP",
     "......xxxxxx"),
    ("4.5.6", "Prepare and undertake satisfaction survey within the Forum", "CF", "........#..."),
    ("4.5.6", "Feed back analyse and improve in accordance with survey findings", "CF",
     ".........###"),
    ("4.5.7", "Engage forum in participatory budgeting and feedback results", "CF HB JP",
     "............"),
]  # fmt: skip
SEED003_COMMITMENTS_HEADER = [
    "Ref.",
    "Measures of Success",
    "Actions Required",
    "Timescales",
    "Lead",
    "Resources",
]
SEED003_COMMITMENTS = [
    [
        "1.1",
        "Public support for plans",
        "Area Action plan (Issues and Options) Developed",
        "31 March 08",
        "PS",
        "Project manager and Marketing manager 2007/2008 Budget",
    ],
    [
        "1.2",
        "Work Commenced",
        "Public and Trader Consultation",
        "31December 07",
        "PS",
        "Recruitment Consultants 2007/08 Budget.",
    ],
]


def seed003() -> list[Sheet]:
    """Seed 003: the timeline grid (two-row and one-row headers) and a commitments table."""
    grid = Sheet("Timeline grid", widths=[14, 60, 10] + [6] * 12 + [30, 4])
    grid.line(SEED003_TITLE)
    grid.blank()
    for item in SEED003_GRID:
        if item == "page":
            grid.blank()
            grid.line(SEED003_TITLE)
            grid.blank()
        elif item == "header1":
            grid.header(["Ref.", "Action", "Lead", *SEED003_MONTHS, "Corrective Action"])
        elif item in ("header2", "header2+"):
            # the two-row header; "+" is the variant with one more (empty) column at the end
            extra = [""] if item == "header2+" else []
            grid.header(["Ref.", "Action", "Lead", *[""] * 12, "Corrective Action", *extra])
            grid.header(["", "", "", *SEED003_MONTHS, "", *extra])
        else:
            ref, action, lead, marks = item
            cells: list[object] = [ref, action, lead]
            cells += ["x" if mark == "x" else "" for mark in marks]
            cells.append("")
            row = grid.data(cells)
            for month, mark in enumerate(marks):
                if mark == "#":
                    grid.filled.add((row, 4 + month))
    commitments = Sheet("Commitments", widths=[8, 30, 40, 16, 8, 40])
    commitments.line(SEED003_TITLE)
    commitments.blank()
    commitments.data(["Priority CP1: Town Centre", "", "", "", "", ""])
    commitments.data(
        ["1", "Expected Outcome", "Regeneration of Bromsgrove Town Centre", "", "", ""]
    )
    commitments.header(SEED003_COMMITMENTS_HEADER)
    for row in SEED003_COMMITMENTS:
        commitments.data(row)
    return [grid, commitments]


# ---------------------------------------------------------------------------------------------
# Seed 004: Chief Executive's Office service plan 2008/09 (section 5 tables)
# ---------------------------------------------------------------------------------------------
SEED004_HEADER = [
    "SCC priority",
    "Key Objective",
    "Milestones",
    "Key measures of success",
    "Deadline for completion",
    "Lead officer",
    "monitoring arrangements",
    "EINA Y/N",
    "Risk rating",
]
SEED004_PAGES: list[list[list[object]]] = [
    [
        [
            "Put our customer first",
            "Workforce Planning (WP) Framework. To forecast future people needs for Shropshire "
            "Council and",
            "Key Performance Indicators devised, agreed, implemented and monitored. Work with the "
            "Shropshire Partnership to identify how workforce planning can be implemented across "
            "partners and pan-Shropshire.",
            "Corporate Performance Health Measures Reports include KPI information.",
            "Implemented for 31 March 2009.",
            "Head of HR&D",
            "CMT Report",
            "N",
            4,
        ],
        [
            "",
            "Customer satisfaction with recruitment activities is further improved",
            "Undertake follow up customer satisfaction survey (Recruiting Managers and Applicants "
            "for vacancies) and respond to feedback to ensure improved service provision",
            "KPIs meet target/show positive direction of travel",
            "30 April 2008",
            "Head of HR&D",
            "CMT Report",
            "N",
            2,
        ],
        [
            "",
            "Develop Performance Management at a local level",
            "Formulate standard approach to cover priority setting, performance reporting, further "
            "action, evaluation Establish which NIS measures can be disaggregated to Area/ LJC "
            "level Ensure that performance management structures and resources are programmed so "
            "that roll-out can be achieved in a robust way",
            "Produce a set of performance documents which can be adapted to individual LJC "
            "requirements Regular feedback/evaluation of process from the LJC and officers "
            "involved Timetable for roll-out and 'mini' project plans for each local area.",
            "31 October 2008 31 December 2008 31 May 2009",
            "Head of PSU",
            "JIT IE",
            "Y",
            8,
        ],
        [
            "",
            "User Focus Reviews",
            "Continue to co-ordinate programme of user focus reviews for 2008-09",
            "Interim report on progress and recommendations agreed Service reviews completed and "
            "improvements to services from user perspective identified.",
            "01 October 2008 31 March 2009",
            "Head of PSU",
            "CMT",
            "N",
            4,
        ],
    ],
    [
        [
            "Promote Diversity",
            "Promote equality and diversity in employment and develop a Comprehensive Equality "
            "Policy and robust performance management arrangements for the new Council",
            "<p>Devise framework for managing E&amp;D performance information</p> <p>Undertake a "
            "review of the action plans for the Gender Equality Scheme (GES), Disability Equality "
            "Scheme (DES) and Race Equality Scheme (RES).</p> <p>Comply with requirements to "
            "produce equality monitoring information via the Annual Diversity Monitoring "
            "Report.</p> <p>Regular performance reports taken to SEG and Equalities Forum</p> "
            "<p>Final evaluation of Pilot Placement Scheme for Disabled People,</p> <p>Complete "
            "the Stonewall Workplace Equality Index</p> <p>Complete an Equality Data refresh "
            "exercise</p> <p>Set up a cross-Shropshire councils working group to draw together "
            "evidence to form new corporate policies for race, disability and gender producing a "
            "comprehensive equalities policy for new Council</p>",
            "<p>Report to SEG/Equalities Forum with recommendations</p> <p>Report on the outcomes "
            "of the action plans</p> <p>Annual Diversity Monitoring Report published</p> "
            "<p>Quarterly reports</p> <p>Target of 10 placements achieved</p> <p>Improve our Index "
            "position of 38th</p> <p>The exercise achieves an increase in the data we hold on the "
            "workforce</p> <p>New comprehensive policy/scheme for Shropshire Council agreed</p>",
            "<p>30 June 2008</p> <p>30 June 2008</p> <p>30 June 2008</p> <p>quarterly 2008-09</p> "
            "<p>01 December 2008</p> <p>01 January 2009</p> <p>01 March 2009</p> <p>30 September "
            "2009</p>",
            "Head of HR&D Diversity Officer",
            "SEG CMT PMF Project Executive JIT IE",
            "N",
            4,
        ],
        [
            "",
            "Ensure equality in the pay arrangements for the Council's workforce",
            "JE Phase 2 results implemented and Terms and Conditions changed.",
            "Change to Terms and Conditions accepted by majority of employees. Appeal process "
            "completed. Finalisation of JE related issues and contract amendments.",
            "<p>July 2008</p> <p>December 2008</p> <p>January 2009</p>",
            "Head of HR&D",
            "EJCC Cabinet Council",
            "N",
            6,
        ],
        [
            "",
            "Task and Finish Group on Migrant Workers",
            "Interim Report agreed by CSSSP April 08 Final report, recommendations and action plan "
            "to achieve the Terms of Reference is agreed to be implemented by the Shropshire "
            "Partnership",
            "A detailed mapping exercise on the migrant population in Shropshire produced. Final "
            "report and action plan detail: · how new arrivals can integrate with local "
            "communities; · the responsibilities of employers, recruitment and employment agencies "
            "and landlords; · a better understanding of local difficulties and tensions and how "
            "they can be minimised; · how the diverse needs of new residents can be met, if "
            "necessary by modifying services'.",
            "01 October 2008",
            "Diversity Officer",
            "CSSSP Cabinet",
            "Y",
            6,
        ],
    ],
    [
        [
            "Always Improve",
            "Effective Management of Unitary Programme",
            "Robust programme management reports. Undertake remedial action as and when required.",
            "Key workstreams delivered on target in line with project implementation plan.",
            "April 08 July 08 Sept 08 October 08 January 08 March 08",
            "Joint Programme Managers (secondment of Head of PSU & Oswestry BC Director of "
            "Corporate Services / Deputy Chief Executive)",
            "Sub Committees Review Panel",
            "N",
            8,
        ],
        [
            "",
            "Recruitment and Retention is improved and meets the organisations current and future "
            "needs",
            "Deliver the Improvement Plan for recruitment  Processing of Contracts of Employment "
            "integrated into one unit. Processing of Criminal Records Bureau (CRB) checks "
            "integrated into one unit whilst ensuring safeguarding remains in place. Process CRB "
            "checks for other organisations (Umbrella Body Services)",
            "On-line application form re-launched, register for applicants in place Plan to "
            "implement a single integrated CRB and Contracts processing team  Managing requests "
            "for Umbrella Body Services within the CRB guidance.",
            "Dec-08  Jun-08  Apr 08 - Mar 09",
            "Head of HR&D",
            "CSSSP CMT",
            "N",
            6,
        ],
        [
            "",
            "Ensure appropriate communication and consultation arrangements are completed relating "
            "to the transfer of the workforce",
            "Framework for formal consultation with TUs and employee representatives are "
            "established and working across 6 authorities to manage employment issues in run up "
            "to LGR.",
            "Forward Plan of issues for consultation is developed. Issues are consulted upon "
            "appropriately. Individual consultation arrangements take place.",
            "May 2008  May 08 - March 09 May 08 - March 09",
            "Head of HR&D",
            "",
            "N",
            4,
        ],
        [
            "",
            "Employment policy and terms and conditions for Shropshire Council are available",
            "Terms and Conditions are developed",
            "IE agree to proposed policy Terms and Conditions for Shropshire Council. EJCC sign "
            "off policies. Employee Handbook updated and readily available for all employees",
            "October 2008  November 2008 March 2009",
            "Head of HR&D",
            "",
            "Y",
            8,
        ],
    ],
    [
        [
            "Always Improve",
            "Health & Safety arrangements updated for Shropshire Council",
            "Shropshire Council is safeguarded from risk of prosecution by Health & Safety "
            "Executive for failure to have up to date Health & Safety Policies.  Continue to "
            "implement the three year improvement programme (April 2007 - March 2010)",
            "Health & Safety Policy and arrangements up to date. New Directorates have clear "
            "arrangements / leadership and co-ordination for management / monitoring of Health & "
            "Safety.  Improvement plan completed for year two. On target to achieve CHaSPI score "
            "8.5 or above at the end of the programme",
            "31-Mar-09  31-Mar-09",
            "H&S Manager",
            "Health and Safety Forum and Health, Safety and Welfare Group",
            "N",
            12,
        ],
    ],
    [
        [
            "Develop effective corporate performance reporting mechanisms in preparation for "
            "Shropshire Council and develop a draft Corporate Plan 2009/10",
            "Corporate Plan quarterly reports highlight areas of concern and action required for "
            "improvement",
            "Develop a performance management framework around the National Indicator Set (NIS) "
            "and other relevant indicators to support effective service integration",
            "Quarterly report recommendations agreed by Cabinet and improvement in outcomes "
            "evidenced",
            "Quarterly ongoing",
            "Head of PSU",
            "CMT Cabinet  JIT IE",
            "N",
            6,
        ],
        [
            "",
            "",
            "Set new priorities inline with Councillors and Directorates views",
            "Enable collection of NIS data via PerformancePlus from DC/BCs where appropriate",
            "01 June 2008",
        ],
        [
            "",
            "",
            "Implement an agreed consultation plan with staff, members, partners and public on "
            "Visions and Values",
            "Bring together what performance information is collected beyond the NIS and find out "
            "how this data is collected",
            "30 June 2008",
        ],
        [
            "",
            "",
            "Produce an enhanced Direction of Travel Statement",
            "Priority setting guidance, workshop with Councillors, work with directorates to "
            "provide targets/ indicators for new priorities",
            "30 June 2008",
        ],
        [
            "",
            "",
            "1st Draft of 2009/10 Corporate Plan",
            "Create draft Vision and Values statement document",
            "01 September 2008",
        ],
        [
            "",
            "",
            "Support developments of new Directorate service planning",
            "Produce communications plan for new council's vision and values and priorities",
            "01 October 2008",
        ],
        [
            "",
            "",
            "Final draft of Corporate Plan produced",
            "Direction of Travel Statement accepted by the Audit Commission with no further "
            "evidence or inspection required.",
            "30 September 2008",
        ],
        [
            "",
            "",
            "Research benchmarking information from other Unitary Authorities and continue "
            "negotiations with PWC around benchmarking club",
            "Corporate Plan 1st draft agreed",
            "30 November 2008",
        ],
        [
            "",
            "",
            "",
            "Create Service Planning guidance for new council's directorates",
            "31 December 2008",
        ],
        [
            "Care for Staff",
            "Continue to implement and improve the Positive About Absence & Wellbeing strategy.",
            "Drive improvement in performance through robust case Management and coaching.",
            "Reduce sickness absence& improve direction of travel towards target.",
            "Ongoing",
            "Head of HR&D",
            "C&SSSP  CMT  CMT",
            "N",
            8,
        ],
        [
            "",
            "",
            "Increase capacity of OH to deliver Wellbeing days through partnership with, for "
            "example the PCT.",
            "Smart use of resources available enabling positive response to increased demand "
            "measured by satisfaction.",
            "01-Sep-08",
        ],
        [
            "",
            "",
            "Evaluate early impact of the Physiotherapy pilot",
            "Early returns to work/support to stay at work/ reduced sickness absence.",
            "01-Aug-08",
        ],
        [
            "Demonstrate value for money",
            "Provide support to the Value for Money review programme",
            "Provide effective corporate challenge, performance information and benchmarking data "
            "as required.",
            "Value for Money reports and improvement plans agreed",
            "31 March 2009",
            "Head of Chief Execs Office",
            "Scrutiny C&PP Cabinet",
            "N",
            4,
        ],
    ],
    [
        [
            "Communicate openly and honestly",
            "Deliver actions in the Shropshire Council communications plan",
            "<p>Inform the public and stakeholders of the duties, functions and services of the "
            "new authority, including articles in residents' magazine and other publications, "
            "information on website, press releases, 'it's coming' campaign, briefing sheets for "
            "partners and stakeholders..</p> <p>Deliver a single website for new council.</p> "
            "<p>Develop logo and branding for new council.</p>",
            "<p>Plan is agreed with measures of success included</p> <p>Deliver plan</p> "
            "<p>Website developed.</p> <p>Information on all new services added.</p> <p>Website "
            "launched.</p> <p>New logo and branding agreed by IE.</p> <p>Branding guidelines "
            "produced.</p> <p>New logo and branding rolled out across all services.</p>",
            "<p>Apr-08,</p> <p>Apr-09</p> <p>Apr-09</p> <p>July 08, Dec 08, Apr 09</p>",
            "Comms Project Manager",
            "Project Executive JIT IE",
            "N",
            6,
        ],
        [
            "",
            "Encourage public participation in local democracy mechanisms",
            "Inform and engage the public in the new Local Joint Committees as they develop",
            "<p>Attend meetings of planning and development group to ensure communications "
            "input.</p> <p>Execute media plan for meetings.</p> <p>Provide on going "
            "communications support for the delivery of local meetings</p>",
            "<p>Jun-08</p> <p>As per meeting schedule</p> <p>Ongoing</p>",
            "Head of L&DS Comms Project Manager",
            "Project Executive JIT IE",
            "N",
            6,
        ],
        [
            "",
            "Encourage participation in elections for the new council.",
            "Draw up and execute PR campaign",
            "PR campaign agreed by Head of Comms",
            "Oct-08",
            "Head of L&DS Comms Project Manager",
            "Project Executive JIT IE",
            "N",
            6,
        ],
        [
            "",
            "Inform and engage with staff and members across all councils on the transition to "
            "the new council.",
            "<p>Deliver actions in the One Council communications plan including: briefing notes, "
            "staff briefings, intranets, staff newsletter articles</p> <p>Deliver a single "
            "intranet for new council.</p> <p>Deliver a single staff newsletter for new "
            "council.</p>",
            "<p>Plan is agreed with measures of success included</p> <p>Deliver plan</p> "
            "<p>Intranet developed and launched.</p> <p>Information on new services added.</p> "
            "<p>Newsletter delivered to all staff every two months</p>",
            "<p>Apr 08, Apr 09</p> <p>Jun-08</p> <p>May-08, Jul-08, Sep-08, Nov-08, Jan-09, "
            "Mar-09</p>",
            "Head of Comms",
            "Project Executive JIT IE",
            "N",
            6,
        ],
    ],
]


def seed004() -> list[Sheet]:
    """Seed 004: the service plan's section 5 tables, one header per page, under the title."""
    sheet = Sheet("Service plan 2008-09", widths=[28, 40, 50, 45, 22, 24, 22, 8, 8])
    sheet.line("CHIEF EXECUTIVE'S OFFICE SERVICE PLAN 2008/09")
    sheet.blank()
    sheet.line("5. Service Planning – What we are planning to do in 2007/08?")
    sheet.blank()
    sheet.line(
        "Outlined below are the key areas of work the Chief Executive's Office will undertake to "
        "support the Council's Improvement Plan. Further information outlining ongoing work is "
        "detailed within each of the unitary project plans and team plans."
    )
    sheet.blank()
    for number, rows in enumerate(SEED004_PAGES):
        if number:
            sheet.blank()
        sheet.header(SEED004_HEADER)
        first = len(sheet.rows) + 1
        for row in rows:
            sheet.data(row)
        if number == 0:
            # The Word cell "Put our customer first" spans the page's four rows.
            sheet.merges.append(f"A{first}:A{first + len(rows) - 1}")
    return [sheet]


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------
def _write_sheet(ws: Worksheet, sheet: Sheet) -> None:
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, cells in enumerate(sheet.rows, start=1):
        for column, value in enumerate(cells, start=1):
            if value is None or value == "":
                continue
            cell = ws.cell(row=number, column=column, value=value)
            cell.alignment = wrap
            if number in sheet.bold_rows:
                cell.font = Font(bold=True)
    for number, cells in enumerate(sheet.rows, start=1):
        if len(cells) == 1:  # a title line: bold, not wrapped, so it reads across the page
            ws.cell(row=number, column=1).font = Font(bold=True)
            ws.cell(row=number, column=1).alignment = Alignment(wrap_text=False)
    for row, column in sorted(sheet.filled):
        ws.cell(row=row, column=column).fill = MARK_FILL
    for span in sheet.merges:
        ws.merge_cells(span)
    for column, width in enumerate(sheet.widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> None:
    """Write ``sheets`` to ``path`` as a plain .xlsx, then pin its timestamps."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        _write_sheet(wb.create_sheet(sheet.title), sheet)
    wb.properties.creator = "Performance Officer"
    wb.properties.created = PINNED
    wb.save(path)
    pin_timestamps(path)


def pin_timestamps(path: Path) -> None:
    """Rewrite the zip with fixed entry times and fixed document times, so runs are identical."""
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    stamp = PINNED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)",
                    rb"\g<1>" + stamp + rb"\2",
                    data,
                )
            info = zipfile.ZipInfo(name, date_time=PINNED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)


def write_seed001_csv(path: Path) -> None:
    """The title lines and first table of seed 001, as Excel's "CSV UTF-8" export writes them."""
    rows = seed001_first_part()
    width = max(len(row) for row in rows)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        for row in rows:
            writer.writerow([*row, *[""] * (width - len(row))])


def main() -> None:
    """Write every sample into ``samples/legacy/``."""
    OUT.mkdir(parents=True, exist_ok=True)
    books = {
        "seed000_corporate_commitments.xlsx": seed000(),
        "seed001_resources_q2.xlsx": seed001(),
        "seed002_caa_programme.xlsx": seed002(),
        "seed003_improvement_plan.xlsx": seed003(),
        "seed004_service_plan.xlsx": seed004(),
    }
    for name, sheets in books.items():
        write_workbook(OUT / name, sheets)
        print(f"wrote {OUT / name}")
    write_seed001_csv(OUT / "seed001_resources_q2.csv")
    print(f"wrote {OUT / 'seed001_resources_q2.csv'}")


if __name__ == "__main__":
    main()
