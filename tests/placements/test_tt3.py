"""Kela's absence notice (TT3) and the monthly participation summary."""

import datetime
import io

from pypdf import PdfReader

from clients.models import AccessLog, Case
from decisions.models import Decision
from placements.models import AbsenceNotice, Attendance, Placement
from placements.services import tt3_due
from tests.placements.test_attendance import FRIDAY, MONDAY, WEDNESDAY, place, url, week_post


def record_week(client, world, placement):
    monday, wednesday = (f"a-{placement.pk}-{d:%Y%m%d}" for d in (MONDAY, WEDNESDAY))
    client.force_login(world.pekka)
    client.post(
        url(world),
        week_post(
            [placement],
            **{
                f"{monday}-status": "absent",
                f"{monday}-reason": "own_sickness",
                f"{wednesday}-status": "absent",
                f"{wednesday}-reason": "other",
            },
        ),
    )


def period(placement):
    return f"start={MONDAY.isoformat()}&end={FRIDAY.isoformat()}"


def test_tt3_pdf_lists_exactly_the_recorded_absences(client, world):
    placement = place(world)
    record_week(client, world, placement)
    response = client.get(f"/tyotoiminta/{placement.pk}/tt3.pdf?{period(placement)}")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Ilmoitus poissaolosta (TT3)" in text
    assert "Oma sairaus" in text and "Muu tai selvittämätön syy" in text
    assert text.count("Poissa") == 2
    assert FRIDAY.strftime("%-d.%-m.%Y") not in text.split("Ajalta")[1].split("Päivä")[1]


def test_tt3_csv_says_which_absences_keep_the_benefit(client, world):
    placement = place(world)
    record_week(client, world, placement)
    lines = client.get(f"/tyotoiminta/{placement.pk}/tt3.csv?{period(placement)}").content
    rows = lines.decode().strip().splitlines()[1:]
    assert [row.split(";")[-1] for row in rows] == ["kyllä", "ei"]


def test_due_notices_and_marking_them_sent(client, world):
    placement = place(world)
    assert tt3_due([placement])[0]["due"]
    item = tt3_due([placement])[0]
    client.force_login(world.pekka)
    client.post(
        f"/tyotoiminta/{placement.pk}/tt3/lahetetty/",
        {"start": item["start"].isoformat(), "end": item["end"].isoformat()},
    )
    assert AbsenceNotice.objects.get().period_end == item["end"]
    assert (item["end"] - item["start"]).days == 13  # two weeks at most (issue 26)
    following = tt3_due([placement])
    assert following == [] or following[0]["start"] == item["end"] + datetime.timedelta(days=1)


def test_monthly_summary_counts_in_sql(client, world):
    placement = place(world)
    record_week(client, world, placement)
    client.force_login(world.pekka)
    response = client.get(
        f"/tyotoiminta/yksikko/{world.site.pk}/kuukausi/", {"kuukausi": FRIDAY.strftime("%Y-%m")}
    )
    row = next(r for r in response.context["rows"] if r["placement"] == placement.pk)
    if MONDAY.month == FRIDAY.month:
        assert (row["present"], row["absent"], row["allowance_days"]) == (1, 2, 1)
        assert row["own_sickness"] == 1 and row["other"] == 1


def test_other_sites_supervisor_gets_404(client, world):
    placement = place(world)
    client.force_login(world.otto)
    assert client.get(f"/tyotoiminta/yksikko/{world.site.pk}/tt3/").status_code == 404
    assert client.get(f"/tyotoiminta/{placement.pk}/tt3.pdf?{period(placement)}").status_code == 404


def test_monthly_summary_logs_each_client_it_shows_once(client, world):
    shown = [place(world), place(world)]
    hidden = place(world)  # placed, but nothing recorded this month: not in the summary
    for placement in shown:
        Attendance.objects.create(
            placement=placement, day=MONDAY, status="present", hours=4, recorded_by=world.pekka
        )
    client.force_login(world.pekka)
    before = AccessLog.objects.count()
    client.get(
        f"/tyotoiminta/yksikko/{world.site.pk}/kuukausi/", {"kuukausi": MONDAY.strftime("%Y-%m")}
    )
    rows = AccessLog.objects.order_by("pk")[before:]
    assert sorted(row.client_id for row in rows) == sorted(p.case.client_id for p in shown)
    assert hidden.case.client_id not in {row.client_id for row in rows}


def test_monthly_summary_keeps_a_client_whose_case_closed_during_the_month(client, world):
    staying, leaving = place(world), place(world)
    for placement in (staying, leaving):
        Attendance.objects.create(
            placement=placement, day=MONDAY, status="present", hours=4, recorded_by=world.pekka
        )
    Placement.objects.filter(pk=leaving.pk).update(end_on=MONDAY)
    Decision.objects.filter(pk=leaving.decision_id).update(status="ended")
    Case.objects.filter(pk=leaving.case_id).update(
        phase="closed", opened_on=leaving.start_on, closed_on=MONDAY
    )
    client.force_login(world.pekka)
    page = client.get(
        f"/tyotoiminta/yksikko/{world.site.pk}/kuukausi/", {"kuukausi": MONDAY.strftime("%Y-%m")}
    ).content.decode()
    assert f'<th scope="row">{leaving.client_name}</th><td class="num">1</td>' in page
    totals = page.split("<tfoot>")[1]
    assert '<th scope="row">Yhteensä</th><td class="num">2</td>' in totals
