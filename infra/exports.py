"""The one way a spreadsheet leaves the site: CSV or XLSX, every text cell inert, streamed.

Shared infrastructure, like `infra/outbox.py`: every export of any app (the idea list, the
funders' report, the personal-data access export should it ever write a sheet) goes through
`csv_response` or `xlsx_response`, never through `csv` or openpyxl directly.

Text typed by applicants must never run in a reviewer's spreadsheet program. A cell that begins
with `=`, `+`, `-` or `@` (or a tab or carriage return before one) is read as a formula by
Excel and LibreOffice, which can open links or, through DDE, run commands. So, following
OWASP's rule on CSV injection:

- control characters are removed from every text (XML cannot hold them, and openpyxl refuses
  them with an exception);
- in CSV, a text that begins with one of those characters gets a leading single quote;
- in XLSX, every text is a string cell (never a formula, whatever it begins with), and one that
  begins with those characters is also marked `quotePrefix`, as Excel marks a cell typed as
  `'=...`, so that editing the cell does not turn it into a formula.

Numbers, booleans and dates are written as such (dates in local time): they come from the code,
not from users; anything else is written as its text.

A CSV file is written in a dialect: the one a spreadsheet program set up for the reader's
language opens without an import dialogue. Swedish Excel and LibreOffice split on semicolons
and read a decimal comma (the comma being the decimal sign, a comma-separated file opens as one
column); English ones split on commas and read a decimal point. Both get a UTF-8 byte order mark,
times to the second in local time, and yes/no, labels and choices in the dialect's language.
Both writers stream: CSV row by row, XLSX row by row through `infra/xlsx.py` into a temporary
file that is then sent in chunks, so a large export is never built in memory.
"""

import csv
import datetime
import io
import itertools
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext

from . import xlsx

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# and what XML cannot hold either: lone surrogates and the two non-characters U+FFFE, U+FFFF.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
#: Texts whose XLSX cell is kept for reuse while a file is written.
TEXTS_KEPT = 10_000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Row = Sequence[object]


def clean_text(value: str) -> str:
    """The text without control characters (tab, line feed and carriage return stay)."""
    return CONTROL_CHARACTERS.sub("", value)


def starts_formula(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def plain(value: object) -> object:
    """A translatable text as text; an aware date and time in local time without a zone (spreadsheets
    have none)."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


@dataclass(frozen=True)
class CsvDialect:
    """How a spreadsheet program in `language` reads a CSV file."""

    language: str
    delimiter: str
    decimal_sign: str


SWEDISH = CsvDialect("sv", delimiter=";", decimal_sign=",")
ENGLISH = CsvDialect("en", delimiter=",", decimal_sign=".")
CSV_DIALECTS = {dialect.language: dialect for dialect in (SWEDISH, ENGLISH)}


def csv_dialect(language: str | None) -> CsvDialect:
    """The dialect of `language` (a code such as "sv" or "sv-se"); English for any other."""
    return CSV_DIALECTS.get((language or "").split("-")[0], ENGLISH)


def csv_dialect_of(request) -> CsvDialect:
    """The dialect the reader asks for (`?dialect=sv` or `?dialect=en`), else their language's."""
    asked = request.GET.get("dialect")
    return CSV_DIALECTS[asked] if asked in CSV_DIALECTS else csv_dialect(translation.get_language())


def csv_cell(value: object, dialect: CsvDialect = ENGLISH) -> str:
    """The cell's text; call it with the dialect's language active (`_csv_lines` does)."""
    value = plain(value)
    if value is None:
        return ""
    if value is True or value is False:
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime.datetime):
        return f"{value:%Y-%m-%d %H:%M:%S}"
    if isinstance(value, float | Decimal):
        return str(value).replace(".", dialect.decimal_sign)
    if not isinstance(value, str):
        return str(value)  # a number from the code: -1 stays a number
    text = clean_text(value)
    return "'" + text if starts_formula(text) else text


class _Echo:
    """A file-like object whose `write` hands the line back, so `csv.writer` can feed a stream."""

    def write(self, line: str) -> str:
        return line


def _csv_lines(header: Row, rows: Iterable[Row], dialect: CsvDialect) -> Iterator[str]:
    # The rows are read while the file streams, after the view returned: the dialect's language
    # is made active here, for the labels and choices they translate then.
    with translation.override(dialect.language):
        writer = csv.writer(_Echo(), delimiter=dialect.delimiter)
        yield "\ufeff"  # so that Excel reads the file as UTF-8
        yield writer.writerow([csv_cell(value, dialect) for value in header])
        for row in rows:
            yield writer.writerow([csv_cell(value, dialect) for value in row])


def csv_response(
    filename: str, header: Row, rows: Iterable[Row], dialect: CsvDialect = ENGLISH
) -> StreamingHttpResponse:
    """A CSV download in `dialect`, written row by row as `rows` is read."""
    response = StreamingHttpResponse(
        _csv_lines(header, rows, dialect), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx_text(value: str, style_offset: int) -> str:
    # `isprintable` is false for every character `clean_text` drops, and for tab, line feed and
    # carriage return: the common case skips the regular expression.
    text = value if value.isprintable() else clean_text(value)
    # XML reads a carriage return as a line feed; write it as one, so the file says what it holds.
    shown = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    return xlsx.text_cell(shown, quoted=starts_formula(text), style_offset=style_offset)


def _xlsx_cells(style_offset: int = 0) -> Callable[[object], str]:
    """A function from a value to its cell's XML. Texts that repeat (labels, municipalities) are
    made once: it keeps the first `TEXTS_KEPT` texts it sees."""
    texts: dict[str, str] = {}

    def cell(value: object) -> str:
        if type(value) is str:
            made = texts.get(value)
            if made is None:
                made = _xlsx_text(value, style_offset)
                if len(texts) < TEXTS_KEPT:
                    texts[value] = made
            return made
        value = plain(value)
        if value is None:
            return xlsx.EMPTY
        if isinstance(value, str):
            return _xlsx_text(value, style_offset)
        return xlsx.value_cell(value, style_offset) or _xlsx_text(str(value), style_offset)

    return cell


def _xlsx_sheets(sheets: Iterable[tuple[str, Row, Iterable[Row]]]):
    header_cell, cell = _xlsx_cells(xlsx.BOLD), _xlsx_cells()
    for title, header, rows in sheets:
        texts = [csv_cell(value) for value in header]
        yield (
            clean_text(str(plain(title))),
            [min(max(len(text), 10) + 2, 60) for text in texts],
            itertools.chain(
                [[header_cell(value) for value in header]], ([cell(value) for value in row] for row in rows)
            ),
        )


def xlsx_response(filename: str, sheet_title: str, header: Row, rows: Iterable[Row]) -> FileResponse:
    """An XLSX download of one sheet, written to a temporary file and sent from there in chunks."""
    return xlsx_workbook_response(filename, [(sheet_title, header, rows)])


def xlsx_workbook(sheets: Iterable[tuple[str, Row, Iterable[Row]]]) -> bytes:
    """The XLSX file of several sheets, each given as (title, header, rows), in memory: for a
    download that is kept and sent again (the funders' report)."""
    file = io.BytesIO()
    xlsx.write_workbook(file, _xlsx_sheets(sheets))
    return file.getvalue()


def xlsx_workbook_response(filename: str, sheets: Iterable[tuple[str, Row, Iterable[Row]]]) -> FileResponse:
    """An XLSX download of several sheets, each given as (title, header, rows)."""
    file = tempfile.TemporaryFile()  # noqa: SIM115 (the response closes it, which deletes it)
    try:
        xlsx.write_workbook(file, _xlsx_sheets(sheets))
    except BaseException:
        file.close()
        raise
    file.seek(0)
    return FileResponse(file, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
