"""The shared spreadsheet writer: text from users is inert, what the code computes keeps its type."""

import csv
import datetime
import io
from decimal import Decimal
from pathlib import PurePosixPath as Path

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from infra import exports


def written(response) -> bytes:
    return b"".join(response.streaming_content)


def test_only_text_is_quoted_in_csv_numbers_stay_numbers():
    response = exports.csv_response(
        "x.csv", ["a", "b", "c", "d"], [["-1", -1, 2.5, None], ["=1", True, "", "@x"]]
    )
    rows = list(csv.reader(io.StringIO(written(response).decode("utf-8-sig"))))
    assert rows == [["a", "b", "c", "d"], ["'-1", "-1", "2.5", ""], ["'=1", "Yes", "", "'@x"]]


def test_xlsx_cells_keep_their_types_and_times_are_local(settings):
    settings.TIME_ZONE = "Europe/Stockholm"
    moment = datetime.datetime(2026, 12, 5, 12, 0, tzinfo=datetime.UTC)
    response = exports.xlsx_response(
        "x.xlsx",
        "Idéer",
        [gettext_lazy("A label without a translation"), "n", "when"],
        [["=1+1", -1, moment]],
    )
    sheet = load_workbook(io.BytesIO(written(response))).active
    header, (formula, number, when) = sheet.iter_rows()
    assert header[0].value == "A label without a translation"
    assert sheet.title == "Idéer"
    assert (formula.data_type, formula.value, formula.quotePrefix) == ("s", "=1+1", True)
    assert (number.data_type, number.value) == ("n", -1)
    assert (
        when.value == timezone.localtime(moment).replace(tzinfo=None) == datetime.datetime(2026, 12, 5, 13, 0)
    )


#: Texts a spreadsheet program would read as a formula, or that need care in XML.
HOSTILE = [
    "=1+1",
    "+46 40 12 34 56",
    "-2",
    "@SUM(A1)",
    "\t=cmd|' /C calc'!A0",
    "\r=1",
    '=HYPERLINK("http://example.com","x")',
    "<b>&amp; ]]>",
    "  leading and trailing  ",
    "line\r\nbreak\rhere",
    "bell\x07 and nul\x00 and \ufffe gone",
]


def test_every_text_is_a_string_cell_never_a_formula_and_control_characters_are_dropped():
    response = exports.xlsx_response("x.xlsx", "Texts", ["text"], [[text] for text in HOSTILE])
    sheet = load_workbook(io.BytesIO(written(response))).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.data_type == "s" for cell in cells)
    assert [cell.value for cell in cells] == [
        "=1+1",
        "+46 40 12 34 56",
        "-2",
        "@SUM(A1)",
        "\t=cmd|' /C calc'!A0",
        "\n=1",
        '=HYPERLINK("http://example.com","x")',
        "<b>&amp; ]]>",
        "  leading and trailing  ",
        "line\nbreak\nhere",
        "bell and nul and  gone",
    ]
    assert [cell.quotePrefix for cell in cells] == [True] * 7 + [False] * 4


def test_numbers_booleans_dates_and_empty_cells_keep_their_places_and_types():
    rows = [
        [1, None, 2.5, True, datetime.date(2026, 3, 1), None, "x"],
        [None, None, None, None, None, None, "y"],
    ]
    response = exports.xlsx_response("x.xlsx", "Values", ["a", "b", "c", "d", "e", "f", "g"], rows)
    sheet = load_workbook(io.BytesIO(written(response))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert values == [
        [1, None, 2.5, True, datetime.datetime(2026, 3, 1), None, "x"],
        [None, None, None, None, None, None, "y"],
    ]
    assert sheet["E2"].number_format == "yyyy-mm-dd"
    assert sheet["A1"].font.b
    assert sheet.freeze_panes == "A2"


def test_sheets_get_names_a_spreadsheet_program_accepts_and_many_rows_are_all_written():
    many = [[f"P{n}", "Kvinna"] for n in range(4_500)]  # over two of the writer's chunks
    response = exports.xlsx_workbook_response(
        "x.xlsx",
        [("Persons: a/b [all]", ["id", "gender"], many), ("persons: a/b [all]", ["x"], []), ("", ["x"], [])],
    )
    workbook = load_workbook(io.BytesIO(written(response)))
    assert workbook.sheetnames == ["Persons ab all", "persons ab all (2)", "Sheet3"]
    rows = list(workbook["Persons ab all"].iter_rows(min_row=2, values_only=True))
    assert rows == [tuple(row) for row in many]


def test_a_value_that_is_no_number_date_or_boolean_is_written_as_text():
    response = exports.xlsx_response(
        "x.xlsx", "Other", ["a", "b", "c"], [[Decimal("2.50"), float("inf"), Path("=x")]]
    )
    sheet = load_workbook(io.BytesIO(written(response))).active
    number, infinite, other = next(sheet.iter_rows(min_row=2))
    assert (number.data_type, number.value) == ("n", 2.5)
    assert (infinite.data_type, infinite.value) == ("s", "inf")
    assert (other.data_type, other.value, other.quotePrefix) == ("s", "=x", True)


def csv_text(response) -> str:
    return written(response).decode("utf-8")


def test_a_swedish_csv_splits_on_semicolons_with_a_decimal_comma_and_swedish_words(settings):
    settings.TIME_ZONE = "Europe/Stockholm"
    moment = datetime.datetime(2026, 12, 5, 12, 0, 7, 123456, tzinfo=datetime.UTC)
    response = exports.csv_response(
        "x.csv",
        [gettext_lazy("Yes"), "Belopp; kr", "När"],
        [[True, Decimal("2.5"), moment], [False, -1.25, datetime.date(2026, 12, 5)], ["-1,5", 3, "=1;2"]],
        exports.SWEDISH,
    )
    text = csv_text(response)
    assert text.startswith("\ufeff")
    assert text[1:].splitlines() == [
        'Ja;"Belopp; kr";När',
        "Ja;2,5;2026-12-05 13:00:07",
        "Nej;-1,25;2026-12-05",
        "'-1,5;3;\"'=1;2\"",
    ]


def test_an_english_csv_splits_on_commas_with_a_decimal_point_and_english_words():
    response = exports.csv_response(
        "x.csv", [gettext_lazy("Yes")], [[False, Decimal("2.5"), "a, b"]], exports.ENGLISH
    )
    assert csv_text(response)[1:].splitlines() == ["Yes", 'No,2.5,"a, b"']


def test_the_dialect_follows_the_readers_language_unless_one_is_asked_for(rf):
    for language, asked, expected in [
        ("sv", None, exports.SWEDISH),
        ("sv", "en", exports.ENGLISH),
        ("en", None, exports.ENGLISH),
        ("en", "sv", exports.SWEDISH),
        ("sv", "fr", exports.SWEDISH),  # an unknown dialect: the reader's
    ]:
        request = rf.get("/", {"dialect": asked} if asked else {})
        with translation.override(language):
            assert exports.csv_dialect_of(request) == expected, (language, asked)
