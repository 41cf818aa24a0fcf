from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clients.access import case_for, default_action
from clients.listing import logged_page
from clients.models import AccessAction
from core.access import Right, meta_of
from core.pdf import pdf_response

from . import services
from .access import decision_gate, decisions
from .forms import DecisionForm, EndingForm, NotifyForm, coach_formset, initial_from_plan
from .models import Decision, DecisionStatus


def decision_for(
    request: HttpRequest, pk: int, decision_pk: int, what: str, action: str | None = None
):
    decision = decision_gate(
        request.user,
        decision_pk,
        Right.WORK,
        what=what,
        meta=meta_of(request),
        action=action or default_action(request.method),
        case_pk=pk,
    )
    return decision.case, decision


def _coaches(formset) -> list[dict]:
    return [c for c in formset.cleaned_data if c and c.get("name")]


def _decision_forms(request: HttpRequest, case, decision: Decision | None):
    """The draft's form and its job coaches' formset, bound to a POST; a new draft starts
    with the user as its contact person."""
    initial = (
        {}
        if decision
        else {"contact_person": request.user, "start_on": None, **initial_from_plan(case)}
    )
    form = DecisionForm(request.POST or None, instance=decision, case=case, initial=initial)
    coaches = coach_formset(
        request.POST or None,
        initial=[{"kind": c.kind, "name": c.name, "hours": c.hours} for c in decision.coaches.all()]
        if decision
        else None,
    )
    return form, coaches


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request: HttpRequest, pk: int, decision_pk: int | None = None) -> HttpResponse:
    if decision_pk:
        case, decision = decision_for(request, pk, decision_pk, "päätöksen valmistelu")
    else:
        case, decision = case_for(request, pk, Right.WORK, what="päätöksen valmistelu"), None
    form, coaches = _decision_forms(request, case, decision)
    if request.method == "POST" and form.is_valid() and coaches.is_valid():
        try:
            decision = services.decision_save_draft(
                user=request.user,
                case=case,
                decision=decision,
                coaches=_coaches(coaches),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Päätösluonnos tallennettu. Tarkista esikatselu."))
            return redirect("decisions:decision_detail", pk=case.pk, decision_pk=decision.pk)
    return render(
        request,
        "decisions/decision_form.html",
        {"case": case, "form": form, "coaches": coaches, "decision": decision},
    )


def _ending_form(request: HttpRequest, case, ending: Decision | None) -> EndingForm:
    initial = {
        "contact_person": request.user,
        "legal_basis": services.ENDING_LEGAL_BASIS,
        "end_on": timezone.localdate(),
    }
    return EndingForm(request.POST or None, case=case, instance=ending, initial=initial)


def _ending_page(request: HttpRequest, case, decision: Decision, ending: Decision | None):
    """Draft the decision that ends the service of `decision` before its period ends, or
    change that draft; its last day is checked against the period when it is saved."""
    form = _ending_form(request, case, ending)
    if request.method == "POST" and form.is_valid():
        try:
            ending = services.ending_save_draft(
                user=request.user, decision=decision, ending=ending, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Päättämispäätöksen luonnos tallennettu."))
            return redirect("decisions:decision_detail", pk=case.pk, decision_pk=ending.pk)
    return render(
        request,
        "clients/record_form.html",
        {"case": case, "form": form, "title": _("Päätös palvelun päättämisestä")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ending_create(request: HttpRequest, pk: int, decision_pk: int) -> HttpResponse:
    case, decision = decision_for(request, pk, decision_pk, "päätös palvelun päättämisestä")
    return _ending_page(request, case, decision, None)


@login_required
@require_http_methods(["GET", "POST"])
def ending_edit(request: HttpRequest, pk: int, decision_pk: int) -> HttpResponse:
    case, ending = decision_for(request, pk, decision_pk, "päätös palvelun päättämisestä")
    if not ending.is_ending() or ending.status != DecisionStatus.DRAFT:
        raise Http404
    return _ending_page(request, case, ending.ends, ending)


@login_required
@require_POST
def decision_check(request: HttpRequest, pk: int, decision_pk: int | None = None) -> HttpResponse:
    """htmx: the law's limits checked as the user types; nothing is saved."""
    case = case_for(request, pk, Right.WORK, what="päätöksen tarkistus", action=AccessAction.VIEW)
    form = DecisionForm(request.POST, case=case)
    form.is_valid()
    return render(request, "decisions/_law_check.html", {"form": form})


@login_required
@require_GET
def decision_detail(request: HttpRequest, pk: int, decision_pk: int) -> HttpResponse:
    case, decision = decision_for(request, pk, decision_pk, "päätös")
    return render(
        request,
        "decisions/decision_detail.html",
        {
            "case": case,
            "decision": decision,
            "coaches": decision.coaches.all(),
            "notify_form": NotifyForm(initial={"sent_on": timezone.localdate()}),
            "placement": getattr(decision, "placement", None),
        },
    )


def _act(request, pk, decision_pk, what, action, success):
    case, decision = decision_for(request, pk, decision_pk, what)
    try:
        result = action(decision)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("decisions:decision_detail", pk=case.pk, decision_pk=decision.pk)
    messages.success(request, success)
    target = result if isinstance(result, Decision) else decision
    return redirect("decisions:decision_detail", pk=case.pk, decision_pk=target.pk)


@login_required
@require_GET
def decision_confirm(request: HttpRequest, pk: int, decision_pk: int) -> HttpResponse:
    """Check before an irreversible act: the whole decision once more, then "Tee päätös"."""
    case, decision = decision_for(request, pk, decision_pk, "päätöksen tarkistus")
    if decision.status != DecisionStatus.DRAFT:
        return redirect("decisions:decision_detail", pk=case.pk, decision_pk=decision.pk)
    return render(
        request,
        "decisions/decision_confirm.html",
        {"case": case, "decision": decision, "coaches": decision.coaches.all()},
    )


@login_required
@require_POST
def decision_make(request: HttpRequest, pk: int, decision_pk: int) -> HttpResponse:
    if request.POST.get("vahvistettu") != "kylla":  # only from the summary's own button
        decision_for(request, pk, decision_pk, "päätöksen tekeminen")  # out of scope: 404
        messages.error(request, _("Tarkista päätös ja vahvista se tältä sivulta."))
        return redirect("decisions:decision_confirm", pk=pk, decision_pk=decision_pk)
    return _act(
        request,
        pk,
        decision_pk,
        "päätöksen tekeminen",
        lambda d: services.decision_make(user=request.user, decision=d),
        _("Päätös tehty."),
    )


@login_required
@require_POST
def decision_notify(request: HttpRequest, pk: int, decision_pk: int) -> HttpResponse:
    case, decision = decision_for(request, pk, decision_pk, "tiedoksianto")
    form = NotifyForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Valitse tiedoksiantotapa ja päivä."))
        services.decision_notify(user=request.user, decision=decision, **form.cleaned_data)
        messages.success(request, _("Tiedoksianto kirjattu."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("decisions:decision_detail", pk=case.pk, decision_pk=decision.pk)


@login_required
@require_POST
def decision_replace(request: HttpRequest, pk: int, decision_pk: int) -> HttpResponse:
    case, decision = decision_for(request, pk, decision_pk, "korvaava päätös")
    try:
        draft = services.decision_replace(user=request.user, decision=decision)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("decisions:decision_detail", pk=case.pk, decision_pk=decision.pk)
    messages.success(request, _("Korvaava päätösluonnos luotu."))
    return redirect("decisions:decision_edit", pk=case.pk, decision_pk=draft.pk)


@login_required
@require_GET
def decision_pdf(request: HttpRequest, pk: int, decision_pk: int) -> HttpResponse:
    _case, decision = decision_for(request, pk, decision_pk, "päätös PDF", AccessAction.PDF)
    return pdf_response(*services.decision_pdf_file(decision))


@login_required
@require_GET
def decision_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("tila", "")
    listed = decisions(request.user).select_related("case__client", "site")
    if status in DecisionStatus.values:
        listed = listed.filter(status=status)
    page = logged_page(request, listed, what="päätöslista", per_page=25)
    return render(
        request,
        "decisions/decision_list.html",
        {"page": page, "status": status, "statuses": DecisionStatus.choices},
    )
