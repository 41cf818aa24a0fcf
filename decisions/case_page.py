from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from clients.case_page import TimelineEntry, case_page_provider
from clients.models import Case


@case_page_provider
def decisions_context(request: HttpRequest, case: Case, works_on: bool) -> dict:
    if not works_on:
        return {}
    decisions = list(case.decisions.select_related("site", "notification"))
    timeline = []
    for decision in decisions:
        url = reverse("decisions:decision_detail", args=[case.pk, decision.pk])
        if decision.decided_on:
            timeline.append(
                TimelineEntry(
                    decision.decided_on,
                    url=url,
                    title=_("Päätös %(number)s tehty: %(outcome)s")
                    % {"number": decision.pk, "outcome": decision.get_outcome_display()},
                )
            )
        notification = getattr(decision, "notification", None)
        if notification:
            timeline.append(
                TimelineEntry(
                    notification.sent_on,
                    url=url,
                    title=_("Päätös %(number)s annettu tiedoksi (%(method)s)")
                    % {"number": decision.pk, "method": notification.get_method_display()},
                )
            )
    return {
        "decisions": decisions,
        "timeline": timeline,
        "sections": ["decisions/_case_section.html"],
    }
