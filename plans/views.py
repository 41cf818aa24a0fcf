import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Role, User
from clients.access import case_for, cases, default_action, log_listed
from clients.lifecycle import case_move
from core.access import Right, meta_of

from . import queue, services
from .access import plan_gate, rows
from .forms import (
    ActivationPlanForm,
    AssessmentForm,
    ClientBenefitForm,
    ClientPlanForm,
    EmploymentPlanForm,
    InterruptionForm,
    PhaseForm,
    SignForm,
)
from .models import Party, PlanType

PAGE_SIZE = 25  # the plans to sign, a page at a time (the case list's size)
HOME_PLANS = 10  # the home page's panel: the newest plans to sign, then a link

RECORDS = {
    "assessment": (AssessmentForm, services.assessment_record, _("Palvelutarpeen arviointi")),
    "client_plan": (ClientPlanForm, services.client_plan_record, _("Asiakassuunnitelma")),
    "employment_plan": (
        EmploymentPlanForm,
        services.employment_plan_record,
        _("Työllistymissuunnitelma"),
    ),
    "benefit": (ClientBenefitForm, services.benefit_record, _("Etuus")),
}


def _record_view(kind: str):
    form_class, service, title = RECORDS[kind]

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        case = case_for(request, pk, Right.WORK, what=str(title))
        form = form_class(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                service(user=request.user, case=case, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("%(record)s tallennettu.") % {"record": title})
                return redirect("clients:case_detail", pk=case.pk)
        return render(
            request, "clients/record_form.html", {"case": case, "form": form, "title": title}
        )

    view.__name__ = f"{kind}_create"
    return view


assessment_create = _record_view("assessment")
client_plan_create = _record_view("client_plan")
employment_plan_create = _record_view("employment_plan")
benefit_create = _record_view("benefit")


@login_required
@require_POST
def case_phase(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Right.WORK, what="vaiheen muutos")
    form = PhaseForm(request.POST)
    try:
        if not form.is_valid():  # never a silent refusal: name the field and the rule
            raise ValidationError(
                [f"{form[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()]
            )
        case_move(user=request.user, case=case, **form.cleaned_data)
        messages.success(request, _("Vaihe muutettu."))
    except ValidationError as error:
        messages.error(request, _("Vaihetta ei muutettu. ") + " ".join(error.messages))
    return redirect("clients:case_detail", pk=case.pk)


def _plan_for(request: HttpRequest, pk: int, plan_pk: int, what: str, right: Right):
    plan = plan_gate(
        request.user,
        plan_pk,
        right,
        what=what,
        meta=meta_of(request),
        action=default_action(request.method),
        case_pk=pk,
    )
    return plan.case, plan


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Right.WORK, what="aktivointisuunnitelman laadinta")
    # the type the rule set in force gives the client's benefits (issue 26)
    expected = services.expected_plan_type(case)
    initial = {"plan_type": expected or PlanType.objects.filter(active=True).first()}
    form = ActivationPlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.activation_plan_create(
                user=request.user, case=case, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Suunnitelmaluonnos tallennettu."))
            return redirect("plans:plan_detail", pk=case.pk, plan_pk=plan.pk)
    return render(request, "plans/plan_form.html", {"case": case, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    case, plan = _plan_for(request, pk, plan_pk, "aktivointisuunnitelman muokkaus", Right.CO_SIGN)
    form = ActivationPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.activation_plan_update(user=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Suunnitelmaluonnos tallennettu."))
            return redirect("plans:plan_detail", pk=case.pk, plan_pk=plan.pk)
    return render(request, "plans/plan_form.html", {"case": case, "form": form, "plan": plan})


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    case, plan = _plan_for(request, pk, plan_pk, "aktivointisuunnitelma", Right.READ)
    parties = services.parties_user_may_sign(request.user, plan)
    sign_form = SignForm(
        initial={"signed_on": timezone.localdate(), "party": _default_party(request.user, parties)},
        parties=parties,
    )
    return _plan_page(request, case, plan, sign_form)


def _plan_page(request: HttpRequest, case, plan, sign_form: SignForm) -> HttpResponse:
    signed = {s.party: s for s in plan.signatures.select_related("recorded_by")}
    return render(
        request,
        "plans/plan_detail.html",
        {
            "case": case,
            "plan": plan,
            "sign_form": sign_form if sign_form.fields["party"].choices else None,
            "missing": plan.missing_items(),
            "signatures": [(party, signed.get(party)) for party in Party],
            "works_on": cases(request.user, Right.WORK).filter(pk=case.pk).exists(),
            "interruption_form": InterruptionForm(),
        },
        status=400 if sign_form.is_bound else 200,
    )


def _default_party(user, parties: list[str]) -> str | None:
    for party, role in (
        (Party.EMPLOYMENT_AUTHORITY, Role.EMPLOYMENT_OFFICER),
        (Party.MUNICIPALITY, Role.SOCIAL_WORKER),
    ):
        if party in parties and user.has_role(role):
            return party
    return parties[0] if parties else None


@login_required
@require_POST
def plan_sign(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    case, plan = _plan_for(
        request, pk, plan_pk, "aktivointisuunnitelman allekirjoitus", Right.CO_SIGN
    )
    form = SignForm(request.POST, parties=services.parties_user_may_sign(request.user, plan))
    if form.is_valid():
        try:
            services.activation_plan_sign(user=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Allekirjoitus kirjattu."))
            return redirect("plans:plan_detail", pk=case.pk, plan_pk=plan.pk)
    # refused: the page again with what was typed, and the reason beside the form
    return _plan_page(request, case, plan, form)


@login_required
@require_POST
def plan_renew(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    case, plan = _plan_for(request, pk, plan_pk, "suunnitelman uusiminen", Right.WORK)
    try:
        renewal = services.activation_plan_renew(user=request.user, plan=plan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("plans:plan_detail", pk=case.pk, plan_pk=plan.pk)
    messages.success(request, _("Uusi versio luotu luonnoksena."))
    return redirect("plans:plan_edit", pk=case.pk, plan_pk=renewal.pk)


@login_required
@require_POST
def plan_interrupt(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    case, plan = _plan_for(request, pk, plan_pk, "suunnitelman keskeytys", Right.WORK)
    form = InterruptionForm(request.POST)
    if form.is_valid():
        try:
            services.activation_plan_interrupt(user=request.user, plan=plan, **form.cleaned_data)
            messages.success(request, _("Suunnitelma kirjattu keskeytyneeksi."))
            return redirect("plans:plan_detail", pk=case.pk, plan_pk=plan.pk)
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "plans/interrupt_form.html", {"case": case, "plan": plan, "form": form})


@login_required
@require_GET
def plans_to_sign(request: HttpRequest) -> HttpResponse:
    """The TE officer's list: drafts of cases shared with their office, unsigned by it."""
    if not request.user.has_role(Role.EMPLOYMENT_OFFICER):
        raise Http404
    # A page at a time by keyset, the length counted up to a page, and only the clients
    # shown are logged (issues 15 and 30: plans/queue.py)
    ids = queue.queue_for(request.user)
    page = queue.page_after(ids, request.GET.get("jalkeen"), PAGE_SIZE)
    log_listed(
        request.user,
        [plan.case for plan in page.plans],
        what="allekirjoitettavat suunnitelmat",
        meta=meta_of(request),
    )
    _n, total = queue.capped_count(ids)
    context = {"plans": page.plans, "queue": page, "total": total}
    return render(request, "plans/plans_to_sign.html", context)


def plans_to_sign_panel(request: HttpRequest, user: User, today: datetime.date) -> dict:
    """The home page's panel for an employment authority officer: the newest plans to
    sign, then a link to the paginated list, so only the clients shown are logged."""
    to_sign = queue.queue_for(user)
    plans = rows(to_sign[:HOME_PLANS])
    total, shown = queue.capped_count(to_sign)
    return {
        "plans_to_sign": plans,
        "plans_to_sign_total": total,
        "plans_to_sign_shown": shown,
        "shown_cases": [plan.case for plan in plans],
    }
