"""The shared spreadsheet writer: text from users is inert, what the code computes keeps its type."""

import csv
import datetime
import io

from django.utils import timezone
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
    assert rows == [["a", "b", "c", "d"], ["'-1", "-1", "2.5", ""], ["'=1", "yes", "", "'@x"]]


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
