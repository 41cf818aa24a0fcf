from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clients.access import client_gate, default_action
from clients.models import AccessAction
from core.access import Right, meta_of

from . import flags, forms, services
from .access import (
    acting_organization,
    flag_gate,
    flags_of,
    log_flags,
    log_paths,
    path_gate,
    paths,
)
from .models import HANDOVER_WORKING_DAYS, IntegrationFlag, SupportPath
from .plan import composite

PER_PAGE = 25


def _gate(request: HttpRequest, pk, what: str, right: Right = Right.WORK, **kwargs):
    return path_gate(
        request.user,
        "support_path",
        pk,
        right=right,
        what=what,
        meta=meta_of(request),
        action=default_action(request.method),
        **kwargs,
    )


@login_required
@require_GET
def path_list(request: HttpRequest) -> HttpResponse:
    """The paths the user reaches, open first; each client shown logged once."""
    found = paths(request.user).select_related(
        "client", "team", "responsible_worker", "responsible_organization", "consent"
    )
    page = Paginator(found.order_by("ends_on", "-recognised_on", "-pk"), PER_PAGE)
    page = page.get_page(request.GET.get("sivu"))
    log_paths(
        request.user,
        page.object_list,
        what="työkyvyn tuen polut",
        meta=meta_of(request),
        action=AccessAction.LIST,
    )
    return render(request, "workability/path_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def path_open(request: HttpRequest, client_pk) -> HttpResponse:
    """The social worker recognises the need and refers the client, with the consent."""
    client = client_gate(
        request.user,
        client_pk,
        Right.WORK,
        what="työkyvyn tuen polun aloitus",
        meta=meta_of(request),
        action=default_action(request.method),
    )
    form = forms.PathOpenForm(request.POST or None, client=client)
    if request.method == "POST" and form.is_valid():
        try:
            path = services.path_open(actor=request.user, client=client, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("workability:path_detail", path.pk)
    title = _("Työkyvyn tuen tarve: lähete tai konsultaatio työkykytiimiin")
    return render(
        request,
        "workability/form.html",
        {"form": form, "title": title, "subject": client.full_name, "back": reverse("home")},
    )


@login_required
@require_GET
def path_detail(request: HttpRequest, pk) -> HttpResponse:
    """The shared plan: every part the user may see, each labelled with its owner."""
    path = _gate(request, pk, "yhteinen suunnitelma", Right.READ, team_part=True)
    today = timezone.localdate()
    team_visible = path.consent.is_in_force()
    pending = path.handovers.filter(accepted_at__isnull=True, cancelled_at__isnull=True)
    handover = pending.select_related("to_worker", "from_worker").first()
    flag = IntegrationFlag.objects.filter(client_id=path.client_id, cleared_on__isnull=True)
    flag = flag.first()
    context = {
        "path": path,
        "parts": composite(path, team_part=team_visible),
        "team_visible": team_visible,
        "handover": handover,
        "waiting": handover.waiting_days(today) if handover else 0,
        "handover_days": HANDOVER_WORKING_DAYS,
        "acts": acting_organization(request.user, path) is not None,
        "flag": flag,
        "flag_lines": flags.explain(flag) if flag else [],
    }
    return render(request, "workability/path_detail.html", context)


FORMS = {
    "tiedot": (forms.PathEditForm, None, gettext_lazy("Lähtötilanne, tavoitteet ja vaihe")),
    "toimenpide": (forms.ActionForm, services.action_add, gettext_lazy("Uusi toimenpide")),
    "palvelu": (forms.ServiceForm, services.service_add, gettext_lazy("Rinnakkainen palvelu")),
    "yhteydenotto": (
        forms.ContactForm,
        services.contact_add,
        gettext_lazy("Yhteydenotto tai konsultaatio"),
    ),
    "terveysasiakirja": (
        forms.HealthDocumentForm,
        services.health_document_add,
        gettext_lazy("Viittaus terveydenhuollon asiakirjaan"),
    ),
}


def _form_page(request, path, form, title) -> HttpResponse:
    back = reverse("workability:path_detail", args=[path.pk])
    context = {"form": form, "title": title, "subject": path.client.full_name, "back": back}
    return render(request, "workability/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def part_add(request: HttpRequest, pk, part: str) -> HttpResponse:
    """A part of the plan, written by the user's own organisation (or the baseline)."""
    if part not in FORMS:
        return render(request, "404.html", status=404)
    path = _gate(request, pk, f"työkykypolku: {part}")
    form_class, service, title = FORMS[part]
    if service is None:
        form = form_class(request.POST or None, instance=path)
    else:
        form = form_class(request.POST or None, path=path)
    if request.method == "POST" and form.is_valid():
        try:
            if service is None:
                services.path_update(actor=request.user, path=path, **form.cleaned_data)
            else:
                service(actor=request.user, path=path, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("workability:path_detail", path.pk)
    return _form_page(request, path, form, title)


@login_required
@require_POST
def action_done(request: HttpRequest, pk) -> HttpResponse:
    action = path_gate(
        request.user,
        "plan_action",
        pk,
        right=Right.WORK,
        what="toimenpide tehty",
        meta=meta_of(request),
        action=AccessAction.CHANGE,
    )
    try:
        services.action_done(actor=request.user, action=action, done_on=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("workability:path_detail", action.path_id)


@login_required
@require_http_methods(["GET", "POST"])
def handover_propose(request: HttpRequest, pk) -> HttpResponse:
    """The current responsible worker proposes the hand-over at a joint."""
    path = _gate(request, pk, "vastuutyöntekijän vaihto")
    form = forms.HandoverForm(request.POST or None, path=path)
    if request.method == "POST" and form.is_valid():
        try:
            services.handover_propose(actor=request.user, path=path, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("workability:path_detail", path.pk)
    return _form_page(request, path, form, _("Ehdota vastuutyöntekijän vaihtoa"))


@login_required
@require_POST
def handover_accept(request: HttpRequest, pk) -> HttpResponse:
    """The receiver accepts: from now on they hold the client."""
    handover = path_gate(
        request.user,
        "handover",
        pk,
        right=Right.WORK,
        what="vastuutyöntekijän vaihdon hyväksyntä",
        meta=meta_of(request),
        action=AccessAction.CHANGE,
    )
    try:
        services.handover_accept(actor=request.user, handover=handover)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Olet nyt asiakkaan vastuutyöntekijä."))
    return redirect("workability:path_detail", handover.path_id)


@login_required
@require_http_methods(["GET", "POST"])
def path_end(request: HttpRequest, pk) -> HttpResponse:
    """Phase 4: the continuation plan and the date the path ends."""
    path = _gate(request, pk, "työkykypolun päättäminen")
    form = forms.EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.path_end(actor=request.user, path=path, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("workability:path_detail", path.pk)
    return _form_page(request, path, form, _("Seuranta ja jatkosuunnitelma: polun päättäminen"))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_add(request: HttpRequest, pk) -> HttpResponse:
    """A network meeting across organisations, with the agreed actions."""
    path = _gate(request, pk, "verkostotapaaminen")
    form = forms.MeetingForm(request.POST or None, path=path)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("held_on", "participants", "summary")}
        organizations = list(form.cleaned_data["organizations"])
        try:
            services.meeting_record(
                actor=request.user,
                path=path,
                organizations=organizations,
                actions=form.actions(),
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("workability:path_detail", path.pk)
    return _form_page(request, path, form, _("Monialainen verkostotapaaminen"))


@login_required
@require_POST
def flag_evaluate(request: HttpRequest, client_pk) -> HttpResponse:
    """The social worker checks the region's criteria for the client."""
    client = client_gate(
        request.user,
        client_pk,
        Right.WORK,
        what="integraatiokriteerien arviointi",
        meta=meta_of(request),
        action=AccessAction.CHANGE,
    )
    flag = flags.flags_evaluate(actor=request.user, client=client, today=timezone.localdate())
    if flag is None:
        messages.info(request, _("Asiakas ei täytä alueen kriteerejä tiiviimmälle integraatiolle."))
        return redirect("workability:flag_list")
    return redirect("workability:flag_detail", flag.pk)


@login_required
@require_GET
def flag_list(request: HttpRequest) -> HttpResponse:
    """The open flags of the clients the user reaches."""
    found = flags_of(request.user).filter(cleared_on__isnull=True).select_related("client")
    page = Paginator(found.order_by("-raised_on", "-pk"), PER_PAGE)
    page = page.get_page(request.GET.get("sivu"))
    log_flags(
        request.user,
        page.object_list,
        what="integraatiomerkinnät",
        meta=meta_of(request),
        action=AccessAction.LIST,
    )
    rows = [(flag, flags.explain(flag)) for flag in page]
    return render(request, "workability/flag_list.html", {"page": page, "rows": rows})


@login_required
@require_GET
def flag_detail(request: HttpRequest, pk) -> HttpResponse:
    flag = flag_gate(request.user, pk, what="integraatiomerkintä", meta=meta_of(request))
    path = SupportPath.objects.filter(client_id=flag.client_id, ends_on__isnull=True).first()
    context = {"flag": flag, "lines": flags.explain(flag), "path": path}
    return render(request, "workability/flag_detail.html", context)
