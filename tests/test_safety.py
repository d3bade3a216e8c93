"""Safety: input limits, what a save would lose, atomic saving and checking a written workbook."""

from __future__ import annotations

import contextlib
import io
import os
import random
import shutil
import stat
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import hostile
import pytest

from workbook_tools.errors import (
    FileLockedError,
    LegacyXlsError,
    NotAWorkbookError,
    UnsafeContentError,
    UsageError,
    WorkbookTooLargeError,
    WorkbookToolsError,
)
from workbook_tools.safety import (
    MAX_PART_BYTES,
    MAX_UNPACKED_BYTES,
    Limits,
    check_input,
    describe,
    describe_all,
    inspect_package,
    safe_save,
    verify_saved,
)

MIB = 1024 * 1024
SECONDS = 10  # generous bounds: these files are refused in milliseconds
PEAK_BYTES = 64 * MIB


def _refusal(path: Path, expected: type[WorkbookToolsError]) -> WorkbookToolsError:
    """Run check_input under a time and memory watch and return the error it raised."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(expected) as caught:
            check_input(path)
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert time.perf_counter() - started < SECONDS
    assert peak < PEAK_BYTES, f"check_input used {peak // MIB} MB"
    assert type(caught.value) is expected
    return caught.value


# -- check_input: hostile files --------------------------------------------------------------------
@pytest.mark.parametrize("case", sorted(hostile.CASES))
def test_hostile_file_is_refused_quickly_with_its_own_error(case: str, tmp_path: Path) -> None:
    """Each hostile file raises its own error, one line naming the file, fast, in little memory."""
    make, expected = hostile.CASES[case]
    path = make(tmp_path)
    error = _refusal(path, expected)
    message = str(error)
    assert message.startswith(path.name)
    assert "\n" not in message
    assert error.path == os.fspath(path)


def test_zip_bomb_unpacks_to_a_gibibyte_from_about_a_megabyte(tmp_path: Path) -> None:
    """The generated zip bomb is real: its central directory declares 1 GiB from ~1 MB."""
    path = hostile.zip_bomb(tmp_path)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.getinfo(hostile.SHEET)
    assert sheet.file_size > 1000 * MIB
    assert path.stat().st_size < 2 * MIB


def test_zip_bomb_under_the_total_limit_is_caught_by_its_part_size(tmp_path: Path) -> None:
    """A 300 MiB bomb (under the total unpacked limit) is refused for the size of its part."""
    path = hostile.zip_bomb(tmp_path, unpacked=300 * MIB)
    assert 300 * MIB < MAX_UNPACKED_BYTES and 300 * MIB > MAX_PART_BYTES
    error = _refusal(path, WorkbookTooLargeError)
    assert "zip bomb" in str(error) and "256 MB" in str(error)


def test_a_part_compressing_a_thousand_to_one_within_the_limits_passes(tmp_path: Path) -> None:
    """Compressing well is no alarm: an 8 MiB sheet stored in about 8 KB passes the checks."""
    path = hostile.zip_bomb(tmp_path, unpacked=8 * MIB)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.getinfo(hostile.SHEET)
    assert sheet.file_size > 500 * sheet.compress_size
    assert check_input(path) is None


def test_lying_zip_headers_do_not_make_the_check_inflate_the_data(tmp_path: Path) -> None:
    """A sheet claiming 64 KiB that inflates to 1 GiB is read no further than its claim."""
    error = _refusal(hostile.lying_zip(tmp_path), NotAWorkbookError)
    assert "damaged" in str(error)


def test_missing_file_is_named(tmp_path: Path) -> None:
    """A file that does not exist gets a one-line error naming it."""
    with pytest.raises(NotAWorkbookError, match=r"^nowhere\.xlsx: was not found"):
        check_input(tmp_path / "nowhere.xlsx")


def test_folder_is_refused(tmp_path: Path) -> None:
    """A folder given as a workbook is refused, not crashed on."""
    folder = tmp_path / "returns.xlsx"
    folder.mkdir()
    with pytest.raises(NotAWorkbookError, match="is a folder"):
        check_input(folder)


def test_ordinary_workbook_passes(tmp_path: Path) -> None:
    """An ordinary workbook passes every check."""
    assert check_input(hostile.valid_workbook(tmp_path)) is None


def test_real_world_workbooks_pass_except_the_far_cell_one(realworld_dir: Path) -> None:
    """Real workbooks pass, except, for writing, the gnumeric one whose styled cells reach
    XFD1048576; the readers, which read a sparse sheet by its cells, take that one too."""
    for path in sorted(realworld_dir.glob("*.xls*")):
        check_input(path, by_cells=True)
        if path.name == "calamine__issue_174.xlsx":
            error = _refusal(path, WorkbookTooLargeError)
            assert error.sheet == "Sheet1" and error.cell == "XFD1048576"
        else:
            check_input(path)


def test_limits_can_be_lowered(tmp_path: Path) -> None:
    """Each limit applies as given, so tests and IT can tighten them."""
    path = hostile.valid_workbook(tmp_path)
    for limits in (Limits(members=3), Limits(unpacked_bytes=2000), Limits(cells=5)):
        with pytest.raises(WorkbookTooLargeError):
            check_input(path, limits=limits)
    with pytest.raises(WorkbookTooLargeError, match="MB"):
        check_input(path, limits=Limits(file_bytes=100))


def test_dtd_after_long_comment_is_still_found(tmp_path: Path) -> None:
    """A DTD hidden behind 200 KB of comments is found; 2 MB of comments is refused itself."""
    source = hostile.valid_workbook(tmp_path)
    with zipfile.ZipFile(source) as archive:
        sheet = archive.read(hostile.SHEET).decode()
    body = sheet.split("?>", 1)[-1]
    for size, expected in ((200_000, "document type"), (2_000_000, "comments")):
        hidden = f'<?xml version="1.0"?><!--{"x" * size}--><!DOCTYPE worksheet []>{body}'
        path = hostile.rewrite(
            source, tmp_path / f"hidden-{size}.xlsx", {hostile.SHEET: hidden.encode()}
        )
        with pytest.raises(UnsafeContentError, match=expected):
            check_input(path)


def test_utf16_sheet_cannot_hide_a_far_cell(tmp_path: Path) -> None:
    """A sheet written in UTF-16 is scanned like any other (the far cell is still found)."""
    source = hostile.far_cell_hidden(tmp_path)
    with zipfile.ZipFile(source) as archive:
        sheet = archive.read(hostile.SHEET).decode()
    sheet = sheet.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = hostile.rewrite(source, tmp_path / "utf16.xlsx", {hostile.SHEET: sheet.encode("utf-16")})
    error = _refusal(path, WorkbookTooLargeError)
    assert error.cell == "XFD1048576"


@pytest.mark.parametrize(
    ("sheets", "skip_sheets", "refused"),
    [
        (None, (), True),  # every sheet is scanned
        (["sheet"], (), True),  # the far cell's sheet is read: names match ignoring case
        (["Other"], (), False),  # a caller that reads only another sheet
        (None, ["SHEET"], False),  # a caller that leaves the far cell's sheet out
    ],
)
def test_sheet_size_scan_covers_the_sheets_a_caller_reads(
    tmp_path: Path, sheets: list[str] | None, skip_sheets: list[str], refused: bool
) -> None:
    """The far-cell scan covers exactly the sheets named by ``sheets`` and not ``skip_sheets``;
    every other check still applies to the whole package."""
    import openpyxl

    path = hostile.far_cell(tmp_path)
    book = openpyxl.load_workbook(path)
    book.create_sheet("Other")["A1"] = "near"
    book.save(path)
    if refused:
        with pytest.raises(WorkbookTooLargeError):
            check_input(path, sheets=sheets, skip_sheets=skip_sheets)
    else:
        check_input(path, sheets=sheets, skip_sheets=skip_sheets)
    bomb = hostile.entity_bomb(tmp_path)
    with pytest.raises(UnsafeContentError):
        check_input(bomb, sheets=["Other"])


def test_unusual_cell_markup_cannot_hide_a_far_cell(tmp_path: Path) -> None:
    """Far cells are found whatever the namespace prefix, attribute order or quotes."""
    source = hostile.valid_workbook(tmp_path)
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    cells = (
        '<c r="A1"/><q:c s="0" r="XFD1048576"/>',
        "<c r='A1'/><c s=\"0\" r='XFD1048576'/>",
        '<c r="A1"/><c  r = "XFD1048576"/>',
    )
    for index, cell in enumerate(cells):
        sheet = (
            f'<worksheet xmlns="{main}" xmlns:q="{main}"><sheetData><row r="1">{cell}'
            "</row></sheetData></worksheet>"
        )
        path = hostile.rewrite(
            source, tmp_path / f"odd{index}.xlsx", {hostile.SHEET: sheet.encode()}
        )
        with pytest.raises(WorkbookTooLargeError):
            check_input(path)


def test_too_many_cells_are_refused_even_without_references(tmp_path: Path) -> None:
    """Cells without addresses still count towards the cell limit."""
    source = hostile.valid_workbook(tmp_path)
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = f'<worksheet xmlns="{main}"><sheetData><row>{"<c/>" * 50}</row></sheetData></worksheet>'
    path = hostile.rewrite(source, tmp_path / "dense.xlsx", {hostile.SHEET: sheet.encode()})
    with pytest.raises(WorkbookTooLargeError, match="cells"):
        check_input(path, limits=Limits(cells=40))
    check_input(path, limits=Limits(cells=60))


def test_other_office_files_are_named(tmp_path: Path) -> None:
    """An .xlsb, an .ods, a Strict Open XML workbook and duplicate parts each get a clear error."""
    source = hostile.valid_workbook(tmp_path)
    with zipfile.ZipFile(source) as archive:
        types = archive.read("[Content_Types].xml").decode()
        book = archive.read("xl/workbook.xml").decode()
    xlsb = types.replace("spreadsheetml.sheet.main+xml", "ms-excel.sheet.binary.macroEnabled.main")
    strict = book.replace(
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "http://purl.oclc.org/ooxml/spreadsheetml/main",
    )
    cases = {
        "xlsb": (
            hostile.rewrite(source, tmp_path / "a.xlsx", {"[Content_Types].xml": xlsb.encode()}),
            ".xlsb",
        ),
        "strict": (
            hostile.rewrite(source, tmp_path / "b.xlsx", {"xl/workbook.xml": strict.encode()}),
            "Strict",
        ),
    }
    ods = tmp_path / "c.xlsx"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    cases["ods"] = (ods, ".ods")
    twice = tmp_path / "d.xlsx"
    shutil.copy(source, twice)
    with zipfile.ZipFile(twice, "a") as archive, pytest.warns(UserWarning):
        archive.writestr("xl/workbook.xml", book)
    cases["duplicate"] = (twice, "same name")
    for path, words in cases.values():
        with pytest.raises(NotAWorkbookError, match=words):
            check_input(path)


def test_crafted_ole_files_are_valid_compound_files(tmp_path: Path) -> None:
    """The generated .xls and encrypted files are real OLE files that olefile can list."""
    olefile = pytest.importorskip("olefile")
    legacy = olefile.OleFileIO(str(hostile.legacy_xls(tmp_path)))
    encrypted = olefile.OleFileIO(str(hostile.encrypted_xlsx(tmp_path)))
    assert legacy.listdir() == [["Workbook"]]
    assert sorted(encrypted.listdir()) == [["EncryptedPackage"], ["EncryptionInfo"]]


def test_an_email_saved_instead_of_its_attachment_is_named(tmp_path: Path) -> None:
    """An Outlook message saved with a workbook's name says to save the attachment instead."""
    path = tmp_path / "return.xlsx"
    path.write_bytes(hostile.ole_compound_file({"__properties_version1.0": b"\0" * 32}))
    with pytest.raises(NotAWorkbookError, match="Outlook email"):
        check_input(path)


@pytest.mark.slow
@pytest.mark.libreoffice
def test_real_xls_saved_by_libreoffice_is_refused_as_legacy(tmp_path: Path) -> None:
    """A genuine .xls written by LibreOffice and renamed to .xlsx is recognised as an old .xls."""
    from judges import soffice_convert

    xls = soffice_convert(hostile.valid_workbook(tmp_path), "xls", tmp_path / "out")
    renamed = xls.with_suffix(".xlsx")
    xls.rename(renamed)
    _refusal(renamed, LegacyXlsError)


# -- what refresh refuses whatever the writer ---------------------------------------------------
def signed(source: Path, target: Path) -> Path:
    """``source`` with a digital signature's parts, as Excel adds them (File > Info > Protect)."""
    with zipfile.ZipFile(source) as archive:
        rels = archive.read("_rels/.rels").decode()
    rel = (
        '<Relationship Id="rIdSig" Target="_xmlsignatures/origin.sigs" Type="http://schemas.'
        'openxmlformats.org/package/2006/relationships/digital-signature/origin"/>'
    )
    return hostile.rewrite(
        source,
        target,
        {"_rels/.rels": rels.replace("</Relationships>", rel + "</Relationships>").encode()},
        {"_xmlsignatures/origin.sigs": b"", "_xmlsignatures/sig1.xml": b"<Signature/>"},
    )


def shared(source: Path, target: Path) -> Path:
    """``source`` as a legacy shared workbook, with its change history."""
    with zipfile.ZipFile(source) as archive:
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    rel = (
        '<Relationship Id="rIdRev" Target="revisions/revisionHeaders.xml" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/revisionHeaders"/>'
    )
    return hostile.rewrite(
        source,
        target,
        {
            "xl/_rels/workbook.xml.rels": rels.replace(
                "</Relationships>", rel + "</Relationships>"
            ).encode()
        },
        {"xl/revisions/revisionHeaders.xml": b"<headers/>"},
    )


def test_real_world_workbooks_have_nothing_refresh_refuses(realworld_dir: Path) -> None:
    """No real workbook holds what refresh refuses (each refreshes, keeping everything)."""
    for path in sorted(realworld_dir.glob("*.xls*")):
        with contextlib.suppress(WorkbookTooLargeError):  # the far-cell file, read by cells
            assert inspect_package(path) == [], path.name


def test_a_signature_and_a_shared_workbook_are_refused(tmp_path: Path) -> None:
    """A digitally signed or shared workbook is named, with why and what to do, in a sentence."""
    source = hostile.valid_workbook(tmp_path)
    (signature,) = inspect_package(signed(source, tmp_path / "signed.xlsx"))
    assert signature.name == "digital signature"
    assert "no longer match its signature" in describe(signature)
    (history,) = inspect_package(shared(source, tmp_path / "shared.xlsx"))
    assert history.name == "shared workbook" and "Share Workbook" in describe(history)
    both = describe_all([signature, history])
    assert both.count(";") >= 2 and "\n" not in both


def test_inspect_package_runs_the_input_checks(tmp_path: Path) -> None:
    """inspect_package refuses hostile files with the same errors as check_input."""
    with pytest.raises(UnsafeContentError):
        inspect_package(hostile.entity_bomb(tmp_path))
    with pytest.raises(WorkbookTooLargeError):
        inspect_package(hostile.far_cell(tmp_path))


# -- safe_save -------------------------------------------------------------------------------------
def _writer(content: bytes) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes(content)

    return write


def _temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".~wbt-*"))


def test_safe_save_writes_a_new_file(tmp_path: Path) -> None:
    """A new workbook is written and no temporary file remains."""
    target = tmp_path / "Plan.xlsx"
    safe_save(target, _writer(b"new"))
    assert target.read_bytes() == b"new"
    assert _temp_files(tmp_path) == []


def test_safe_save_replaces_and_backs_up_with_times_and_permissions(tmp_path: Path) -> None:
    """Replacing keeps an identical, same-dated backup and the original's permission bits."""
    target = tmp_path / "Plan.xlsx"
    target.write_bytes(b"original")
    os.chmod(target, 0o640)
    os.utime(target, (1_600_000_000, 1_600_000_000))
    backup = tmp_path / "Plan.backup.xlsx"
    seen: list[Path] = []

    def write(path: Path) -> None:
        seen.append(path)
        path.write_bytes(b"refreshed")

    safe_save(target, write, backup=backup)
    assert target.read_bytes() == b"refreshed"
    assert backup.read_bytes() == b"original"
    assert backup.stat().st_mtime == 1_600_000_000
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert seen[0].parent == tmp_path and seen[0].name.startswith(".~wbt-Plan-")
    assert seen[0].name.endswith(".tmp.xlsx")
    assert _temp_files(tmp_path) == []


@pytest.mark.parametrize("failure", [RuntimeError, KeyboardInterrupt])
def test_failure_mid_write_leaves_the_target_untouched(
    failure: type[BaseException], tmp_path: Path
) -> None:
    """A write that fails half-way leaves the original byte-identical and no temporary file."""
    target = tmp_path / "Plan.xlsx"
    target.write_bytes(b"original bytes")

    def write(path: Path) -> None:
        path.write_bytes(b"half a work")
        raise failure("stopped")

    with pytest.raises(failure):
        safe_save(target, write, backup=tmp_path / "backup.xlsx")
    assert target.read_bytes() == b"original bytes"
    assert _temp_files(tmp_path) == []
    assert not (tmp_path / "backup.xlsx").exists()


def test_read_only_target_is_refused(tmp_path: Path) -> None:
    """A read-only workbook is refused before anything is written."""
    target = tmp_path / "Plan.xlsx"
    target.write_bytes(b"original")
    os.chmod(target, 0o444)
    called: list[Path] = []
    with pytest.raises(FileLockedError, match="read-only"):
        safe_save(target, called.append)
    assert called == [] and target.read_bytes() == b"original"


@pytest.mark.parametrize(
    ("owner", "program"), [("~$Plan.xlsx", "Excel"), (".~lock.Plan.xlsx#", "LibreOffice")]
)
def test_workbook_open_in_excel_is_refused(owner: str, program: str, tmp_path: Path) -> None:
    """The lock file Excel (or LibreOffice) keeps beside an open workbook stops the save."""
    target = tmp_path / "Plan.xlsx"
    target.write_bytes(b"original")
    (tmp_path / owner).write_bytes(b"owner")
    with pytest.raises(FileLockedError, match=f"^Plan.xlsx: is open in {program}; close it"):
        safe_save(target, _writer(b"new"))
    assert target.read_bytes() == b"original" and _temp_files(tmp_path) == []


def test_locked_replace_becomes_file_locked_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the system refuses to replace the file (Windows, file open), the user is told so."""
    target = tmp_path / "Plan.xlsx"
    target.write_bytes(b"original")

    def refuse(source: object, destination: object) -> None:
        raise PermissionError(13, "in use")

    monkeypatch.setattr("workbook_tools.safety.save.os.replace", refuse)
    with pytest.raises(FileLockedError, match="close it and try again"):
        safe_save(target, _writer(b"new"))
    assert target.read_bytes() == b"original" and _temp_files(tmp_path) == []


def test_full_disk_is_reported_and_nothing_changes(tmp_path: Path) -> None:
    """A full disk during the write gives a one-line error and leaves the original alone."""
    target = tmp_path / "Plan.xlsx"
    target.write_bytes(b"original")

    def write(path: Path) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(FileLockedError, match="disk is full"):
        safe_save(target, write)
    assert target.read_bytes() == b"original" and _temp_files(tmp_path) == []


def test_writing_nothing_changes_nothing(tmp_path: Path) -> None:
    """A writer that produces an empty file does not replace the workbook."""
    target = tmp_path / "Plan.xlsx"
    target.write_bytes(b"original")
    with pytest.raises(FileLockedError, match="nothing was written"):
        safe_save(target, lambda path: None)
    assert target.read_bytes() == b"original" and _temp_files(tmp_path) == []


def test_symlinked_workbook_is_written_through_the_link(tmp_path: Path) -> None:
    """Saving through a shortcut (symlink) updates the real file and keeps the link."""
    real = tmp_path / "real.xlsx"
    real.write_bytes(b"original")
    link = tmp_path / "link.xlsx"
    link.symlink_to(real)
    safe_save(link, _writer(b"new"))
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_backup_cannot_be_the_target(tmp_path: Path) -> None:
    """Asking for the workbook to be its own backup is a usage error."""
    target = tmp_path / "Plan.xlsx"
    target.write_bytes(b"original")
    with pytest.raises(UsageError):
        safe_save(target, _writer(b"new"), backup=target)


# -- verify_saved ----------------------------------------------------------------------------------
@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """An ordinary workbook to change."""
    return hostile.valid_workbook(tmp_path, "plan.xlsx")


def _changed(plan: Path, change: Callable, name: str = "changed.xlsx") -> Path:
    import openpyxl

    book = openpyxl.load_workbook(plan, rich_text=True)
    change(book)
    target = plan.with_name(name)
    book.save(target)
    return target


def test_identical_copy_and_plain_round_trip_pass(plan: Path) -> None:
    """An identical copy, and an openpyxl load and save, lose nothing."""
    copy = plan.with_name("copy.xlsx")
    shutil.copy(plan, copy)
    assert verify_saved(plan, copy, owned_sheets=set()) == []
    assert verify_saved(plan, _changed(plan, lambda book: None), owned_sheets=set()) == []


def test_deleted_sheet_is_a_loss(plan: Path) -> None:
    """A user's sheet that disappears is reported."""
    written = _changed(plan, lambda book: book.remove(book["Notes"]))
    assert "sheet Notes was removed" in verify_saved(plan, written, owned_sheets=set())
    assert verify_saved(plan, written, owned_sheets={"Notes"}) == []


def test_changed_user_cell_is_a_loss(plan: Path) -> None:
    """A changed user cell is reported with its sheet and cell."""

    def change(book):
        book["Actions"]["B2"] = "Something else"

    losses = verify_saved(plan, _changed(plan, change), owned_sheets=set())
    assert losses == ["sheet Actions, cell B2: 'Publish the plan' became 'Something else'"]


def test_owned_columns_and_sheets_may_change(plan: Path) -> None:
    """Cells in owned columns and on owned sheets may change; other cells may not."""

    def change(book):
        book["Actions"]["E2"] = "Red"
        book["Actions"]["H2"] = "computed"
        book["Notes"]["A1"] = "rewritten"
        book.create_sheet("Summary")

    written = _changed(plan, change)
    assert (
        verify_saved(
            plan, written, owned_sheets={"Notes", "Summary"}, owned_columns={"Actions": {5, 8}}
        )
        == []
    )
    losses = verify_saved(plan, written, owned_sheets={"Notes"}, owned_columns={"Actions": {8}})
    assert losses == ["sheet Actions, cell E2: 'Green' became 'Red'"]


def test_dropped_validation_format_name_and_table_are_losses(plan: Path) -> None:
    """A dropped data validation, conditional format, defined name or table is reported."""
    from openpyxl.formatting.formatting import ConditionalFormattingList

    def drop(book):
        sheet = book["Actions"]
        sheet.data_validations.dataValidation = []
        sheet.conditional_formatting = ConditionalFormattingList()
        del book.defined_names["Leads"]
        del sheet.tables["Actions"]

    losses = verify_saved(plan, _changed(plan, drop), owned_sheets=set())
    assert any("list data validation on E2:E50" in loss for loss in losses)
    assert any("conditional format (cellIs) on E2:E50" in loss for loss in losses)
    assert "defined name Leads was removed" in losses
    assert "sheet Actions: table Actions was removed" in losses


def test_validation_on_an_owned_column_may_change(plan: Path) -> None:
    """Validations and formats on owned columns are the tool's to rewrite."""

    def drop(book):
        book["Actions"].data_validations.dataValidation = []

    assert (
        verify_saved(plan, _changed(plan, drop), owned_sheets=set(), owned_columns={"Actions": {5}})
        == []
    )


def test_sheet_order_is_kept(plan: Path) -> None:
    """User sheets moved out of their order are reported."""

    def move(book):
        book.move_sheet("Notes", offset=-1)

    losses = verify_saved(plan, _changed(plan, move), owned_sheets=set())
    assert losses == ["the sheets Actions, Notes are no longer in their original order"]


def test_lost_rich_text_is_a_loss(tmp_path: Path) -> None:
    """Text whose formatting is flattened by a plain openpyxl load is reported."""
    import openpyxl
    import xlsxwriter

    path = tmp_path / "rich.xlsx"
    book = xlsxwriter.Workbook(path)
    book.add_worksheet("Notes").write_rich_string("A1", "a ", book.add_format({"bold": 1}), "b")
    book.close()
    flat = tmp_path / "flat.xlsx"
    openpyxl.load_workbook(path).save(flat)
    assert verify_saved(path, flat, owned_sheets=set()) == [
        "sheet Notes, cell A1: 'a b' lost its formatting or type"
    ]


def test_excel_2010_validations_lost_by_openpyxl_are_found(
    realworld_dir: Path, tmp_path: Path
) -> None:
    """The Excel 2010 validations an openpyxl save drops show up as losses."""
    import warnings

    import openpyxl

    source = realworld_dir / "poi__56644.xlsx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(source, rich_text=True)
    book.save(tmp_path / "saved.xlsx")
    losses = verify_saved(source, tmp_path / "saved.xlsx", owned_sheets=set())
    assert any("list data validation on E22:E223 (lists!$A$2:$A$22)" in loss for loss in losses)


def test_unreadable_written_file_is_a_loss(plan: Path) -> None:
    """A written file that cannot be read back is itself reported as a loss."""
    broken = plan.with_name("broken.xlsx")
    broken.write_bytes(plan.read_bytes()[:100])
    (loss,) = verify_saved(plan, broken, owned_sheets=set())
    assert "could not be read back" in loss


# -- mutation fuzzing ------------------------------------------------------------------------------
def _mutants(seed: bytes, rng: random.Random, count: int) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(seed)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    names = sorted(members)
    found = []
    for index in range(count):
        kind = ("flip", "cut", "drop", "truncate", "garble", "swap")[index % 6]
        data = bytearray(seed)
        if kind == "flip":
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            found.append((kind, bytes(data)))
            continue
        if kind == "cut":
            found.append((kind, seed[: rng.randrange(len(seed))]))
            continue
        changed = dict(members)
        name = rng.choice(names)
        if kind == "drop":
            del changed[name]
        elif kind == "truncate":
            changed[name] = members[name][: rng.randrange(len(members[name]) + 1)]
        elif kind == "garble":
            body = bytearray(members[name])
            at = rng.randrange(len(body) + 1)
            body[at:at] = bytes(rng.choice(b'<>"/=& abcr:1') for _ in range(rng.randint(1, 30)))
            changed[name] = bytes(body)
        else:
            other = rng.choice(names)
            changed[name], changed[other] = members[other], members[name]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            for member, body in changed.items():
                out.writestr(member, body)
        found.append((f"{kind} {name}", buffer.getvalue()))
    return found


def test_mutated_workbooks_only_raise_product_errors(tmp_path: Path) -> None:
    """Mutated workbooks make check_input and inspect_package raise only the product's errors."""
    import xlsxwriter

    rich = tmp_path / "rich.xlsx"
    book = xlsxwriter.Workbook(rich)
    sheet = book.add_worksheet("Data")
    sheet.write_column("A1", ["x", 5, 6])
    sheet.write_formula("B1", "=A2+A3")
    sheet.insert_textbox("C3", "note")
    sheet.write_comment("A1", "comment")
    sheet.add_sparkline("B2", {"range": "Data!A2:A3"})
    sheet.data_validation("B2:B9", {"validate": "list", "source": ["Red", "Green"]})
    sheet.insert_button("C2", {"caption": "Go"})
    book.close()
    rng = random.Random(20250331)
    seeds = [hostile.workbook_bytes(tmp_path), rich.read_bytes()]
    path = tmp_path / "mutant.xlsx"
    outcomes: dict[str, int] = {}
    for seed in seeds:
        for kind, data in _mutants(seed, rng, 240):
            path.write_bytes(data)
            try:
                check_input(path)
                inspect_package(path)
                outcome = "passed"
            except WorkbookToolsError as error:
                outcome = type(error).__name__
                assert str(error).startswith("mutant.xlsx") and "\n" not in str(error)
            except Exception as error:  # pragma: no cover - a failure to report
                pytest.fail(f"{kind}: {type(error).__name__}: {error}")
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    assert outcomes.get("passed", 0) > 0 and outcomes.get("NotAWorkbookError", 0) > 0


@pytest.mark.slow
def test_mutated_real_world_workbooks_only_raise_product_errors(
    realworld_dir: Path, tmp_path: Path
) -> None:
    """Mutated real workbooks make the checks and verify_saved raise only the product's errors."""
    rng = random.Random(1066)
    path, original = tmp_path / "mutant.xlsx", tmp_path / "original.xlsx"
    for source in sorted(realworld_dir.glob("*.xls*")):
        if source.name == "calamine__issue_174.xlsx":
            continue
        shutil.copy(source, original)
        for kind, data in _mutants(source.read_bytes(), rng, 12):
            path.write_bytes(data)
            try:
                check_input(path)
                inspect_package(path)
                verify_saved(original, path, owned_sheets=set())
            except WorkbookToolsError:
                pass
            except Exception as error:  # pragma: no cover - a failure to report
                pytest.fail(f"{source.name}, {kind}: {type(error).__name__}: {error}")


@pytest.mark.parametrize(
    ("folder", "target", "part"),
    [
        ("xl", "worksheets/sheet1.xml", "xl/worksheets/sheet1.xml"),
        ("xl/worksheets", "../drawings/drawing1.xml", "xl/drawings/drawing1.xml"),
        ("xl", "/xl/styles.xml", "xl/styles.xml"),
        ("xl/drawings", "../media/image%201.png", "xl/media/image 1.png"),
        ("xl", "worksheets/sheet1.xml#A1", "xl/worksheets/sheet1.xml"),
        ("", "xl/workbook.xml", "xl/workbook.xml"),
        ("xl", "./theme/../theme/theme1.xml", "xl/theme/theme1.xml"),
    ],
)
def test_relationship_targets_name_their_part(folder: str, target: str, part: str) -> None:
    """A relationship's target, relative, from the root, URL-encoded or with a fragment, names
    the part the reader and the package writer both look for."""
    from workbook_tools.safety.package import target_part

    assert target_part(folder, target) == part
