"""Write the sample quarterly returns in ``samples/returns/``: ``python samples/make_returns.py``.

Six directorates each send the corporate performance team a return in the monitoring template
(``templates/monitoring_template.xlsx``) for the first quarter of 2008/09 (as of 30 June 2008).
The contents come from the five council documents the product is built for: their commitments,
actions, refs, leads, deadlines as the officers typed them ("Mar 09", "31December 08",
"Apr 08 Mar 09", "On-going", "To be confirmed", "Mar 09?") and their progress commentary, moved
into the 2008/09 plan year. Place names are replaced by the example council's own.

| file | directorate | from |
| --- | --- | --- |
| ``chief-executives-office-2008-q1.xlsx`` | Chief Executive's Office | seed 004 (service plan) |
| ``resources-2008-q1.xlsx`` | Resources | seed 001 (commitments) |
| ``corporate-strategy-2008-q1.xlsx`` | Corporate Strategy | seed 000 (key commitments) |
| ``regeneration-and-housing-2008-q1.xlsx`` | Regeneration and Housing | seed 003, CP1-CP3 |
| ``customer-services-2008-q1.xlsx`` | Customer Services | seed 003, CP4-CP5 |
| ``policy-and-performance-2008-q1.xlsx`` | Policy and Performance | seed 002 (CAA programme) |
| ``policy-and-performance-2007-q4.xlsx`` | Policy and Performance | the same, as of 31 March 2008 |

The last file is the directorate's older return, superseded by its Q1 return. Two returns reach
the corporate team as emails, saved from the inbox into the folder rather than detached (see
``EMAILED``): Corporate Strategy's as an ``.eml`` (sent from a ``prepare-return`` draft), Customer
Services' as an Outlook ``.msg``. What makes the
returns worth consolidating is in the data, as officers really fill plans in: overdue actions
self-assessed Green, commentary months old, a blank lead, a duplicated ref, multi-date and
uncertain deadlines, actions with no due date yet, Timeline months marked with a character, a
solid fill, or both.

Every value is fixed here (no clock, no randomness) and the files are saved with pinned times,
so running the script again gives the same workbooks and emails (the ``.msg`` is written with
``aspose-email-foss``, installed with the test extras). ``python samples/make_returns.py DIR``
writes them to ``DIR`` instead.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
import sys
from copy import copy
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from openpyxl.styles import PatternFill
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from workbook_tools.core import layout
from workbook_tools.core.model import column_letter
from workbook_tools.writers.template.stable_xlsx import workbook_bytes
from workbook_tools.writers.template.build import build_template
from workbook_tools.writers.template.style import WIDTHS, WRAPPED, put_text

#: Where the returns are written by default.
OUT = Path(__file__).resolve().parent / "returns"
ORGANISATION = "Example Council"
RETURN_TO = "performance@example.gov.uk"
PLAN_YEAR = dt.date(2008, 4, 1)
Q1 = dt.date(2008, 6, 30)
#: What a month cell of the Timeline holds when it is marked with a character.
MARK = "■"
#: The fill officers use to shade planned months.
MONTH_FILL = PatternFill("solid", start_color="9BC2E6", end_color="9BC2E6")
_DATE_FORMAT = "d mmm yyyy"

Value = str | int | dt.date | None


def d(year: int, month: int, day: int) -> dt.date:
    """A date (short, for the tables below)."""
    return dt.date(year, month, day)


@dataclass(frozen=True)
class Act:
    """One row of the Actions table, in the template's column order."""

    ref: str
    priority: str | None
    action: str
    lead: str | None
    start: Value
    deadline: Value
    status: str | None
    percent: int | None
    rag: str | None
    commentary: str | None
    provided: Value
    corrective: str | None = None
    success: str | None = None
    resources: str | None = None
    risk: int | None = None
    notes: str | None = None

    def values(self) -> tuple[Value, ...]:
        """The row's cells, left to right (the 16 user columns)."""
        return (
            self.ref, self.priority, self.action, self.lead, self.start, self.deadline,
            self.status, self.percent, self.rag, self.commentary, self.provided,
            self.corrective, self.success, self.resources, self.risk, self.notes,
        )  # fmt: skip


@dataclass(frozen=True)
class Return:
    """One directorate's return: settings, actions, milestones and Timeline marks.

    ``timeline`` maps a ref to twelve characters, one per month from the plan year's April:
    ``x`` a mark, ``f`` a solid fill only, ``b`` both, ``.`` nothing; an optional third item is
    the row's corrective action.
    """

    file: str
    directorate: str
    title: str
    as_of: dt.date
    actions: tuple[Act, ...]
    milestones: tuple[tuple[str, str, Value, Value, str | None], ...] = ()
    timeline: tuple[tuple[str, str] | tuple[str, str, str], ...] = ()
    plan_year_start: dt.date = PLAN_YEAR
    superseded: bool = False


# --------------------------------------------------------------------------------------------
# Chief Executive's Office (seed 004: service plan 2008/09)
# --------------------------------------------------------------------------------------------

_CUSTOMER, _DIVERSITY, _IMPROVE = "Put our customer first", "Promote diversity", "Always improve"

CHIEF_EXECUTIVES_OFFICE = Return(
    file="chief-executives-office-2008-q1.xlsx",
    directorate="Chief Executive's Office",
    title="Chief Executive's Office Service Plan 2008/09",
    as_of=Q1,
    actions=(
        Act("1.1", _CUSTOMER,
            "Workforce Planning (WP) Framework: forecast future people needs for the new council "
            "and our partners",
            "Head of HR&D", d(2008, 4, 1), "Implemented for 31 March 2009.", "In progress", 30,
            "Green",
            "Key Performance Indicators drafted and shared with CMT in May. Work with the county "
            "Partnership to identify how workforce planning can be implemented across partners "
            "has begun; first partner workshop held on 12th June.",
            d(2008, 6, 20), None,
            "Corporate Performance Health Measures Reports include KPI information.",
            risk=4, notes="Monitoring: CMT Report"),
        Act("1.2", None,
            "Customer satisfaction with recruitment activities is further improved: follow-up "
            "survey of recruiting managers and applicants",
            "Head of HR&D", "Apr 08", "30 April 2008", "In progress", 60, "Green",
            "Follow-up customer satisfaction survey issued to recruiting managers in April; the "
            "applicant survey was held back by the work on the unitary recruitment protocol. "
            "Responses so far are positive.",
            "May", None, "KPIs meet target/show positive direction of travel",
            risk=2, notes="Monitoring: CMT Report"),
        Act("1.3", None,
            "Develop Performance Management at a local level: a standard approach to priority "
            "setting, performance reporting and evaluation for Local Joint Committees",
            "Head of PSU", d(2008, 5, 1), "31 October 2008 31 December 2008 31 May 2009",
            "In progress", 15, "Green",
            "Standard approach drafted and discussed with two pilot Local Joint Committees. Work "
            "to establish which NIS measures can be disaggregated to area level starts in July.",
            d(2008, 6, 27), None,
            "Produce a set of performance documents which can be adapted to individual LJC "
            "requirements", risk=8, notes="Monitoring: JIT, IE"),
        Act("1.4", None, "Manage complaints corporately to improve satisfaction with complaints "
            "handling",
            "Head of Chief Exec Office / Head of Legal & Democratic Services", "Apr 08",
            "quarterly in 2008/09 30 September 2008 31 March 2009 30 April 2009", "In progress",
            20, "Amber",
            "First quarterly report on complaints data went to DMTs in June. The review of "
            "external providers' complaints systems has not started because of vacancies in the "
            "complaints team.",
            d(2008, 6, 25),
            "Officer seconded from Legal & Democratic Services from July to carry out the review "
            "of providers' systems.",
            "Quarterly reports to DMTs; half yearly reports to scrutiny panels", risk=6,
            notes="Monitoring: DMTs, Scrutiny, JIT, IE"),
        Act("1.5", None, "User Focus Reviews: co-ordinate the programme of reviews for 2008-09",
            "Head of PSU", d(2008, 4, 1), "01 October 2008 31 March 2009", "In progress", 25,
            "Green",
            "Programme of six user focus reviews agreed by CMT; reviews of the registration "
            "service and of library opening hours are under way.",
            "June", None,
            "Service reviews completed and improvements to services from user perspective "
            "identified.", risk=4, notes="Monitoring: CMT"),
        Act("2.1", _DIVERSITY,
            "Promote equality and diversity in employment and develop a Comprehensive Equality "
            "Policy and robust performance management arrangements for the new council",
            "Head of HR&D, Diversity Officer", d(2008, 4, 1),
            "30 June 2008 01 December 2008 01 March 2009 30 September 2009", "In progress", 35,
            "Amber",
            "Framework for managing E&D performance information devised. The review of the GES, "
            "DES and RES action plans was reported to SEG on 24th June. The Annual Diversity "
            "Monitoring Report will be published in July, a month later than planned.",
            d(2008, 6, 24),
            "Publication of the Annual Diversity Monitoring Report moved to 31 July 2008 with "
            "SEG's agreement.",
            "Annual Diversity Monitoring Report published; new comprehensive policy for the new "
            "council agreed", risk=4, notes="Monitoring: SEG, CMT, PMF Project Executive"),
        Act("2.2", None,
            "Ensure equality in the pay arrangements for the Council's workforce: Job Evaluation "
            "phase 2 results implemented",
            "Head of HR&D", "Apr 08", "July 2008 December 2008 January 2009", "In progress", 40,
            "Amber",
            "Implementation of phase 2 job evaluation continues into 2008/09 because of ongoing "
            "discussions with the unions. An appeals process was agreed with the trade unions "
            "in June.",
            d(2008, 6, 18),
            "Additional EJCC meeting arranged for 15 July to agree the changes to Terms and "
            "Conditions.",
            "Change to Terms and Conditions accepted by majority of employees. Appeal process "
            "completed.", risk=6, notes="Monitoring: EJCC, Cabinet, Council"),
        Act("2.3", None,
            "Task and Finish Group on Migrant Workers: final report, recommendations and action "
            "plan",
            "Diversity Officer", d(2008, 1, 14), "01 October 2008", "In progress", 55, "Green",
            "Interim report agreed by the Corporate Support Services Scrutiny Panel in April "
            "2008. A detailed mapping exercise on the migrant population in the county is nearly "
            "complete.",
            "June", None,
            "Final report and action plan agreed to be implemented by the county Partnership",
            risk=6, notes="Monitoring: CSSSP, Cabinet"),
        Act("3.1", _IMPROVE, "Effective Management of Unitary Programme",
            "Joint Programme Managers (secondment of Head of PSU & a district council Director "
            "of Corporate Services)",
            d(2008, 4, 1), "April 08 July 08 Sept 08 October 08 January 09 March 09",
            "In progress", 25, "Green",
            "Programme management reports go to each Implementation Executive meeting. All key "
            "workstreams reported on target in June apart from ICT, where remedial action has "
            "been agreed.",
            d(2008, 6, 30), None,
            "Key workstreams delivered on target in line with project implementation plan.",
            risk=8, notes="Monitoring: Sub Committees, Review Panel"),
        Act("3.2", None,
            "Recruitment and Retention is improved and meets the organisation's current and "
            "future needs: deliver the Improvement Plan for recruitment",
            "Head of HR&D", "Apr 08", "Jun-08 Dec-08 Mar-09", "In progress", 50, "Green",
            "On-line application form re-launched in May and the register for applicants is in "
            "place. Plan for a single integrated CRB and contracts processing team drafted.",
            d(2008, 6, 16), None,
            "On-line application form re-launched, register for applicants in place", risk=6,
            notes="Monitoring: CSSSP, CMT"),
        Act("3.3", None,
            "Successfully transfer the workforce from all 6 councils into the new council",
            "Head of HR&D", d(2008, 4, 1), "31-Mar-09", "In progress", 20, "Green",
            "Organisational charts and establishment lists produced for the first three tiers. "
            "Redeployment register devised and operating. Recruitment Protocol (Version 3) "
            "agreed by the Joint Implementation Team on 30th May.",
            d(2008, 6, 6), None,
            "All staff successfully transferred, and services being delivered", risk=10,
            notes="Monitoring: JIT, Resources Committee, IE"),
        Act("3.4", None, "Health & Safety arrangements updated for the new council",
            "H&S Manager", "Apr 07", "31-Mar-09", "In progress", 45, "Green",
            "Year two of the three year improvement programme (April 2007 - March 2010) is under "
            "way. Draft Health & Safety Policy for the new council out for consultation.",
            d(2008, 3, 14), None,
            "On target to achieve CHaSPI score 8.5 or above at the end of the programme",
            risk=12, notes="Monitoring: Health and Safety Forum"),
        Act("3.5", None,
            "Develop, sign off and manage performance of the new Local Area Agreement",
            "Head of Chief Executives Office", d(2008, 4, 1),
            "01 June 2008 30 June 2008 22 October 2008 31 March 2009", "In progress", 40,
            "Amber",
            "The LAA was not agreed by 1st April 2008 because the final technical guidance on "
            "the National Indicator Set was not released by government until then. Formal "
            "submission made to Government Office on 6th June; sign-off expected in July.",
            d(2008, 6, 26), "Weekly negotiation meetings with Government Office until sign-off.",
            "Formal submission of LAA; LAA framework on PerformancePlus with associated reports",
            risk=8, notes="Monitoring: CMT, Cabinet, IE, Council, Leadership Board"),
        Act("4.1", "Care for staff",
            "Continue to implement and improve the Positive About Absence & Wellbeing strategy",
            "Head of HR&D", None, "Ongoing", "In progress", None, "Green",
            "Robust case management and coaching in three services. Two Health and Wellbeing "
            "days held with the PCT; the evaluation of the physiotherapy pilot is due in August.",
            "June", None,
            "Reduce sickness absence & improve direction of travel towards target.", risk=8),
        Act("5.1", "Demonstrate value for money",
            "Provide support to the Value for Money review programme",
            "Head of Chief Execs Office", "Apr 08", "31 March 2009", "Not started", 0, None,
            None, None, None, "Value for Money reports and improvement plans agreed", risk=4,
            notes="Monitoring: Scrutiny, C&PP, Cabinet"),
        Act("6.1", "Communicate openly and honestly",
            "Deliver actions in the new council's communications plan: inform the public and "
            "stakeholders of its duties, functions and services",
            "Comms Project Manager", d(2008, 4, 1), "Apr-08, Apr-09", "In progress", 25, "Green",
            "Communications plan agreed with measures of success. The 'it's coming' campaign "
            "started in the residents' magazine; briefing sheets sent to partners and "
            "stakeholders.",
            d(2008, 6, 13), None, "Plan is agreed with measures of success included", risk=6),
        Act("6.2", None,
            "Encourage participation in elections for the new council: draw up and execute PR "
            "campaign",
            "Head of L&DS / Comms Project Manager", "Sept 08", "Oct-08", "Not started", 0,
            "Green", "Campaign brief to be agreed with the Head of Comms in September.", "June",
            None, "PR campaign agreed by Head of Comms", risk=6),
        Act("6.3", None,
            "Inform and engage with staff and members across all councils on the transition: a "
            "single intranet and a combined staff newsletter",
            "Head of Comms", "Apr 08", "May-08, Jul-08, Sep-08, Nov-08, Jan-09, Mar-09",
            "In progress", 30, "Green",
            "The new intranet for staff and members of all 6 councils was launched in June. Two "
            "issues of the combined staff newsletter have been produced.",
            d(2008, 6, 30), None, "Newsletter delivered to all staff every two months", risk=6),
    ),
    milestones=(
        ("1.3", "Standard approach agreed by the pilot Local Joint Committees", d(2008, 6, 30),
         "Yes", None),
        ("3.5", "Formal submission of LAA to Government Office", d(2008, 6, 1), d(2008, 6, 6),
         "Five days late: guidance on the indicator set"),
        ("3.5", "1st report on new LAA", d(2008, 10, 22), None, None),
        ("6.3", "Single intranet launched", "Jun-08", "Yes", None),
    ),
    timeline=(
        ("1.3", ".bbbbbbbbbbb"),
        ("3.1", "x..x.xx..x.x"),
        ("6.3", ".x.x.x.x.x.x"),
    ),
)  # fmt: skip

# --------------------------------------------------------------------------------------------
# Resources (seed 001: MTCS and annual plan commitments)
# --------------------------------------------------------------------------------------------

_CF = "Strategic Change Programme: Customer First"
_PP = "Strategic Change Programme: People and Performance"
_HR = "Implement the next phase of our Human Resources Strategy"
_EQ = "Deliver our commitment to equalities issues"

RESOURCES = Return(
    file="resources-2008-q1.xlsx",
    directorate="Resources",
    title="MTCS and Annual Plan Commitments 2008/09 - Resources",
    as_of=Q1,
    actions=(
        Act("1.1", _CF,
            "Introduce our first departmental customer service centre in Highways, "
            "Transportation and Waste Management. This will provide greatly improved access to "
            "information about council services, and make requests for services simpler and "
            "more convenient.",
            "Simon Lawrence", "Apr 08", d(2008, 11, 30), "In progress", 55, "Green",
            "The Customer First Programme remains on track to meet this commitment. All new "
            "processes are agreed with Highways, Transportation and Waste Management. The "
            "technical solution is going through a rigorous testing process, staff recruitment "
            "is complete and training on-going.",
            d(2008, 6, 19)),
        Act("1.2", _CF,
            "Continue with the development of an improved website to encourage more customers "
            "to obtain information and carry out transactions.",
            "Simon Lawrence", "Apr 08", "Mar 09", "In progress", 30, "Green",
            "Web pages for all Highways, Transportation and Waste Management services are being "
            "re-written to ensure consistency with how services will be delivered by the "
            "customer service centre. These pages will be supported with new e-forms for HTWM "
            "services.",
            d(2008, 6, 19)),
        Act("1.3", _CF,
            "Continue to implement our programme of face to face access to customer services "
            "within local communities through the use of our modern libraries",
            "Simon Lawrence", None, "Mar 09", "In progress", 20, "Green",
            "A strategy for face to face customer service has been agreed, including the "
            "identification of 2 libraries that will see the development of a service shop in "
            "the new year. Dialogue with our partners regarding offering a range of services at "
            "these locations is ongoing.",
            "June"),
        Act("2.1", _PP,
            "Develop further Attendance Management Initiatives across the council, including "
            "reviewing links with the Occupational Health Service",
            "Jo Boulton", "Apr 07", "30 June 2008", "Complete", 100, "Blue",
            "The Attendance Management Project has been successfully completed, and there have "
            "been significant reductions in sickness absence in particular departments within "
            "the Council. The new Occupational Health contract will include new health "
            "promotion and well-being initiatives.",
            d(2008, 6, 12)),
        Act("2.2", _PP, "Introduce a new targeted programme of management development",
            "Jo Boulton", "Apr 08", "Sept 08", "In progress", 15, "Amber",
            "Management development provision is being redeveloped, but further progress is "
            "linked to the implementation of the HR Review.",
            d(2008, 6, 12),
            "HR Review recommendations to CMT in July; programme to be re-planned from the "
            "agreed structure."),
        Act("2.3", _PP, "Report on Equal Pay review", "Jo Boulton", None, "31 May 2008",
            "Complete", 100, "Blue",
            "The Equal Pay Audit has been completed, and an Action Plan produced.",
            d(2008, 5, 30)),
        Act("3.1", "Strategic Change Programme: Organisational Efficiency",
            "Continue to identify efficiency savings which will contribute to the target of "
            "£14.2m for 2007-08 to 2009/10.",
            "Chris Tambini", None, "2009/10", "In progress", 40, "Green",
            "The 2007/08 budget savings target was met. Slippage in some areas should be at "
            "least in part compensated for by savings on others. At the present time the target "
            "for 2008/09 looks achievable. The final year is the highest risk with projects at "
            "an early stage of development.",
            d(2008, 6, 23), None, "Savings of £14.2m by 2009/10", "Efficiency programme board"),
        Act("4.1", _HR, "Investor in People status for all services", "Liz Clark", None,
            "Mar 08", "In progress", 80, "Amber", "Two departments have yet to obtain IIP",
            d(2008, 6, 2),
            "Assessments for the two remaining departments booked for September 2008."),
        Act("4.2", _HR,
            "10% reduction in sickness absence from an average of 9.3 days in 2004/05 to less "
            "than 8.37 in 2008/09.",
            "Jo Boulton", None, "2008/09", "In progress", 60, "Green",
            "On track with significant reductions already achieved. Further actions to be taken "
            "following the review of progress to date.",
            d(2008, 6, 12)),
        Act("5.1", "Deliver improvements in the efficiency of Council services",
            "7.5% efficiency gain by 2008 measured in accordance with efficiency guidance issued "
            "by the Government.",
            "Chris Tambini", None, "31 March 2008", "Complete", 100, "Green",
            "Achieved one year early.", "April"),
        Act("6.1", _EQ,
            "An increased % of black and minority ethnic employees in the workforce to 5.5% and "
            "disabled employees to 3.8%.",
            "Jo Boulton", None, "Mar 09", "In progress", 50, "Amber",
            "Current forecast is for 5% and 3.4% respectively", d(2008, 6, 12),
            "Targeted advertising through community groups and the Positive about Disabled "
            "People scheme."),
        Act("6.2", _EQ,
            "A new CSC in place – 80% queries resolved at first point of contact",
            "Liz Clark", None, "2006/07", "Cancelled", None, "n/a",
            "Timescale not applicable given decision to go ahead with customer first.",
            d(2008, 6, 2)),
        Act("6.3", _EQ, "80% users satisfied with customer experience", "Liz Clark", None,
            "Ongoing", "In progress", None, "Green", "Now part of customer first project",
            d(2008, 6, 2)),
        Act("6.4", _EQ, "Top quartile public satisfaction with the Council.", "Brian Roberts",
            None, "Mar 09", "In progress", 10, "Red",
            "The Council's performance was in the bottom quartile, based on the MORI survey. An "
            "Action Plan has been developed which will address specific issues.",
            d(2008, 6, 27),
            "Action Plan to Cabinet on 17 July; quarterly tracking survey from September."),
    ),
    milestones=(
        ("1.1", "Customer service centre opens to the public", "Nov 08", None, None),
        ("1.1", "Staff recruitment complete", d(2008, 5, 31), d(2008, 5, 23), None),
        ("6.4", "Action Plan to Cabinet", d(2008, 7, 17), None, None),
    ),
    timeline=(
        ("1.1", "ffffffff...."),
        ("1.2", "xxxxxxxxxxxx"),
        ("2.2", "bbbbbb......"),
    ),
)  # fmt: skip

# --------------------------------------------------------------------------------------------
# Corporate Strategy (seed 000: key commitments)
# --------------------------------------------------------------------------------------------

_ACT_2007 = (
    "Ensure the Council is fully prepared to meet the challenges in the Local Government & "
    "Public Involvement in Health Act 2007"
)
_EXCELLENCE = "Reach the 'excellence' rating of the equality standard for local government"

CORPORATE_STRATEGY = Return(
    file="corporate-strategy-2008-q1.xlsx",
    directorate="Corporate Strategy",
    title="Our key commitments for 2008-10",
    as_of=Q1,
    actions=(
        Act("1.1", "Deal positively with all complaints alleging discriminatory treatment",
            "All complaints of a discriminatory nature to result in further action",
            "Deputy Chief Executive", "Apr 08", "Throughout 2008-10", "In progress", 25,
            "Green",
            "All complaints/request for support/ advice, result in further action. To date 100% "
            "of such complaints have been dealt with appropriately.",
            "June"),
        Act("2.1", "Rationalisation of Council and PCT estates",
            "Implement Accommodation Strategy", "Director of Resources", "Apr 08", "Mar-10",
            "In progress", 15, "Green",
            "Joint Accommodation Strategy agreed in May 2008; options appraisal for the main "
            "office sites under way.",
            "May"),
        Act("3.1", _ACT_2007, "Improved PACT and other consultation mechanisms in place",
            "Deputy Chief Executive", "Apr 07", "Mar-08", "In progress", 70, "Green",
            "A community engagement strategy has been developed. This is currently being further "
            "refined. It is anticipated that following the task and finish exercise scheduled "
            "for 31st July, the strategy will be completed before the end of September 2008.",
            "June",
            "Task and finish exercise on 31 July to finalise the strategy; completion now "
            "expected in September 2008."),
        Act("3.2", None, "Implement changes identified by review of constitution", None, None,
            "Mar-10", "In progress", 30, None,
            "The revised constitution was adopted on 4th June 2008. A round of briefing sessions "
            "for senior managers is planned for July. Further work is required to improve and "
            "develop it further; this will be led by the Constitution Review Group.",
            "June"),
        Act("4.1", _EXCELLENCE, "Continue to roll out EIA process", "Deputy Chief Executive",
            None, None, "In progress", None, "Green",
            "The Equality Standard for local government is being superseded by the Equality "
            "Framework and we expect to be assessed as \"Achieving\" in February 2009. We will "
            "then have until 2011 to progress to the next level which is \"Excellent\".",
            d(2008, 2, 15)),
        Act("4.2", None, "Ensure up-to-date equality schemes in place: Disability scheme",
            "Deputy Chief Executive", None, "Oct-08", "In progress", 40, "Green",
            "It has been agreed by Cabinet, JMT and the PCT board (May 2008) to pursue joint "
            "equality policies. A new Single Equality Policy will be in place by April 2009.",
            "May"),
        Act("4.3", None, "Ensure up-to-date equality schemes in place: Gender scheme",
            "Deputy Chief Executive", None, "Apr-09", "In progress", 10, "Green",
            "Work to review this scheme started in May 2008.", "May"),
        Act("4.4", None,
            "Complete roll-out of impact assessment plans across all directorates",
            "Deputy Chief Executive", None, "Mar-10", "In progress", 30, "Amber",
            "Most of the Council directorates are continuing with a programme of Impact needs "
            "assessments which has become embedded within the service planning process, "
            "however, there is concern that within PCT service areas there is little or no "
            "evidence of Impact assessments taking place and there is no organised/managed or "
            "monitored programme of assessments in place.",
            "June",
            "Joint Diversity Team to agree an assessment programme with PCT service heads by "
            "September 2008."),
        Act("5.1", "Continue to achieve improvements in data quality",
            "Continue to implement data quality action plan – score 3 or equivalent in 2008-09",
            "Deputy Chief Executive", "Apr 08", "Mar-09", "In progress", 20, "Amber",
            "Progress in May was reported to JMT and Cabinet, with more tasks being completed. "
            "Still behind schedule overall. By the end of March 2009 all actions in the Data "
            "Quality Action Plan will either have been completed or be underway.",
            d(2008, 6, 9),
            "Monthly progress checks by JMT until the plan is back on schedule."),
        Act("6.1", "Improve the effectiveness of services", "Shared Services Review",
            "Deputy Chief Executive", d(2008, 2, 1), "Aug-08", "In progress", 60, "Green",
            "The business case is being completed and its recommendations will go to JMT and "
            "the HHT Board in August. They will include a soft market sounding and a "
            "procurement quick wins review. Trade Union briefings have started.",
            d(2008, 6, 26)),
        Act("7.1", "Improve customer service", "Customer Strategy", "Deputy Chief Executive",
            None, "To be confirmed", "Not started", 0, None,
            "The Customer Strategy will be taken to JMT in October 2008 and will cover the "
            "period 2008-2010.",
            "June"),
    ),
    milestones=(
        ("3.1", "Task and finish exercise", d(2008, 7, 31), None, None),
        ("6.1", "Business case to JMT and HHT Board", "Aug 08", None, None),
    ),
    timeline=(
        ("3.1", "xxxxxx......"),
        ("6.1", "fffff......."),
    ),
)  # fmt: skip

# --------------------------------------------------------------------------------------------
# Regeneration and Housing (seed 003: improvement plan, CP1-CP3, with its month grid)
# --------------------------------------------------------------------------------------------

_CP1 = "CP1 Town Centre: regeneration of the town centre"
_CP2 = "CP2 Former works site: employment opportunities, housing and community facilities"
_CP3 = "CP3 Housing: delivery of affordable housing target [240 units]"

REGENERATION_AND_HOUSING = Return(
    file="regeneration-and-housing-2008-q1.xlsx",
    directorate="Regeneration and Housing",
    title="Improvement Plan 2008/09 - Regeneration and Housing",
    as_of=Q1,
    actions=(
        Act("1.1.1", _CP1, "Engage consultants to commence work on AAP", "PS", "Apr 08",
            "31 May 08", "Complete", 100, "Blue",
            "Consultants appointed on 19th May following tender; inception meeting held.",
            d(2008, 6, 2), resources="Project manager and Marketing manager 2008/09 Budget"),
        Act("1.1.2", _CP1, "Commence process of identifying development partner", "PS /PM",
            "Jun 08", "31December 08", "In progress", 10, "Green",
            "Soft market testing brief drafted; legal advice on the procurement route requested.",
            "June"),
        Act("1.1.3", _CP1, "Recruit expertise to support project management", "PS", "Apr 08",
            "15 July 2008", "In progress", 30, "Green",
            "Recruitment consultants engaged; interviews for the project manager post arranged "
            "for 10th July.",
            d(2008, 6, 24), resources="Recruitment Consultants 2008/09 Budget."),
        Act("1.1.4", _CP1, "Arrange meetings of town centre project group", "PS", None,
            "On-going", "In progress", None, "Green",
            "Project group meets monthly; terms of reference refreshed in April.", "June"),
        Act("1.2.1", _CP1, "Undertake baseline study.", "PS", "May 08", "Sept 08",
            "In progress", 40, "Green",
            "Baseline data on footfall, vacancy rates and parking collected; retail health check "
            "commissioned.",
            d(2008, 6, 20)),
        Act("1.2.2", _CP1, "Consultation with community.", "PS", "Oct 08", "Dec 08",
            "Not started", 0, None, None, None),
        Act("1.2.3", _CP1, "Prepare issues and options document.", "PS", None, "31 March 09",
            "Not started", 0, None, None, None),
        Act("2.1", _CP2, "Respond to Preferred options document", "PS", None, "31 May 2008",
            "Complete", 100, "Blue",
            "Council response agreed by Cabinet on 7th May and submitted.", d(2008, 5, 9),
            resources="Approved Budget Planning Team"),
        Act("2.2", _CP2, "Submit Final Plan", "PS", None, "Sep 08", "In progress", 50, "Green",
            "Final plan being drafted jointly with the neighbouring authority; on track for "
            "submission.",
            "June", resources="Approved Budget Planning Team"),
        Act("2.4", _CP2, "Pre Examination Meeting", "PS", None, "To be confirmed",
            "Not started", 0, None,
            "Date depends on the Planning Inspectorate's programme.", "June"),
        Act("2.5", _CP2, "Examination of Final Plan", "PS", None, "Mar 09?", "Not started", 0,
            None, None, None),
        Act("3.1.1", _CP3,
            "Complete RSL Preferred Partner selection and achieve sign up to partnership "
            "agreement.",
            "AC", "Apr 08", "30 April 2008", "In progress", 80, "Green",
            "Preferred partners selected; two of the four RSLs have signed the partnership "
            "agreement, the others are expected to sign in July.",
            d(2008, 6, 23), resources="Planning Team Facilities Management Group"),
        Act("3.1.2", _CP3,
            "Develop draft Affordable Housing Guidance for developers and RSL's in advance of "
            "LDF process.",
            "AC", "Jun 08", "Dec 08", "In progress", 10, "Amber",
            "Drafting delayed by the vacancy in the Strategic Housing team.", d(2008, 6, 23),
            "Interim policy officer starts in August; draft to Cabinet in December."),
        Act("3.1.3", _CP3,
            "Support & encourage appropriate RSL bids to the Housing Corporation for the 2008 – "
            "2011 allocation round.",
            "AC", None, "2008/09", "In progress", 30, "Green",
            "Three bids supported in the first bidding window; 46 units allocated.", "June"),
        Act("3.1.5", _CP3,
            "Fund and support Year 2 update of the SHMA Sub Regional Housing Market Assessment.",
            "AC", "Jul 08", "31.03.09", "Not started", 0, None, None, None),
        Act("3.2.1", _CP3,
            "Hold a Strategic Housing 'Ongoing Improvement' Team Away Day to undertake "
            "self-assessment and identify further improvement actions.",
            "AC", None, "Jun 08", "Not started", 0, "Amber",
            "Away day postponed because of the Choice Based Lettings launch.", d(2008, 6, 10),
            "Rearranged for 24 July."),
        Act("3.2.2", _CP3, "Complete full year schedule of customer satisfaction surveys.",
            "AC", "Apr 08", "Mar 09", "In progress", 25, "Green",
            "Quarter 1 surveys of homeless applicants and DFG clients completed.", "June"),
        Act("3.2.6", _CP3, "Implementation of Sub Regional Choice Based Lettings Scheme.", "AC",
            d(2008, 4, 1), d(2008, 9, 30), "In progress", 40, "Green",
            "Partner councils have signed the scheme agreement; the IT system is in testing and "
            "go-live is planned for September.",
            d(2008, 6, 27)),
        Act("3.2.7", _CP3,
            "Support and progress implementation of Hostel De-Commissioning strategy with BDHT "
            "through completion of sale of the hostel site.",
            "AC/ DH", None, "31December 08", "In progress", 20, "Red",
            "Sale delayed: the purchaser has withdrawn. The site is to be re-marketed.",
            d(2008, 6, 30),
            "Re-marketing through the Council's agents from July; report to Cabinet in "
            "September."),
    ),
    milestones=(
        ("1.1.2", "Soft market testing brief agreed", "Jul 08", None, None),
        ("2.2", "Final Plan agreed by Cabinet", d(2008, 9, 10), None, None),
        ("3.2.7", "Report to Cabinet on re-marketing", "Sep 08", None, None),
    ),
    timeline=(
        ("1.1.1", "bb.........."),
        ("1.1.2", "..xxxxxxx..."),
        ("1.1.3", "xxxx........"),
        ("1.1.4", "xxxxxxxxxxxx"),
        ("1.2.1", ".fffff......"),
        ("1.2.2", "......bbb..."),
        ("1.2.3", ".........fff"),
        ("2.1", "xx.........."),
        ("2.2", "..xxxx......"),
        ("2.5", ".........xxx"),
        ("3.1.1", "b..........."),
        ("3.1.2", "..xxxxxxx..."),
        ("3.1.3", "ffffffffffff"),
        ("3.1.5", "...xxxxxxxxx"),
        ("3.2.1", "..x.........", "Note: needs to include benchmarking for VFM purposes."),
        ("3.2.2", "x..x..x..x.."),
        ("3.2.6", "ffffff......"),
        ("3.2.7", "......xxx..."),
    ),
)  # fmt: skip

# --------------------------------------------------------------------------------------------
# Customer Services (seed 003: improvement plan, CP4-CP5)
# --------------------------------------------------------------------------------------------

_CP4 = "CP4 Customer Service: increase in overall customer satisfaction with the Council"
_CP5 = "CP5 Reputation: external recognition of the Council's improvements"

CUSTOMER_SERVICES = Return(
    file="customer-services-2008-q1.xlsx",
    directorate="Customer Services",
    title="Improvement Plan 2008/09 - Customer Services",
    as_of=Q1,
    actions=(
        Act("4.1.1", _CP4, "Agree customer survey", "HB", "Apr 08", "31 May 2008", "Complete",
            100, "Blue", "Survey questions agreed with CMT on 20th May.", d(2008, 5, 21)),
        Act("4.1.2", _CP4, "Undertake survey", "HB", "Jun 08", "Contract let 31 July 2008",
            "In progress", 20, "Green",
            "Tenders received from three research companies; the contract will be let by 31 "
            "July.",
            "June", resources="Approved Budget"),
        Act("4.1.3", _CP4, "Report survey", "HB", None, "Oct 08", "Not started", 0, None, None,
            None),
        Act("4.1.4", _CP4, "Review customer standards in business plans", "HB", "May 08",
            d(2008, 6, 30), "In progress", 70, "Green",
            "Standards reviewed in 9 of the 12 service business plans.", d(2008, 6, 27),
            resources="Service Business Plans"),
        Act("4.1.3", _CP4, "Agree new set of corporate indicators with Cabinet.", "HB", None,
            "Q3 2008/09", "Not started", 0, None, None, None),
        Act("4.1.5", _CP4,
            "Customer Service Peer Review and Update of Customer First Strategy.", "KD",
            d(2008, 4, 1), "Sept 08", "In progress", 10, "Green",
            "Peer review team confirmed for September.", "April"),
        Act("4.2.1", _CP4, "Draw up suitable questions and conduct telephone survey", "DP",
            None, "Every quarter 2008-2010", "In progress", None, "Green",
            "Quarter 1 telephone survey completed: 87% of callers satisfied with the Customer "
            "Service Centre.",
            d(2008, 6, 30), resources="Customer Service centre Staff"),
        Act("4.2.2", _CP4, "Review feedback to improve service delivery", "DP", None,
            "On-going", "In progress", None, "Green",
            "A5 feedback sheets reviewed monthly by the Customer Service Centre team leaders.",
            "May"),
        Act("4.3.1", _CP4,
            "Training Needs Analysis (TNA) of forum members to identify training needs",
            "CF HP", "Apr 08", "31 May 2008", "In progress", 50, "Amber",
            "TNA questionnaire sent to forum members; 6 of 14 returned.", d(2008, 6, 12),
            "Equalities Assistant to follow up non-returns at the July forum meeting.",
            resources="Equalities Assistant"),
        Act("4.3.2", _CP4, "Develop and deliver a training programme for forum members",
            "CF HP", "Sep 08", "31 march 2009 and each subsequent year.", "Not started", 0,
            None, None, None, resources="Capacity Building Funding"),
        Act("5.1.1", _CP5, "Formally report CPA score to Cabinet and PMB.", "HB", None,
            "Apr 08", "Complete", 100, "Blue",
            "Reported to Cabinet on 2nd April and PMB on 15th April.", d(2008, 4, 16)),
        Act("5.1.6", _CP5, "Update Improvement Plan for 2008/09", "HB", None, "30 June 2008",
            "In progress", 90, "Green", "Updated plan goes to Cabinet on 2nd July.",
            d(2008, 6, 25)),
        Act("5.2.1", _CP5, "Investigate \"experience\" of gaining Charter Marks.", "HB", None,
            "Jun 08", "Complete", 100, "Complete",
            "Visits to two councils with Charter Mark teams completed.", "June",
            resources="Customer First Officer"),
        Act("5.2.3", _CP5, "Establish working group.", "HB", "Jul 08", "Sept 08",
            "Not started", 0, None, None, None),
        Act("5.3.1", _CP5, "Comms Planner to CMT each week.", "HB", None, "On-going",
            "In progress", None, "Green", "Planner sent to CMT every Monday.", "June",
            resources="Communications and Customer First manager."),
        Act("5.3.5", _CP5,
            "Review of Communications Strategy reported to Cabinet with updated action plan.",
            "HB", "May 08", "Oct 08", "In progress", 20, "Green",
            "Review under way; workshop with heads of service held on 11th June.",
            d(2008, 6, 13)),
        Act("5.4.4", _CP5, "Bid approval?", "HB", None, "To be confirmed", "Not started", 0,
            None,
            "Budget bid for graphics support to be considered in the 2009/10 budget round.",
            "June", resources="Graphic Designer Post [2009/10 Budget Bid]"),
    ),
    milestones=(
        ("4.1.2", "Contract let", d(2008, 7, 31), None, None),
        ("5.1.6", "Improvement Plan to Cabinet", d(2008, 7, 2), None, None),
        ("5.2.1", "Report to CMT on teams to go forward", "May 08", d(2008, 5, 28), None),
    ),
    timeline=(
        ("4.1.1", "xx.........."),
        ("4.1.2", "..xxx......."),
        ("4.1.5", "ffffff......"),
        ("5.1.6", "..x........."),
        ("5.3.1", "ffffffffffff"),
        ("5.3.5", ".bbbbbb....."),
    ),
)  # fmt: skip

# --------------------------------------------------------------------------------------------
# Policy and Performance (seed 002: CAA preparation programme), Q1 and its older Q4 return
# --------------------------------------------------------------------------------------------

_E1 = (
    "1. Understanding the area and its diverse communities, with particular emphasis on the "
    "disadvantaged"
)
_E2 = (
    "2. Engaging and empowering local citizens and service users, with particular emphasis on "
    "the disadvantaged"
)
_E3 = (
    "3. Using this understanding, engagement and empowerment as the basis for the Council's and "
    "the Partnership's shared vision, priorities, objectives and commissioning"
)
_E4 = "4. Ensuring that the necessary capacity is in place to achieve the vision and priorities"
_E5 = "5. Ensuring that effective arrangements are in place to identify and manage the risks"
_E6 = "6. Improving well/promising prospects in the direction of travel assessment"
_E7 = "7. Consistently above minimum requirements in the use of resources assessment"
_E8 = "8. Effective communication of the programme to members, staff, partners and the public"
_HOS = "Heads of service, performance improvement managers"

POLICY_AND_PERFORMANCE = Return(
    file="policy-and-performance-2008-q1.xlsx",
    directorate="Policy and Performance",
    title="Comprehensive Area Assessment preparation programme: January 2008 to December 2009",
    as_of=Q1,
    actions=(
        Act("1.1", _E1,
            "Joint Strategic Needs Analysis – JSNA (health and well-being; statutory, comes into "
            "effect 1 April 2008)",
            "Director of Public Health, Deputy Chief Executive, Director of Integrated "
            "Commissioning (Other directors, Research, Heads of service and partner "
            "organisations)",
            "Jan 08", "Apr 08 Mar 09", "In progress", 35, "Green",
            "Initial draft baseline analysis, gap analysis and proposals for prioritised "
            "programme produced. Being considered by Joint Management Team on 7th July.",
            d(2008, 6, 30), None,
            "In accordance with the Government guidance. Joint programme agreed by the Council "
            "and PCT, with involvement of other partners.",
            notes="Existing health and social care needs analyses, including the Annual report "
            "of the Director of Public Health and The State of the County Report"),
        Act("1.3", _E1,
            "Identify changes needed to data collection and analysis to provide reliable, "
            "regular data, e.g. single, shared client data-bases, setting a prioritised "
            "timetable for each element",
            f"Tony Geeson ({_HOS}, Research)", None, "Apr 08 Mar 09", "In progress", 30,
            "Green",
            "Timetabled priorities identified in the proposed prioritised programme for JSNA and "
            "wider needs analysis, taking account of the Regional Improvement and Efficiency "
            "Programme and the implementation of the Data Quality Action Plan.",
            d(2008, 6, 30), None,
            "Prioritised timetable in place. Desired data and analysis produced.",
            notes="Data Quality Action Plan and the Connects programme"),
        Act("1.4", _E1, "Place-based mandatory satisfaction survey",
            "Tony Cramp (Martin Heuter, heads of service)", None, "Sep 08", "In progress", 20,
            "Green",
            "Final guidance received from DCLG; fieldwork to take place between 29th September "
            "and 19th December.",
            d(2008, 6, 30), None, "In accordance with the statutory requirements",
            notes="The Council's annual satisfaction and citizens' panel surveys, and its "
            "Community Consultation Strategy"),
        Act("1.5", _E1, "Equalities impact assessments (EIAs): current round, next round",
            "Carol Trachonitis (Heads of service; Research)", None, "Mar 08 Mar 09",
            "In progress", 20, "Green",
            "Year 4 of 5 year rolling programme completed. 45 EIAs in Children & Young People, "
            "Human Resources and Adult & Community Services completed. Quality assured by the "
            "Diversity Group. Year 5 started. Estimated 51 assessments to be completed this "
            "year.",
            d(2008, 6, 30), None,
            "Provide a sound basis for setting priorities, objectives and targets, and for "
            "commissioning", notes="The various equalities action plans"),
        Act("2.1", _E2,
            "Meeting the new statutory duty to involve local people in decisions (comes into "
            "effect on 1 April 2009), including amendments to the Council's Constitution, "
            "complaints process and handling of public petitions",
            "Jennifer Watkins, Martin Heuter, Alan McLaughlin (Research, heads of service, "
            "consultation staff)",
            None, "Mar 08 Apr 09", "In progress", 25, "Amber",
            "Initial scoping and gap analysis done. To be completed by July 2008 in the light of "
            "expected statutory guidance from Government and the promised community empowerment "
            "white paper.\nWork commenced on identifying any likely changes required to the "
            "Council's Constitution.",
            d(2008, 6, 30),
            "Gap analysis to be completed in July once the statutory guidance is published.",
            "Compliance with the statutory duty",
            notes="Community Involvement Strategy. PACTs, LINKs."),
        Act("2.2", _E2, "Systematic collection and understanding of customer feedback and "
            "complaints",
            f"Geoff Cole ({_HOS}, PCT and other partner organisations)", None, "Mar 08 Dec 08",
            "In progress", 40, "Amber",
            "New customer feedback process launched publicly in January 2008. A new IT system "
            "for recording and reporting on complaints and compliments received by the Council "
            "is under development, with an expected completion date of June 2008.",
            d(2008, 3, 20), None,
            "Measurable improvements in services/outcomes demonstrably related to "
            "feedback/complaints", notes="Current review of Council customer standards"),
        Act("2.3", _E2, "Establish stronger, more effective links with neighbourhoods and "
            "parishes",
            "Martin Heuter, Nina Bridges, Robert Blower (Heads of service, Research, "
            "Environment)",
            None, "Dec 08", "In progress", 35, "Green",
            "Parishes with outstanding actions from parish plans sent funding literature.\n"
            "Review of parish planning planned for July-September to pick up on the publication "
            "of the empowerment white paper.\nCommunity Regeneration developing a database of "
            "parish newsletters to improve communication.",
            d(2008, 6, 30), None,
            "Improved ratings in respect of the public's perception of involvement and "
            "influence.", notes="PACTs, LINKs."),
        Act("3.1", _E3, "New Local Area Agreement (LAA)",
            f"Deputy Chief Executive, Michael Hainge, Jennifer Watkins ({_HOS}, Research)",
            None, "Jun 08", "Complete", 100, "Blue", "LAA approved.", d(2008, 6, 30), None,
            "Agreed priorities, outcomes, objectives and targets. Ministerial approval."),
        Act("3.2", _E3,
            "Action plan for the Sustainable Community Strategy (SCS), including the new LAA",
            f"Deputy Chief Executive, Michael Hainge, Jennifer Watkins ({_HOS})", None,
            "Mar 08", "In progress", 30, "Amber",
            "Structure and content being developed in the light of the new LAA; no date agreed. "
            "Support being provided through the Regional Improvement and Efficiency Programme.",
            d(2008, 6, 30),
            "New completion date to be agreed by the Partnership Board in July.",
            "Addresses the main risks to achieving SCS objectives and LAA targets"),
        Act("3.7", _E3, "Determine prioritised programme of commissioning plans",
            "Director of Integrated Commissioning (PCT, other directors, heads of service)",
            None, "Dec 08", "Not started", 0, None, None, None, None,
            "Prioritised programme for commissioning plans in place", notes="Procurement Plan"),
        Act("3.8", _E3, "Commissioning plans",
            "The designated head of service for each commissioning plan (to be agreed under "
            "3.7)",
            None, "As agreed under 3.7", "Not started", 0, None, None, None, None,
            "Improved services and outcomes for people; and improved value for money"),
        Act("4.1", _E4,
            "Integrated planning and performance improvement cycle between the Council, the PCT "
            "and the Partnership",
            "Deputy Chief Executive, Tony Geeson (PCT and other partner organisations, "
            "performance improvement managers, Research)",
            None, "April 08", "In progress", 60, "Green",
            "Initial draft of Partnership Performance Improvement Framework, including the "
            "performance improvement cycle, prepared. Will be considered by the Chief "
            "Executive's Group and the Partnership Board in July. Main elements of PCT cycle "
            "already included in the Council's improvement cycle.",
            d(2008, 6, 30), None, "Agreed cycle in place, operating efficiently and effectively."),
        Act("4.4", _E4, "Joint procurement capacity established with the PCT, including compact "
            "principles",
            "Dean Hogan (PCT, other heads of service, the Alliance)", None, "Dec 08",
            "In progress", 15, "Green",
            "The Council will be working with the regional Improvement and Efficiency "
            "Partnership to review the way procurement is performed right across the council and "
            "to formulate an action plan for improving this activity. This piece of work will "
            "also include the PCT procurement activity. The consultant has now been appointed. "
            "Work to commence in July 2008.",
            d(2008, 6, 30), None, "Joint procurement capacity established. Better value for money"),
        Act("4.5", _E4, "Joint procurement capacity developed across the Partnership, "
            "including compact principles",
            "Dean Hogan (Partner organisations, including the Alliance, heads of service)", None,
            "Mar 09?", "Not started", 0, None, "As 4.4", d(2008, 6, 30)),
        Act("4.10", _E4, "Review ICT requirements to deliver this programme",
            f"Deputy Chief Executive, Head of ICT ({_HOS}, PCT)", None, "May 08 Sep 08",
            "In progress", 30, "Amber", "The Connects programme remains under review.",
            d(2008, 6, 30),
            "Option appraisal to Cabinet on 31st July will set the early priorities.",
            "Initial review completed, early priorities agreed"),
        Act("4.20", _E4,
            "Revise the standardised core agenda for the quarterly Leader and Chief Executive's "
            "performance review meetings",
            "Tony Geeson (Performance Improvement Managers)", None, "July 08", "In progress", 50,
            "Green", "Proposals will be with the Deputy Chief Executive by 7th July.",
            d(2008, 6, 30), None, "Reviews implemented from end-of-July"),
        Act("5.1", _E5,
            "Establish shared strategic risk identification and management process for the "
            "Council, the PCT and their partners",
            "Andrew Rewell, Wendy Huxley-Marko, Tony Geeson (Michael Hainge, Policy and "
            "Performance, PCT)",
            None, "Mar 08", "Complete", 100, "Blue",
            "Joint risk management strategy, policy and toolkit for use by the Council and PCT "
            "approved by PCT Board in March and Cabinet in May. Also approved was the use of an "
            "Assurance Framework for joint reporting of all extreme risks.",
            d(2008, 6, 30)),
        Act("6.3", _E6,
            "Action plan for prioritised improvements in local authority indicator performance "
            "to improve the direction of travel rating in February 2010",
            f"Kevin Lloyd (Directors, {_HOS.lower()})", None, "Mar 08 Mar 09 Mar 09 Feb 10",
            "In progress", 25, "Green",
            "Areas identified in 6.1 are included in relevant service plans and will be "
            "monitored throughout the year as part of the proposed new corporate performance "
            "reports.",
            d(2008, 6, 30), None,
            "Action plan in place; improved performance against indicators; higher rating"),
        Act("7.2", _E7,
            "Action plan for prioritised improvements against the proposed new use of resources "
            "assessment criteria",
            f"Sonia Rees, David Powell (Directors, {_HOS.lower()})", None,
            "Mar 08 Mar 09 Feb 09 & Feb 10", "In progress", 20, "Green",
            "The new Use of Resources assessment is not now to be introduced until 2009. The Head "
            "of Financial Services is in regular discussion with the Audit Commission about the "
            "forthcoming changes.",
            d(2008, 6, 30), None,
            "Assessment rating of consistently above minimum requirements, performing well"),
        Act("8.1", _E8, "Communications strategy and action plan designed and rolled out",
            "Robert Blower (Tony Geeson, Steve Martin, heads of service, PCT)", None, "Mar 08",
            "In progress", 60, "Amber",
            "Initial draft of action plan prepared. To be finalised in the light of the "
            "confirmed CAA framework and proposed detailed arrangements.\nSeminars held for "
            "Council members and officers.",
            d(2008, 6, 30),
            "To be finalised once the CAA framework is confirmed (expected late July).",
            "Strategy and action plan in place"),
    ),
    milestones=(
        ("1.1", "Joint programme considered by Joint Management Team", d(2008, 7, 7), None,
         None),
        ("2.1", "Gap analysis completed in the light of statutory guidance", "July 2008", None,
         None),
        ("8.1", "Seminars held for Council members and officers", d(2008, 5, 31), "Yes",
         "Partners to be invited to future seminars"),
    ),
    timeline=(
        ("1.4", "....bbbbb..."),
        ("2.3", "ffffffffff.."),
        ("4.10", ".xxxxx......"),
    ),
)  # fmt: skip

#: The older return's updates by ref: (status, % complete, self-assessed RAG, commentary).
#: Refs not listed had not been started or updated by 31 March 2008.
_Q4_UPDATES: dict[str, tuple[str, int, str | None, str | None]] = {
    "1.1": ("In progress", 10, "Green", "Scoping of existing data sources under way."),
    "1.5": ("In progress", 90, "Green",
            "Year 4 of 5 year rolling programme nearly complete; 45 EIAs completed."),
    "2.1": ("In progress", 10, "Green", "Initial scoping started."),
    "2.2": ("In progress", 30, "Green",
            "New customer feedback process launched publicly in January 2008."),
    "3.1": ("In progress", 60, "Green",
            "LAA negotiations with Government Office under way; final technical guidance on the "
            "indicator set awaited."),
    "3.2": ("In progress", 10, "Amber", None),
    "4.1": ("In progress", 20, "Green", None),
    "5.1": ("In progress", 80, "Green",
            "Joint risk management strategy, policy and toolkit approved by PCT Board in March; "
            "to Cabinet in May."),
    "8.1": ("In progress", 30, "Green", "Initial draft of action plan prepared."),
}  # fmt: skip
#: Actions added to the programme after 31 March 2008.
_ADDED_IN_Q1 = frozenset({"4.20", "2.3"})


def _older(q1: Return) -> Return:
    """The directorate's return as of 31 March 2008: fewer actions, fewer and older updates."""
    actions = []
    for act in q1.actions:
        if act.ref in _ADDED_IN_Q1:
            continue
        status, percent, rag, commentary = _Q4_UPDATES.get(act.ref, ("Not started", 0, None, None))
        actions.append(
            Act(act.ref, act.priority, act.action, act.lead, act.start, act.deadline, status,
                percent, rag, commentary, "March" if commentary else None, None, act.success,
                act.resources, act.risk, act.notes)
        )  # fmt: skip
    return Return(
        file="policy-and-performance-2007-q4.xlsx",
        directorate=q1.directorate,
        title=q1.title,
        as_of=dt.date(2008, 3, 31),
        actions=tuple(actions),
        milestones=(
            ("1.1", "Joint programme considered by Joint Management Team", "Jul 08", None, None),
        ),
        timeline=(("1.1", ".........xxx"),),
        plan_year_start=dt.date(2007, 4, 1),
        superseded=True,
    )


POLICY_AND_PERFORMANCE_Q4 = _older(POLICY_AND_PERFORMANCE)

#: Every sample return, the superseded one last.
RETURNS: tuple[Return, ...] = (
    CHIEF_EXECUTIVES_OFFICE,
    RESOURCES,
    CORPORATE_STRATEGY,
    REGENERATION_AND_HOUSING,
    CUSTOMER_SERVICES,
    POLICY_AND_PERFORMANCE,
    POLICY_AND_PERFORMANCE_Q4,
)


@dataclass(frozen=True)
class Emailed:
    """A return that arrives attached to an email, saved from the inbox as ``file``."""

    file: str
    attachment: str
    sender: str
    subject: str
    sent: dt.datetime
    body: str


_BST = dt.timezone(dt.timedelta(hours=1))
#: Returns that arrive as emails, by the workbook's ``Return.file``.
EMAILED: dict[str, Emailed] = {
    CORPORATE_STRATEGY.file: Emailed(
        file="Corporate Strategy - 2008-06-30.eml",
        attachment="Corporate Strategy - 2008-06-30.xlsx",
        sender="Priya Shah <priya.shah@example.gov.uk>",
        subject="Example Council Corporate Strategy return – as of 30 Jun 2008",
        sent=dt.datetime(2008, 7, 2, 16, 41, tzinfo=_BST),
        body=(
            "Hello,\n\nPlease find attached the Corporate Strategy action plan return, as of 30 "
            "Jun 2008.\n\nKind regards,\nPriya\n"
        ),
    ),
    CUSTOMER_SERVICES.file: Emailed(
        file="Customer Services Q1 return 2008-09.msg",
        attachment=CUSTOMER_SERVICES.file,
        sender="Dan Okafor <dan.okafor@example.gov.uk>",
        subject="Customer Services Q1 return 2008/09",
        sent=dt.datetime(2008, 7, 4, 10, 12, tzinfo=_BST),
        body=(
            "Hi all,\n\nOur quarter 1 return is attached. The customer survey contract will be "
            "let by the end of July.\n\nThanks,\nDan\n"
        ),
    ),
}


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def _row_styles(ws: Worksheet, width: int) -> list[object]:
    """The styles of row 2 (the template's first, empty data row), column by column."""
    return [copy(ws.cell(2, col)._style) for col in range(1, width + 1)]


def _put(ws: Worksheet, row: int, col: int, value: Value, styles: list[object]) -> None:
    """Write ``value`` in the column's style (text stays text, dates get a date format)."""
    cell = ws.cell(row, col)
    cell._style = copy(styles[col - 1])
    if isinstance(value, str):
        put_text(cell, value)
    else:
        cell.value = value
        if isinstance(value, dt.date):
            cell.number_format = _DATE_FORMAT


def _fit_height(ws: Worksheet, row: int, headings: tuple[str, ...]) -> None:
    """Set the row tall enough for its wrapped text (Excel does not grow rows by itself)."""
    lines = 1
    for col, heading in enumerate(headings, 1):
        value = ws.cell(row, col).value
        if heading in WRAPPED and isinstance(value, str):
            per_line = int(WIDTHS.get(heading, 14) * 0.9)
            lines = max(lines, sum(len(part) // per_line + 1 for part in value.splitlines()))
    ws.row_dimensions[row].height = 15 * min(lines, 27)


def _setting_row(name: str) -> int:
    """The Settings sheet row holding the setting with defined name ``name``."""
    return 2 + [spec.name for spec in layout.SETTINGS_ROWS].index(name)


def _grow_table(ws: Worksheet, name: str, width: int, last_row: int) -> None:
    """Extend the Excel table ``name`` (and its filter) down to ``last_row``."""
    table = ws.tables[name]
    table.ref = f"A1:{column_letter(width)}{max(last_row, 2)}"
    if table.autoFilter is not None:
        table.autoFilter.ref = table.ref


def build_return(spec: Return) -> Workbook:
    """The template filled in with ``spec``'s settings, actions, milestones and Timeline."""
    wb = build_template(
        directorate=spec.directorate,
        organisation=ORGANISATION,
        plan_year_start=spec.plan_year_start,
        plan_title=spec.title,
    )
    settings = wb[layout.SETTINGS]
    settings.cell(_setting_row("AsOfDate"), 2).value = spec.as_of
    put_text(settings.cell(_setting_row("ReturnTo"), 2), RETURN_TO)

    actions = wb[layout.ACTIONS]
    width = len(layout.ACTION_HEADINGS) + len(layout.COMPUTED_HEADINGS)
    styles = _row_styles(actions, width)
    for r, act in enumerate(spec.actions, 2):
        for c, value in enumerate(act.values(), 1):
            _put(actions, r, c, value, styles)
        for c in range(len(layout.ACTION_HEADINGS) + 1, width + 1):
            _put(actions, r, c, None, styles)
        _fit_height(actions, r, layout.ACTION_HEADINGS)
    _grow_table(actions, layout.ACTIONS_TABLE, width, len(spec.actions) + 1)

    milestones = wb[layout.MILESTONES]
    styles = _row_styles(milestones, len(layout.MILESTONE_HEADINGS))
    for r, values in enumerate(spec.milestones, 2):
        for c, value in enumerate(values, 1):
            _put(milestones, r, c, value, styles)
        _fit_height(milestones, r, layout.MILESTONE_HEADINGS)
    _grow_table(
        milestones, layout.MILESTONES_TABLE, len(layout.MILESTONE_HEADINGS),
        len(spec.milestones) + 1,
    )  # fmt: skip

    by_ref = {act.ref: act for act in spec.actions}
    timeline = wb[layout.TIMELINE]
    first = len(layout.TIMELINE_LEADING) + 1
    corrective_col = first + layout.TIMELINE_MONTHS
    styles = _row_styles(timeline, corrective_col)
    for r, entry in enumerate(spec.timeline, 2):
        ref, pattern = entry[0], entry[1]
        if len(pattern) != layout.TIMELINE_MONTHS or set(pattern) - set("xfb."):
            raise ValueError(f"{spec.file}: Timeline pattern for {ref} is {pattern!r}")
        act = by_ref[ref]
        for c, value in enumerate((ref, act.action, act.lead), 1):
            _put(timeline, r, c, value, styles)
        for offset, kind in enumerate(pattern):
            _put(timeline, r, first + offset, MARK if kind in "xb" else None, styles)
            if kind in "fb":
                timeline.cell(r, first + offset).fill = MONTH_FILL
        _put(timeline, r, corrective_col, entry[2] if len(entry) > 2 else None, styles)
        _fit_height(
            timeline,
            r,
            (
                *layout.TIMELINE_LEADING,
                *(("",) * layout.TIMELINE_MONTHS),
                *layout.TIMELINE_TRAILING,
            ),
        )
    return wb


def eml_bytes(sent: Emailed, data: bytes) -> bytes:
    """The email as a mail program saves it (``.eml``), with the workbook attached."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = sent.sender
    message["To"] = f"Performance Team <{RETURN_TO}>"
    message["Subject"] = sent.subject
    message["Date"] = email.utils.format_datetime(sent.sent)
    message["Message-ID"] = f"<{sent.sent:%Y%m%d%H%M}.return@example.gov.uk>"
    message.set_content(sent.body)
    message.add_attachment(
        data, maintype="application",
        subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename=sent.attachment,
    )  # fmt: skip
    message.set_boundary("==workbook-tools-sample-return==")
    return message.as_bytes()


def msg_bytes(sent: Emailed, data: bytes) -> bytes:
    """The email as Outlook saves it (``.msg``), with the workbook attached."""
    from aspose.email_foss import msg as mapi

    item = mapi.MapiMessage.create(sent.subject, sent.body)
    name, address = email.utils.parseaddr(sent.sender)
    item.set_property(mapi.PropertyId.SENDER_NAME, name)
    item.set_property(mapi.PropertyId.SENDER_ADDRESS_TYPE, "SMTP")
    item.set_property(mapi.PropertyId.SENDER_EMAIL_ADDRESS, address)
    item.add_recipient(RETURN_TO, display_name="Performance Team")
    item.set_property(mapi.PropertyId.MESSAGE_DELIVERY_TIME, sent.sent)
    item.add_attachment(
        sent.attachment, data,
        mime_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )  # fmt: skip
    return item.to_bytes()


def write_returns(folder: str | Path = OUT) -> list[Path]:
    """Write every sample return into ``folder`` (created if needed), as a workbook or, for the
    returns in ``EMAILED``, as the saved email it arrived in; return the paths."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for spec in RETURNS:
        data = workbook_bytes(build_return(spec))
        sent = EMAILED.get(spec.file)
        if sent is None:
            path, content = target / spec.file, data
        else:
            write = msg_bytes if sent.file.endswith(".msg") else eml_bytes
            path, content = target / sent.file, write(sent, data)
        path.write_bytes(content)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Write the returns to ``samples/returns/`` (or to the folder given as the only argument)."""
    args = sys.argv[1:] if argv is None else argv
    for path in write_returns(Path(args[0]) if args else OUT):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
