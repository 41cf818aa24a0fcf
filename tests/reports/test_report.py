"""The regional report: every figure counted by hand from a known region, the same in the
page, the API, CSV, XLSX and PDF; small cells hidden alike everywhere."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from accounts.models import Organization, Role
from reports import rollups
from reports.forms import Filters
from reports.report import build
from reports.scope import scope_for
from tests.factories import MunicipalityFactory, OrganizationFactory, api_for, member

from .conftest import END, PERIOD, START, csv_cells, page_tables, placed, xlsx_tables

URL = "/raportit/alue/"
API = "/api/v1/reports/regional/"

# Counted by hand from the fixture `region` (no suppression: the threshold set to 1).
EXPECTED = {
    "clients": {"Palvelussa 30.6.2026": [8], "Palvelussa kauden aikana": [8]},
    "referrals": {
        "TE-palvelut / työllisyyspalvelut": [5],
        "Kela": [1],
        "Aikuissosiaalityö": [2],
        "Oppilaitos": [0],
        "Yhteensä": [8],
    },
    "referral_reasons": {
        "Arjen ja elämänhallinnan vahvistaminen": [8],
        "Työ- ja toimintakyvyn arviointi": [6],
        "Työelämän pelisääntöjen harjoittelu": [0],
    },
    "phases": {"Palvelussa": [8], "Tarve tunnistettu": [0], "Yhteensä": [8]},
    "attendance": {
        "Osallistumispäivät (läsnä)": [78],
        "Poissa: Oma sairaus": [5],
        "Poissa: Sovittu vapaa": [1],
        "Poissaolot yhteensä": [6],
        "Suunnitellut ja kirjatut päivät (läsnä + poissa)": [84],
        "Päivät ilman toimintaa": [0],
        "Läsnäoloaste (läsnä / suunnitellut)": [92.9],  # 78 / 84
    },
    "delays": {
        # 20, 20, 20, 30, 30, 30, 116 days: median 30, p90 30 + 0.4 × 86
        "Vireilletulo → palvelutarpeen arviointi": [7, 30.0, 64.4],
        "Suunnitelma → päätös": [0, None, None],
        "Päätös → ensimmäinen osallistumispäivä": [8, 7.0, 7.0],
    },
    "late_assessments": {
        "Valmistui kaudella myöhässä": [1],
        "Odottaa tänään yli kolme kuukautta": [0],
    },
    "sites": {
        "Pajuluoma (Työpajat)": [10, 6, 4, 4],
        "Toivo (Säätiö)": [10, 2, 8, 8],
        "Yhteensä": [20, 8, None, None],
    },
    "closure_reasons": {"Jakso päättyi": [2], "Työllistyminen": [1], "Yhteensä": [3]},
    "next_paths": {"Avoimet työmarkkinat": [2], "Koulutus": [1], "Yhteensä": [3]},
    "day_limit": {
        "Saavuttanut enimmäismäärän 30.6.2026": [6],  # ten days each in Seinäjoki
        "Saavuttaa sen 30 päivän kuluessa": [2],  # Lapua: nine, the tenth on Wed 1.7.
    },
    "annual_sex": {"Seinäjoki": [4, 2, 6], "Lapua": [2, 0, 2], "Yhteensä": [6, 2, 8]},
    "annual_age": {
        "Seinäjoki": [0, 0, 4, 0, 0, 2, 6],
        "Lapua": [0, 2, 0, 0, 0, 0, 2],
        "Yhteensä": [0, 2, 4, 0, 0, 2, 8],
    },
}


@pytest.fixture
def unsuppressed(settings):
    settings.KUTY_REPORT_MIN_CELL = 1
    settings.KUTY_DAY_LIMIT = 10


def api_tables(data: dict) -> dict:
    return {t["key"]: {r["label"]: r["values"] for r in t["rows"]} for t in data["tables"]}


def as_page(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def test_every_figure_equals_the_hand_count_in_page_api_csv_xlsx_and_pdf(
    client, world, region, unsuppressed
):
    client.force_login(world.kaisa)
    api = api_tables(api_for(world.kaisa).get(API, PERIOD).json())
    for key, rows in EXPECTED.items():
        for label, values in rows.items():
            assert api[key][label] == values, (key, label)
    page = page_tables(client.get(URL, PERIOD).content.decode())
    csv = csv_cells(client.get("/raportit/alue.csv", PERIOD).content.decode())
    xlsx = xlsx_tables(client.get("/raportit/alue.xlsx", PERIOD).content)
    response = client.get(URL, PERIOD)
    titles = {s["table"].key: s["table"] for s in response.context["sections"]}
    for key, rows in api.items():
        table = titles[key]
        assert xlsx[key] == rows
        for label, values in rows.items():
            assert [t.removesuffix(" %") for t in page[key][label]] == [as_page(v) for v in values]
            for column, value in zip(table.columns, values, strict=True):
                assert csv[(table.title, label, column)] == ("" if value is None else str(value))
    pdf = PdfReader(io.BytesIO(client.get("/raportit/alue.pdf", PERIOD).content))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Pajuluoma (Työpajat)" in text and "92,9 %" in text and "64,4" in text


def test_small_cells_and_the_totals_that_would_reveal_them_show_under_5_everywhere(
    client, world, region
):
    client.force_login(world.kaisa)
    api = api_tables(api_for(world.kaisa).get(API, PERIOD).json())
    page = page_tables(client.get(URL, PERIOD).content.decode())
    xlsx = xlsx_tables(client.get("/raportit/alue.xlsx", PERIOD).content)
    csv = client.get("/raportit/alue.csv", PERIOD).content.decode()
    hidden, protected = "<5", ".."
    # Kela 1 and adult social work 2 are hidden; TE services 5 and the total stay
    assert api["referrals"]["Kela"] == [hidden] == xlsx["referrals"]["Kela"]
    assert page["referrals"]["Aikuissosiaalityö"] == [hidden]
    assert page["referrals"]["TE-palvelut / työllisyyspalvelut"] == ["5"]
    # reasons are subsets of the 8 referrals shown above: 6 with assessment would tell
    # that 2 had none (8 − 6), so it is hidden (protected: it holds 6, not under 5);
    # 8 of 8 tells nothing small
    assert api["referral_reasons"]["Työ- ja toimintakyvyn arviointi"] == [protected]
    assert page["referral_reasons"]["Arjen ja elämänhallinnan vahvistaminen"] == ["8"]
    # agreed leave 1 is hidden, so sickness 5 is too (protected): else 6 − 5 would tell
    assert api["attendance"]["Poissa: Sovittu vapaa"] == [hidden]
    assert api["attendance"]["Poissa: Oma sairaus"] == [protected]
    assert page["attendance"]["Poissaolot yhteensä"] == ["6"]
    # annual: Seinäjoki's 6 and the women's 6 hide beside Lapua's 2 and the men's 2
    assert api["annual_sex"]["Yhteensä"] == [protected, hidden, 8]
    assert api["annual_sex"]["Seinäjoki"] == [hidden, hidden, protected]
    assert page["annual_age"]["Seinäjoki"][-1] == protected
    # a median of fewer than five is not shown: 8 cases yes, (no plan →) none no
    assert api["delays"]["Päätös → ensimmäinen osallistumispäivä"] == [8, 7.0, 7.0]
    # free places would tell the held count: Toivo's 2 held → free hidden too
    assert api["sites"]["Toivo (Säätiö)"] == [10, hidden, protected, protected]
    counts = [line for line in csv.splitlines() if "Vapaita" not in line]  # free places
    for value in ("1", "2", "3", "4"):
        assert not [line for line in counts if line.endswith(f";{value}")]  # no count 1–4


def test_medians_of_fewer_than_five_cases_are_not_shown(client, world, region, settings):
    settings.KUTY_REPORT_MIN_CELL = 10
    api = api_tables(api_for(world.kaisa).get(API, PERIOD).json())
    assert api["delays"]["Vireilletulo → palvelutarpeen arviointi"] == ["<10", None, None]


def test_threshold_is_a_setting(client, world, region, settings):
    settings.KUTY_REPORT_MIN_CELL = 3
    api = api_tables(api_for(world.kaisa).get(API, PERIOD).json())
    assert api["referrals"]["Aikuissosiaalityö"] == ["<3"]
    assert api["referrals"]["TE-palvelut / työllisyyspalvelut"] == [5]


def test_the_report_names_no_client(client, world, region):
    client.force_login(world.kaisa)
    html = client.get(URL, PERIOD).content.decode()
    assert "Meikäläinen" not in html and "Sukunimi" not in html


# --- who sees what ------------------------------------------------------------


def clients_during(user) -> int:
    data = api_for(user).get(API, PERIOD).json()
    return api_tables(data)["clients"]["Palvelussa kauden aikana"][0]


def test_municipality_lead_sees_own_municipality_only(world, region, unsuppressed):
    lead = member(Role.SOCIAL_WORK_LEAD, world.lapua, username="liisa")
    assert clients_during(lead) == 2
    assert set(api_tables(api_for(lead).get(API, PERIOD).json())["annual_sex"]) == {
        "Lapua",
        "Yhteensä",
    }


def test_provider_sees_its_own_sites_figures(world, region, unsuppressed):
    assert clients_during(world.pekka) == 6
    assert clients_during(world.otto) == 2
    sites = api_tables(api_for(world.otto).get(API, PERIOD).json())["sites"]
    assert set(sites) == {"Toivo (Säätiö)", "Yhteensä"}


def test_coordinator_sees_the_regions_municipalities(world, region, unsuppressed):
    elsewhere = OrganizationFactory(name="Pohjanmaa", kind=Organization.Kind.REGION)
    vaasa = MunicipalityFactory(name="Vaasa", municipality_code="905", parent=elsewhere)
    placed(
        world, vaasa, world.site, birth=START.replace(year=1980), individual=904,
        source="kela", reasons=["life_management"], present=[],
    )  # fmt: skip
    assert clients_during(world.kaisa) == 8


@pytest.mark.parametrize("persona", ["alice", "tero", "olli", "paula", "tuula"])
def test_other_roles_get_404_on_page_exports_and_api(client, world, persona):
    user = getattr(world, persona)
    client.force_login(user)
    for url in (URL, "/raportit/alue.csv", "/raportit/alue.xlsx", "/raportit/alue.pdf"):
        assert client.get(url).status_code == 404
    assert api_for(user).get(API).status_code == 404


def test_report_pages_refuse_post(client, world):
    client.force_login(world.kaisa)
    assert client.post(URL).status_code == 405
    assert api_for(world.kaisa).post(API).status_code == 405


def test_coordinator_gets_404_on_case_client_and_placement(client, world, region):
    case = region[0][0]
    placement = case.placements.get()
    client.force_login(world.kaisa)
    for url in (f"/asiakkuudet/{case.pk}/", f"/tyotoiminta/{placement.pk}/"):
        assert client.get(url).status_code == 404
    api = api_for(world.kaisa)
    for url in (
        f"/api/v1/cases/{case.pk}/",
        f"/api/v1/clients/{case.client_id}/",
        f"/api/v1/placements/{placement.pk}/",
    ):
        assert api.get(url).status_code == 404


# --- bad input: a clear message, nothing run ------------------------------------------


def refused(client, world, params) -> tuple[str, dict]:
    client.force_login(world.kaisa)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    assert response.status_code == 400
    assert not any("placements_attendance" in q["sql"] for q in queries.captured_queries)
    api = api_for(world.kaisa).get(API, params)
    assert api.status_code == 400
    return response.content.decode(), api.json()["errors"]  # the API's one error shape


def test_end_before_start_is_refused(client, world):
    html, api = refused(client, world, {"start": "2026-03-01", "end": "2026-02-01"})
    message = "Kausi päättyen: loppupäivä ei voi olla ennen alkupäivää."
    assert message in html
    assert api["end"] == [message]


def test_period_over_five_years_is_refused(client, world):
    html, api = refused(client, world, {"start": "2020-01-01", "end": "2025-01-01"})
    assert "raportin kausi voi olla enintään 5 vuotta" in html
    assert "end" in api


def test_a_whole_year_quarter_or_month_is_accepted(client, world):
    client.force_login(world.kaisa)
    for start, end in [("2024-01-01", "2024-12-31"), ("2024-04-01", "2024-06-30")]:
        assert client.get(URL, {"start": start, "end": end}).status_code == 200
    assert client.get(URL, {"start": "2024-02-01", "end": "2024-02-29"}).status_code == 200


def test_a_period_ending_on_any_day_is_refused(client, world):
    """Issue 28: a period ending today minus one ending yesterday told one closure."""
    html, api = refused(client, world, {"start": "2026-01-01", "end": "2026-06-14"})
    message = "Kausi päättyen: valitse kokonainen kuukausi, vuosineljännes, puolivuotis"
    assert message in html and message in api["end"][0]


def test_two_filters_at_once_are_refused(client, world):
    html, api = refused(
        client, world, {**PERIOD, "municipality": world.seinajoki.pk, "sex": "male"}
    )
    assert "Rajaukset: valitse enintään yksi rajaus kerrallaan" in html
    assert "enintään yksi rajaus" in api["__all__"][0]


def test_municipality_outside_the_region_is_refused(client, world):
    elsewhere = OrganizationFactory(name="Pohjanmaa", kind=Organization.Kind.REGION)
    vaasa = MunicipalityFactory(name="Vaasa", municipality_code="905", parent=elsewhere)
    html, api = refused(client, world, {**PERIOD, "municipality": vaasa.pk})
    assert "Kunta: valitse kunta, jonka luvut kuuluvat sinulle (oma alue)." in html
    assert api["municipality"]


def test_site_of_another_provider_is_refused_for_a_provider(client, world):
    client.force_login(world.otto)
    response = client.get(URL, {**PERIOD, "site": world.site.pk})
    assert response.status_code == 400
    assert "Työtoimintayksikkö: valitse yksikkö" in response.content.decode()


# --- speed: a constant number of queries at any size ------------------------------------


def test_query_count_does_not_grow_with_the_data(world, region, django_assert_num_queries):
    scope = scope_for(world.kaisa)
    filters = Filters(start=START, end=END)
    rollups.refresh_all()  # built once (else the first report builds them)
    with CaptureQueriesContext(connection) as small:
        build(scope, filters)
    for i in range(6):
        placed(
            world, world.seinajoki, world.site, birth=START.replace(year=1970 + i),
            individual=906, source="kela", reasons=["life_management"], present=[],
        )  # fmt: skip
    with django_assert_num_queries(len(small.captured_queries)):
        build(scope, filters)


@pytest.mark.parametrize(
    ("language", "title", "message"),
    [
        ("sv", "Regionrapport", "Period till: slutdatumet kan inte vara före startdatumet."),
        ("en", "Regional report", "Period to: the end date cannot be before the start date."),
    ],
)
def test_report_speaks_swedish_and_english(client, world, language, title, message):
    client.force_login(world.kaisa)
    client.cookies["kuty_language"] = language
    assert title in client.get(URL, PERIOD).content.decode()
    bad = client.get(URL, {"start": "2026-03-01", "end": "2026-02-01"})
    assert message in bad.content.decode()


def test_a_case_with_nothing_recorded_for_60_days_counts_until_something_is(world, unsuppressed):
    from django.utils import timezone

    from clients.models import Referral
    from tests.factories import CaseFactory

    today = timezone.localdate()
    case = CaseFactory(
        municipality=world.seinajoki,
        responsible_worker=world.alice,
        opened_on=today - datetime.timedelta(days=100),
    )
    month_end = (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    params = {
        "start": today.replace(day=1).isoformat(),
        "end": (month_end - datetime.timedelta(days=1)).isoformat(),
    }

    def figures():
        return api_tables(api_for(world.kaisa).get(API, params).json())

    assert figures()["idle"]["Ilman kirjauksia 60 päivää"] == [1]
    assert figures()["late_assessments"]["Odottaa tänään yli kolme kuukautta"] == [1]
    Referral.objects.create(
        case=case,
        initiated_on=today - datetime.timedelta(days=10),
        source="kela",
        reasons=["life_management"],
        recorded_by=world.alice,
    )
    assert figures()["idle"]["Ilman kirjauksia 60 päivää"] == [0]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"sex": "male"}, 2),  # the two Seinäjoki men (odd individual numbers)
        ({"sex": "female"}, 6),
        ({"age_group": "25_34"}, 2),  # Lapua's two, born 2000
        ({"age_group": "65_plus"}, 2),  # born 1960
        ({"language": "sv"}, 0),
        ({"municipality": "lapua"}, 2),
        ({"site": "site"}, 6),
        ({"provider": "other_provider"}, 2),
    ],
)
def test_each_filter_narrows_the_figures(world, region, unsuppressed, filters, expected):
    params = dict(PERIOD)
    for name, value in filters.items():
        params[name] = getattr(world, value).pk if hasattr(world, value) else value
    data = api_for(world.kaisa).get(API, params).json()
    assert api_tables(data)["clients"]["Palvelussa kauden aikana"] == [expected]
