"""The package's layers, read from its source (ast): each module's imports point down the layers
(docs/architecture.md), the core imports no spreadsheet library and never reads the clock, the
import graph has no cycle, and files are written only through the one atomic writer in safety."""

from __future__ import annotations

import ast
import contextlib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import workbook_tools

PACKAGE = Path(workbook_tools.__file__).resolve().parent
ROOT = "workbook_tools"

#: Where each module lives: the longest matching prefix wins. A module directly in
#: workbook_tools/ that is not listed counts as core: errors.py (every layer uses it) and the small
#: helpers bundled.py and shown_paths.py, which import nothing above them; a folder must be
#: listed. To place a new folder, add a line here.
PLACES: dict[str, str] = {
    "workbook_tools": "core",
    "workbook_tools.core": "core",
    "workbook_tools.tool_sheets": "tool_sheets",
    "workbook_tools.report_sheets": "tool_sheets",  # the report's sheets: content, like them
    "workbook_tools.safety": "safety",
    "workbook_tools.sources": "sources",
    "workbook_tools.writers": "writers",
    "workbook_tools.usecases": "usecases",
    "workbook_tools.ribbon": "ribbon",
    "workbook_tools.cli": "entry",
    "workbook_tools.excel": "entry",
}
#: The layers each layer may import (itself included): dependencies point downwards only.
MAY_IMPORT: dict[str, set[str]] = {
    "core": {"core"},
    "tool_sheets": {"core", "tool_sheets"},
    "safety": {"core", "safety"},
    "sources": {"core", "safety", "sources"},
    "writers": {"core", "tool_sheets", "safety", "sources", "writers"},
    "usecases": {"core", "tool_sheets", "safety", "sources", "writers", "usecases"},
    "ribbon": {"core", "tool_sheets", "safety", "sources", "writers", "usecases", "ribbon"},
    "entry": {"core", "tool_sheets", "safety", "sources", "writers", "usecases", "ribbon", "entry"},
}
#: Libraries that read or write workbooks, or draw: never in the core or the sheets' content.
SPREADSHEET_LIBRARIES = {
    "openpyxl",
    "xlsxwriter",
    "xlwings",
    "python_calamine",
    "matplotlib",
    "PIL",
}
PURE_LAYERS = ("core", "tool_sheets")
#: Imports against the layers that are known, each with what removes it (none today: a new one
#: must be for type hints only and say here what will remove it).
KNOWN: dict[tuple[str, str], str] = {}
#: Imports inside functions that close a loop, each with why (the import-time graph has none).
KNOWN_LOOPS: dict[tuple[str, str], str] = {
    (
        "workbook_tools.usecases.consolidate.mail.message",
        "workbook_tools.usecases.consolidate.mail.outlook_msg",
    ): (
        "a saved email may forward an Outlook message and an Outlook message an email, so each "
        "reader calls the other for what it holds"
    ),
}
#: Modules that write files other than through safety.output, and why.
OWN_FILES: dict[str, str] = {
    "workbook_tools.safety.save": "the atomic writer itself",
    "workbook_tools.safety.output": "every output file, through safe_save",
    "workbook_tools.usecases.plan": "refresh writes its temporary file inside safe_save",
    "workbook_tools.writers.live.sheet": "a temporary picture handed to Excel, then removed",
    "workbook_tools.usecases.consolidate.mail.unpack": (
        "attachments into the run's private temporary folder, removed after the run"
    ),
}


@dataclass(frozen=True)
class Import:
    """One import in a module: what it names, its line, whether only for type hints, whether
    inside a function (run when called, not when the module is imported)."""

    target: str
    line: int
    type_only: bool
    deferred: bool


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = [ROOT, *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _type_only_nodes(tree: ast.Module) -> set[int]:
    nodes: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            nodes.update(id(inner) for inner in ast.walk(node))
    return nodes


def _imports(module: str) -> list[Import]:
    """Every import of another workbook_tools module or of a library, at any depth."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    type_only = _type_only_nodes(tree)
    deferred = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for inner in ast.walk(node)
    }
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, *([node.module] if node.module else [])])
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        for name in names:
            while name.startswith(ROOT) and name not in MODULES and "." in name:
                name = name.rpartition(".")[0]
            found.append(Import(name, node.lineno, id(node) in type_only, id(node) in deferred))
    return found


IMPORTS = {module: _imports(module) for module in MODULES}


def layer(module: str) -> str:
    """The layer of ``module``: its longest prefix in PLACES (see there)."""
    for prefix in sorted(PLACES, key=len, reverse=True):
        if module == prefix or module.startswith(prefix + "."):
            if prefix == ROOT and module.count(".") > 1:
                raise LookupError(f"{module} is in a folder with no layer: add it to PLACES")
            return PLACES[prefix]
    raise LookupError(module)


def _internal(module: str) -> list[Import]:
    return [i for i in IMPORTS[module] if i.target in MODULES]


def test_every_module_has_a_layer() -> None:
    """Each module is placed in a known layer; a new folder must be given one."""
    assert len(MODULES) > 50
    for module in MODULES:
        assert layer(module) in MAY_IMPORT, module


def _against_the_layers(imports: dict[str, list[Import]]) -> list[str]:
    """The imports of a layer the importing module's layer may not use, not listed in KNOWN."""
    return [
        f"{module}:{found.line} imports {found.target}"
        for module, listed in imports.items()
        for found in listed
        if found.target in MODULES
        and layer(found.target) not in MAY_IMPORT[layer(module)]
        and (module, found.target) not in KNOWN
    ]


def test_imports_point_down_the_layers() -> None:
    """No module imports a layer above its own (type hints included), apart from the known
    imports listed with what removes them; each known one is still there, for type hints only."""
    assert _against_the_layers(IMPORTS) == []
    for (module, target), why in KNOWN.items():
        listed = [i for i in _internal(module) if i.target == target]
        assert listed and all(i.type_only for i in listed), f"{module} → {target}: {why}"


@pytest.mark.parametrize(
    ("module", "target"),
    [
        ("workbook_tools.core.rules", "workbook_tools.usecases.consolidate.run"),
        ("workbook_tools.tool_sheets.lists", "workbook_tools.writers.report.workbook"),
        ("workbook_tools.sources.xlsx", "workbook_tools.usecases.plan"),
        ("workbook_tools.writers.live.refresh", "workbook_tools.ribbon.run"),
        ("workbook_tools.usecases.demo", "workbook_tools.cli"),
    ],
)
def test_an_import_up_the_layers_is_caught(module: str, target: str) -> None:
    """The check above can fail: an import from a lower layer to a higher one is found."""
    imports = {module: [Import(target, 1, type_only=False, deferred=True)]}
    assert _against_the_layers(imports) == [f"{module}:1 imports {target}"]


def test_only_the_entry_points_import_the_ribbon_and_the_command_line() -> None:
    """cli, excel and ribbon/ are imported by no use case, adapter or core module."""
    above = {"ribbon", "entry"}
    for module in MODULES:
        if layer(module) in above:
            continue
        targets = {layer(i.target) for i in _internal(module)}
        assert not targets & above, module


@pytest.mark.parametrize("pure", PURE_LAYERS)
def test_pure_layers_import_no_spreadsheet_library(pure: str) -> None:
    """The core and the rebuilt sheets' content import no spreadsheet or drawing library."""
    found = [
        f"{module}:{i.line} imports {i.target}"
        for module in MODULES
        if layer(module) == pure
        for i in IMPORTS[module]
        if i.target.split(".")[0] in SPREADSHEET_LIBRARIES
    ]
    assert found == []


def _cycle(edges: dict[str, set[str]]) -> list[str]:
    """A cycle in ``edges`` (as a path that returns to its start), or an empty list."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return []


def _edges(*, deferred: bool) -> dict[str, set[str]]:
    """Module → the modules it imports when it is imported (and, when ``deferred``, inside its
    functions too). Imports for type hints only are left out: they never run."""
    edges: dict[str, set[str]] = defaultdict(set)
    for module in MODULES:
        edges[module] |= {
            i.target
            for i in _internal(module)
            if i.target != module and not i.type_only and (deferred or not i.deferred)
        }
    return edges


def test_the_import_graph_has_no_cycle() -> None:
    """No module imports itself through others when it is imported."""
    assert _cycle(_edges(deferred=False)) == []


def test_imports_inside_functions_loop_only_where_known() -> None:
    """Counting the imports made inside functions too, the only loops are the known ones, each
    still there and listed with its reason."""
    edges = _edges(deferred=True)
    for (module, target), why in KNOWN_LOOPS.items():
        assert target in edges[module], f"{module} → {target} is gone: {why}"
        edges[module].discard(target)
    assert _cycle(edges) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check above can fail: a three-module loop is found."""
    edges: dict[str, set[str]] = defaultdict(set, {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()})
    assert _cycle(edges) == ["a", "b", "c", "a"]


#: What reads the clock: ``date.today``, ``datetime.now`` / ``utcnow`` / ``today`` (however
#: ``datetime`` is imported), and ``time.time`` and its kin, called or passed (as a default).
_CLOCK_OWNERS = {"date", "datetime", "dt.date", "dt.datetime", "datetime.date", "datetime.datetime"}
_CLOCK_ATTRIBUTES = {"today", "now", "utcnow"}
_TIME_CLOCKS = {"time", "time_ns", "localtime", "gmtime", "ctime", "asctime", "strftime"}


def _clock_reads(module: str) -> list[int]:
    """Lines where ``module`` reads the clock (see :data:`_CLOCK_OWNERS`)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        owner = ast.unparse(node.value)
        if (owner in _CLOCK_OWNERS and node.attr in _CLOCK_ATTRIBUTES) or (
            owner == "time" and node.attr in _TIME_CLOCKS
        ):
            found.append(node.lineno)
    return sorted(found)


@pytest.mark.parametrize("pure", PURE_LAYERS)
def test_pure_layers_never_read_the_clock(pure: str) -> None:
    """The core and the rebuilt sheets' content never read the clock: today's date and the time
    are passed in by the use cases and the entry points, so the same plan read at the same
    dates always gives the same result."""
    found = {m: lines for m in MODULES if layer(m) == pure and (lines := _clock_reads(m))}
    assert found == {}


@contextlib.contextmanager
def _probe_module(tmp_path: Path, source: str) -> Iterator[str]:
    """A module of the package, for as long as the block runs, holding ``source``."""
    name = "workbook_tools._probe"
    MODULES[name] = tmp_path / "probe.py"
    MODULES[name].write_text(source, encoding="utf-8")
    try:
        yield name
    finally:
        del MODULES[name]


def test_the_clock_finder_sees_the_clock(tmp_path: Path) -> None:
    """The check above can fail: today's date, the time and a clock default are all found."""
    source = (
        "import datetime as dt\nimport time\nfrom dataclasses import field\n"
        "from datetime import datetime\n\na = dt.date.today()\nb = datetime.now()\n"
        "c = field(default_factory=dt.datetime.now)\nd = time.time()\n"
        "e = dt.date(2008, 6, 30)\nf = dt.timedelta(days=1)\n"
    )
    with _probe_module(tmp_path, source) as module:
        assert _clock_reads(module) == [6, 7, 8, 9]


_WRITING_METHODS = {"write_bytes", "write_text", "mkstemp"}
_SHUTIL_WRITES = {"copy", "copy2", "copyfile", "copytree", "move"}


def _is_write(call: ast.Call) -> bool:
    """Whether ``call`` writes a file: ``open`` or ``os.fdopen`` for writing, ``Path.open`` for
    writing, ``os.open`` with O_CREAT, ``Path.write_bytes``/``write_text``, ``os.replace`` or
    ``rename``, shutil's copies and moves, ``mkstemp``. (Writing a member of a zip being built,
    ``archive.open(name, "w")``, is not writing a file. A library told to write to a path, such
    as openpyxl's ``save`` or XlsxWriter, is not seen: those are called with the temporary file
    of :func:`~workbook_tools.safety.save.safe_save`.)"""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    owner = ast.unparse(func.value) if isinstance(func, ast.Attribute) else ""
    if name in _WRITING_METHODS or (owner == "shutil" and name in _SHUTIL_WRITES):
        return True
    if owner == "os" and name in ("replace", "rename"):
        return True
    if owner == "os" and name == "open":
        return "O_CREAT" in ast.unparse(call)
    if (isinstance(func, ast.Name) and name == "open") or (owner == "os" and name == "fdopen"):
        modes = call.args[1:2]
    elif name == "open" and call.args and isinstance(call.args[0], ast.Constant):
        modes = call.args[:1]  # Path.open(mode)
    else:
        return False
    modes += [k.value for k in call.keywords if k.arg == "mode"]
    mode = modes[0].value if modes and isinstance(modes[0], ast.Constant) else ""
    is_mode = isinstance(mode, str) and re.fullmatch(r"[rwxabt+]+", mode) is not None
    return is_mode and bool(set(mode) & set("wax+"))


def _writes_files(module: str) -> list[int]:
    """Lines where ``module`` writes a file itself (:func:`_is_write`)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    return sorted(n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call) and _is_write(n))


def test_files_are_written_only_through_safety() -> None:
    """Outside the modules listed with their reason, no module writes a file itself: every
    output goes through workbook_tools.safety.output (one atomic writer)."""
    writing = {module: _writes_files(module) for module in MODULES}
    assert {m: lines for m, lines in writing.items() if lines and m not in OWN_FILES} == {}


def test_the_write_finder_sees_a_direct_write(tmp_path: Path) -> None:
    """The check above can fail: a module writing with open(…, "xb") is found."""
    source = (
        'import shutil, zipfile\nfrom pathlib import Path\n\nwith open("x", "xb") as f:\n'
        '    f.write(b"")\nPath("y").write_bytes(b"")\nPath("z").open("a")\n'
        'shutil.copy2("a", "b")\nzipfile.ZipFile("c").open("d", "w")\nopen("e")\n'
        'zipfile.ZipFile("f").open("content.xml")\n'
    )
    with _probe_module(tmp_path, source) as module:
        assert _writes_files(module) == [4, 6, 7, 8]


#: The most lines a module may have, and a function unless its docstring says "Long because".
MODULE_LINES = 400
FUNCTION_LINES = 60


def _sizes(source: str) -> tuple[int, list[tuple[str, int]]]:
    """A module's line count, and its functions over :data:`FUNCTION_LINES` without a reason."""
    tree = ast.parse(source)
    long = [
        (node.name, node.end_lineno - node.lineno + 1)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > FUNCTION_LINES
        and "Long because" not in (ast.get_docstring(node) or "")
    ]
    return source.count("\n"), long


def test_modules_and_functions_are_small() -> None:
    """No module over 400 lines; no function over 60 lines without a reason in its docstring."""
    too_big = []
    for module, path in MODULES.items():
        lines, long = _sizes(path.read_text(encoding="utf-8"))
        if lines > MODULE_LINES:
            too_big.append(f"{module}: {lines} lines")
        too_big += [f"{module}.{name}: {n} lines" for name, n in long]
    assert too_big == []


def test_the_size_finder_sees_a_long_function() -> None:
    """A 61-line function is caught unless its docstring gives the reason."""
    body = "".join(f"    x{i} = {i}\n" for i in range(59))
    bare = f"def f():\n    '''Short.'''\n{body}"
    reasoned = f"def f():\n    '''Long because it is one table.'''\n{body}"
    assert _sizes(bare)[1] == [("f", 61)]
    assert _sizes(reasoned)[1] == []


def test_sources_do_not_read_the_plan() -> None:
    """The source adapters turn workbooks into grids and never call the core's reader: where the
    reading needs a style, the use case asks the core, then the adapter (core.styles_needed)."""
    readers = ("workbook_tools.core.reading", "workbook_tools.core.tables")
    calls = [
        (module, i.target)
        for module in MODULES
        if layer(module) == "sources"
        for i in IMPORTS[module]
        if i.target in readers
    ]
    assert calls == []
