"""The use cases: each takes paths (or a book), does one job, returns a result object.

The CLI and the Excel ribbon are thin layers over these functions.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from .checks import plan_checks
from .errors import UsageError
from .model import RAG_ORDER, Book, Check, Plan, Rag, Rating, Severity
from .reading import read_plan
from .rules import rate


@dataclass
class PlanResult:
    """A plan read and rated at one as-of date, with every data problem found."""

    path: str
    plan: Plan
    as_of: dt.date
    ratings: list[Rating]
    checks: list[Check] = field(default_factory=list)

    @property
    def counts(self) -> dict[Rag, int]:
        """Actions per RAG, in RAG order, zeros included."""
        counts = dict.fromkeys(RAG_ORDER, 0)
        for rating in self.ratings:
            counts[rating.rag] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        """Whether any check is an error (exit code 1)."""
        return any(c.severity is Severity.ERROR for c in self.checks)

    def to_json(self) -> dict:
        """The ``check --json`` / ``refresh --json`` shape of CLI.md."""
        actions = []
        for action, rating in zip(self.plan.actions, self.ratings, strict=True):
            actions.append(
                {
                    "ref": action.ref,
                    "priority": action.priority,
                    "action": action.action,
                    "lead": action.lead,
                    "due": rating.due.isoformat() if rating.due else None,
                    "due_kind": action.deadline.kind.value,
                    "status": action.status.value,
                    "self_rag": action.self_rag.value if action.self_rag else None,
                    "rag": rating.rag.value,
                    "reason": rating.reason,
                    "flags": list(rating.flags),
                    "sheet": action.sheet,
                    "row": action.row,
                }
            )
        return {
            "file": self.path,
            "directorate": self.plan.directorate,
            "as_of": self.as_of.isoformat(),
            "actions": actions,
            "counts": {rag.value: n for rag, n in self.counts.items()},
            "checks": [
                {
                    "severity": c.severity.value,
                    "sheet": c.sheet,
                    "cell": c.cell,
                    "message": c.message,
                }
                for c in self.checks
            ],
        }


def load(path: str | os.PathLike[str], *, fast: bool = False) -> Book:
    """Check a file against the input limits, then load it as grids."""
    from .safety import check_input
    from .sources import load_book

    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        check_input(path)
    return load_book(path, fast=fast)


def rate_plan(plan: Plan, as_of: dt.date) -> tuple[list[Rating], list[Check]]:
    """Rate every action of ``plan`` at ``as_of`` and list every data problem."""
    ratings = [rate(action, as_of, plan.settings) for action in plan.actions]
    checks = plan_checks(plan.actions, ratings, plan.milestones, plan.checks)
    return ratings, checks


def evaluate(
    book: Book,
    *,
    as_of: dt.date | None = None,
    directorate: str | None = None,
    today: dt.date | None = None,
) -> PlanResult:
    """Read and rate a loaded book. The as-of date is ``as_of``, else the workbook's own
    (``AsOfDate`` or an ``Updated to`` line), else ``today``."""
    today = today or dt.date.today()
    plan = read_plan(book, directorate=directorate, as_of=as_of, today=today)
    effective = as_of or plan.settings.as_of or today
    ratings, checks = rate_plan(plan, effective)
    return PlanResult(path=book.path, plan=plan, as_of=effective, ratings=ratings, checks=checks)


def check(
    path: str | os.PathLike[str],
    *,
    as_of: dt.date | None = None,
    directorate: str | None = None,
    today: dt.date | None = None,
) -> PlanResult:
    """Read-only: read and rate the plan in ``path``; the file is never modified."""
    book = load(path)
    book.path = os.fspath(path)
    return evaluate(book, as_of=as_of, directorate=directorate, today=today)


def parse_plan_year(text: str) -> dt.date:
    """``"2026/27"``, ``"2026-27"`` or ``"2026"`` → 1 April 2026, the start of that plan year."""
    import re

    match = re.fullmatch(r"\s*((?:19|20)\d\d)(?:\s*[/-]\s*(\d\d|(?:19|20)\d\d))?\s*", text or "")
    if not match:
        raise UsageError(f"'{text}' is not a plan year; write it as 2026/27")
    first = int(match.group(1))
    if match.group(2):
        second = int(match.group(2)) % 100
        if second != (first + 1) % 100:
            raise UsageError(f"'{text}' is not a plan year: the second year must follow the first")
    return dt.date(first, 4, 1)


def new_plan(
    output: str | os.PathLike[str],
    *,
    directorate: str | None = None,
    organisation: str | None = None,
    plan_year: str | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write a fresh plan from the template; the plan year defaults to the current one.

    Refuses to overwrite an existing file.
    """
    from .timeline import financial_year_of
    from .writers.template import write_template

    output = Path(output)
    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"{output.name}: a new plan must be saved as .xlsx")
    if output.exists():
        raise UsageError("already exists; choose another name or delete it first", path=output)
    if plan_year:
        start = parse_plan_year(plan_year)
    else:
        start = dt.date(financial_year_of(today or dt.date.today()), 4, 1)
    return write_template(
        output, directorate=directorate, organisation=organisation, plan_year_start=start
    )
