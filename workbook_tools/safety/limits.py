"""The input limits, in one place, so that IT can read them and tests can lower them.

Every limit is checked on the zip's central directory or on a bounded, streamed read of a part,
before any spreadsheet library sees the file.
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024

#: Largest file accepted on disk.
MAX_FILE_BYTES = 512 * MIB
#: Most parts (zip members) in one workbook; real workbooks have tens, rarely hundreds.
MAX_MEMBERS = 10_000
#: Largest total size of all parts once unpacked.
MAX_UNPACKED_BYTES = 512 * MIB
#: Largest single part once unpacked (a zip bomb is one part that inflates enormously). Real
#: files compress anywhere from 5 : 1 to over 250 : 1, so the size, not the ratio, is the test.
MAX_PART_BYTES = 256 * MIB
#: Most cells one sheet may imply (highest row x highest column, from its cells or its recorded
#: size); readers that build a full grid would otherwise allocate billions of cells.
MAX_CELLS = 5_000_000
#: Most bytes read before the first element of an XML part when looking for a DTD.
MAX_PROLOG_BYTES = 1 * MIB
#: Largest XML part parsed whole (workbook, relationships, drawings, sheet settings).
MAX_PARSED_BYTES = 32 * MIB


@dataclass(frozen=True)
class Limits:
    """A set of input limits; the defaults are the module constants."""

    file_bytes: int = MAX_FILE_BYTES
    members: int = MAX_MEMBERS
    unpacked_bytes: int = MAX_UNPACKED_BYTES
    part_bytes: int = MAX_PART_BYTES
    cells: int = MAX_CELLS
    prolog_bytes: int = MAX_PROLOG_BYTES
    parsed_bytes: int = MAX_PARSED_BYTES


DEFAULT_LIMITS = Limits()
