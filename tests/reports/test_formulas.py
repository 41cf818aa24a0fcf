"""Issue 28: a name that looks like a formula reaches the XLSX and CSV as text."""

import io

from openpyxl import load_workbook

from accounts.models import Organization, Site

from .conftest import PERIOD

LINK = '=HYPERLINK("http://example.invalid/","Avaa")'


def test_a_site_named_like_a_formula_is_text_in_the_xlsx(client, world, region):
    Site.objects.filter(pk=world.site.pk).update(name=LINK)
    Organization.objects.filter(pk=world.site.organization_id).update(name="@SUM(1+1)")
    client.force_login(world.kaisa)
    book = load_workbook(io.BytesIO(client.get("/raportit/alue.xlsx", PERIOD).content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    (sites,) = (s for s in book.worksheets if s.sheet_properties.codeName == "sites")
    labels = [row[0].value for row in sites.iter_rows()]
    assert f"'{LINK} (@SUM(1+1))" in labels


def test_a_site_named_like_a_formula_is_text_in_the_csv(client, world, region):
    Site.objects.filter(pk=world.site.pk).update(name="-2+3")
    client.force_login(world.kaisa)
    text = client.get("/raportit/alue.csv", PERIOD).content.decode()
    assert ";'-2+3 (" in text and ";-2+3" not in text
