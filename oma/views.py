"""The client's own pages under /oma/ (issue 24): phone first, plain language."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from clients import services as client_services
from clients.models import AccessAction
from core.pdf import pdf_response, render_pdf
from decisions import services as decision_services
from followup import services as followup_services

from . import pages, services
from .access import client_required, own_gate, own_meta
from .auth import IDENTIFICATION


@require_GET
def signin(request):
    if request.user.is_authenticated:
        return redirect("oma:home")
    return render(request, "oma/signin.html", {"failed": "virhe" in request.GET})


class SignInStart(OIDCAuthenticationRequestView):
    """To the identification service, with a fresh state and nonce in the session."""


class SignInCallback(OIDCAuthenticationCallbackView):
    @property
    def failure_url(self) -> str:
        return reverse("oma:signin") + "?virhe=1"

    @property
    def success_url(self) -> str:
        return reverse("oma:home")


@require_POST
def signout(request):
    """Ends the session here and at the identification service (RP-initiated logout)."""
    id_token = request.session.get("oidc_id_token", "")
    logout(request)
    query = {
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("oma:signed_out")),
    }
    if id_token:
        query["id_token_hint"] = id_token
    return redirect(f"{settings.OMA_OIDC_LOGOUT_ENDPOINT}?{urlencode(query)}")


@require_GET
def signed_out(request):
    return render(request, "oma/signed_out.html")


@require_GET
@client_required
def home(request):
    registrars = pages.front_page(request.user, own_meta(request))
    return render(request, "oma/home.html", {"registrars": registrars})


@require_GET
@client_required
def plan_detail(request, pk: int):
    plan = own_gate(request, "activation_plan", pk, what="oma suunnitelma")
    return render(request, "oma/plan_detail.html", pages.plan_page(plan))


@require_POST
@client_required
def plan_sign(request, pk: int):
    plan = own_gate(request, "activation_plan", pk, what="oma allekirjoitus")
    try:
        services.own_plan_sign(
            user=request.user, plan=plan, identification_id=request.session.get(IDENTIFICATION)
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Allekirjoitit suunnitelman."))
    return redirect("oma:plan_detail", pk=plan.pk)


@require_GET
@client_required
def consent_list(request):
    consents = pages.own_consents(request.user, own_meta(request))
    return render(request, "oma/consents.html", {"consents": consents})


@require_POST
@client_required
def consent_withdraw(request, pk: int):
    consent = own_gate(request, "consent", pk, what="oma suostumus", action=AccessAction.CHANGE)
    try:
        client_services.consent_withdraw(user=request.user, consent=consent)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Suostumus on peruttu. Se ei ole enää voimassa."))
    return redirect("oma:consent_list")


@require_GET
@client_required
def processing_log(request):
    context = pages.processing_log(request.user, own_meta(request))
    return render(request, "oma/processing_log.html", context)


@require_GET
@client_required
def my_days(request):
    return render(
        request, "oma/days.html", {"placements": pages.own_days(request.user, own_meta(request))}
    )


@require_GET
@client_required
def decision_list(request):
    decisions = pages.own_decisions(request.user, own_meta(request))
    return render(request, "oma/decisions.html", {"decisions": decisions})


@require_GET
@client_required
def decision_pdf(request, pk: int):
    decision = own_gate(request, "decision", pk, what="oma päätös PDF", action=AccessAction.PDF)
    if decision.status not in pages.SHOWN_DECISIONS:
        raise Http404
    return pdf_response(*decision_services.decision_pdf_file(decision))


@require_http_methods(["GET", "POST"])
@client_required
def self_assessment(request, pk: int):
    """The client's own scores before a review; the worker sees them on the chart."""
    case = own_gate(request, "case", pk, what="oma itsearvio")
    form = pages.self_assessment_form(request.POST if request.method == "POST" else None)
    if form.is_valid():
        scores = {
            int(name.split("_")[1]): value
            for name, value in form.cleaned_data.items()
            if name.startswith("domain_")
        }
        try:
            followup_services.capacity_assessment_record(
                user=request.user,
                case=case,
                assessed_on=timezone.localdate(),
                phase=form.cleaned_data["phase"],
                scores=scores,
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("Kiitos! Työntekijäsi näkee arviosi."))
            return redirect("oma:home")
    return render(request, "oma/self_assessment.html", {"form": form, "case": case})


@require_GET
@client_required
def processing_log_pdf(request):
    context = pages.processing_log(request.user, own_meta(request))
    return pdf_response(render_pdf("oma/processing_log_pdf.html", context), "kasittelyt.pdf")
