"""Where the rule sets show: the Swedish decision's legal basis, the notice of a change
dated ahead (home page and case page), and /api/v1/rule-sets/."""

import datetime

import lxml.html
from django.utils import timezone

from decisions import services as decisions
from plans.models import ClientBenefit
from rulesets.engine import rules_on
from rulesets.models import RuleSet
from tests.decisions.conftest import decision_fields, ready_case  # noqa: F401
from tests.decisions.test_decision import stored_pdf
from tests.factories import api_for

TODAY = timezone.localdate()


def test_a_swedish_decision_carries_the_swedish_legal_basis(world, ready_case):  # noqa: F811
    ready_case.client.language = "sv"
    ready_case.client.save()
    draft = decisions.decision_save_draft(
        user=world.alice, case=ready_case, **decision_fields(world)
    )
    assert draft.legal_basis.startswith(
        "Lagen om arbetsverksamhet i rehabiliteringssyfte (189/2001)"
    )
    text = stored_pdf(decisions.decision_make(user=world.alice, decision=draft))
    assert (
        "Lagen om arbetsverksamhet i rehabiliteringssyfte (189/2001) 2, 3, 13 a och 13 b §" in text
    )
    assert "Laki kuntouttavasta työtoiminnasta" not in text


def test_a_finnish_decision_keeps_the_finnish_legal_basis(world, ready_case):  # noqa: F811
    draft = decisions.decision_save_draft(
        user=world.alice, case=ready_case, **decision_fields(world)
    )
    assert draft.legal_basis.startswith("Laki kuntouttavasta työtoiminnasta (189/2001)")


def future_change(world, days=30, **changes) -> RuleSet:
    rules = RuleSet.objects.get(pk=rules_on(world.region, TODAY).pk)  # a copy to change
    plan_types = list(rules.plan_types.all())
    rules.pk, rules._state.adding = None, True
    rules.region, rules.effective_from = world.region, TODAY + datetime.timedelta(days=days)
    rules.name = "Alueen uusi päiväraja"
    for name, value in changes.items():
        setattr(rules, name, value)
    rules.save()
    for plan_type in plan_types:
        plan_type.pk, plan_type.rule_set = None, rules
        plan_type.save()
    return rules


def tree(response):
    return lxml.html.fromstring(response.content.decode())


def text(element) -> str:
    return " ".join(element.text_content().split())


def notice_of(response) -> str | None:
    found = tree(response).xpath("//*[@data-rule-changes]")
    return text(found[0]) if found else None


def test_a_change_dated_ahead_is_shown_on_home_before_it_applies(client, world):
    future_change(world, day_limit=150)
    client.force_login(world.alice)
    notice = notice_of(client.get("/"))
    day = (TODAY + datetime.timedelta(days=30)).strftime("%-d.%-m.%Y")
    assert f"{day} alkaen: Alueen uusi päiväraja" in notice
    assert "Osallistumispäiviä 12 kuukaudessa enintään: 178 → 150" in notice


def test_the_notice_is_in_swedish_for_a_swedish_user(client, world):
    future_change(world, day_limit=150)
    client.force_login(world.alice)
    client.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    notice = notice_of(client.get("/", HTTP_ACCEPT_LANGUAGE="sv"))
    assert "Reglerna ändras" in notice
    assert "Högst deltagardagar under 12 månader: 178 → 150" in notice


def test_once_the_day_comes_the_notice_is_gone_and_the_rule_applies(client, world):
    changed = future_change(world, days=0, day_limit=150)
    client.force_login(world.alice)
    assert notice_of(client.get("/")) is None
    assert rules_on(world.region, TODAY) == changed


def test_the_case_page_shows_the_change_and_the_benefits(client, world):
    future_change(world, days_week_max=3)
    client.force_login(world.alice)
    response = client.get(f"/asiakkuudet/{world.case.pk}/")
    assert "Päiviä viikossa: 1–4 → 1–3" in notice_of(response)
    assert tree(response).xpath("//*[@data-benefits]")


def test_another_regions_change_is_not_shown(client, world):
    other = world.region.__class__.objects.create(name="Pohjanmaa", kind="region")
    rules = future_change(world, day_limit=150)
    rules.region = other
    rules.save()
    client.force_login(world.alice)
    assert notice_of(client.get("/")) is None


def test_rule_sets_api_lists_effective_dates_and_plan_types(world):
    future_change(world, day_limit=150)
    body = api_for(world.pekka).get("/api/v1/rule-sets/").json()
    rows = body["results"] if isinstance(body, dict) else body
    dates = [row["effective_from"] for row in rows]
    assert dates[:4] == [
        str(TODAY + datetime.timedelta(days=30)),
        "2025-01-01",
        "2023-01-01",
        "2001-09-01",
    ]
    reform = next(row for row in rows if row["effective_from"] == "2025-01-01")
    assert {p["statute"] for p in reform["plan_types"]} == {"189/2001 2 § 1 (399/2023)", "381/2023"}
    assert reform["legal_basis_sv"].startswith("Lagen om arbetsverksamhet")


def test_a_positive_decision_records_the_benefits_it_grants(world, ready_case):  # noqa: F811
    draft = decisions.decision_save_draft(
        user=world.alice, case=ready_case, **decision_fields(world)
    )
    made = decisions.decision_make(user=world.alice, decision=draft)
    granted = {b.kind: b for b in ClientBenefit.objects.filter(granted_by=made)}
    assert set(granted) == {"expense_compensation", "travel_costs"}
    assert (granted["expense_compensation"].start_on, granted["expense_compensation"].end_on) == (
        made.start_on,
        made.end_on,
    )
    assert made.allowance_amount == rules_on(world.region, made.start_on).expense_compensation_eur
