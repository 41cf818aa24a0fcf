"""The load test's own parts (bench/load.py, bench/load_pages.py; issue 15, item 3): the
simulated supervisor submits the week form as a browser would and kuty accepts it,
the users find their pages' links, and the verdict counts every error."""

import argparse
import datetime

import pytest

from bench.load import parse_accounts, percentile, summarise, table
from bench.load_pages import FormFields, ids, week_save_fields
from placements.models import Attendance
from tests.placements.test_attendance import MONDAY, WEDNESDAY, place, url, week_post


def test_the_simulated_week_save_is_the_form_a_browser_submits(client, world):
    placement = place(world, weekdays=(1, 2, 3, 4))
    client.force_login(world.pekka)
    page = client.get(url(world)).content.decode()
    statuses = FormFields("viikko").fields(page)
    # the page suggests "present" for a scheduled day not yet recorded (its radio
    # button checked); the first such day stands for "today"
    days = sorted(k.split("-")[2] for k in statuses if k.endswith("-status"))
    day = days[0]
    posted = week_save_fields(page, day)
    assert posted[f"a-{placement.pk}-{day}-status"] == "present"
    assert client.post(url(world), posted).status_code == 302
    mark = Attendance.objects.get(day=datetime.datetime.strptime(day, "%Y%m%d").date())
    assert (mark.status, mark.hours) == ("present", 4)


def test_the_simulated_week_save_sends_the_recorded_days_as_they_are(client, world):
    placement = place(world, weekdays=(1, 3, 5))
    client.force_login(world.pekka)
    key = f"a-{placement.pk}-{MONDAY:%Y%m%d}"
    recorded = week_post([placement], **{f"{key}-status": "absent", f"{key}-reason": "other"})
    assert client.post(url(world), recorded).status_code == 302
    page = client.get(url(world)).content.decode()
    posted = week_save_fields(page, f"{MONDAY:%Y%m%d}")
    # the chosen radio button of each day, not the last one; the diary's text
    assert (posted[f"{key}-status"], posted[f"{key}-reason"]) == ("absent", "other")
    assert posted[f"a-{placement.pk}-{WEDNESDAY:%Y%m%d}-status"] == "present"
    assert posted[f"a-{placement.pk}-{WEDNESDAY:%Y%m%d}-diary"] == "Hiottiin tuoleja"
    assert client.post(url(world), posted).status_code == 302


def test_a_page_without_the_week_form_gives_nothing_to_save():
    assert week_save_fields('<form method="post"><input name="q"></form>', "20261202") is None


def test_the_social_worker_finds_the_cases_on_the_case_list(client, world):
    client.force_login(world.alice)
    html = client.get("/asiakkuudet/").content.decode()
    assert ids(r'href="/asiakkuudet/(\d+)/"', html) == [world.case.pk]


def test_accounts_are_given_per_role_and_an_unknown_role_is_refused():
    assert parse_accounts("social_worker=a, b;coordinator=c") == {
        "social_worker": ["a", "b"],
        "coordinator": ["c"],
    }
    with pytest.raises(SystemExit, match="unknown roles"):
        parse_accounts("admin=paakayttaja")


def test_percentiles_are_nearest_rank():
    values = list(range(1, 101))
    assert (percentile(values, 0.5), percentile(values, 0.95), percentile(values, 0.99)) == (
        50,
        95,
        99,
    )


ARGS = argparse.Namespace(users=2, duration=60)


def test_the_budget_is_for_the_measured_pages_and_logins_are_reported_apart():
    timings = [
        ["login", 0.0, 900.0, False, False],
        ["home", 1.0, 400.0, False, False],  # while users were logging in
        ["home", 2.0, 20.0, False, True],
        ["case page", 3.0, 40.0, False, True],
    ]
    summary = summarise(timings, 60)
    assert (summary["pages"], summary["ramp_pages"], summary["logins"]) == (2, 1, 1)
    assert summary["p95"] == 40
    assert table(summary, ARGS).splitlines()[-1].startswith("pass:")


def test_one_error_anywhere_fails_the_load_test_however_fast():
    timings = [["home", 1.0, 10.0, True, False], ["home", 2.0, 10.0, False, True]]
    summary = summarise(timings, 60)
    assert summary["errors"] == 1
    assert table(summary, ARGS).splitlines()[-1].startswith("FAIL:")


# --- issue 30: the workers' CPU a request, the ramp's section of LOAD.md ---------------


def test_the_cpu_of_the_window_is_read_between_its_nearest_samples():
    from bench.load import cpu_between

    samples = [(100.0, 30.0), (100.5, 31.0), (101.0, 32.5), (101.5, 34.0), (102.0, 34.1)]
    # the logins' hashes before the window (30 s of CPU) are not the requests'
    assert cpu_between(samples, 100.4, 101.6) == 3.0
    assert cpu_between([], 1.0, 2.0) == 0.0


def test_the_window_runs_from_its_first_request_to_its_last_answer():
    from bench.load import measured_window

    timings = [
        ("login", 5.0, 900.0, False, False),
        ("home", 10.0, 50.0, False, True),
        ("case page", 70.0, 1000.0, False, True),
    ]
    assert measured_window(timings, 99.0) == (10.0, 71.0, 61.0)
    assert measured_window([("login", 5.0, 900.0, False, False)], 99.0) == (0.0, 0.0, 99.0)


def test_a_single_run_and_the_ramp_keep_each_others_part_of_load_md(tmp_path, monkeypatch):
    from bench import load

    monkeypatch.setattr(load, "ROOT", tmp_path)
    (tmp_path / "bench").mkdir()
    load.write_load_md("single one\n", ramp=False)
    load.write_load_md("## Ramp\n\n| 1 | 7.5 |\n", ramp=True)
    text = (tmp_path / "bench" / "LOAD.md").read_text()
    assert "single one" in text and "| 1 | 7.5 |" in text
    load.write_load_md("single two\n", ramp=False)
    text = (tmp_path / "bench" / "LOAD.md").read_text()
    assert "single two" in text and "single one" not in text and "| 1 | 7.5 |" in text
    load.write_load_md("## Ramp\n\n| 10 | 30.0 |\n", ramp=True)
    text = (tmp_path / "bench" / "LOAD.md").read_text()
    assert "single two" in text and "| 10 | 30.0 |" in text and "| 1 | 7.5 |" not in text
