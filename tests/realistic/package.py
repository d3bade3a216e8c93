"""The zip package: [Content_Types].xml, relationship parts and the zip entries, written the way
each application writes them (declaration line, attribute order, entry order and timestamps),
deterministically: the same book always gives the same bytes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .xmltext import esc, quoteattr

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
RELS_CT = "application/vnd.openxmlformats-package.relationships+xml"


@dataclass(frozen=True)
class PackageStyle:
    """How one application writes the package around the parts.

    ``declaration``: the XML declaration and what follows it (Excel: CRLF; Google Sheets: a lone
    CR; LibreOffice: LF); ``ct_attrs_first``: whether Content_Types entries put ContentType
    before Extension/PartName (Google Sheets does); ``rels_reversed``: Excel lists a part's
    relationships with the highest rId first; ``date_time``: every zip entry's timestamp (Excel
    writes 1980-01-01 00:00); ``flag_bits``: general-purpose flags of the entries (Excel: 6,
    "super fast" deflation); ``order``: sorts the part names into the order the application
    writes its zip entries.
    """

    declaration: str
    ct_attrs_first: bool = False
    rels_reversed: bool = False
    rels_declaration: str | None = None
    ct_declaration: str | None = None
    date_time: tuple[int, int, int, int, int, int] = (1980, 1, 1, 0, 0, 0)
    flag_bits: int = 0
    order: Callable[[list[str]], list[str]] = sorted
    ct_overrides_rels: bool = False
    closing_newline: bool = False


def content_types(
    style: PackageStyle,
    defaults: dict[str, str],
    overrides: list[tuple[str, str]],
) -> bytes:
    """[Content_Types].xml with ``defaults`` (extension → type) and ``overrides``."""
    items = []
    for ext, ctype in defaults.items():
        if style.ct_attrs_first:
            items.append(f"<Default ContentType={quoteattr(ctype)} Extension={quoteattr(ext)}/>")
        else:
            items.append(f"<Default Extension={quoteattr(ext)} ContentType={quoteattr(ctype)}/>")
    for name, ctype in overrides:
        if style.ct_attrs_first:
            items.append(f"<Override ContentType={quoteattr(ctype)} PartName={quoteattr(name)}/>")
        else:
            items.append(f"<Override PartName={quoteattr(name)} ContentType={quoteattr(ctype)}/>")
    decl = style.ct_declaration or style.declaration
    nl = "\n" if style.closing_newline else ""
    return (decl + f'<Types xmlns="{CT_NS}">' + "".join(items) + nl + "</Types>").encode("utf-8")


def relationships(style: PackageStyle, rels: Iterable[tuple[str, str, str]]) -> bytes:
    """A relationships part for (rId, type, target) triples; targets starting with ``http`` or
    ``file:`` are written as external."""
    items = []
    ordered = list(rels)
    if style.rels_reversed:
        ordered = ordered[::-1]
    for rid, type_, target in ordered:
        mode = ' TargetMode="External"' if target.startswith(("http", "file:")) else ""
        items.append(
            f"<Relationship Id={quoteattr(rid)} Type={quoteattr(type_)} "
            f"Target={quoteattr(target)}{mode}/>"
        )
    decl = style.rels_declaration or style.declaration
    nl = "\n" if style.closing_newline else ""
    body = f'<Relationships xmlns="{RELS_NS}">' + "".join(items) + nl + "</Relationships>"
    return (decl + body).encode("utf-8")


def rels_name(part: str) -> str:
    """The relationships part of ``part`` (``xl/workbook.xml`` → ``xl/_rels/workbook.xml.rels``)."""
    folder, _, leaf = part.rpartition("/")
    return f"{folder}/_rels/{leaf}.rels" if folder else f"_rels/{leaf}.rels"


def write_zip(style: PackageStyle, parts: dict[str, bytes]) -> bytes:
    """The zip of ``parts`` in the application's entry order, with fixed timestamps."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in style.order(list(parts)):
            info = zipfile.ZipInfo(name, date_time=style.date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.flag_bits = style.flag_bits
            info.external_attr = 0
            archive.writestr(info, parts[name])
    return buffer.getvalue()


def text_node(text: str) -> str:
    """``<t>`` content, with xml:space="preserve" when the text has edge or inner runs of
    whitespace that a reader would otherwise drop."""
    needs = text != text.strip() or "\n" in text or "  " in text
    space = ' xml:space="preserve"' if needs else ""
    return f"<t{space}>{esc(text)}</t>"


def ranked(first: list[str], last: tuple[str, ...] = ()) -> Callable[[list[str]], list[str]]:
    """An entry order: names matching the prefixes in ``first`` in that order, then the rest in
    the order they were added, then those matching ``last`` in that order."""

    def order(names: list[str]) -> list[str]:
        def key(item: tuple[int, str]) -> tuple[int, int]:
            index, name = item
            for rank, prefix in enumerate(first):
                if name == prefix or name.startswith(prefix):
                    return (rank, index)
            for rank, prefix in enumerate(last):
                if name == prefix or name.startswith(prefix):
                    return (len(first) + 1 + rank, index)
            return (len(first), index)

        return [name for _, name in sorted(enumerate(names), key=key)]

    return order
