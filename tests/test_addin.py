"""The Excel add-in (ADDIN.md): built reproducibly from macros/, read back by olevba, judged by
openxml-audit and LibreOffice, and wired to the Python entry points the ribbon calls."""

from __future__ import annotations

import json
import re
import shutil
import sys
import warnings
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest
from judges import audit_findings, soffice_convert

from workbook_tools import addin
from workbook_tools.addin import RIBBON_ENTRY_POINTS, build_addin
from workbook_tools.errors import UsageError, WorkbookToolsError

RIBBON_PART = "/" + addin.RIBBON_PART
NS = {"ui": addin.RIBBON_NAMESPACE}
# One ribbon callback: the signature Excel calls, and one line handing off to workbook_tools.excel.
CALLBACK = re.compile(
    r"^Public Sub (Monitoring_\w+)\(control As IRibbonControl\)\n"
    r'    RunPython "import workbook_tools\.excel as x; x\.(\w+)\(\)"\n'
    r"End Sub$",
    re.MULTILINE,
)
SPEC_RIBBON = {
    "Status": ["Refresh", "Check"],
    "Plan": ["New plan", "Import plan…"],
    "Returns": ["Prepare return", "Consolidate folder…"],
    "Help": ["Guide"],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One add-in built from the repository's macros/."""
    return build_addin(tmp_path_factory.mktemp("addin") / "WorkbookTools.xlam")


@pytest.fixture
def sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of macros/ that the build reads instead of the real one, for breaking on purpose."""
    folder = tmp_path / "macros"
    shutil.copytree(addin.macros_dir(), folder)
    monkeypatch.setattr(addin, "macros_dir", lambda: folder)
    return folder


def _text(source: str) -> str:
    return source.replace("\r\n", "\n")


def _bas() -> str:
    return _text((addin.macros_dir() / f"{addin.MODULE_NAME}.bas").read_text(encoding="utf-8"))


def _modules(path: Path) -> dict[str, str]:
    """Every VBA module olevba finds in ``path``: name to source."""
    with warnings.catch_warnings():  # olevba builds its grammar with deprecated pyparsing names
        warnings.simplefilter("ignore", DeprecationWarning)
        from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(path))
    try:
        return {name.rsplit(".", 1)[0]: _text(code) for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def _customui_types() -> dict[str, dict]:
    """The customUI 2009/07 schema as openxml-audit ships it: element type name to definition."""
    schema = files("openxml_audit").joinpath(
        "data", "openxml", "schemas", "schemas_microsoft_com_office_2009_07_customui.json"
    )
    return {kind["Name"]: kind for kind in json.loads(schema.read_text(encoding="utf-8"))["Types"]}


def _ribbon_problems(xml: bytes) -> list[str]:
    """What is wrong with a ribbon, by the customUI schema and Excel's own rules.

    openxml-audit checks the ribbon's elements and attribute values, but it skips a part that is
    not well-formed, a root in another namespace, undeclared attributes on tab, group and button,
    and duplicate ids; Excel refuses the whole ribbon for any of these.
    """
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        return [f"not well-formed XML: {exc}"]
    if root.tag != f"{{{addin.RIBBON_NAMESPACE}}}customUI":
        return [f"the root is {root.tag}, not customUI in {addin.RIBBON_NAMESPACE}"]
    types = _customui_types()
    problems: list[str] = []
    ids: Counter[str] = Counter()

    def walk(element: ET.Element, kind: str) -> None:
        local = element.tag.split("}")[-1]
        declared = {a["QName"].lstrip(":") for a in types[kind].get("Attributes", [])}
        problems.extend(
            f"<{local}> has no attribute {a!r}" for a in element.attrib if a not in declared
        )
        if "id" in element.attrib:
            ids[element.attrib["id"]] += 1
        allowed = {c["Name"].split("/")[-1]: c["Name"] for c in types[kind].get("Children", [])}
        for child in element:
            namespace, _, name = child.tag[1:].partition("}")
            if namespace != addin.RIBBON_NAMESPACE or f"mso14:{name}" not in allowed:
                problems.append(f"<{name}> is not allowed in <{local}>")
            else:
                walk(child, allowed[f"mso14:{name}"])

    walk(root, "mso14:CT_CustomUI/mso14:customUI")
    problems.extend(f"id {i!r} is used {n} times" for i, n in ids.items() if n > 1)
    return problems


def _break_ribbon(folder: Path, old: str, new: str) -> None:
    path = folder / "customUI14.xml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_two_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    """Building again, to another path, gives exactly the same bytes."""
    again = build_addin(tmp_path / "elsewhere" / "WorkbookTools.xlam")
    assert again.read_bytes() == built.read_bytes()


def test_package_has_fixed_order_and_timestamps(built: Path) -> None:
    """Content types come first, the other parts by name, every one stamped 1980-01-01."""
    with zipfile.ZipFile(built) as package:
        names = package.namelist()
        assert names[0] == "[Content_Types].xml"
        assert names[1:] == sorted(names[1:])
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_default_output_is_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no output given, the add-in is WorkbookTools.xlam in the current folder."""
    monkeypatch.chdir(tmp_path)
    assert build_addin().resolve() == tmp_path / "WorkbookTools.xlam"
    assert (tmp_path / "WorkbookTools.xlam").is_file()


def test_ribbon_part_is_related_and_registered(built: Path) -> None:
    """customUI14.xml is in the package as written, related from the root, with a content type."""
    with zipfile.ZipFile(built) as package:
        ribbon = package.read(addin.RIBBON_PART)
        rels = ET.fromstring(package.read("_rels/.rels"))
        types = ET.fromstring(package.read("[Content_Types].xml"))
    assert ribbon == (addin.macros_dir() / "customUI14.xml").read_bytes()
    targets = {r.get("Target") for r in rels if r.get("Type") == addin.RIBBON_RELATIONSHIP}
    assert targets == {addin.RIBBON_PART}
    overrides = {o.get("PartName"): o.get("ContentType") for o in types if o.get("PartName")}
    assert overrides[RIBBON_PART] == addin.RIBBON_CONTENT_TYPE


def test_olevba_lists_our_module_with_every_callback(built: Path) -> None:
    """olevba reads the WorkbookTools module from the add-in, one-line callback for each button."""
    modules = _modules(built)
    assert {"WorkbookTools", "xlwings", "Dictionary"} <= set(modules)
    assert modules["WorkbookTools"].strip() == _bas().strip()
    callbacks = dict(CALLBACK.findall(modules["WorkbookTools"]))
    assert sorted(callbacks.values()) == sorted(RIBBON_ENTRY_POINTS)
    assert "Option Explicit" in modules["WorkbookTools"]


def test_olevba_lists_xlwings_modules_from_the_installed_package(built: Path) -> None:
    """The xlwings module is the installed xlwings' custom add-in VBA, set to xlwings' settings."""
    import xlwings

    installed = Path(xlwings.__file__).parent / "xlwings_custom_addin.bas"
    expected = re.sub(
        r'^(Public Const PROJECT_NAME As String = )"\w+"',
        r'\1"xlwings"',
        _text(installed.read_text(encoding="utf-8")),
        flags=re.MULTILINE,
    )
    modules = _modules(built)
    assert modules["xlwings"].strip() == expected.strip()
    assert "Public Function RunPython(PythonCommand As String)" in modules["xlwings"]
    assert 'Attribute VB_Name = "Dictionary"' in modules["Dictionary"]


def test_pyopenvba_reads_the_project_back_consistently(built: Path) -> None:
    """pyOpenVBA's own checks of the package and the VBA project find nothing wrong."""
    from pyopenvba import ExcelFile, check_file

    assert check_file(built).issues == ()
    with ExcelFile(built) as book:
        assert book.validate() == []
        assert book.module_names() == [
            "ThisWorkbook",
            "Sheet1",
            "WorkbookTools",
            "xlwings",
            "Dictionary",
        ]


def test_repository_holds_only_our_sources() -> None:
    """macros/ holds our module, the ribbon and the README; xlwings' VBA is never copied in."""
    names = sorted(path.name for path in addin.macros_dir().iterdir())
    assert names == ["README.md", "WorkbookTools.bas", "customUI14.xml"]


def test_each_callback_is_one_line_naming_an_entry_point() -> None:
    """Every Sub in the .bas is a one-line hand-off to a function in RIBBON_ENTRY_POINTS."""
    source = _bas()
    assert source.startswith('Attribute VB_Name = "WorkbookTools"\n')
    subs = re.findall(r"^(?:Public |Private )?Sub ", source, flags=re.MULTILINE)
    callbacks = CALLBACK.findall(source)
    assert len(callbacks) == len(subs) == len(RIBBON_ENTRY_POINTS)
    assert [name for _, name in callbacks] == list(RIBBON_ENTRY_POINTS)
    assert len(set(RIBBON_ENTRY_POINTS)) == len(RIBBON_ENTRY_POINTS)


def test_ribbon_has_the_specified_tab_groups_and_buttons() -> None:
    """The Monitoring tab has the groups and buttons of ADDIN.md, each calling a Sub of ours."""
    root = ET.parse(addin.macros_dir() / "customUI14.xml").getroot()
    tabs = root.findall("ui:ribbon/ui:tabs/ui:tab", NS)
    assert [tab.get("label") for tab in tabs] == ["Monitoring"]
    groups = {
        group.get("label"): group.findall("ui:button", NS)
        for group in tabs[0].findall("ui:group", NS)
    }
    labels = [(label, [b.get("label") for b in buttons]) for label, buttons in groups.items()]
    assert labels == list(SPEC_RIBBON.items())
    subs = {sub for sub, _ in CALLBACK.findall(_bas())}
    actions = []
    for button in (b for buttons in groups.values() for b in buttons):
        assert button.get("imageMso") and button.get("screentip") and button.get("supertip")
        module, _, sub = button.get("onAction", "").partition(".")
        assert module == addin.MODULE_NAME
        actions.append(sub)
    assert sorted(actions) == sorted(subs)


def test_ribbon_follows_the_customui_schema() -> None:
    """The ribbon source breaks no rule of the customUI schema: elements, attributes, unique ids."""
    assert _ribbon_problems((addin.macros_dir() / "customUI14.xml").read_bytes()) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('size="large" imageMso="Refresh"', 'size="large" colour="red" imageMso="Refresh"'),
        ('id="wbtCheck"', 'id="wbtRefresh"'),
        ("</customUI>", "</customUi>"),
        ("2009/07/customui", "2006/01/customui"),
    ],
    ids=["unknown-attribute", "duplicate-id", "not-well-formed", "wrong-namespace"],
)
def test_ribbon_check_catches_what_the_audit_skips(sources: Path, old: str, new: str) -> None:
    """The schema check above finds the ribbon faults openxml-audit does not look for."""
    _break_ribbon(sources, old, new)
    assert _ribbon_problems((sources / "customUI14.xml").read_bytes())


def test_openxml_audit_reports_no_errors(built: Path) -> None:
    """openxml-audit finds no error at all in the add-in, ribbon part included."""
    # Zero, not "none beyond the baseline": the baseline excuses a quirk of openpyxl's styles, and
    # this package's parts come from a template Excel made, so there is nothing to excuse.
    assert audit_findings(built) == set()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('<group id="wbtHelpGroup"', '<panel id="wbtPanel"/><group id="wbtHelpGroup"'),
        ('size="large" imageMso="Refresh"', 'size="huge" imageMso="Refresh"'),
        ('id="wbtGuide"', 'id="1 guide"'),
    ],
    ids=["unknown-element", "bad-size", "bad-id"],
)
def test_openxml_audit_rejects_a_broken_ribbon(
    sources: Path, tmp_path: Path, old: str, new: str
) -> None:
    """openxml-audit validates customUI14.xml against its schema: a broken ribbon is an error."""
    _break_ribbon(sources, old, new)
    broken = build_addin(tmp_path / "Broken.xlam")
    assert any(part == RIBBON_PART for part, _ in audit_findings(broken))


def test_settings_sheet_holds_the_defaults_and_extra_settings(tmp_path: Path) -> None:
    """The add-in's xlwings.conf sheet holds the built-in defaults, then any settings given."""
    from python_calamine import CalamineWorkbook

    path = build_addin(
        tmp_path / "WorkbookTools.xlam", settings={"interpreter_win": r"%LOCALAPPDATA%\py.exe"}
    )
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(addin.SETTINGS_SHEET)
    assert sheet.to_python() == [
        ["ADD_WORKBOOK_TO_PYTHONPATH", "False"],
        ["INTERPRETER_WIN", r"%LOCALAPPDATA%\py.exe"],
    ]
    assert audit_findings(path) == set()


def test_output_must_be_an_xlam(tmp_path: Path) -> None:
    """Any other extension is refused in one sentence, and nothing is written."""
    with pytest.raises(UsageError, match=r"\.xlam"):
        build_addin(tmp_path / "WorkbookTools.xlsm")
    assert list(tmp_path.iterdir()) == []


def test_missing_pyopenvba_is_one_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pyOpenVBA the build says how to reinstall instead of raising ImportError."""
    monkeypatch.setitem(sys.modules, "pyopenvba", None)
    with pytest.raises(WorkbookToolsError, match=r"pip install --force-reinstall workbook-tools"):
        build_addin(tmp_path / "WorkbookTools.xlam")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
@pytest.mark.libreoffice
def test_libreoffice_loads_the_addin_with_its_basic_modules(built: Path, tmp_path: Path) -> None:
    """LibreOffice opens the add-in as Excel VBA and keeps every module and the settings sheet."""
    ods = soffice_convert(built, "ods", tmp_path, infilter="Calc MS Excel 2007 VBA XML")
    with zipfile.ZipFile(ods) as package:
        names = set(package.namelist())
        module = package.read("Basic/VBAProject/WorkbookTools.xml").decode("utf-8")
        content = package.read("content.xml").decode("utf-8")
    for name in ("WorkbookTools", "xlwings", "Dictionary"):
        assert f"Basic/VBAProject/{name}.xml" in names
    for entry_point in RIBBON_ENTRY_POINTS:
        assert f"x.{entry_point}()" in module
    assert 'table:name="xlwings.conf"' in content
