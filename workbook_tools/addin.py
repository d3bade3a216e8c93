"""Build the Excel add-in, ``WorkbookTools.xlam``, from the sources in ``macros/``.

The build needs no Excel and runs on any OS:

1. pyOpenVBA creates an empty ``.xlam`` and its VBA project; the project gets our ribbon module
   (``macros/WorkbookTools.bas``) and xlwings' own VBA, read from the installed xlwings package
   (its custom add-in module, which provides ``RunPython``, and the ``Dictionary`` class it needs
   on a Mac).
2. The ribbon (``macros/customUI14.xml``) goes into the package as ``customUI/customUI14.xml``,
   related from the package root and registered in ``[Content_Types].xml``.
3. The add-in's one worksheet becomes its ``xlwings.conf`` settings sheet, holding the defaults
   below, and the document properties name the add-in in Excel's Add-ins dialog.

The package is written with fixed timestamps and a fixed member order, so two builds from the same
sources and the same xlwings give byte-identical files.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import io
import re
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from xml.sax.saxutils import escape

from workbook_tools.bundled import bundled_folder
from workbook_tools.errors import UsageError, WorkbookToolsError
from workbook_tools.safety import safe_save

#: The functions of ``workbook_tools.excel`` the ribbon calls, each with no arguments.
RIBBON_ENTRY_POINTS: tuple[str, ...] = (
    "refresh",
    "check",
    "new_plan",
    "import_plan",
    "prepare_return",
    "consolidate_folder",
    "show_guide",
)

DEFAULT_OUTPUT = Path("WorkbookTools.xlam")
MODULE_NAME = "WorkbookTools"
RIBBON_PART = "customUI/customUI14.xml"
RIBBON_NAMESPACE = "http://schemas.microsoft.com/office/2009/07/customui"
RIBBON_RELATIONSHIP = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
RIBBON_CONTENT_TYPE = "application/xml"

#: The add-in's own settings sheet. xlwings reads settings from an ``xlwings.conf`` sheet in the
#: active workbook first, then from this sheet, then from ``xlwings.conf`` beside the active
#: workbook, then from the user's ``~/.xlwings/xlwings.conf``.
SETTINGS_SHEET = "xlwings.conf"
#: Defaults built into the add-in. The plans' folders are not put on Python's path: the package is
#: installed, and a stray ``.py`` file beside a plan must not be imported in its place. The
#: interpreter is left to the user's xlwings settings (docs/addin-install.md), because a value here
#: would override their settings file.
DEFAULT_SETTINGS: dict[str, str] = {"ADD_WORKBOOK_TO_PYTHONPATH": "False"}

_XLWINGS_MODULE = "xlwings"
_XLWINGS_SOURCE = "xlwings_custom_addin.bas"
_DICTIONARY_SOURCE = "addin/Dictionary.cls"
# xlwings' custom add-in module names its settings after a placeholder project; pointing it at
# "xlwings" makes it read the same xlwings.conf sheet and files as the xlwings add-in.
_PROJECT_NAME = re.compile(r'^(Public Const PROJECT_NAME As String = )"[^"]*"', re.MULTILINE)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
_MAIN_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRINGS_PART = "xl/sharedStrings.xml"
_STRINGS_RELATIONSHIP = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
)
_STRINGS_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
)
_CORE_PROPERTIES = (
    f"{_XML_DECLARATION}"
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    "<dc:title>Workbook Tools</dc:title>"
    "<dc:subject>Action-plan monitoring</dc:subject>"
    "<dc:creator>workbook-tools</dc:creator>"
    "<dc:description>Adds the Monitoring tab: refresh and check action plans, prepare returns "
    "and consolidate them into the corporate report.</dc:description>"
    "</cp:coreProperties>"
)


def macros_dir() -> Path:
    """The folder holding ``WorkbookTools.bas`` and ``customUI14.xml``: the package's own copy
    when installed from a wheel, the repository's ``macros/`` in a clone."""
    return bundled_folder("macros")


def xlwings_modules() -> dict[str, str]:
    """xlwings' VBA modules for a custom add-in, read from the installed xlwings package."""
    spec = importlib.util.find_spec("xlwings")
    if spec is None or spec.origin is None:
        raise WorkbookToolsError("building the add-in needs xlwings: pip install xlwings")
    package = Path(spec.origin).parent
    version = importlib.metadata.version("xlwings")
    try:
        main = (package / _XLWINGS_SOURCE).read_text(encoding="utf-8")
        dictionary = (package / _DICTIONARY_SOURCE).read_text(encoding="utf-8")
    except OSError as exc:
        raise WorkbookToolsError(
            f"xlwings {version} in {package} lacks its VBA modules "
            f"({_XLWINGS_SOURCE}, {_DICTIONARY_SOURCE}); reinstall xlwings"
        ) from exc
    main, found = _PROJECT_NAME.subn(r'\1"xlwings"', main)
    if found != 1:
        raise WorkbookToolsError(
            f"xlwings {version}'s {_XLWINGS_SOURCE} lacks the PROJECT_NAME setting the add-in "
            "needs; install another xlwings version and build again"
        )
    return {_XLWINGS_MODULE: _crlf(main), "Dictionary": _crlf(dictionary)}


def build_addin(
    output: Path = DEFAULT_OUTPUT, *, settings: Mapping[str, str] | None = None
) -> Path:
    """Build ``WorkbookTools.xlam`` at ``output`` and return its path.

    ``settings`` are extra xlwings settings written into the add-in's ``xlwings.conf`` sheet over
    :data:`DEFAULT_SETTINGS`, for example ``{"INTERPRETER_WIN": r"%LOCALAPPDATA%\\…\\python.exe"}``
    for a Python every user has in the same place. An existing file at ``output`` is replaced;
    nothing is written when the build fails.
    """
    try:
        from pyopenvba import ExcelFile, VBAModuleKind
    except ImportError as exc:
        raise WorkbookToolsError(
            "building the add-in needs pyOpenVBA, which came with workbook-tools but is missing; "
            "reinstall it with: python -m pip install --force-reinstall workbook-tools"
        ) from exc
    output = Path(output)
    if output.suffix.lower() != ".xlam":
        raise UsageError(
            "Excel loads an add-in only from a .xlam file; use a name such as WorkbookTools.xlam",
            path=output,
        )
    sources = macros_dir()
    module = _crlf((sources / f"{MODULE_NAME}.bas").read_text(encoding="utf-8"))
    ribbon = (sources / "customUI14.xml").read_bytes()
    xlwings = xlwings_modules()
    with tempfile.TemporaryDirectory(prefix="wbt-addin-") as tmp:
        draft = Path(tmp) / "draft.xlam"
        with ExcelFile.create_new(draft) as book:
            project = book.vba_project()
            project.delete_module("Module1")
            project.add_module(MODULE_NAME, module)
            project.add_module(_XLWINGS_MODULE, xlwings[_XLWINGS_MODULE])
            project.add_module("Dictionary", xlwings["Dictionary"], kind=VBAModuleKind.other)
            book.save()
        parts = _read_parts(draft.read_bytes())
    _add_ribbon(parts, ribbon)
    _add_settings_sheet(parts, _merged_settings(settings or {}))
    parts["docProps/core.xml"] = _CORE_PROPERTIES.encode("utf-8")
    data = _pack(parts)
    output.parent.mkdir(parents=True, exist_ok=True)
    safe_save(output, lambda target: target.write_bytes(data))
    return output


def _merged_settings(settings: Mapping[str, str]) -> dict[str, str]:
    """The defaults overridden by ``settings``, keys in capitals as xlwings reads them."""
    merged: dict[str, str] = {}
    for key, value in {**DEFAULT_SETTINGS, **settings}.items():
        if not key.strip():
            raise UsageError("an add-in setting needs a name, such as INTERPRETER_WIN")
        merged[key.strip().upper()] = str(value)
    return merged


def _crlf(text: str) -> str:
    """``text`` with the CRLF line ends the VBA editor uses."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def _read_parts(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _add_ribbon(parts: dict[str, bytes], ribbon: bytes) -> None:
    """Put the ribbon in the package, related from the root, with its content type."""
    parts[RIBBON_PART] = ribbon
    _relate(parts, "_rels/.rels", RIBBON_RELATIONSHIP, RIBBON_PART)
    _register(parts, RIBBON_PART, RIBBON_CONTENT_TYPE)


def _add_settings_sheet(parts: dict[str, bytes], settings: Mapping[str, str]) -> None:
    """Turn the add-in's one sheet into the ``xlwings.conf`` sheet holding ``settings``."""
    book = parts["xl/workbook.xml"].decode("utf-8")
    tags = re.findall(r'<sheet name="([^"]+)"', book)
    if len(tags) != 1 or _STRINGS_PART in parts:
        raise WorkbookToolsError("the add-in template is not one empty worksheet")
    parts["xl/workbook.xml"] = book.replace(
        f'<sheet name="{tags[0]}"', f'<sheet name="{SETTINGS_SHEET}"', 1
    ).encode("utf-8")
    app = parts["docProps/app.xml"].decode("utf-8")
    parts["docProps/app.xml"] = app.replace(
        f"<vt:lpstr>{tags[0]}</vt:lpstr>", f"<vt:lpstr>{SETTINGS_SHEET}</vt:lpstr>"
    ).encode("utf-8")
    # Keys in column A, values in column B, as shared strings (Excel's own form).
    texts = [text for pair in settings.items() for text in pair]
    index = {text: n for n, text in enumerate(dict.fromkeys(texts))}
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="s"><v>{index[key]}</v></c>'
        f'<c r="B{n}" t="s"><v>{index[value]}</v></c></row>'
        for n, (key, value) in enumerate(settings.items(), start=1)
    )
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    if "<sheetData/>" not in sheet:
        raise WorkbookToolsError("the add-in template is not one empty worksheet")
    sheet = sheet.replace("<sheetData/>", f"<sheetData>{rows}</sheetData>")
    if settings:
        sheet = re.sub(
            r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:B{len(settings)}"/>', sheet
        )
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    items = "".join(f'<si><t xml:space="preserve">{escape(text)}</t></si>' for text in index)
    parts[_STRINGS_PART] = (
        f'{_XML_DECLARATION}<sst xmlns="{_MAIN_NAMESPACE}" count="{len(texts)}" '
        f'uniqueCount="{len(index)}">{items}</sst>'
    ).encode()
    _relate(parts, "xl/_rels/workbook.xml.rels", _STRINGS_RELATIONSHIP, "sharedStrings.xml")
    _register(parts, _STRINGS_PART, _STRINGS_CONTENT_TYPE)


def _relate(parts: dict[str, bytes], rels_part: str, kind: str, target: str) -> None:
    """Add a relationship of type ``kind`` to ``target`` in ``rels_part``, with a free id."""
    rels = parts[rels_part].decode("utf-8")
    taken = {int(n) for n in re.findall(r'\bId="rId(\d+)"', rels)}
    free = next(n for n in range(1, len(taken) + 2) if n not in taken)
    element = f'<Relationship Id="rId{free}" Type="{kind}" Target="{target}"/>'
    parts[rels_part] = rels.replace("</Relationships>", element + "</Relationships>").encode()


def _register(parts: dict[str, bytes], part: str, content_type: str) -> None:
    """Give ``part`` its content type in ``[Content_Types].xml``."""
    types = parts["[Content_Types].xml"].decode("utf-8")
    override = f'<Override PartName="/{part}" ContentType="{content_type}"/>'
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()


def _pack(parts: Mapping[str, bytes]) -> bytes:
    """The package as zip bytes: content types first, then every part by name, fixed metadata."""
    names = sorted(parts, key=lambda name: (name != "[Content_Types].xml", name))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, parts[name], compresslevel=6)
    return buffer.getvalue()
