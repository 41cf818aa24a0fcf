"""axe on every page of every role (issue 16, item 2), generated from the URL configuration.

Every URL pattern outside the API, the admin and static files needs an entry in CASES:
a page (loaded in headless Chromium for each role at 1280 px and at 360 px: no serious or
critical axe violation, nothing wider than the viewport), a download (its content type is
checked instead), a POST-only endpoint (a GET must be refused) or a plain-data endpoint.
A new URL without an entry fails `test_every_url_has_a_case` with its name. Each pattern's
kwargs are filled from the demo data (seed_demo) by kwarg name, with a few overrides where
a page needs an object in a particular state. A page a role may not see answers 404: that
404 page is checked too (once per role). Forms after a failed submit are checked at the end,
at least one per app.

One browser, one context per role, one page reused; a page already checked for a role (the
same final address, e.g. every 404 or the login page the anonymous user is sent to) is not
checked again. The run's length is printed (`-s`).
"""

import datetime
import time
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.demo import DEMO_PASSWORD
from clients.models import Attachment, Case
from decisions.models import Decision, DecisionStatus
from followup.models import Closure, Evaluation
from national.models import CalendarFeed
from placements.models import Placement
from plans.models import ActivationPlan
from workability.models import IntegrationFlag, SupportPath

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ROLES = [
    "sosiaalityo",
    "te",
    "ohjaaja",
    "koordinaattori",
    "johtaja",
    "paakayttaja",
    "tietosuoja",
    "tyokyky",
    None,  # anonymous
    "asiakas",  # a client (oma), signed in strongly: Peltoniemi of the demo
]
CLIENT_ROLE = "asiakas"
WIDTHS = [1280, 360]
# Not pages of kuty's own: the REST API (tests/kuty, schemathesis), the Django admin.
SKIPPED_PREFIXES = ("api/", "hallinta/")


@dataclass
class Entry:
    kind: str  # "page", "download", "post", "data"
    objects: dict = field(default_factory=dict)  # kwarg name -> demo object key
    query: str = ""
    content_type: str = ""  # a download's or a data endpoint's


def page(query: str = "", **objects) -> Entry:
    return Entry("page", objects, query)


def download(content_type: str, query: str = "", **objects) -> Entry:
    return Entry("download", objects, query, content_type)


POST = Entry("post")
PERIOD = "?start=2026-01-01&end=2026-01-14"
PDF, CSV = "application/pdf", "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# kwarg name -> demo object key (see `demo_objects`)
KWARGS = {
    "pk": "case",
    "plan_pk": "plan",
    "decision_pk": "decision",
    "placement_pk": "placement",
    "site_pk": "site",
    "evaluation_pk": "evaluation",
    "closure_pk": "closure",
    "attachment_pk": "attachment",
    "uidb64": "uidb64",
    "token": "token",
    # only in POST-only endpoints' addresses, where a GET is refused before any lookup
    "consent_pk": "any",
    "grant_pk": "any",
    "user_pk": "any",
    "reminder_pk": "any",
    "client_pk": "client",
    "part": "part",
    "notice_pk": "any",
}
CASES: dict[str, Entry] = {
    "home": page(),
    "healthz": Entry("data", content_type="application/json"),
    "favicon": Entry("data", content_type="image/svg+xml"),
    "accessibility": page(),
    "login": page(),
    "logout": POST,
    "password_change": page(),
    "national:my_page": page(),
    "national:calendar_address_new": POST,
    "national:calendar_address_revoke": POST,
    # the social worker's live secret address: the address is the key, for every role
    "national:calendar_feed": Entry(
        "data", {"token": "calendar_token"}, content_type="text/calendar"
    ),
    "national:site_ptv": page(),
    "national:site_ptv_export": download("application/json"),
    "password_change_done": page(),
    "password_reset": page(),
    "password_reset_done": page(),
    "password_reset_confirm": page(),  # a link that is not valid: its page says so
    "password_reset_complete": page(),
    "set_language": POST,
    "clients:case_list": page(),
    "clients:case_search": POST,
    "clients:case_open": page(),
    "clients:case_detail": page(),
    "clients:case_opened_on": page(),
    "clients:consent_create": page(),
    "clients:consent_withdraw": POST,
    "clients:grants": page(),
    "clients:case_next_period": POST,
    "clients:grant_renew": POST,
    "clients:grant_revoke": POST,
    "clients:log_report": page(),
    "clients:log_report_pdf": download(PDF, PERIOD),
    "clients:export_json": download("application/json"),
    "clients:export_pdf": download(PDF),
    "clients:attachment_add": page(),
    "clients:attachment_download": download("image/png"),
    "clients:referral_create": page(),
    "clients:meeting_create": page(),
    "clients:change_worker": POST,
    "clients:misuse_check": page(),
    "plans:assessment_create": page(),
    "plans:client_plan_create": page(),
    "plans:benefit_create": page(),
    "plans:employment_plan_create": page(),
    "plans:case_phase": POST,
    "plans:plan_create": page(),
    "plans:plan_detail": page(pk="case_planning"),
    "plans:plan_edit": page(pk="case_planning"),
    "plans:plan_sign": POST,
    "plans:plan_renew": POST,
    "plans:plan_interrupt": POST,
    "plans:plans_to_sign": page(),
    "decisions:decision_list": page(),
    "decisions:decision_create": page(pk="case_assessment"),
    "decisions:decision_check_new": POST,  # the htmx live check: see test_forms_…
    "decisions:decision_detail": page(),
    "decisions:decision_edit": page(pk="case_planning", decision_pk="decision_draft"),
    "decisions:decision_check": POST,
    "decisions:decision_make": POST,
    "decisions:decision_confirm": page(pk="case_planning", decision_pk="decision_draft"),
    "decisions:ending_edit": page(decision_pk="ending_draft"),
    "decisions:decision_notify": POST,
    "decisions:decision_replace": POST,
    "decisions:decision_pdf": download(PDF),
    "decisions:ending_create": page(),  # Peltoniemi's decision in force
    "placements:directory": page(),
    "placements:site_detail": page(),
    "placements:site_entry_edit": page(),
    "placements:site_closure_add": POST,
    "placements:site_closure_remove": POST,
    "placements:site_right_grant": POST,
    "placements:site_right_revoke": POST,
    "placements:attendance_week": page(),
    "placements:notice_send": page(pk="case_decision", decision_pk="decision_made"),
    "placements:closure_add": POST,
    "placements:placement_update": POST,
    "placements:tt3_list": page(),
    "placements:notices": page(),
    "placements:notices_pdf": download(PDF),
    "placements:notices_mark_sent": POST,
    "placements:notice_undo": POST,
    "placements:monthly": page(),
    "placements:tt3_pdf": download(PDF, PERIOD),
    "placements:tt3_csv": download(CSV, PERIOD),
    "placements:tt3_mark_sent": POST,
    "placements:placement_detail": page(),
    "placements:notice_pdf": download(PDF),
    "followup:evaluation_create": page(),
    "followup:placement_evaluation_create": page(),
    "followup:evaluation_detail": page(),
    "followup:capacity_create": page(),
    "followup:placement_capacity_create": page(),
    "followup:review_create": page(),
    "followup:closure_create": page(),
    "followup:closure_pdf": download(PDF),
    "followup:reminder_done": POST,
    "followup:reminder_dismiss": POST,
    "reports:regional": page(),
    "reports:regional_csv": download(CSV),
    "reports:regional_xlsx": download(XLSX),
    "reports:regional_pdf": download(PDF),
    "oma:home": page(),
    "oma:signin": page(),
    "oma:signin_start": POST,  # to the identification service
    "oma:signin_callback": POST,  # without a code: back to the sign-in page
    "oma:signout": POST,
    "oma:signed_out": page(),
    "oma:plan_detail": page(pk="oma_plan"),
    "oma:plan_sign": POST,
    "oma:consent_list": page(),
    "oma:consent_withdraw": POST,
    "oma:processing_log": page(),
    "oma:processing_log_pdf": download(PDF),
    "oma:days": page(),
    "oma:self_assessment": page(pk="case"),
    "oma:decision_list": page(),
    "oma:decision_pdf": download(PDF, pk="decision"),
    "workability:path_list": page(),
    "workability:path_open": page(),
    "workability:flag_evaluate": POST,
    "workability:path_detail": page(pk="support_path"),
    "workability:part_add": page(pk="support_path"),
    "workability:handover_propose": page(pk="support_path"),
    "workability:path_end": page(pk="support_path"),
    "workability:meeting_add": page(pk="support_path"),
    "workability:action_done": POST,
    "workability:handover_accept": POST,
    "workability:flag_list": page(),
    "workability:flag_detail": page(pk="integration_flag"),
}


def url_patterns(patterns=None, prefix: str = "", namespace: str = ""):
    """(name, route, pattern) of every URL pattern, recursively."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from url_patterns(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or route
            yield (f"{namespace}:{name}" if namespace else name), route, pattern


def kuty_patterns():
    return [(n, r, p) for n, r, p in url_patterns() if not r.startswith(SKIPPED_PREFIXES)]


def test_every_url_has_a_case():
    missing = [
        f"add a case for URL {name} ({route})"
        for name, route, _ in kuty_patterns()
        if name not in CASES
    ]
    assert missing == []
    stale = set(CASES) - {name for name, _, _ in kuty_patterns()}
    assert stale == set(), "these cases name no URL any more"


def demo_objects() -> dict[str, object]:
    peltoniemi = Case.objects.get(client__last_name="Peltoniemi")
    hautala = Case.objects.get(client__last_name="Hautala")
    sjoberg = Case.objects.get(client__last_name="Sjöberg")
    placement = Placement.objects.filter(case=peltoniemi).first()
    attachment = peltoniemi.attachments.first() or Attachment.objects.create(
        case=peltoniemi,
        title="Tulos",
        file=ContentFile(PNG, name="tulos.png"),
        content_type="image/png",
        size=len(PNG),
        uploaded_by=peltoniemi.responsible_worker,
    )
    in_force = Decision.objects.get(case=peltoniemi, status=DecisionStatus.IN_FORCE)
    drafted = in_force.ended_by.filter(status=DecisionStatus.DRAFT).first()
    ending = drafted or Decision.objects.create(
        case=peltoniemi,
        kind="ending",
        ends=in_force,
        outcome="negative",
        end_on=in_force.end_on - datetime.timedelta(days=1),
        authority=in_force.authority,
        reasons="Asiakas aloittaa opinnot.",
        contact_person=peltoniemi.responsible_worker,
        created_by=peltoniemi.responsible_worker,
    )
    return {
        "case": peltoniemi.pk,
        "ending_draft": ending.pk,
        "case_planning": hautala.pk,
        "case_assessment": Case.objects.get(client__last_name="Korpela").pk,
        "case_decision": sjoberg.pk,
        "plan": ActivationPlan.objects.filter(case=hautala).first().pk,
        "decision": Decision.objects.get(case=peltoniemi, status=DecisionStatus.IN_FORCE).pk,
        "decision_draft": Decision.objects.get(case=hautala, status=DecisionStatus.DRAFT).pk,
        "decision_made": Decision.objects.get(case=sjoberg, status=DecisionStatus.MADE).pk,
        "placement": placement.pk,
        "site": placement.site_id,
        "evaluation": Evaluation.objects.filter(case=peltoniemi).first().pk,
        "closure": Closure.objects.filter(case__client__last_name="Ojala").first().pk,
        "attachment": attachment.pk,
        "uidb64": "MQ",
        "token": "ei-kelpaa",
        "calendar_token": CalendarFeed.objects.get_or_create(user=peltoniemi.responsible_worker)[
            0
        ].token,
        "any": 1,
        "oma_plan": ActivationPlan.objects.filter(case=peltoniemi).first().pk,
        # Peltoniemi is on the work-ability path too (workability/demo.py)
        "client": peltoniemi.client_id,
        "support_path": SupportPath.objects.get(client=peltoniemi.client_id).pk,
        "integration_flag": IntegrationFlag.objects.get(client=peltoniemi.client_id).pk,
        "part": "tiedot",
    }


def address(name: str, route_pattern: URLPattern, entry: Entry, objects: dict) -> str:
    kwargs = {
        kwarg: objects[entry.objects.get(kwarg, KWARGS[kwarg])]
        for kwarg in route_pattern.pattern.regex.groupindex
    }
    from django.urls import reverse

    return reverse(name, kwargs=kwargs) + entry.query


# axe lets a description pointing at a missing element pass; a screen reader then reads no
# help text: every id named in aria-describedby / aria-labelledby / aria-controls exists
DANGLING_REFERENCES = """() => [...document.querySelectorAll(
    '[aria-describedby], [aria-labelledby], [aria-controls]')].flatMap(e =>
    ['aria-describedby', 'aria-labelledby', 'aria-controls'].flatMap(a =>
      (e.getAttribute(a) || '').split(/\\s+/).filter(id => id && !document.getElementById(id))
        .map(id => `${e.id || e.tagName}.${a}=${id}`)))"""


@dataclass
class Run:
    failures: list[str] = field(default_factory=list)
    reached: dict[str, set] = field(default_factory=dict)  # URL name -> roles answered 200
    axe_runs: int = 0
    pages: int = 0

    def check_page(self, page, who: str, label: str) -> None:
        """axe and the page's width at each viewport width, without reloading."""
        dangling = page.evaluate(DANGLING_REFERENCES)
        if dangling:
            self.failures.append(f"{who} {label}: points at no element: {dangling[:3]}")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            results = Axe().run(page)
            self.axe_runs += 1
            for violation in results.response["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    targets = [n["target"] for n in violation["nodes"]][:3]
                    self.failures.append(
                        f"{who} {label} @{width}px: {violation['id']} "
                        f"({violation['help']}) {targets}"
                    )
            wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if wide > 0:
                self.failures.append(f"{who} {label} @{width}px: {wide} px wider than the screen")


def client_session(context, live_server) -> None:
    """The demo client Peltoniemi signed in (the strong sign-in itself: tests/oma)."""
    from django.conf import settings
    from django.test import Client as Browser

    from oma.services import client_account_for

    person = Case.objects.get(client__last_name="Peltoniemi").client
    account = client_account_for(
        hetu=person.hetu, given_name=person.first_names, family_name=person.last_name
    )
    browser = Browser()
    browser.force_login(account.user)
    cookie = browser.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def log_in(context, live_server, username: str | None):
    page = context.new_page()
    if username == CLIENT_ROLE:
        client_session(context, live_server)
    elif username:
        page.goto(f"{live_server.url}/kirjaudu/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(DEMO_PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        assert "/kirjaudu/" not in page.url, f"{username} could not log in"
    return page


def walk_role(browser, live_server, username, objects, run: Run) -> None:
    who = username or "anonymous"
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fi-FI")
    try:
        page = log_in(context, live_server, username)
        checked: set[str] = set()
        for name, _route, pattern in sorted(kuty_patterns()):
            entry = CASES[name]
            if name == "logout":
                continue  # would end the session the walk uses; a POST, like set_language
            url = live_server.url + address(name, pattern, entry, objects)
            if entry.kind == "page":
                response = page.goto(url)
                status = response.status if response else 0
                if status not in (200, 404):
                    run.failures.append(f"{who} {name}: answered {status}")
                    continue
                if status == 200 and (username or "/kirjaudu/" not in page.url):
                    run.reached.setdefault(name, set()).add(who)
                key = "404" if status == 404 else page.url
                if key in checked:
                    continue
                checked.add(key)
                run.pages += 1
                run.check_page(page, who, f"{name} ({status})")
            elif entry.kind in ("download", "data"):
                response = context.request.get(url)
                content_type = response.headers.get("content-type", "")
                ends_at_login = username is None and "/kirjaudu/" in response.url
                if response.status == 200 and not ends_at_login:
                    run.reached.setdefault(name, set()).add(who)
                    if not content_type.startswith(entry.content_type):
                        run.failures.append(f"{who} {name}: {content_type}")
                elif response.status != 200 and response.status != 404:
                    run.failures.append(f"{who} {name}: answered {response.status}")
            else:  # POST-only: a GET is refused (or sent to log in)
                response = context.request.get(url, max_redirects=0)
                # a session of the other side (a client on staff URLs, staff on /oma/): 404
                other_side = username and (username == CLIENT_ROLE) != name.startswith("oma:")
                if response.status not in ((405, 302, 404) if other_side else (405, 302)):
                    run.failures.append(f"{who} {name}: GET answered {response.status}")
    finally:
        context.close()


# The forms after a failed submit, at least one per app: (who, URL name, the fields to
# empty or set before the form is sent past the browser's own checks).
FAILED_SUBMITS = [
    (None, "login", {"#id_username": "sosiaalityo", "#id_password": "väärä"}),
    ("sosiaalityo", "clients:case_open", {}),
    ("sosiaalityo", "plans:assessment_create", {}),
    ("sosiaalityo", "decisions:decision_create", {}),
    ("ohjaaja", "placements:site_entry_edit", {"#id_capacity": "-1"}),
    ("sosiaalityo", "followup:review_create", {}),
    ("tyokyky", "workability:path_end", {}),
]


# Other states of a page, by address: the directory's search results (the fragment htmx
# swaps in as the user types), a refused report filter (400, the form with its message),
# last week's attendance.
OTHER_STATES = [
    ("sosiaalityo", "placements:directory", "?q=puutyö", 200),
    ("koordinaattori", "reports:regional", "?start=2026-05-01&end=2026-01-01", 400),
    ("ohjaaja", "placements:attendance_week", "?viikko={last_monday}", 200),
]


def other_states(browser, live_server, objects, run: Run) -> None:
    today = datetime.date.today()
    last_monday = today - datetime.timedelta(days=today.weekday() + 7)
    patterns = {n: p for n, _, p in kuty_patterns()}
    for username, name, query, status in OTHER_STATES:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            page = log_in(context, live_server, username)
            path = address(name, patterns[name], CASES[name], objects)
            response = page.goto(live_server.url + path + query.format(last_monday=last_monday))
            if response.status != status:
                run.failures.append(f"{username} {name}{query}: answered {response.status}")
            run.check_page(page, username, f"{name}{query}")
        finally:
            context.close()


def failed_submit(browser, live_server, objects, run: Run) -> None:
    for username, name, values in FAILED_SUBMITS:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            page = log_in(context, live_server, username)
            pattern = {n: p for n, _, p in kuty_patterns()}[name]
            page.goto(live_server.url + address(name, pattern, CASES[name], objects))
            for selector, value in values.items():
                page.locator(selector).fill(value)
            with page.expect_navigation():
                page.evaluate(
                    """() => { const form = document.querySelector('main form[method=post]');
                    form.noValidate = true; form.submit(); }"""
                )
            shown = page.locator(".errorlist, .error-summary, .message-error").count()
            if not shown:
                run.failures.append(f"{username} {name}: the failed submit showed no error")
            run.check_page(page, username or "anonymous", f"{name} after a failed submit")
        finally:
            context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_of_every_role_passes_axe_at_1280_and_360_px(browser, live_server):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    objects = demo_objects()
    run = Run()
    started = time.monotonic()
    for username in ROLES:
        walk_role(browser, live_server, username, objects, run)
    failed_submit(browser, live_server, objects, run)
    other_states(browser, live_server, objects, run)
    seconds = time.monotonic() - started
    print(f"\naxe: {run.pages} pages, {run.axe_runs} axe runs in {seconds:.0f} s")
    # a page no role could open was never checked: its demo object is the wrong one
    pages = {name for name, entry in CASES.items() if entry.kind != "post"} - {"logout"}
    run.failures += [f"no role reached {name}" for name in sorted(pages - set(run.reached))]
    assert run.failures == [], "\n".join(run.failures)
