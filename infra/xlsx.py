"""A small streaming XLSX writer: each sheet's XML is written row by row straight into the zip.

openpyxl (without lxml) spent about 65 µs a cell; the funders' report lists every person reached,
and at 94 000 persons the file took 25 s. This writer joins each row's XML from a few templates
(about 1 µs a cell): texts as inline strings (no shared-strings table held in memory), one fixed
table of styles. It knows only what the exports need: text, numbers, booleans, dates and times.

It writes what it is given: making text safe is `exports.py`'s business, which calls `text_cell`
for every text, so that no text can become anything but a string cell.
"""

import datetime
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO
from xml.sax.saxutils import quoteattr

#: Excel keeps at most this many characters in a cell; a longer text would make the file "repaired".
MAX_TEXT = 32_767
#: Rows joined before each write to the zip: large enough to keep the write cost low.
ROWS_PER_WRITE = 2_000
#: zlib's fastest level: the sheets are repetitive XML that compresses well at any level.
COMPRESS_LEVEL = 1
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
EPOCH = datetime.datetime(1899, 12, 30)

# The cell styles (cellXfs, by position): plain, text marked as typed with a leading quote, date,
# date and time, time; then the same five in bold, for the header row.
PLAIN, QUOTED, DATE, DATETIME, TIME = range(5)
BOLD = 5
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>\
<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="10">{xfs}</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>""".format(
    xfs="".join(
        f'<xf numFmtId="{number_format}" fontId="{font}" fillId="0" borderId="0" xfId="0"'
        + (' applyNumberFormat="1"' if number_format else "")
        + (' applyFont="1"' if font else "")
        + (' quotePrefix="1"/>' if quoted else "/>")
        for font in (0, 1)
        for number_format, quoted in ((0, False), (0, True), (164, False), (165, False), (21, False))
    )
)

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/styles.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
{sheets}</Types>"""
SHEET_CONTENT_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\n'
)
PACKAGE_RELATIONSHIPS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets>{sheets}</sheets></workbook>"""
WORKBOOK_RELATIONSHIPS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
{relationships}<Relationship Id="rId0" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
SHEET_START = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" \
state="frozen"/></sheetView></sheetViews>
<cols>{cols}</cols><sheetData>"""
SHEET_END = "</sheetData></worksheet>"
#: An empty cell (what follows `<c r="…"`).
EMPTY = ">"


def column_letters(index: int) -> str:
    """A, B, … Z, AA, … for the 0-based column `index`."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def text_cell(text: str, quoted: bool, style_offset: int = 0) -> str:
    """A string cell (inline), whatever the text looks like; `quoted` marks it `quotePrefix`."""
    style = QUOTED + style_offset if quoted else style_offset
    attributes = f' t="inlineStr" s="{style}"' if style else ' t="inlineStr"'
    text = text[:MAX_TEXT].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    space = ' xml:space="preserve"' if len(text.strip()) != len(text) else ""
    return f"{attributes}><is><t{space}>{text}</t></is>"


def value_cell(value: object, style_offset: int = 0) -> str | None:
    """A cell for a number, boolean, date or time the code computed; None for anything else."""
    if value is True or value is False:
        return f' t="b"><v>{int(value)}</v>'
    if isinstance(value, int) or (isinstance(value, float | Decimal) and math.isfinite(value)):
        return f' s="{style_offset}"><v>{value}</v>' if style_offset else f"><v>{value}</v>"
    if isinstance(value, datetime.datetime):
        serial = (value - EPOCH) / datetime.timedelta(days=1)
        return f' s="{DATETIME + style_offset}"><v>{serial!r}</v>'
    if isinstance(value, datetime.date):
        return f' s="{DATE + style_offset}"><v>{(value - EPOCH.date()).days}</v>'
    if isinstance(value, datetime.time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        return f' s="{TIME + style_offset}"><v>{seconds / 86400!r}</v>'
    return None


def sheet_names(titles: Iterable[str]) -> list[str]:
    """Titles Excel accepts: none of []:*?/\\, at most 31 characters, no two alike (case-blind)."""
    names, seen = [], set()
    for n, title in enumerate(titles, start=1):
        name = SHEET_NAME_FORBIDDEN.sub("", title).strip().strip("'")[:31] or f"Sheet{n}"
        candidate, copy = name, 1
        while candidate.lower() in seen:
            copy += 1
            suffix = f" ({copy})"
            candidate = name[: 31 - len(suffix)] + suffix
        seen.add(candidate.lower())
        names.append(candidate)
    return names


def _row_template(cells: int) -> str:
    """The XML of a row of `cells` cells, to be filled by `format(row number, *cells)`."""
    return (
        '<row r="{0}">'
        + "".join(f'<c r="{column_letters(n)}{{0}}"{{{n + 1}}}</c>' for n in range(cells))
        + "</row>"
    )


def _write_sheet(part: IO[bytes], widths: Sequence[int], rows: Iterable[Sequence[str]]) -> None:
    """The first of `rows` is the header, kept in view when scrolling."""
    columns = "".join(
        f'<col min="{n}" max="{n}" width="{width}" customWidth="1"/>'
        for n, width in enumerate(widths, start=1)
    )
    part.write(SHEET_START.format(cols=columns).encode())
    templates: dict[int, str] = {}
    chunk: list[str] = []
    for number, row in enumerate(rows, start=1):
        template = templates.get(len(row))
        if template is None:
            template = templates[len(row)] = _row_template(len(row))
        chunk.append(template.format(number, *row))
        if len(chunk) >= ROWS_PER_WRITE:
            part.write("".join(chunk).encode())
            chunk.clear()
    chunk.append(SHEET_END)
    part.write("".join(chunk).encode())


def write_workbook(
    file: IO[bytes], sheets: Iterable[tuple[str, Sequence[int], Iterable[Sequence[str]]]]
) -> None:
    """Writes an XLSX of `sheets`, each (title, column widths in characters, rows), the first row the
    header; a row is its cells' XML as made by `text_cell` and `value_cell`, or `EMPTY`. Each sheet's
    rows are read once, as they are written."""
    with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as package:
        titles = []
        for n, (title, widths, rows) in enumerate(sheets, start=1):
            titles.append(title)
            with package.open(f"xl/worksheets/sheet{n}.xml", "w", force_zip64=True) as part:
                _write_sheet(part, widths, rows)
        names = sheet_names(titles)
        numbers = range(1, len(names) + 1)
        package.writestr(
            "[Content_Types].xml",
            CONTENT_TYPES.format(sheets="".join(SHEET_CONTENT_TYPE.format(n=n) for n in numbers)),
        )
        package.writestr("_rels/.rels", PACKAGE_RELATIONSHIPS)
        package.writestr(
            "xl/workbook.xml",
            WORKBOOK.format(
                sheets="".join(
                    f'<sheet name={quoteattr(name)} sheetId="{n}" r:id="rId{n}"/>'
                    for n, name in zip(numbers, names, strict=True)
                )
            ),
        )
        package.writestr(
            "xl/_rels/workbook.xml.rels",
            WORKBOOK_RELATIONSHIPS.format(
                relationships="".join(
                    f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    f'relationships/worksheet" Target="worksheets/sheet{n}.xml"/>\n'
                    for n in numbers
                )
            ),
        )
        package.writestr("xl/styles.xml", STYLES)
