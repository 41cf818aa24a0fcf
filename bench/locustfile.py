"""The simulated users of the load test (bench/load.py runs this with locust, headless).

Four kinds of user in realistic proportions, each logging in once with its own account
and then browsing its own pages with 1–5 s of think time between clicks:

- social workers (5 of 10): home, case list (all and overdue), a case page, the
  decision list, a directory search;
- supervisors (3 of 10): home, the site's attendance week, saving the week (today's
  unrecorded days marked present), a placement page, a directory search;
- TE officers (1 of 10): home, the plans to sign, a plan page, a directory search;
- coordinators (1 of 10): home, a directory search, the reports page where it exists.

Configuration comes from the environment that bench/load.py sets:
KUTY_LOAD_ACCOUNTS (JSON: role → usernames), KUTY_LOAD_PASSWORD, KUTY_LOAD_OUT (where
every request's time is written at the end) and KUTY_LOAD_REPORTS_URL.

The measured window starts when every user has logged in and lasts KUTY_LOAD_DURATION
seconds; then the runner stops. The logins (a deliberately slow password hash, 50 of
them in the first seconds, which real users spread over a morning) and the pages asked
during that ramp are recorded but reported apart, as are the one-off setup probes."""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time

import gevent
from locust import HttpUser, between, events, task
from locust.exception import StopUser

from bench.load_pages import ids, week_save_fields

ACCOUNTS: dict[str, list[str]] = json.loads(os.environ.get("KUTY_LOAD_ACCOUNTS", "{}"))
PASSWORD = os.environ.get("KUTY_LOAD_PASSWORD", "kuty-demo-2026")
REPORTS_URL = os.environ.get("KUTY_LOAD_REPORTS_URL", "/raportit/")
SEARCHES = ["puutyö", "Seinäjoki", "snickeri", "kierrätys", "keittiö", "puu", "Lapua", "ompelu"]

USERS = int(os.environ.get("KUTY_LOAD_USERS", "50"))
# As long as gunicorn lets a request run: a slower answer is an error, not a lost sample.
TIMEOUT = 30
DURATION = float(os.environ.get("KUTY_LOAD_DURATION", "60"))

_next_account = {role: itertools.cycle(names) for role, names in ACCOUNTS.items() if names}
# name, start (s), time (ms), failed, inside the measured window
_timings: list[tuple[str, float, float, bool, bool]] = []
_state = {"logged_in": 0, "measure_from": None, "environment": None}


@events.init.add_listener
def _init(environment, **_kwargs) -> None:
    _state["environment"] = environment


@events.request.add_listener
def _record(name, response_time, exception=None, start_time=None, **_kwargs) -> None:
    start = start_time or time.time()
    measured = _state["measure_from"] is not None and start >= _state["measure_from"]
    _timings.append((name, start, response_time, exception is not None, measured))


def _logged_in() -> None:
    """Every user has tried to log in: the measured window opens, and closes by itself."""
    _state["logged_in"] += 1
    if _state["logged_in"] >= USERS and _state["measure_from"] is None:
        _state["measure_from"] = time.time()
        gevent.spawn_later(DURATION, _state["environment"].runner.quit)


@events.quitting.add_listener
def _write(**_kwargs) -> None:
    out = os.environ.get("KUTY_LOAD_OUT")
    if out:
        with open(out, "w") as handle:
            json.dump(_timings, handle)


def answer(response) -> str:
    return str(response.status_code) if response.status_code else f"no answer in {TIMEOUT} s"


class KutyUser(HttpUser):
    abstract = True
    role = ""
    wait_time = between(1, 5)

    def on_start(self) -> None:
        accounts = _next_account.get(self.role)
        if accounts is None:
            raise StopUser()
        self.username = next(accounts)
        page = self.client.get("/kirjaudu/", name="login", timeout=TIMEOUT)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        with self.client.post(
            "/kirjaudu/",
            {
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "next": "/",
            },
            headers={"Referer": f"{self.host}/kirjaudu/"},
            name="login",
            allow_redirects=False,
            timeout=TIMEOUT,
            catch_response=True,
        ) as response:
            refused = response.status_code != 302
            if refused:
                response.failure(f"login of {self.username}: {answer(response)}")
        _logged_in()
        if refused:
            raise StopUser()
        self.setup()

    def setup(self) -> None:
        pass

    def page(self, url: str, name: str) -> str:
        with self.client.get(url, name=name, catch_response=True, timeout=TIMEOUT) as response:
            if response.status_code != 200:
                response.failure(f"{name}: {answer(response)}")
            elif "/kirjaudu/" in response.url:
                response.failure(f"{name}: sent to the login page")
            return response.text

    @task(1)
    def directory_search(self) -> None:
        self.page(f"/palveluhakemisto/?q={random.choice(SEARCHES)}", "directory search")

    @task(2)
    def home(self) -> None:
        self.page("/", "home")


class SocialWorker(KutyUser):
    role = "social_worker"
    weight = 5

    def setup(self) -> None:
        self.cases = ids(r'href="/asiakkuudet/(\d+)/"', self.page("/asiakkuudet/", "case list"))

    @task(3)
    def case_list(self) -> None:
        html = self.page("/asiakkuudet/", "case list")
        self.cases = ids(r'href="/asiakkuudet/(\d+)/"', html) or self.cases

    @task(1)
    def case_list_overdue(self) -> None:
        self.page("/asiakkuudet/?overdue=on", "case list, overdue")

    @task(4)
    def case_page(self) -> None:
        if self.cases:
            self.page(f"/asiakkuudet/{random.choice(self.cases)}/", "case page")

    @task(1)
    def decision_list(self) -> None:
        self.page("/paatokset/", "decision list")


class Supervisor(KutyUser):
    role = "supervisor"
    weight = 3

    def setup(self) -> None:
        home = self.page("/", "home")
        self.sites = ids(r"/tyotoiminta/yksikko/(\d+)/viikko/", home)
        self.placements = ids(r'href="/tyotoiminta/(\d+)/"', home)

    @task(4)
    def week(self) -> None:
        if self.sites:
            self.page(f"/tyotoiminta/yksikko/{random.choice(self.sites)}/viikko/", "week page")

    @task(2)
    def week_save(self) -> None:
        """Today's unrecorded scheduled days marked present, the rest submitted as is."""
        if not self.sites:
            return
        url = f"/tyotoiminta/yksikko/{random.choice(self.sites)}/viikko/"
        fields = week_save_fields(self.page(url, "week page"), time.strftime("%Y%m%d"))
        if not fields:
            return
        with self.client.post(
            url,
            fields,
            headers={"Referer": f"{self.host}{url}"},
            name="week save",
            allow_redirects=False,
            timeout=TIMEOUT,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                refused = re.search(r'role="alert">(.*?)</div>', response.text, re.S)
                reason = re.sub(r"<[^>]+>", " ", refused.group(1)) if refused else ""
                response.failure(f"week save: {answer(response)} {' '.join(reason.split())}")

    @task(2)
    def placement_page(self) -> None:
        if self.placements:
            self.page(f"/tyotoiminta/{random.choice(self.placements)}/", "placement page")


class TeOfficer(KutyUser):
    role = "te_officer"
    weight = 1

    def setup(self) -> None:
        self.plans: list[str] = []
        self.plans_to_sign()

    @task(4)
    def plans_to_sign(self) -> None:
        html = self.page("/suunnitelmat/allekirjoitettavat/", "plans to sign")
        found = sorted(set(re.findall(r'href="(/asiakkuudet/\d+/suunnitelmat/\d+/)"', html)))
        self.plans = found or self.plans

    @task(2)
    def plan_page(self) -> None:
        if self.plans:
            self.page(random.choice(self.plans), "plan page")


class Coordinator(KutyUser):
    role = "coordinator"
    weight = 1

    def setup(self) -> None:
        with self.client.get(REPORTS_URL, name="setup: reports probe", catch_response=True) as r:
            self.reports = r.status_code == 200
            r.success()  # absent until the reports land: browsed only when present

    @task(3)
    def directory_search_more(self) -> None:
        self.directory_search()

    @task(3)
    def reports(self) -> None:
        if self.reports:
            self.page(REPORTS_URL, "reports")
