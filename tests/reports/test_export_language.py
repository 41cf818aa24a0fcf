"""The report's exports speak the reader's language and clock (issue 27, item 10): the
time in Helsinki time, as the page shows it, and the XLSX sheets named by the tables'
titles in the reader's language."""

import csv
import datetime
import io
import re
import zoneinfo

import pytest
from openpyxl import load_workbook

from .conftest import PERIOD

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


def test_the_csv_stamps_its_figures_in_helsinki_time(client, world, region):
    client.force_login(world.kaisa)
    text = client.get("/raportit/alue.csv", PERIOD).content.decode()
    header = {
        row[1]: row[2] for row in csv.reader(io.StringIO(text), delimiter=";") if row[0] == "#"
    }
    stamped = datetime.datetime.strptime(header["Luvut hetkellä"], "%d.%m.%Y %H:%M")
    now = datetime.datetime.now(HELSINKI).replace(tzinfo=None)
    assert abs(now - stamped) < datetime.timedelta(minutes=2)  # not UTC, 2–3 h behind


@pytest.mark.parametrize(("language", "first"), [("fi", "Tiedot"), ("sv", "Uppgifter")])
def test_xlsx_sheets_are_named_by_the_tables_titles(client, world, region, language, first):
    client.force_login(world.kaisa)
    client.cookies["kuty_language"] = language
    book = load_workbook(io.BytesIO(client.get("/raportit/alue.xlsx", PERIOD).content))
    assert book.sheetnames[0] == first
    for sheet in book.worksheets[1:]:
        title = sheet["A1"].value  # the table's title, in the reader's language
        cleaned = " ".join("".join(" " if c in "[]:*?/\\" else c for c in title).split())
        # cut to Excel's 31 characters; a second title cut the same gets a number
        assert cleaned.startswith(re.sub(r" \d+$", "", sheet.title))
        assert sheet.title != sheet.sheet_properties.codeName  # not the program's key
    assert len({name.lower() for name in book.sheetnames}) == len(book.sheetnames)
