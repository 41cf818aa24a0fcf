"""Follow-up and closure workflows: each validates, runs in one transaction; the gate
that found the case has written the access log."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from clients.lifecycle import case_advance, case_close
from clients.models import Case, Phase
from clients.services import attachment_add, require_open_case, save_validated
from core import hooks
from core.pdf import render_pdf
from decisions.models import Decision, DecisionKind, DecisionStatus
from placements.models import Placement

from .models import (
    CapacityAssessment,
    CapacityDomain,
    CapacityScore,
    Closure,
    Evaluation,
    EvaluationForm,
    EvaluationScore,
    Review,
)


def _placement_of(case: Case, placement: Placement | None) -> None:
    if placement is not None and placement.case_id != case.pk:
        raise ValidationError({"placement": _("Työtoimintajakso ei kuulu tähän asiakkuuteen.")})


@hooks.changes(hooks.CASE)
def evaluation_record(
    *,
    user: User,
    case: Case,
    placement: Placement,
    kind: str,
    evaluated_on: datetime.date,
    author_role: str,
    summary: str = "",
    scores: dict[int, tuple[int, str]],
) -> Evaluation:
    """An evaluation on the region's form in use; every item of the form is scored 1–5."""
    require_open_case(case)
    _placement_of(case, placement)
    form = EvaluationForm.objects.filter(active=True).prefetch_related("items").first()
    if form is None:
        raise ValidationError(_("Alueella ei ole käytössä olevaa arviointilomaketta."))
    items = list(form.items.all())
    missing = [str(item) for item in items if item.pk not in scores]
    if missing:
        raise ValidationError(
            _("Arvioi jokainen kohta asteikolla 1–5: %(items)s.") % {"items": ", ".join(missing)}
        )
    bad = [str(item) for item in items if not 1 <= scores[item.pk][0] <= 5]
    if bad:
        raise ValidationError(_("Arvio on 1–5: %(items)s.") % {"items": ", ".join(bad)})
    evaluation = Evaluation(
        case=case,
        placement=placement,
        form=form,
        kind=kind,
        evaluated_on=evaluated_on,
        author_role=author_role,
        summary=summary,
        recorded_by=user,
    )
    save_validated(evaluation)
    EvaluationScore.objects.bulk_create(
        EvaluationScore(
            evaluation=evaluation, item=item, score=scores[item.pk][0], comment=scores[item.pk][1]
        )
        for item in items
    )
    case_advance(case=case, to=Phase.FOLLOW_UP, by=user, reason=_("Ensimmäinen arviointi"))
    return evaluation


@hooks.changes(hooks.CASE)
def capacity_assessment_record(
    *,
    user: User,
    case: Case,
    assessed_on: datetime.date,
    phase: str,
    scores: dict[int, int],
    placement: Placement | None = None,
    helped_by: str = "",
    sheet=None,
) -> CapacityAssessment:
    """The client's own scores 0–10 for each domain in use (10 = best)."""
    require_open_case(case)
    _placement_of(case, placement)
    domains = list(CapacityDomain.objects.filter(active=True))
    missing = [str(d) for d in domains if d.pk not in scores]
    if missing:
        raise ValidationError(
            _("Anna pisteet 0–10 jokaiselle osa-alueelle: %(items)s.")
            % {"items": ", ".join(missing)}
        )
    bad = [str(d) for d in domains if not 0 <= scores[d.pk] <= 10]
    if bad:
        raise ValidationError(_("Pisteet ovat 0–10: %(items)s.") % {"items": ", ".join(bad)})
    assessment = CapacityAssessment(
        case=case,
        placement=placement,
        assessed_on=assessed_on,
        phase=phase,
        helped_by=helped_by,
        recorded_by=user,
    )
    save_validated(assessment)
    if sheet is not None:
        title = _("Kykyviisari %(day)s") % {"day": assessed_on.strftime("%-d.%-m.%Y")}
        assessment.sheet = attachment_add.nested(user=user, case=case, title=title, upload=sheet)
        assessment.save(update_fields=["sheet"])
    CapacityScore.objects.bulk_create(
        CapacityScore(assessment=assessment, domain=d, score=scores[d.pk]) for d in domains
    )
    return assessment


@hooks.changes(hooks.REVIEW)  # the plan's dates were reviewed
def review_record(*, user: User, case: Case, **fields) -> Review:
    require_open_case(case)
    review = Review(case=case, recorded_by=user, **fields)
    save_validated(review)
    return review


def service_in_force_on(case: Case, day: datetime.date) -> Decision | None:
    """A granting decision whose service runs past `day`: its period goes beyond the day
    and no made ending decision ends it on or before the day."""
    ended_by_then = Decision.objects.filter(
        kind=DecisionKind.ENDING,
        status__in=[DecisionStatus.MADE, DecisionStatus.NOTIFIED],
        end_on__lte=day,
    ).values("ends_id")
    return (
        Decision.objects.filter(case=case)
        .live_positive()
        .filter(end_on__gt=day)
        .exclude(pk__in=ended_by_then)
        .first()
    )


def _last_service_day(decision: Decision) -> datetime.date:
    """The decided period's last day, or an ending decision's last day when one is made."""
    ending = (
        decision.ended_by.filter(status__in=[DecisionStatus.MADE, DecisionStatus.NOTIFIED])
        .order_by("end_on")
        .first()
    )
    return ending.end_on if ending else decision.end_on


@transaction.atomic(durable=True)  # case_close publishes the closing
def case_close_with_closure(*, user: User, case: Case, **fields) -> Closure:
    """Palvelun päättäminen: refused while a decision or placement is in force (end it
    first with an ending decision); the case closes with its next path."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    require_open_case(case)
    closed_on = fields.get("closed_on") or timezone.localdate()
    running = service_in_force_on(case, closed_on)
    if running is not None:
        raise ValidationError(
            {
                "closed_on": _(
                    "Asiakkuuden voi päättää aikaisintaan %(day)s: päätöksen %(number)s "
                    "mukainen palvelu jatkuu siihen asti. Valitse päättymispäiväksi %(day)s "
                    "tai myöhempi päivä, tai tee ensin päätös palvelun päättämisestä."
                )
                % {
                    "number": running.number or running.pk,
                    "day": _last_service_day(running).strftime("%-d.%-m.%Y"),
                }
            }
        )
    placement = Placement.objects.filter(case=case, end_on__gt=closed_on).first()
    if placement is not None:
        raise ValidationError(
            {
                "closed_on": _(
                    "Asiakkuuden voi päättää aikaisintaan %(day)s: työtoimintajakso %(site)s "
                    "jatkuu siihen asti."
                )
                % {"site": placement.site, "day": placement.end_on.strftime("%-d.%-m.%Y")}
            }
        )
    closure = Closure(case=case, recorded_by=user, **fields)
    save_validated(closure)
    # what was decided has ended with the service: supervisors no longer see it
    Decision.objects.filter(case=case).live_positive().filter(
        Q(end_on__lte=closed_on) | Q(ended_by__end_on__lte=closed_on)
    ).update(status=DecisionStatus.ENDED)
    case_close(user=user, case=case, closed_on=closed_on, reason=closure.get_reason_display())
    store_closure_pdf(closure)
    return closure


def store_closure_pdf(closure: Closure) -> None:
    content = ContentFile(closure_pdf(closure))
    closure.pdf.save(f"paattaminen-{closure.case_id}.pdf", content, save=True)


def closure_pdf(closure: Closure) -> bytes:
    """The closure summary for the client and the case file, in the client's language."""
    case = closure.case
    language = "sv" if case.client.language == "sv" else "fi"
    with translation.override(language):
        return render_pdf(
            "followup/closure_pdf.html",
            {
                "closure": closure,
                "case": case,
                "client": case.client,
                "language": language,
                "evaluations": list(case.evaluations.select_related("placement__site")),
                "assessments": list(case.capacity_assessments.prefetch_related("scores__domain")),
            },
        )
