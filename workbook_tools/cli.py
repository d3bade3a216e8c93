"""The ``workbook-tools`` command line (CLI.md): parsing, printing and exit codes only.

Exit codes: 0 done; 1 done but data errors were found; 2 nothing done (bad usage or an input
that could not be processed). Errors are one line on stderr; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
import textwrap
from collections.abc import Sequence

from . import __version__
from .errors import UsageError, WorkbookToolsError
from .shown_paths import shown

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
    print(shown(result.path))
    print(f"  Directorate: {plan.directorate or '(not given)'}   As of: {result.as_of:%d %b %Y}")
    print()
    if plan.actions:
        _print_actions(result)
    else:
        print("  No actions yet: add them on the Actions sheet, one row per action.")
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


def _print_actions(result) -> None:
    """One line per action: ref, RAG, due date, lead, action and reason, in columns."""
    rows = [("Ref", "RAG", "Due", "Lead", "Action", "Reason")]
    for action, rating in zip(result.plan.actions, result.ratings, strict=True):
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


def _cmd_check(args: argparse.Namespace) -> int:
    from .usecases.plan import check

    result = check(args.book, as_of=args.as_of, directorate=args.directorate)
    if args.json:
        _emit_json(result.to_json())
    else:
        print_plan(result)
    return EXIT_DATA_ERRORS if result.has_errors else EXIT_OK


def _cmd_refresh(args: argparse.Namespace) -> int:
    from .usecases.plan import refresh

    done = refresh(args.book, as_of=args.as_of, output=args.output, directorate=args.directorate)
    result = done.result
    if args.json:
        _emit_json(result.to_json())
    else:
        print_plan(result)
        print()
        backup = f" (backup: {shown(done.backup)})" if done.backup else ""
        print(f"  Wrote {shown(done.output)}{backup}")
        for note in done.notes:
            print(f"  Note: {note}")
    return EXIT_DATA_ERRORS if result.has_errors else EXIT_OK


def _progress_wanted(args: argparse.Namespace) -> bool:
    return not args.json and sys.stderr.isatty()


def _cmd_consolidate(args: argparse.Namespace) -> int:
    from .usecases.consolidate import consolidate

    result = consolidate(
        args.inputs,
        args.output,
        as_of=args.as_of,
        previous=args.previous,
        jobs=args.jobs,
        progress=_progress_wanted(args),
    )
    if args.json:
        _emit_json(result.to_json())
    else:
        print(result.summary_text())
    return result.exit_code


def _cmd_import(args: argparse.Namespace) -> int:
    from .usecases.importing import import_plan

    result = import_plan(args.legacy, args.output, directorate=args.directorate, as_of=args.as_of)
    print(f"Imported {result.actions} actions into {shown(result.path)}")
    for warning in result.warnings:
        print(f"  Warning: {warning}")
    return EXIT_OK


def _cmd_prepare_return(args: argparse.Namespace) -> int:
    from .usecases.prepare_return import prepare_return

    result = prepare_return(args.book, outbox=args.outbox, to=args.to, as_of=args.as_of)
    print(f"Refreshed {shown(args.book)}")
    print(f"  Copy to send: {shown(result.copy)}")
    print(f"  Email draft:  {shown(result.eml)}" + (f" (to {result.to})" if result.to else ""))
    for warning in result.warnings:
        print(f"  Warning: {warning}")
    return EXIT_OK


def _cmd_new(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .usecases.plan import new_plan

    folder = Path(args.out).parent
    made = not folder.exists()
    path = new_plan(
        args.out,
        directorate=args.directorate,
        organisation=args.organisation,
        plan_year=args.plan_year,
    )
    print(f"Wrote a new plan: {shown(path)}")
    if made:
        print(f"  (made the folder {shown(folder)} for it)")
    return EXIT_OK


def _cmd_addin_build(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .ribbon.addin_build import build_addin

    path = build_addin(Path(args.output))
    print(f"Built the Excel add-in: {shown(path)}")
    print(f"Put it where Excel loads it with: workbook-tools addin install --file {shown(path)}")
    return EXIT_OK


def _cmd_addin_install(args: argparse.Namespace) -> int:
    import os
    import platform
    from pathlib import Path

    from .ribbon.addin_install import install_addin

    done = install_addin(
        Path(args.file) if args.file else None,
        system=platform.system(),
        home=Path.home(),
        appdata=os.environ.get("APPDATA"),
    )
    what = "Built and installed" if done.built else "Installed"
    print(f"{what} the Excel add-in: {shown(done.addin)}")
    if done.script is not None:
        print(f"  and xlwings' script that lets Excel start Python: {shown(done.script)}")
    print("Excel opens it each time it starts: quit Excel and start it again to see the")
    print("Monitoring tab. Then tell it which Python to use: run 'xlwings config create' in this")
    print("environment (docs/addin-install.md, step 5).")
    return EXIT_OK


def _cmd_addin_uninstall(args: argparse.Namespace) -> int:
    import os
    import platform
    from pathlib import Path

    from .ribbon.addin_install import ADDIN_NAME, excel_folders, uninstall_addin

    system, home, appdata = platform.system(), Path.home(), os.environ.get("APPDATA")
    removed = uninstall_addin(system=system, home=home, appdata=appdata)
    if removed is None:
        folder = excel_folders(system, home=home, appdata=appdata).startup
        print(f"The Excel add-in was not installed ({ADDIN_NAME} is not in {shown(folder)}).")
    else:
        print(f"Removed the Excel add-in: {shown(removed)}")
        print("Quit Excel and start it again: the Monitoring tab is gone.")
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .usecases.demo import RETURNS_FOLDER, run_demo

    result = run_demo(args.output, progress=sys.stderr.isatty())
    print(result.summary_text())
    print()
    print(f"Open {shown(result.output)} in Excel or LibreOffice to see the corporate report;")
    print(f"the sample returns it consolidates are in {shown(Path(args.output) / RETURNS_FOLDER)}.")
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

    def as_of(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--as-of",
            type=_date,
            help="rate actions at this date (YYYY-MM-DD; default: the "
            "workbook's own as-of date, else today)",
        )

    p = sub.add_parser("new", help="a fresh plan from the template")
    p.add_argument("out", help="the new workbook to write (.xlsx)")
    p.add_argument("--directorate", help="who the plan is from")
    p.add_argument("--organisation", help="the council")
    p.add_argument("--plan-year", help="the plan year, e.g. 2026/27 (default: the current one)")
    p.set_defaults(run=_cmd_new)

    p = sub.add_parser("check", help="read-only: report RAG and data problems, write nothing")
    p.add_argument(
        "book", help="the plan: a workbook (.xlsx/.xlsm/.xlsb/.xls/.ods) or a .csv/.tsv/.txt"
    )
    as_of(p)
    p.add_argument("--directorate", help="who the plan is from, for a legacy layout")
    p.add_argument("--json", action="store_true", help="print JSON (CLI.md) instead of a table")
    p.set_defaults(run=_cmd_check)

    p = sub.add_parser("refresh", help="compute RAG and write everything back into the workbook")
    p.add_argument("book", help="the plan workbook (.xlsx/.xlsm)")
    as_of(p)
    p.add_argument("--output", help="write a refreshed copy here and leave the original alone")
    p.add_argument("--directorate", help="who the plan is from, for a legacy layout")
    p.add_argument("--json", action="store_true", help="print JSON (CLI.md) instead of a table")
    p.set_defaults(run=_cmd_refresh)

    p = sub.add_parser("consolidate", help="build the corporate report from a folder of returns")
    p.add_argument(
        "inputs", nargs="+", metavar="INPUT",
        help="returns: files and/or folders (workbooks, and saved emails .eml/.msg/.mbox)",
    )  # fmt: skip
    p.add_argument("-o", "--output", required=True, help="the corporate report to write (.xlsx)")
    as_of(p)
    p.add_argument("--previous", help="last period's corporate report, for direction of travel")
    p.add_argument("--jobs", type=int, help="worker processes (default: chosen for this machine)")
    p.add_argument("--json", action="store_true", help="print JSON (CLI.md) instead of a summary")
    p.set_defaults(run=_cmd_consolidate)

    p = sub.add_parser(
        "import", help="import a plan (.xlsx, .xlsm, .xlsb, .xls, .ods, .csv, .tsv, .txt)"
    )
    p.add_argument("legacy", help="the legacy plan")
    p.add_argument("-o", "--output", required=True, help="the new plan workbook to write (.xlsx)")
    p.add_argument("--directorate", help="who the plan is from")
    as_of(p)
    p.set_defaults(run=_cmd_import)

    p = sub.add_parser("prepare-return", help="refresh, then a copy and an email draft to send")
    p.add_argument("book", help="the plan workbook")
    p.add_argument("--outbox", help="folder for the copy and the draft (default: Outbox beside it)")
    p.add_argument("--to", help="address to send to (default: the ReturnTo setting)")
    as_of(p)
    p.set_defaults(run=_cmd_prepare_return)

    p = sub.add_parser("addin", help="the Excel add-in (the Monitoring ribbon tab)")
    addin = p.add_subparsers(dest="addin_command", metavar="ACTION")
    addin.required = True
    p = addin.add_parser("build", help="build WorkbookTools.xlam from the sources in macros/")
    p.add_argument("-o", "--output", default="WorkbookTools.xlam", help="where to write it")
    p.set_defaults(run=_cmd_addin_build)
    p = addin.add_parser("install", help="put the add-in in Excel's start-up folder (Windows, Mac)")
    p.add_argument(
        "--file", help="the built add-in to install (default: build a fresh one)", metavar="XLAM"
    )
    p.set_defaults(run=_cmd_addin_install)
    p = addin.add_parser("uninstall", help="take the add-in out of Excel's start-up folder")
    p.set_defaults(run=_cmd_addin_uninstall)

    p = sub.add_parser("demo", help="consolidate the bundled sample returns")
    p.add_argument(
        "-o", "--output", default="workbook-tools-demo", help="folder for the demo's report"
    )
    p.set_defaults(run=_cmd_demo)
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
    except BrokenPipeError:  # the output went to a program that stopped reading (e.g. head)
        with contextlib.suppress(OSError, ValueError):  # so the exit's flush writes nowhere
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
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
