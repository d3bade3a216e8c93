"""Comments: Microsoft 365 threaded comments (with their legacy comment, VML note shape and the
persons part) and classic notes.

Follows poi__right-to-left.xlsx (Excel for the web) and poi__64759.xlsx (Excel for Mac 16),
both real: for every threaded comment Excel also writes a legacy <comment> whose author is
"tc={id}" and whose text starts "[Threaded comment]", a hidden VML note shape anchored at the
cell, and relates the sheet to the comments part, the threadedComments part and the VML
drawing, and the workbook to xl/persons/person.xml. Classic notes (poi__64759.xlsx's second
comment) have a named author and a bold "Author:" first run.
"""

from __future__ import annotations

from .book import MS_REL, REL, Book, Sheet
from .package import text_node
from .plans import column
from .shared import NOTE_SHAPETYPE, vml_shape
from .xmltext import esc, ref

TC_NS = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
SS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
THREADED_NOTICE = (
    "[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; "
    "however, any edits to it will get removed if the file is opened in a newer version of "
    "Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    "
)
PEOPLE = (("Jo Bloggs", "jo.bloggs"), ("Sam Patel", "sam.patel"))


def _state(book: Book, sheet: Sheet) -> dict:
    key = f"comments:{book.sheets.index(sheet)}"
    if key not in book.scratch:
        book.scratch[key] = {"authors": [], "comments": [], "threads": []}
        book.on_finish(key, lambda: _write(book, sheet, book.scratch[key]))
    return book.scratch[key]


def _note_shape(row: int, col: int, z: int):
    def make(spid: int) -> str:
        return (
            f'<v:shape id="_x0000_s{spid}" type="#_x0000_t202" style=\'position:absolute;'
            f"margin-left:59.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:{z};"
            'visibility:hidden\' fillcolor="#ffffe1" o:insetmode="auto">'
            '<v:fill color2="#ffffe1"/><v:shadow color="black" obscured="t"/>'
            "<v:path o:connecttype=\"none\"/><v:textbox style='mso-direction-alt:auto'>"
            "<div style='text-align:left'></div></v:textbox>"
            '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
            f"<x:Anchor>{col + 1}, 15, {max(row - 1, 0)}, 10, {col + 3}, 15, {row + 3}, "
            "4</x:Anchor>"
            f"<x:AutoFill>False</x:AutoFill><x:Row>{row}</x:Row><x:Column>{col}</x:Column>"
            "</x:ClientData></v:shape>"
        )

    return make


def _add_comment(
    book: Book, sheet: Sheet, row: int, col: int, author: str, runs: str, uid: str
) -> None:
    state = _state(book, sheet)
    if author not in state["authors"]:
        state["authors"].append(author)
    state["comments"].append((ref(row, col), state["authors"].index(author), runs, uid))
    vml_shape(book, sheet, NOTE_SHAPETYPE, _note_shape(row - 1, col - 1, len(state["comments"])))


def _write(book: Book, sheet: Sheet, state: dict) -> None:
    name = book.add_part(
        book.next_name("xl/comments{n}.xml"),
        b"",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
    )
    authors = "".join(f"<author>{esc(a)}</author>" for a in state["authors"])
    items = "".join(
        f'<comment ref="{cell}" authorId="{a}" shapeId="0" xr:uid="{uid}"><text>{runs}</text>'
        "</comment>"
        for cell, a, runs, uid in state["comments"]
    )
    book.add_part(
        name,
        DECL
        + (
            f'<comments xmlns="{SS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/'
            '2006" mc:Ignorable="xr" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/'
            f'2014/revision"><authors>{authors}</authors><commentList>{items}</commentList></comments>'
        ),
        book.parts[name][1],
    )
    if state["threads"]:
        tname = book.next_name("xl/threadedComments/threadedComment{n}.xml")
        body = "".join(state["threads"])
        book.add_part(
            tname,
            DECL + f'<ThreadedComments xmlns="{TC_NS}" xmlns:x="{SS}">{body}</ThreadedComments>',
            "application/vnd.ms-excel.threadedcomments+xml",
        )
        sheet.rel(
            MS_REL + "2017/10/relationships/threadedComment", "../" + tname.removeprefix("xl/")
        )
    sheet.rel(REL + "comments", "../" + name.removeprefix("xl/"))


def _persons(book: Book) -> None:
    if "xl/persons/person.xml" in book.parts:
        return
    people = "".join(
        f'<person displayName="{n}" id="{book.guid("person", n)}" '
        f'userId="S::{u}@borough.gov.uk::{book.guid("user", n, braces=False)}" providerId="AD"/>'
        for n, u in PEOPLE
    )
    book.add_part(
        "xl/persons/person.xml",
        DECL + f'<personList xmlns="{TC_NS}" xmlns:x="{SS}">{people}</personList>',
        "application/vnd.ms-excel.person+xml",
    )
    book.workbook_rel("persons", MS_REL + "2017/10/relationships/person", "persons/person.xml")


def add_thread(
    book: Book,
    sheet: Sheet,
    row: int,
    col: int,
    messages: list[tuple[str, str]],
    resolved: bool = False,
) -> None:
    """A threaded comment at (row, col): the first message and its replies, (person, text)."""
    _persons(book)
    state = _state(book, sheet)
    cell = ref(row, col)
    first = book.guid("thread", sheet.name, cell, 0)
    for i, (person, text) in enumerate(messages):
        tid = first if i == 0 else book.guid("thread", sheet.name, cell, i)
        parent = f' parentId="{first}"' if i else ""
        done = ' done="1"' if resolved and i == 0 else ""
        state["threads"].append(
            f'<threadedComment ref="{cell}" dT="2024-07-0{i + 1}T10:1{i}:00.00" '
            f'personId="{book.guid("person", person)}" id="{tid}"{parent}{done}>'
            f"<text>{esc(text)}</text></threadedComment>"
        )
    legacy = THREADED_NOTICE + messages[0][1]
    for _person, text in messages[1:]:
        legacy += f"\nReply:\n    {text}"
    _add_comment(book, sheet, row, col, f"tc={first}", text_node(legacy), first)


def threaded_comments(book: Book, sheet: Sheet) -> None:
    """Two threads on the commentary column: one with a reply, one resolved."""
    headings = sheet.rows[0]
    col = column(headings, "Commentary", "Progress update")
    add_thread(
        book,
        sheet,
        3,
        col,
        [("Sam Patel", "Is the survey date confirmed?"), ("Jo Bloggs", "Yes, 30 August.")],
    )
    add_thread(
        book, sheet, 4, col, [("Sam Patel", "Please add the officer's start date.")], resolved=True
    )


def legacy_notes(book: Book, sheet: Sheet) -> None:
    """Classic notes (what Excel now calls Notes) on a deadline and a lead, as Excel writes
    them: the author's name in bold, then the note."""
    headings = sheet.rows[0]
    for row, heading, text in (
        (2, ("Deadline", "Target date"), "Agreed at Cabinet, 12 March."),
        (5, ("Lead", "Responsible officer"), "Covering until September."),
    ):
        col = column(headings, *heading)
        runs = (
            '<r><rPr><b/><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/>'
            "</rPr><t>Jo Bloggs:</t></r>"
            '<r><rPr><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/>'
            f'</rPr><t xml:space="preserve">\n{esc(text)}</t></r>'
        )
        _add_comment(book, sheet, row, col, "Jo Bloggs", runs, book.guid("note", row, col))
