from placements.models import Attendance
from tests.factories import api_for
from tests.placements.test_attendance import MONDAY, WEDNESDAY, place


def body(world, placement, day=MONDAY, hours="4"):
    return {
        "site": world.site.pk,
        "entries": [
            {
                "placement": placement.pk,
                "day": day.isoformat(),
                "status": "present",
                "hours": hours,
                "diary": "Maalattiin",
            }
        ],
    }


def test_bulk_upsert_is_idempotent(world):
    placement = place(world)
    api = api_for(world.pekka)
    assert api.post("/api/v1/attendance/", body(world, placement), format="json").json() == {
        "saved": 1,
        "refused": [],
    }
    api.post("/api/v1/attendance/", body(world, placement), format="json")
    assert Attendance.objects.count() == 1


def test_bad_hours_refused_in_the_api_and_nothing_saved(world):
    placement = place(world)
    response = api_for(world.pekka).post(
        "/api/v1/attendance/", body(world, placement, hours="13"), format="json"
    )
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_supervisor_of_another_site_gets_404(world):
    placement = place(world)
    response = api_for(world.otto).post(
        "/api/v1/attendance/", body(world, placement), format="json"
    )
    assert response.status_code == 404


def test_days_endpoint_counts(world):
    placement = place(world)
    api = api_for(world.pekka)
    api.post("/api/v1/attendance/", body(world, placement), format="json")
    api.post("/api/v1/attendance/", body(world, placement, day=WEDNESDAY), format="json")
    days = api.get(f"/api/v1/placements/{placement.pk}/days/").json()
    assert days["days_in_12_months"] == 2
    assert days["limit"] == 178


def test_same_client_and_day_twice_in_one_submit_is_refused_naming_them(world):
    placement = place(world)
    data = body(world, placement)
    data["entries"].append({**data["entries"][0], "hours": "5"})
    response = api_for(world.pekka).post("/api/v1/attendance/", data, format="json")
    assert response.status_code == 400
    message = response.json()["detail"]
    assert placement.client_name in message and MONDAY.strftime("%-d.%-m.%Y") in message
    assert not Attendance.objects.exists()


def test_a_refused_week_logs_the_clients_it_names(world):
    from clients.models import AccessLog

    placement = place(world)
    api_for(world.pekka).post(
        "/api/v1/attendance/", body(world, placement, hours="13"), format="json"
    )
    assert list(AccessLog.objects.values_list("client_id", flat=True)) == [placement.case.client_id]
