"""The report written out: CSV, XLSX and PDF, from the same `Report` as the page."""

from __future__ import annotations

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from core.pdf import render_pdf
from core.spreadsheet import safe_row

from .charts import bar_chart
from .report import Report


def _header(report: Report) -> list[tuple[str, str]]:
    return [
        (_("Kausi"), f"{report.filters.start:%-d.%-m.%Y}–{report.filters.end:%-d.%-m.%Y}"),
        *report.described,
        # in Helsinki time, as the page shows it (issue 27: the exports printed UTC)
        (_("Luvut hetkellä"), f"{timezone.localtime(report.generated_at):%-d.%-m.%Y %H:%M}"),
        (_("Luvut päivitetty"), report.figures_as_of_when),
        (
            _("Pienet luvut"),
            _("1–%(max)s näytetään muodossa <%(min)s")
            % {"max": report.minimum - 1, "min": report.minimum},
        ),
    ]


def report_csv(report: Report) -> str:
    """One line per cell (table, row, column, value): easy to read back and to sum."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for name, value in _header(report):
        writer.writerow(safe_row(["#", name, value]))
    writer.writerow([_("taulukko"), _("rivi"), _("sarake"), _("arvo")])
    for table in report.tables:
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                value = cell.export
                value = "" if value is None else value
                writer.writerow(safe_row([table.title, row.label, column, value]))
    return out.getvalue()


# what a sheet's name may not hold (Excel's rule), and its length
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
SHEET_NAME_MAX = 31


def sheet_name(title: str, taken: set[str]) -> str:
    """The table's title in the reader's language as a sheet name: Excel's forbidden
    characters blanked, cut to 31 characters, unique in the book (case-insensitively)."""
    base = " ".join(title.translate(SHEET_NAME_FORBIDDEN).split())[:SHEET_NAME_MAX] or "-"
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        name = f"{base[: SHEET_NAME_MAX - len(str(n)) - 1]} {n}"
    taken.add(name.lower())
    return name


def report_xlsx(report: Report) -> bytes:
    """A sheet per table, named by its title in the reader's language (the table's key,
    for a program, is the sheet's code name); its title, its columns, its rows; numbers
    as numbers."""
    book = Workbook()
    first = book.active
    first.title = _("Tiedot")[:SHEET_NAME_MAX]
    taken = {first.title.lower()}
    for name, value in _header(report):
        first.append(safe_row([name, value]))
    for table in report.tables:
        sheet = book.create_sheet(sheet_name(table.title, taken))
        sheet.sheet_properties.codeName = table.key[:SHEET_NAME_MAX]
        sheet.append(safe_row([table.title, table.note]))
        sheet.append(safe_row(["", *table.columns]))
        for row in table.rows:
            sheet.append(safe_row([row.label, *[cell.export for cell in row.cells]]))
        sheet.column_dimensions["A"].width = 48
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_pdf(report: Report) -> bytes:
    sections = [{"table": t, "chart": bar_chart(t)} for t in report.tables]
    return render_pdf(
        "reports/report_pdf.html",
        {"report": report, "sections": sections, "header": _header(report)},
    )
