"""The funders' report's XLSX writer alone: the same rows written by the site's writer and by others.

Reads the report's sheets once for the programme period to date (timed apart: that is the
counting's and the reading's cost), then writes them `--repeat` times with each writer:

- `infra.exports`: the site's writer (`infra/xlsx.py` under the safety rules of `exports.py`);
- `openpyxl write-only`: how the site wrote XLSX before (openpyxl's write-only mode, every text a
  `WriteOnlyCell` of type "s", formula-like ones `quotePrefix`);
- `XlsxWriter constant_memory`: when `xlsxwriter` can be imported (it is not a dependency: put it
  on PYTHONPATH for the comparison), with `write_string` for every text.

    DEBUG=0 DATABASE_URL=sqlite:////tmp/figbench.sqlite3 .venv/bin/python bench/report_writer.py [--repeat 3]

on a corpus built as `bench/figures.py` says. Each line gives the median and 95th percentile in
ms (wall clock), the median of the CPU time the writing took (steadier on a loaded machine), and
the file's size.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
os.environ.setdefault("DEBUG", "0")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.ideas import percentile  # noqa: E402
from figures import report  # noqa: E402
from figures.counting import Period  # noqa: E402
from figures.models import ProgrammeTargets  # noqa: E402
from figures.views import without_jit  # noqa: E402
from infra import exports  # noqa: E402


def site_writer(sheets, file) -> None:
    response = exports.xlsx_workbook_response("report.xlsx", sheets)
    with response.file_to_stream as written:
        file.write(written.read())


def openpyxl_write_only(sheets, file) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    def cell(sheet, value):
        value = exports.plain(value)
        if not isinstance(value, str):
            return value
        text = exports.clean_text(value)
        written = WriteOnlyCell(sheet, value=text.replace("\r\n", "\n").replace("\r", "\n"))
        written.data_type = "s"
        written.quotePrefix = exports.starts_formula(text)
        return written

    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(str(title)[:31])
        sheet.append([cell(sheet, value) for value in header])
        for row in rows:
            sheet.append([cell(sheet, value) for value in row])
    workbook.save(file)


def xlsxwriter_constant_memory(sheets, file) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(file, {"constant_memory": True, "in_memory": False})
    quoted = workbook.add_format({"quote_prefix": True})
    dates = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for title, header, rows in sheets:
        sheet = workbook.add_worksheet(str(title)[:31])
        for number, row in enumerate([header, *rows]):
            for column, value in enumerate(row):
                value = exports.plain(value)
                if isinstance(value, str):
                    text = exports.clean_text(value)
                    sheet.write_string(number, column, text, quoted if exports.starts_formula(text) else None)
                elif hasattr(value, "year"):
                    sheet.write_datetime(number, column, value, dates)
                elif value is not None:
                    sheet.write(number, column, value)
    workbook.close()


def writers() -> dict:
    found = {"infra.exports": site_writer, "openpyxl write-only": openpyxl_write_only}
    try:
        import xlsxwriter  # noqa: F401
    except ImportError:
        return found
    return {**found, "XlsxWriter constant_memory": xlsxwriter_constant_memory}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="Files written by each writer (default 3).")
    args = parser.parse_args()
    targets = ProgrammeTargets.load()
    period = Period.programme_to_date(targets, timezone.localdate())
    started = time.perf_counter()
    with without_jit():
        sheets = [
            (title, header, list(rows))
            for title, header, rows in report.sheets(period, targets, timezone.now())
        ]
    read = (time.perf_counter() - started) * 1000
    cells = sum(len(row) for _title, header, rows in sheets for row in [header, *rows])
    print(
        f"{connection.vendor}: {period.start} – {period.end}, {len(sheets)} sheets, "
        f"{sum(len(rows) for _t, _h, rows in sheets)} rows, {cells} cells; read in {read:.0f} ms\n"
    )
    print(f"{'writer':<28} {'p50 ms':>8} {'p95 ms':>8} {'CPU p50 ms':>11} {'µs a cell':>10} {'MB':>6}")
    for name, write in writers().items():
        samples, cpu = [], []
        for _ in range(args.repeat):
            with tempfile.TemporaryFile() as file:
                started, started_cpu = time.perf_counter(), time.process_time()
                write(sheets, file)
                samples.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
                size = file.tell()
        p50 = statistics.median(samples)
        print(
            f"{name:<28} {p50:>8.0f} {percentile(samples, 95):>8.0f} {statistics.median(cpu):>11.0f} "
            f"{p50 * 1000 / cells:>10.1f} {size / 1e6:>6.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
