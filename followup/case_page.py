"""What follow-up adds to the case page and to the supervisor's placement page."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from clients.case_page import CaseRecords, NextAction, WorkLink, case_page_provider
from clients.models import Case, Phase
from placements.models import Placement
from placements.placement_page import placement_page_provider
from plans.models import PlanState

from .charts import capacity_charts
from .models import CapacityDomain


def _chart(assessments) -> dict:
    return capacity_charts(assessments, list(CapacityDomain.objects.filter(active=True)))


@case_page_provider
def followup_context(
    request: HttpRequest, case: Case, works_on: bool, records: CaseRecords
) -> dict:
    if not works_on:
        return {}
    evaluations = records["evaluation"]
    assessments = records["capacity_assessment"]
    reviews = records["review"]
    closure = next(iter(records["closure"]), None)
    # the goal's line names the newest plan that was signed (records: newest first)
    signed = (PlanState.SIGNED, PlanState.IN_FORCE, PlanState.ENDED)
    goal_plan = next((p for p in records["activation_plan"] if p.state in signed), None)
    links, actions = [], []
    if case.is_open():
        links = [
            WorkLink(
                reverse("followup:evaluation_create", args=[case.pk]),
                _("Kirjaa arviointi"),
                len(evaluations),
            ),
            WorkLink(
                reverse("followup:capacity_create", args=[case.pk]),
                _("Kirjaa toimintakyvyn itsearvio"),
                len(assessments),
            ),
            WorkLink(
                reverse("followup:review_create", args=[case.pk]),
                _("Kirjaa suunnitelman tarkistus tai palautekeskustelu"),
                len(reviews),
            ),
            WorkLink(reverse("followup:closure_create", args=[case.pk]), _("Päätä asiakkuus")),
        ]
        actions = [
            NextAction(Phase.IN_SERVICE, links[0].url, _("Kirjaa arviointi")),
            NextAction(Phase.FOLLOW_UP, links[3].url, _("Päätä asiakkuus")),
        ][1 if evaluations else 0 :]
    return {
        "evaluations": evaluations,
        "capacity_chart": _chart(assessments),
        "reviews": reviews,
        "closure": closure,
        "goal_plan": goal_plan,
        "client_goals": next(iter(records["client_plan"]), None),
        "sections": ["followup/_case_section.html"],
        "work_links": links,
        "next_actions": actions,
    }


@placement_page_provider
def followup_placement_context(
    request: HttpRequest, placement: Placement, supervises: bool
) -> dict:
    evaluations = list(placement.evaluations.all())
    assessments = list(placement.capacity_assessments.prefetch_related("scores"))
    return {
        "placement_evaluations": evaluations,
        "capacity_chart": _chart(assessments),
        "supervises": supervises,
        "sections": ["followup/_placement_section.html"],
    }
