"""Prepare a return for email: refresh the plan, copy it under the name the corporate team expects
(``<Directorate> - <as-of>.xlsx``) and write an ``.eml`` draft with the copy attached.

The copy and the draft go into an outbox folder (``Outbox`` beside the workbook unless another
folder is given). Preparing the same return again replaces the copy and the draft of that name,
because the officer is re-sending the same return with corrections. The draft carries
``X-Unsent: 1``, so Outlook opens it as an unsent message ready to send.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
import os
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from ..core.exception_list import is_exception
from ..core.model import RAG_ORDER, Rag, Severity
from ..errors import UsageError
from ..safety.output import check_folder, output_folder, write_file
from . import plan as services

#: MIME types of the attached workbook, by extension.
MIME_TYPES: dict[str, tuple[str, str]] = {
    ".xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".xlsm": ("application", "vnd.ms-excel.sheet.macroEnabled.12"),
}
#: The outbox folder used when none is given: this name, beside the workbook.
DEFAULT_OUTBOX = "Outbox"

_NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(10)}
_RAG_LABELS = {
    Rag.BLUE: "Blue (complete)",
    Rag.GREEN: "Green (on track)",
    Rag.AMBER: "Amber (off track, recoverable)",
    Rag.RED: "Red (off track)",
    Rag.GREY: "Grey (not rated)",
}


@dataclass
class ReturnResult:
    """A prepared return: the copy to send, the draft email, who it is addressed to."""

    copy: Path
    eml: Path
    to: str | None
    subject: str
    directorate: str
    as_of: dt.date
    counts: dict[Rag, int]
    exceptions: int
    refresh: services.RefreshResult
    warnings: list[str] = field(default_factory=list)


def prepare_return(
    path: str | os.PathLike[str],
    *,
    outbox: str | os.PathLike[str] | None = None,
    to: str | None = None,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
) -> ReturnResult:
    """Refresh the plan in ``path`` in place, then write ``<Directorate> - <as-of>.xlsx`` and an
    ``.eml`` draft with it attached into ``outbox`` (default: ``Outbox`` beside the workbook).

    The draft is addressed to ``to`` (one or more addresses separated by ``;`` or ``,``), else
    to the Settings value "Send returns to (email)"; with neither it has no To line and the
    result says so. When refresh refuses (:class:`~workbook_tools.errors.WouldLoseDataError`)
    the error is raised and nothing is written.
    """
    source = Path(path)
    if not source.is_file():
        raise UsageError("no such file", path=source)
    folder = Path(outbox) if outbox is not None else source.parent / DEFAULT_OUTBOX
    check_folder(folder)  # before the refresh: an outbox that can never be made stops here
    given = addresses(to) if to else None
    if to and not given:
        raise UsageError(f"'{to}' is not an email address; write it as name@council.gov.uk")

    refreshed = services.refresh(source, as_of=as_of, today=today)
    return write_return(source, refreshed, outbox=folder, to=given)


def write_return(
    source: Path,
    refreshed: services.RefreshResult,
    *,
    outbox: Path | None = None,
    to: list[str] | None = None,
) -> ReturnResult:
    """Write the copy to send and its ``.eml`` draft for a workbook already refreshed (by the
    CLI in place, or by the ribbon on the open workbook, then saved).

    ``to`` is the list of addresses given by the user; without it the Settings address is used.
    """
    result = refreshed.result
    folder = outbox if outbox is not None else source.parent / DEFAULT_OUTBOX
    output_folder(folder, make=True)
    settings = result.plan.settings
    directorate = result.plan.directorate or source.stem
    warnings = list(refreshed.notes)
    recipients = to
    if recipients is None and settings.return_to:
        recipients = addresses(settings.return_to)
        if not recipients:
            warnings.append(
                f"The Settings address '{settings.return_to}' is not an email address; "
                "the draft has no To line: correct 'Send returns to (email)' on Settings"
            )
    elif recipients is None:
        warnings.append(
            "No address to send to: the draft has no To line; fill in 'Send returns to "
            "(email)' on the Settings sheet or give one with --to"
        )
    suffix = source.suffix.lower()
    if suffix == ".xlsm":
        warnings.append(
            "The workbook holds macros (.xlsm) and is attached as it is; its readers may see a "
            "security warning. Save it as an Excel Workbook (.xlsx) to send it without macros"
        )
    errors = sum(c.severity is Severity.ERROR for c in result.checks)
    if errors:
        warnings.append(f"The Checks sheet lists {_count(errors, 'data error')}; see the draft")

    stem = f"{safe_file_name(directorate)} - {result.as_of:%Y-%m-%d}"
    copy, eml = folder / f"{stem}{suffix}", folder / f"{stem}.eml"
    data = source.read_bytes()
    if not (copy.exists() and os.path.samefile(copy, source)):
        write_file(copy, data)
    to_line = ", ".join(recipients) if recipients else None
    subject = " ".join(filter(None, (settings.organisation, directorate)))
    subject += f" return – as of {_day(result.as_of)}"
    exceptions = _exceptions(result)
    message = EmailMessage(policy=email.policy.SMTP)
    if to_line:
        message["To"] = to_line
    message["Subject"] = subject
    message["X-Unsent"] = "1"
    message.set_content(_body(directorate, result, exceptions, errors))
    maintype, subtype = MIME_TYPES.get(suffix, MIME_TYPES[".xlsx"])
    message.add_attachment(data, maintype=maintype, subtype=subtype, filename=copy.name)
    write_file(eml, message.as_bytes())
    return ReturnResult(
        copy=copy,
        eml=eml,
        to=to_line,
        subject=subject,
        directorate=directorate,
        as_of=result.as_of,
        counts=result.counts,
        exceptions=exceptions,
        refresh=refreshed,
        warnings=warnings,
    )


def addresses(text: str) -> list[str]:
    """The email addresses in ``text`` (separated by ``;`` or ``,``, display names allowed), or
    an empty list when any of them is not an address."""
    found = []
    for part in re.split(r"[;,]", text or ""):
        if not part.strip():
            continue
        name, address = email.utils.parseaddr(part.strip())
        if not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+", address):
            return []
        found.append(email.utils.formataddr((name, address)) if name else address)
    return found


def safe_file_name(text: str) -> str:
    """``text`` made safe as a Windows file name: characters Windows refuses become ``-``,
    trailing dots and spaces go, reserved names (CON, NUL, COM1 …) get a leading ``_``."""
    name = re.sub(r"\s+", " ", _NOT_IN_NAMES.sub("-", text)).strip(" .")[:100].strip(" .")
    if not name:
        return "Return"
    return f"_{name}" if name.split(".")[0].upper() in _RESERVED else name


def _exceptions(result: services.PlanResult) -> int:
    """Actions on the Exceptions sheet: Red, Amber, and optimistic self-assessments."""
    return sum(is_exception(r.rag, r.flags) for r in result.ratings)


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _body(directorate: str, result: services.PlanResult, exceptions: int, errors: int) -> str:
    """The draft's text, for the officer to read over, sign and send."""
    counts = result.counts
    width = max(len(label) for label in _RAG_LABELS.values())
    lines = [
        "Hello,",
        "",
        f"Please find attached the {directorate} action plan return, as of {_day(result.as_of)}.",
        "",
        f"RAG status of the {_count(len(result.ratings), 'action')}:",
        *(f"  {_RAG_LABELS[rag]:<{width}}  {counts[rag]:>4}" for rag in RAG_ORDER),
        "",
    ]
    if exceptions:
        verb = "is an exception" if exceptions == 1 else "are exceptions"
        lines.append(
            f"{_count(exceptions, 'action')} {verb}"
            " (Red, Amber, or self-assessed more favourably than the dates support). The "
            "Exceptions sheet lists each with the reason and the corrective action."
        )
    else:
        lines.append("There are no exceptions: no action is Red or Amber.")
    warnings = sum(c.severity is Severity.WARNING for c in result.checks)
    if errors or warnings:
        found = " and ".join(
            _count(n, noun) for n, noun in ((errors, "data error"), (warnings, "warning")) if n
        )
        lines += ["", f"The Checks sheet lists {found} about the data in the plan."]
    lines += ["", "Kind regards,", ""]
    return "\n".join(lines)
