import datetime

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db.models import Q
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from pghistory.models import Events
from stdnum.fi import hetu

from accounts.forms import person_name
from accounts.models import Role, User
from accounts.services import account_events, membership_history
from core.access import Right, meta_of
from core.pdf import pdf_response, render_pdf

from . import export, services
from .access import case_for, cases
from .case_page import provided_context
from .forms import (
    AttachmentForm,
    CaseFilterForm,
    CaseOpenForm,
    CaseSearchForm,
    ClientForm,
    ConsentForm,
    GrantForm,
    MeetingForm,
    MisuseCheckForm,
    OpenedOnForm,
    PeriodForm,
    ReferralForm,
    WorkerForm,
    action_formset,
)
from .listing import log_shown, logged_page
from .models import AccessAction, Case, CaseGrant, Client, Consent

SEARCH_SESSION_KEY = "case_search"
PAGE_SIZE = 25


def _apply_search(cases, term: str):
    if not term:
        return cases
    if hetu.is_valid(term, allow_temporary=True):
        return cases.filter(client__hetu=hetu.compact(term))
    for word in term.split():
        cases = cases.filter(
            Q(client__last_name__icontains=word) | Q(client__first_names__icontains=word)
        )
    return cases


def _filtered(filters: CaseFilterForm, cases):
    """The cases the list's filters pick (open ones when none is chosen)."""
    status = "open"
    if filters.is_valid():
        data = filters.cleaned_data
        status = data["status"] or "open"
        if data["phase"]:
            cases = cases.filter(phase=data["phase"])
        if data["responsible_worker"]:
            cases = cases.filter(responsible_worker=data["responsible_worker"])
        if data["municipality"]:
            cases = cases.filter(municipality=data["municipality"])
        if data["overdue"]:
            cases = cases.overdue()
    if status != "all":
        cases = cases.filter(closed_on__isnull=status == "open")
    return cases


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    filters = CaseFilterForm(request.GET or None, user=request.user)
    cases = Case.objects.workable_by(request.user).select_related(
        "client", "municipality", "responsible_worker"
    )
    term = request.session.get(SEARCH_SESSION_KEY, "")
    listed = _apply_search(_filtered(filters, cases), term)
    page = logged_page(
        request, listed, what="asiakkuuslista", per_page=PAGE_SIZE, case_of=lambda case: case
    )
    return render(
        request,
        "clients/case_list.html",
        {
            "page": page,
            "filters": filters,
            "search": CaseSearchForm(initial={"q": term}),
            "searching": bool(term),
            "query_string": _query_without_page(request),
        },
    )


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("sivu", None)
    return query.urlencode()


@sensitive_post_parameters("q")
@login_required
@require_POST
def case_search(request: HttpRequest) -> HttpResponse:
    form = CaseSearchForm(request.POST)
    term = form.cleaned_data["q"].strip() if form.is_valid() else ""
    request.session[SEARCH_SESSION_KEY] = term
    return redirect("clients:case_list")


@sensitive_post_parameters("client-hetu")
@login_required
@require_http_methods(["GET", "POST"])
def case_open(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(Role.SOCIAL_WORKER):
        raise Http404
    client_form = ClientForm(request.POST or None, prefix="client")
    case_form = CaseOpenForm(request.POST or None, user=request.user, prefix="case")
    if request.method == "POST" and client_form.is_valid() and case_form.is_valid():
        try:
            case = services.case_open(
                user=request.user,
                client_data=client_form.cleaned_data,
                meta=meta_of(request),
                **case_form.cleaned_data,
            )
        except ValidationError as error:
            _add_to_forms(error, client_form, case_form)
        else:
            messages.success(request, _("Asiakkuus avattu."))
            return redirect("clients:case_detail", pk=case.pk)
    return render(
        request, "clients/case_open.html", {"client_form": client_form, "case_form": case_form}
    )


def _add_to_forms(error: ValidationError, *forms: Form) -> None:
    """Show each of a service's field errors on the form that has the field (the client's
    henkilötunnus, the case's municipality); the rest above the last form."""
    fields = error.error_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error}
    for field, errors in fields.items():
        owner = next((form for form in forms if field in form.fields), None)
        (owner or forms[-1]).add_error(field if owner else None, errors)


@login_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, what="asiakkuuden tiedot")
    works_on = cases(request.user, Right.WORK).filter(pk=case.pk).exists()
    context = {
        "case": case,
        "works_on": works_on,
        "show_hetu": works_on,
        "next_period": Case.objects.filter(previous=case).first() if works_on else None,
    }
    context.update(provided_context(request, case, works_on))
    if works_on:
        context.update(
            grants=case.grants.select_related("user", "granted_by"),
            attachments=case.attachments.select_related("uploaded_by"),
            history=_history(case),
            worker_form=WorkerForm(case=case),
        )
    return render(request, "clients/case_detail.html", context)


def _history(case: Case) -> list:
    events = sorted(
        [*Events.objects.tracks(case)[:50], *Events.objects.tracks(case.client)[:50]],
        key=lambda event: event.pgh_created_at,
        reverse=True,
    )
    user_ids = {e.pgh_context.get("user") for e in events if e.pgh_context}
    names = {u.pk: u.get_full_name() for u in User.objects.filter(pk__in=user_ids)}
    for event in events:
        user_id = (event.pgh_context or {}).get("user")
        event.who = names.get(user_id, _("järjestelmä"))
        model = apps.get_model(event.pgh_obj_model)
        event.subject = capfirst(model._meta.verbose_name)  # the client or the case
        event.changes = {
            _field_label(model, field): [None if v is None else _shown(v) for v in change]
            for field, change in (event.pgh_diff or {}).items()
            if field != "hetu"
        }
        event.reason = (event.pgh_context or {}).get("reason", "")
        event.created = [
            (_field_label(model, field), _shown((event.pgh_data or {}).get(field)))
            for field in HISTORY_CREATED_FIELDS.get(model, ())
            if (event.pgh_data or {}).get(field)
        ]
    return events


# what the history names of a record when it was created (not the henkilötunnus)
HISTORY_CREATED_FIELDS = {
    Case: ("opened_on",),
    Client: ("first_names", "last_name"),
}


def _shown(value) -> str:
    try:  # the event's data holds dates as ISO text; the pages show d.m.yyyy
        day = datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{day.day}.{day.month}.{day.year}"


def _field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


@login_required
@require_POST
def case_next_period(request: HttpRequest, pk: int) -> HttpResponse:
    previous = case_for(request, pk, Right.WORK, what="uusi jakso")
    try:
        case = services.case_open_next_period(user=request.user, previous=previous)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("clients:case_detail", pk=previous.pk)
    messages.success(
        request, _("Uusi jakso aloitettu: asiakkaan tiedot ja aiempi asiakkuus tulivat mukaan.")
    )
    return redirect("clients:case_detail", pk=case.pk)


@login_required
@require_http_methods(["GET", "POST"])
def case_opened_on(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Right.WORK, what="avaamispäivän korjaus")
    form = OpenedOnForm(request.POST or None, initial={"opened_on": case.opened_on})
    if request.method == "POST" and form.is_valid():
        try:
            services.case_correct_opened_on(user=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            _add_to_forms(error, form)
        else:
            messages.success(request, _("Avaamispäivä korjattu; syy näkyy muutoshistoriassa."))
            return redirect("clients:case_detail", pk=case.pk)
    return render(
        request,
        "clients/record_form.html",
        {"case": case, "form": form, "title": _("Korjaa asiakkuuden avaamispäivä")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Right.WORK, what="suostumuksen kirjaus")
    form = ConsentForm(request.POST or None, initial={"given_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(user=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Suostumus kirjattu."))
            return redirect("clients:case_detail", pk=case.pk)
    return render(request, "clients/consent_form.html", {"case": case, "form": form})


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    case = case_for(request, pk, Right.WORK, what="suostumuksen peruminen")
    consent = get_object_or_404(Consent, pk=consent_pk, client=case.client)
    try:
        services.consent_withdraw(user=request.user, consent=consent)
        messages.success(request, _("Suostumus peruttu: tietojen vaihto päättyi heti."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("clients:case_detail", pk=case.pk)


@login_required
@require_http_methods(["GET", "POST"])
def grants(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Right.WORK, what="käyttöoikeudet")
    form = GrantForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.case_grant(
                user=request.user,
                case=case,
                grantee=data["user"],
                reason=data["reason"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Käyttöoikeus myönnetty."))
            return redirect("clients:grants", pk=case.pk)
    case_grants = case.grants.select_related("user", "granted_by", "revoked_by")
    return render(
        request, "clients/grants.html", {"case": case, "form": form, "grants": case_grants}
    )


@login_required
@require_POST
def grant_renew(request: HttpRequest, pk: int, grant_pk: int) -> HttpResponse:
    case = case_for(request, pk, Right.WORK, what="käyttöoikeuden jatkaminen")
    grant = get_object_or_404(
        CaseGrant.objects.select_related("case", "user"), pk=grant_pk, case=case
    )
    try:
        renewal = services.case_grant_renew(user=request.user, grant=grant)
        messages.success(
            request,
            _("Käyttöoikeutta jatkettu %(end)s asti.")
            % {"end": renewal.ends_on.strftime("%-d.%-m.%Y")},
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("clients:grants", pk=case.pk)


@login_required
@require_POST
def grant_revoke(request: HttpRequest, pk: int, grant_pk: int) -> HttpResponse:
    case = case_for(request, pk, Right.WORK, what="käyttöoikeuden peruminen")
    grant = get_object_or_404(CaseGrant.objects.select_related("case"), pk=grant_pk, case=case)
    try:
        services.case_grant_revoke(user=request.user, grant=grant)
        messages.success(request, _("Käyttöoikeus peruttu."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("clients:grants", pk=case.pk)


def _log_report_context(request: HttpRequest, case: Case) -> dict:
    today = timezone.localdate()
    form = PeriodForm(request.GET or {"start": case.opened_on, "end": today})
    context = {"case": case, "form": form, "today": today}
    if form.is_valid():
        accesses, disclosures = services.client_log_report(
            client=case.client, start=form.cleaned_data["start"], end=form.cleaned_data["end"]
        )
        context.update(accesses=accesses, disclosures=disclosures, **form.cleaned_data)
    return context


@login_required
@require_GET
def log_report(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Right.WORK, what="lokiraportti")
    return render(request, "clients/log_report.html", _log_report_context(request, case))


@login_required
@require_GET
def log_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Right.WORK, what="lokiraportti PDF", action=AccessAction.PDF)
    context = _log_report_context(request, case)
    if not context["form"].is_valid():
        raise Http404
    pdf = render_pdf("clients/log_report_pdf.html", context, request)
    return pdf_response(pdf, f"lokiraportti-{case.pk}.pdf")


def _export(request: HttpRequest, pk: int, what: str) -> tuple:
    """The case through the gate (one log row), this person's other client records of
    the worker's registrars (one row each), and every record of them."""
    meta = meta_of(request, _("asiakkaan tietopyyntö"))
    case = case_for(
        request, pk, Right.WORK, what=what, action=AccessAction.EXPORT, purpose=meta.purpose
    )
    clients = export.export_clients(user=request.user, client=case.client)
    export.log_other_records(
        user=request.user, client=case.client, clients=clients, what=what, meta=meta
    )
    return case, export.client_export(clients=clients)


@login_required
@require_GET
def export_json(request: HttpRequest, pk: int) -> JsonResponse:
    case, data = _export(request, pk, "tietopyyntö JSON")
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="tiedot-{case.client.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    case, data = _export(request, pk, "tietopyyntö PDF")
    pdf = render_pdf("clients/export_pdf.html", {"data": data, "case": case}, request)
    return pdf_response(pdf, f"tiedot-{case.client.pk}.pdf")


def _misuse_found(request: HttpRequest, form: MisuseCheckForm) -> dict:
    """The checked user's memberships and accesses to clients never their own; the
    clients shown are logged."""
    data = form.cleaned_data
    officer = request.user
    memberships = membership_history(
        user=data["user"],
        organizations=officer.organizations_as(Role.PRIVACY_OFFICER),
        start=data["start"],
        end=data["end"],
    )
    rows = list(
        services.misuse_check(
            officer=officer, checked_user=data["user"], start=data["start"], end=data["end"]
        )
    )
    log_shown(
        request,
        what="käytön valvonta",
        clients=[row.client_id for row in rows],
        purpose=_("käytön valvonta (tietosuoja)"),
    )
    accounts = account_events(user=data["user"], start=data["start"], end=data["end"])
    return {"rows": rows, "memberships": memberships, "account_changes": accounts}


MISUSE_PANEL_DAYS = 30


def misuse_panel(request: HttpRequest, user: User, today: datetime.date) -> dict:
    """The privacy officer's home (issue 27): the last 30 days' accesses to clients never
    the user's own, per user (counts, no client: nothing to log), each a link to that
    user's check, and the check's own form."""
    start = today - datetime.timedelta(days=MISUSE_PANEL_DAYS)
    check = reverse("clients:misuse_check")
    rows = [
        {
            "name": person_name(checked),
            "count": count,
            "url": f"{check}?{urlencode({'user': checked.pk, 'start': start, 'end': today})}",
        }
        for checked, count in services.misuse_summary(officer=user, start=start, end=today)
    ]
    form = MisuseCheckForm(officer=user, initial={"start": start, "end": today})
    return {"misuse_rows": rows, "misuse_start": start, "misuse_form": form}


@login_required
@require_GET
def misuse_check(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(Role.PRIVACY_OFFICER):
        raise Http404
    form = MisuseCheckForm(request.GET or None, officer=request.user)
    found = _misuse_found(request, form) if form.is_valid() else {}
    return render(
        request,
        "clients/misuse_check.html",
        {"form": form, "rows": None, "memberships": None, **found},
    )


@login_required
@require_http_methods(["GET", "POST"])
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Right.WORK, what="liitteen lisäys")
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_add(
                user=request.user,
                case=case,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Liite tallennettu."))
            return redirect("clients:case_detail", pk=case.pk)
    return render(request, "clients/attachment_form.html", {"case": case, "form": form})


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    case = case_for(request, pk, Right.WORK, what=f"liite {attachment_pk}")
    attachment = get_object_or_404(case.attachments, pk=attachment_pk)
    extension = settings.UPLOAD_TYPES[attachment.content_type]
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=f"liite-{attachment.pk}.{extension}",
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def referral_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Right.WORK, what="ohjautumisen kirjaus")
    form = ReferralForm(request.POST or None, initial={"initiated_on": case.opened_on})
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_record(user=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Ohjautuminen kirjattu."))
            return redirect("clients:case_detail", pk=case.pk)
    return render(
        request,
        "clients/record_form.html",
        {"case": case, "form": form, "title": _("Ohjautuminen ja vireilletulo")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Right.WORK, what="verkostopalaverin kirjaus")
    form = MeetingForm(request.POST or None, initial={"held_on": timezone.localdate()})
    actions = action_formset(request.POST or None)
    if request.method == "POST" and form.is_valid() and actions.is_valid():
        data = dict(form.cleaned_data)
        agreed = [a for a in actions.cleaned_data if a and not a.get("DELETE")]
        for action in agreed:
            action.pop("DELETE", None)
        try:
            services.meeting_record(
                user=request.user,
                case=case,
                organizations=data.pop("organizations"),
                actions=agreed,
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Tapaaminen kirjattu."))
            return redirect("clients:case_detail", pk=case.pk)
    return render(
        request, "clients/meeting_form.html", {"case": case, "form": form, "actions": actions}
    )


@login_required
@require_POST
def change_worker(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Right.WORK, what="omatyöntekijän vaihto")
    form = WorkerForm(request.POST, case=case)
    if form.is_valid():
        try:
            services.case_change_worker(
                user=request.user, case=case, worker=form.cleaned_data["worker"]
            )
            messages.success(request, _("Omatyöntekijä vaihdettu."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Valitse omatyöntekijä."))
    return redirect("clients:case_detail", pk=case.pk)


def my_cases_panel(request: HttpRequest, user: User, today: datetime.date) -> dict:
    """The home page's panel for a social worker: the open cases they are responsible for."""
    my_cases = list(
        cases(user, Right.WORK)
        .open()
        .filter(responsible_worker=user)
        .select_related("client", "municipality", "responsible_worker")
    )
    return {"my_cases": my_cases, "shown_cases": my_cases}
