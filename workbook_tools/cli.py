"""The ``workbook-tools`` command line (CLI.md): parsing, printing and exit codes only.

Exit codes: 0 done; 1 done but data errors were found; 2 nothing done (bad usage or an input
that could not be processed). Errors are one line on stderr; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import textwrap
from collections.abc import Sequence

from . import __version__
from .errors import UsageError, WorkbookToolsError

EXIT_OK, EXIT_DATA_ERRORS, EXIT_FAILED = 0, 1, 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def _emit_json(data: dict) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def _shorten(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_plan(result) -> None:
    """The human summary of a rated plan: one line per action, counts, then the checks."""
    plan = result.plan
    print(f"{result.path}")
    print(f"  Directorate: {plan.directorate or '(not given)'}   As of: {result.as_of:%d %b %Y}")
    print()
    rows = [("Ref", "RAG", "Due", "Lead", "Action", "Reason")]
    for action, rating in zip(plan.actions, result.ratings, strict=True):
        rows.append(
            (
                action.ref or "",
                rating.rag.value,
                rating.due.strftime("%d %b %Y") if rating.due else action.deadline.kind.value,
                _shorten(action.lead, 18),
                _shorten(action.action, 38),
                _shorten(
                    rating.reason + (f" [{', '.join(rating.flags)}]" if rating.flags else ""), 60
                ),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))
    print()
    counts = "   ".join(f"{rag.value} {n}" for rag, n in result.counts.items())
    print(f"  {len(plan.actions)} actions:   {counts}")
    if result.checks:
        print()
        print(f"  Checks ({len(result.checks)}):")
        for check in result.checks:
            where = f"{check.sheet}!{check.cell}" if check.cell else check.sheet
            line = f"{check.severity.value:7} {where:14} {check.message}"
            print(textwrap.indent(textwrap.fill(line, 110, subsequent_indent=" " * 23), "  "))


def _cmd_check(args: argparse.Namespace) -> int:
    from .services import check

    result = check(args.book, as_of=args.as_of, directorate=args.directorate)
    if args.json:
        _emit_json(result.to_json())
    else:
        print_plan(result)
    return EXIT_DATA_ERRORS if result.has_errors else EXIT_OK


def _cmd_new(args: argparse.Namespace) -> int:
    from .services import new_plan

    path = new_plan(
        args.out,
        directorate=args.directorate,
        organisation=args.organisation,
        plan_year=args.plan_year,
    )
    print(f"Wrote a new plan: {path}")
    return EXIT_OK


def _cmd_addin_build(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .addin import build_addin

    path = build_addin(Path(args.output))
    print(f"Built the Excel add-in: {path}")
    print("Install it as docs/addin-install.md describes (Excel > Options > Add-ins).")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = argparse.ArgumentParser(
        prog="workbook-tools",
        description="Action-plan monitoring for councils: read plans, compute RAG, "
        "refresh workbooks, consolidate returns.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("check", help="read-only: report RAG and data problems, write nothing")
    p.add_argument("book", help="the plan workbook (.xlsx/.xlsm), or a legacy .csv/.tsv/.txt")
    p.add_argument("--as-of", type=_date, help="rate actions at this date (YYYY-MM-DD)")
    p.add_argument("--directorate", help="who the plan is from, for a legacy layout")
    p.add_argument("--json", action="store_true", help="print JSON (CLI.md) instead of a table")
    p.set_defaults(run=_cmd_check)

    p = sub.add_parser("new", help="a fresh plan from the template")
    p.add_argument("out", help="the new workbook to write (.xlsx)")
    p.add_argument("--directorate", help="who the plan is from")
    p.add_argument("--organisation", help="the council")
    p.add_argument("--plan-year", help="the plan year, e.g. 2026/27 (default: the current one)")
    p.set_defaults(run=_cmd_new)

    p = sub.add_parser("addin", help="the Excel add-in (the Monitoring ribbon tab)")
    addin = p.add_subparsers(dest="addin_command", metavar="ACTION")
    addin.required = True
    p = addin.add_parser("build", help="build WorkbookTools.xlam from the sources in macros/")
    p.add_argument("-o", "--output", default="WorkbookTools.xlam", help="where to write it")
    p.set_defaults(run=_cmd_addin_build)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse prints its own one-line usage error
        return EXIT_OK if exc.code == 0 else EXIT_FAILED
    try:
        return args.run(args)
    except WorkbookToolsError as exc:
        if args.debug:
            raise
        print(f"workbook-tools: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("workbook-tools: stopped", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # never a traceback for the user
        if args.debug:
            raise
        print(
            f"workbook-tools: unexpected error ({type(exc).__name__}: {exc}); "
            "run again with --debug and report it",
            file=sys.stderr,
        )
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


__all__ = ["UsageError", "build_parser", "main", "print_plan"]
