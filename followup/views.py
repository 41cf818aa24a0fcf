import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Role, User
from clients.access import case_for
from clients.models import AccessAction
from core.access import Right, meta_of
from core.pdf import pdf_response

from . import reminders, services, todo
from .access import closure_gate, evaluation_gate, placement_target, reminder_gate
from .forms import CapacityRecordForm, ClosureForm, EvaluationRecordForm, ReviewForm
from .models import CapacityAssessment, Closure, Evaluation, Review


def _target(request: HttpRequest, what: str, pk=None, placement_pk=None):
    action = AccessAction.VIEW if request.method == "GET" else AccessAction.CHANGE
    return placement_target(
        request.user,
        case_pk=pk,
        placement_pk=placement_pk or request.GET.get("jakso") or None,
        what=what,
        meta=meta_of(request),
        action=action,
    )


def _back(case, placement, supervisor: bool) -> str:
    if supervisor:
        return reverse("placements:placement_detail", args=[placement.pk])
    return reverse("clients:case_detail", args=[case.pk])


def _page(request, case, placement, supervisor, form, title):
    return render(
        request,
        "followup/record_form.html",
        {
            "case": case,
            "placement": placement,
            "form": form,
            "title": title,
            "back": _back(case, placement, supervisor),
            "multipart": isinstance(form, CapacityRecordForm),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_create(request: HttpRequest, pk=None, placement_pk=None) -> HttpResponse:
    """An evaluation on the region's form: the supervisor from the placement, the social
    worker from the case."""
    case, placement = _target(request, "arvioinnin kirjaus", pk, placement_pk)
    supervisor = pk is None
    form = EvaluationRecordForm(
        request.POST or None,
        instance=Evaluation(case=case, placement=placement),
        placements=case.placements.select_related("site"),
        supervisor=supervisor,
        initial={"placement": placement},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_record(
                user=request.user,
                case=case,
                placement=placement if supervisor else form.cleaned_data["placement"],
                scores=form.scores(),
                **form.record(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Arviointi tallennettu."))
            return redirect(_back(case, placement, supervisor))
    return _page(request, case, placement, supervisor, form, _("Arviointi"))


@login_required
@require_http_methods(["GET", "POST"])
def capacity_create(request: HttpRequest, pk=None, placement_pk=None) -> HttpResponse:
    """The client's own capacity self-assessment (Kykyviisari-compatible scores)."""
    case, placement = _target(request, "itsearvion kirjaus", pk, placement_pk)
    supervisor = pk is None
    form = CapacityRecordForm(
        request.POST or None,
        request.FILES or None,
        instance=CapacityAssessment(case=case, placement=placement),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.capacity_assessment_record(
                user=request.user,
                case=case,
                placement=placement,
                scores=form.scores(),
                sheet=form.cleaned_data.get("sheet"),
                **{n: form.cleaned_data[n] for n in ("assessed_on", "phase", "helped_by")},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Itsearvio tallennettu."))
            return redirect(_back(case, placement, supervisor))
    return _page(request, case, placement, supervisor, form, _("Toimintakyvyn itsearvio"))


@login_required
@require_GET
def evaluation_detail(request: HttpRequest, evaluation_pk: int) -> HttpResponse:
    evaluation = evaluation_gate(
        request.user, evaluation_pk, what="arviointi", meta=meta_of(request)
    )
    return render(
        request,
        "followup/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "scores": evaluation.scores.select_related("item"),
            "back": _back(
                evaluation.case,
                evaluation.placement,
                supervisor=evaluation.placement.site.memberships.filter(user=request.user).exists(),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Right.WORK, what="suunnitelman tarkistus")
    form = ReviewForm(request.POST or None, instance=Review(case=case))
    if request.method == "POST" and form.is_valid():
        try:
            services.review_record(user=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Tarkistus kirjattu."))
            return redirect("clients:case_detail", pk=case.pk)
    return _page(
        request, case, None, False, form, _("Suunnitelman tarkistus tai palautekeskustelu")
    )


@login_required
@require_http_methods(["GET", "POST"])
def closure_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Palvelun päättäminen: next path, contact person, continuation plan; a summary PDF."""
    case = case_for(request, pk, Right.WORK, what="palvelun päättäminen")
    form = ClosureForm(request.POST or None, instance=Closure(case=case))
    if request.method == "POST" and form.is_valid():
        try:
            services.case_close_with_closure(user=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Asiakkuus päätetty. Yhteenveto on tallennettu PDF:nä."))
            return redirect("clients:case_detail", pk=case.pk)
    return _page(request, case, None, False, form, _("Päätä asiakkuus"))


@login_required
@require_GET
def closure_pdf(request: HttpRequest, closure_pk: int) -> HttpResponse:
    closure = closure_gate(
        request.user,
        closure_pk,
        what="päättämisen yhteenveto PDF",
        meta=meta_of(request),
        action=AccessAction.PDF,
    )
    name = f"paattaminen-{closure.case_id}.pdf"
    try:
        with closure.pdf.open("rb") as stored:
            return pdf_response(stored.read(), name)
    except (OSError, ValueError):  # no stored file (lost, or never saved): rendered again
        return pdf_response(services.closure_pdf(closure), name)


def _reminder_answer(request: HttpRequest, reminder, message: str) -> HttpResponse:
    if request.htmx:
        return render(
            request,
            "followup/_reminder_closed.html",
            {"reminder": reminder, "message": message, "count": todo.todo(request.user).count()},
        )
    messages.success(request, message)
    return redirect("home")


@login_required
@require_POST
def reminder_done(request: HttpRequest, reminder_pk: int) -> HttpResponse:
    reminder = reminder_gate(
        request.user, reminder_pk, what="muistutus tehty", meta=meta_of(request)
    )
    try:
        reminders.reminder_done(user=request.user, reminder=reminder)
    except ValidationError as error:
        return _reminder_answer(request, reminder, " ".join(error.messages))
    return _reminder_answer(request, reminder, _("Merkitty tehdyksi."))


@login_required
@require_POST
def reminder_dismiss(request: HttpRequest, reminder_pk: int) -> HttpResponse:
    reminder = reminder_gate(
        request.user, reminder_pk, what="muistutus ohitettu", meta=meta_of(request)
    )
    try:
        reminders.reminder_dismiss(
            user=request.user, reminder=reminder, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        text = " ".join(error.messages)
        if request.htmx:
            item = todo.items([reminder])[0]
            return render(
                request, "followup/_reminder.html", {"item": item, "error": text}, status=400
            )
        messages.error(request, text)
        return redirect("home")
    return _reminder_answer(request, reminder, _("Muistutus ohitettu."))


def todo_panel(request: HttpRequest, user: User, today: datetime.date) -> dict:
    """The home page's to-do list: the user's first open reminders, overdue first, and a
    supervisor's site matters as one line per kind and site. Its total is also the
    header's count, asked once."""
    reminders, total = todo.first(user)
    groups = todo.groups(user) if Role.SUPERVISOR in user.roles else []
    everything = total + sum(group.count for group in groups)
    return {
        "todo_items": todo.items(reminders),
        "todo_groups": groups,
        "todo_more": total > len(reminders),
        "todo_total": everything,
        "reminder_count": everything,
        # a group's line names no client: only the cards' clients are shown
        "shown_cases": [reminder.case for reminder in reminders],
    }
