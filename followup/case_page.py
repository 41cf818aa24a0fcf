"""What follow-up adds to the case page and to the supervisor's placement page."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from clients.case_page import WorkLink, case_page_provider
from clients.models import Case
from placements.models import Placement
from placements.placement_page import placement_page_provider
from plans.models import ActivationPlan, PlanState

from .charts import capacity_charts
from .models import CapacityDomain


def _chart(assessments) -> dict:
    return capacity_charts(assessments, list(CapacityDomain.objects.filter(active=True)))


@case_page_provider
def followup_context(request: HttpRequest, case: Case, works_on: bool) -> dict:
    if not works_on:
        return {}
    evaluations = list(case.evaluations.select_related("placement__site"))
    assessments = list(case.capacity_assessments.prefetch_related("scores"))
    reviews = list(case.reviews.all())
    closure = getattr(case, "closure", None)
    goal_plan = (
        ActivationPlan.objects.filter(
            case=case, state__in=[PlanState.SIGNED, PlanState.IN_FORCE, PlanState.ENDED]
        )
        .select_related("plan_type")  # the goal's line names the plan
        .order_by("-version")
        .first()
    )
    links = []
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
    return {
        "evaluations": evaluations,
        "capacity_chart": _chart(assessments),
        "reviews": reviews,
        "closure": closure,
        "goal_plan": goal_plan,
        "client_goals": case.client_plans.order_by("-drawn_up_on").first(),
        "sections": ["followup/_case_section.html"],
        "work_links": links,
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
